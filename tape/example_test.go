package tape_test

import (
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/tape"
)

// The gradient of tr(A⁻¹B) + log|det A| with respect to A and B by one
// reverse sweep: −A⁻ᵀBᵀA⁻ᵀ + A⁻ᵀ and A⁻ᵀ.
func ExampleTape_Backward() {
	var t tape.Tape
	a := t.Var(mat.NewDense(2, 2, []float64{2, 1, 0, 1}))
	b := t.Var(mat.NewDense(2, 2, []float64{1, 0, 0, 2}))
	x, err := t.Solve(a, b)
	if err != nil {
		panic(err)
	}
	ld, err := t.LogDet(a)
	if err != nil {
		panic(err)
	}
	loss := t.Add(t.Trace(x), ld)
	t.Backward(loss)
	fmt.Printf("loss = %.4f\n", loss.Value().At(0, 0))
	fmt.Printf("∂/∂A = %.4f\n", mat.Formatted(a.Grad(), mat.Prefix("       ")))
	fmt.Printf("∂/∂B = %.4f\n", mat.Formatted(b.Grad(), mat.Prefix("       ")))
	// Output:
	// loss = 3.1931
	// ∂/∂A = ⎡ 0.2500   0.0000⎤
	//        ⎣ 0.7500  -1.0000⎦
	// ∂/∂B = ⎡ 0.5000   0.0000⎤
	//        ⎣-0.5000   1.0000⎦
}
