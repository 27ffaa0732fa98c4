package det

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
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

// Central differences (with Richardson extrapolation, truncation O(h⁴))
// against the JVP and the HVP of det, and of log|det| where it is defined.
// The stated tolerance: |exact − FD| ≤ 1e-7·S + 2·est + 10δ/h, where S is the size
// of the derivative (‖cof‖·‖E‖ + |det| for the JVP, ‖HVP‖ + ‖cof‖ for the
// HVP), est the extrapolation's own error estimate, which bounds the
// truncation error of the returned difference about eight times over, and
// 10δ/h bounds the rounding (δ bounds the error of one evaluation). At
// rank-deficient A the derivative is 0 and only est remains: det(hE) = hⁿ
// det E has a central difference of size h^(n−1), not 0.
func TestFiniteDifferences(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 37))
	const h, tol = 1e-3, 1e-7
	for _, c := range fdCases() {
		n := c.n
		e := randMat(rng, n)
		f := mustLU(t, n, c.a)

		// The rounding error of each evaluation is at most δ (LU: about
		// n·ε·κ·|det| for det, n·ε·‖cof‖ for the gradient, with a factor
		// 100); in the extrapolated difference it becomes at most 6δ/h.
		var detNoise, gradNoise float64
		detAt := func(h float64) []float64 {
			g := mustLU(t, n, addScaled(c.a, h, e))
			detNoise = max(detNoise, 100*float64(n)*eps*g.Cond()*math.Abs(g.Det()))
			return []float64{g.Det()}
		}
		fd, est := centralDiff(detAt, h)
		jvp := f.JVP(dense(n, e))
		var g mat.Dense
		f.Grad(&g)
		scale := norm(raw(&g))*norm(e) + math.Abs(f.Det())
		if math.Abs(jvp-fd[0]) > tol*scale+2*est+10*detNoise/h {
			t.Errorf("%s: JVP = %v, central difference %v ± %.3g", c.name, jvp, fd[0], est)
		}

		gradAt := func(h float64) []float64 {
			g := luGrad(t, n, addScaled(c.a, h, e))
			gradNoise = max(gradNoise, 100*float64(n)*eps*norm(g))
			return g
		}
		fdH, est := centralDiff(gradAt, h)
		var hv mat.Dense
		f.HVP(&hv, dense(n, e))
		checkMat(t, c.name+" HVP vs FD of Grad", raw(&hv), fdH, tol, tol*norm(raw(&g))+2*est+10*gradNoise/h)

		if f.Cond() > 1e8 {
			continue // log|det| has derivatives of size κ^k: FD with this h is meaningless
		}
		logAt := func(h float64) []float64 {
			l, _ := mustLU(t, n, addScaled(c.a, h, e)).LogDet()
			return []float64{l}
		}
		lj, err := f.LogJVP(dense(n, e))
		if err != nil {
			t.Fatalf("%s: LogJVP: %v", c.name, err)
		}
		step := h / math.Max(1, f.Cond()) // stay inside the ball where A is invertible
		if fd, est := centralDiff(logAt, step); math.Abs(lj-fd[0]) > tol*math.Max(1, math.Abs(lj))+2*est {
			t.Errorf("%s: LogJVP = %v, central difference %v", c.name, lj, fd[0])
		}
		logGradAt := func(h float64) []float64 {
			var g mat.Dense
			mustLU(t, n, addScaled(c.a, h, e)).LogGrad(&g)
			return raw(&g)
		}
		var lh mat.Dense
		if err := f.LogHVP(&lh, dense(n, e)); err != nil {
			t.Fatal(err)
		}
		fdL, estL := centralDiff(logGradAt, step)
		checkMat(t, c.name+" LogHVP vs FD of LogGrad", raw(&lh), fdL, tol, tol+2*estL)
	}
}

// The adjoint identity ȳ·JVP(E) = <VJP(ȳ), E>, and the symmetry of the
// Hessian <F, HVP(E)> = <E, HVP(F)> (the adjoint identity of the second
// derivative), for det and log|det|. Tolerance: 1e-12 relative to the sizes
// of the terms summed.
func TestAdjoint(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 43))
	const tol = 1e-12
	for _, c := range fdCases() {
		n := c.n
		e, fdir := randMat(rng, n), randMat(rng, n)
		ybar := rng.NormFloat64()
		f := mustLU(t, n, c.a)
		var v, he, hf mat.Dense
		f.VJP(&v, ybar)
		lhs, rhs := ybar*f.JVP(dense(n, e)), dot(raw(&v), e)
		if math.Abs(lhs-rhs) > tol*norm(raw(&v))*norm(e)+1e-300 {
			t.Errorf("%s: ȳ·JVP = %v, <VJP, E> = %v", c.name, lhs, rhs)
		}
		f.HVP(&he, dense(n, e))
		f.HVP(&hf, dense(n, fdir))
		l2, r2 := dot(fdir, raw(&he)), dot(e, raw(&hf))
		if math.Abs(l2-r2) > tol*(norm(raw(&he))*norm(fdir)+norm(raw(&hf))*norm(e))+1e-300 {
			t.Errorf("%s: <F, HVP(E)> = %v, <E, HVP(F)> = %v", c.name, l2, r2)
		}

		if f.Cond() >= singularCond {
			continue
		}
		var lv, lhe, lhf mat.Dense
		if err := f.LogVJP(&lv, ybar); err != nil {
			t.Fatal(err)
		}
		lj, _ := f.LogJVP(dense(n, e))
		if l, r := ybar*lj, dot(raw(&lv), e); math.Abs(l-r) > tol*norm(raw(&lv))*norm(e) {
			t.Errorf("%s: ȳ·LogJVP = %v, <LogVJP, E> = %v", c.name, l, r)
		}
		f.LogHVP(&lhe, dense(n, e))
		f.LogHVP(&lhf, dense(n, fdir))
		if l, r := dot(fdir, raw(&lhe)), dot(e, raw(&lhf)); math.Abs(l-r) > tol*(norm(raw(&lhe))*norm(fdir)+norm(raw(&lhf))*norm(e)) {
			t.Errorf("%s: <F, LogHVP(E)> = %v, <E, LogHVP(F)> = %v", c.name, l, r)
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
