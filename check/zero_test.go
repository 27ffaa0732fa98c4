package check

import (
	"math"
	"math/rand/v2"
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

// TestScale checks Options.Scale on the gradient of det at a matrix of rank
// n−2, which is zero while the differences fall towards zero like a power of
// the step (or sit at the rounding of the matrix's tiny singular values):
// without Scale that is inconclusive; with the natural size ‖A‖^(n−1) of
// the gradient the zero gradient passes and one off by 1e-6 of that size
// fails.
func TestScale(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	const n = 4
	a := FixedRank(rng, n, n, n-2)
	det := func(x mat.Matrix) float64 { return mat.Det(x) }
	grad := func(off float64) func(dst *mat.Dense) {
		return func(dst *mat.Dense) {
			if dst.IsEmpty() {
				dst.ReuseAs(n, n)
			}
			dst.Zero()
			dst.Set(1, 2, off)
		}
	}
	size := math.Pow(mat.Norm(a, 2), n-1)
	opts := &Options{Scale: size}
	if r := Gradient(det, grad(0), a, opts); !r.Pass {
		t.Errorf("with Scale %g: %v", size, r)
	}
	if r := Gradient(det, grad(1e-6*size), a, opts); r.Pass {
		t.Errorf("a gradient off by 1e-6·Scale passed: %v", r)
	}
	e := Direction(rng, n, n)
	zero := func(mat.Matrix) float64 { return 0 }
	if r := Directional(det, zero, a, e, opts); !r.Pass {
		t.Errorf("directional, with Scale %g: %v", size, r)
	}
}
