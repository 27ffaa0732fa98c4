package newton_test

import (
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/newton"
)

// Newton's method on x² + y² = 4, xy = 1: the residuals fall quadratically.
func ExampleSolve() {
	sys := newton.System{
		F: func(dst *mat.VecDense, v mat.Vector) {
			x, y := v.AtVec(0), v.AtVec(1)
			dst.SetVec(0, x*x+y*y-4)
			dst.SetVec(1, x*y-1)
		},
		Jacobian: func(dst *mat.Dense, v mat.Vector) {
			x, y := v.AtVec(0), v.AtVec(1)
			dst.Set(0, 0, 2*x)
			dst.Set(0, 1, 2*y)
			dst.Set(1, 0, y)
			dst.Set(1, 1, x)
		},
	}
	var x mat.VecDense
	res, err := newton.Solve(&x, sys, mat.NewVecDense(2, []float64{2, 0.3}), nil)
	if err != nil {
		panic(err)
	}
	for k, r := range res.Residuals {
		if r < 1e-10 {
			fmt.Printf("%d: < 1e-10\n", k)
			break
		}
		fmt.Printf("%d: %.2e\n", k, r)
	}
	fmt.Printf("root (%.12f, %.12f)\n", x.AtVec(0), x.AtVec(1))
	// Output:
	// 0: 4.10e-01
	// 1: 4.75e-02
	// 2: 3.25e-04
	// 3: 2.25e-08
	// 4: < 1e-10
	// root (1.931851652578, 0.517638090205)
}

// The square root of a 2×2 matrix by the Denman–Beavers iteration.
func ExampleSqrt() {
	a := mat.NewDense(2, 2, []float64{33, 24, 48, 57}) // = [[5, 2], [4, 7]]²
	var x mat.Dense
	if _, err := newton.Sqrt(&x, a, nil); err != nil {
		panic(err)
	}
	fmt.Printf("%.10f\n", mat.Formatted(&x))
	// Output:
	// ⎡5.0000000000  2.0000000000⎤
	// ⎣4.0000000000  7.0000000000⎦
}
