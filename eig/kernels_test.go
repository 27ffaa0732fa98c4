package eig

import (
	"testing"

	"gonum.org/v1/gonum/blas/blas64"

	"github.com/matcalc/matcalc/kernels"
)

// TestOnKernels runs the product, derivative and oracle tests again with
// matcalc's kernels installed as gonum's BLAS, where the symmetric half
// products go through kernels.Implementation.Dgemmt instead of recursive
// halving on Dgemm.
func TestOnKernels(t *testing.T) {
	defer blas64.Use(blas64.Implementation())
	blas64.Use(kernels.Implementation{})
	if _, ok := blas64.Implementation().(gemmter); !ok {
		t.Fatal("kernels.Implementation has no Dgemmt: the half products would not use it")
	}
	for _, tc := range []struct {
		name string
		test func(*testing.T)
	}{
		{"SymGemmBlocked", TestSymGemmBlocked},
		{"LargerOracles", TestLargerOracles},
		{"FuncJVPExp", TestFuncJVPExp},
		{"FuncFiniteDifferencesAndAdjoint", TestFuncFiniteDifferencesAndAdjoint},
		{"FuncHVP", TestFuncHVP},
		{"TraceFiniteDifferences", TestTraceFiniteDifferences},
		{"ValuesAdjoint", TestValuesAdjoint},
		{"ValuesHVPDegenerate", TestValuesHVPDegenerate},
		{"VectorsJVPFiniteDifferences", TestVectorsJVPFiniteDifferences},
		{"VectorsAdjoint", TestVectorsAdjoint},
		{"VectorsDiag411", TestVectorsDiag411},
		{"VectorsGaugeInvariant", TestVectorsGaugeInvariant},
		{"NearDegenerateSweep", TestNearDegenerateSweep},
	} {
		t.Run(tc.name, tc.test)
	}
}
