package inverse

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestSolve(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	for _, n := range sizes {
		for _, k := range []int{1, 3, n} {
			a := randDense(rng, n, n)
			b := randDense(rng, n, k)
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
		a: randWell(rng, n), b: randDense(rng, n, k),
		dA: randDense(rng, n, n), dB: randDense(rng, n, k), xBar: randDense(rng, n, k),
	}
	if err := s.f.Factorize(s.a); err != nil {
		t.Fatal(err)
	}
	s.x = &mat.Dense{}
	s.f.Solve(s.x, s.b)
	return s
}

func TestSolveDerivatives(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 24))
	const h, tol = 1e-5, 1e-7 // central differences, as in TestFiniteDifferences
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

			// Central differences of Solve along (dA, dB).
			sol := func(a, b mat.Matrix) *mat.Dense {
				var x mat.Dense
				if err := Solve(&x, a, b); err != nil {
					t.Fatal(err)
				}
				return &x
			}
			var ap, am, bp, bm, fd mat.Dense
			ap.Scale(h, s.dA)
			ap.Add(s.a, &ap)
			am.Scale(-h, s.dA)
			am.Add(s.a, &am)
			bp.Scale(h, s.dB)
			bp.Add(s.b, &bp)
			bm.Scale(-h, s.dB)
			bm.Add(s.b, &bm)
			fd.Sub(sol(&ap, &bp), sol(&am, &bm))
			fd.Scale(1/(2*h), &fd)
			if d := relDiff(&dx, &fd); d > tol {
				t.Errorf("n=%d k=%d: SolveJVP differs from central differences by %g", n, k, d)
			}

			// Adjoint identity: <X̄, dX> = <Ā, dA> + <B̄, dB>.
			var aBar, bBar mat.Dense
			f.SolveVJP(&aBar, &bBar, s.xBar, s.x)
			l, r := inner(s.xBar, &dx), inner(&aBar, s.dA)+inner(&bBar, s.dB)
			if math.Abs(l-r) > 1e-13*float64(n*n)*maxAbs(s.xBar)*maxAbs(&dx) {
				t.Errorf("n=%d k=%d: <X̄, dX> = %v, <Ā, dA> + <B̄, dB> = %v", n, k, l, r)
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
			var wb, wa mat.Dense
			wb.Mul(y.T(), s.xBar)
			wa.Mul(&wb, s.x.T())
			wa.Scale(-1, &wa)
			if relDiff(&bBar, &wb) > 1e-13 || relDiff(&aBar, &wa) > 1e-13 {
				t.Errorf("n=%d k=%d: SolveVJP differs from the closed form", n, k)
			}

			// SolveHVP against central differences of SolveVJP along (dA, dB).
			var aDot, bDot mat.Dense
			f.SolveHVP(&aDot, &bDot, s.dA, s.dB, s.x, s.xBar)
			vjp := func(a, b mat.Matrix) (*mat.Dense, *mat.Dense) {
				var ga, gb mat.Dense
				if err := SolveVJP(&ga, &gb, a, b, s.xBar); err != nil {
					t.Fatal(err)
				}
				return &ga, &gb
			}
			gap, gbp := vjp(&ap, &bp)
			gam, gbm := vjp(&am, &bm)
			var fa, fb mat.Dense
			fa.Sub(gap, gam)
			fa.Scale(1/(2*h), &fa)
			fb.Sub(gbp, gbm)
			fb.Scale(1/(2*h), &fb)
			if d := relDiff(&aDot, &fa); d > tol {
				t.Errorf("n=%d k=%d: SolveHVP Ā̇ differs from central differences by %g", n, k, d)
			}
			if d := relDiff(&bDot, &fb); d > tol {
				t.Errorf("n=%d k=%d: SolveHVP B̄̇ differs from central differences by %g", n, k, d)
			}
			// The one-call helpers agree with the factorization.
			var hx, ha, hb mat.Dense
			if err := SolveJVP(&hx, s.a, s.b, s.dA, s.dB); err != nil || !mat.Equal(&hx, &dx) {
				t.Errorf("n=%d k=%d: SolveJVP helper differs (%v)", n, k, err)
			}
			if err := SolveHVP(&ha, &hb, s.a, s.b, s.dA, s.dB, s.xBar); err != nil || !mat.Equal(&ha, &aDot) || !mat.Equal(&hb, &bDot) {
				t.Errorf("n=%d k=%d: SolveHVP helper differs (%v)", n, k, err)
			}
		}
	}
}

// TestSolveIdentity checks that with B = I the solve derivatives reduce to
// those of the inverse, which are computed by other code.
func TestSolveIdentity(t *testing.T) {
	rng := rand.New(rand.NewPCG(25, 26))
	for _, n := range sizes {
		a, e, yb := randWell(rng, n), randDense(rng, n, n), randDense(rng, n, n)
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
		f.SolveHVP(&sh, nil, e, nil, &x, yb)
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
	f.SolveHVP(&aDot, &bDot, s.dA, s.dB, s.x, s.xBar)

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
	f.SolveHVP(xa, xb, s.dA, s.dB, xa, xb)
	if !mat.Equal(xa, &aDot) || !mat.Equal(xb, &bDot) {
		t.Errorf("SolveHVP(x, xBar, dA, dB, x, xBar) differs")
	}
}

func TestSolveProducts(t *testing.T) {
	rng := rand.New(rand.NewPCG(29, 30))
	s := newSolveFixture(t, rng, 6, 6)
	c, restore := counting()
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
		{"SolveHVP", func() { s.f.SolveHVP(&g, &d, s.dA, s.dB, s.x, s.xBar) }, 4, 6},
	} {
		c.reset()
		tc.call()
		if c.gemm != tc.gemm || c.trsm != tc.trsm || c.tt != 0 {
			t.Errorf("%s: %d GEMMs (%d of Aᵀ Bᵀ) and %d TRSMs, want %d, 0 and %d", tc.name, c.gemm, c.tt, c.trsm, tc.gemm, tc.trsm)
		}
	}
}
