package det_test

import (
	"errors"
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc"
	"github.com/matcalc/matcalc/det"
)

// The gradient of det at a singular matrix is its cofactor matrix, not 0.
func ExampleGrad() {
	a := mat.NewDense(2, 2, []float64{0, 1, 0, 1})
	var g mat.Dense
	d, err := det.Grad(&g, a)
	if err != nil {
		panic(err)
	}
	fmt.Println(d)
	fmt.Println(mat.Formatted(&g))
	// Output:
	// 0
	// ⎡ 1   0⎤
	// ⎣-1   0⎦
}

// Factor once, then ask for the value and derivatives of log|det A|.
func ExampleLU() {
	a := mat.NewDense(2, 2, []float64{4, 1, 2, 3}) // det = 10
	var f det.LU
	if err := f.Factorize(a); err != nil {
		panic(err)
	}
	logAbs, sign := f.LogDet()
	fmt.Printf("det %.4g, log|det| %.4f, sign %v\n", f.Det(), logAbs, sign)

	// d log|det| in the direction E = I is tr(A⁻¹) = (3 + 4)/10.
	jvp, err := f.LogJVP(mat.NewDiagDense(2, []float64{1, 1}))
	if err != nil {
		panic(err)
	}
	fmt.Printf("LogJVP(I) %.4g\n", jvp)

	// d det in the direction E = I is tr(adj A) = 3 + 4.
	fmt.Printf("JVP(I) %.4g\n", f.JVP(mat.NewDiagDense(2, []float64{1, 1})))
	// Output:
	// det 10, log|det| 2.3026, sign 1
	// LogJVP(I) 0.7
	// JVP(I) 7
}

// log|det| of a singular matrix is −Inf and its gradient a typed error.
func ExampleLU_LogGrad() {
	var f det.LU
	if err := f.Factorize(mat.NewDense(2, 2, []float64{1, 2, 2, 4})); err != nil {
		panic(err)
	}
	fmt.Println(f.LogDet())
	var g mat.Dense
	err := f.LogGrad(&g)
	fmt.Println(errors.Is(err, matcalc.ErrSingular))
	// Output:
	// -Inf 0
	// true
}

// The SPD path: log det Σ and its gradient Σ⁻¹ through a Cholesky
// factorization.
func ExampleCholesky() {
	sigma := mat.NewSymDense(2, []float64{2, 0, 0, 8})
	var c det.Cholesky
	if err := c.Factorize(sigma); err != nil {
		panic(err)
	}
	var g mat.SymDense
	if err := c.LogGrad(&g); err != nil {
		panic(err)
	}
	fmt.Printf("log det %.4f\n", c.LogDet())
	fmt.Printf("%.4g\n", mat.Formatted(&g))
	// Output:
	// log det 2.7726
	// ⎡  0.5      0⎤
	// ⎣    0  0.125⎦
}
