package inverse

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/check"
	"github.com/matcalc/matcalc/check/dual"
	"github.com/matcalc/matcalc/internal/blascount"
)

var sizes = []int{1, 2, 3, 4, 7, 16}

// inv returns A⁻¹ computed by gonum.
func inv(t *testing.T, a mat.Matrix) *mat.Dense {
	t.Helper()
	var y mat.Dense
	if err := y.Inverse(a); err != nil {
		t.Fatalf("gonum Inverse: %v", err)
	}
	return &y
}

func TestDerivativesClosedForm(t *testing.T) {
	// A = [[1,2],[3,4]], A⁻¹ = [[−2,1],[1.5,−0.5]], E = e₁e₂ᵀ:
	// −A⁻¹ E A⁻¹ = −(A⁻¹e₁)(e₂ᵀA⁻¹) = −[−2; 1.5][1.5, −0.5], worked by hand.
	a := mat.NewDense(2, 2, []float64{1, 2, 3, 4})
	e := mat.NewDense(2, 2, []float64{0, 1, 0, 0})
	var f LU
	if err := f.Factorize(a); err != nil {
		t.Fatal(err)
	}
	var got mat.Dense
	f.JVP(&got, e)
	want := mat.NewDense(2, 2, []float64{3, -1, -2.25, 0.75})
	if d := relDiff(&got, want); d > 1e-15 {
		t.Errorf("JVP = %v, want %v", mat.Formatted(&got), mat.Formatted(want))
	}
	// VJP with Ȳ = E: −A⁻ᵀ e₁e₂ᵀ A⁻ᵀ = −(row 1 of A⁻¹)ᵀ(column 2 of A⁻¹)ᵀ
	// = −[−2; 1][1, −0.5].
	f.VJP(&got, e)
	want = mat.NewDense(2, 2, []float64{2, -1, -1, 0.5})
	if d := relDiff(&got, want); d > 1e-15 {
		t.Errorf("VJP = %v, want %v", mat.Formatted(&got), mat.Formatted(want))
	}

	// 1×1: y = 1/a, y' = −e/a², the Hessian of ȳ/a is 2ȳ/a³.
	if err := f.Factorize(mat.NewDense(1, 1, []float64{4})); err != nil {
		t.Fatal(err)
	}
	one := func(v float64) *mat.Dense { return mat.NewDense(1, 1, []float64{v}) }
	var g mat.Dense
	f.JVP(&g, one(3))
	if g.At(0, 0) != -3.0/16 {
		t.Errorf("1×1 JVP = %v, want %v", g.At(0, 0), -3.0/16)
	}
	f.VJP(&g, one(5))
	if g.At(0, 0) != -5.0/16 {
		t.Errorf("1×1 VJP = %v, want %v", g.At(0, 0), -5.0/16)
	}
	f.HVP(&g, one(3), one(5))
	if g.At(0, 0) != 2*3*5.0/64 {
		t.Errorf("1×1 HVP = %v, want %v", g.At(0, 0), 2*3*5.0/64)
	}
}

// TestJVPBlock checks the JVP against the block identity
// [[A, E], [0, A]]⁻¹ = [[A⁻¹, −A⁻¹EA⁻¹], [0, A⁻¹]], inverted by gonum.
func TestJVPBlock(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range sizes {
		a := check.Gaussian(rng, n, n)
		e := check.Gaussian(rng, n, n)
		var f LU
		if err := f.Factorize(a); err != nil {
			t.Fatal(err)
		}
		var got mat.Dense
		f.JVP(&got, e)
		want := sub(inv(t, block(n, [][]mat.Matrix{{a, e}, {nil, a}})), n, 0, 1)
		if d := relDiff(&got, want); d > 1e-13*f.Cond() {
			t.Errorf("n=%d: JVP differs from the block inverse by %g (cond %g)", n, d, f.Cond())
		}
	}
}

// TestHVPBlock checks the HVP against the second-order block identity: the
// (1,3) block of [[A, E, 0], [0, A, F], [0, 0, A]]⁻¹ is A⁻¹EA⁻¹FA⁻¹, so
// <HVP(E, Ȳ), F> = <Ȳ, T(E, F) + T(F, E)>.
func TestHVPBlock(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, n := range sizes {
		a := check.Conditioned(rng, n, 10)
		e := check.Gaussian(rng, n, n)
		yb := check.Gaussian(rng, n, n)
		var f LU
		if err := f.Factorize(a); err != nil {
			t.Fatal(err)
		}
		var h mat.Dense
		f.HVP(&h, e, yb)
		// Materialize the Hessian's action through n² directions F = e_ij at
		// small n, one random F otherwise.
		for trial := 0; trial < 3; trial++ {
			fd := check.Gaussian(rng, n, n)
			t1 := sub(inv(t, block(n, [][]mat.Matrix{{a, e, nil}, {nil, a, fd}, {nil, nil, a}})), n, 0, 2)
			t2 := sub(inv(t, block(n, [][]mat.Matrix{{a, fd, nil}, {nil, a, e}, {nil, nil, a}})), n, 0, 2)
			t1.Add(t1, t2)
			got, want := check.Inner(&h, fd), check.Inner(yb, t1)
			if math.Abs(got-want) > 1e-12*maxAbs(&h)*maxAbs(fd)*float64(n*n) {
				t.Errorf("n=%d: <HVP(E,Ȳ), F> = %v, <Ȳ, d²Y[E,F]> = %v", n, got, want)
			}
		}
		// And directly: HVP = Yᵀ(EᵀYᵀȲ + ȲYᵀEᵀ)Yᵀ with gonum's products.
		y := inv(t, a)
		var m1, m2, w mat.Dense
		m1.Product(e.T(), y.T(), yb)
		m2.Product(yb, y.T(), e.T())
		m1.Add(&m1, &m2)
		w.Product(y.T(), &m1, y.T())
		if d := relDiff(&h, &w); d > 1e-13 {
			t.Errorf("n=%d: HVP differs from gonum's products by %g", n, d)
		}
	}
}

// TestAdjoint checks the VJP against the JVP by the adjoint identity
// <Ȳ, JVP(E)> = <VJP(Ȳ), E>, and the HVP against itself: the Hessian of
// <Ȳ, A⁻¹> is symmetric, <F, HVP(E, Ȳ)> = <HVP(F, Ȳ), E>. The tolerance is
// check.Adjoint's, 64·ε·n relative to the Cauchy–Schwarz bound of both sides.
func TestAdjoint(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for _, n := range sizes {
		a := check.Gaussian(rng, n, n)
		var f LU
		if err := f.Factorize(a); err != nil {
			t.Fatal(err)
		}
		for trial := 0; trial < 3; trial++ {
			e, fd, yb := check.Direction(rng, n, n), check.Direction(rng, n, n), check.Direction(rng, n, n)
			if r := check.Adjoint(f.JVP, f.VJP, e, yb, nil); !r.Pass {
				t.Errorf("n=%d: JVP and VJP: %v", n, r)
			}
			hvp := func(dst *mat.Dense, e mat.Matrix) { f.HVP(dst, e, yb) }
			if r := check.Adjoint(hvp, hvp, e, fd, nil); !r.Pass {
				t.Errorf("n=%d: HVP is not symmetric: %v", n, r)
			}
		}
	}
}

// TestFiniteDifferences checks by finite differences (package check,
// Richardson at a searched step) the JVP against Inverse, the VJP entry by
// entry against the gradient of <Ȳ, A⁻¹>, and the HVP against the VJP map
// A ↦ VJP_A(Ȳ), at matrices of condition number 10. The tolerance is
// check's, at most fdTol = 1e-7 relative in the Frobenius norm. The
// functions panic on an error, which check takes as a point outside their
// domain.
func TestFiniteDifferences(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	inverse := func(dst *mat.Dense, x mat.Matrix) {
		if err := Inverse(dst, x); err != nil {
			panic(err)
		}
	}
	for _, n := range sizes {
		a := check.Conditioned(rng, n, 10)
		e, yb := check.Direction(rng, n, n), check.Direction(rng, n, n)
		var f LU
		if err := f.Factorize(a); err != nil {
			t.Fatal(err)
		}
		vjpAt := func(dst *mat.Dense, x mat.Matrix) {
			if err := VJP(dst, x, yb); err != nil {
				panic(err)
			}
		}
		hvp := func(dst *mat.Dense, e mat.Matrix) { f.HVP(dst, e, yb) }
		for name, r := range map[string]check.Result{
			"JVP": check.JVP(inverse, f.JVP, a, e, fdOpts),
			"VJP": check.VJP(inverse, f.VJP, a, yb, fdOpts),
			"HVP": check.JVP(vjpAt, hvp, a, e, fdOpts),
		} {
			if !r.Pass {
				t.Errorf("n=%d: %s against finite differences: %v", n, name, r)
			}
		}
	}
}

// TestDual checks the JVP and the HVP against forward-mode dual numbers
// (package check/dual), which run LU with partial pivoting on A + εE and
// share no code with the analytic rules: the dual inverse of A + εE is
// A⁻¹ + ε·JVP(E), and the dual inverse of [[Aᵀ, Ȳ], [0, Aᵀ]] + ε·diag(Eᵀ, Eᵀ)
// holds −A⁻ᵀȲA⁻ᵀ = VJP(Ȳ) in its top right block, whose derivative is
// HVP(E, Ȳ). Both sides are accurate to a few n·ε·κ(A)² relative (the
// derivative holds two factors A⁻¹): the tolerance is 1e-14·κ².
func TestDual(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 18))
	for _, n := range []int{1, 2, 3, 4, 7, 16, 40} {
		for _, cond := range []float64{1, 1e3} {
			a := check.Conditioned(rng, n, cond)
			e, yb := check.Direction(rng, n, n), check.Direction(rng, n, n)
			var f LU
			if err := f.Factorize(a); err != nil {
				t.Fatal(err)
			}
			tol := 1e-14 * f.Cond() * f.Cond()

			var y dual.Matrix
			if err := y.Inverse(dual.NewMatrix(a, e)); err != nil {
				t.Fatal(err)
			}
			var jv mat.Dense
			f.JVP(&jv, e)
			if d := relDiff(&jv, y.Eps(0)); !(d <= tol) {
				t.Errorf("n=%d cond=%g: JVP differs from dual numbers by %g > %g", n, cond, d, tol)
			}

			at, et := a.T(), e.T()
			var z dual.Matrix
			if err := z.Inverse(dual.NewMatrix(block(n, [][]mat.Matrix{{at, yb}, {nil, at}}), block(n, [][]mat.Matrix{{et, nil}, {nil, et}}))); err != nil {
				t.Fatal(err)
			}
			var vj, hv mat.Dense
			f.VJP(&vj, yb)
			f.HVP(&hv, e, yb)
			if d := relDiff(&vj, sub(z.Real(), n, 0, 1)); !(d <= tol) {
				t.Errorf("n=%d cond=%g: VJP differs from the dual block inverse by %g > %g", n, cond, d, tol)
			}
			if d := relDiff(&hv, sub(z.Eps(0), n, 0, 1)); !(d <= tol*f.Cond()) {
				t.Errorf("n=%d cond=%g: HVP differs from dual numbers by %g > %g", n, cond, d, tol*f.Cond())
			}
		}
	}
}

// TestIllConditionedDerivatives checks the derivatives at Hilbert(8),
// condition about 3.4e10, against the block identity, with a tolerance that
// grows with the condition number.
func TestIllConditionedDerivatives(t *testing.T) {
	const n = 8
	rng := rand.New(rand.NewPCG(11, 12))
	a := hilbert(n)
	e := check.Gaussian(rng, n, n)
	var f LU
	if err := f.Factorize(a); err != nil {
		t.Fatal(err)
	}
	var got mat.Dense
	f.JVP(&got, e)
	// The block matrix has condition about ‖A⁻¹‖²‖E‖, beyond what any
	// inverse resolves, so the oracle here is two solves with gonum:
	// Z = A⁻¹E, then W = Z A⁻¹ from Aᵀ Wᵀ = Zᵀ.
	var z, wt mat.Dense
	if err := z.Solve(a, e); err != nil {
		t.Fatal(err)
	}
	if err := wt.Solve(a.T(), z.T()); err != nil {
		t.Fatal(err)
	}
	want := mat.DenseCopyOf(wt.T())
	want.Scale(-1, want)
	// Both are forward-stable to about ε κ(A) relative to the result.
	if d := relDiff(&got, want); d > 1e-14*f.Cond() {
		t.Errorf("Hilbert(8): JVP differs from two solves by %g (cond %g)", d, f.Cond())
	}
	var vj mat.Dense
	f.VJP(&vj, e)
	if l, r := check.Inner(e, &got), check.Inner(&vj, e); math.Abs(l-r) > 1e-12*math.Abs(l) {
		t.Errorf("Hilbert(8): adjoint identity %v vs %v", l, r)
	}
}

func TestAliasing(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	const n = 5
	a := check.Gaussian(rng, n, n)
	e := check.Gaussian(rng, n, n)
	yb := check.Gaussian(rng, n, n)
	var f LU
	if err := f.Factorize(a); err != nil {
		t.Fatal(err)
	}
	var jv, vj, hv mat.Dense
	f.JVP(&jv, e)
	f.VJP(&vj, yb)
	f.HVP(&hv, e, yb)

	d := mat.DenseCopyOf(e)
	f.JVP(d, d)
	if !mat.Equal(d, &jv) {
		t.Errorf("JVP(dA, dA) differs from JVP(dst, dA)")
	}
	d = mat.DenseCopyOf(yb)
	f.VJP(d, d)
	if !mat.Equal(d, &vj) {
		t.Errorf("VJP(yBar, yBar) differs from VJP(dst, yBar)")
	}
	d = mat.DenseCopyOf(e)
	f.HVP(d, d, yb)
	if !mat.Equal(d, &hv) {
		t.Errorf("HVP(dA, dA, yBar) differs")
	}
	d = mat.DenseCopyOf(yb)
	f.HVP(d, e, d)
	if !mat.Equal(d, &hv) {
		t.Errorf("HVP(yBar, dA, yBar) differs")
	}
	// Inputs that are not *mat.Dense go through a copy.
	var jt mat.Dense
	f.JVP(&jt, e.T())
	var want mat.Dense
	f.JVP(&want, mat.DenseCopyOf(e.T()))
	if !mat.Equal(&jt, &want) {
		t.Errorf("JVP of a mat.Transpose differs from JVP of its copy")
	}
}

// TestProducts counts the BLAS calls of each derivative once A⁻¹ is cached.
func TestProducts(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	const n = 6
	a, e, yb := check.Gaussian(rng, n, n), check.Gaussian(rng, n, n), check.Gaussian(rng, n, n)
	c, restore := blascount.Install()
	defer restore()
	var f LU
	if err := f.Factorize(a); err != nil {
		t.Fatal(err)
	}
	var y mat.Dense
	f.Inverse(&y)
	for _, tc := range []struct {
		name string
		call func()
		gemm int
	}{
		{"JVP", func() { f.JVP(&y, e) }, 2},
		{"VJP", func() { f.VJP(&y, yb) }, 2},
		{"HVP", func() { f.HVP(&y, e, yb) }, 6},
	} {
		c.Reset()
		tc.call()
		if c.Gemm != tc.gemm || c.Trsm != 0 || c.TT != 0 {
			t.Errorf("%s: %d GEMMs (%d of Aᵀ Bᵀ) and %d TRSMs, want %d, 0 and 0", tc.name, c.Gemm, c.TT, c.Trsm, tc.gemm)
		}
	}
}
