package dual_test

import (
	"fmt"
	"strings"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/check/dual"
)

func contains(s, sub string) bool { return strings.Contains(s, sub) }

// The derivative of det at A = [[1,2],[3,4]] along E₁₁ is the cofactor
// A₂₂ = 4, and along E₁₂ it is −A₂₁ = −3.
func ExampleDet() {
	a := mat.NewDense(2, 2, []float64{1, 2, 3, 4})
	e11 := mat.NewDense(2, 2, []float64{1, 0, 0, 0})
	e12 := mat.NewDense(2, 2, []float64{0, 1, 0, 0})
	d, err := dual.Det(dual.NewMatrix(a, e11, e12))
	if err != nil {
		panic(err)
	}
	fmt.Println(d)
	// Output:
	// -2+4ε0-3ε1
}

// The derivative of A ↦ A³ along D is D·A² + A·D·A + A²·D; at A = I it is
// 3D.
func ExampleMatrix_Pow() {
	a := mat.NewDense(2, 2, []float64{1, 0, 0, 1})
	d := mat.NewDense(2, 2, []float64{0, 1, 2, 0})
	var y dual.Matrix
	if err := y.Pow(dual.NewMatrix(a, d), 3); err != nil {
		panic(err)
	}
	fmt.Printf("%v\n", mat.Formatted(y.Eps(0)))
	// Output:
	// ⎡0  3⎤
	// ⎣6  0⎦
}
