package inverse_test

import (
	"errors"
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc"
	"github.com/matcalc/matcalc/inverse"
)

func ExampleLU() {
	a := mat.NewDense(2, 2, []float64{1, 2, 3, 4})
	var f inverse.LU
	if err := f.Factorize(a); err != nil {
		fmt.Println(err)
		return
	}
	var y, dy mat.Dense
	f.Inverse(&y)
	// The change of A⁻¹ when A[0,1] moves: −A⁻¹ e₁e₂ᵀ A⁻¹.
	f.JVP(&dy, mat.NewDense(2, 2, []float64{0, 1, 0, 0}))
	fmt.Printf("A⁻¹ = %.4g\n", mat.Formatted(&y, mat.Prefix("      ")))
	fmt.Printf("dY  = %.4g\n", mat.Formatted(&dy, mat.Prefix("      ")))
	// Output:
	// A⁻¹ = ⎡  -2     1⎤
	//       ⎣ 1.5  -0.5⎦
	// dY  = ⎡    3     -1⎤
	//       ⎣-2.25   0.75⎦
}

func ExampleInverse_singular() {
	a := mat.NewDense(2, 2, []float64{1, 2, 2, 4})
	var y mat.Dense
	err := inverse.Inverse(&y, a)
	fmt.Println(errors.Is(err, matcalc.ErrSingular), y.IsEmpty())
	// Output:
	// true true
}
