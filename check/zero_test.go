package check

import (
	"testing"

	"gonum.org/v1/gonum/mat"
)

// TestZeroEntries is the regression test of derivatives with entries that
// are exactly zero while f(a) is not (tr A at an off-diagonal entry): the
// differences there are exactly zero and must not read as non-finite.
func TestZeroEntries(t *testing.T) {
	a := mat.NewDense(2, 2, []float64{1, 2, 3, 4})
	tr := func(a mat.Matrix) float64 { return mat.Trace(a) }
	eye := func(dst *mat.Dense) {
		if dst.IsEmpty() {
			dst.ReuseAs(2, 2)
		}
		dst.Zero()
		dst.Set(0, 0, 1)
		dst.Set(1, 1, 1)
	}
	if r := Gradient(tr, eye, a, nil); !r.Pass {
		t.Errorf("gradient of tr A: %v", r)
	}
	wrong := func(dst *mat.Dense) {
		eye(dst)
		dst.Set(1, 0, 1e-3)
	}
	if r := Gradient(tr, wrong, a, nil); r.Pass {
		t.Errorf("wrong gradient of tr A passed: %v", r)
	}
	// F(A) = tr(A)·I as a matrix function, its VJP Ȳ ↦ tr(Ȳ)·I.
	f := func(dst *mat.Dense, a mat.Matrix) {
		if dst.IsEmpty() {
			dst.ReuseAs(2, 2)
		}
		dst.Zero()
		v := mat.Trace(a)
		dst.Set(0, 0, v)
		dst.Set(1, 1, v)
	}
	vjp := func(dst *mat.Dense, y mat.Matrix) {
		if dst.IsEmpty() {
			dst.ReuseAs(2, 2)
		}
		dst.Zero()
		v := mat.Trace(y)
		dst.Set(0, 0, v)
		dst.Set(1, 1, v)
	}
	if r := VJP(f, vjp, a, mat.NewDense(2, 2, []float64{1, 5, 7, 2}), nil); !r.Pass {
		t.Errorf("VJP of tr(A)·I: %v", r)
	}
}
