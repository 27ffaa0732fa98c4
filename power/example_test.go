package power_test

import (
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/power"
)

func ExamplePower() {
	a := mat.NewDense(2, 2, []float64{1, 2, 3, 4})
	var f power.Power
	if err := f.Factorize(a, 2); err != nil {
		fmt.Println(err)
		return
	}
	var y, dy mat.Dense
	f.Value(&y)
	// d(A²)[E] = A E + E A for E = e₁e₂ᵀ.
	f.JVP(&dy, mat.NewDense(2, 2, []float64{0, 1, 0, 0}))
	fmt.Printf("A²     = %v\n", mat.Formatted(&y, mat.Prefix("         ")))
	fmt.Printf("d(A²)  = %v\n", mat.Formatted(&dy, mat.Prefix("         ")))
	// Output:
	// A²     = ⎡ 7  10⎤
	//          ⎣15  22⎦
	// d(A²)  = ⎡3  5⎤
	//          ⎣0  3⎦
}

func ExamplePow() {
	a := mat.NewDense(2, 2, []float64{1, 2, 3, 4})
	var y mat.Dense
	if err := power.Pow(&y, a, -2); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.4g\n", mat.Formatted(&y))
	// Output:
	// ⎡  5.5   -2.5⎤
	// ⎣-3.75   1.75⎦
}
