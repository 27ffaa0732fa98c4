package det

import "math"

// xfloat is a float64 with an extended exponent, m·2^e, so that products of
// many pivots or singular values neither overflow nor underflow before the
// end. m is 0 or 0.5 ≤ |m| < 1.
type xfloat struct {
	m float64
	e int
}

// xf converts x to an xfloat.
func xf(x float64) xfloat {
	m, e := math.Frexp(x)
	return xfloat{m, e}
}

// mul returns a·b.
func (a xfloat) mul(b xfloat) xfloat {
	m, e := math.Frexp(a.m * b.m)
	if m == 0 {
		return xfloat{}
	}
	return xfloat{m, e + a.e + b.e}
}

// float returns the nearest float64, ±Inf or 0 when out of range.
func (a xfloat) float() float64 {
	if a.m == 0 {
		return 0
	}
	return math.Ldexp(a.m, a.e)
}

// log returns log|a|.
func (a xfloat) log() float64 {
	if a.m == 0 {
		return math.Inf(-1)
	}
	return math.Log(math.Abs(a.m)) + float64(a.e)*math.Ln2
}

// scaleTo returns a/2^e as a float64; used to bring a set of xfloats to a
// common exponent before a product.
func (a xfloat) scaleTo(e int) float64 {
	if a.m == 0 {
		return 0
	}
	return math.Ldexp(a.m, a.e-e)
}

// scaleBy multiplies every entry of x by 2^e; entries beyond the range of
// float64 become ±Inf or 0 as Ldexp does, and 0 stays 0 (never NaN).
func scaleBy(x []float64, e int) {
	if e == 0 {
		return
	}
	if e > -1000 && e < 1000 {
		s := math.Ldexp(1, e)
		for i, v := range x {
			x[i] = v * s
		}
		return
	}
	for i, v := range x {
		x[i] = math.Ldexp(v, e)
	}
}
