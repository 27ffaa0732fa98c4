package kernels

import (
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"
)

// Implementation is a gonum blas.Float64 whose Level 3 routines run on
// matcalc's kernels; every routine it does not override is gonum's own.
// Install it for all of gonum's mat and lapack with
//
//	blas64.Use(kernels.Implementation{})
//
// It passes gonum's conformance suite (gonum.org/v1/gonum/blas/testblas) for
// the routines it overrides.
type Implementation struct {
	gonum.Implementation
}

var _ blas.Float64 = Implementation{}

// Dgemm computes C = alpha * op(A) * op(B) + beta * C through the kernel
// dispatch. See the package-level Dgemm.
func (Implementation) Dgemm(tA, tB blas.Transpose, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	Dgemm(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}
