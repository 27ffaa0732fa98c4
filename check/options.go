package check

import (
	"math"

	"gonum.org/v1/gonum/diff/fd"
)

// Richardson is the central difference extrapolated once from the steps h and
// 2h, (4·C(h) − C(2h))/3: the five-point stencil
// (f(−2h) − 8f(−h) + 8f(h) − f(2h))/(12h), fourth-order accurate. It is the
// default formula of every check.
var Richardson = fd.Formula{
	Stencil: []fd.Point{
		{Loc: -2, Coeff: 1.0 / 12},
		{Loc: -1, Coeff: -8.0 / 12},
		{Loc: 1, Coeff: 8.0 / 12},
		{Loc: 2, Coeff: -1.0 / 12},
	},
	Derivative: 1,
	Step:       1e-3,
}

// Options tunes a check. A nil *Options, or a zero field, takes the default.
type Options struct {
	// Formula is the finite-difference formula: Richardson (the default),
	// fd.Central, fd.Forward, or any first-derivative fd.Formula. Its Step
	// field is not used: see Step.
	Formula fd.Formula

	// Step fixes the relative step of the differences (see the package
	// documentation). Zero searches for the step.
	Step float64

	// Tol fixes the relative tolerance of the verdict. Zero derives it: from
	// the estimated error of the reference for the finite-difference checks,
	// and from the rounding error of the inner products for Adjoint.
	Tol float64

	// MaxRefErr is the largest estimated relative error of the finite
	// differences for which a verdict is given; above it the check fails as
	// inconclusive. Zero means 1e-4, or Tol/4 if that is larger.
	MaxRefErr float64

	// Worst is how many disagreeing entries a Result lists. Zero means 5;
	// negative means none.
	Worst int

	// Scale, if positive, is the size the derivative is measured against in
	// the finite-difference checks: the relative error and the estimated error of the reference are
	// divided by the largest of ‖got‖, ‖want‖ (Frobenius) and Scale. Set it
	// where the derivative may be zero or far below its natural size, as at
	// a singular matrix the gradient of det (natural size ‖A‖^(n−1)): the
	// differences then fall towards zero with the step without ever
	// agreeing with 0 to a digit relative to themselves, and without Scale
	// the check fails as inconclusive.
	Scale float64
}

const (
	eps = 0x1p-52

	// safety multiplies the estimated error of the reference to give the
	// derived tolerance.
	safety = 4
	// minTol floors the derived tolerance: the derivative under test has
	// rounding errors of its own, which grow with the condition of a.
	minTol = 1e-10

	// stepMax and stepMin bound the step search; the search halves the step.
	stepMax = 1e-2
	stepMin = 1e-12
)

func (o *Options) formula() fd.Formula {
	if o == nil || o.Formula.Stencil == nil {
		return Richardson
	}
	f := o.Formula
	if f.Derivative != 1 || len(f.Stencil) == 0 {
		panic("check: Options.Formula is not a first-derivative formula")
	}
	return f
}

func (o *Options) step() float64 {
	if o == nil {
		return 0
	}
	if o.Step < 0 || math.IsNaN(o.Step) {
		panic("check: negative or NaN Options.Step")
	}
	return o.Step
}

func (o *Options) tol() float64 {
	if o == nil {
		return 0
	}
	return o.Tol
}

func (o *Options) maxRefErr() float64 {
	if o == nil {
		return 1e-4
	}
	if o.MaxRefErr == 0 {
		return math.Max(1e-4, o.Tol/safety)
	}
	return o.MaxRefErr
}

func (o *Options) scale() float64 {
	if o == nil || !(o.Scale > 0) {
		return 0
	}
	return o.Scale
}

func (o *Options) worst() int {
	if o == nil || o.Worst == 0 {
		return 5
	}
	if o.Worst < 0 {
		return 0
	}
	return o.Worst
}
