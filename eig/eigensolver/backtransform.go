// Copyright ©2026 The matcalc Authors. All rights reserved.

package eigensolver

import (
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
)

// ormtrNB is the number of reflectors applied together by ormtr.
const ormtrNB = 64

// backWork is the workspace of ormtr.
type backWork struct {
	v, g, t, w []float64
}

// ormtr overwrites the n×n row-major matrix c with Q c, where Q = H(0) H(1)
// ⋯ H(n−2) is held as sytrd leaves it: H(i) = I − τ_i v_i v_iᵀ with v_i zero
// above row i+1, one at row i+1 and a[i+2:n, i] below.
//
// Reflectors are applied in blocks of ormtrNB, last block first, each as
// I − V T Vᵀ (the compact WY form of LAPACK's dlarft and dlarfb), so that
// nearly all the work is two GEMMs per block. It does the work of LAPACK's
// dormtr; gonum's Dormqr is not used because its dlarft mishandles a
// reflector with trailing zeros in second position of a block (the
// 1-based test i > 1 kept in 0-based code), which D&C inputs do produce.
func ormtr(n int, a, tau, c []float64, ws *backWork) {
	k := n - 1
	if k < 1 {
		return
	}
	bi := blas64.Implementation()
	const nb = ormtrNB
	ws.v = grow(ws.v, n*nb)
	ws.g = grow(ws.g, nb*nb)
	ws.t = grow(ws.t, nb*nb)
	ws.w = grow(ws.w, nb*n)
	for i0 := ((k - 1) / nb) * nb; i0 >= 0; i0 -= nb {
		ib := min(nb, k-i0)
		m := n - 1 - i0 // the block acts on rows i0+1:n
		// V explicitly, m×ib: reflector i0+jj in column jj, unit at row jj.
		v := ws.v[:m*ib]
		for r := range m {
			row, src := v[r*ib:(r+1)*ib], a[(i0+1+r)*n+i0:]
			for jj := range ib {
				switch {
				case r < jj:
					row[jj] = 0
				case r == jj:
					row[jj] = 1
				default:
					row[jj] = src[jj]
				}
			}
		}
		// T, upper triangular, with H(i0) ⋯ H(i0+ib−1) = I − V T Vᵀ:
		// T[j,i] = −τ_i (T[0:i,0:i] Vᵀ v_i)_j, T[i,i] = τ_i.
		g, t := ws.g[:ib*ib], ws.t[:ib*ib]
		bi.Dgemm(blas.Trans, blas.NoTrans, ib, ib, m, 1, v, ib, v, ib, 0, g, ib)
		for i := range ib {
			ti := tau[i0+i]
			for j := range i {
				g[j*ib+i] *= -ti // now the vector x = −τ_i Vᵀ v_i, in column i
			}
			for j := range i {
				var s float64
				for l := j; l < i; l++ {
					s += t[j*ib+l] * g[l*ib+i]
				}
				t[j*ib+i] = s
			}
			t[i*ib+i] = ti
			for j := i + 1; j < ib; j++ {
				t[j*ib+i] = 0
			}
		}
		// C[i0+1:, :] −= V (T (Vᵀ C[i0+1:, :])).
		w := ws.w[:ib*n]
		cb := c[(i0+1)*n:]
		bi.Dgemm(blas.Trans, blas.NoTrans, ib, n, m, 1, v, ib, cb, n, 0, w, n)
		bi.Dtrmm(blas.Left, blas.Upper, blas.NoTrans, blas.NonUnit, ib, n, 1, t, ib, w, n)
		bi.Dgemm(blas.NoTrans, blas.NoTrans, m, n, ib, -1, v, ib, w, n, 1, cb, n)
	}
}
