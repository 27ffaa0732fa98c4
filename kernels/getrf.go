package kernels

import "gonum.org/v1/gonum/blas"

// getrfLeaf is the widest column strip that Dgetrf's recursion factors as a
// leaf, in a column-major copy (getrf_panel.go); wider blocks are split in
// halves. Measured on Zen 4 (AVX2 path, one thread), Dgetrf of a square
// matrix with leaves of 16, 24, 32 and 48 columns: n = 100 took 48, 49, 52
// and 59 µs; n = 512 and n = 1024 the same to 2% (2.9 and 19 ms); leaves
// of 64 columns were 30% slower at n = 512. Tests lower it to cross every
// split.
var getrfLeaf = 16

// Dgetrf computes the LU factorization with partial pivoting of the m×n
// matrix A,
//
//	A = P * L * U
//
// with the contract of gonum's Dgetrf: L (unit lower trapezoidal) and U
// (upper trapezoidal) overwrite A; ipiv, of length min(m, n), records that
// row i was interchanged with row ipiv[i] (zero-based); the pivot of each
// column is its first element of largest magnitude. Dgetrf returns false
// if some pivot is exactly zero, after completing the factorization as
// LAPACK does (the zero column of L is left unscaled). Invalid arguments
// panic as gonum's do.
//
// It factors recursively on halves of the columns, as LAPACK's dgetrf2
// (Toledo's algorithm): the left half is factored, its row interchanges
// are applied to the right half, U12 = L11⁻¹·A12 and A22 −= L21·U12 are a
// triangular solve and a GEMM on matcalc's kernels (called directly, not
// through blas64; gonum's own on the generic path), the right half is
// factored and its interchanges applied back to the left. Strips of at most getrfLeaf columns are factored in a
// contiguous column-major copy (Dgetf2), where the pivot search, the row
// interchanges, the scaling and the updates all run along contiguous
// memory instead of down the 4 KiB-strided columns of a 512-wide matrix.
func (impl LAPACK) Dgetrf(m, n int, a []float64, lda int, ipiv []int) (ok bool) {
	mn := min(m, n)
	if m < 0 || n < 0 || lda < max(1, n) || mn == 0 || len(a) < (m-1)*lda+n || len(ipiv) != mn {
		// gonum's panics for invalid arguments, and its quick return.
		return impl.Implementation.Dgetrf(m, n, a, lda, ipiv)
	}
	ok = getrfRec(m, mn, a, lda, ipiv)
	if n > m {
		// A wide matrix: factor the leading m×m block, then apply its
		// interchanges to the columns right of it and U12 = L11⁻¹·A12.
		laswp(a[m:], lda, n-m, ipiv, 0)
		Implementation{}.Dtrsm(blas.Left, blas.Lower, blas.NoTrans, blas.Unit, m, n-m, 1, a, lda, a[m:], lda)
	}
	return ok
}

// getrfRec factors the m×n block A (m ≥ n ≥ 1) in place by recursion on
// halves of its columns and returns false if a pivot was exactly zero. The
// pivot indices in ipiv (length n) are relative to the block.
func getrfRec(m, n int, a []float64, lda int, ipiv []int) bool {
	if n <= getrfLeaf {
		return getf2(m, n, a, lda, ipiv)
	}
	n1 := split(n)
	n2 := n - n1
	// [A11; A21] = P1·[L11; L21]·U11.
	ok := getrfRec(m, n1, a, lda, ipiv[:n1])
	// [A12; A22] = P1ᵀ·[A12; A22], U12 = L11⁻¹·A12, A22 −= L21·U12.
	a12 := a[n1:]
	laswp(a12, lda, n2, ipiv[:n1], 0)
	Implementation{}.Dtrsm(blas.Left, blas.Lower, blas.NoTrans, blas.Unit, n1, n2, 1, a, lda, a12, lda)
	a22 := a[n1*lda+n1:]
	luGemm(m-n1, n2, n1, a[n1*lda:], lda, a12, lda, a22, lda)
	// A22 = P2·L22·U22, and P2 applied to L21.
	if !getrfRec(m-n1, n2, a22, lda, ipiv[n1:]) {
		ok = false
	}
	for i := n1; i < n; i++ {
		ipiv[i] += n1
	}
	laswp(a, lda, n1, ipiv[n1:], n1)
	return ok
}

// luGemm computes C −= A·B for the m×k A, k×n B and m×n C: on the
// dispatched kernel, or with gonum's Dgemm on a path without a GEMM
// microkernel, where it is faster than kernels/generic (the reference).
func luGemm(m, n, k int, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	if active.Load().gemm == nil {
		native.Dgemm(blas.NoTrans, blas.NoTrans, m, n, k, -1, a, lda, b, ldb, 1, c, ldc)
		return
	}
	Dgemm(blas.NoTrans, blas.NoTrans, m, n, k, -1, a, lda, b, ldb, 1, c, ldc)
}

// laswp interchanges, for k = 0, 1, ..., len(ipiv)-1 in turn, the first
// ncols elements of rows k0+k and ipiv[k] of the row-major A: contiguous
// row segments, unlike gonum's Dlaswp on a column-major layout.
func laswp(a []float64, lda, ncols int, ipiv []int, k0 int) {
	for k, p := range ipiv {
		i := k0 + k
		if p == i {
			continue
		}
		x := a[i*lda : i*lda+ncols]
		y := a[p*lda : p*lda+ncols]
		y = y[:len(x)]
		for j := range x {
			x[j], y[j] = y[j], x[j]
		}
	}
}
