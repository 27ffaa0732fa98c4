package dual

import (
	"fmt"
	"math"
)

// Number is a dual number Re + Σₖ Eps[k]·εₖ with εⱼεₖ = 0: a value and its
// derivatives along len(Eps) directions. A Number with no Eps is a constant
// and combines with Numbers of any number of directions.
type Number struct {
	Re  float64
	Eps []float64
}

// New returns the dual number re + Σₖ eps[k]·εₖ.
func New(re float64, eps ...float64) Number {
	return Number{Re: re, Eps: append([]float64(nil), eps...)}
}

// String formats x as re+bε₀+cε₁...
func (x Number) String() string {
	s := fmt.Sprint(x.Re)
	for k, e := range x.Eps {
		s += fmt.Sprintf("%+gε%d", e, k)
	}
	return s
}

// directions returns the number of directions of a result of x and y, and
// panics if both have some and they differ.
func directions(op string, x, y Number) int {
	kx, ky := len(x.Eps), len(y.Eps)
	if kx != 0 && ky != 0 && kx != ky {
		panic(fmt.Sprintf("dual.Number.%s: %d directions and %d directions", op, kx, ky))
	}
	return max(kx, ky)
}

func eps(x Number, k int) float64 {
	if k < len(x.Eps) {
		return x.Eps[k]
	}
	return 0
}

// chain returns f + f'·(x − x.Re), the dual number of a function with value
// f and derivative df at x.Re.
func chain(x Number, f, df float64) Number {
	z := Number{Re: f, Eps: make([]float64, len(x.Eps))}
	for k, e := range x.Eps {
		z.Eps[k] = df * e
	}
	return z
}

// Add returns x + y.
func (x Number) Add(y Number) Number {
	z := Number{Re: x.Re + y.Re, Eps: make([]float64, directions("Add", x, y))}
	for k := range z.Eps {
		z.Eps[k] = eps(x, k) + eps(y, k)
	}
	return z
}

// Sub returns x − y.
func (x Number) Sub(y Number) Number { return x.Add(y.Neg()) }

// Neg returns −x.
func (x Number) Neg() Number { return x.Scale(-1) }

// Scale returns f·x for a real f.
func (x Number) Scale(f float64) Number { return chain(x, f*x.Re, f) }

// Mul returns x·y: (a + bε)(c + dε) = ac + (ad + bc)ε.
func (x Number) Mul(y Number) Number {
	z := Number{Re: x.Re * y.Re, Eps: make([]float64, directions("Mul", x, y))}
	for k := range z.Eps {
		z.Eps[k] = eps(x, k)*y.Re + x.Re*eps(y, k)
	}
	return z
}

// Div returns x/y: (a + bε)/(c + dε) = a/c + (b − (a/c)d)/c·ε. The real part
// of y must be nonzero.
func (x Number) Div(y Number) Number {
	q := x.Re / y.Re
	z := Number{Re: q, Eps: make([]float64, directions("Div", x, y))}
	for k := range z.Eps {
		z.Eps[k] = (eps(x, k) - q*eps(y, k)) / y.Re
	}
	return z
}

// Inv returns 1/x.
func (x Number) Inv() Number { return chain(x, 1/x.Re, -1/(x.Re*x.Re)) }

// Abs returns |x|; its derivative at 0 is taken as that from the right.
func (x Number) Abs() Number {
	if x.Re < 0 {
		return x.Neg()
	}
	return x.Scale(1)
}

// Sqrt returns √x.
func (x Number) Sqrt() Number {
	s := math.Sqrt(x.Re)
	return chain(x, s, 0.5/s)
}

// Exp returns eˣ.
func (x Number) Exp() Number {
	e := math.Exp(x.Re)
	return chain(x, e, e)
}

// Log returns the natural logarithm of x.
func (x Number) Log() Number { return chain(x, math.Log(x.Re), 1/x.Re) }

// Sin returns sin x.
func (x Number) Sin() Number { return chain(x, math.Sin(x.Re), math.Cos(x.Re)) }

// Cos returns cos x.
func (x Number) Cos() Number { return chain(x, math.Cos(x.Re), -math.Sin(x.Re)) }

// Pow returns xᵖ for a real p.
func (x Number) Pow(p float64) Number {
	return chain(x, math.Pow(x.Re, p), p*math.Pow(x.Re, p-1))
}
