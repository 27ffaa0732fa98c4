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

// opRows returns op(X)[i:, :] of a stored X whose op is n×k: the rows of
// X, or the columns of Xᵀ, from i on.
func opRows(x []float64, tA blas.Transpose, i, ld int) []float64 {
	if tA == blas.NoTrans {
		return sliceFrom(x, i*ld)
	}
	return sliceFrom(x, i)
}

// dsyrk computes the ul triangle of C = alpha·op(A)·op(A)ᵀ + beta·C, where
// op(A) is n×k, by recursion on halves of C: the diagonal blocks recurse and
// the off-diagonal block is one GEMM. The arguments are valid.
func dsyrk(ul blas.Uplo, tA blas.Transpose, n, k int, alpha float64, a []float64, lda int, beta float64, c []float64, ldc int) {
	if n <= level3Leaf {
		native.Dsyrk(ul, tA, n, k, alpha, a, lda, beta, c, ldc)
		return
	}
	h := split(n)
	a1, a2 := a, opRows(a, tA, h, lda)
	tB := blas.Trans
	if tA != blas.NoTrans {
		tB = blas.NoTrans
	}
	dsyrk(ul, tA, h, k, alpha, a1, lda, beta, c, ldc)
	if ul == blas.Lower {
		// C21 = alpha·op(A)2·op(A)1ᵀ + beta·C21.
		Dgemm(tA, tB, n-h, h, k, alpha, a2, lda, a1, lda, beta, c[h*ldc:], ldc)
	} else {
		// C12 = alpha·op(A)1·op(A)2ᵀ + beta·C12.
		Dgemm(tA, tB, h, n-h, k, alpha, a1, lda, a2, lda, beta, c[h:], ldc)
	}
	dsyrk(ul, tA, n-h, k, alpha, a2, lda, beta, c[h*ldc+h:], ldc)
}

// dsyr2k computes the ul triangle of
// C = alpha·op(A)·op(B)ᵀ + alpha·op(B)·op(A)ᵀ + beta·C, where op(A) and
// op(B) are n×k, by recursion on halves of C as dsyrk. The arguments are
// valid.
func dsyr2k(ul blas.Uplo, tA blas.Transpose, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	if n <= level3Leaf {
		native.Dsyr2k(ul, tA, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
		return
	}
	h := split(n)
	a1, a2 := a, opRows(a, tA, h, lda)
	b1, b2 := b, opRows(b, tA, h, ldb)
	tB := blas.Trans
	if tA != blas.NoTrans {
		tB = blas.NoTrans
	}
	dsyr2k(ul, tA, h, k, alpha, a1, lda, b1, ldb, beta, c, ldc)
	if ul == blas.Lower {
		// C21 = alpha·(op(A)2·op(B)1ᵀ + op(B)2·op(A)1ᵀ) + beta·C21.
		c21 := c[h*ldc:]
		Dgemm(tA, tB, n-h, h, k, alpha, a2, lda, b1, ldb, beta, c21, ldc)
		Dgemm(tA, tB, n-h, h, k, alpha, b2, ldb, a1, lda, 1, c21, ldc)
	} else {
		// C12 = alpha·(op(A)1·op(B)2ᵀ + op(B)1·op(A)2ᵀ) + beta·C12.
		c12 := c[h:]
		Dgemm(tA, tB, h, n-h, k, alpha, a1, lda, b2, ldb, beta, c12, ldc)
		Dgemm(tA, tB, h, n-h, k, alpha, b1, ldb, a2, lda, 1, c12, ldc)
	}
	dsyr2k(ul, tA, n-h, k, alpha, a2, lda, b2, ldb, beta, c[h*ldc+h:], ldc)
}
