package check

import (
	"math"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/mat"
)

// SweepPoint is one point of an error-versus-step curve.
type SweepPoint struct {
	Step float64 // relative step
	Err  float64 // ‖FD(step) − want‖_F / ‖want‖_F (absolute when want is zero)
}

// Sweep returns the error of the finite-difference estimate of F'(a)[dA] by
// formula (Richardson, fd.Central, fd.Forward, ...) against want at each
// relative step of steps: the V-shaped curve of truncation error (falling
// with the step as h, h² or h⁴) against roundoff (growing as 1/h). want is an
// exact directional derivative: an analytic JVP already checked, a closed
// form, or a dual-number derivative. A nil steps takes Steps(1e-1, 1e-13, 25).
func Sweep(f Func, a, dA, want mat.Matrix, formula fd.Formula, steps []float64) []SweepPoint {
	sameDims("check.Sweep", "a", a, "dA", dA)
	if steps == nil {
		steps = Steps(1e-1, 1e-13, 25)
	}
	if formula.Stencil == nil {
		formula = Richardson
	}
	l := newLine(f, a, dA)
	norm := frob(want)
	if norm == 0 {
		norm = 1
	}
	pts := make([]SweepPoint, len(steps))
	for i, h := range steps {
		d, _ := l.estimate(formula, h)
		clear(l.cache)
		sameDims("check.Sweep", "want", want, "F'(a)[dA]", d)
		pts[i] = SweepPoint{Step: h, Err: dist(d, want) / norm}
	}
	return pts
}

// Steps returns n steps spaced evenly in logarithm from hi down to lo.
func Steps(hi, lo float64, n int) []float64 {
	if n < 2 || !(hi > lo) || lo <= 0 {
		panic("check.Steps: want n ≥ 2 and hi > lo > 0")
	}
	s := make([]float64, n)
	r := math.Log(lo/hi) / float64(n-1)
	for i := range s {
		s[i] = hi * math.Exp(r*float64(i))
	}
	s[n-1] = lo
	return s
}

// Order returns the order of accuracy p of a first-derivative formula: its
// truncation error falls as h^p. It is the smallest m ≥ 1 for which the
// stencil's moment Σ cᵢ·locᵢ^(m+1) is nonzero, 0 for a formula that is exact
// for every polynomial up to degree 16, and it panics for a formula that is
// not a first derivative (Σ cᵢ·locᵢ ≠ 1 or Σ cᵢ ≠ 0).
func Order(formula fd.Formula) int {
	moment := func(m int) float64 {
		var s float64
		for _, p := range formula.Stencil {
			s += p.Coeff * math.Pow(p.Loc, float64(m))
		}
		return s
	}
	const tol = 1e-12
	if math.Abs(moment(0)) > tol || math.Abs(moment(1)-1) > tol {
		panic("check.Order: not a first-derivative formula")
	}
	for m := 2; m <= 17; m++ {
		if math.Abs(moment(m)) > tol {
			return m - 1
		}
	}
	return 0
}

// NominalStep returns the textbook relative step eps^(1/(p+1)) of a formula
// of order p, which balances truncation error h^p against roundoff eps/h for
// a function whose scale and derivatives are of order one: about 1.5e-8 for
// fd.Forward, 6e-6 for fd.Central and 7e-4 for Richardson. The step search
// of the checks spans it, and finds the step for functions that are not of
// order one, such as the inverse of an ill-conditioned matrix.
func NominalStep(formula fd.Formula) float64 {
	p := Order(formula)
	if p == 0 {
		return stepMax
	}
	return math.Pow(eps, 1/float64(p+1))
}
