package course_test

import (
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/check"
	"github.com/matcalc/matcalc/check/dual"
	"github.com/matcalc/matcalc/power"
)

// Topic 2: the product rule for matrices keeps the order of the factors:
// d(X A X) = dX A X + X A dX. With integer matrices every product is exact,
// so the rule, the dual-number derivative (exact forward mode) and finite
// differences can be compared directly.
func Example_productRule() {
	x := mat.NewDense(2, 2, []float64{1, 2, 3, 4})
	a := mat.NewDense(2, 2, []float64{0, 1, -1, 2})
	dx := mat.NewDense(2, 2, []float64{1, 0, 2, -1})

	f := func(dst *mat.Dense, x mat.Matrix) { dst.Product(x, a, x) }
	rule := func(dst *mat.Dense, d mat.Matrix) { // dX A X + X A dX
		var t mat.Dense
		dst.Product(d, a, x)
		t.Product(x, a, d)
		dst.Add(dst, &t)
	}
	var got mat.Dense
	rule(&got, dx)

	// Dual numbers: run X A X on X + ε dX; the ε part is the derivative.
	xd := dual.NewMatrix(x, dx)
	var y dual.Matrix
	y.Mul(xd, dual.NewMatrix(a, mat.NewDense(2, 2, nil)))
	y.Mul(&y, xd)

	fmt.Printf("d(XAX) = %v\n", mat.Formatted(&got, mat.Prefix("         ")))
	fmt.Println("equals the dual-number derivative:", mat.Equal(&got, y.Eps(0)))
	fmt.Println("agrees with finite differences:", check.JVP(f, rule, x, dx, nil).Pass)
	// Output:
	// d(XAX) = ⎡11  -1⎤
	//          ⎣19  -9⎦
	// equals the dual-number derivative: true
	// agrees with finite differences: true
}

// Topic 2: d(A³) = dA A² + A dA A + A² dA. The scalar rule 3A² dA holds only
// when dA commutes with A; the example shows how far off it is otherwise.
// Package power differentiates A^k for any integer k by applying the product
// rule to each step of binary powering (A³ = A²·A); with integer matrices it
// agrees with the rule exactly.
func Example_productRuleCube() {
	a := mat.NewDense(2, 2, []float64{1, 2, 3, 4})
	da := mat.NewDense(2, 2, []float64{0, 1, 0, 0})

	cube := func(dst *mat.Dense, x mat.Matrix) { dst.Product(x, x, x) }
	rule := func(dst *mat.Dense, d mat.Matrix) {
		var t mat.Dense
		dst.Product(d, a, a)
		t.Product(a, d, a)
		dst.Add(dst, &t)
		t.Product(a, a, d)
		dst.Add(dst, &t)
	}
	scalar := func(dst *mat.Dense, d mat.Matrix) { // 3A² dA: wrong for matrices
		dst.Product(a, a, d)
		dst.Scale(3, dst)
	}
	var y dual.Matrix
	if err := y.Pow(dual.NewMatrix(a, da), 3); err != nil {
		panic(err)
	}
	var got, wrong, byPower mat.Dense
	rule(&got, da)
	scalar(&wrong, da)
	if err := power.JVP(&byPower, a, 3, da); err != nil {
		panic(err)
	}

	fmt.Printf("d(A³)  = %v\n", mat.Formatted(&got, mat.Prefix("         ")))
	fmt.Println("equals the dual-number derivative:", mat.Equal(&got, y.Eps(0)))
	fmt.Println("equals power.JVP:", mat.Equal(&got, &byPower))
	fmt.Println("rule passes finite differences:", check.JVP(cube, rule, a, da, nil).Pass)
	fmt.Println("3A²dA passes finite differences:", check.JVP(cube, scalar, a, da, nil).Pass)
	fmt.Printf("3A²dA  = %v\n", mat.Formatted(&wrong, mat.Prefix("         ")))
	// Output:
	// d(A³)  = ⎡18  33⎤
	//          ⎣ 9  27⎦
	// equals the dual-number derivative: true
	// equals power.JVP: true
	// rule passes finite differences: true
	// 3A²dA passes finite differences: false
	// 3A²dA  = ⎡ 0  21⎤
	//          ⎣ 0  45⎦
}
