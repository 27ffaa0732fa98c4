package check

import (
	"math"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/mat"
)

// line evaluates F along the line t ↦ F(a + t·d), caching the values so that
// stencils at the steps h and h/2 share their common points.
type line struct {
	f     Func
	a, d  *mat.Dense
	sym   bool    // evaluate at *mat.SymDense points
	scale float64 // t per unit of relative step
	cache map[float64]*mat.Dense

	panicked any // the first panic of f at a perturbed point
}

func newLine(f Func, a, d mat.Matrix) *line {
	l := &line{
		f:     f,
		a:     mat.DenseCopyOf(a),
		d:     mat.DenseCopyOf(d),
		cache: make(map[float64]*mat.Dense),
	}
	_, symA := a.(mat.Symmetric)
	l.sym = symA && isSymmetric(d)
	r, c := a.Dims()
	n := math.Sqrt(float64(r * c))
	rmsA, rmsD := frob(a)/n, frob(d)/n
	if rmsA == 0 || math.IsInf(rmsA, 0) || math.IsNaN(rmsA) {
		rmsA = 1
	}
	if rmsD == 0 {
		rmsD = 1
	}
	l.scale = rmsA / rmsD
	return l
}

// at returns F(a + t·d). If f panics at a point other than a, the value
// there is taken as NaN, so that the steps that reach it are not used, and
// the first such panic is kept for the Result.
func (l *line) at(t float64) (val *mat.Dense) {
	if y, ok := l.cache[t]; ok {
		return y
	}
	if t != 0 {
		defer func() {
			if r := recover(); r != nil {
				if l.panicked == nil {
					l.panicked = r
				}
				val = new(mat.Dense)
				val.CloneFrom(l.at(0))
				val.Apply(func(int, int, float64) float64 { return math.NaN() }, val)
				l.cache[t] = val
			}
		}()
	}
	var x mat.Dense
	x.Scale(t, l.d)
	x.Add(l.a, &x)
	y := new(mat.Dense)
	if l.sym {
		n, _ := x.Dims()
		s := mat.NewSymDense(n, nil)
		for i := 0; i < n; i++ {
			for j := i; j < n; j++ {
				s.SetSym(i, j, x.At(i, j))
			}
		}
		l.f(y, s)
	} else {
		l.f(y, &x)
	}
	l.cache[t] = y
	return y
}

// estimate returns the formula's estimate of the derivative at relative step
// h, and a bound on its rounding error.
func (l *line) estimate(formula fd.Formula, h float64) (*mat.Dense, float64) {
	t := h * l.scale
	var d mat.Dense
	var noise, sum float64
	for _, p := range formula.Stencil {
		y := l.at(t * p.Loc)
		if d.IsEmpty() {
			r, c := y.Dims()
			d.ReuseAs(r, c)
		} else {
			sameDims("check: f", "F(a + t·dA)", y, "an earlier value", &d)
		}
		d.Add(&d, scaled(p.Coeff, y))
		noise += math.Abs(p.Coeff) * frob(y)
		sum += math.Abs(p.Coeff)
	}
	d.Scale(1/t, &d)
	// Rounding in F's values gives eps·Σ|cᵢ|‖F‖/t. Rounding in the points
	// a + t·locᵢ·d moves each by about eps‖a‖, a relative error eps/h of
	// the step, which F' carries into the estimate as eps·Σ|cᵢ|·‖d‖/h.
	noise = eps * (noise/t + sum*frob(&d)/h)
	// Points beyond the next stencil's reach are not needed again.
	for k := range l.cache {
		if math.Abs(k) > 2*t*maxLoc(formula) {
			delete(l.cache, k)
		}
	}
	return &d, noise
}

func scaled(c float64, y *mat.Dense) *mat.Dense {
	var s mat.Dense
	s.Scale(c, y)
	return &s
}

func maxLoc(f fd.Formula) float64 {
	var m float64
	for _, p := range f.Stencil {
		m = math.Max(m, math.Abs(p.Loc))
	}
	return m
}

// reference is a finite-difference estimate of a derivative.
type reference struct {
	d     *mat.Dense // the estimate
	step  float64    // the relative step it was taken at
	err   float64    // its estimated error, in ‖·‖_F
	noise float64    // the rounding bound of it

	panicked any // a panic of f near a, if any
}

// derivative estimates the derivative of F at a along d with the formula, at
// the relative step h, or at the searched step if h is zero. The search
// takes the step of least error relative to the estimate, or to scale when
// that is larger (Options.Scale: where the derivative may be zero, the
// estimates shrink with the step and their errors with them).
func (l *line) derivative(formula fd.Formula, h, scale float64) reference {
	if h > 0 {
		d0, n0 := l.estimate(formula, h)
		d1, _ := l.estimate(formula, h/2)
		return reference{d: d0, step: h, err: math.Max(dist(d0, d1), n0), noise: n0, panicked: l.panicked}
	}
	var (
		ests    []*mat.Dense
		noises  []float64
		deltas  []float64 // deltas[k] = ‖ests[k] − ests[k+1]‖
		best    = -1
		bestE   = math.Inf(1)
		bestRel = math.Inf(1)
		// The estimate with the smallest absolute error, for a derivative
		// that is exactly zero: every relative error is then +Inf.
		bestAbs  = -1
		bestAbsE = math.Inf(1)
	)
	for k, h := 0, stepMax; h >= stepMin; k, h = k+1, h/2 {
		d, n := l.estimate(formula, h)
		ests = append(ests, d)
		noises = append(noises, n)
		if k == 0 {
			continue
		}
		deltas = append(deltas, dist(ests[k-1], d))
		// The error of ests[j] is its disagreement with both neighbours.
		j := k - 1
		e := deltas[j]
		if j > 0 {
			e = math.Max(e, deltas[j-1])
		}
		e = math.Max(e, noises[j])
		// Compare relative errors: far from the linear regime, estimates
		// that are small agree well in absolute terms and mean nothing.
		rel := e / math.Max(frob(ests[j]), scale)
		if e == 0 {
			rel = 0
		}
		if rel < bestRel {
			best, bestE, bestRel = j, e, rel
		}
		if e < bestAbsE {
			bestAbs, bestAbsE = j, e
		}
	}
	clear(l.cache)
	if best < 0 && bestAbs >= 0 {
		best, bestE = bestAbs, bestAbsE
	}
	if best < 0 {
		return reference{d: ests[0], step: stepMax, err: math.Inf(1), noise: noises[0], panicked: l.panicked}
	}
	return reference{d: ests[best], step: stepMax * math.Ldexp(1, -best), err: bestE, noise: noises[best], panicked: l.panicked}
}

// Derivative sets dst to a finite-difference estimate of the directional
// derivative F'(a)[dA] and returns the relative step it used and the
// estimated error ‖dst − F'(a)[dA]‖_F. The formula and the step come from
// opts, as for JVP.
func Derivative(dst *mat.Dense, f Func, a, dA mat.Matrix, opts *Options) (step, err float64) {
	sameDims("check.Derivative", "a", a, "dA", dA)
	ref := newLine(f, a, dA).derivative(opts.formula(), opts.step(), opts.scale())
	dst.CloneFrom(ref.d)
	return ref.step, ref.err
}
