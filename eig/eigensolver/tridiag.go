// Copyright ©2026 The matcalc Authors. All rights reserved.

package eigensolver

import (
	"math"
	"runtime"
	"sync"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/lapack/gonum"
)

// Block sizes of the tridiagonal reduction: panels of tridiagNB columns,
// and the unblocked method for the last tridiagNX or fewer. symvRows is
// the grid of the symmetric matrix-vector product (its diagonal blocks are
// kept current in full) and updateRows, a multiple of it, the height of the
// GEMMs of the trailing update.
const (
	tridiagNB  = 32
	tridiagNX  = 32
	symvRows   = 32
	updateRows = 8 * symvRows

	// symvParallelRows is the number of rows per goroutine below which
	// symv stays on one.
	symvParallelRows = 192
)

// tridiagWork is the workspace of sytrd.
type tridiagWork struct {
	vw, wv []float64 // the panel's V and W interleaved, and pair-swapped
	y      []float64 // the current reflector
	w      []float64 // its image
	t      []float64 // 2·nb
	ypar   []float64 // partial products of the parallel symv

	workers int // if positive, the goroutines symv uses; set by tests
}

// wy returns the scratch vector of length m for the image of a reflector.
func (ws *tridiagWork) wy(m int) []float64 {
	ws.w = grow(ws.w, m)
	return ws.w[:m]
}

// sytrd reduces the symmetric n×n matrix a, stored in full (both triangles),
// to tridiagonal form T = Qᵀ A Q. It computes exactly what LAPACK's dsytrd
// with uplo = Lower computes, and in the same layout: the diagonal of T in
// d, its off-diagonal in e, and Q = H(0) H(1) ⋯ H(n−2) as Householder
// vectors below the subdiagonal of a with scalars in tau.
//
// It differs from dsytrd in the BLAS it needs. dsytrd calls SYMV and SYR2K,
// which gonum implements as plain loops; sytrd needs only GEMV and GEMM.
// It keeps the lower triangle current and, in full, the diagonal blocks of
// a fixed grid of symvRows: the matrix-vector product of each panel step is
// then three GEMVs per block row (see symv), and the trailing update
// A ← A − V Wᵀ − W Vᵀ is a GEMM with inner dimension 2·nb per block row of
// updateRows.
func sytrd(n int, a []float64, d, e, tau []float64, ws *tridiagWork) {
	impl := gonum.Implementation{}
	bi := blas64.Implementation()
	const nb = tridiagNB
	const ldvw = 2 * nb
	lda := n
	ws.vw = grow(ws.vw, n*ldvw)
	ws.wv = grow(ws.wv, n*ldvw)
	ws.y = grow(ws.y, n)
	ws.t = grow(ws.t, ldvw)

	p := 0
	for ; n-p > tridiagNX && n-p > nb; p += nb {
		// The panel's V and W, interleaved by column: vw[r, 2l] is
		// reflector p+l and vw[r, 2l+1] its w, at row p+r. Then
		// V Wᵀ + W Vᵀ = VW · swap(VW)ᵀ, where swap exchanges the columns of
		// each pair, and every product with the panel is one GEMV.
		vw := ws.vw[:(n-p)*ldvw]
		clear(vw)
		t := ws.t[:ldvw]
		for jj := range nb {
			j := p + jj
			col := a[j*lda+j:] // column j from the diagonal down, stride lda
			if jj > 0 {
				// Bring column j up to date with the panel's earlier steps:
				// col −= VW[j:, :2jj] · swap(VW[j, :2jj]).
				row := vw[(j-p)*ldvw:]
				for l := range jj {
					t[2*l], t[2*l+1] = row[2*l+1], row[2*l]
				}
				bi.Dgemv(blas.NoTrans, n-j, 2*jj, -1, row, ldvw, t, 1, 1, col, lda)
			}
			d[j] = col[0]
			// The reflector H(j) annihilates a[j+2:n, j]; it is formed on a
			// contiguous copy.
			m := n - j - 1
			v := ws.y[:m]
			for r := range m {
				v[r] = col[(r+1)*lda]
			}
			beta, tj := impl.Dlarfg(m, v[0], v[1:], 1)
			e[j], tau[j] = beta, tj
			v[0] = 1
			col[lda] = beta
			for r := 1; r < m; r++ {
				col[(r+1)*lda] = v[r]
			}
			for r := range m {
				vw[(j+1-p+r)*ldvw+2*jj] = v[r]
			}
			// y = τ (A − V Wᵀ − W Vᵀ) v on the trailing rows, written
			// straight into W's column.
			y := ws.wy(m)
			symv(n, j+1, a, v, y, ws)
			if jj > 0 {
				sub := vw[(j+1-p)*ldvw:]
				bi.Dgemv(blas.Trans, m, 2*jj, 1, sub, ldvw, v, 1, 0, t, 1)
				for l := range jj {
					t[2*l], t[2*l+1] = t[2*l+1], t[2*l]
				}
				bi.Dgemv(blas.NoTrans, m, 2*jj, -1, sub, ldvw, t[:2*jj], 1, 1, y, 1)
			}
			bi.Dscal(m, tj, y, 1)
			alpha := -0.5 * tj * bi.Ddot(m, y, 1, v, 1)
			bi.Daxpy(m, alpha, v, 1, y, 1)
			for r := range m {
				vw[(j+1-p+r)*ldvw+2*jj+1] = y[r]
			}
		}

		// A[q:, q:] −= VW swap(VW)ᵀ on the lower triangle and the diagonal
		// blocks of the symv grid.
		q := p + nb
		m2 := n - q
		left := vw[(q-p)*ldvw : (n-p)*ldvw]
		right := ws.wv[:m2*ldvw]
		for i := 0; i < len(left); i += 2 {
			right[i], right[i+1] = left[i+1], left[i]
		}
		for r0 := q; r0 < n; {
			r1 := min((r0/updateRows+1)*updateRows, n)
			bi.Dgemm(blas.NoTrans, blas.Trans, r1-r0, r1-q, ldvw, -1, left[(r0-q)*ldvw:], ldvw, right, ldvw, 1, a[r0*lda+q:], lda)
			r0 = r1
		}
	}
	// The last columns by the unblocked method, on the lower triangle.
	impl.Dsytd2(blas.Lower, n-p, a[p*lda+p:], lda, d[p:], e[p:], tau[p:])
}

// symv computes y = A[s:n, s:n] v for the symmetric n×n matrix a whose
// lower triangle is current and whose diagonal blocks on the grid of
// symvRows are current in full. Each block row is read by a GEMV and its
// transpose while it is in cache, so the matrix streams through memory
// once, as in a SYMV kernel. Large products are split by block rows over
// up to GOMAXPROCS goroutines, each with its own partial y.
func symv(n, s int, a, v, y []float64, ws *tridiagWork) {
	m := n - s
	workers := min(runtime.GOMAXPROCS(0), m/symvParallelRows)
	if ws.workers > 0 {
		workers = min(ws.workers, max(m/symvRows, 1))
	}
	if workers <= 1 {
		clear(y[:m])
		symvBlockRows(n, s, s, n, a, v, y)
		return
	}
	// Split the rows so that each worker gets about the same part of the
	// triangle: boundaries at s + m·√(i/workers), on the grid.
	ws.ypar = grow(ws.ypar, (workers-1)*n)
	bounds := make([]int, workers+1)
	bounds[0], bounds[workers] = s, n
	for i := 1; i < workers; i++ {
		r := s + int(float64(m)*math.Sqrt(float64(i)/float64(workers)))
		bounds[i] = min(max((r/symvRows)*symvRows, bounds[i-1]), n)
	}
	var wg sync.WaitGroup
	for i := 1; i < workers; i++ {
		yi := ws.ypar[(i-1)*n : (i-1)*n+m]
		wg.Add(1)
		go func() {
			defer wg.Done()
			clear(yi)
			symvBlockRows(n, s, bounds[i], bounds[i+1], a, v, yi)
		}()
	}
	clear(y[:m])
	symvBlockRows(n, s, bounds[0], bounds[1], a, v, y)
	wg.Wait()
	for i := 1; i < workers; i++ {
		blas64.Implementation().Daxpy(m, 1, ws.ypar[(i-1)*n:(i-1)*n+m], 1, y, 1)
	}
}

// symvBlockRows adds to y (indexed from s) the contributions of the block
// rows [from, to) of the lower triangle of a[s:n, s:n].
func symvBlockRows(n, s, from, to int, a, v, y []float64) {
	bi := blas64.Implementation()
	for r0 := from; r0 < to; {
		r1 := min((r0/symvRows+1)*symvRows, to)
		blk := a[r0*n:]
		if w := r0 - s; w > 0 {
			bi.Dgemv(blas.NoTrans, r1-r0, w, 1, blk[s:], n, v, 1, 1, y[r0-s:], 1)
			bi.Dgemv(blas.Trans, r1-r0, w, 1, blk[s:], n, v[r0-s:], 1, 1, y, 1)
		}
		// The diagonal block: r1 stays on the grid, so [r0, r1) lies in
		// one grid block, whose part below row s is current in full.
		bi.Dgemv(blas.NoTrans, r1-r0, r1-r0, 1, blk[r0:], n, v[r0-s:], 1, 1, y[r0-s:], 1)
		r0 = r1
	}
}
