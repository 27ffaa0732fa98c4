package eig

import "math"

// Func is a real function f applied to a symmetric matrix through its
// eigenvalues, f(A) = V f(Λ) Vᵀ.
//
// F and DF (f and f′) are required. D2F (f″) is required by the second-order
// methods (FuncHVP, and TraceHVP through the derivative of f′), and improves
// the first divided differences near ties. The divided differences
//
//	f[a, b] = (f(a) − f(b))/(a − b),  f[a, a] = f′(a),
//	f[a, b, c] = (f[a, b] − f[b, c])/(a − c),  f[a, a, a] = f″(a)/2,
//
// are computed from F, DF and D2F with a stable choice between the quotient
// and a Taylor form (see the package documentation); Div, Div2 and DivDF,
// when set, give them exactly instead, as the built-ins Exp, Log, Sqrt and
// Pow do.
type Func struct {
	F, DF, D2F func(x float64) float64

	// Div returns f[a, b], including its limit f′(a) at a = b.
	Div func(a, b float64) float64
	// Div2 returns f[a, b, c], including its limits at ties.
	Div2 func(a, b, c float64) float64
	// DivDF returns f′[a, b], the first divided difference of f′, which
	// TraceHVP needs.
	DivDF func(a, b float64) float64

	// exp marks Exp (and its derivative), whose first divided differences
	// the package computes from the values at the eigenvalues: see
	// spectrum.gammaRow.
	exp bool
}

// prime returns f′ as a Func for the trace functions: its divided
// differences are those of f′.
func (f Func) prime() Func {
	return Func{F: f.DF, DF: f.D2F, Div: f.DivDF, exp: f.exp} // exp′ = exp
}

// Exp is the exponential. Its divided differences use expm1, scaled by
// the larger argument so that they neither overflow early nor cancel.
var Exp = Func{
	F:     math.Exp,
	DF:    math.Exp,
	D2F:   math.Exp,
	Div:   expDiv,
	Div2:  expDiv2,
	DivDF: expDiv,
	exp:   true,
}

// Log is the natural logarithm, for symmetric positive definite matrices.
// Its divided differences use log1p.
var Log = Func{
	F:     math.Log,
	DF:    logDF,
	D2F:   logD2F,
	Div:   logDiv,
	Div2:  logDiv2,
	DivDF: logDivDF,
}

// Sqrt is the square root, for symmetric positive semidefinite matrices
// (positive definite for the derivatives). Its divided differences are
// exact: f[a, b] = 1/(√a + √b), f[a, b, c] = −1/((√a+√b)(√b+√c)(√a+√c)).
var Sqrt = Func{
	F:     math.Sqrt,
	DF:    sqrtDF,
	D2F:   sqrtD2F,
	Div:   sqrtDiv,
	Div2:  sqrtDiv2,
	DivDF: sqrtDivDF,
}

func logDF(x float64) float64  { return 1 / x }
func logD2F(x float64) float64 { return -1 / (x * x) }

// logDiv2 sums the Taylor series of log, f^(m)(x)/m! = (−1)^(m−1)/(m x^m),
// for points within 10% of each other.
func logDiv2(a, b, c float64) float64 {
	return div2Series(a, b, c, func(m int, x float64) float64 {
		v := 1 / (float64(m) * math.Pow(x, float64(m)))
		if m%2 == 0 {
			return -v
		}
		return v
	}, 0.1, logDiv)
}

// logDivDF is (1/a − 1/b)/(a − b) = −1/(ab).
func logDivDF(a, b float64) float64 { return -1 / (a * b) }

func sqrtDF(x float64) float64     { return 0.5 / math.Sqrt(x) }
func sqrtD2F(x float64) float64    { return -0.25 / (x * math.Sqrt(x)) }
func sqrtDiv(a, b float64) float64 { return 1 / (math.Sqrt(a) + math.Sqrt(b)) }
func sqrtDiv2(a, b, c float64) float64 {
	ra, rb, rc := math.Sqrt(a), math.Sqrt(b), math.Sqrt(c)
	return -1 / ((ra + rb) * (rb + rc) * (ra + rc))
}

// sqrtDivDF is (1/(2√a) − 1/(2√b))/(a − b) = −1/(2√a√b(√a + √b)).
func sqrtDivDF(a, b float64) float64 {
	ra, rb := math.Sqrt(a), math.Sqrt(b)
	return -0.5 / (ra * rb * (ra + rb))
}

// Pow returns the real power x^p. For an integer p it is defined for every
// symmetric matrix (for p < 0 a nonsingular one); otherwise for positive
// semidefinite matrices (positive definite for the derivatives). Pow(0.5)
// equals Sqrt and Pow(-1) is the inverse.
func Pow(p float64) Func {
	q := Func{
		F: func(x float64) float64 { return math.Pow(x, p) },
		DF: func(x float64) float64 {
			if p == 0 {
				return 0 // not 0·x⁻¹, which is NaN at 0
			}
			return p * math.Pow(x, p-1)
		},
		D2F: func(x float64) float64 {
			if p == 0 || p == 1 {
				return 0
			}
			return p * (p - 1) * math.Pow(x, p-2)
		},
	}
	div := func(a, b float64) float64 { return powDiv(p, a, b) }
	q.Div = div
	q.Div2 = func(a, b, c float64) float64 {
		return div2Series(a, b, c, func(m int, x float64) float64 {
			// f^(m)(x)/m! = binom(p, m) x^(p−m).
			bin := 1.0
			for k := 0; k < m; k++ {
				bin *= (p - float64(k)) / float64(k+1)
			}
			return bin * math.Pow(x, p-float64(m))
		}, 0.1, div)
	}
	q.DivDF = func(a, b float64) float64 { return p * powDiv(p-1, a, b) }
	return q
}

// expDiv returns exp[a, b] = e^hi·(1 − e^−d)/d with hi = max(a, b) and
// d = |a − b|.
func expDiv(a, b float64) float64 {
	hi, d := math.Max(a, b), math.Abs(a-b)
	if d == 0 {
		return math.Exp(hi)
	}
	q := expm1Ratio(-d)
	if d >= expm1RatioMax {
		q = -math.Expm1(-d) / d
	}
	if hi > 700 {
		// e^hi alone may overflow where e^hi·q does not.
		return math.Exp(hi + math.Log(q))
	}
	return math.Exp(hi) * q
}

// expm1RatioMax bounds the arguments of expm1Ratio.
const expm1RatioMax = 0.55

// expm1Ratio returns expm1(x)/x for |x| < expm1RatioMax by its Taylor
// series Σ_{k≤15} x^k/(k+1)!, whose remainder is below 1e-17 of the value
// there, evaluated by Estrin's scheme (four levels of dependent
// multiply-adds instead of fifteen): about three times as fast as
// math.Expm1 and a division, which matters where the divided differences of
// a clustered spectrum call it for nearly every pair of eigenvalues.
func expm1Ratio(x float64) float64 {
	const (
		c0  = 1.0
		c1  = 1.0 / 2
		c2  = 1.0 / 6
		c3  = 1.0 / 24
		c4  = 1.0 / 120
		c5  = 1.0 / 720
		c6  = 1.0 / 5040
		c7  = 1.0 / 40320
		c8  = 1.0 / 362880
		c9  = 1.0 / 3628800
		c10 = 1.0 / 39916800
		c11 = 1.0 / 479001600
		c12 = 1.0 / 6227020800
		c13 = 1.0 / 87178291200
		c14 = 1.0 / 1307674368000
		c15 = 1.0 / 20922789888000
	)
	x2 := x * x
	x4 := x2 * x2
	x8 := x4 * x4
	p0 := (c0 + c1*x) + x2*(c2+c3*x)
	p1 := (c4 + c5*x) + x2*(c6+c7*x)
	p2 := (c8 + c9*x) + x2*(c10+c11*x)
	p3 := (c12 + c13*x) + x2*(c14+c15*x)
	return (p0 + x4*p1) + x8*(p2+x4*p3)
}

// expDiv2 returns exp[a, b, c]: the Taylor series around the middle point
// when the points are within 1/2 of each other, and the quotient of stable
// first divided differences otherwise.
func expDiv2(a, b, c float64) float64 {
	return div2Series(a, b, c, func(m int, x float64) float64 {
		fact := 1.0
		for k := 2; k <= m; k++ {
			fact *= float64(k)
		}
		return math.Exp(x) / fact
	}, math.Inf(1), expDiv)
}

// logDiv returns log[a, b] = log1p(d/lo)/d with lo = min(a, b), d = |a − b|.
func logDiv(a, b float64) float64 {
	lo, d := math.Min(a, b), math.Abs(a-b)
	r := d / lo
	if r == 0 {
		return 1 / lo
	}
	return math.Log1p(r) / d
}

// powDiv returns (a^p − b^p)/(a − b): for positive arguments as
// lo^p·expm1(p·log1p(d/lo))/d; for an integer p and arguments of one sign
// (or zero) by the exact sum Σ_{k<p} a^k b^(p−1−k) (for p < 0 through
// (a^p − b^p)/(a − b) = −(a^−p − b^−p)/(a − b)·a^p b^p); otherwise, where a
// and b have opposite signs and the quotient does not cancel, directly.
func powDiv(p, a, b float64) float64 {
	lo, d := math.Min(a, b), math.Abs(a-b)
	switch {
	case p == 0:
		return 0
	case d == 0:
		return p * math.Pow(lo, p-1)
	case lo > 0:
		return math.Pow(lo, p) * math.Expm1(p*math.Log1p(d/lo)) / d
	case p == math.Trunc(p) && math.Abs(p) <= 1024 && (a <= 0) == (b <= 0):
		m := int(math.Abs(p))
		var sum float64
		ak := 1.0
		for k := 0; k < m; k++ {
			sum += ak * math.Pow(b, float64(m-1-k))
			ak *= a
		}
		if p > 0 {
			return sum
		}
		return -sum * math.Pow(a, p) * math.Pow(b, p)
	}
	return (math.Pow(a, p) - math.Pow(b, p)) / (a - b)
}

// div2Series returns f[a, b, c] for an analytic f whose normalized
// derivatives f^(m)(x)/m! coef gives. With the points sorted x0 ≤ x1 ≤ x2
// and H = x2 − x0, it sums the Taylor series around x1,
//
//	f[x0, x1, x2] = Σ_k f^(k+2)(x1)/(k+2)! · h_k(x0 − x1, x2 − x1),
//
// h_k the complete homogeneous polynomial, when H ≤ 1/2 for an entire f
// (rel = +Inf) or H ≤ rel·|x1| for an f singular at 0; otherwise it takes
// the quotient (div(x1, x2) − div(x0, x1))/H of stable first divided
// differences, whose cancellation is then bounded by a small multiple of
// the rounding.
func div2Series(a, b, c float64, coef func(m int, x float64) float64, rel float64,
	div func(a, b float64) float64) float64 {
	x0, x1, x2 := sort3(a, b, c)
	h := x2 - x0
	var near bool
	if math.IsInf(rel, 1) {
		near = h <= 0.5
	} else {
		near = h <= rel*math.Abs(x1)
	}
	if !near {
		return (div(x1, x2) - div(x0, x1)) / h
	}
	y0, y2 := x0-x1, x2-x1
	sum := coef(2, x1)
	// hk = Σ_{i=0}^{k} y0^i y2^(k−i), updated by h_k = y2·h_{k−1} + y0^k.
	// The loop stops when the bound (k+1)·ymax^k·|coef| on the next terms
	// is below rounding (a single h_k may vanish, as h_1 does for
	// symmetric points).
	ymax := math.Max(-y0, y2)
	hk, y0k, yk := 1.0, 1.0, 1.0
	for k := 1; k <= 60; k++ {
		y0k *= y0
		yk *= ymax
		hk = y2*hk + y0k
		ck := coef(k+2, x1)
		sum += ck * hk
		if float64(k+1)*yk*math.Abs(ck) <= 1e-17*math.Abs(sum) {
			break
		}
	}
	return sum
}

// sort3 returns a, b, c in ascending order.
func sort3(a, b, c float64) (float64, float64, float64) {
	if a > b {
		a, b = b, a
	}
	if b > c {
		b, c = c, b
	}
	if a > b {
		a, b = b, a
	}
	return a, b, c
}
