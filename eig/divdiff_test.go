package eig

import (
	"fmt"
	"math"
	"math/big"
	"testing"

	"gonum.org/v1/gonum/integrate/quad"
	"gonum.org/v1/gonum/mat"
)

// The divided differences are checked against the Hermite–Genocchi
// integrals, evaluated by Gauss–Legendre quadrature (an independent
// algorithm that never subtracts nearby values):
//
//	f[a, b]    = ∫₀¹ f′(a + s(b − a)) ds,
//	f[a, b, c] = ∫₀¹ ∫₀^{1−s} f″(a + s(b − a) + t(c − a)) dt ds.

func quadDiv(df func(float64) float64, a, b float64) float64 {
	return quad.Fixed(func(s float64) float64 { return df(a + s*(b-a)) }, 0, 1, 40, nil, 0)
}

func quadDiv2(d2f func(float64) float64, a, b, c float64) float64 {
	return quad.Fixed(func(s float64) float64 {
		return quad.Fixed(func(t float64) float64 {
			return d2f(a + s*(b-a) + t*(c-a))
		}, 0, 1-s, 40, nil, 0)
	}, 0, 1, 40, nil, 0)
}

// divFuncs are the functions under test with their third derivative, for
// the divided differences of f′.
var divFuncs = []struct {
	name string
	f    Func
	d3f  func(float64) float64
}{
	{"exp", Exp, math.Exp},
	{"log", Log, func(x float64) float64 { return 2 / (x * x * x) }},
	{"sqrt", Sqrt, func(x float64) float64 { return 0.375 / (x * x * math.Sqrt(x)) }},
	{"pow1.7", Pow(1.7), func(x float64) float64 { return 1.7 * 0.7 * -0.3 * math.Pow(x, -1.3) }},
	{"pow-2", Pow(-2), func(x float64) float64 { return -2 * -3 * -4 * math.Pow(x, -5) }},
}

// spectrumAt builds the spectrum of f at the given points (for the
// generic divided differences).
func spectrumAt(f Func, x ...float64) *spectrum {
	sp := &spectrum{fn: f, x: x}
	for _, v := range x {
		sp.f = append(sp.f, f.F(v))
		sp.df = append(sp.df, f.DF(v))
		sp.d2f = append(sp.d2f, f.D2F(v))
	}
	return sp
}

// TestDividedDifferences checks the built-ins' closed forms to a few ulps
// and the generic fallback to its design accuracy: about eps^(2/3) ≈ 4e-11
// for first divided differences (the balance of rounding eps/h and the
// trapezoid's h²) and about 3e-8 for second ones, over gaps from 0.3 to
// 3e-17 relative and at scales from 2e-6 to 7.
func TestDividedDifferences(t *testing.T) {
	for _, fc := range divFuncs {
		f := fc.f
		generic := Func{F: f.F, DF: f.DF, D2F: f.D2F}
		for _, base := range []float64{1.3, 7, 2e-6} {
			for k := 0; k <= 17; k++ {
				// Gaps from 0.3·base down to 3e-17·base, and zero.
				h := 0.3 * base * math.Pow(10, -float64(k))
				if k == 17 {
					h = 0
				}
				a, b, c := base, base+h, base+0.4*h
				name := fmt.Sprintf("%s at %g, gap %.1g", fc.name, base, h)

				want := quadDiv(f.DF, a, b)
				checkScalar(t, name+": Div", f.Div(a, b)/want, 1, 1e-14)
				checkScalar(t, name+": generic", spectrumAt(generic, a, b).dd1(0, 1)/want, 1, 2e-10)

				want2 := quadDiv2(f.D2F, a, b, c)
				checkScalar(t, name+": Div2", f.Div2(a, b, c)/want2, 1, 1e-13)
				checkScalar(t, name+": generic Div2", spectrumAt(generic, a, b, c).dd2(0, 1, 2)/want2, 1, 1e-7)

				wantD := quadDiv(f.D2F, a, b)
				checkScalar(t, name+": DivDF", f.DivDF(a, b)/wantD, 1, 1e-14)
			}
		}
	}
}

// TestExpDividedDifferencesBidiagonal checks exp[a, b] and exp[a, b, c] by
// Opitz's formula: they are the corner entries of exp of the bidiagonal
// matrix with a, b, c on the diagonal and ones above it.
func TestExpDividedDifferencesBidiagonal(t *testing.T) {
	for _, pts := range [][3]float64{
		{0, 0, 0}, {1, 1 + 1e-12, 1 - 3e-13}, {-3, -2.9, 0.2}, {-20, 5, 5}, {2, 2, 30}, {0.1, 0.3, 0.7},
	} {
		m := mat.NewDense(3, 3, []float64{pts[0], 1, 0, 0, pts[1], 1, 0, 0, pts[2]})
		var e mat.Dense
		e.Exp(m)
		checkScalar(t, fmt.Sprint("exp[a,b] ", pts), expDiv(pts[0], pts[1])/e.At(0, 1), 1, 1e-13)
		checkScalar(t, fmt.Sprint("exp[a,b,c] ", pts), expDiv2(pts[0], pts[1], pts[2])/e.At(0, 2), 1, 1e-13)
	}
	// No early overflow: exp[700, 710] is finite.
	if v := expDiv(700, 710); math.IsInf(v, 0) || math.IsNaN(v) {
		t.Errorf("exp[700, 710] = %v", v)
	}
}

// TestPowNegativeArguments checks integer powers at negative and zero
// arguments, where the log1p form does not apply, against the
// Hermite–Genocchi integral.
func TestPowNegativeArguments(t *testing.T) {
	for _, p := range []float64{1, 2, 3, 5, -1, -2, -3} {
		f := Pow(p)
		for _, base := range []float64{-1.3, -7, 0} {
			for k := 0; k <= 16; k++ {
				h := -0.3 * math.Pow(10, -float64(k))
				if base == 0 && p < 0 {
					continue
				}
				a, b, c := base, base+h, base+0.4*h
				name := fmt.Sprintf("pow %g at %g, gap %.1g", p, base, h)
				if want := quadDiv(f.DF, a, b); want != 0 {
					checkScalar(t, name+": Div", f.Div(a, b)/want, 1, 1e-13)
				} else {
					checkScalar(t, name+": Div", f.Div(a, b), 0, 1e-15)
				}
				if want := quadDiv2(f.D2F, a, b, c); want != 0 {
					checkScalar(t, name+": Div2", f.Div2(a, b, c)/want, 1, 1e-12)
				}
			}
		}
	}
	// Pow(0) and Pow(1) have zero second derivatives, also at 0.
	s := mustFactor(t, mat.NewSymDense(2, []float64{0, 0, 0, 1}), nil)
	var h mat.Dense
	for _, p := range []float64{0, 1} {
		if err := s.FuncHVP(&h, Pow(p), eye(2), eye(2)); err != nil || mat.Norm(&h, 2) != 0 {
			t.Errorf("Pow(%g) HVP at a singular matrix: %v, %v", p, err, mat.Formatted(&h))
		}
	}
}

// TestExpm1Ratio checks expm1Ratio on its whole range (and near 0) against
// its Taylor series summed in 200-bit arithmetic: within 2 ulps.
func TestExpm1Ratio(t *testing.T) {
	rng := newRand(3)
	prec := uint(200)
	for k := 0; k < 20000; k++ {
		x := expm1RatioMax * (2*rng.Float64() - 1)
		if k%4 == 0 {
			x *= 1e-6
		}
		bx := new(big.Float).SetPrec(prec).SetFloat64(x)
		sum := new(big.Float).SetPrec(prec)
		term := new(big.Float).SetPrec(prec).SetInt64(1)
		for j := 1; j < 40; j++ {
			sum.Add(sum, term)
			term.Mul(term, bx)
			term.Quo(term, new(big.Float).SetPrec(prec).SetInt64(int64(j+1)))
		}
		want, _ := sum.Float64()
		if got := expm1Ratio(x); !(math.Abs(got-want) <= 2*0x1p-52*want) {
			t.Fatalf("expm1Ratio(%v) = %v, want %v (%.3g ulps)", x, got, want, math.Abs(got-want)/(0x1p-52*want))
		}
	}
}

// TestExpGamma checks the divided differences of exp that gammaRow computes
// from the cached values against expDiv, for a clustered spectrum (every
// gap below expm1RatioMax), a spread one and one with repeated eigenvalues:
// within 8 ulps. A copy of Exp with another F must not take that path.
func TestExpGamma(t *testing.T) {
	rng := newRand(61)
	n := 40
	q := randOrth(rng, n)
	spectra := map[string][]float64{"clustered": make([]float64, n), "spread": make([]float64, n), "repeated": make([]float64, n)}
	for i := 0; i < n; i++ {
		spectra["clustered"][i] = 0.3 + 0.01*float64(i)
		spectra["spread"][i] = -20 + float64(i)*float64(i)/20
		spectra["repeated"][i] = float64(i / 4)
	}
	for name, lam := range spectra {
		s := mustFactor(t, withSpectrum(q, lam), nil)
		sp, err := s.newSpectrum(Exp, "test", 1)
		if err != nil {
			t.Fatal(err)
		}
		if !sp.exp {
			t.Fatalf("%s: Exp does not take the cached path", name)
		}
		g := sp.gamma()
		for i := 0; i < n; i++ {
			for j := 0; j < n; j++ {
				want := expDiv(s.vals[i], s.vals[j])
				if got := g[i*n+j]; !(math.Abs(got-want) <= 8*0x1p-52*want) {
					t.Errorf("%s: Γ[%d,%d] = %v, want %v (λ %v, %v)", name, i, j, got, want, s.vals[i], s.vals[j])
				}
			}
		}
	}
	twice := Exp
	twice.F = func(x float64) float64 { return 2 * math.Exp(x) }
	s := mustFactor(t, withSpectrum(q, spectra["clustered"]), nil)
	if sp, err := s.newSpectrum(twice, "test", 1); err != nil || sp.exp {
		t.Errorf("a copy of Exp with another F takes the cached path (err %v)", err)
	}
}
