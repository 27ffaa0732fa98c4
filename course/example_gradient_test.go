package course_test

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/check"
)

// Topic 6: the gradient is defined by the inner product: ∇f is the matrix
// with df = <∇f, dX> for every dX, here under the Frobenius product
// <X, Y> = tr(XᵀY) = Σ X_ij Y_ij. Reading the gradient off the differential:
//
//	f = tr(AᵀX):   df = tr(Aᵀ dX)              ⇒ ∇f = A
//	f = ‖X‖²_F:     df = 2 tr(Xᵀ dX)            ⇒ ∇f = 2X
//	f = log det X: df = tr(X⁻¹ dX) = <X⁻ᵀ, dX> ⇒ ∇f = X⁻ᵀ
//
// each checked entry by entry against finite differences.
func Example_gradients() {
	a := mat.NewDense(2, 3, []float64{1, -2, 0.5, 3, 0, -1})
	x := mat.NewDense(2, 3, []float64{0.3, 1, -0.7, 2, -1.5, 0.4})
	sq := mat.NewDense(3, 3, []float64{3, 1, 0, -1, 2, 1, 0.5, 0, 1}) // det 8.5 > 0

	trace := func(x mat.Matrix) float64 { return check.Inner(a, x) }
	frob2 := func(x mat.Matrix) float64 { return check.Inner(x, x) }
	logDet := func(x mat.Matrix) float64 {
		v, sign := mat.LogDet(x)
		if sign <= 0 {
			panic("log det of a matrix with det ≤ 0")
		}
		return v
	}
	var inv mat.Dense
	if err := inv.Inverse(sq); err != nil {
		panic(err)
	}
	cases := []struct {
		name string
		f    check.Scalar
		grad func(dst *mat.Dense)
		at   mat.Matrix
	}{
		{"∇tr(AᵀX) = A", trace, func(dst *mat.Dense) { dst.CloneFrom(a) }, x},
		{"∇‖X‖²_F = 2X", frob2, func(dst *mat.Dense) { dst.Scale(2, x) }, x},
		{"∇log det X = X⁻ᵀ", logDet, func(dst *mat.Dense) { dst.CloneFrom(inv.T()) }, sq},
		{"∇log det X = X⁻¹ (wrong)", logDet, func(dst *mat.Dense) { dst.CloneFrom(&inv) }, sq},
	}
	for _, c := range cases {
		fmt.Printf("%-26s %v\n", c.name, check.Gradient(c.f, c.grad, c.at, nil).Pass)
	}
	// Output:
	// ∇tr(AᵀX) = A               true
	// ∇‖X‖²_F = 2X               true
	// ∇log det X = X⁻ᵀ           true
	// ∇log det X = X⁻¹ (wrong)   false
}

// Topic 6: the gradient depends on the inner product. Under the weighted
// product <X, Y>_W = tr(Xᵀ W Y), with W symmetric positive definite, the
// gradient G_W is defined by df = <G_W, dX>_W = <W G_W, dX>, so
// G_W = W⁻¹ ∇f: the same differential, a different gradient, and a
// different direction of steepest ascent. For f = log det X, G_W = W⁻¹X⁻ᵀ.
func Example_weightedGradient() {
	x := mat.NewDense(2, 2, []float64{2, 1, -1, 3})
	w := mat.NewDense(2, 2, []float64{4, 1, 1, 1}) // SPD
	dx := mat.NewDense(2, 2, []float64{0.5, -1, 2, 0.25})
	logDet := func(x mat.Matrix) float64 { v, _ := mat.LogDet(x); return v }

	var grad, gw, wInv mat.Dense
	if err := grad.Inverse(x.T()); err != nil { // X⁻ᵀ
		panic(err)
	}
	if err := wInv.Inverse(w); err != nil {
		panic(err)
	}
	gw.Mul(&wInv, &grad)

	var wdx mat.Dense
	wdx.Mul(w, dx)
	frob := check.Inner(&grad, dx) // <∇f, dX>
	weighted := check.Inner(&gw, &wdx)
	// The derivative along dX by finite differences (the check package's
	// Richardson formula), the oracle for both.
	var dir mat.Dense
	_, errEst := check.Derivative(&dir, check.Scalar(logDet).Func(), x, dx, nil)
	fd := dir.At(0, 0)
	fmt.Printf("<∇f, dX>     = %.6f\n", frob)
	fmt.Printf("<G_W, dX>_W  = %.6f\n", weighted)
	fmt.Printf("finite diff. = %.6f\n", fd)
	fmt.Println("all three agree:", math.Abs(frob-fd) <= 4*errEst+1e-12 && math.Abs(weighted-fd) <= 4*errEst+1e-12)
	fmt.Printf("∇f  = %.4f\n", mat.Formatted(rounded(&grad, 8), mat.Prefix("      ")))
	fmt.Printf("G_W = %.4f\n", mat.Formatted(rounded(&gw, 8), mat.Prefix("      ")))
	// Output:
	// <∇f, dX>     = -0.142857
	// <G_W, dX>_W  = -0.142857
	// finite diff. = -0.142857
	// all three agree: true
	// ∇f  = ⎡ 0.4286   0.1429⎤
	//       ⎣-0.1429   0.2857⎦
	// G_W = ⎡ 0.1905  -0.0476⎤
	//       ⎣-0.3333   0.3333⎦
}
