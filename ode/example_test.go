package ode_test

import (
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/ode"
)

// The gradient of ⟨c, x(T)⟩ for dx/dt = A x with respect to x(0), by the
// discrete adjoint of RK4. For the rotation generator A = [[0, 1], [−1, 0]]
// the exact flow is a rotation, e^{TA}, and the exact gradient e^{TAᵀ}c.
func ExampleSolution_VJP() {
	a := mat.NewDense(2, 2, []float64{0, 1, -1, 0})
	var s ode.Solution
	if err := s.Solve(ode.Linear{}, ode.RK4, a, mat.NewVecDense(2, []float64{1, 0}), 1, 50); err != nil {
		panic(err)
	}
	var xT, x0Bar mat.VecDense
	var aBar mat.Dense
	s.Final(&xT)
	s.VJP(&x0Bar, &aBar, mat.NewVecDense(2, []float64{1, 0}))
	fmt.Printf("x(1)     = (%.6f, %.6f)\n", xT.AtVec(0), xT.AtVec(1))
	fmt.Printf("∇_x(0)   = (%.6f, %.6f)\n", x0Bar.AtVec(0), x0Bar.AtVec(1))
	// Output:
	// x(1)     = (0.540302, -0.841471)
	// ∇_x(0)   = (0.540302, 0.841471)
}
