package kernels_test

import (
	"testing"

	"gonum.org/v1/gonum/blas/testblas"

	"github.com/matcalc/matcalc/kernels"
)

// TestImplementationLevel2 runs gonum's conformance suite for the Level 2
// routines Implementation overrides, and the vector routines that go with
// them, on every path.
func TestImplementationLevel2(t *testing.T) {
	impl := kernels.Implementation{}
	eachPath(t, func(t *testing.T) {
		testblas.DgemvTest(t, impl)
		testblas.DgerTest(t, impl)
		testblas.IdamaxTest(t, impl)
		testblas.DscalTest(t, impl)
	})
}
