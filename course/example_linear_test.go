package course_test

import (
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/check"
)

// Topic 1: the derivative is a linear operator, df = f'(X)[dX]. For
// f(X) = X³ the product rule gives f'(X)[dX] = dX X² + X dX X + X² dX, and
// the linearization f(X + ε dX) ≈ f(X) + ε f'(X)[dX] leaves a remainder that
// shrinks as ε²: here exactly ε²(dX² X + dX X dX + X dX²) + ε³ dX³, so
// ‖remainder‖/ε² settles at ‖dX² X + dX X dX + X dX²‖_F, which is
// ‖[[3, 4], [2, 3]]‖_F = √38 ≈ 6.1644 for the X and dX below.
func Example_linearization() {
	x := mat.NewDense(2, 2, []float64{1, 2, 0, 1})
	dx := mat.NewDense(2, 2, []float64{0, 1, 1, 0})
	cube := func(dst *mat.Dense, a mat.Matrix) { dst.Product(a, a, a) }
	deriv := func(dst *mat.Dense, d mat.Matrix) { // dX X² + X dX X + X² dX
		var t mat.Dense
		dst.Product(d, x, x)
		t.Product(x, d, x)
		dst.Add(dst, &t)
		t.Product(x, x, d)
		dst.Add(dst, &t)
	}
	fmt.Println("f' agrees with finite differences:", check.JVP(cube, deriv, x, dx, nil).Pass)

	var fx, df mat.Dense
	cube(&fx, x)
	deriv(&df, dx)
	fmt.Println("    ε   ‖remainder‖  ‖remainder‖/ε²")
	for _, eps := range []float64{1e-1, 1e-2, 1e-3, 1e-4} {
		var xe, fe, r mat.Dense
		xe.Scale(eps, dx)
		xe.Add(x, &xe)
		cube(&fe, &xe)
		r.Scale(eps, &df)
		r.Add(&fx, &r)
		r.Sub(&fe, &r) // f(X + ε dX) − f(X) − ε f'(X)[dX]
		n := mat.Norm(&r, 2)
		fmt.Printf("%5.0e  %10.4e  %12.4f\n", eps, n, n/(eps*eps))
	}
	var second, t mat.Dense // dX² X + dX X dX + X dX²
	second.Product(dx, dx, x)
	t.Product(dx, x, dx)
	second.Add(&second, &t)
	t.Product(x, dx, dx)
	second.Add(&second, &t)
	fmt.Printf("limit ‖dX² X + dX X dX + X dX²‖ = %.4f\n", mat.Norm(&second, 2))
	// Output:
	// f' agrees with finite differences: true
	//     ε   ‖remainder‖  ‖remainder‖/ε²
	// 1e-01  6.2626e-02        6.2626
	// 1e-02  6.1742e-04        6.1742
	// 1e-03  6.1654e-06        6.1654
	// 1e-04  6.1645e-08        6.1645
	// limit ‖dX² X + dX X dX + X dX²‖ = 6.1644
}

// Topic 1: sensitivity analysis of a model output. The model is a linear
// network: the state x solves A x = b and the output is y = cᵀx. Since
// dy = cᵀ dx and A dx = db − dA x, dy = λᵀ(db − dA x) with Aᵀλ = c (one
// adjoint solve), so ∇_A y = −λ xᵀ and ∇_b y = λ: the sensitivity of y to
// every entry of A at the cost of one more solve. The example ranks the
// entries of A by their relative sensitivity (∂y/∂A_ij)·A_ij/y and checks
// the gradient against finite differences.
func Example_sensitivity() {
	a := mat.NewDense(3, 3, []float64{
		4, -1, 0,
		-1, 4, -1,
		0, -1, 3,
	})
	b := mat.NewVecDense(3, []float64{1, 2, 0})
	c := mat.NewVecDense(3, []float64{0, 0, 1})
	output := func(a mat.Matrix) float64 {
		var x mat.VecDense
		if err := x.SolveVec(a, b); err != nil {
			panic(err)
		}
		return mat.Dot(c, &x)
	}
	var x, lam mat.VecDense
	if err := x.SolveVec(a, b); err != nil {
		panic(err)
	}
	if err := lam.SolveVec(a.T(), c); err != nil {
		panic(err)
	}
	var grad mat.Dense // −λ xᵀ
	grad.Outer(-1, &lam, &x)
	r := check.Gradient(output, func(dst *mat.Dense) { dst.CloneFrom(&grad) }, a, nil)
	fmt.Println("∇_A y agrees with finite differences:", r.Pass)

	y := output(a)
	fmt.Printf("y = %.6f\n", y)
	type entry struct {
		i, j int
		s    float64
	}
	var es []entry
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			if a.At(i, j) != 0 {
				es = append(es, entry{i, j, grad.At(i, j) * a.At(i, j) / y})
			}
		}
	}
	// Rank by magnitude rounded to the printed digits, so that ties (here
	// A[2][1] and A[2][2], equal in exact arithmetic) keep their order
	// whatever the rounding of the platform.
	key := func(e entry) float64 { return math.Round(math.Abs(e.s) * 1e4) }
	sort.SliceStable(es, func(p, q int) bool { return key(es[p]) > key(es[q]) })
	for _, e := range es[:3] {
		fmt.Printf("A[%d][%d]: a 1%% change moves y by %+.4f%%\n", e.i, e.j, e.s)
	}
	// Output:
	// ∇_A y agrees with finite differences: true
	// y = 0.219512
	// A[1][1]: a 1% change moves y by -1.1707%
	// A[2][1]: a 1% change moves y by +1.0976%
	// A[2][2]: a 1% change moves y by -1.0976%
}
