package inverse

import (
	"math"

	"github.com/matcalc/matcalc/internal/dense"
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/lapack/lapack64"
)

// The small-matrix path: for n ≤ dense.SmallMax the factorization, the solves and
// the inverse run as plain loops on the same LAPACK layout (L and U in place,
// ipiv the row interchanges), because the call overhead of the LAPACK
// routines dominates at these sizes. The condition number is then exact,
// ‖A‖₁‖A⁻¹‖₁ from the explicit inverse, rather than LAPACK's estimate.

// getrf computes the LU factorization with partial pivoting of a in place,
// as lapack64.Getrf, and reports whether every pivot is nonzero.
func getrf(a blas64.General, ipiv []int) bool {
	n := a.Rows
	if n > dense.SmallMax {
		return lapack64.Getrf(a, ipiv)
	}
	s, d := a.Stride, a.Data
	for j := 0; j < n; j++ {
		p, big := j, math.Abs(d[j*s+j])
		for i := j + 1; i < n; i++ {
			if v := math.Abs(d[i*s+j]); v > big {
				p, big = i, v
			}
		}
		ipiv[j] = p
		if big == 0 {
			return false
		}
		if p != j {
			for c := 0; c < n; c++ {
				d[j*s+c], d[p*s+c] = d[p*s+c], d[j*s+c]
			}
		}
		piv := d[j*s+j]
		for i := j + 1; i < n; i++ {
			d[i*s+j] /= piv
			l := d[i*s+j]
			for c := j + 1; c < n; c++ {
				d[i*s+c] -= l * d[j*s+c]
			}
		}
	}
	return true
}

// getrs solves A X = B (or Aᵀ X = B when trans is blas.Trans) in place in b
// from the factors of getrf, as lapack64.Getrs.
func getrs(trans blas.Transpose, lu blas64.General, b blas64.General, ipiv []int) {
	n := lu.Rows
	if n > dense.SmallMax {
		lapack64.Getrs(trans, lu, b, ipiv)
		return
	}
	s, d := lu.Stride, lu.Data
	bs, bd := b.Stride, b.Data
	for c := 0; c < b.Cols; c++ {
		var x [4]float64
		for i := 0; i < n; i++ {
			x[i] = bd[i*bs+c]
		}
		if trans == blas.NoTrans {
			// P L U x = b: swap, then L y = Pᵀb forward, then U x = y backward.
			for i := 0; i < n; i++ {
				x[i], x[ipiv[i]] = x[ipiv[i]], x[i]
			}
			for i := 1; i < n; i++ {
				for j := 0; j < i; j++ {
					x[i] -= d[i*s+j] * x[j]
				}
			}
			for i := n - 1; i >= 0; i-- {
				for j := i + 1; j < n; j++ {
					x[i] -= d[i*s+j] * x[j]
				}
				x[i] /= d[i*s+i]
			}
		} else {
			// Uᵀ Lᵀ Pᵀ x = b: Uᵀ z = b forward, Lᵀ w = z backward, x = P w.
			for i := 0; i < n; i++ {
				for j := 0; j < i; j++ {
					x[i] -= d[j*s+i] * x[j]
				}
				x[i] /= d[i*s+i]
			}
			for i := n - 1; i >= 0; i-- {
				for j := i + 1; j < n; j++ {
					x[i] -= d[j*s+i] * x[j]
				}
			}
			for i := n - 1; i >= 0; i-- {
				x[i], x[ipiv[i]] = x[ipiv[i]], x[i]
			}
		}
		for i := 0; i < n; i++ {
			bd[i*bs+c] = x[i]
		}
	}
}

// norm1 returns the 1-norm (the largest column sum of magnitudes) of a.
func norm1(a blas64.General) float64 {
	var m float64
	for j := 0; j < a.Cols; j++ {
		var s float64
		for i := 0; i < a.Rows; i++ {
			s += math.Abs(a.Data[i*a.Stride+j])
		}
		m = math.Max(m, s)
	}
	return m
}
