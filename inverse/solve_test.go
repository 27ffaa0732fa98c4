package inverse

import (
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/check"
	"github.com/matcalc/matcalc/check/dual"
	"github.com/matcalc/matcalc/internal/blascount"
)

func TestSolve(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	for _, n := range sizes {
		for _, k := range []int{1, 3, n} {
			a := check.Gaussian(rng, n, n)
			b := check.Gaussian(rng, n, k)
			var f LU
			if err := f.Factorize(a); err != nil {
				t.Fatal(err)
			}
			var x mat.Dense
			f.Solve(&x, b)
			var r mat.Dense
			r.Mul(a, &x)
			r.Sub(&r, b)
			if res := maxAbs(&r) / (maxAbs(a)*maxAbs(&x) + maxAbs(b)); res > 1e-15*float64(n) {
				t.Errorf("n=%d k=%d: relative residual %g", n, k, res)
			}
			// In place, and through a non-Dense b.
			bb := mat.DenseCopyOf(b)
			f.Solve(bb, bb)
			if !mat.Equal(bb, &x) {
				t.Errorf("n=%d k=%d: Solve(b, b) differs", n, k)
			}
			var xt mat.Dense
			f.Solve(&xt, mat.DenseCopyOf(b.T()).T())
			if !mat.Equal(&xt, &x) {
				t.Errorf("n=%d k=%d: Solve of a mat.Transpose differs", n, k)
			}
		}
	}
	// A vector right-hand side.
	a := mat.NewDense(2, 2, []float64{1, 2, 3, 4})
	var x mat.Dense
	if err := Solve(&x, a, mat.NewVecDense(2, []float64{5, 6})); err != nil {
		t.Fatal(err)
	}
	// [[1,2],[3,4]] x = [5,6] has x = [−4, 4.5], by hand.
	if want := mat.NewDense(2, 1, []float64{-4, 4.5}); relDiff(&x, want) > 1e-15 {
		t.Errorf("x = %v, want %v", mat.Formatted(&x), mat.Formatted(want))
	}
}

// solveFixture is a random well-conditioned system with directions and a
// cotangent.
type solveFixture struct {
	a, b, x, dA, dB, xBar *mat.Dense
	f                     LU
}

func newSolveFixture(t *testing.T, rng *rand.Rand, n, k int) *solveFixture {
	s := &solveFixture{
		a: check.Conditioned(rng, n, 10), b: check.Gaussian(rng, n, k),
		dA: check.Gaussian(rng, n, n), dB: check.Gaussian(rng, n, k), xBar: check.Gaussian(rng, n, k),
	}
	if err := s.f.Factorize(s.a); err != nil {
		t.Fatal(err)
	}
	s.x = &mat.Dense{}
	s.f.Solve(s.x, s.b)
	return s
}

// pair returns [A B], the pair (A, B) as one n×(n+k) matrix, so that check
// perturbs both at once; unpair splits it after column n.
func pair(a, b mat.Matrix) *mat.Dense {
	n, c := a.Dims()
	_, k := b.Dims()
	m := mat.NewDense(n, c+k, nil)
	m.Slice(0, n, 0, c).(*mat.Dense).Copy(a)
	m.Slice(0, n, c, c+k).(*mat.Dense).Copy(b)
	return m
}

func unpair(m mat.Matrix, n int) (a, b mat.Matrix) {
	d := mat.DenseCopyOf(m)
	r, c := d.Dims()
	return d.Slice(0, r, 0, n), d.Slice(0, r, n, c)
}

// TestSolveDerivatives checks SolveJVP, SolveVJP and SolveHVP against their
// closed forms with gonum's inverse (tolerance 1e-13 relative), by finite
// differences of Solve and of SolveVJP along (dA, dB) (package check, at
// most fdTol relative; the functions panic on an error, which check takes
// as a point outside their domain), and by the adjoint identity
// <X̄, dX> = <Ā, dA> + <B̄, dB> (check.Adjoint's tolerance).
func TestSolveDerivatives(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 24))
	for _, n := range sizes {
		for _, k := range []int{1, 4} {
			s := newSolveFixture(t, rng, n, k)
			f := &s.f
			var dx mat.Dense
			f.SolveJVP(&dx, s.dA, s.dB, s.x)

			// Oracle: dX = A⁻¹ dB − A⁻¹ dA A⁻¹ B with gonum's inverse.
			y := inv(t, s.a)
			var want, t1 mat.Dense
			want.Mul(y, s.dB)
			t1.Product(y, s.dA, y, s.b)
			want.Sub(&want, &t1)
			if d := relDiff(&dx, &want); d > 1e-13 {
				t.Errorf("n=%d k=%d: SolveJVP differs from the closed form by %g", n, k, d)
			}

			// Finite differences of Solve along (dA, dB), the adjoint
			// identity, and finite differences of SolveVJP, Ā and B̄ each on
			// its own, for SolveHVP.
			ab, dAB := pair(s.a, s.b), pair(s.dA, s.dB)
			sol := func(dst *mat.Dense, m mat.Matrix) {
				a, b := unpair(m, n)
				if err := Solve(dst, a, b); err != nil {
					panic(err)
				}
			}
			jvp := func(dst *mat.Dense, d mat.Matrix) {
				dA, dB := unpair(d, n)
				f.SolveJVP(dst, dA, dB, s.x)
			}
			vjp := func(dst *mat.Dense, xBar mat.Matrix) {
				var aBar, bBar mat.Dense
				f.SolveVJP(&aBar, &bBar, xBar, s.x)
				dst.CloneFrom(pair(&aBar, &bBar))
			}
			if r := check.JVP(sol, jvp, ab, dAB, fdOpts); !r.Pass {
				t.Errorf("n=%d k=%d: SolveJVP against finite differences: %v", n, k, r)
			}
			if r := check.Adjoint(jvp, vjp, dAB, s.xBar, nil); !r.Pass {
				t.Errorf("n=%d k=%d: SolveJVP and SolveVJP: %v", n, k, r)
			}
			for part, name := range []string{"Ā̇", "B̄̇"} {
				vjpAt := func(dst *mat.Dense, m mat.Matrix) {
					a, b := unpair(m, n)
					var g [2]mat.Dense
					if err := SolveVJP(&g[0], &g[1], a, b, s.xBar); err != nil {
						panic(err)
					}
					dst.CloneFrom(&g[part])
				}
				hvp := func(dst *mat.Dense, d mat.Matrix) {
					dA, dB := unpair(d, n)
					var g [2]mat.Dense
					f.SolveHVP(&g[0], &g[1], dA, dB, s.xBar, s.x)
					dst.CloneFrom(&g[part])
				}
				if r := check.JVP(vjpAt, hvp, ab, dAB, fdOpts); !r.Pass {
					t.Errorf("n=%d k=%d: SolveHVP %s against finite differences: %v", n, k, name, r)
				}
			}

			// Each direction separately, with nil for the other.
			var dxA, dxB mat.Dense
			f.SolveJVP(&dxA, s.dA, nil, s.x)
			f.SolveJVP(&dxB, nil, s.dB, s.x)
			dxA.Add(&dxA, &dxB)
			if d := relDiff(&dxA, &dx); d > 1e-14 {
				t.Errorf("n=%d k=%d: JVP(dA, 0) + JVP(0, dB) differs from JVP(dA, dB) by %g", n, k, d)
			}
			// Oracle for the VJP: B̄ = A⁻ᵀX̄, Ā = −B̄Xᵀ with gonum.
			var aBar, bBar, wb, wa mat.Dense
			f.SolveVJP(&aBar, &bBar, s.xBar, s.x)
			wb.Mul(y.T(), s.xBar)
			wa.Mul(&wb, s.x.T())
			wa.Scale(-1, &wa)
			if relDiff(&bBar, &wb) > 1e-13 || relDiff(&aBar, &wa) > 1e-13 {
				t.Errorf("n=%d k=%d: SolveVJP differs from the closed form", n, k)
			}

			// The one-call helpers agree with the factorization.
			var aDot, bDot, hx, ha, hb mat.Dense
			f.SolveHVP(&aDot, &bDot, s.dA, s.dB, s.xBar, s.x)
			if err := SolveJVP(&hx, s.a, s.b, s.dA, s.dB); err != nil || !mat.Equal(&hx, &dx) {
				t.Errorf("n=%d k=%d: SolveJVP helper differs (%v)", n, k, err)
			}
			if err := SolveHVP(&ha, &hb, s.a, s.b, s.dA, s.dB, s.xBar); err != nil || !mat.Equal(&ha, &aDot) || !mat.Equal(&hb, &bDot) {
				t.Errorf("n=%d k=%d: SolveHVP helper differs (%v)", n, k, err)
			}
		}
	}
}

// TestSolveDual checks SolveJVP and SolveHVP against dual numbers (package
// check/dual): the dual solve of (A + ε·dA) X = B + ε·dB is X + ε·dX, and
// the dual SolveVJP, B̄ = (A + ε·dA)⁻ᵀX̄ and Ā = −B̄Xᵀ, has the derivative
// (Ā̇, B̄̇). The systems have condition number 10; the tolerance is 1e-13
// relative.
func TestSolveDual(t *testing.T) {
	rng := rand.New(rand.NewPCG(33, 34))
	for _, n := range sizes {
		for _, k := range []int{1, 4} {
			s := newSolveFixture(t, rng, n, k)
			var x, bBar, aBar dual.Matrix
			if err := x.Solve(dual.NewMatrix(s.a, s.dA), dual.NewMatrix(s.b, s.dB)); err != nil {
				t.Fatal(err)
			}
			if err := bBar.Solve(dual.NewMatrix(s.a.T(), s.dA.T()), dual.NewMatrix(s.xBar)); err != nil {
				t.Fatal(err)
			}
			aBar.Mul(&bBar, dual.NewMatrix(x.Real().T(), x.Eps(0).T()))
			aBar.Scale(-1, &aBar)

			var dx, aDot, bDot mat.Dense
			s.f.SolveJVP(&dx, s.dA, s.dB, s.x)
			s.f.SolveHVP(&aDot, &bDot, s.dA, s.dB, s.xBar, s.x)
			for _, c := range []struct {
				name      string
				got, want *mat.Dense
			}{{"SolveJVP", &dx, x.Eps(0)}, {"SolveHVP Ā̇", &aDot, aBar.Eps(0)}, {"SolveHVP B̄̇", &bDot, bBar.Eps(0)}} {
				if d := relDiff(c.got, c.want); d > 1e-13 {
					t.Errorf("n=%d k=%d: %s differs from dual numbers by %g", n, k, c.name, d)
				}
			}
		}
	}
}

// TestSolveIdentity checks that with B = I the solve derivatives reduce to
// those of the inverse, which are computed by other code.
func TestSolveIdentity(t *testing.T) {
	rng := rand.New(rand.NewPCG(25, 26))
	for _, n := range sizes {
		a, e, yb := check.Conditioned(rng, n, 10), check.Gaussian(rng, n, n), check.Gaussian(rng, n, n)
		id := mat.NewDiagDense(n, nil)
		for i := 0; i < n; i++ {
			id.SetDiag(i, 1)
		}
		var f LU
		if err := f.Factorize(a); err != nil {
			t.Fatal(err)
		}
		var x, y mat.Dense
		f.Solve(&x, id)
		f.Inverse(&y)
		var sj, j, sv, v, sh, hv mat.Dense
		f.SolveJVP(&sj, e, nil, &x)
		f.JVP(&j, e)
		f.SolveVJP(&sv, nil, yb, &x)
		f.VJP(&v, yb)
		f.SolveHVP(&sh, nil, e, nil, yb, &x)
		f.HVP(&hv, e, yb)
		for _, c := range []struct {
			name      string
			got, want *mat.Dense
		}{{"inverse", &x, &y}, {"JVP", &sj, &j}, {"VJP", &sv, &v}, {"HVP", &sh, &hv}} {
			if d := relDiff(c.got, c.want); d > 1e-13 {
				t.Errorf("n=%d: solve with B = I: %s differs by %g", n, c.name, d)
			}
		}
	}
}

func TestSolveAliasing(t *testing.T) {
	rng := rand.New(rand.NewPCG(27, 28))
	s := newSolveFixture(t, rng, 4, 4)
	f := &s.f
	var dx, aBar, bBar, aDot, bDot mat.Dense
	f.SolveJVP(&dx, s.dA, s.dB, s.x)
	f.SolveVJP(&aBar, &bBar, s.xBar, s.x)
	f.SolveHVP(&aDot, &bDot, s.dA, s.dB, s.xBar, s.x)

	d := mat.DenseCopyOf(s.x)
	f.SolveJVP(d, s.dA, s.dB, d)
	if !mat.Equal(d, &dx) {
		t.Errorf("SolveJVP(x, dA, dB, x) differs")
	}
	xa, xb := mat.DenseCopyOf(s.x), mat.DenseCopyOf(s.xBar)
	f.SolveVJP(xa, xb, xb, xa)
	if !mat.Equal(xa, &aBar) || !mat.Equal(xb, &bBar) {
		t.Errorf("SolveVJP(x, xBar, xBar, x) differs")
	}
	xa, xb = mat.DenseCopyOf(s.x), mat.DenseCopyOf(s.xBar)
	f.SolveHVP(xa, xb, s.dA, s.dB, xb, xa)
	if !mat.Equal(xa, &aDot) || !mat.Equal(xb, &bDot) {
		t.Errorf("SolveHVP(x, xBar, dA, dB, x, xBar) differs")
	}
}

func TestSolveProducts(t *testing.T) {
	rng := rand.New(rand.NewPCG(29, 30))
	s := newSolveFixture(t, rng, 6, 6)
	c, restore := blascount.Install()
	defer restore()
	var d, g mat.Dense
	for _, tc := range []struct {
		name       string
		call       func()
		gemm, trsm int
	}{
		{"Solve", func() { s.f.Solve(&d, s.b) }, 0, 2},
		{"SolveJVP", func() { s.f.SolveJVP(&d, s.dA, s.dB, s.x) }, 1, 2},
		{"SolveVJP", func() { s.f.SolveVJP(&g, &d, s.xBar, s.x) }, 1, 2},
		{"SolveHVP", func() { s.f.SolveHVP(&g, &d, s.dA, s.dB, s.xBar, s.x) }, 4, 6},
	} {
		c.Reset()
		tc.call()
		if c.Gemm != tc.gemm || c.Trsm != tc.trsm || c.TT != 0 {
			t.Errorf("%s: %d GEMMs (%d of Aᵀ Bᵀ) and %d TRSMs, want %d, 0 and %d", tc.name, c.Gemm, c.TT, c.Trsm, tc.gemm, tc.trsm)
		}
	}
}
