package kernels

import "gonum.org/v1/gonum/blas"

// validSyrk reports whether gonum's Dsyrk (b == nil) or Dsyr2k accepts the
// arguments, so that the blocked path never hides one of gonum's panics.
func validSyrk(ul blas.Uplo, tA blas.Transpose, n, k int, a []float64, lda int, b []float64, ldb int, c []float64, ldc int, two bool) bool {
	if !validUplo(ul) || !validTrans(tA) || n < 0 || k < 0 {
		return false
	}
	row, col := k, n
	if tA == blas.NoTrans {
		row, col = n, k
	}
	if lda < max(1, col) || (two && ldb < max(1, col)) || ldc < max(1, n) {
		return false
	}
	if n == 0 {
		return true
	}
	return minLenOK(len(a), row, col, lda) && (!two || minLenOK(len(b), row, col, ldb)) && minLenOK(len(c), n, n, ldc)
}

// dsyrk computes the ul triangle of C = alpha·op(A)·op(A)ᵀ + beta·C, where
// op(A) is n×k, as one Dgemmt. The arguments are valid.
func dsyrk(ul blas.Uplo, tA blas.Transpose, n, k int, alpha float64, a []float64, lda int, beta float64, c []float64, ldc int) {
	Dgemmt(ul, tA, flip(tA), n, k, alpha, a, lda, a, lda, beta, c, ldc)
}

// dsyr2k computes the ul triangle of
// C = alpha·op(A)·op(B)ᵀ + alpha·op(B)·op(A)ᵀ + beta·C, where op(A) and
// op(B) are n×k, as two Dgemmt. The arguments are valid.
func dsyr2k(ul blas.Uplo, tA blas.Transpose, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	tB := flip(tA)
	Dgemmt(ul, tA, tB, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
	Dgemmt(ul, tA, tB, n, k, alpha, b, ldb, a, lda, 1, c, ldc)
}
