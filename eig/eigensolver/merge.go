// Copyright ©2026 The matcalc Authors. All rights reserved.

package eigensolver

import (
	"math"
	"runtime"
	"sync"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
)

// Column sparsity of diag(Q1, Q2) after deflation, as in LAPACK's dlaed2:
// a column is nonzero in the top half only, in both (after a rotation mixed
// a top and a bottom column), or in the bottom half only.
const (
	colTop    = 1
	colBoth   = 2
	colBottom = 3
)

// merge combines the eigenpairs of the two halves [lo, mid) and [mid, hi) of a
// subproblem into those of the whole (Cuppen's method). With Q = diag(Q1, Q2)
// and D = diag(Λ1, Λ2) from the halves,
//
//	T = Q (D + ρ z zᵀ) Qᵀ,  z = (last row of Q1, sign(β) · first row of Q2)/√2,  ρ = 2|β|.
//
// Eigenpairs of D + ρ z zᵀ that are already known to working precision are
// deflated (small z_i, or nearly equal d_i after a Givens rotation); the
// rest come from the secular equation, with eigenvectors computed from
// Gu and Eisenstat's recomputed ẑ (Löwner's theorem), which keeps them
// orthogonal to working precision. The new eigenvectors are Q times those,
// two GEMMs that skip the zero blocks of Q.
func (w *dc) merge(d []float64, lo, mid, hi, off, depth int) {
	m, m1, m2 := hi-lo, mid-lo, hi-mid
	child := w.q[(depth+1)%2]
	q1 := child[off : off+m1*m1]
	q2 := child[off+m1*m1 : off+m1*m1+m2*m2]
	out := w.q[depth%2][off : off+m*m]
	// diag(Q1, Q2) is laid out in the output region itself: once its
	// columns are gathered and the deflated ones saved, the GEMMs overwrite it.
	full := out

	beta := w.beta[mid]
	rho := 2 * math.Abs(beta)
	sgn := 1.0
	if beta < 0 {
		sgn = -1
	}
	z := w.z[lo:hi]
	for j := range m1 {
		z[j] = q1[(m1-1)*m1+j] / math.Sqrt2
	}
	for j := range m2 {
		z[m1+j] = sgn * q2[j] / math.Sqrt2
	}

	// Sort the poles and lay out diag(Q1, Q2) with its columns in that order.
	dd := d[lo:hi]
	perm := w.perm[lo:hi]
	for i := range perm {
		perm[i] = i
	}
	sortIndex(perm, dd)
	ds, zs, typ := w.ds[lo:hi], w.zs[lo:hi], w.typ[lo:hi]
	for c, p := range perm {
		ds[c], zs[c] = dd[p], z[p]
		if p < m1 {
			typ[c] = colTop
		} else {
			typ[c] = colBottom
		}
	}
	for r := range m1 {
		row, src := full[r*m:(r+1)*m], q1[r*m1:(r+1)*m1]
		for c, p := range perm {
			if p < m1 {
				row[c] = src[p]
			} else {
				row[c] = 0
			}
		}
	}
	for r := range m2 {
		row, src := full[(m1+r)*m:(m1+r+1)*m], q2[r*m2:(r+1)*m2]
		for c, p := range perm {
			if p >= m1 {
				row[c] = src[p-m1]
			} else {
				row[c] = 0
			}
		}
	}

	nd, dfl := w.deflate(full, m, rho, ds, zs, typ, w.nd[lo:lo:hi], w.dfl[lo:lo:hi])
	k := len(nd)

	// Gather the non-deflated columns, those nonzero in the top half first,
	// then the mixed ones, then those nonzero in the bottom half.
	var c1, c2 int
	for _, c := range nd {
		switch typ[c] {
		case colTop:
			c1++
		case colBoth:
			c2++
		}
	}
	c3 := k - c1 - c2
	c12, c23 := c1+c2, c2+c3
	dl, zl, pos := w.dl[lo:lo+k], w.zl[lo:lo+k], w.pos[lo:lo+k]
	next := [4]int{colTop: 0, colBoth: c1, colBottom: c12}
	for i, c := range nd {
		dl[i], zl[i] = ds[c], zs[c]
		pos[i] = next[typ[c]]
		next[typ[c]]++
	}
	top := w.gath[off : off+m1*c12]
	bot := w.gath[off+m1*c12 : off+m1*c12+m2*c23]
	for r := range m1 {
		row, dst := full[r*m:(r+1)*m], top[r*c12:(r+1)*c12]
		for i, c := range nd {
			if typ[c] != colBottom {
				dst[pos[i]] = row[c]
			}
		}
	}
	for r := range m2 {
		row, dst := full[(m1+r)*m:(m1+r+1)*m], bot[r*c23:(r+1)*c23]
		for i, c := range nd {
			if typ[c] != colTop {
				dst[pos[i]-c1] = row[c]
			}
		}
	}

	nd2 := m - k
	saved := w.gath[off+m1*c12+m2*c23 : off+m1*c12+m2*c23+m*nd2]
	for r := range m {
		row, dst := full[r*m:(r+1)*m], saved[r*nd2:(r+1)*nd2]
		for t, c := range dfl {
			dst[t] = row[c]
		}
	}

	// The eigenvectors of D + ρ z zᵀ restricted to the non-deflated part:
	// row j of u is the vector of root j, its entries in gathered order.
	u := w.delta[off : off+k*k]
	lam := w.lam[lo : lo+k]
	if k > 0 && (w.failMerge || !w.secular(dl, zl, rho, lam, u, pos, w.zhat[lo:lo+k])) {
		w.setErr(notConverged("secular equation of order %d did not converge", k))
		return
	}

	impl := blas64.Implementation()
	if k > 0 {
		if c12 > 0 {
			impl.Dgemm(blas.NoTrans, blas.Trans, m1, k, c12, 1, top, max(c12, 1), u, k, 0, out, m)
		} else {
			for r := range m1 {
				clear(out[r*m : r*m+k])
			}
		}
		if c23 > 0 {
			impl.Dgemm(blas.NoTrans, blas.Trans, m2, k, c23, 1, bot, max(c23, 1), u[c1:], k, 0, out[m1*m:], m)
		} else {
			for r := m1; r < m; r++ {
				clear(out[r*m : r*m+k])
			}
		}
	}
	for r := range m {
		copy(out[r*m+k:(r+1)*m], saved[r*nd2:(r+1)*nd2])
	}
	copy(dd, lam)
	for t, c := range dfl {
		dd[k+t] = ds[c]
	}
}

// deflate finds the eigenpairs of D + ρ z zᵀ (D = diag(ds), ascending) that
// need no secular equation, as LAPACK's dlaed2 does: those with ρ|z_i| below
// the tolerance, and one of each pair of poles closer than the tolerance
// after a Givens rotation that zeroes its z entry. Rotations are applied to
// the columns of the m×m matrix full and to ds and zs, and mark mixed columns
// in typ. It returns the indices of the remaining (non-deflated, ascending)
// and of the deflated columns.
func (w *dc) deflate(full []float64, m int, rho float64, ds, zs []float64, typ []int8, nd, dfl []int) ([]int, []int) {
	const eps = 0x1p-53
	var dmax, zmax float64
	for i := range ds {
		dmax = math.Max(dmax, math.Abs(ds[i]))
		zmax = math.Max(zmax, math.Abs(zs[i]))
	}
	tol := 8 * eps * math.Max(dmax, zmax)
	if rho*zmax <= tol {
		for c := range m {
			dfl = append(dfl, c)
		}
		return nd, dfl
	}
	pj := -1
	for c := range m {
		if rho*math.Abs(zs[c]) <= tol {
			dfl = append(dfl, c)
			continue
		}
		if pj < 0 {
			pj = c
			continue
		}
		s, cc := zs[pj], zs[c]
		tau := math.Hypot(cc, s)
		cs, sn := cc/tau, -s/tau
		if math.Abs((ds[c]-ds[pj])*cs*sn) > tol {
			nd = append(nd, pj)
			pj = c
			continue
		}
		// Rotate z_pj into z_c; pj becomes an eigenpair.
		zs[c], zs[pj] = tau, 0
		for r := range m {
			x, y := full[r*m+pj], full[r*m+c]
			full[r*m+pj] = cs*x + sn*y
			full[r*m+c] = cs*y - sn*x
		}
		if typ[pj] != typ[c] {
			typ[c] = colBoth
		}
		t := ds[pj]*cs*cs + ds[c]*sn*sn
		ds[c] = ds[pj]*sn*sn + ds[c]*cs*cs
		ds[pj] = t
		dfl = append(dfl, pj)
		pj = c
	}
	if pj >= 0 {
		nd = append(nd, pj)
	}
	return nd, dfl
}

// secular solves the secular equation of the non-deflated part (poles dl,
// weights zl, ρ) for its k roots lam and writes into the k×k matrix u, row j,
// the unit eigenvector of root j with entry i at column pos[i]. zhat is
// scratch of length k. It reports whether every root converged.
func (w *dc) secular(dl, zl []float64, rho float64, lam, u []float64, pos []int, zhat []float64) bool {
	k := len(dl)
	if k == 1 {
		lam[0] = dl[0] + rho*zl[0]*zl[0]
		u[0] = 1
		return true
	}
	var bad sync.Once
	ok := true
	// u[j*k+i] = d_i − λ_j.
	parallelFor(k, 32, func(a, b int) {
		for j := a; j < b; j++ {
			var conv bool
			lam[j], conv = secularRoot(j, dl, zl, rho, u[j*k:(j+1)*k])
			if !conv {
				bad.Do(func() { ok = false })
			}
		}
	})
	if !ok {
		return false
	}
	// Gu–Eisenstat: ẑ_i² = Π_j (λ_j − d_i) / (ρ Π_{j≠i} (d_j − d_i)), the
	// weights for which the computed λ are the exact eigenvalues. The
	// factor ρ is dropped: the vectors are normalized below.
	parallelFor(k, 64, func(a, b int) {
		for i := a; i < b; i++ {
			zhat[i] = u[i*k+i]
		}
		for j := range k {
			row := u[j*k : (j+1)*k]
			dj := dl[j]
			for i := a; i < b; i++ {
				if i != j {
					zhat[i] *= row[i] / (dl[i] - dj)
				}
			}
		}
		for i := a; i < b; i++ {
			zhat[i] = math.Copysign(math.Sqrt(-zhat[i]), zl[i])
		}
	})
	parallelFor(k, 32, func(a, b int) {
		tmp := make([]float64, k)
		for j := a; j < b; j++ {
			row := u[j*k : (j+1)*k]
			var ss float64
			for i := range k {
				t := zhat[i] / row[i]
				tmp[i] = t
				ss += t * t
			}
			s := 1 / math.Sqrt(ss)
			for i := range k {
				row[pos[i]] = tmp[i] * s
			}
		}
	})
	return true
}

// parallelFor runs f over [0, n) split into contiguous chunks of at least
// minChunk, on up to GOMAXPROCS goroutines.
func parallelFor(n, minChunk int, f func(a, b int)) {
	workers := min(runtime.GOMAXPROCS(0), n/minChunk)
	if workers <= 1 {
		f(0, n)
		return
	}
	var wg sync.WaitGroup
	chunk := (n + workers - 1) / workers
	for a := 0; a < n; a += chunk {
		b := min(a+chunk, n)
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(a, b)
		}()
	}
	wg.Wait()
}
