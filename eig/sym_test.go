package eig

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc"
)

func TestFactorizeReconstructs(t *testing.T) {
	rng := newRand(1)
	for _, n := range []int{1, 2, 3, 5, 17, 40} {
		a := randSym(rng, n)
		s := mustFactor(t, a, nil)
		lam := s.Values(nil)
		for i := 1; i < n; i++ {
			if lam[i] < lam[i-1] {
				t.Fatalf("n=%d: eigenvalues not ascending: %v", n, lam)
			}
		}
		var v, vtv, rec mat.Dense
		s.Vectors(&v)
		vtv.Mul(v.T(), &v)
		checkClose(t, "VᵀV", &vtv, eye(n), 1e-13)
		rec.Mul(&v, mat.NewDiagDense(n, lam))
		rec.Mul(&rec, v.T())
		checkClose(t, "V Λ Vᵀ", &rec, a, 1e-13*float64(n))
		if s.Size() != n {
			t.Errorf("Size = %d, want %d", s.Size(), n)
		}
	}
}

func eye(n int) *mat.Dense {
	d := mat.NewDense(n, n, nil)
	for i := 0; i < n; i++ {
		d.Set(i, i, 1)
	}
	return d
}

// TestFactorizeNonSymmetric is FORMULAS.md case 9: a non-symmetric input is
// accepted within the tolerance and replaced by sym(A), refused beyond it.
func TestFactorizeNonSymmetric(t *testing.T) {
	rng := newRand(2)
	n := 4
	a := randSym(rng, n)
	ad := mat.DenseCopyOf(a)

	// A perturbation below the tolerance: the factorization is that of
	// sym(A), and derivatives are those at sym(A).
	b := mat.DenseCopyOf(ad)
	b.Set(0, 1, b.At(0, 1)+1e-12)
	var sb, sa Sym
	if err := sb.Factorize(b, nil); err != nil {
		t.Fatalf("nearly symmetric input refused: %v", err)
	}
	sym := symOf(b)
	if err := sa.Factorize(sym, nil); err != nil {
		t.Fatal(err)
	}
	for i, v := range sb.Values(nil) {
		checkScalar(t, "values of sym(A)", v, sa.Values(nil)[i], 1e-14)
	}

	// Beyond the tolerance: ErrNotSymmetric.
	c := mat.DenseCopyOf(ad)
	c.Set(0, 1, c.At(0, 1)+1e-3)
	var sc Sym
	err := sc.Factorize(c, nil)
	if !errors.Is(err, matcalc.ErrNotSymmetric) {
		t.Fatalf("got %v, want ErrNotSymmetric", err)
	}
	var me *matcalc.Error
	if !errors.As(err, &me) || me.Op != "eig.(*Sym).Factorize" {
		t.Errorf("error %v is not a *matcalc.Error from Factorize", err)
	}
	// A looser tolerance, or none, accepts it.
	if err := sc.Factorize(c, &Options{SymTol: 1e-2}); err != nil {
		t.Errorf("SymTol 1e-2: %v", err)
	}
	if err := sc.Factorize(c, &Options{SymTol: -1}); err != nil {
		t.Errorf("SymTol −1: %v", err)
	}

	// A non-symmetric tangent is the tangent sym(dA): the JVPs agree.
	s := mustFactor(t, a, nil)
	e := randDense(rng, n)
	var g1, g2 mat.Dense
	if err := s.FuncJVP(&g1, Exp, e); err != nil {
		t.Fatal(err)
	}
	if err := s.FuncJVP(&g2, Exp, symOf(e)); err != nil {
		t.Fatal(err)
	}
	checkClose(t, "FuncJVP(dA) vs FuncJVP(sym dA)", &g1, &g2, 1e-14)
	checkScalar(t, "ValuesJVP(dA) vs ValuesJVP(sym dA)",
		s.ValuesJVP(nil, e)[0], s.ValuesJVP(nil, symOf(e))[0], 1e-14)
	// and the gradient is symmetric
	var gv mat.Dense
	s.ValuesVJP(&gv, []float64{1, -2, 0.5, 3})
	if !mat.Equal(&gv, gv.T()) {
		t.Errorf("ValuesVJP gradient is not exactly symmetric")
	}
}

func TestFactorizeErrors(t *testing.T) {
	for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		a := mat.NewSymDense(3, []float64{1, 0, 0, 0, 1, 0, 0, 0, 1})
		a.SetSym(1, 2, bad)
		var s Sym
		if err := s.Factorize(a, nil); !errors.Is(err, matcalc.ErrNaN) {
			t.Errorf("input with %v: got %v, want ErrNaN", bad, err)
		}
		d := mat.NewDense(2, 2, []float64{1, bad, bad, 1})
		if err := s.Factorize(d, nil); !errors.Is(err, matcalc.ErrNaN) {
			t.Errorf("dense input with %v: got %v, want ErrNaN", bad, err)
		}
	}
}

func TestPanics(t *testing.T) {
	s := mustFactor(t, mat.NewSymDense(3, []float64{2, 0, 0, 0, 3, 0, 0, 0, 4}), nil)
	cases := []struct {
		name, want string
		f          func()
	}{
		{"non-square", "a is 2×3, want square", func() { var x Sym; x.Factorize(mat.NewDense(2, 3, nil), nil) }},
		{"ValuesJVP dA", "eig.(*Sym).ValuesJVP: dA is 2×2, want 3×3", func() { s.ValuesJVP(nil, mat.NewDense(2, 2, nil)) }},
		{"ValuesVJP lamBar", "eig.(*Sym).ValuesVJP: len(lamBar) = 2, want 3", func() { s.ValuesVJP(&mat.Dense{}, []float64{1, 2}) }},
		{"FuncJVP dst", "eig.(*Sym).FuncJVP: dst is 2×2, want 3×3", func() { s.FuncJVP(mat.NewDense(2, 2, nil), Exp, eye(3)) }},
		{"VectorsVJP vBar", "eig.(*Sym).VectorsVJP: vBar is 3×2, want 3×3", func() { s.VectorsVJP(&mat.Dense{}, nil, mat.NewDense(3, 2, nil)) }},
		{"no factorization", "no factorization", func() { var x Sym; x.Values(nil) }},
		{"ValueHVP index", "index 3 out of range", func() { s.ValueHVP(&mat.Dense{}, 3, eye(3)) }},
		{"FuncHVP without D2F", "need Func.D2F", func() {
			s.FuncHVP(&mat.Dense{}, Func{F: math.Sin, DF: math.Cos}, eye(3), eye(3))
		}},
	}
	for _, c := range cases {
		func() {
			defer func() {
				r := recover()
				msg, _ := r.(string)
				if r == nil || !strings.Contains(msg, c.want) {
					t.Errorf("%s: panic %v, want one containing %q", c.name, r, c.want)
				}
			}()
			c.f()
		}()
	}
}

func TestClusters(t *testing.T) {
	q := randOrth(newRand(3), 5)
	a := withSpectrum(q, []float64{0.5, 1, 1, 2, 2})
	s := mustFactor(t, a, nil)
	got := s.Clusters()
	want := [][2]int{{1, 3}, {3, 5}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("Clusters = %v, want %v", got, want)
	}
	// With a negative tolerance only bitwise-equal eigenvalues cluster.
	s2 := mustFactor(t, mat.NewSymDense(3, []float64{1, 0, 0, 0, 1, 0, 0, 0, 2}), &Options{ClusterTol: -1})
	if got := s2.Clusters(); len(got) != 1 || got[0] != [2]int{0, 2} {
		t.Errorf("exact clusters = %v, want [[0 2]]", got)
	}
}

// TestHelpersAndAliasing checks the one-off helpers, and that a dst that is
// also the direction or cotangent gives the same result.
func TestHelpersAndAliasing(t *testing.T) {
	rng := newRand(4)
	n := 4
	a := testSpectra(n)["distinct"]
	var got, want mat.Dense
	if err := Apply(&got, Exp, a); err != nil {
		t.Fatal(err)
	}
	want.Exp(a)
	checkClose(t, "Apply(Exp)", &got, &want, 1e-13)
	ld, err := TraceOf(Log, a)
	if err != nil {
		t.Fatal(err)
	}
	checkScalar(t, "TraceOf(Log)", ld, math.Log(mat.Det(a)), 1e-13)

	s := mustFactor(t, a, nil)
	e := mat.DenseCopyOf(randSym(rng, n))
	calls := []func(dst *mat.Dense, x mat.Matrix) error{
		func(d *mat.Dense, x mat.Matrix) error { return s.FuncJVP(d, Log, x) },
		func(d *mat.Dense, x mat.Matrix) error { return s.FuncVJP(d, Log, x) },
		func(d *mat.Dense, x mat.Matrix) error { return s.FuncHVP(d, Log, x, x) },
		func(d *mat.Dense, x mat.Matrix) error { s.VectorsJVP(d, x); return nil },
		func(d *mat.Dense, x mat.Matrix) error { return s.VectorsVJP(d, nil, x) },
		func(d *mat.Dense, x mat.Matrix) error { return s.ValuesHVP(d, []float64{1, 2, 3, 4}, x) },
		func(d *mat.Dense, x mat.Matrix) error { return s.ValueHVP(d, 1, x) },
		func(d *mat.Dense, x mat.Matrix) error { return s.TraceHVP(d, Sqrt, x) },
	}
	for i, f := range calls {
		var sep mat.Dense
		if err := f(&sep, e); err != nil {
			t.Fatal(err)
		}
		alias := mat.DenseCopyOf(e)
		if err := f(alias, alias); err != nil {
			t.Fatal(err)
		}
		checkClose(t, fmt.Sprintf("call %d with dst aliasing its input", i), alias, &sep, 0)
	}
}
