package kernels

import (
	"math"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/lapack"
)

// Dgecon estimates the reciprocal of the condition number of the n×n matrix
// A, in the 1-norm or the ∞-norm, from its LU factorization by Dgetrf, with
// the contract of gonum's Dgecon: anorm is the norm of the original A; the
// result is 1 for n = 0, 0 for anorm = 0 or +Inf, NaN for anorm NaN, and 0
// when A⁻¹ is found to overflow (an exactly singular U); work has length at
// least 4n and iwork at least n. Invalid arguments panic as gonum's do.
//
// It runs gonum's Dlacn2 exactly as gonum's Dgecon does, and so returns the
// same estimate up to rounding, but solves with L and U differently. gonum
// always calls Dlatrs, the triangular solve scaled against overflow, whose
// scaled path (taken whenever its cheap growth bound underflows, as it does
// for most matrices of order a few hundred) walks down the columns of the
// row-major factors in both transposes. Here each pair of solves is first
// done plainly, row by row in both transposes (blocks of rows through the
// matrix-vector kernels), and the result accepted when it is finite and
// below Dlatrs's bignum; only otherwise is the vector restored and the pair
// solved again with gonum's Dlatrs, which then serves the remaining steps.
//
// A plain solve cannot overflow unseen: every element of x is divided by
// its (finite) diagonal element and then only read, or is the running sum
// of finite products subtracted from a finite right-hand side. Once any
// intermediate value is ±Inf, the element it belongs to stays ±Inf or NaN
// (Inf±finite = Inf, Inf−Inf = NaN, Inf·0 = NaN, Inf/finite = Inf), and
// every later use of it makes more of the same, so the final x holds a
// non-finite value. A zero on the diagonal of U gives Inf or NaN as well.
// A finite x with every |x[i]| ≤ bignum is, to rounding, the vector Dlatrs
// computes divided by its scale: Dlatrs scales only to keep values below
// its overflow bounds, and gonum's Dgecon divides the scale out again,
// giving up (returning its estimate so far) only when max|x|·sfmin exceeds
// the scale, i.e. when the unscaled max|x| exceeds 1/sfmin ≈ 4.5e307, far
// above bignum ≈ 1e292, or when the product of the two scales underflows
// to 0. The last can happen with an accepted x only if the factors hold
// column sums near the overflow threshold and |x| is near bignum; gonum then
// gives up where this goes on to a finite estimate.
func (impl LAPACK) Dgecon(norm lapack.MatrixNorm, n int, a []float64, lda int, anorm float64, work []float64, iwork []int) float64 {
	if (norm != lapack.MaxColumnSum && norm != lapack.MaxRowSum) || n <= 0 || lda < max(1, n) ||
		!(anorm > 0) || math.IsInf(anorm, 1) || len(a) < (n-1)*lda+n || len(work) < 4*n || len(iwork) < n {
		// gonum's panics for invalid arguments, and its quick returns.
		return impl.Implementation.Dgecon(norm, n, a, lda, anorm, work, iwork)
	}
	kase1 := 2
	if norm == lapack.MaxColumnSum {
		kase1 = 1
	}
	// cnormL and cnormU hold Dlatrs's column norms once it has run; before
	// that, cnormL saves x while the plain solves run.
	cnormL, cnormU := work[2*n:3*n], work[3*n:4*n]
	normin := false // cnormL and cnormU hold Dlatrs's column norms
	return impl.estimate(n, anorm, work[:n], work[n:2*n], cnormL, iwork,
		func(kase int, x []float64) bool { return plainSolves(kase == kase1, n, a, lda, x) },
		func(kase int, x []float64) float64 {
			var sl, su float64
			if kase == kase1 {
				sl = impl.Dlatrs(blas.Lower, blas.NoTrans, blas.Unit, normin, n, a, lda, x, cnormL)
				su = impl.Dlatrs(blas.Upper, blas.NoTrans, blas.NonUnit, normin, n, a, lda, x, cnormU)
			} else {
				su = impl.Dlatrs(blas.Upper, blas.Trans, blas.NonUnit, normin, n, a, lda, x, cnormU)
				sl = impl.Dlatrs(blas.Lower, blas.Trans, blas.Unit, normin, n, a, lda, x, cnormL)
			}
			normin = true
			return sl * su
		})
}

// Dpocon estimates the reciprocal of the condition number, in the 1-norm
// (equal to the ∞-norm), of the n×n symmetric positive definite matrix A
// from its Cholesky factorization by Dpotrf (A = Uᵀ·U for ul = blas.Upper,
// L·Lᵀ for blas.Lower), with the contract of gonum's Dpocon: anorm is the
// 1-norm of A, the result is 1 for n = 0 and 0 for anorm = 0, work has
// length at least 3n and iwork at least n. Invalid arguments panic as
// gonum's do.
//
// It is Dgecon's method applied to gonum's Dpocon (mat.Cholesky's condition
// estimate, which spent half of mat.Cholesky's time at n = 512 in Dlatrs):
// plain row-wise solves with the factor and its transpose, and gonum's
// Dlatrs only when they come near overflow. See Dgecon.
func (impl LAPACK) Dpocon(ul blas.Uplo, n int, a []float64, lda int, anorm float64, work []float64, iwork []int) float64 {
	if (ul != blas.Upper && ul != blas.Lower) || n <= 0 || lda < max(1, n) ||
		!(anorm > 0) || math.IsInf(anorm, 1) || len(a) < (n-1)*lda+n || len(work) < 3*n || len(iwork) < n {
		// gonum's panics for invalid arguments, and its quick returns.
		return impl.Implementation.Dpocon(ul, n, a, lda, anorm, work, iwork)
	}
	cnorm := work[2*n : 3*n]
	normin := false // cnorm holds Dlatrs's column norms
	k := active.Load().level2
	return impl.estimate(n, anorm, work[:n], work[n:2*n], cnorm, iwork,
		func(_ int, x []float64) bool {
			if ul == blas.Upper {
				trsvUpperT(k, n, a, lda, x)
				if !bounded(x) {
					return false
				}
				trsvUpper(k, n, a, lda, x)
				return bounded(x)
			}
			trsvLower(k, false, n, a, lda, x)
			if !bounded(x) {
				return false
			}
			trsvLowerT(k, false, n, a, lda, x)
			return bounded(x)
		},
		func(_ int, x []float64) float64 {
			var sl, su float64
			if ul == blas.Upper {
				sl = impl.Dlatrs(blas.Upper, blas.Trans, blas.NonUnit, normin, n, a, lda, x, cnorm)
				normin = true
				su = impl.Dlatrs(blas.Upper, blas.NoTrans, blas.NonUnit, normin, n, a, lda, x, cnorm)
			} else {
				sl = impl.Dlatrs(blas.Lower, blas.NoTrans, blas.NonUnit, normin, n, a, lda, x, cnorm)
				normin = true
				su = impl.Dlatrs(blas.Lower, blas.Trans, blas.NonUnit, normin, n, a, lda, x, cnorm)
			}
			return sl * su
		})
}

// estimate runs the reverse communication of gonum's Dlacn2 to estimate
// ‖A⁻¹‖₁ and returns the reciprocal condition number 1/(‖A⁻¹‖·anorm), as
// gonum's Dgecon and Dpocon do, with x and v Dlacn2's vectors. For each
// product Dlacn2 asks for (kase 1 or 2) it tries plain(kase, x) first,
// saving x in save, which may also be the workspace of careful; once
// plain reports false, x is restored and careful(kase, x), gonum's scaled
// Dlatrs solves returning the product of their scales, serves that and
// every later product, with gonum's test for giving up on the estimate.
func (impl LAPACK) estimate(n int, anorm float64, x, v, save []float64, iwork []int,
	plain func(kase int, x []float64) bool, careful func(kase int, x []float64) float64) float64 {
	var (
		ainvnm, rcond float64
		kase          int
		isave         [3]int
		scaled        bool // plain failed once: careful from now on
	)
	for {
		ainvnm, kase = impl.Dlacn2(n, v, x, iwork, ainvnm, kase, &isave)
		if kase == 0 {
			if ainvnm != 0 {
				rcond = (1 / ainvnm) / anorm
			}
			return rcond
		}
		if !scaled {
			copy(save, x)
			if plain(kase, x) {
				continue
			}
			copy(x, save)
			scaled = true
		}
		if scale := careful(kase, x); scale != 1 {
			ix := native.Idamax(n, x, 1)
			if scale == 0 || scale < math.Abs(x[ix])*sfmin {
				return rcond
			}
			impl.Drscl(n, scale, x, 1)
		}
	}
}

// latrsBignum is Dlatrs's overflow threshold, 1/(sfmin/ε) with ε = 2⁻⁵²:
// a plain solve whose result stays below it is accepted.
const latrsBignum = 0x1p-52 / sfmin

// plainSolves overwrites x with U⁻¹·L⁻¹·x (noTrans) or L⁻ᵀ·U⁻ᵀ·x for the
// LU factors stored in the n×n A, and reports whether both results are
// finite and at most latrsBignum in magnitude. When it reports false, x
// holds garbage.
func plainSolves(noTrans bool, n int, a []float64, lda int, x []float64) bool {
	k := active.Load().level2
	if noTrans {
		trsvLower(k, true, n, a, lda, x)
		if !bounded(x) {
			return false
		}
		trsvUpper(k, n, a, lda, x)
		return bounded(x)
	}
	trsvUpperT(k, n, a, lda, x)
	if !bounded(x) {
		return false
	}
	trsvLowerT(k, true, n, a, lda, x)
	return bounded(x)
}

// bounded reports whether every element of x is at most latrsBignum in
// magnitude (false for NaN).
func bounded(x []float64) bool {
	for _, v := range x {
		if !(math.Abs(v) <= latrsBignum) {
			return false
		}
	}
	return true
}

// trsvBlock is the number of rows of a diagonal block of the triangular
// solves; the rectangle beside each block is one matrix-vector product.
const trsvBlock = 64

// trsvLower solves L·x = b in place for the lower triangle L of the
// row-major n×n A, with a unit diagonal if unit: each block of rows first
// subtracts the product of the rectangle left of it with the solved part of
// x, then substitutes within the block.
func trsvLower(k *level2Kernels, unit bool, n int, a []float64, lda int, x []float64) {
	for b0 := 0; b0 < n; b0 += trsvBlock {
		b1 := min(b0+trsvBlock, n)
		if b0 > 0 {
			dgemv(k, blas.NoTrans, b1-b0, b0, -1, a[b0*lda:], lda, x[:b0], 1, 1, x[b0:b1], 1)
		}
		for i := b0; i < b1; i++ {
			x[i] -= dot(a[i*lda+b0:i*lda+i], x[b0:i])
			if !unit {
				x[i] /= a[i*lda+i]
			}
		}
	}
}

// trsvUpper solves U·x = b in place for the upper triangle U (with its
// diagonal) of the row-major n×n A, by blocks of rows from the bottom.
func trsvUpper(k *level2Kernels, n int, a []float64, lda int, x []float64) {
	for b1 := n; b1 > 0; b1 -= trsvBlock {
		b0 := max(b1-trsvBlock, 0)
		if b1 < n {
			dgemv(k, blas.NoTrans, b1-b0, n-b1, -1, a[b0*lda+b1:], lda, x[b1:], 1, 1, x[b0:b1], 1)
		}
		for i := b1 - 1; i >= b0; i-- {
			x[i] = (x[i] - dot(a[i*lda+i+1:i*lda+b1], x[i+1:b1])) / a[i*lda+i]
		}
	}
}

// trsvUpperT solves Uᵀ·x = b in place for the upper triangle U of the
// row-major n×n A: each block of rows of U is solved against, then its
// rectangle right of the block updates the rest of x in one product.
func trsvUpperT(k *level2Kernels, n int, a []float64, lda int, x []float64) {
	for b0 := 0; b0 < n; b0 += trsvBlock {
		b1 := min(b0+trsvBlock, n)
		for i := b0; i < b1; i++ {
			x[i] /= a[i*lda+i]
			axpy(-x[i], a[i*lda+i+1:i*lda+b1], x[i+1:b1])
		}
		if b1 < n {
			dgemv(k, blas.Trans, b1-b0, n-b1, -1, a[b0*lda+b1:], lda, x[b0:b1], 1, 1, x[b1:], 1)
		}
	}
}

// trsvLowerT solves Lᵀ·x = b in place for the lower triangle L of the
// row-major n×n A, with a unit diagonal if unit, by blocks of rows from the
// bottom.
func trsvLowerT(k *level2Kernels, unit bool, n int, a []float64, lda int, x []float64) {
	for b1 := n; b1 > 0; b1 -= trsvBlock {
		b0 := max(b1-trsvBlock, 0)
		for i := b1 - 1; i >= b0; i-- {
			if !unit {
				x[i] /= a[i*lda+i]
			}
			axpy(-x[i], a[i*lda+b0:i*lda+i], x[b0:i])
		}
		if b0 > 0 {
			dgemv(k, blas.Trans, b1-b0, b0, -1, a[b0*lda:], lda, x[b0:b1], 1, 1, x[:b0], 1)
		}
	}
}

// dot returns the sum of x[i]·y[i] for i < len(x) ≤ len(y).
func dot(x, y []float64) float64 {
	if len(x) == 0 {
		return 0
	}
	return native.Ddot(len(x), x, 1, y, 1)
}
