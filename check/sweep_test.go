package check_test

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/check"
	"github.com/matcalc/matcalc/check/dual"
)

// TestSweepV checks the error-versus-step curve of each formula against the
// dual-number derivative of the inverse: truncation error falls as h^p for
// order p, roundoff grows as 1/h, and the bottom of the V is where theory
// puts it.
func TestSweepV(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 1))
	a := check.Conditioned(rnd, 4, 4)
	dA := check.Direction(rnd, 4, 4)
	var y dual.Matrix
	if err := y.Inverse(dual.NewMatrix(a, dA)); err != nil {
		t.Fatal(err)
	}
	want := y.Eps(0)
	steps := check.Steps(1e-1, 1e-13, 49)
	for _, c := range []struct {
		name    string
		formula fd.Formula
		order   float64
		best    float64 // the smallest error should be below this
	}{
		{"forward", fd.Forward, 1, 1e-6},
		{"central", fd.Central, 2, 1e-9},
		{"richardson", check.Richardson, 4, 1e-11},
	} {
		pts := check.Sweep(inverse, a, dA, want, c.formula, steps)
		if len(pts) != len(steps) {
			t.Fatalf("%s: %d points for %d steps", c.name, len(pts), len(steps))
		}
		kmin := 0
		for k, p := range pts {
			if p.Step != steps[k] {
				t.Errorf("%s: point %d at step %g, want %g", c.name, k, p.Step, steps[k])
			}
			if p.Err < pts[kmin].Err {
				kmin = k
			}
		}
		if o := check.Order(c.formula); o != int(c.order) {
			t.Errorf("%s: Order %d, want %g", c.name, o, c.order)
		}
		// At the nominal step eps^(1/(p+1)) the error is near the bottom of
		// the V for this well-scaled function.
		nominal := check.Sweep(inverse, a, dA, want, c.formula, []float64{check.NominalStep(c.formula)})[0]
		if nominal.Err > 30*pts[kmin].Err {
			t.Errorf("%s: error %g at the nominal step %g, %g at the best step %g", c.name, nominal.Err, nominal.Step, pts[kmin].Err, pts[kmin].Step)
		}
		if pts[kmin].Err > c.best {
			t.Errorf("%s: smallest error %g at step %g, want < %g", c.name, pts[kmin].Err, pts[kmin].Step, c.best)
		}
		// Both arms of the V.
		if first, last := pts[0].Err, pts[len(pts)-1].Err; first < 100*pts[kmin].Err || last < 100*pts[kmin].Err {
			t.Errorf("%s: not a V: error %g at %g, %g at %g, %g at %g", c.name, first, pts[0].Step, pts[kmin].Err, pts[kmin].Step, last, pts[len(pts)-1].Step)
		}
		// The truncation arm falls as h^order: over a decade of steps
		// between 1e-2 and 1e-3 (8 points at 4 per decade), the error falls by
		// about 10^order.
		e2, e3 := errAt(pts, 1e-2), errAt(pts, 1e-3)
		if got := math.Log10(e2 / e3); math.Abs(got-c.order) > 0.3 {
			t.Errorf("%s: truncation order %.2f, want %g", c.name, got, c.order)
		}
		// Roundoff grows as 1/h: over the decade from 1e-12 to 1e-13 the
		// error grows by about 10 (loosely: roundoff is random).
		if c.name != "forward" {
			if got := math.Log10(errAt(pts, 1e-13) / errAt(pts, 1e-12)); got < 0.3 || got > 1.7 {
				t.Errorf("%s: roundoff slope %.2f decades per decade, want about 1", c.name, got)
			}
		}
	}
}

func errAt(pts []check.SweepPoint, h float64) float64 {
	for _, p := range pts {
		if math.Abs(math.Log10(p.Step/h)) < 1e-9 {
			return p.Err
		}
	}
	panic("no point at the step")
}

func TestNominalStep(t *testing.T) {
	for _, c := range []struct {
		f    fd.Formula
		want float64
	}{{fd.Forward, math.Sqrt(0x1p-52)}, {fd.Central, math.Cbrt(0x1p-52)}, {check.Richardson, math.Pow(0x1p-52, 0.2)}} {
		if got := check.NominalStep(c.f); math.Abs(got-c.want) > 1e-12*c.want {
			t.Errorf("NominalStep: %g, want %g", got, c.want)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("Order of a second-derivative formula did not panic")
		}
	}()
	check.Order(fd.Central2nd)
}

func TestSteps(t *testing.T) {
	s := check.Steps(1, 1e-4, 5)
	for i, want := range []float64{1, 1e-1, 1e-2, 1e-3, 1e-4} {
		if math.Abs(s[i]-want) > 1e-15*want*10 {
			t.Errorf("Steps[%d] = %g, want %g", i, s[i], want)
		}
	}
}

// TestPanickingF checks that a function that panics away from a, as one
// with a restricted domain may, does not stop the check, and that one that
// panics everywhere fails it with the panic in the Note.
func TestPanickingF(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 2))
	a := check.SPD(rnd, 3, 1e4) // λ_min = 1e-4: the largest steps leave the cone
	dA := check.Symmetric(rnd, 3)
	var cnt int
	f := func(dst *mat.Dense, x mat.Matrix) {
		var ch mat.Cholesky
		if !ch.Factorize(x.(mat.Symmetric)) {
			cnt++
			panic("not positive definite")
		}
		var inv mat.SymDense
		if err := ch.InverseTo(&inv); err != nil {
			panic(err)
		}
		dst.CloneFrom(&inv)
	}
	var ainv mat.Dense
	inverse(&ainv, a)
	jvp := func(dst *mat.Dense, dA mat.Matrix) {
		var t mat.Dense
		t.Product(&ainv, dA, &ainv)
		dst.Scale(-1, &t)
	}
	r := check.JVP(f, jvp, a, dA, nil)
	expect(t, "panics beyond the SPD cone", r, true)
	if cnt == 0 {
		t.Errorf("the search never left the SPD cone; the test tests nothing")
	}
	bad := func(dst *mat.Dense, x mat.Matrix) {
		if !mat.Equal(x, a) {
			panic("boom")
		}
		dst.CloneFrom(x)
	}
	r = check.JVP(bad, jvp, a, dA, nil)
	if r.Pass || !strings.Contains(r.Note, "boom") {
		t.Errorf("a function that panics near a: %v", r)
	}
}
