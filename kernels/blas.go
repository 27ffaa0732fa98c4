package kernels

import (
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"
)

// Implementation is a gonum blas.Float64 whose Level 3 routines, Dgemv and
// Dger (and Idamax and Dscal, which LU's unblocked panel calls between them)
// run on matcalc's kernels; every routine it does not override is gonum's
// own.
// Install it for all of gonum's mat and lapack with
//
//	blas64.Use(kernels.Implementation{})
//
// Dgemm goes to the dispatched kernel. Dsyrk, Dsyr2k, Dtrmm and Dtrsm recurse
// on halves of their triangular or symmetric operand, so that nearly all of
// their flops are GEMMs on the same kernel; Dsymm expands its symmetric
// operand into a full square and makes one GEMM. On the generic path, and
// for operands of order below 32, they are gonum's own routines. Invalid
// arguments panic exactly as gonum's do.
//
// Dgemv, Dger, Idamax and Dscal are in level2.go and level2_vector.go; on a
// path without Level 2 kernels (generic, NEON) they are gonum's.
//
// It passes gonum's conformance suites (gonum.org/v1/gonum/blas/testblas and
// the LAPACK factorizations of gonum.org/v1/gonum/lapack/testlapack) for the
// routines it overrides.
type Implementation struct {
	gonum.Implementation
}

var _ blas.Float64 = Implementation{}

// Dgemm computes C = alpha * op(A) * op(B) + beta * C through the kernel
// dispatch (see the package-level Dgemm), or with gonum's own Dgemm on a
// path without a GEMM microkernel: kernels/generic is the reference the
// paths are tested against, and at n = 512 it ran at 3.6 GFLOP/s against
// gonum's 8.1, so that Implementation never makes gonum slower.
func (Implementation) Dgemm(tA, tB blas.Transpose, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	if active.Load().gemm == nil {
		native.Dgemm(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
		return
	}
	Dgemm(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

// Dgemmt computes the ul triangle of C = alpha * op(A) * op(B) + beta * C
// for n×n C, leaving the other triangle untouched: see the function Dgemmt.
// It is not part of gonum's blas.Float64; callers that know a product to be
// symmetric can look for it with a type assertion on blas64.Implementation()
// (eig/ does) and compute half of it.
func (Implementation) Dgemmt(ul blas.Uplo, tA, tB blas.Transpose, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	Dgemmt(ul, tA, tB, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

// Dsyrk computes the ul triangle of the symmetric rank-k update
//
//	C = alpha * A * Aᵀ + beta * C  if tA == blas.NoTrans (A is n×k)
//	C = alpha * Aᵀ * A + beta * C  otherwise (A is k×n)
//
// with the semantics of gonum's Dsyrk.
func (Implementation) Dsyrk(ul blas.Uplo, tA blas.Transpose, n, k int, alpha float64, a []float64, lda int, beta float64, c []float64, ldc int) {
	if !blocked(n) || alpha == 0 || k == 0 || !validSyrk(ul, tA, n, k, a, lda, nil, 0, c, ldc, false) {
		native.Dsyrk(ul, tA, n, k, alpha, a, lda, beta, c, ldc)
		return
	}
	dsyrk(ul, tA, n, k, alpha, a, lda, beta, c, ldc)
}

// Dsyr2k computes the ul triangle of the symmetric rank-2k update
//
//	C = alpha * (A * Bᵀ + B * Aᵀ) + beta * C  if tA == blas.NoTrans (A, B n×k)
//	C = alpha * (Aᵀ * B + Bᵀ * A) + beta * C  otherwise (A, B k×n)
//
// with the semantics of gonum's Dsyr2k.
func (Implementation) Dsyr2k(ul blas.Uplo, tA blas.Transpose, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	if !blocked(n) || alpha == 0 || k == 0 || !validSyrk(ul, tA, n, k, a, lda, b, ldb, c, ldc, true) {
		native.Dsyr2k(ul, tA, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
		return
	}
	dsyr2k(ul, tA, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

// Dsymm computes
//
//	C = alpha * A * B + beta * C  if s == blas.Left (A is m×m)
//	C = alpha * B * A + beta * C  if s == blas.Right (A is n×n)
//
// for the symmetric A stored in its ul triangle, with the semantics of
// gonum's Dsymm.
func (Implementation) Dsymm(s blas.Side, ul blas.Uplo, m, n int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	order := n
	if s == blas.Left {
		order = m
	}
	if !blocked(order) || alpha == 0 || m == 0 || n == 0 || !validSymm(s, ul, m, n, a, lda, b, ldb, c, ldc) {
		native.Dsymm(s, ul, m, n, alpha, a, lda, b, ldb, beta, c, ldc)
		return
	}
	dsymm(s, ul, m, n, alpha, a, lda, b, ldb, beta, c, ldc)
}

// Dtrmm computes
//
//	B = alpha * op(A) * B  if s == blas.Left (A is m×m)
//	B = alpha * B * op(A)  if s == blas.Right (A is n×n)
//
// for the triangular A stored in its ul triangle (with a unit diagonal if d
// is blas.Unit), with the semantics of gonum's Dtrmm.
func (Implementation) Dtrmm(s blas.Side, ul blas.Uplo, tA blas.Transpose, d blas.Diag, m, n int, alpha float64, a []float64, lda int, b []float64, ldb int) {
	order := n
	if s == blas.Left {
		order = m
	}
	if !blocked(order) || alpha == 0 || m == 0 || n == 0 || !validTrsm(s, ul, tA, d, m, n, a, lda, b, ldb) {
		native.Dtrmm(s, ul, tA, d, m, n, alpha, a, lda, b, ldb)
		return
	}
	dtrmm(active.Load().gemm, s, ul, tA, d, m, n, alpha, a, lda, b, ldb)
}

// Dtrsm solves
//
//	op(A) * X = alpha * B  if s == blas.Left (A is m×m)
//	X * op(A) = alpha * B  if s == blas.Right (A is n×n)
//
// for X, which overwrites B, for the triangular A stored in its ul triangle
// (with a unit diagonal if d is blas.Unit), with the semantics of gonum's
// Dtrsm. Like gonum's it does not check A for singularity.
func (Implementation) Dtrsm(s blas.Side, ul blas.Uplo, tA blas.Transpose, d blas.Diag, m, n int, alpha float64, a []float64, lda int, b []float64, ldb int) {
	order := n
	if s == blas.Left {
		order = m
	}
	if !blocked(order) || alpha == 0 || m == 0 || n == 0 || !validTrsm(s, ul, tA, d, m, n, a, lda, b, ldb) {
		native.Dtrsm(s, ul, tA, d, m, n, alpha, a, lda, b, ldb)
		return
	}
	if s == blas.Right {
		// op(A)ᵀ·Xᵀ = alpha·Bᵀ: the left-side recursion is faster.
		onTranspose(m, n, b, ldb, func(bt []float64, ldt int) {
			dtrsm(blas.Left, ul, flip(tA), d, n, m, alpha, a, lda, bt, ldt)
		})
		return
	}
	dtrsm(s, ul, tA, d, m, n, alpha, a, lda, b, ldb)
}
