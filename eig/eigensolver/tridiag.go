// Copyright ©2026 The matcalc Authors. All rights reserved.

package eigensolver

import (
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
)

// tridiagWork is the workspace of sytrd.
type tridiagWork struct {
	w     []float64 // the panel's W, (n−p)×nb
	v, y  []float64 // the current reflector and its image
	t     []float64 // nb
	left  []float64 // [V W] for the trailing update
	right []float64 // [W V]
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
	lda := n
	ws.w = grow(ws.w, n*nb)
	ws.v = grow(ws.v, n)
	ws.y = grow(ws.y, n)
	ws.t = grow(ws.t, nb)
	ws.left = grow(ws.left, n*2*nb)
	ws.right = grow(ws.right, n*2*nb)

	p := 0
	for ; n-p > tridiagNX && n-p > nb; p += nb {
		w := ws.w[:(n-p)*nb]
		for jj := range nb {
			j := p + jj
			col := a[j*lda+j:] // column j from the diagonal down, stride lda
			if jj > 0 {
				// Bring column j up to date with the panel's earlier steps.
				bi.Dgemv(blas.NoTrans, n-j, jj, -1, a[j*lda+p:], lda, w[(j-p)*nb:], 1, 1, col, lda)
				bi.Dgemv(blas.NoTrans, n-j, jj, -1, w[(j-p)*nb:], nb, a[j*lda+p:], 1, 1, col, lda)
			}
			d[j] = col[0]
			// The reflector H(j) annihilates a[j+2:n, j].
			m := n - j - 1
			beta, tj := impl.Dlarfg(m, col[lda], a[min(j+2, n-1)*lda+j:], lda)
			e[j], tau[j] = beta, tj
			col[lda] = 1
			v, y := ws.v[:m], ws.y[:m]
			for r := range m {
				v[r] = col[(r+1)*lda]
			}
			// y = τ (A − V Wᵀ − W Vᵀ) v on the trailing rows.
			symv(n, j+1, a, v, y)
			if jj > 0 {
				t := ws.t[:jj]
				wj, aj := w[(j+1-p)*nb:], a[(j+1)*lda+p:]
				bi.Dgemv(blas.Trans, m, jj, 1, wj, nb, v, 1, 0, t, 1)
				bi.Dgemv(blas.NoTrans, m, jj, -1, aj, lda, t, 1, 1, y, 1)
				bi.Dgemv(blas.Trans, m, jj, 1, aj, lda, v, 1, 0, t, 1)
				bi.Dgemv(blas.NoTrans, m, jj, -1, wj, nb, t, 1, 1, y, 1)
			}
			bi.Dscal(m, tj, y, 1)
			alpha := -0.5 * tj * bi.Ddot(m, y, 1, v, 1)
			bi.Daxpy(m, alpha, v, 1, y, 1)
			for r := range m {
				w[(j+1-p+r)*nb+jj] = y[r]
			}
		}

		// A[q:, q:] −= [V W] [W V]ᵀ on the lower triangle and the diagonal
		// blocks of the symv grid.
		q := p + nb
		m2 := n - q
		left, right := ws.left[:m2*2*nb], ws.right[:m2*2*nb]
		for r := range m2 {
			vr := a[(q+r)*lda+p : (q+r)*lda+p+nb]
			wr := w[(q-p+r)*nb : (q-p+r+1)*nb]
			copy(left[r*2*nb:], vr)
			copy(left[r*2*nb+nb:], wr)
			copy(right[r*2*nb:], wr)
			copy(right[r*2*nb+nb:], vr)
		}
		for r0 := q; r0 < n; {
			r1 := min((r0/updateRows+1)*updateRows, n)
			bi.Dgemm(blas.NoTrans, blas.Trans, r1-r0, r1-q, 2*nb, -1, left[(r0-q)*2*nb:], 2*nb, right, 2*nb, 1, a[r0*lda+q:], lda)
			r0 = r1
		}
		for j := p; j < q; j++ {
			a[(j+1)*lda+j] = e[j]
		}
	}
	// The last columns by the unblocked method, on the lower triangle.
	impl.Dsytd2(blas.Lower, n-p, a[p*lda+p:], lda, d[p:], e[p:], tau[p:])
}

// symv computes y = A[s:n, s:n] v for the symmetric n×n matrix a whose
// lower triangle is current and whose diagonal blocks on the grid of
// symvRows are current in full. Each block row is read by a GEMV and its
// transpose while it is in cache, so the matrix streams through memory
// once, as in a SYMV kernel.
func symv(n, s int, a, v, y []float64) {
	bi := blas64.Implementation()
	m := n - s
	clear(y[:m])
	for r0 := s; r0 < n; {
		r1 := min((r0/symvRows+1)*symvRows, n)
		blk := a[r0*n:]
		if w := r0 - s; w > 0 {
			bi.Dgemv(blas.NoTrans, r1-r0, w, 1, blk[s:], n, v, 1, 1, y[r0-s:], 1)
			bi.Dgemv(blas.Trans, r1-r0, w, 1, blk[s:], n, v[r0-s:], 1, 1, y, 1)
		}
		bi.Dgemv(blas.NoTrans, r1-r0, r1-r0, 1, blk[r0:], n, v[r0-s:], 1, 1, y[r0-s:], 1)
		r0 = r1
	}
}
