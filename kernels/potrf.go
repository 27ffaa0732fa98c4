package kernels

import (
	"math"

	"gonum.org/v1/gonum/blas"
)

// potrfLeaf is the largest diagonal block Dpotrf's recursion factors as a
// leaf (potf2); larger blocks are split in halves. Measured on Zen 4 (AVX2
// path, one thread), Upper with leaves of 32, 48, 64 and 128: n = 100 took
// 34, 30, 26 and 25 µs, n = 512 1.54, 1.57, 1.52 and 1.70 ms (leaves of a
// 512-wide matrix in a copy, potf2Copy). Tests lower it to cross every
// split.
var potrfLeaf = 64

// potrfLowerCopy is the largest order up to which Dpotrf factors a lower
// triangle as the upper triangle of a transposed copy (potrfLowerT). Tests
// change it to run the Lower recursion to its leaves.
var potrfLowerCopy = 128

// Dpotrf computes the Cholesky factorization of the n×n symmetric positive
// definite matrix A stored in its ul triangle,
//
//	A = Uᵀ·U  if ul == blas.Upper
//	A = L·Lᵀ  if ul == blas.Lower
//
// with the contract of gonum's Dpotrf: the factor overwrites the ul
// triangle of A, and only that triangle is read or written. If A is not
// positive definite Dpotrf returns false and, as LAPACK, stops at the first
// leading minor that is not positive: the diagonal element of that order
// holds the non-positive (or NaN) value found there, the leading block
// before it is factored and the rest of the triangle is left partly
// updated. Invalid arguments panic as gonum's do.
//
// It factors recursively on halves, as LAPACK's dpotrf2: for Upper, U11 is
// the factor of A11, U12 = U11⁻ᵀ·A12 is a triangular solve, A22 −= U12ᵀ·U12
// a symmetric rank-k update (one Dgemmt), and A22 is factored in turn;
// Lower is the transpose. The solves and updates are Implementation's,
// called directly, so that nearly all flops are GEMMs on the dispatched
// kernel. Diagonal blocks of order at most potrfLeaf are factored by
// Dpotf2's algorithm along the contiguous rows of U, in a copy when the
// row stride is a multiple of 512 bytes. gonum's blocked Dpotrf spends its
// time in the unblocked Dpotf2 of its 64-wide diagonal blocks, whose dot
// products and matrix-vector products for Upper walk down the 4 KiB-strided
// columns of a 512-wide matrix.
//
// A lower triangle of order at most potrfLowerCopy is factored as the upper
// triangle of a transposed copy: the Lower recursion's right-side triangular
// solves of small order are gonum's, one short dot product per element.
//
// Measured on Zen 4 (AVX2, one thread, BenchmarkDpotrf, medians of 3)
// against gonum's Dpotrf on Implementation: Upper n = 100, 512, 1024 took
// 26 µs, 1.52 ms, 9.4 ms against 28 µs, 1.81 ms, 10.5 ms (gonum alone
// 50 µs, 5.5 ms, 47 ms); Lower 34 µs, 1.67 ms, 10.4 ms against 36 µs,
// 1.93 ms, 10.8 ms.
//
// On a path without a GEMM microkernel (generic), where Implementation's
// Level 3 routines are gonum's serial ones, the recursion still measured
// faster than gonum's Dpotrf for Upper (n = 100, 512, 1024: 47 µs, 4.8 ms,
// 39 ms against 51 µs, 5.5 ms, 46 ms) and for Lower up to potrfLowerCopy
// (n = 100: 55 against 61 µs), but not for larger Lower triangles (n = 1024
// with two threads: 48 against 36 ms, gonum's blocked factorization making
// its GEMMs with gonum's parallel Dgemm); those are gonum's own there.
func (impl LAPACK) Dpotrf(ul blas.Uplo, n int, a []float64, lda int) (ok bool) {
	if (ul != blas.Upper && ul != blas.Lower) || n <= 0 || lda < max(1, n) || len(a) < (n-1)*lda+n ||
		(ul == blas.Lower && n > potrfLowerCopy && active.Load().gemm == nil) {
		// gonum's panics for invalid arguments, its quick return, and a
		// large lower triangle on a path without a GEMM microkernel.
		return impl.Implementation.Dpotrf(ul, n, a, lda)
	}
	return potrfRec(ul, n, a, lda)
}

// Dpotf2 computes the Cholesky factorization of the n×n symmetric positive
// definite matrix A with the contract of gonum's Dpotf2 (and of Dpotrf: see
// there). It is unblocked and runs along contiguous rows. For Upper, as
// gonum's, row j of U is (A[j, j+1:n] − U[0:j, j+1:n]ᵀ·U[0:j, j]) / u_jj, a
// matrix-vector product along the rows of U (Implementation's Level 2
// kernel where there is one), but with the column U[0:j, j] gathered first
// where gonum's reads it, and the dot product for u_jj, down the strided
// column. For Lower, row i of L is found by forward substitution with the
// rows above it.
func (impl LAPACK) Dpotf2(ul blas.Uplo, n int, a []float64, lda int) (ok bool) {
	if (ul != blas.Upper && ul != blas.Lower) || n <= 0 || lda < max(1, n) || len(a) < (n-1)*lda+n {
		// gonum's panics for invalid arguments, and its quick return.
		return impl.Implementation.Dpotf2(ul, n, a, lda)
	}
	return potf2(ul, n, a, lda)
}

// potrfRec factors the n×n block A (n ≥ 1) in place by recursion on halves
// and returns false, having stopped, at a leading minor that is not
// positive.
func potrfRec(ul blas.Uplo, n int, a []float64, lda int) bool {
	if ul == blas.Lower && n <= potrfLowerCopy {
		return potrfLowerT(n, a, lda)
	}
	if n <= potrfLeaf {
		if ul == blas.Upper && lda%64 == 0 {
			return potf2Copy(n, a, lda)
		}
		return potf2(ul, n, a, lda)
	}
	n1 := split(n)
	n2 := n - n1
	if !potrfRec(ul, n1, a, lda) {
		return false
	}
	bi := Implementation{}
	a22 := a[n1*lda+n1:]
	if ul == blas.Upper {
		// U12 = U11⁻ᵀ·A12; A22 −= U12ᵀ·U12.
		a12 := a[n1:]
		bi.Dtrsm(blas.Left, blas.Upper, blas.Trans, blas.NonUnit, n1, n2, 1, a, lda, a12, lda)
		bi.Dsyrk(blas.Upper, blas.Trans, n2, n1, -1, a12, lda, 1, a22, lda)
	} else {
		// L21 = A21·L11⁻ᵀ; A22 −= L21·L21ᵀ.
		a21 := a[n1*lda:]
		bi.Dtrsm(blas.Right, blas.Lower, blas.Trans, blas.NonUnit, n2, n1, 1, a, lda, a21, lda)
		bi.Dsyrk(blas.Lower, blas.NoTrans, n2, n1, -1, a21, lda, 1, a22, lda)
	}
	return potrfRec(ul, n2, a22, lda)
}

// potrfLowerT factors the lower triangle of the n×n block A as the upper
// triangle of a transposed copy: Lᵀ is the upper factor of Aᵀ = A, and the
// Upper recursion's triangular solves are left-side ones on rows, where the
// Lower recursion's right-side solves of small order are gonum's, one short
// dot product per element.
func potrfLowerT(n int, a []float64, lda int) bool {
	bp := symBuffers.Get().(*[]float64)
	ld := panelStride(n)
	t := grow(*bp, n*ld)
	transposeLower(t, ld, a, lda, n)
	ok := potrfRec(blas.Upper, n, t, ld)
	transposeUpper(a, lda, t, ld, n)
	*bp = t
	symBuffers.Put(bp)
	return ok
}

// potf2Copy factors the upper triangle of the n×n block A as potf2 does, in
// a copy whose row stride is an odd number of cache lines. With a row
// stride a multiple of 512 bytes the rows of a leaf share a few of L1's
// sets; in the copy they spread over all of them.
func potf2Copy(n int, a []float64, lda int) bool {
	ld := panelStride(n)
	bp := symBuffers.Get().(*[]float64)
	t := grow(*bp, n*ld)
	for i := 0; i < n; i++ {
		copy(t[i*ld+i:i*ld+n], a[i*lda+i:i*lda+n])
	}
	ok := potf2(blas.Upper, n, t, ld)
	for i := 0; i < n; i++ {
		copy(a[i*lda+i:i*lda+n], t[i*ld+i:i*ld+n])
	}
	*bp = t
	symBuffers.Put(bp)
	return ok
}

// transposeLower sets dst[j*ldd+i] = src[i*lds+j] for j ≤ i < n: the lower
// triangle of src into the upper triangle of dst, in 8×8 blocks as
// transpose does, reading nothing above the diagonal of src.
func transposeLower(dst []float64, ldd int, src []float64, lds, n int) {
	const bs = 8
	for i0 := 0; i0 < n; i0 += bs {
		i1 := min(i0+bs, n)
		for j0 := 0; j0 <= i0; j0 += bs {
			for i := i0; i < i1; i++ {
				row := src[i*lds+j0 : i*lds+min(j0+bs, i+1)]
				for j, v := range row {
					dst[(j0+j)*ldd+i] = v
				}
			}
		}
	}
}

// transposeUpper sets dst[i*ldd+j] = src[j*lds+i] for j ≤ i < n: the upper
// triangle of src into the lower triangle of dst, writing nothing above the
// diagonal of dst.
func transposeUpper(dst []float64, ldd int, src []float64, lds, n int) {
	const bs = 8
	for i0 := 0; i0 < n; i0 += bs {
		i1 := min(i0+bs, n)
		for j0 := 0; j0 <= i0; j0 += bs {
			for i := i0; i < i1; i++ {
				row := dst[i*ldd+j0 : i*ldd+min(j0+bs, i+1)]
				for j := range row {
					row[j] = src[(j0+j)*lds+i]
				}
			}
		}
	}
}

// potf2 factors the n×n block A (n ≥ 1) in place, unblocked, as Dpotf2
// describes, and returns false at the first leading minor that is not
// positive, whose Schur complement it leaves on the diagonal.
func potf2(ul blas.Uplo, n int, a []float64, lda int) bool {
	if ul == blas.Upper {
		k := active.Load().level2
		bp := panelBuffers.Get().(*[]float64)
		x := grow(*bp, n)
		defer func() {
			*bp = x
			panelBuffers.Put(bp)
		}()
		for j := 0; j < n; j++ {
			// x = U[0:j, j], and ajj = a_jj − xᵀx.
			x = x[:j]
			for p := range x {
				x[p] = a[p*lda+j]
			}
			ajj := a[j*lda+j] - dotTo(x, x)
			if ajj <= 0 || math.IsNaN(ajj) {
				a[j*lda+j] = ajj
				return false
			}
			ajj = math.Sqrt(ajj)
			a[j*lda+j] = ajj
			if j+1 < n {
				// U[j, j+1:n] = (A[j, j+1:n] − U[0:j, j+1:n]ᵀ·x) / ajj.
				r := a[j*lda+j+1 : j*lda+n]
				if j > 0 {
					dgemv(k, blas.Trans, j, n-j-1, -1, a[j+1:], lda, x, 1, 1, r, 1)
				}
				s := 1 / ajj
				for q := range r {
					r[q] *= s
				}
			}
		}
		return true
	}
	for i := 0; i < n; i++ {
		// L[i, 0:i] by forward substitution with L[0:i, 0:i], row by row.
		row := a[i*lda : i*lda+i+1]
		for j := 0; j < i; j++ {
			lj := a[j*lda : j*lda+j+1]
			row[j] = (row[j] - dotTo(row[:j], lj[:j])) / lj[j]
		}
		d := row[i] - dotTo(row[:i], row[:i])
		if d <= 0 || math.IsNaN(d) {
			row[i] = d
			return false
		}
		row[i] = math.Sqrt(d)
	}
	return true
}

// dotTo returns Σ x[q]·y[q] over len(x) ≤ len(y) elements, with four
// partial sums.
func dotTo(x, y []float64) float64 {
	y = y[:len(x)]
	var s0, s1, s2, s3 float64
	q := 0
	for ; q+4 <= len(x); q += 4 {
		s0 += x[q] * y[q]
		s1 += x[q+1] * y[q+1]
		s2 += x[q+2] * y[q+2]
		s3 += x[q+3] * y[q+3]
	}
	for ; q < len(x); q++ {
		s0 += x[q] * y[q]
	}
	return (s0 + s1) + (s2 + s3)
}
