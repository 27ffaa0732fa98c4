package kernels

import "gonum.org/v1/gonum/blas"

// validSymm reports whether gonum's Dsymm accepts the arguments, so that the
// blocked path never hides one of gonum's panics.
func validSymm(s blas.Side, ul blas.Uplo, m, n int, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) bool {
	if !validSide(s) || !validUplo(ul) || m < 0 || n < 0 {
		return false
	}
	k := n
	if s == blas.Left {
		k = m
	}
	if lda < max(1, k) || ldb < max(1, n) || ldc < max(1, n) {
		return false
	}
	return m == 0 || n == 0 ||
		(minLenOK(len(a), k, k, lda) && minLenOK(len(b), m, n, ldb) && minLenOK(len(c), m, n, ldc))
}

// dsymm computes C = alpha·A·B + beta·C (Left, A m×m) or
// C = alpha·B·A + beta·C (Right, A n×n) for the symmetric A stored in its
// ul triangle: it copies A into a full square (O(k²) against the product's
// O(k²·n)) and makes one GEMM. The arguments are valid.
func dsymm(s blas.Side, ul blas.Uplo, m, n int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	k := n
	if s == blas.Left {
		k = m
	}
	bp := symBuffers.Get().(*[]float64)
	full := grow(*bp, k*k)
	for i := 0; i < k; i++ {
		row := full[i*k : i*k+k]
		if ul == blas.Lower {
			copy(row[:i+1], a[i*lda:i*lda+i+1])
			for j := i + 1; j < k; j++ {
				row[j] = a[j*lda+i]
			}
		} else {
			for j := 0; j < i; j++ {
				row[j] = a[j*lda+i]
			}
			copy(row[i:], a[i*lda+i:i*lda+k])
		}
	}
	if s == blas.Left {
		Dgemm(blas.NoTrans, blas.NoTrans, m, n, m, alpha, full, k, b, ldb, beta, c, ldc)
	} else {
		Dgemm(blas.NoTrans, blas.NoTrans, m, n, n, alpha, b, ldb, full, k, beta, c, ldc)
	}
	*bp = full
	symBuffers.Put(bp)
}
