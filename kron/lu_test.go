package kron

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc"
	"github.com/matcalc/matcalc/check"
)

// TestLU checks Solve against gonum's solve with the explicit product, for
// M and Mᵀ and several right-hand sides, and LogDet and Det against gonum's
// LogDet of the explicit product and the closed form
// det(A ⊗ B) = det(A)^n det(B)^m.
func TestLU(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	for _, sizes := range [][]int{{3}, {2, 3}, {4, 1, 3}, {20, 5}, {2, 2, 2, 2}} {
		fs := make([]mat.Matrix, len(sizes))
		for i, n := range sizes {
			fs[i] = check.Conditioned(rng, n, 10)
		}
		p := New(fs...)
		want := explicit(fs...)
		var f LU
		if err := f.Factorize(p); err != nil {
			t.Fatalf("%v: Factorize: %v", p, err)
		}
		N, _ := p.Dims()
		for _, trans := range []bool{false, true} {
			b := check.Gaussian(rng, N, 2)
			var ref mat.Dense
			var w mat.Matrix = want
			if trans {
				w = want.T()
			}
			if err := ref.Solve(w, b); err != nil {
				t.Fatal(err)
			}
			got := make([]float64, 2*N)
			if err := f.Solve(got, b.RawMatrix().Data, 2, trans); err != nil {
				t.Fatalf("%v: Solve: %v", p, err)
			}
			if !closeTo(got, ref.RawMatrix().Data, 1e-12) {
				t.Errorf("%v trans=%t: Solve differs from gonum's", p, trans)
			}
			// Residual: M x = b.
			mx := make([]float64, 2*N)
			p.ApplyTo(mx, got, 2, trans)
			if !closeTo(mx, b.RawMatrix().Data, 1e-13) {
				t.Errorf("%v trans=%t: residual too large", p, trans)
			}
		}
		l, s := f.LogDet()
		wl, ws := mat.LogDet(want)
		if math.Abs(l-wl) > 1e-11*max(1, math.Abs(wl)) || s != ws {
			t.Errorf("%v: LogDet = %v, %v; explicit %v, %v", p, l, s, wl, ws)
		}
		if l2, s2 := LogDet(p); l2 != l || s2 != s {
			t.Errorf("%v: LogDet(p) = %v, %v; LU's %v, %v", p, l2, s2, l, s)
		}
		if det, wd := f.Det(), mat.Det(want); math.Abs(det-wd) > 1e-11*math.Abs(wd) {
			t.Errorf("%v: Det = %v, explicit %v", p, det, wd)
		}
	}
	// det(A ⊗ B) = det(A)^n det(B)^m with a negative det(A) and odd n.
	a := mat.NewDense(2, 2, []float64{0, 2, 3, 1}) // det = −6
	b := mat.NewDense(3, 3, []float64{2, 0, 0, 0, 1, 0, 0, 0, 0.5})
	var f LU
	if err := f.Factorize(New(a, b)); err != nil {
		t.Fatal(err)
	}
	want := math.Pow(-6, 3) * math.Pow(1, 2)
	if d := f.Det(); math.Abs(d-want) > 1e-12*math.Abs(want) {
		t.Errorf("det(A ⊗ B) = %v, want det(A)³ det(B)² = %v", d, want)
	}
}

// TestLUSingular checks that a singular factor is an error matching
// matcalc.ErrSingular that names the factor, and that the determinant is 0.
func TestLUSingular(t *testing.T) {
	good := mat.NewDense(2, 2, []float64{2, 1, 1, 3})
	bad := mat.NewDense(3, 3, []float64{1, 2, 3, 2, 4, 6, 1, 0, 1})
	p := New(good, bad)
	var f LU
	err := f.Factorize(p)
	var me *matcalc.Error
	if !errors.Is(err, matcalc.ErrSingular) || !errors.As(err, &me) || !strings.Contains(err.Error(), "factor 1 (3×3)") {
		t.Fatalf("Factorize: error %v, want a *matcalc.Error matching ErrSingular naming factor 1", err)
	}
	if err := f.Solve(make([]float64, 6), make([]float64, 6), 1, false); !errors.Is(err, matcalc.ErrSingular) {
		t.Errorf("Solve: error %v, want ErrSingular", err)
	}
	if l, s := f.LogDet(); !math.IsInf(l, -1) || s != 0 {
		t.Errorf("LogDet = %v, %v; want -Inf, 0", l, s)
	}
	if d := f.Det(); d != 0 {
		t.Errorf("Det = %v, want 0", d)
	}
	mustPanic(t, "not square", "factor 0 is 2×3, not square", func() { f.Factorize(New(mat.NewDense(2, 3, nil))) })
	nan := mat.NewDense(2, 2, []float64{1, math.NaN(), 0, 1})
	if err := f.Factorize(New(good, nan)); !errors.Is(err, matcalc.ErrNaN) || !strings.Contains(err.Error(), "factor 1") {
		t.Errorf("NaN factor: error %v, want ErrNaN naming factor 1", err)
	}
	for _, bad := range []float64{math.NaN(), math.Inf(1)} {
		m := mat.NewDense(2, 2, []float64{1, bad, 3, 1})
		if l, s := LogDet(New(good, m)); !math.IsNaN(l) || !math.IsNaN(s) {
			t.Errorf("LogDet with %v in a factor = %v, %v; want NaN, NaN", bad, l, s)
		}
	}
	var e EigenSym
	if err := e.Factorize(New(nan)); !errors.Is(err, matcalc.ErrNaN) || !strings.Contains(err.Error(), "factor 0") {
		t.Errorf("EigenSym, NaN factor: error %v, want ErrNaN naming factor 0", err)
	}
}
