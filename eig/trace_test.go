package eig

import (
	"fmt"
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// TestTraceLogDet checks tr log A against log det A from an LU, its
// gradient against A⁻¹ and its Hessian against −A⁻¹ dA A⁻¹.
func TestTraceLogDet(t *testing.T) {
	rng := newRand(40)
	n := 5
	for name, a := range testSpectra(n) {
		s := mustFactor(t, a, nil)
		ld, err := s.Trace(Log)
		if err != nil {
			t.Fatal(err)
		}
		var lu mat.LU
		lu.Factorize(a)
		want, _ := lu.LogDet()
		checkScalar(t, name+": tr log A = log det A", ld, want, 1e-13)

		var g, inv mat.Dense
		if err := s.TraceGrad(&g, Log); err != nil {
			t.Fatal(err)
		}
		if err := inv.Inverse(a); err != nil {
			t.Fatal(err)
		}
		checkClose(t, name+": ∇ log det = A⁻¹", &g, &inv, 1e-12)

		e := randSym(rng, n)
		var h, w mat.Dense
		for _, f := range []Func{Log, genericLog} {
			if err := s.TraceHVP(&h, f, e); err != nil {
				t.Fatal(err)
			}
			w.Mul(&inv, e)
			w.Mul(&w, &inv)
			w.Scale(-1, &w)
			tol := 1e-12
			if f.DivDF == nil {
				tol = 1e-9
			}
			checkClose(t, name+": HVP of log det", &h, &w, tol)
		}
		jvp, err := s.TraceJVP(Log, e)
		if err != nil {
			t.Fatal(err)
		}
		checkScalar(t, name+": TraceJVP = <A⁻¹, dA>", jvp, inner(&inv, e), 1e-12)
	}
	// log det at I₃: gradient I.
	var g mat.Dense
	if err := mustFactor(t, eye(3), nil).TraceGrad(&g, Log); err != nil {
		t.Fatal(err)
	}
	checkClose(t, "∇ log det at I", &g, eye(3), 0)
}

// TestTraceExp checks tr exp A: gradient exp(A) (gonum's expm) and Hessian
// the Fréchet derivative of exp (the block identity).
func TestTraceExp(t *testing.T) {
	rng := newRand(41)
	n := 5
	for name, a := range testSpectra(n) {
		s := mustFactor(t, a, nil)
		var g, want, h mat.Dense
		if err := s.TraceGrad(&g, Exp); err != nil {
			t.Fatal(err)
		}
		want.Exp(a)
		checkClose(t, name+": ∇ tr exp", &g, &want, 1e-13)
		e := randSym(rng, n)
		if err := s.TraceHVP(&h, Exp, e); err != nil {
			t.Fatal(err)
		}
		checkClose(t, name+": HVP of tr exp", &h, blockExp(a, e), 1e-12)
	}
}

// TestTraceFiniteDifferences checks TraceJVP against differences of Trace
// and TraceHVP against differences of TraceGrad, and the Hessian's
// symmetry, for every built-in.
func TestTraceFiniteDifferences(t *testing.T) {
	rng := newRand(42)
	n := 4
	a := testSpectra(n)["distinct"]
	s := mustFactor(t, a, nil)
	for i, f := range []Func{Exp, Log, Sqrt, Pow(2.5), Pow(-1), genericSqrt} {
		e, e2 := randSym(rng, n), randSym(rng, n)
		jvp, err := s.TraceJVP(f, e)
		if err != nil {
			t.Fatal(err)
		}
		fd := fdScalar(a, e, 1e-3, func(x mat.Matrix) float64 {
			v, err := mustFactor(t, x, nil).Trace(f)
			if err != nil {
				t.Fatal(err)
			}
			return v
		})
		checkScalar(t, fmt.Sprintf("func %d: TraceJVP vs FD", i), jvp, fd, 1e-9)
		var h, h2 mat.Dense
		if err := s.TraceHVP(&h, f, e); err != nil {
			t.Fatal(err)
		}
		want := fdMatrix(a, e, 1e-3, func(x mat.Matrix) *mat.Dense {
			var g mat.Dense
			if err := mustFactor(t, x, nil).TraceGrad(&g, f); err != nil {
				t.Fatal(err)
			}
			return &g
		})
		checkClose(t, fmt.Sprintf("func %d: TraceHVP vs FD", i), &h, want, 1e-7)
		if err := s.TraceHVP(&h2, f, e2); err != nil {
			t.Fatal(err)
		}
		checkScalar(t, fmt.Sprintf("func %d: Hessian symmetry", i), inner(e2, &h), inner(e, &h2), 1e-12)
	}
	// tr √A: gradient A^{−1/2}/2.
	var g, w mat.Dense
	if err := s.TraceGrad(&g, Sqrt); err != nil {
		t.Fatal(err)
	}
	if err := s.FuncValue(&w, Pow(-0.5)); err != nil {
		t.Fatal(err)
	}
	w.Scale(0.5, &w)
	checkClose(t, "∇ tr √A", &g, &w, 1e-13)
	if v, _ := s.Trace(Pow(1)); math.Abs(v-mat.Trace(a)) > 1e-13 {
		t.Errorf("tr A = %v, want %v", v, mat.Trace(a))
	}
}
