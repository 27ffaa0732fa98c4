package kernels_test

import (
	"testing"

	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/blas/testblas"
	lapackgonum "gonum.org/v1/gonum/lapack/gonum"
	"gonum.org/v1/gonum/lapack/testlapack"

	"github.com/matcalc/matcalc/kernels"
)

// eachPath runs f once for every path this CPU runs, with that path forced.
func eachPath(t *testing.T, f func(t *testing.T)) {
	for _, p := range kernels.Available() {
		t.Run(p.String(), func(t *testing.T) {
			defer kernels.Use(p)()
			f(t)
		})
	}
}

// TestImplementationBLAS runs gonum's own conformance suite for the Level 3
// routines on Implementation, on every path.
func TestImplementationBLAS(t *testing.T) {
	impl := kernels.Implementation{}
	eachPath(t, func(t *testing.T) {
		testblas.TestDgemm(t, impl)
		testblas.DsymmTest(t, impl)
		testblas.DsyrkTest(t, impl)
		testblas.Dsyr2kTest(t, impl)
		testblas.DtrmmTest(t, impl)
		testblas.DtrsmTest(t, impl)
	})
}

// TestImplementationLAPACK runs gonum's LAPACK conformance tests for the
// factorizations matcalc leans on with Implementation installed as gonum's
// BLAS, on every path.
func TestImplementationLAPACK(t *testing.T) {
	if testing.Short() {
		t.Skip("gonum's LAPACK suites are long; skipped in -short mode")
	}
	defer blas64.Use(blas64.Implementation())
	blas64.Use(kernels.Implementation{})
	impl := lapackgonum.Implementation{}
	eachPath(t, func(t *testing.T) {
		t.Run("Dgetrf", func(t *testing.T) { testlapack.DgetrfTest(t, impl) })
		t.Run("Dgetri", func(t *testing.T) { testlapack.DgetriTest(t, impl) })
		t.Run("Dpotrf", func(t *testing.T) { testlapack.DpotrfTest(t, impl) })
		t.Run("Dsyev", func(t *testing.T) { testlapack.DsyevTest(t, impl) })
		t.Run("Dsytrd", func(t *testing.T) { testlapack.DsytrdTest(t, impl) })
		t.Run("Dtrtri", func(t *testing.T) { testlapack.DtrtriTest(t, impl) })
		// gonum tests its own Dgesvd with tol 1e-13, which compares singular
		// values between the full and partial SVD to a relative 1e-14; a GEMM
		// that rounds differently from gonum's (as any blocked one does) moves
		// the smallest of 150 singular values spread over two decades by about
		// 1.2e-14 relative, so the suite runs at 1e-12.
		t.Run("Dgesvd", func(t *testing.T) { testlapack.DgesvdTest(t, impl, 1e-12) })
	})
}
