package ode_test

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc"
	"github.com/matcalc/matcalc/check"
	"github.com/matcalc/matcalc/check/dual"
	"github.com/matcalc/matcalc/ode"
)

var methods = []ode.Method{ode.Euler, ode.Heun, ode.RK4}

// sinNet is the nonlinear system dx/dt = sin(W x) − x/10 with θ = W.
type sinNet struct{}

func (sinNet) Func(dst *mat.VecDense, x mat.Vector, w mat.Matrix) {
	dst.MulVec(w, x)
	for i := 0; i < dst.Len(); i++ {
		dst.SetVec(i, math.Sin(dst.AtVec(i))-x.AtVec(i)/10)
	}
}

func (sinNet) JVP(dst *mat.VecDense, x mat.Vector, w mat.Matrix, dx mat.Vector, dW mat.Matrix) {
	var z, dz mat.VecDense
	z.MulVec(w, x)
	dz.MulVec(w, dx)
	if dW != nil {
		var t mat.VecDense
		t.MulVec(dW, x)
		dz.AddVec(&dz, &t)
	}

	for i := 0; i < x.Len(); i++ {
		dst.SetVec(i, math.Cos(z.AtVec(i))*dz.AtVec(i)-dx.AtVec(i)/10)
	}
}

func (sinNet) VJP(xBar *mat.VecDense, wBar *mat.Dense, x mat.Vector, w mat.Matrix, v mat.Vector) {
	var z mat.VecDense
	z.MulVec(w, x)
	u := mat.NewVecDense(x.Len(), nil)
	for i := 0; i < x.Len(); i++ {
		u.SetVec(i, math.Cos(z.AtVec(i))*v.AtVec(i))
	}
	xBar.MulVec(w.T(), u)
	xBar.AddScaledVec(xBar, -0.1, v)
	var outer mat.Dense
	outer.Outer(1, u, x)
	wBar.Add(wBar, &outer)
}

// dualRHS is f of a System in dual arithmetic, for the oracle.
type dualRHS func(x []dual.Number, theta *dual.Matrix) []dual.Number

func dualLinear(x []dual.Number, a *dual.Matrix) []dual.Number {
	n := len(x)
	out := make([]dual.Number, n)
	for i := 0; i < n; i++ {
		s := dual.New(0)
		for j := 0; j < n; j++ {
			s = s.Add(a.At(i, j).Mul(x[j]))
		}
		out[i] = s
	}
	return out
}

func dualSinNet(x []dual.Number, w *dual.Matrix) []dual.Number {
	z := dualLinear(x, w)
	for i := range z {
		z[i] = z[i].Sin().Sub(x[i].Scale(0.1))
	}
	return z
}

// dualSolve runs method m in dual arithmetic: an exact forward-mode oracle
// for the derivative of x_N, independent of the tangent and adjoint code.
func dualSolve(f dualRHS, m ode.Method, theta *dual.Matrix, x0 []dual.Number, t float64, steps int) []dual.Number {
	h := t / float64(steps)
	s, n := m.Stages(), len(x0)
	x := append([]dual.Number(nil), x0...)
	for step := 0; step < steps; step++ {
		k := make([][]dual.Number, s)
		for i := 0; i < s; i++ {
			y := append([]dual.Number(nil), x...)
			for j := 0; j < i; j++ {
				for p := 0; p < n; p++ {
					y[p] = y[p].Add(k[j][p].Scale(h * m.A[i][j]))
				}
			}
			k[i] = f(y, theta)
		}
		for i := 0; i < s; i++ {
			for p := 0; p < n; p++ {
				x[p] = x[p].Add(k[i][p].Scale(h * m.B[i]))
			}
		}
	}
	return x
}

type problem struct {
	name  string
	sys   ode.System
	dual  dualRHS
	theta *mat.Dense
	x0    *mat.VecDense
	t     float64
	steps int
}

func problems(rnd *rand.Rand) []problem {
	n := 4
	a := check.Gaussian(rnd, n, n)
	a.Scale(0.5, a)
	w := check.Gaussian(rnd, n, n)
	x0 := mat.NewVecDense(n, nil)
	for i := 0; i < n; i++ {
		x0.SetVec(i, rnd.NormFloat64())
	}
	steps := 20
	if testing.Short() {
		steps = 6
	}
	return []problem{
		{"linear", ode.Linear{}, dualLinear, a, x0, 1, steps},
		{"sinNet", sinNet{}, dualSinNet, w, x0, 1.5, steps},
	}
}

func solve(t *testing.T, p problem, m ode.Method, theta mat.Matrix, x0 mat.Vector) *ode.Solution {
	t.Helper()
	var s ode.Solution
	if err := s.Solve(p.sys, m, theta, x0, p.t, p.steps); err != nil {
		t.Fatal(err)
	}
	return &s
}

func asCol(v *mat.VecDense) *mat.Dense {
	return mat.NewDense(v.Len(), 1, append([]float64(nil), v.RawVector().Data...))
}

// TestDerivatives checks the JVP and VJP of x_N with respect to θ and x0
// against finite differences, each other (the adjoint identity) and dual
// numbers.
func TestDerivatives(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	for _, p := range problems(rnd) {
		for _, m := range methods {
			s := solve(t, p, m, p.theta, p.x0)
			n := p.x0.Len()
			r, c := p.theta.Dims()
			dTheta := check.Direction(rnd, r, c)
			dx0 := check.Direction(rnd, n, 1)
			yBar := check.Direction(rnd, n, 1)
			name := p.name + "/" + m.Name

			// θ ↦ x_N as an n×1 matrix, and its JVP and VJP.
			fTheta := func(dst *mat.Dense, th mat.Matrix) {
				var xN mat.VecDense
				solve(t, p, m, th, p.x0).Final(&xN)
				dst.CloneFrom(asCol(&xN))
			}
			jvpTheta := func(dst *mat.Dense, d mat.Matrix) {
				var v mat.VecDense
				s.JVP(&v, mat.NewVecDense(n, nil), d)
				dst.CloneFrom(asCol(&v))
			}
			vjpTheta := func(dst *mat.Dense, yb mat.Matrix) {
				var g mat.Dense
				s.VJP(nil, &g, yb.(*mat.Dense).ColView(0))
				dst.CloneFrom(&g)
			}
			if res := check.JVP(fTheta, jvpTheta, p.theta, dTheta, nil); !res.Pass {
				t.Errorf("%s: JVP in θ: %v", name, res)
			}
			if res := check.Adjoint(jvpTheta, vjpTheta, dTheta, yBar, nil); !res.Pass {
				t.Errorf("%s: adjoint in θ: %v", name, res)
			}

			// x0 ↦ x_N.
			fX0 := func(dst *mat.Dense, x mat.Matrix) {
				var xN mat.VecDense
				solve(t, p, m, p.theta, x.(*mat.Dense).ColView(0)).Final(&xN)
				dst.CloneFrom(asCol(&xN))
			}
			jvpX0 := func(dst *mat.Dense, d mat.Matrix) {
				var v mat.VecDense
				s.JVP(&v, d.(*mat.Dense).ColView(0), nil)
				dst.CloneFrom(asCol(&v))
			}
			vjpX0 := func(dst *mat.Dense, yb mat.Matrix) {
				var g mat.VecDense
				s.VJP(&g, nil, yb.(*mat.Dense).ColView(0))
				dst.CloneFrom(asCol(&g))
			}
			if res := check.JVP(fX0, jvpX0, asCol(p.x0), dx0, nil); !res.Pass {
				t.Errorf("%s: JVP in x0: %v", name, res)
			}
			if res := check.VJP(fX0, vjpX0, asCol(p.x0), yBar, nil); !res.Pass {
				t.Errorf("%s: VJP in x0: %v", name, res)
			}
			if res := check.Adjoint(jvpX0, vjpX0, dx0, yBar, nil); !res.Pass {
				t.Errorf("%s: adjoint in x0: %v", name, res)
			}

			// Dual numbers: <ȳ, x_N'[dθ, dx0]> against <θ̄, dθ> + <x̄0, dx0>.
			x0d := make([]dual.Number, n)
			for i := range x0d {
				x0d[i] = dual.New(p.x0.AtVec(i), dx0.At(i, 0))
			}
			xN := dualSolve(p.dual, m, dual.NewMatrix(p.theta, dTheta), x0d, p.t, p.steps)
			var want float64
			for i := range xN {
				want += yBar.At(i, 0) * xN[i].Eps[0]
			}
			var x0Bar mat.VecDense
			var thetaBar mat.Dense
			s.VJP(&x0Bar, &thetaBar, yBar.ColView(0))
			got := check.Inner(&thetaBar, dTheta) + mat.Dot(&x0Bar, dx0.ColView(0))
			if math.Abs(got-want) > 1e-12*(1+math.Abs(want)) {
				t.Errorf("%s: VJP·dir = %.17g, dual numbers give %.17g", name, got, want)
			}
			var fin mat.VecDense
			s.Final(&fin)
			for i := range xN {
				if d := math.Abs(fin.AtVec(i) - xN[i].Re); d > 1e-13*(1+math.Abs(xN[i].Re)) {
					t.Errorf("%s: x_N[%d] = %g, dual real part %g", name, i, fin.AtVec(i), xN[i].Re)
				}
			}
		}
	}
}

// TestLinearClosedForm checks x_N of dx/dt = A x against the matrix
// polynomial of the method, (I + hA)^N x0 for Euler and
// (I + hA + (hA)²/2 + (hA)³/6 + (hA)⁴/24)^N x0 for RK4, and, for small h,
// the exact solution e^{TA} x0 and the exact gradient e^{TAᵀ} c of
// <c, x(T)> with respect to x0.
func TestLinearClosedForm(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	n, T := 5, 0.8
	a := check.Gaussian(rnd, n, n)
	x0 := mat.NewVecDense(n, nil)
	c := mat.NewVecDense(n, nil)
	for i := 0; i < n; i++ {
		x0.SetVec(i, rnd.NormFloat64())
		c.SetVec(i, rnd.NormFloat64())
	}
	const steps = 16
	h := T / steps
	var ha mat.Dense
	ha.Scale(h, a)
	for _, tc := range []struct {
		m     ode.Method
		coeff []float64 // Taylor coefficients of the stability polynomial
	}{
		{ode.Euler, []float64{1, 1}},
		{ode.Heun, []float64{1, 1, 0.5}},
		{ode.RK4, []float64{1, 1, 0.5, 1.0 / 6, 1.0 / 24}},
	} {
		// M = Σ coeff[k] (hA)^k.
		var m, pow mat.Dense
		m.Scale(0, &ha)
		pow.CloneFrom(eye(n))
		for k, ck := range tc.coeff {
			if k > 0 {
				pow.Mul(&pow, &ha)
			}
			var t mat.Dense
			t.Scale(ck, &pow)
			m.Add(&m, &t)
		}
		var mN mat.Dense
		mN.Pow(&m, steps)
		var want mat.VecDense
		want.MulVec(&mN, x0)
		var s ode.Solution
		if err := s.Solve(ode.Linear{}, tc.m, a, x0, T, steps); err != nil {
			t.Fatal(err)
		}
		var got mat.VecDense
		s.Final(&got)
		if !mat.EqualApprox(&got, &want, 1e-12*mat.Norm(&want, 2)) {
			t.Errorf("%s: x_N = %v, want M^N x0 = %v", tc.m.Name, mat.Formatted(got.T()), mat.Formatted(want.T()))
		}
		// The gradient of <c, x_N> in x0 is (M^N)ᵀ c.
		var g, wantG mat.VecDense
		s.VJP(&g, nil, c)
		wantG.MulVec(mN.T(), c)
		if !mat.EqualApprox(&g, &wantG, 1e-12*mat.Norm(&wantG, 2)) {
			t.Errorf("%s: x̄0 = %v, want (M^N)ᵀ c = %v", tc.m.Name, mat.Formatted(g.T()), mat.Formatted(wantG.T()))
		}
	}

	// RK4 with a fine step approaches the exact flow: error O(h⁴).
	var s ode.Solution
	if err := s.Solve(ode.Linear{}, ode.RK4, a, x0, T, 200); err != nil {
		t.Fatal(err)
	}
	var ta, e mat.Dense
	ta.Scale(T, a)
	e.Exp(&ta)
	var want, got, g, wantG mat.VecDense
	want.MulVec(&e, x0)
	s.Final(&got)
	if !mat.EqualApprox(&got, &want, 1e-8*mat.Norm(&want, 2)) {
		t.Errorf("RK4: x_N = %v, want e^{TA} x0 = %v", mat.Formatted(got.T()), mat.Formatted(want.T()))
	}
	s.VJP(&g, nil, c)
	wantG.MulVec(e.T(), c)
	if !mat.EqualApprox(&g, &wantG, 1e-8*mat.Norm(&wantG, 2)) {
		t.Errorf("RK4: x̄0 = %v, want e^{TAᵀ} c = %v", mat.Formatted(g.T()), mat.Formatted(wantG.T()))
	}
}

func eye(n int) *mat.Dense {
	m := mat.NewDense(n, n, nil)
	for i := 0; i < n; i++ {
		m.Set(i, i, 1)
	}
	return m
}

func TestErrors(t *testing.T) {
	a := mat.NewDense(2, 2, []float64{1, 0, 0, 1})
	var s ode.Solution
	err := s.Solve(ode.Linear{}, ode.RK4, a, mat.NewVecDense(2, []float64{math.NaN(), 0}), 1, 4)
	if !errors.Is(err, matcalc.ErrNaN) {
		t.Errorf("NaN x0: err = %v, want ErrNaN", err)
	}
	big := mat.NewDense(2, 2, []float64{5000, 0, 0, 5000})
	err = s.Solve(ode.Linear{}, ode.Euler, big, mat.NewVecDense(2, []float64{1, 1}), 1, 1000)
	var e *matcalc.Error
	if !errors.Is(err, matcalc.ErrOverflow) || !errors.As(err, &e) {
		t.Errorf("overflow: err = %v, want a *matcalc.Error matching ErrOverflow", err)
	}
	mustPanic(t, "Final after failure", func() {
		var v mat.VecDense
		s.Final(&v)
	})
	mustPanic(t, "zero steps", func() {
		_ = s.Solve(ode.Linear{}, ode.RK4, a, mat.NewVecDense(2, nil), 1, 0)
	})
	mustPanic(t, "implicit tableau", func() {
		m := ode.Method{Name: "implicit", A: [][]float64{{1}}, B: []float64{1}}
		_ = s.Solve(ode.Linear{}, m, a, mat.NewVecDense(2, nil), 1, 2)
	})
	if err := s.Solve(ode.Linear{}, ode.RK4, a, mat.NewVecDense(2, []float64{1, 2}), 1, 2); err != nil {
		t.Fatal(err)
	}
	mustPanic(t, "JVP dx0 length", func() {
		var v mat.VecDense
		s.JVP(&v, mat.NewVecDense(3, nil), nil)
	})
	mustPanic(t, "VJP thetaBar shape", func() {
		s.VJP(nil, mat.NewDense(3, 3, nil), mat.NewVecDense(2, nil))
	})
}

func mustPanic(t *testing.T, name string, f func()) {
	t.Helper()
	defer func() {
		if recover() == nil {
			t.Errorf("%s: no panic", name)
		}
	}()
	f()
}
