package check_test

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/check"
)

// conditions are the inputs every pass/fail test runs on: well and
// moderately ill-conditioned.
var conditions = []struct {
	name string
	cond float64
}{
	{"well", 10},
	{"cond1e6", 1e6},
}

func sizes() []int {
	if testing.Short() {
		return []int{1, 3, 5}
	}
	return []int{1, 3, 5, 8}
}

// formulas are the finite-difference formulas every pass/fail test runs
// with.
var formulas = []struct {
	name string
	opts *check.Options
}{
	{"richardson", nil},
	{"central", &check.Options{Formula: fd.Central}},
	{"forward", &check.Options{Formula: fd.Forward}},
}

// expect fails t unless r.Pass is pass.
func expect(t *testing.T, what string, r check.Result, pass bool) {
	t.Helper()
	if r.Pass != pass {
		t.Errorf("%s: got Pass = %v, want %v:\n%v", what, r.Pass, pass, r)
	}
}

func TestJVPPassesRightAndFailsWrong(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 1))
	for _, c := range conditions {
		for _, n := range sizes() {
			for _, f := range formulas {
				a := conditioned(rnd, n, c.cond)
				dA := check.Direction(rnd, n, n)
				what := func(s string) string { return c.name + "/" + f.name + "/" + s }
				expect(t, what("square"), check.JVP(square, squareJVP(a), a, dA, f.opts), true)
				expect(t, what("square missing term"), check.JVP(square, squareJVPMissing(a), a, dA, f.opts), false)
				expect(t, what("inverse"), check.JVP(inverse, inverseJVP(a), a, dA, f.opts), true)
				expect(t, what("inverse wrong sign"), check.JVP(inverse, inverseJVPWrongSign(a), a, dA, f.opts), false)
				expect(t, what("logdet"), check.Directional(logAbsDet, logAbsDetJVP(a), a, dA, f.opts), true)
				wrong := func(dA mat.Matrix) float64 { return -logAbsDetJVP(a)(dA) }
				expect(t, what("logdet wrong sign"), check.Directional(logAbsDet, wrong, a, dA, f.opts), false)
			}
		}
	}
}

func TestVJPPassesRightAndFailsWrong(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	for _, c := range conditions {
		for _, n := range sizes() {
			a := conditioned(rnd, n, c.cond)
			yBar := check.Direction(rnd, n, n)
			what := func(s string) string { return c.name + "/" + s }
			expect(t, what("square"), check.VJP(square, squareVJP(a), a, yBar, nil), true)
			expect(t, what("inverse"), check.VJP(inverse, inverseVJP(a), a, yBar, nil), true)
			expect(t, what("logdet"), check.Gradient(logAbsDet, logAbsDetGrad(a), a, nil), true)
			expect(t, what("det"), check.Gradient(det, detGrad(a), a, nil), true)
			if n == 1 {
				continue // a transposed 1×1 gradient is right
			}
			expect(t, what("square transposed"), check.VJP(square, squareVJPTransposed(a), a, yBar, nil), false)
			expect(t, what("inverse transposed"), check.VJP(inverse, inverseVJPTransposed(a), a, yBar, nil), false)
			expect(t, what("logdet transposed"), check.Gradient(logAbsDet, logAbsDetGradTransposed(a), a, nil), false)
		}
	}
}

func TestAdjoint(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 3))
	for _, c := range conditions {
		for _, n := range append(sizes(), 30) {
			a := conditioned(rnd, n, c.cond)
			dA := check.Direction(rnd, n, n)
			yBar := check.Direction(rnd, n, n)
			what := func(s string) string { return c.name + "/" + s }
			expect(t, what("square"), check.Adjoint(squareJVP(a), squareVJP(a), dA, yBar, nil), true)
			expect(t, what("inverse"), check.Adjoint(inverseJVP(a), inverseVJP(a), dA, yBar, nil), true)
			expect(t, what("inverse wrong sign"), check.Adjoint(inverseJVPWrongSign(a), inverseVJP(a), dA, yBar, nil), false)
			expect(t, what("square missing term"), check.Adjoint(squareJVPMissing(a), squareVJP(a), dA, yBar, nil), false)
			if n == 1 {
				continue
			}
			expect(t, what("square transposed"), check.Adjoint(squareJVP(a), squareVJPTransposed(a), dA, yBar, nil), false)
			expect(t, what("inverse transposed"), check.Adjoint(inverseJVP(a), inverseVJPTransposed(a), dA, yBar, nil), false)
		}
	}
}

// TestSymmetric checks that a symmetric input stays symmetric: f sees
// *mat.SymDense points (the Cholesky below needs them) and the gradient is
// compared through its symmetric part.
func TestSymmetric(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 4))
	logDetSPD := func(a mat.Matrix) float64 {
		var ch mat.Cholesky
		if !ch.Factorize(a.(mat.Symmetric)) {
			return math.NaN() // the search steps beyond the SPD cone
		}
		return ch.LogDet()
	}
	for _, n := range sizes() {
		a := check.SPD(rnd, n, 100)
		grad := func(dst *mat.Dense) { inverse(dst, a) }
		expect(t, "logdet SPD", check.Gradient(logDetSPD, grad, a, nil), true)
		// The gradient on the stored upper triangle (2A⁻¹ off the diagonal
		// and zero below it), as some AD systems return: its symmetric part
		// is right, so it passes.
		upper := func(dst *mat.Dense) {
			inverse(dst, a)
			for i := 0; i < n; i++ {
				for j := 0; j < n; j++ {
					switch {
					case j > i:
						dst.Set(i, j, 2*dst.At(i, j))
					case j < i:
						dst.Set(i, j, 0)
					}
				}
			}
		}
		expect(t, "logdet SPD upper triangle", check.Gradient(logDetSPD, upper, a, nil), true)
		wrong := func(dst *mat.Dense) {
			inverse(dst, a)
			dst.Scale(-1, dst)
		}
		expect(t, "logdet SPD wrong sign", check.Gradient(logDetSPD, wrong, a, nil), false)
		if n > 1 {
			// Twice the upper triangle without halving: wrong.
			double := func(dst *mat.Dense) {
				upper(dst)
				dst.Scale(2, dst)
				for i := 0; i < n; i++ {
					dst.Set(i, i, dst.At(i, i)/2)
				}
			}
			expect(t, "logdet SPD doubled off-diagonal", check.Gradient(logDetSPD, double, a, nil), false)
		}

		yBar := check.Symmetric(rnd, n)
		sq := func(dst *mat.Dense, x mat.Matrix) {
			if _, ok := x.(mat.Symmetric); !ok {
				t.Fatalf("f got a %T, want a mat.Symmetric", x)
			}
			square(dst, x)
		}
		expect(t, "square SPD", check.VJP(sq, squareVJP(a), a, yBar, nil), true)
		expect(t, "square SPD JVP", check.JVP(sq, squareJVP(a), a, check.Symmetric(rnd, n), nil), true)
	}
}

// TestZeroDerivative checks a derivative that is exactly zero: F(A) = A − A
// has JVP 0, and a JVP of the size of F's rounding passes while a wrong one
// fails.
func TestZeroDerivative(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 5))
	a := check.Gaussian(rnd, 4, 4)
	dA := check.Direction(rnd, 4, 4)
	f := func(dst *mat.Dense, x mat.Matrix) {
		var e mat.Dense
		e.Exp(x)
		dst.Sub(&e, &e)
	}
	zero := func(dst *mat.Dense, dA mat.Matrix) { dst.ReuseAs(4, 4); dst.Zero() }
	expect(t, "zero", check.JVP(f, zero, a, dA, nil), true)
	expect(t, "nonzero", check.JVP(f, func(dst *mat.Dense, dA mat.Matrix) { dst.CloneFrom(dA) }, a, dA, nil), false)

	// Exp plus a rounding-size constant: the derivative is exp's.
	g := func(dst *mat.Dense, x mat.Matrix) { dst.Scale(0, x) }
	expect(t, "constant", check.JVP(g, zero, a, dA, nil), true)
}

// TestFailureNamesEntries checks that a derivative wrong in one entry fails
// and that the Result names that entry first.
func TestFailureNamesEntries(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 6))
	a := check.Conditioned(rnd, 5, 10)
	dA := check.Direction(rnd, 5, 5)
	right := inverseJVP(a)
	wrong := func(dst *mat.Dense, dA mat.Matrix) {
		right(dst, dA)
		dst.Set(2, 1, dst.At(2, 1)+1e-5*maxAbs(dst))
	}
	r := check.JVP(inverse, wrong, a, dA, nil)
	if r.Pass {
		t.Fatalf("a JVP wrong by 1e-5 in one entry passed:\n%v", r)
	}
	if len(r.Worst) == 0 || r.Worst[0].Row != 2 || r.Worst[0].Col != 1 {
		t.Errorf("worst entry: got %v, want (2,1)", r.Worst)
	}
	if s := r.String(); !strings.Contains(s, "FAIL") || !strings.Contains(s, "(2,1): got") {
		t.Errorf("String does not name the entry:\n%s", s)
	}
	if r := check.JVP(inverse, right, a, dA, nil); !strings.Contains(r.String(), ": ok:") {
		t.Errorf("String of a pass: %s", r)
	}
}

// TestOptions checks a fixed step, a fixed tolerance and MaxRefErr.
func TestOptions(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 7))
	a := check.Conditioned(rnd, 4, 10)
	dA := check.Direction(rnd, 4, 4)
	r := check.JVP(inverse, inverseJVP(a), a, dA, &check.Options{Formula: fd.Central, Step: 1e-5})
	if !r.Pass || r.Step != 1e-5 {
		t.Errorf("fixed step: %v", r)
	}
	// A step far too large: the reference disagrees with itself, and the
	// check says so instead of passing or blaming the derivative.
	r = check.JVP(inverse, inverseJVP(a), a, dA, &check.Options{Formula: fd.Forward, Step: 0.3})
	if r.Pass || !strings.Contains(r.Note, "inconclusive") {
		t.Errorf("huge step: %v", r)
	}
	r = check.JVP(inverse, inverseJVPWrongSign(a), a, dA, &check.Options{Tol: 10})
	if !r.Pass || r.Tol != 10 {
		t.Errorf("fixed tolerance 10: %v", r)
	}
	r = check.JVP(inverse, inverseJVP(a), a, dA, &check.Options{MaxRefErr: 1e-300})
	if r.Pass || !strings.Contains(r.Note, "inconclusive") {
		t.Errorf("MaxRefErr 1e-300: %v", r)
	}
	r = check.JVP(inverse, inverseJVPWrongSign(a), a, dA, &check.Options{Worst: 2})
	if len(r.Worst) != 2 {
		t.Errorf("Worst: 2 gave %d entries", len(r.Worst))
	}
}

// TestDerivativeMatchesGonum checks the stencil arithmetic against
// gonum's fd.Derivative on a scalar function at the same absolute step.
func TestDerivativeMatchesGonum(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 8))
	a := check.Gaussian(rnd, 3, 3)
	dA := check.Direction(rnd, 3, 3)
	f := check.Scalar(func(x mat.Matrix) float64 { return math.Sin(mat.Sum(x)) * mat.Norm(x, 2) })
	// The check's relative step h is the absolute step h·rms(a)/rms(dA).
	rms := func(m mat.Matrix) float64 { return mat.Norm(m, 2) / 3 }
	for _, formula := range []fd.Formula{fd.Forward, fd.Central, check.Richardson} {
		const h = 1e-4
		var got mat.Dense
		check.Derivative(&got, f.Func(), a, dA, &check.Options{Formula: formula, Step: h})
		g := func(t float64) float64 {
			var x mat.Dense
			x.Scale(t, dA)
			x.Add(a, &x)
			return f(&x)
		}
		want := fd.Derivative(g, 0, &fd.Settings{Formula: formula, Step: h * rms(a) / rms(dA)})
		if d := math.Abs(got.At(0, 0) - want); d > 1e-10*math.Abs(want) {
			t.Errorf("%v: check.Derivative %v, fd.Derivative %v", formula.Stencil, got.At(0, 0), want)
		}
	}
}

func TestPanics(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 9))
	a := check.Gaussian(rnd, 3, 3)
	for _, c := range []struct {
		name, want string
		f          func()
	}{
		{"JVP shapes", "check.JVP: a is 3×3, dA is 2×3", func() {
			check.JVP(square, squareJVP(a), a, check.Gaussian(rnd, 2, 3), nil)
		}},
		{"VJP shapes", "check.VJP: yBar is 3×2", func() {
			check.VJP(square, squareVJP(a), a, check.Gaussian(rnd, 3, 2), nil)
		}},
		{"Adjoint shapes", "check.Adjoint: jvp(dA) is 3×3, yBar is 2×2", func() {
			check.Adjoint(squareJVP(a), squareVJP(a), a, check.Gaussian(rnd, 2, 2), nil)
		}},
		{"Inner", "check.Inner: x is 3×3, y is 3×1", func() { check.Inner(a, mat.NewDense(3, 1, nil)) }},
		{"Formula", "first-derivative", func() {
			check.JVP(square, squareJVP(a), a, a, &check.Options{Formula: fd.Central2nd})
		}},
	} {
		func() {
			defer func() {
				r := recover()
				if s, _ := r.(string); !strings.Contains(s, c.want) {
					t.Errorf("%s: panic %v, want one containing %q", c.name, r, c.want)
				}
			}()
			c.f()
		}()
	}
}

// TestScale checks that the verdicts do not depend on the scale of a: the
// steps are relative.
func TestScale(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 10))
	for _, s := range []float64{1e-100, 1e-10, 1, 1e10, 1e100} {
		a := check.Conditioned(rnd, 4, 100)
		a.Scale(s, a)
		dA := check.Direction(rnd, 4, 4)
		expect(t, "inverse", check.JVP(inverse, inverseJVP(a), a, dA, nil), true)
		expect(t, "inverse wrong sign", check.JVP(inverse, inverseJVPWrongSign(a), a, dA, nil), false)
		expect(t, "inverse VJP", check.VJP(inverse, inverseVJP(a), a, dA, nil), true)
		expect(t, "inverse VJP transposed", check.VJP(inverse, inverseVJPTransposed(a), a, dA, nil), false)
	}
	// log|det| of I/500000 (pytorch#18448): gradient 5e5·I.
	n := 64
	if testing.Short() {
		n = 16
	}
	a := eye(n)
	a.Scale(1.0/500000, a)
	grad := func(dst *mat.Dense) { dst.Scale(500000, eye(n)) }
	expect(t, "logdet I/5e5", check.Directional(logAbsDet, func(dA mat.Matrix) float64 { return check.Inner(grad2(grad), dA) }, a, check.Direction(rnd, n, n), nil), true)
}

func grad2(g func(*mat.Dense)) *mat.Dense {
	var d mat.Dense
	g(&d)
	return &d
}

// TestExp checks the JVP of the matrix exponential from the block identity
// exp([[A, E],[0, A]]) = [[e^A, L(A, E)],[0, e^A]] against the check, and a
// JVP that treats A and E as commuting (e^A·E), which is wrong.
func TestExp(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 11))
	expm := func(dst *mat.Dense, a mat.Matrix) { dst.Exp(a) }
	for _, n := range sizes()[1:] {
		a := check.Gaussian(rnd, n, n)
		e := check.Direction(rnd, n, n)
		jvp := func(dst *mat.Dense, e mat.Matrix) {
			m := mat.NewDense(2*n, 2*n, nil)
			m.Slice(0, n, 0, n).(*mat.Dense).Copy(a)
			m.Slice(0, n, n, 2*n).(*mat.Dense).Copy(e)
			m.Slice(n, 2*n, n, 2*n).(*mat.Dense).Copy(a)
			var x mat.Dense
			x.Exp(m)
			dst.CloneFrom(x.Slice(0, n, n, 2*n))
		}
		commuting := func(dst *mat.Dense, e mat.Matrix) {
			var x mat.Dense
			x.Exp(a)
			dst.Mul(&x, e)
		}
		expect(t, "exp", check.JVP(expm, jvp, a, e, nil), true)
		expect(t, "exp commuting", check.JVP(expm, commuting, a, e, nil), false)
	}
}

// conditioned is check.Conditioned, with condition number 1 at n = 1 (the
// only one a 1×1 matrix has).
func conditioned(rnd *rand.Rand, n int, cond float64) *mat.Dense {
	if n == 1 {
		cond = 1
	}
	return check.Conditioned(rnd, n, cond)
}
