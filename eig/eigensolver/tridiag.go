// Copyright ©2026 The matcalc Authors. All rights reserved.

package eigensolver

import (
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/lapack/gonum"
)

// Block sizes of the tridiagonal reduction: panels of tridiagNB columns,
// and the unblocked method for the last tridiagNX or fewer.
const (
	tridiagNB = 32
	tridiagNX = 32
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
// It differs from dsytrd in how it spends its flops. dsytrd keeps one
// triangle and needs SYMV and SYR2K, which gonum implements as loops; sytrd
// keeps both triangles current, so the matrix-vector product of each
// panel step is a GEMV over rows of a (vectorized in gonum and in every
// BLAS), and the trailing update A ← A − V Wᵀ − W Vᵀ is a single GEMM with
// inner dimension 2·nb. The update does twice the flops of SYR2K but runs
// at the speed of the installed GEMM.
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
			// y = τ (A − V Wᵀ − W Vᵀ) v on the trailing rows, with A in full.
			bi.Dgemv(blas.NoTrans, m, m, 1, a[(j+1)*lda+j+1:], lda, v, 1, 0, y, 1)
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

		// A[q:, q:] −= [V W] [W V]ᵀ over the full trailing matrix.
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
		bi.Dgemm(blas.NoTrans, blas.Trans, m2, m2, 2*nb, -1, left, 2*nb, right, 2*nb, 1, a[q*lda+q:], lda)
		for j := p; j < q; j++ {
			a[(j+1)*lda+j] = e[j]
		}
	}
	// The last columns by the unblocked method, on the lower triangle.
	impl.Dsytd2(blas.Lower, n-p, a[p*lda+p:], lda, d[p:], e[p:], tau[p:])
}
