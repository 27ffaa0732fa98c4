package newton_test

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc"
	"github.com/matcalc/matcalc/check"
	"github.com/matcalc/matcalc/newton"
)

// circleHyperbola is x² + y² = 4, xy = 1, whose root in the first quadrant
// with x > y is ((√6+√2)/2, (√6−√2)/2).
func circleHyperbola() newton.System {
	return newton.System{
		F: func(dst *mat.VecDense, v mat.Vector) {
			x, y := v.AtVec(0), v.AtVec(1)
			dst.SetVec(0, x*x+y*y-4)
			dst.SetVec(1, x*y-1)
		},
		Jacobian: func(dst *mat.Dense, v mat.Vector) {
			x, y := v.AtVec(0), v.AtVec(1)
			dst.Set(0, 0, 2*x)
			dst.Set(0, 1, 2*y)
			dst.Set(1, 0, y)
			dst.Set(1, 1, x)
		},
		JVP: func(dst *mat.VecDense, v, d mat.Vector) {
			x, y := v.AtVec(0), v.AtVec(1)
			dst.SetVec(0, 2*x*d.AtVec(0)+2*y*d.AtVec(1))
			dst.SetVec(1, y*d.AtVec(0)+x*d.AtVec(1))
		},
	}
}

// quadratic reports whether the residuals, once below small, fall at least
// as fast as C·r² for a moderate C: r_{k+1} ≤ C·r_k² + floor.
func quadratic(r []float64, small, c, floor float64) bool {
	for k := 0; k+1 < len(r); k++ {
		if r[k] < small && r[k+1] > c*r[k]*r[k]+floor {
			return false
		}
	}
	return true
}

func TestSolve(t *testing.T) {
	want := []float64{(math.Sqrt(6) + math.Sqrt(2)) / 2, (math.Sqrt(6) - math.Sqrt(2)) / 2}
	for _, mode := range []string{"Jacobian", "JVP"} {
		sys := circleHyperbola()
		if mode == "JVP" {
			sys.Jacobian = nil
		}
		var x mat.VecDense
		res, err := newton.Solve(&x, sys, mat.NewVecDense(2, []float64{2, 0.3}), nil)
		if err != nil {
			t.Fatalf("%s: %v", mode, err)
		}
		for i := range want {
			if math.Abs(x.AtVec(i)-want[i]) > 1e-14 {
				t.Errorf("%s: x[%d] = %.17g, want %.17g", mode, i, x.AtVec(i), want[i])
			}
		}
		if !res.Converged || len(res.Residuals) != res.Iterations+1 || res.Iterations > 8 {
			t.Errorf("%s: result %+v", mode, res)
		}
		if !quadratic(res.Residuals, 0.1, 10, 1e-14) {
			t.Errorf("%s: residuals %v do not converge quadratically", mode, res.Residuals)
		}
		if mode == "JVP" && res.JVPs != 2*res.Iterations {
			t.Errorf("JVPs = %d, want %d", res.JVPs, 2*res.Iterations)
		}
	}
}

// TestSolveMatrixSquare solves X² = A as a system in vec(X) with the
// Jacobian I ⊗ X + Xᵀ ⊗ I built by check.JacobianJVP, against the
// Denman–Beavers square root.
func TestSolveMatrixSquare(t *testing.T) {
	rnd := rand.New(rand.NewPCG(5, 6))
	n := 3
	a := check.SPD(rnd, n, 10)
	sys := newton.System{
		F: func(dst *mat.VecDense, v mat.Vector) {
			var x, x2 mat.Dense
			check.Unvec(&x, n, n, v)
			x2.Mul(&x, &x)
			x2.Sub(&x2, a)
			check.Vec(dst, &x2)
		},
		Jacobian: func(dst *mat.Dense, v mat.Vector) {
			var x mat.Dense
			check.Unvec(&x, n, n, v)
			check.JacobianJVP(dst, func(dst *mat.Dense, dx mat.Matrix) {
				var t mat.Dense
				t.Mul(&x, dx)
				dst.Mul(dx, &x)
				dst.Add(dst, &t)
			}, n, n)
		},
	}
	var x0 mat.VecDense
	check.Vec(&x0, eye(n))
	var v mat.VecDense
	res, err := newton.Solve(&v, sys, &x0, nil)
	if err != nil {
		t.Fatal(err)
	}
	var x, s mat.Dense
	check.Unvec(&x, n, n, &v)
	if _, err := newton.Sqrt(&s, a, nil); err != nil {
		t.Fatal(err)
	}
	if !mat.EqualApprox(&x, &s, 1e-12) {
		t.Errorf("Newton on X² = A: %v, Denman–Beavers: %v", mat.Formatted(&x), mat.Formatted(&s))
	}
	if !quadratic(res.Residuals, 0.1, 10, 1e-13) {
		t.Errorf("residuals %v do not converge quadratically", res.Residuals)
	}
}

func TestSolveErrors(t *testing.T) {
	sys := circleHyperbola()
	var x mat.VecDense
	// At x = y the Jacobian [[2x, 2y], [y, x]] is singular.
	_, err := newton.Solve(&x, sys, mat.NewVecDense(2, []float64{1, 1}), nil)
	var ce *matcalc.ConditionError
	if !errors.Is(err, matcalc.ErrSingular) || !errors.As(err, &ce) {
		t.Errorf("singular Jacobian: err = %v", err)
	}
	// x² + 1 = 0 has no real root.
	noRoot := newton.System{
		F:        func(dst *mat.VecDense, v mat.Vector) { dst.SetVec(0, v.AtVec(0)*v.AtVec(0)+1) },
		Jacobian: func(dst *mat.Dense, v mat.Vector) { dst.Set(0, 0, 2*v.AtVec(0)) },
	}
	var x1 mat.VecDense
	res, err := newton.Solve(&x1, noRoot, mat.NewVecDense(1, []float64{0.5}), &newton.Options{MaxIter: 20})
	if !errors.Is(err, matcalc.ErrNotConverged) || res.Converged || len(res.Residuals) != 21 {
		t.Errorf("no root: err = %v, result %+v", err, res)
	}
	nan := newton.System{
		F:        func(dst *mat.VecDense, v mat.Vector) { dst.SetVec(0, math.Log(v.AtVec(0))) },
		Jacobian: func(dst *mat.Dense, v mat.Vector) { dst.Set(0, 0, 1/v.AtVec(0)) },
	}
	var y mat.VecDense
	_, err = newton.Solve(&y, nan, mat.NewVecDense(1, []float64{-1}), nil)
	if !errors.Is(err, matcalc.ErrNaN) {
		t.Errorf("log(−1): err = %v", err)
	}
	mustPanic(t, "no derivative", func() {
		_, _ = newton.Solve(&y, newton.System{F: sys.F}, mat.NewVecDense(2, nil), nil)
	})
	mustPanic(t, "dst length", func() {
		_, _ = newton.Solve(mat.NewVecDense(3, nil), sys, mat.NewVecDense(2, nil), nil)
	})
}

func TestSqrt(t *testing.T) {
	rnd := rand.New(rand.NewPCG(7, 8))
	// SPD: the oracle is V √Λ Vᵀ from the symmetric eigendecomposition.
	for _, cond := range []float64{1, 1e3, 1e8} {
		n := 6
		a := check.SPD(rnd, n, cond)
		var es mat.EigenSym
		if !es.Factorize(a, true) {
			t.Fatal("EigenSym failed")
		}
		var v mat.Dense
		es.VectorsTo(&v)
		lam := es.Values(nil)
		for i := range lam {
			lam[i] = math.Sqrt(lam[i])
		}
		var want mat.Dense
		want.Product(&v, mat.NewDiagDense(n, lam), v.T())
		var got mat.Dense
		res, err := newton.Sqrt(&got, a, nil)
		if err != nil {
			t.Fatalf("cond %g: %v", cond, err)
		}
		if !mat.EqualApprox(&got, &want, 1e-12*math.Sqrt(cond)) {
			t.Errorf("cond %g: Sqrt = %v, want %v", cond, mat.Formatted(&got), mat.Formatted(&want))
		}
		if !quadratic(res.Residuals, 1e-4, 1e3, 1e-13*cond) {
			t.Errorf("cond %g: residuals %v", cond, res.Residuals)
		}
	}
	// 2×2, not symmetric: √A = (A + sI)/t with s = √det A, t = √(tr A + 2s).
	a := mat.NewDense(2, 2, []float64{4, 1, -2, 3})
	s := math.Sqrt(mat.Det(a))
	tt := math.Sqrt(mat.Trace(a) + 2*s)
	want := mat.NewDense(2, 2, []float64{(4 + s) / tt, 1 / tt, -2 / tt, (3 + s) / tt})
	var got mat.Dense
	if _, err := newton.Sqrt(&got, a, nil); err != nil {
		t.Fatal(err)
	}
	if !mat.EqualApprox(&got, want, 1e-14) {
		t.Errorf("2×2: Sqrt = %v, want %v", mat.Formatted(&got), mat.Formatted(want))
	}
	// A rotation by 90°, eigenvalues ±i: √A is the rotation by 45°.
	rot := mat.NewDense(2, 2, []float64{0, -1, 1, 0})
	if _, err := newton.Sqrt(&got, rot, nil); err != nil {
		t.Fatal(err)
	}
	h := math.Sqrt2 / 2
	if !mat.EqualApprox(&got, mat.NewDense(2, 2, []float64{h, -h, h, h}), 1e-14) {
		t.Errorf("rotation: Sqrt = %v", mat.Formatted(&got))
	}
	// Zero, 1×1.
	if _, err := newton.Sqrt(&got, mat.NewDense(2, 2, nil), nil); err != nil || got.At(0, 0) != 0 {
		t.Errorf("zero: %v, %v", err, mat.Formatted(&got))
	}
	var one mat.Dense
	if _, err := newton.Sqrt(&one, mat.NewDense(1, 1, []float64{9}), nil); err != nil || math.Abs(one.At(0, 0)-3) > 1e-15 {
		t.Errorf("√9 = %v, %v", one.At(0, 0), err)
	}
}

func TestSqrtErrors(t *testing.T) {
	var x mat.Dense
	_, err := newton.Sqrt(&x, mat.NewDense(2, 2, []float64{1, 2, 2, 4}), nil)
	if !errors.Is(err, matcalc.ErrSingular) {
		t.Errorf("singular: err = %v", err)
	}
	_, err = newton.Sqrt(&x, mat.NewDense(2, 2, []float64{-1, 0, 0, -1}), nil)
	if !errors.Is(err, matcalc.ErrNotConverged) {
		t.Errorf("−I: err = %v", err)
	}
	_, err = newton.Sqrt(&x, mat.NewDense(2, 2, []float64{-1, 0, 0, 2}), nil)
	if !errors.Is(err, matcalc.ErrNotConverged) {
		t.Errorf("diag(−1, 2): err = %v", err)
	}
	var y mat.Dense
	_, err = newton.Sqrt(&y, mat.NewDense(1, 1, []float64{math.NaN()}), nil)
	if !errors.Is(err, matcalc.ErrNaN) {
		t.Errorf("NaN: err = %v", err)
	}
	mustPanic(t, "not square", func() { _, _ = newton.Sqrt(&x, mat.NewDense(2, 3, nil), nil) })
}

// logDetProblem is f(X) = tr(S X) − log det X over symmetric positive
// definite X, minimized at X = S⁻¹: ∇f = S − X⁻¹, HVP X⁻¹ V X⁻¹.
func logDetProblem(s mat.Matrix) newton.Problem {
	inv := func(x mat.Matrix) *mat.Dense {
		var xi mat.Dense
		if err := xi.Inverse(x); err != nil {
			panic(err)
		}
		return &xi
	}
	return newton.Problem{
		Func: func(x mat.Matrix) float64 {
			var ch mat.Cholesky
			if !ch.Factorize(symmetrize(x)) {
				return math.Inf(1)
			}
			var sx mat.Dense
			sx.Mul(s, x)
			return mat.Trace(&sx) - ch.LogDet()
		},
		Grad: func(dst *mat.Dense, x mat.Matrix) {
			dst.Sub(s, inv(x))
		},
		HVP: func(dst *mat.Dense, x, v mat.Matrix) {
			xi := inv(x)
			dst.Product(xi, v, xi)
		},
	}
}

func symmetrize(x mat.Matrix) *mat.SymDense {
	n, _ := x.Dims()
	s := mat.NewSymDense(n, nil)
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			s.SetSym(i, j, (x.At(i, j)+x.At(j, i))/2)
		}
	}
	return s
}

func TestMinimize(t *testing.T) {
	rnd := rand.New(rand.NewPCG(9, 10))
	n := 5
	s := check.SPD(rnd, n, 20)
	p := logDetProblem(s)
	// The HVP of the problem is right: a check of the test itself.
	x1 := check.SPD(rnd, n, 3)
	dir := check.Direction(rnd, n, n)
	grad := func(dst *mat.Dense, x mat.Matrix) { p.Grad(dst, x) }
	hvp := func(dst *mat.Dense, v mat.Matrix) { p.HVP(dst, x1, v) }
	if r := check.JVP(grad, hvp, mat.DenseCopyOf(x1), dir, nil); !r.Pass {
		t.Fatalf("the test's HVP: %v", r)
	}

	var x mat.Dense
	res, err := newton.Minimize(&x, p, eye(n), nil)
	if err != nil {
		t.Fatal(err)
	}
	var want mat.Dense
	if err := want.Inverse(s); err != nil {
		t.Fatal(err)
	}
	if !mat.EqualApprox(&x, &want, 1e-10*mat.Norm(&want, 2)) {
		t.Errorf("argmin = %v, want S⁻¹ = %v", mat.Formatted(&x), mat.Formatted(&want))
	}
	if !quadratic(res.Residuals, 0.05, 50, 1e-11) {
		t.Errorf("gradient norms %v do not converge quadratically", res.Residuals)
	}
	if res.HVPs == 0 || res.Iterations == 0 || !res.Converged {
		t.Errorf("result %+v", res)
	}

	// Rosenbrock, as a 2×1 matrix, from the classic start (−1.2, 1).
	rosen := newton.Problem{
		Func: func(x mat.Matrix) float64 {
			a, b := x.At(0, 0), x.At(1, 0)
			return (1-a)*(1-a) + 100*(b-a*a)*(b-a*a)
		},
		Grad: func(dst *mat.Dense, x mat.Matrix) {
			a, b := x.At(0, 0), x.At(1, 0)
			if dst.IsEmpty() {
				dst.ReuseAs(2, 1)
			}
			dst.Set(0, 0, -2*(1-a)-400*a*(b-a*a))
			dst.Set(1, 0, 200*(b-a*a))
		},
		HVP: func(dst *mat.Dense, x, v mat.Matrix) {
			a, b := x.At(0, 0), x.At(1, 0)
			h11, h12, h22 := 2-400*(b-a*a)+800*a*a, -400*a, 200.0
			if dst.IsEmpty() {
				dst.ReuseAs(2, 1)
			}
			dst.Set(0, 0, h11*v.At(0, 0)+h12*v.At(1, 0))
			dst.Set(1, 0, h12*v.At(0, 0)+h22*v.At(1, 0))
		},
	}
	var xr mat.Dense
	res, err = newton.Minimize(&xr, rosen, mat.NewDense(2, 1, []float64{-1.2, 1}), nil)
	if err != nil {
		t.Fatal(err, res.Residuals, mat.Formatted(&xr))
	}
	if math.Abs(xr.At(0, 0)-1) > 1e-10 || math.Abs(xr.At(1, 0)-1) > 1e-10 {
		t.Errorf("Rosenbrock: argmin %v after %d steps", mat.Formatted(xr.T()), res.Iterations)
	}
	if res.Iterations > 40 || !quadratic(res.Residuals, 1e-2, 1e3, 1e-12) {
		t.Errorf("Rosenbrock: gradient norms %v", res.Residuals)
	}
}

func TestMinimizeErrors(t *testing.T) {
	p := logDetProblem(eye(2))
	var x mat.Dense
	_, err := newton.Minimize(&x, p, mat.NewDense(2, 2, []float64{-1, 0, 0, 1}), nil)
	if !errors.Is(err, matcalc.ErrNaN) {
		t.Errorf("infeasible start: err = %v", err)
	}
	_, err = newton.Minimize(&x, logDetProblem(check.SPD(rand.New(rand.NewPCG(1, 1)), 2, 1e3)), eye(2), &newton.Options{MaxIter: 1})
	if !errors.Is(err, matcalc.ErrNotConverged) {
		t.Errorf("one step: err = %v", err)
	}
	mustPanic(t, "no HVP", func() { _, _ = newton.Minimize(&x, newton.Problem{Grad: p.Grad}, eye(2), nil) })
}

func TestCG(t *testing.T) {
	rnd := rand.New(rand.NewPCG(11, 12))
	n := 8
	a := check.SPD(rnd, n, 100)
	b := check.Gaussian(rnd, n, 2)
	var x, want mat.Dense
	it, err := newton.CG(&x, func(dst *mat.Dense, v mat.Matrix) { dst.Mul(a, v) }, b, 1e-13, 100)
	if err != nil {
		t.Fatal(err)
	}
	if err := want.Solve(a, b); err != nil {
		t.Fatal(err)
	}
	if !mat.EqualApprox(&x, &want, 1e-10*mat.Norm(&want, 2)) || it == 0 {
		t.Errorf("CG = %v, want %v", mat.Formatted(&x), mat.Formatted(&want))
	}
	indef := mat.NewDiagDense(2, []float64{1, -1})
	var y mat.Dense
	_, err = newton.CG(&y, func(dst *mat.Dense, v mat.Matrix) { dst.Mul(indef, v) }, mat.NewDense(2, 1, []float64{1, 1}), 1e-12, 10)
	if !errors.Is(err, matcalc.ErrDomain) {
		t.Errorf("indefinite: err = %v", err)
	}
	_, err = newton.CG(&x, func(dst *mat.Dense, v mat.Matrix) { dst.Mul(a, v) }, b, 1e-13, 2)
	if !errors.Is(err, matcalc.ErrNotConverged) {
		t.Errorf("two iterations: err = %v", err)
	}
}

func eye(n int) *mat.Dense {
	m := mat.NewDense(n, n, nil)
	for i := 0; i < n; i++ {
		m.Set(i, i, 1)
	}
	return m
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

// TestMinimizeRoundingLineSearch is a regression test: near the minimizer of
// tr(SX) − log det X the decrease of f along a Newton step (about ‖∇f‖²/2,
// 1e-16 at ‖∇f‖ = 1e-8) is below the rounding of f (eps·|f| ≈ 1e-15), so
// the Armijo test cannot see it. The line search must accept the Newton
// step there rather than halve it, or the convergence stops being quadratic
// (it went 1.49e-8 → 7.43e-9 before the fix).
func TestMinimizeRoundingLineSearch(t *testing.T) {
	s := mat.NewDense(3, 3, []float64{
		4, 1, 0,
		1, 3, 1,
		0, 1, 2,
	})
	p := logDetProblem(s)
	var x mat.Dense
	res, err := newton.Minimize(&x, p, eye(3), &newton.Options{Tol: 1e-12})
	if err != nil {
		t.Fatal(err, res.Residuals)
	}
	r := res.Residuals
	t.Logf("residuals %.3g", r)
	if last := r[len(r)-1]; !(last < 1e-12) || !res.Converged {
		t.Fatalf("‖∇f‖ = %.3g after %d steps, want < 1e-12; residuals %.3g", last, res.Iterations, r)
	}
	// Every step from ‖∇f‖ < 0.1 on must be quadratic: r_{k+1} ≤ C r_k²,
	// with a floor at the rounding of ∇f (about eps·‖S‖ ≈ 1e-15).
	if !quadratic(r, 0.1, 10, 1e-14) {
		t.Errorf("residuals %.3g do not converge quadratically", r)
	}
	if res.Iterations > 12 {
		t.Errorf("%d steps, want at most 12: residuals %.3g", res.Iterations, r)
	}
	var want mat.Dense
	if err := want.Inverse(s); err != nil {
		t.Fatal(err)
	}
	if !mat.EqualApprox(&x, &want, 1e-12) {
		t.Errorf("argmin = %v, want S⁻¹ = %v", mat.Formatted(&x), mat.Formatted(&want))
	}
}
