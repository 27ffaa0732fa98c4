package eig

import (
	"errors"
	"fmt"
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc"
)

// genericExp, genericLog, genericSqrt are the built-ins without their
// closed-form divided differences: they exercise the generic fallback.
var (
	genericExp  = Func{F: Exp.F, DF: Exp.DF, D2F: Exp.D2F}
	genericLog  = Func{F: Log.F, DF: Log.DF, D2F: Log.D2F}
	genericSqrt = Func{F: Sqrt.F, DF: Sqrt.DF, D2F: Sqrt.D2F}
)

// testSpectra returns symmetric matrices with distinct, repeated and nearly
// repeated positive eigenvalues, and I.
func testSpectra(n int) map[string]*mat.SymDense {
	rng := newRand(30)
	q := randOrth(rng, n)
	distinct := make([]float64, n)
	repeated := make([]float64, n)
	near := make([]float64, n)
	mid := make([]float64, n)
	for i := range distinct {
		distinct[i] = 0.3 + 0.4*float64(i)
		repeated[i] = 0.5 + float64(i/2)
		near[i] = 0.5 + float64(i/2) + 1e-9*float64(i%2)
		// Gaps of 3e-5: close pairs for FuncHVP whose second divided
		// differences take the stable dd2 rather than the vertex average.
		mid[i] = 0.5 + float64(i/3) + 3e-5*float64(i%3)
	}
	return map[string]*mat.SymDense{
		"distinct": withSpectrum(q, distinct),
		"repeated": withSpectrum(q, repeated),
		"near":     withSpectrum(q, near),
		"mid":      withSpectrum(q, mid),
		"identity": withSpectrum(eye(n), ones(n)),
	}
}

func TestFuncValue(t *testing.T) {
	rng := newRand(31)
	n := 5
	for name, a := range testSpectra(n) {
		s := mustFactor(t, a, nil)
		var got, want mat.Dense
		if err := s.FuncValue(&got, Exp); err != nil {
			t.Fatal(err)
		}
		want.Exp(a)
		checkClose(t, name+": exp", &got, &want, 1e-13)

		if err := s.FuncValue(&got, Sqrt); err != nil {
			t.Fatal(err)
		}
		want.Mul(&got, &got)
		checkClose(t, name+": sqrt(A)²", &want, a, 1e-13)

		if err := s.FuncValue(&got, Pow(-1)); err != nil {
			t.Fatal(err)
		}
		if err := want.Inverse(a); err != nil {
			t.Fatal(err)
		}
		checkClose(t, name+": A⁻¹", &got, &want, 1e-12)

		if err := s.FuncValue(&got, Pow(2)); err != nil {
			t.Fatal(err)
		}
		want.Mul(a, a)
		checkClose(t, name+": A²", &got, &want, 1e-13)
	}
	// log(exp(L)) = L for symmetric L with repeated eigenvalues.
	l := withSpectrum(randOrth(rng, n), []float64{-1, -1, 0.5, 2, 2})
	var ea, got mat.Dense
	ea.Exp(l)
	s := mustFactor(t, symOf(&ea), nil)
	if err := s.FuncValue(&got, Log); err != nil {
		t.Fatal(err)
	}
	checkClose(t, "log(exp(L))", &got, l, 1e-13)
}

func TestFuncDomain(t *testing.T) {
	q := randOrth(newRand(32), 3)
	neg := withSpectrum(q, []float64{-0.5, 1, 2})
	s := mustFactor(t, neg, nil)
	var d mat.Dense
	for _, f := range []Func{Log, Sqrt, Pow(0.5), Pow(1.5)} {
		if err := s.FuncValue(&d, f); !errors.Is(err, matcalc.ErrDomain) {
			t.Errorf("f of a matrix with λ = −0.5: got %v, want ErrDomain", err)
		}
		if _, err := s.Trace(f); !errors.Is(err, matcalc.ErrDomain) {
			t.Errorf("tr f of a matrix with λ = −0.5: got %v, want ErrDomain", err)
		}
	}
	// Integer powers are defined for every symmetric matrix.
	if err := s.FuncJVP(&d, Pow(3), eye(3)); err != nil {
		t.Errorf("Pow(3) of an indefinite matrix: %v", err)
	}
	// sqrt of a PSD singular matrix has a value but no derivative.
	sp := mustFactor(t, symOf(withSpectrum(eye(3), []float64{0, 1, 2})), nil)
	if err := sp.FuncValue(&d, Sqrt); err != nil {
		t.Errorf("sqrt of PSD: %v", err)
	}
	if err := sp.FuncJVP(&d, Sqrt, eye(3)); !errors.Is(err, matcalc.ErrDomain) {
		t.Errorf("sqrt JVP at a zero eigenvalue: got %v, want ErrDomain", err)
	}
}

// TestFuncJVPExp compares with the block identity: the top-right block of
// exp([[A, E], [0, A]]) (gonum's Padé expm) is the Fréchet derivative.
func TestFuncJVPExp(t *testing.T) {
	rng := newRand(33)
	n := 6
	for name, a := range testSpectra(n) {
		s := mustFactor(t, a, nil)
		e := randSym(rng, n)
		var got mat.Dense
		if err := s.FuncJVP(&got, Exp, e); err != nil {
			t.Fatal(err)
		}
		checkClose(t, name+": exp JVP vs block expm", &got, blockExp(a, e), 1e-12)
		if err := s.FuncJVP(&got, genericExp, e); err != nil {
			t.Fatal(err)
		}
		checkClose(t, name+": generic exp JVP vs block expm", &got, blockExp(a, e), 1e-9)
	}
	// exp at A = λI: the derivative is e^λ dA.
	s := mustFactor(t, withSpectrum(eye(3), []float64{0.7, 0.7, 0.7}), nil)
	e := randSym(rng, 3)
	var got, want mat.Dense
	if err := s.FuncJVP(&got, Exp, e); err != nil {
		t.Fatal(err)
	}
	want.Scale(math.Exp(0.7), e)
	checkClose(t, "exp JVP at 0.7 I", &got, &want, 1e-15)
}

// TestFuncJVPSqrt compares with the Sylvester equation S X + X S = dA for
// X = d√A, S = √A known, solved by Kronecker products and LU.
func TestFuncJVPSqrt(t *testing.T) {
	rng := newRand(34)
	n := 5
	for name, sq := range testSpectra(n) {
		var a mat.Dense
		a.Mul(sq, sq)
		s := mustFactor(t, symOf(&a), nil)
		e := randSym(rng, n)
		for _, f := range []Func{Sqrt, Pow(0.5), genericSqrt} {
			var got mat.Dense
			if err := s.FuncJVP(&got, f, e); err != nil {
				t.Fatal(err)
			}
			tol := 1e-12
			if f.Div == nil {
				tol = 1e-9
			}
			checkClose(t, name+": sqrt JVP vs Sylvester", &got, sylvester(sq, e), tol)
		}
	}
	// sqrt at I: dA/2; log at I: dA.
	s := mustFactor(t, eye(4), nil)
	e := randSym(rng, 4)
	var got, want mat.Dense
	if err := s.FuncJVP(&got, Sqrt, e); err != nil {
		t.Fatal(err)
	}
	want.Scale(0.5, e)
	checkClose(t, "sqrt JVP at I", &got, &want, 1e-15)
	if err := s.FuncJVP(&got, Log, e); err != nil {
		t.Fatal(err)
	}
	checkClose(t, "log JVP at I", &got, e, 1e-15)
}

// sylvester solves S X + X S = E by the Kronecker form.
func sylvester(s, e mat.Matrix) *mat.Dense {
	n, _ := s.Dims()
	k := mat.NewDense(n*n, n*n, nil)
	b := mat.NewVecDense(n*n, nil)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			r := i*n + j
			b.SetVec(r, e.At(i, j))
			for m := 0; m < n; m++ {
				k.Set(r, m*n+j, k.At(r, m*n+j)+s.At(i, m))
				k.Set(r, i*n+m, k.At(r, i*n+m)+s.At(m, j))
			}
		}
	}
	var x mat.VecDense
	if err := x.SolveVec(k, b); err != nil {
		panic(err)
	}
	return mat.NewDense(n, n, x.RawVector().Data)
}

// TestFuncJVPLog checks the logarithm's derivative X at A = exp(L) through
// the exponential's: L_exp(L, X) = dA, by the block identity.
func TestFuncJVPLog(t *testing.T) {
	rng := newRand(35)
	n := 5
	for name, l := range testSpectra(n) {
		var ea mat.Dense
		ea.Exp(l)
		a := symOf(&ea)
		s := mustFactor(t, a, nil)
		e := randSym(rng, n)
		for _, f := range []Func{Log, genericLog} {
			var x mat.Dense
			if err := s.FuncJVP(&x, f, e); err != nil {
				t.Fatal(err)
			}
			tol := 1e-12
			if f.Div == nil {
				tol = 1e-9
			}
			checkClose(t, name+": L_exp(log A, d log A) = dA", blockExp(l, &x), e, tol)
		}
	}
}

// TestFuncJVPPow compares integer powers with their product rules.
func TestFuncJVPPow(t *testing.T) {
	rng := newRand(36)
	n := 4
	cases := testSpectra(n)
	// Integer powers of an indefinite, singular matrix with a near tie at
	// negative eigenvalues.
	cases["indefinite"] = withSpectrum(randOrth(rng, n), []float64{-2, -2 + 1e-10, 0, 1.5})
	for name, a := range cases {
		s := mustFactor(t, a, nil)
		e := randSym(rng, n)
		var got, want, t1, inv mat.Dense
		if err := s.FuncJVP(&got, Pow(2), e); err != nil {
			t.Fatal(err)
		}
		want.Mul(a, e)
		t1.Mul(e, a)
		want.Add(&want, &t1)
		checkClose(t, name+": d(A²)", &got, &want, 1e-13)

		if name != "indefinite" {
			if err := s.FuncJVP(&got, Pow(-1), e); err != nil {
				t.Fatal(err)
			}
			if err := inv.Inverse(a); err != nil {
				t.Fatal(err)
			}
			want.Mul(&inv, e)
			want.Mul(&want, &inv)
			want.Scale(-1, &want)
			checkClose(t, name+": d(A⁻¹)", &got, &want, 1e-12)
		}

		if err := s.FuncJVP(&got, Pow(3), e); err != nil {
			t.Fatal(err)
		}
		var a2, t2 mat.Dense
		a2.Mul(a, a)
		want.Mul(&a2, e)
		t1.Mul(a, e)
		t1.Mul(&t1, a)
		t2.Mul(e, &a2)
		want.Add(&want, &t1)
		want.Add(&want, &t2)
		checkClose(t, name+": d(A³)", &got, &want, 1e-13)
	}
}

// TestFuncFiniteDifferencesAndAdjoint checks every built-in's JVP against
// finite differences of FuncValue, and <Ȳ, JVP(dA)> = <VJP(Ȳ), dA>.
func TestFuncFiniteDifferencesAndAdjoint(t *testing.T) {
	rng := newRand(37)
	n := 5
	a := testSpectra(n)["distinct"]
	s := mustFactor(t, a, nil)
	for i, f := range []Func{Exp, Log, Sqrt, Pow(1.7), Pow(-0.5), Pow(3), genericExp, genericLog} {
		e := randSym(rng, n)
		var got mat.Dense
		if err := s.FuncJVP(&got, f, e); err != nil {
			t.Fatal(err)
		}
		want := fdMatrix(a, e, 1e-3, func(x mat.Matrix) *mat.Dense {
			var y mat.Dense
			if err := mustFactor(t, x, nil).FuncValue(&y, f); err != nil {
				t.Fatal(err)
			}
			return &y
		})
		checkClose(t, fmt.Sprintf("func %d: JVP vs FD", i), &got, want, 1e-7)

		yBar, dA := randDense(rng, n), randDense(rng, n)
		var jvp, vjp mat.Dense
		if err := s.FuncJVP(&jvp, f, dA); err != nil {
			t.Fatal(err)
		}
		if err := s.FuncVJP(&vjp, f, yBar); err != nil {
			t.Fatal(err)
		}
		checkScalar(t, fmt.Sprintf("func %d: adjoint", i), inner(yBar, &jvp), inner(&vjp, dA), 1e-12)
		if !mat.Equal(&vjp, vjp.T()) {
			t.Errorf("func %d: VJP not exactly symmetric", i)
		}
	}
}

// TestFuncHVP checks the second derivative: against the 3×3 block
// exponential for exp, finite differences of FuncVJP for the others, its
// symmetry in all three arguments, and the generic fallback against the
// closed forms.
func TestFuncHVP(t *testing.T) {
	rng := newRand(38)
	n := 5
	for name, a := range testSpectra(n) {
		s := mustFactor(t, a, nil)
		e, y, z := randSym(rng, n), randSym(rng, n), randSym(rng, n)
		var got mat.Dense
		if err := s.FuncHVP(&got, Exp, e, y); err != nil {
			t.Fatal(err)
		}
		checkClose(t, name+": exp HVP vs 3×3 block expm", &got, blockExp2(a, e, y), 1e-11)

		for i, f := range []Func{Exp, Log, Sqrt, Pow(1.7), Pow(-1)} {
			var h, hz, hs mat.Dense
			if err := s.FuncHVP(&h, f, e, y); err != nil {
				t.Fatal(err)
			}
			if err := s.FuncHVP(&hz, f, e, z); err != nil {
				t.Fatal(err)
			}
			if err := s.FuncHVP(&hs, f, y, e); err != nil {
				t.Fatal(err)
			}
			checkClose(t, fmt.Sprintf("%s func %d: HVP(E,Y) = HVP(Y,E)", name, i), &h, &hs, 1e-12)
			checkScalar(t, fmt.Sprintf("%s func %d: <Z,H(E,Y)> = <Y,H(E,Z)>", name, i),
				inner(z, &h), inner(y, &hz), 1e-11)
			want := fdMatrix(a, e, 1e-3, func(x mat.Matrix) *mat.Dense {
				var g mat.Dense
				if err := mustFactor(t, x, nil).FuncVJP(&g, f, y); err != nil {
					t.Fatal(err)
				}
				return &g
			})
			// At clustered spectra the perturbed matrices split the
			// clusters; the VJP is smooth there, FD still applies.
			checkClose(t, fmt.Sprintf("%s func %d: HVP vs FD of VJP", name, i), &h, want, 1e-6)
			g := Func{F: f.F, DF: f.DF, D2F: f.D2F}
			var hg mat.Dense
			if err := s.FuncHVP(&hg, g, e, y); err != nil {
				t.Fatal(err)
			}
			// The generic second divided differences are good to about 3e-8.
			checkClose(t, fmt.Sprintf("%s func %d: generic HVP vs closed form", name, i), &hg, &h, 1e-7)
		}
	}
}

func ones(n int) []float64 {
	o := make([]float64, n)
	for i := range o {
		o[i] = 1
	}
	return o
}
