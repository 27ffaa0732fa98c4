package kernels

import (
	"fmt"

	"gonum.org/v1/gonum/blas"

	"github.com/matcalc/matcalc/kernels/generic"
)

// Dgemm computes
//
//	C = alpha * op(A) * op(B) + beta * C
//
// on row-major matrices, with the semantics of gonum's blas.Float64 Dgemm:
// op(X) is X for blas.NoTrans and Xᵀ for blas.Trans or blas.ConjTrans; op(A)
// is m×k, op(B) is k×n and C is m×n; lda, ldb and ldc are the row strides and
// must be at least the stored widths (and at least 1). When beta is zero C is
// not read, so NaN or Inf already in C does not reach the result.
//
// Dgemm panics, naming the shapes, if the arguments are inconsistent: a bad
// transpose flag, a negative dimension, a leading dimension smaller than the
// width or a slice too short for its matrix.
func Dgemm(tA, tB blas.Transpose, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	aTrans, bTrans := checkGemm("kernels.Dgemm", tA, tB, m, n, k, len(a), lda, len(b), ldb, len(c), ldc)
	if m == 0 || n == 0 || ((alpha == 0 || k == 0) && beta == 1) {
		return
	}
	im := active.Load()
	if im.gemm == nil {
		generic.Dgemm(aTrans, bTrans, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
		return
	}
	scale(m, n, beta, c, ldc)
	if alpha == 0 || k == 0 {
		return
	}
	gemmBlocked(im.gemm, aTrans, bTrans, m, n, k, alpha, a, lda, b, ldb, c, ldc)
}

// scale computes C = beta * C, writing zeros when beta is zero.
func scale(m, n int, beta float64, c []float64, ldc int) {
	if beta == 1 {
		return
	}
	for i := 0; i < m; i++ {
		ci := c[i*ldc : i*ldc+n]
		if beta == 0 {
			clear(ci)
			continue
		}
		for j := range ci {
			ci[j] *= beta
		}
	}
}

// checkGemm validates the arguments of Dgemm (or Dgemmt, with m = n) as
// gonum does, and panics with a message that names the function fn and the
// shapes. It returns whether A and B are transposed.
func checkGemm(fn string, tA, tB blas.Transpose, m, n, k, lenA, lda, lenB, ldb, lenC, ldc int) (aTrans, bTrans bool) {
	aTrans, ok := isTrans(tA)
	if !ok {
		panic(fmt.Sprintf("%s: illegal transpose tA=%d", fn, tA))
	}
	bTrans, ok = isTrans(tB)
	if !ok {
		panic(fmt.Sprintf("%s: illegal transpose tB=%d", fn, tB))
	}
	if m < 0 || n < 0 || k < 0 {
		panic(fmt.Sprintf("%s: negative dimension m=%d n=%d k=%d", fn, m, n, k))
	}
	// Stored shapes: A is m×k (k×m if transposed), B is k×n (n×k if transposed).
	ar, ac := m, k
	if aTrans {
		ar, ac = k, m
	}
	br, bc := k, n
	if bTrans {
		br, bc = n, k
	}
	if lda < max(1, ac) {
		panic(fmt.Sprintf("%s: bad leading dimension of A: lda=%d for stored A %d×%d", fn, lda, ar, ac))
	}
	if ldb < max(1, bc) {
		panic(fmt.Sprintf("%s: bad leading dimension of B: ldb=%d for stored B %d×%d", fn, ldb, br, bc))
	}
	if ldc < max(1, n) {
		panic(fmt.Sprintf("%s: bad leading dimension of C: ldc=%d for C %d×%d", fn, ldc, m, n))
	}
	if m == 0 || n == 0 {
		return aTrans, bTrans
	}
	if need := minLen(ar, ac, lda); lenA < need {
		panic(fmt.Sprintf("%s: insufficient length of A: len=%d, stored A %d×%d with lda=%d needs %d", fn, lenA, ar, ac, lda, need))
	}
	if need := minLen(br, bc, ldb); lenB < need {
		panic(fmt.Sprintf("%s: insufficient length of B: len=%d, stored B %d×%d with ldb=%d needs %d", fn, lenB, br, bc, ldb, need))
	}
	if need := minLen(m, n, ldc); lenC < need {
		panic(fmt.Sprintf("%s: insufficient length of C: len=%d, C %d×%d with ldc=%d needs %d", fn, lenC, m, n, ldc, need))
	}
	return aTrans, bTrans
}

func isTrans(t blas.Transpose) (trans, ok bool) {
	switch t {
	case blas.NoTrans:
		return false, true
	case blas.Trans, blas.ConjTrans:
		return true, true
	}
	return false, false
}

// minLen is the shortest slice that holds an r×c row-major matrix with row
// stride ld.
func minLen(r, c, ld int) int {
	if r == 0 || c == 0 {
		return 0
	}
	return (r-1)*ld + c
}
