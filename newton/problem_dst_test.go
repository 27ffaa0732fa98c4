package newton

import (
	"testing"

	"gonum.org/v1/gonum/mat"
)

// TestMinimizeSizedDst is the regression test of callbacks that write with
// Set: Minimize must hand Grad and HVP a dst of x's shape on every call.
// Rosenbrock, f = (1−x)² + 100(y−x²)², minimum at (1, 1).
func TestMinimizeSizedDst(t *testing.T) {
	p := Problem{
		Func: func(x mat.Matrix) float64 {
			a, b := x.At(0, 0), x.At(1, 0)
			return (1-a)*(1-a) + 100*(b-a*a)*(b-a*a)
		},
		Grad: func(dst *mat.Dense, x mat.Matrix) {
			a, b := x.At(0, 0), x.At(1, 0)
			dst.Set(0, 0, -2*(1-a)-400*a*(b-a*a))
			dst.Set(1, 0, 200*(b-a*a))
		},
		HVP: func(dst *mat.Dense, x, v mat.Matrix) {
			a, b := x.At(0, 0), x.At(1, 0)
			h00, h01, h11 := 2-400*(b-a*a)+800*a*a, -400*a, 200.0
			dst.Set(0, 0, h00*v.At(0, 0)+h01*v.At(1, 0))
			dst.Set(1, 0, h01*v.At(0, 0)+h11*v.At(1, 0))
		},
	}
	var x mat.Dense
	res, err := Minimize(&x, p, mat.NewDense(2, 1, []float64{-1.2, 1}), nil)
	if err != nil || !res.Converged {
		t.Fatalf("Minimize: %v, %+v", err, res)
	}
	if d := mat.Norm(mat.NewDense(2, 1, []float64{x.At(0, 0) - 1, x.At(1, 0) - 1}), 2); !(d <= 1e-8) {
		t.Errorf("minimizer %v, want (1, 1)", mat.Formatted(&x))
	}
}
