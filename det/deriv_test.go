package det

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/check"
	"github.com/matcalc/matcalc/check/dual"
)

// fdCases are the matrices the finite-difference and adjoint tests use:
// random of several orders, an ill-conditioned one (HVP on the SVD path),
// and singular ones of rank n−1 and n−2 with the zero pivot in different
// places.
func fdCases() []testCase {
	rng := rand.New(rand.NewPCG(23, 29))
	sizes := []int{1, 2, 3, 4, 5, 9, 24}
	if !testing.Short() {
		sizes = append(sizes, 60)
	}
	var cs []testCase
	for _, n := range sizes {
		cs = append(cs, testCase{"rand/n=" + itoa(n), n, randMat(rng, n)})
	}
	s := []float64{2, 1.5, 1.2, 1, 1e-9, 0.7}
	cs = append(cs,
		testCase{"[[0,1],[0,1]]", 2, []float64{0, 1, 0, 1}},
		testCase{"shift4", 4, shift(4)},
		testCase{"shift7", 7, shift(7)},
		testCase{"rank-2/n=6", 6, intLowRank(rng, 6, 4)},
		testCase{"rank-1/n=4", 4, intLowRank(rng, 4, 1)},
		testCase{"zero/n=5", 5, make([]float64, 25)},
		testCase{"nearsing/n=6", 6, withSingularValues(rng, s)},
		testCase{"hilbert8", 8, hilbert(8)},
	)
	return cs
}

// fdTol bounds the tolerance of the finite-difference checks: check derives
// the tolerance from the estimated error of the differences (four times it,
// floored at 1e-10), and with MaxRefErr = fdTol/4 a reference too
// inaccurate for a tolerance of fdTol fails the check as inconclusive.
const fdTol = 1e-7

var fdOpts = &check.Options{MaxRefErr: fdTol / 4}

// adjTol is the tolerance of the adjoint identities, relative to the
// Cauchy–Schwarz bound |ȳ|·|JVP(E)| + ‖VJP(ȳ)‖‖E‖ ≤ 2‖VJP(ȳ)‖‖E‖.
const adjTol = 5e-13

// detOf, gradOf, logDetOf and logGradOf are det, its gradient, log|det|
// and its gradient as functions for check. They panic on an error, which
// check takes as a point where the function is not defined.
func detOf(x mat.Matrix) float64 { return luOf(x).Det() }

func gradOf(dst *mat.Dense, x mat.Matrix) { luOf(x).Grad(dst) }

func logDetOf(x mat.Matrix) float64 {
	l, _ := luOf(x).LogDet()
	return l
}

func logGradOf(dst *mat.Dense, x mat.Matrix) {
	if err := luOf(x).LogGrad(dst); err != nil {
		panic(err)
	}
}

func luOf(x mat.Matrix) *LU {
	var f LU
	if err := f.Factorize(x); err != nil {
		panic(err)
	}
	return &f
}

// luMaps are the derivatives of an LU as check.Maps: the JVPs of det and
// log|det| into 1×1 matrices, their VJPs from 1×1 cotangents, and their
// HVPs. An error of the log|det| ones fails the test.
type luMaps struct{ jvp, vjp, hvp, logJVP, logVJP, logHVP check.Map }

func mapsOf(t *testing.T, f *LU) luMaps {
	must := func(err error) {
		if err != nil {
			t.Error(err)
		}
	}
	return luMaps{
		jvp: func(dst *mat.Dense, e mat.Matrix) { setScalar(dst, f.JVP(e)) },
		vjp: func(dst *mat.Dense, yBar mat.Matrix) { f.VJP(dst, yBar.At(0, 0)) },
		hvp: func(dst *mat.Dense, e mat.Matrix) { f.HVP(dst, e) },
		logJVP: func(dst *mat.Dense, e mat.Matrix) {
			v, err := f.LogJVP(e)
			must(err)
			setScalar(dst, v)
		},
		logVJP: func(dst *mat.Dense, yBar mat.Matrix) { must(f.LogVJP(dst, yBar.At(0, 0))) },
		logHVP: func(dst *mat.Dense, e mat.Matrix) { must(f.LogHVP(dst, e)) },
	}
}

// setScalar sets dst, empty or 1×1, to the 1×1 matrix [v].
func setScalar(dst *mat.Dense, v float64) {
	if dst.IsEmpty() {
		dst.ReuseAs(1, 1)
	}
	dst.Set(0, 0, v)
}

// checkFD checks the derivative jvp(e) of f at a along e by finite
// differences with check.JVP, whose tolerance is at most fdTol relative to
// the larger of the derivative and scale: where the derivative is exactly
// zero (rank-deficient A) the differences fall towards zero as a power of
// the step without agreeing with 0 to a digit relative to themselves, and
// scale (check.Options.Scale), the natural size of the derivative, is what
// they must come close to zero against.
func checkFD(t *testing.T, name string, f check.Func, jvp check.Map, a, e mat.Matrix, scale float64) {
	t.Helper()
	opts := *fdOpts
	opts.Scale = scale
	if r := check.JVP(f, jvp, a, e, &opts); !r.Pass {
		t.Errorf("%s against finite differences: %v", name, r)
	}
}

// TestFiniteDifferences checks by finite differences (package check,
// Richardson at a searched step) the JVP of det against Det and its HVP
// against Grad, and where log|det| is smooth enough for differences
// (κ ≤ 1e8) the same for LogJVP and LogHVP, with checkFD. The scale of a
// zero JVP is (‖A‖_F + 1)^(n−1), that of a zero HVP (‖A‖_F + 1)^(n−2): the
// sizes of the derivatives at a generic matrix of that norm along the unit
// direction E.
func TestFiniteDifferences(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 37))
	for _, c := range fdCases() {
		n := c.n
		a, e := dense(n, c.a), check.Direction(rng, n, n)
		f := mustLU(t, n, c.a)
		m := mapsOf(t, f)
		size := mat.Norm(a, 2) + 1
		checkFD(t, c.name+": JVP", check.Scalar(detOf).Func(), m.jvp, a, e, math.Pow(size, float64(n-1)))
		checkFD(t, c.name+": HVP", gradOf, m.hvp, a, e, math.Pow(size, float64(n-2)))
		if f.Cond() > 1e8 {
			continue // log|det| has derivatives of size κ^k: differences are meaningless
		}
		checkFD(t, c.name+": LogJVP", check.Scalar(logDetOf).Func(), m.logJVP, a, e, 1)
		checkFD(t, c.name+": LogHVP", logGradOf, m.logHVP, a, e, 1)
	}
}

// The adjoint identity ȳ·JVP(E) = <VJP(ȳ), E>, and the symmetry of the
// Hessian <F, HVP(E)> = <E, HVP(F)> (the adjoint identity of the second
// derivative), for det and log|det|, with check.Adjoint at the tolerance
// adjTol.
func TestAdjoint(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 43))
	opts := &check.Options{Tol: adjTol}
	for _, c := range fdCases() {
		n := c.n
		e, fdir := check.Direction(rng, n, n), check.Direction(rng, n, n)
		yBar := mat.NewDense(1, 1, []float64{rng.NormFloat64()})
		f := mustLU(t, n, c.a)
		m := mapsOf(t, f)
		results := map[string]check.Result{
			"JVP and VJP": check.Adjoint(m.jvp, m.vjp, e, yBar, opts),
			"HVP":         check.Adjoint(m.hvp, m.hvp, e, fdir, opts),
		}
		if f.Cond() < singularCond {
			results["LogJVP and LogVJP"] = check.Adjoint(m.logJVP, m.logVJP, e, yBar, opts)
			results["LogHVP"] = check.Adjoint(m.logHVP, m.logHVP, e, fdir, opts)
		}
		for name, r := range results {
			if !r.Pass {
				t.Errorf("%s: %s: %v", c.name, name, r)
			}
		}
	}
}

// Closed forms on 1×1, 2×2 and 3×3, written independently of the package's
// expansion by minors: for 2×2 cof [[a,b],[c,d]] = [[d,−c],[−b,a]]; for 3×3
// the columns of cof(A) are a₂×a₃, a₃×a₁, a₁×a₂ (aᵢ the columns of A), and
// the HVP is the product rule on the cross products.
func TestClosedForms(t *testing.T) {
	rng := rand.New(rand.NewPCG(47, 53))
	for trial := 0; trial < 20; trial++ {
		a, e := randMat(rng, 1), randMat(rng, 1)
		if g := luGrad(t, 1, a); g[0] != 1 {
			t.Errorf("1×1 Grad = %v", g)
		}
		if h := luHVP(t, 1, a, e); h[0] != 0 {
			t.Errorf("1×1 HVP = %v", h)
		}

		a, e = randMat(rng, 2), randMat(rng, 2)
		cof2 := func(m []float64) []float64 { return []float64{m[3], -m[2], -m[1], m[0]} }
		checkMat(t, "2×2 Grad", luGrad(t, 2, a), cof2(a), 0, 0)
		checkMat(t, "2×2 HVP", luHVP(t, 2, a, e), cof2(e), 0, 0)
		d := a[0]*a[3] - a[1]*a[2]
		if got := mustLU(t, 2, a).Det(); math.Abs(got-d) > 4*eps*(math.Abs(a[0]*a[3])+math.Abs(a[1]*a[2])) {
			t.Errorf("2×2 Det = %v, want %v", got, d)
		}
		f := mustLU(t, 2, a)
		var lg mat.Dense
		f.LogGrad(&lg)
		want := cof2(a)
		for i := range want {
			want[i] /= d
		}
		checkMat(t, "2×2 LogGrad", raw(&lg), want, 1e-12*f.Cond(), 0)

		a, e = randMat(rng, 3), randMat(rng, 3)
		col := func(m []float64, j int) [3]float64 { return [3]float64{m[j], m[3+j], m[6+j]} }
		cross := func(x, y [3]float64) [3]float64 {
			return [3]float64{x[1]*y[2] - x[2]*y[1], x[2]*y[0] - x[0]*y[2], x[0]*y[1] - x[1]*y[0]}
		}
		add := func(x, y [3]float64) [3]float64 { return [3]float64{x[0] + y[0], x[1] + y[1], x[2] + y[2]} }
		fromCols := func(c [3][3]float64) []float64 {
			m := make([]float64, 9)
			for j := 0; j < 3; j++ {
				for i := 0; i < 3; i++ {
					m[i*3+j] = c[j][i]
				}
			}
			return m
		}
		a1, a2, a3 := col(a, 0), col(a, 1), col(a, 2)
		e1, e2, e3 := col(e, 0), col(e, 1), col(e, 2)
		cof3 := fromCols([3][3]float64{cross(a2, a3), cross(a3, a1), cross(a1, a2)})
		der3 := fromCols([3][3]float64{
			add(cross(e2, a3), cross(a2, e3)),
			add(cross(e3, a1), cross(a3, e1)),
			add(cross(e1, a2), cross(a1, e2)),
		})
		checkMat(t, "3×3 Grad", luGrad(t, 3, a), cof3, 1e-15, 0)
		checkMat(t, "3×3 HVP", luHVP(t, 3, a, e), der3, 1e-14, 0)
	}
}

// The LU, QR and SVD formulas agree wherever they apply, at sizes above the
// small path (independent algorithms for each other), and the LU formula
// for the gradient stays accurate far into the ill-conditioned range, as
// the doc of GradCondLimit claims.
func TestPathsAgree(t *testing.T) {
	rng := rand.New(rand.NewPCG(59, 61))
	sizes := []int{5, 12, 40}
	if !testing.Short() {
		sizes = append(sizes, 120)
	}
	for _, n := range sizes {
		for _, smin := range []float64{0.5, 1e-4, 1e-10} {
			s := make([]float64, n)
			for i := range s {
				s[i] = 1 + rng.Float64()
			}
			s[n/3] = smin // the small singular value anywhere
			a := withSingularValues(rng, s)
			e := randMat(rng, n)
			get := func(path int) (g, h []float64) {
				f := mustLU(t, n, a)
				f.force = path
				var gd, hd mat.Dense
				f.Grad(&gd)
				f.HVP(&hd, dense(n, e))
				return raw(&gd), raw(&hd)
			}
			gl, hl := get(pathLU)
			gq, hq := get(pathQR)
			gs, hs := get(pathSVD)
			cond := mustLU(t, n, a).Cond()
			name := "n=" + itoa(n)
			checkMat(t, name+" Grad LU vs SVD", gl, gs, 1e-12, 0)
			checkMat(t, name+" Grad QR vs SVD", gq, gs, 1e-12, 0)
			checkMat(t, name+" HVP LU vs SVD", hl, hs, 100*float64(n)*eps*cond, 0)
			checkMat(t, name+" HVP QR vs SVD", hq, hs, 1e-12, 0)
		}
	}
}

// TestDual checks the first and second derivatives of det and log|det|
// against forward-mode dual numbers (package check/dual), which run LU with
// partial pivoting on A + εE and share no code with the package: dual.Det
// and dual.LogDet give the JVPs, and the dual inverse Y + εẎ of A + εE the
// HVPs, d(det(A)·A⁻ᵀ) = det(A)·(tr(A⁻¹E)·A⁻ᵀ + Ẏᵀ) and d(A⁻ᵀ) = Ẏᵀ. Both
// sides are backward stable: the tolerance is 100·n·ε·κ relative for the
// first derivatives and 100·n·ε·κ² for the second, which hold two factors A⁻¹.
func TestDual(t *testing.T) {
	rng := rand.New(rand.NewPCG(61, 67))
	for _, n := range []int{1, 2, 3, 4, 5, 9, 24} {
		for _, cond := range []float64{1, 1e3} {
			a := check.Conditioned(rng, n, cond)
			e := check.Direction(rng, n, n)
			f := mustLU(t, n, raw(a))
			x := dual.NewMatrix(a, e)
			d, err := dual.Det(x)
			if err != nil {
				t.Fatal(err)
			}
			l, _, err := dual.LogDet(x)
			if err != nil {
				t.Fatal(err)
			}
			var y dual.Matrix
			if err := y.Inverse(x); err != nil {
				t.Fatal(err)
			}
			var hvp, logHVP mat.Dense
			hvp.Scale(d.Eps[0], y.Real().T())
			logHVP.CloneFrom(y.Eps(0).T())
			var t1 mat.Dense
			t1.Scale(d.Re, &logHVP)
			hvp.Add(&hvp, &t1)

			C := 100 * float64(n) * eps * f.Cond()
			name := fmt.Sprintf("n=%d cond=%g", n, cond)
			if got := f.JVP(e); math.Abs(got-d.Eps[0]) > C*math.Abs(d.Eps[0]) {
				t.Errorf("%s: JVP = %v, dual numbers %v", name, got, d.Eps[0])
			}
			if got, _ := f.LogJVP(e); math.Abs(got-l.Eps[0]) > C*math.Abs(l.Eps[0]) {
				t.Errorf("%s: LogJVP = %v, dual numbers %v", name, got, l.Eps[0])
			}
			var h, lh mat.Dense
			f.HVP(&h, e)
			f.LogHVP(&lh, e)
			checkMat(t, name+" HVP vs dual", raw(&h), raw(&hvp), C*f.Cond(), 0)
			checkMat(t, name+" LogHVP vs dual", raw(&lh), raw(&logHVP), C*f.Cond(), 0)
		}
	}
}
