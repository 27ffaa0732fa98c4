package check_test

import (
	"fmt"
	"math/rand/v2"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/check"
)

// Check the JVP of A ↦ A², dA·A + A·dA, and a version that forgot a term.
func ExampleJVP() {
	rnd := rand.New(rand.NewPCG(1, 2))
	a := check.Gaussian(rnd, 3, 3)
	dA := check.Direction(rnd, 3, 3)

	square := func(dst *mat.Dense, a mat.Matrix) { dst.Mul(a, a) }
	jvp := func(dst *mat.Dense, dA mat.Matrix) {
		var t mat.Dense
		t.Mul(dA, a)
		dst.Mul(a, dA)
		dst.Add(dst, &t)
	}
	forgot := func(dst *mat.Dense, dA mat.Matrix) { dst.Mul(a, dA) }

	fmt.Println(check.JVP(square, jvp, a, dA, nil).Pass)
	r := check.JVP(square, forgot, a, dA, nil)
	fmt.Println(r.Pass, len(r.Worst) > 0)
	// Output:
	// true
	// false true
}

// The gradient of log|det A| is A⁻ᵀ; A⁻¹ is the classic transposition slip.
func ExampleGradient() {
	a := mat.NewDense(2, 2, []float64{2, 1, -1, 3})
	logAbsDet := func(a mat.Matrix) float64 {
		v, _ := mat.LogDet(a)
		return v
	}
	var inv mat.Dense
	if err := inv.Inverse(a); err != nil {
		panic(err)
	}
	right := func(dst *mat.Dense) { dst.CloneFrom(inv.T()) }
	slip := func(dst *mat.Dense) { dst.CloneFrom(&inv) }

	fmt.Println(check.Gradient(logAbsDet, right, a, nil).Pass)
	fmt.Println(check.Gradient(logAbsDet, slip, a, nil).Pass)
	// Output:
	// true
	// false
}

// The dot-product test of the JVP and VJP of A ↦ A⁻¹: −Y·dA·Y and
// −Yᵀ·Ȳ·Yᵀ. It needs no differences, so it suits any size.
func ExampleAdjoint() {
	rnd := rand.New(rand.NewPCG(1, 2))
	n := 50
	a := check.Conditioned(rnd, n, 1e3)
	var y mat.Dense
	if err := y.Inverse(a); err != nil {
		panic(err)
	}
	jvp := func(dst *mat.Dense, dA mat.Matrix) {
		dst.Product(&y, dA, &y)
		dst.Scale(-1, dst)
	}
	vjp := func(dst *mat.Dense, yBar mat.Matrix) {
		dst.Product(y.T(), yBar, y.T())
		dst.Scale(-1, dst)
	}
	r := check.Adjoint(jvp, vjp, check.Direction(rnd, n, n), check.Direction(rnd, n, n), nil)
	fmt.Println(r.Pass)
	// Output:
	// true
}

// The 4×4 Jacobian of A ↦ A² at a 2×2 A is I ⊗ A + Aᵀ ⊗ I in the
// column-major vec convention.
func ExampleJacobianJVP() {
	a := mat.NewDense(2, 2, []float64{1, 2, 3, 4})
	jvp := func(dst *mat.Dense, dA mat.Matrix) {
		var t mat.Dense
		t.Mul(dA, a)
		dst.Mul(a, dA)
		dst.Add(dst, &t)
	}
	var j mat.Dense
	check.JacobianJVP(&j, jvp, 2, 2)
	fmt.Printf("%v\n", mat.Formatted(&j))
	// Output:
	// ⎡2  2  3  0⎤
	// ⎢3  5  0  3⎥
	// ⎢2  0  5  2⎥
	// ⎣0  2  3  8⎦
}

// The error of each formula against the exact derivative of A ↦ A⁻¹ as the
// step shrinks: truncation error falls as h, h² and h⁴ until roundoff, which
// grows as 1/h, takes over.
func ExampleSweep() {
	a := mat.NewDense(2, 2, []float64{4, 1, 2, 3})
	dA := mat.NewDense(2, 2, []float64{1, 0, 0, 0})
	inv := func(dst *mat.Dense, x mat.Matrix) {
		if err := dst.Inverse(x); err != nil {
			panic(err)
		}
	}
	var y mat.Dense
	if err := y.Inverse(a); err != nil {
		panic(err)
	}
	var want mat.Dense // −A⁻¹·dA·A⁻¹
	want.Product(&y, dA, &y)
	want.Scale(-1, &want)

	steps := []float64{1e-1, 1e-3, 1e-5, 1e-7, 1e-9, 1e-11}
	for _, c := range []struct {
		name    string
		formula fd.Formula
	}{{"forward", fd.Forward}, {"central", fd.Central}, {"richardson", check.Richardson}} {
		fmt.Printf("%-10s", c.name)
		for _, p := range check.Sweep(inv, a, dA, &want, c.formula, steps) {
			fmt.Printf(" %6.0e", p.Err)
		}
		fmt.Println()
	}
}

// An HVP is the JVP of the gradient map. For log|det A| the gradient is
// A⁻ᵀ and the HVP along dA is −(A⁻¹·dA·A⁻¹)ᵀ; dropping the transpose is
// wrong for a non-symmetric A and dA.
func ExampleJVP_hvp() {
	rnd := rand.New(rand.NewPCG(3, 4))
	a := check.Conditioned(rnd, 4, 100)
	dA := check.Direction(rnd, 4, 4)

	grad := func(dst *mat.Dense, x mat.Matrix) { // x ↦ x⁻ᵀ
		var inv mat.Dense
		if err := inv.Inverse(x); err != nil {
			panic(err)
		}
		dst.CloneFrom(inv.T())
	}
	var inv mat.Dense
	if err := inv.Inverse(a); err != nil {
		panic(err)
	}
	hvp := func(dst *mat.Dense, dA mat.Matrix) {
		var t mat.Dense
		t.Product(&inv, dA, &inv)
		dst.Scale(-1, t.T())
	}
	noTranspose := func(dst *mat.Dense, dA mat.Matrix) {
		dst.Product(&inv, dA, &inv)
		dst.Scale(-1, dst)
	}
	fmt.Println(check.JVP(grad, hvp, a, dA, nil).Pass)
	fmt.Println(check.JVP(grad, noTranspose, a, dA, nil).Pass)
	// Output:
	// true
	// false
}
