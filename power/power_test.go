package power

import (
	"errors"
	"math"
	"math/bits"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc"
	"github.com/matcalc/matcalc/check"
	"github.com/matcalc/matcalc/check/dual"
	"github.com/matcalc/matcalc/internal/blascount"
	"github.com/matcalc/matcalc/internal/dense"
)

// ks are the exponents every test runs, those of the issue among them.
var ks = []int{-3, -1, 0, 1, 2, 5, 10, -6, 7, 16, 31}

// repeated returns A^k by plain repeated multiplication, through gonum's
// inverse for k < 0.
func repeated(t *testing.T, a mat.Matrix, k int) *mat.Dense {
	t.Helper()
	n, _ := a.Dims()
	base := mat.DenseCopyOf(a)
	if k < 0 {
		if err := base.Inverse(a); err != nil {
			t.Fatalf("gonum Inverse: %v", err)
		}
		k = -k
	}
	p := mat.NewDense(n, n, nil)
	for i := 0; i < n; i++ {
		p.Set(i, i, 1)
	}
	for i := 0; i < k; i++ {
		p.Mul(p, base)
	}
	return p
}

// scaled returns I + G/(2√n) for a Gaussian G: its eigenvalues lie near
// the disc |z − 1| ≤ 1/2, so that its positive and negative powers stay
// moderate.
func scaled(rng *rand.Rand, n int) *mat.Dense {
	a := check.Gaussian(rng, n, n)
	a.Scale(1/(2*math.Sqrt(float64(n))), a)
	for i := 0; i < n; i++ {
		a.Set(i, i, a.At(i, i)+1)
	}
	return a
}

func TestPowClosedForm(t *testing.T) {
	a := mat.NewDense(2, 2, []float64{1, 2, 3, 4})
	// Worked by hand.
	for _, c := range []struct {
		k    int
		want []float64
	}{
		{-2, []float64{5.5, -2.5, -3.75, 1.75}},
		{-1, []float64{-2, 1, 1.5, -0.5}},
		{0, []float64{1, 0, 0, 1}},
		{1, []float64{1, 2, 3, 4}},
		{2, []float64{7, 10, 15, 22}},
		{3, []float64{37, 54, 81, 118}},
	} {
		var got mat.Dense
		if err := Pow(&got, a, c.k); err != nil {
			t.Fatal(err)
		}
		if d := relDiff(&got, mat.NewDense(2, 2, c.want)); d > 1e-15 {
			t.Errorf("A^%d = %v, want %v", c.k, mat.Formatted(&got), c.want)
		}
	}

	// 1×1: y = aᵏ, y' = k aᵏ⁻¹ e, and the Hessian of ȳ aᵏ is k(k−1) aᵏ⁻² ȳ.
	one := func(v float64) *mat.Dense { return mat.NewDense(1, 1, []float64{v}) }
	for _, k := range ks {
		const x, e, yb = 1.5, 0.7, -1.3
		kf := float64(k)
		var f Power
		if err := f.Factorize(one(x), k); err != nil {
			t.Fatal(err)
		}
		var v, j, g, h mat.Dense
		f.Value(&v)
		f.JVP(&j, one(e))
		f.VJP(&g, one(yb))
		f.HVP(&h, one(e), one(yb))
		for _, c := range []struct {
			name      string
			got, want float64
		}{
			{"value", v.At(0, 0), math.Pow(x, kf)},
			{"JVP", j.At(0, 0), kf * math.Pow(x, kf-1) * e},
			{"VJP", g.At(0, 0), kf * math.Pow(x, kf-1) * yb},
			{"HVP", h.At(0, 0), kf * (kf - 1) * math.Pow(x, kf-2) * e * yb},
		} {
			if math.Abs(c.got-c.want) > 1e-14*math.Max(math.Abs(c.want), 1) {
				t.Errorf("1×1, k=%d: %s = %v, want %v", k, c.name, c.got, c.want)
			}
		}
	}
}

// TestJVPBlock checks the JVP against the top-right block of
// [[A, E], [0, A]]^k, computed by plain repeated multiplication of the
// 2n×2n block matrix (through gonum's inverse of it for k < 0), with E not
// commuting with A. It includes A = [[1,2],[3,4]] and the k.
func TestJVPBlock(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	type fixture struct{ a, e *mat.Dense }
	fixtures := []fixture{{
		mat.NewDense(2, 2, []float64{1, 2, 3, 4}),
		mat.NewDense(2, 2, []float64{0, 1, 0, 0}),
	}}
	for _, n := range []int{1, 3, 4, 6} {
		fixtures = append(fixtures, fixture{scaled(rng, n), check.Gaussian(rng, n, n)})
	}
	for _, fx := range fixtures {
		a, e := fx.a, fx.e
		n, _ := a.Dims()
		if n > 1 {
			var ae, ea mat.Dense
			ae.Mul(a, e)
			ea.Mul(e, a)
			if mat.EqualApprox(&ae, &ea, 1e-3) {
				t.Fatalf("n=%d: the direction commutes with A", n)
			}
		}
		for _, k := range ks {
			var f Power
			if err := f.Factorize(a, k); err != nil {
				t.Fatalf("n=%d k=%d: %v", n, k, err)
			}
			var got mat.Dense
			f.JVP(&got, e)
			want := sub(repeated(t, block(n, [][]mat.Matrix{{a, e}, {nil, a}}), k), n, 0, 1)
			if k == 0 {
				if !mat.Equal(&got, mat.NewDense(n, n, nil)) {
					t.Errorf("n=%d k=0: JVP = %v, want 0", n, mat.Formatted(&got))
				}
				continue
			}
			if d := relDiff(&got, want); d > 1e-13*float64(abs(k)) {
				t.Errorf("n=%d k=%d: JVP differs from the block power by %g", n, k, d)
			}
			// The value against repeated multiplication.
			var v mat.Dense
			f.Value(&v)
			if d := relDiff(&v, repeated(t, a, k)); d > 1e-13*float64(abs(k)) {
				t.Errorf("n=%d k=%d: A^k differs from repeated multiplication by %g", n, k, d)
			}
			// The VJP is the JVP at Aᵀ, here from the block power of Aᵀ.
			yb := check.Gaussian(rng, n, n)
			var vj mat.Dense
			f.VJP(&vj, yb)
			at := mat.DenseCopyOf(a.T())
			wantV := sub(repeated(t, block(n, [][]mat.Matrix{{at, yb}, {nil, at}}), k), n, 0, 1)
			if d := relDiff(&vj, wantV); d > 1e-13*float64(abs(k)) {
				t.Errorf("n=%d k=%d: VJP differs from the block power at Aᵀ by %g", n, k, d)
			}
		}
	}
}

func abs(k int) int {
	if k < 0 {
		return -k
	}
	return k
}

// TestHVPBlock checks the HVP against the second-order block identity: the
// (1,3) block T(E, F) of [[A, E, 0], [0, A, F], [0, 0, A]]^k holds the terms
// of the second derivative with E before F, so
// <HVP(E, Ȳ), F> = <Ȳ, T(E, F) + T(F, E)>.
func TestHVPBlock(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{1, 2, 3, 5} {
		a := scaled(rng, n)
		if n == 2 {
			a = mat.NewDense(2, 2, []float64{1, 2, 3, 4})
		}
		for _, k := range ks {
			e, yb := check.Gaussian(rng, n, n), check.Gaussian(rng, n, n)
			var f Power
			if err := f.Factorize(a, k); err != nil {
				t.Fatal(err)
			}
			var h mat.Dense
			f.HVP(&h, e, yb)
			for trial := 0; trial < 2; trial++ {
				fd := check.Gaussian(rng, n, n)
				t1 := sub(repeated(t, block(n, [][]mat.Matrix{{a, e, nil}, {nil, a, fd}, {nil, nil, a}}), k), n, 0, 2)
				t2 := sub(repeated(t, block(n, [][]mat.Matrix{{a, fd, nil}, {nil, a, e}, {nil, nil, a}}), k), n, 0, 2)
				t1.Add(t1, t2)
				got, want := check.Inner(&h, fd), check.Inner(yb, t1)
				scale := maxAbs(yb) * math.Max(maxAbs(t1), 1e-300) * float64(n*n)
				if math.Abs(got-want) > 1e-12*float64(k*k+1)*scale {
					t.Errorf("n=%d k=%d: <HVP(E,Ȳ), F> = %v, <Ȳ, d²Y[E,F]> = %v", n, k, got, want)
				}
			}
		}
	}
}

// TestAdjoint checks the VJP against the JVP by the adjoint identity
// <Ȳ, JVP(E)> = <VJP(Ȳ), E>, and the HVP against itself: the Hessian of
// <Ȳ, A^k> is symmetric, <F, HVP(E, Ȳ)> = <HVP(F, Ȳ), E>. The tolerance is
// check.Adjoint's, 64·ε·n relative to the Cauchy–Schwarz bound of both sides.
func TestAdjoint(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{1, 2, 4, 9} {
		a := scaled(rng, n)
		for _, k := range ks {
			var f Power
			if err := f.Factorize(a, k); err != nil {
				t.Fatal(err)
			}
			e, fd, yb := check.Direction(rng, n, n), check.Direction(rng, n, n), check.Direction(rng, n, n)
			if r := check.Adjoint(f.JVP, f.VJP, e, yb, nil); !r.Pass {
				t.Errorf("n=%d k=%d: JVP and VJP: %v", n, k, r)
			}
			hvp := func(dst *mat.Dense, e mat.Matrix) { f.HVP(dst, e, yb) }
			if r := check.Adjoint(hvp, hvp, e, fd, nil); !r.Pass {
				t.Errorf("n=%d k=%d: HVP is not symmetric: %v", n, k, r)
			}
		}
	}
}

// TestFiniteDifferences checks by finite differences (package check,
// Richardson at a searched step) the JVP against Pow, the VJP entry by entry
// against the gradient of <Ȳ, A^k>, and the HVP against the VJP map
// A ↦ VJP_A(Ȳ). The tolerance is check's, at most fdTol = 1e-7 relative in
// the Frobenius norm; the zero derivatives (the JVP and VJP at k = 0, the
// HVP at k = 0 and 1) must come out zero to within the rounding of the
// differences. The functions panic on an error, which check takes as a
// point outside their domain.
func TestFiniteDifferences(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for _, n := range []int{1, 2, 3, 6} {
		a := scaled(rng, n)
		for _, k := range ks {
			e, yb := check.Direction(rng, n, n), check.Direction(rng, n, n)
			var f Power
			if err := f.Factorize(a, k); err != nil {
				t.Fatal(err)
			}
			pow := func(dst *mat.Dense, x mat.Matrix) {
				if err := Pow(dst, x, k); err != nil {
					panic(err)
				}
			}
			vjpAt := func(dst *mat.Dense, x mat.Matrix) {
				if err := VJP(dst, x, k, yb); err != nil {
					panic(err)
				}
			}
			hvp := func(dst *mat.Dense, e mat.Matrix) { f.HVP(dst, e, yb) }
			for name, r := range map[string]check.Result{
				"JVP": check.JVP(pow, f.JVP, a, e, fdOpts),
				"VJP": check.VJP(pow, f.VJP, a, yb, fdOpts),
				"HVP": check.JVP(vjpAt, hvp, a, e, fdOpts),
			} {
				if !r.Pass {
					t.Errorf("n=%d k=%d: %s against finite differences: %v", n, k, name, r)
				}
			}
		}
	}
}

// TestDual checks the JVP and the HVP against forward-mode dual numbers
// (package check/dual), binary powering in dual arithmetic that shares no
// code with the analytic rules: (A + εE)^k = A^k + ε·JVP(E), and the top
// right block of ([[Aᵀ, Ȳ], [0, Aᵀ]] + ε·diag(Eᵀ, Eᵀ))^k is VJP(Ȳ) plus ε
// times HVP(E, Ȳ). Tolerances: 1e-13·|k| for the JVP and the VJP, as for
// the block identities of TestJVPBlock, and 1e-13·(k² + 1) for the HVP, as in
// TestSmallPath, relative in the ∞-norm.
func TestDual(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 18))
	for _, n := range []int{1, 2, 3, 5, 8, 16} {
		a := scaled(rng, n)
		at := a.T()
		for _, k := range ks {
			e, yb := check.Direction(rng, n, n), check.Direction(rng, n, n)
			et := e.T()
			var f Power
			if err := f.Factorize(a, k); err != nil {
				t.Fatal(err)
			}
			var y, z dual.Matrix
			if err := y.Pow(dual.NewMatrix(a, e), k); err != nil {
				t.Fatal(err)
			}
			if err := z.Pow(dual.NewMatrix(block(n, [][]mat.Matrix{{at, yb}, {nil, at}}), block(n, [][]mat.Matrix{{et, nil}, {nil, et}})), k); err != nil {
				t.Fatal(err)
			}
			var jv, vj, hv mat.Dense
			f.JVP(&jv, e)
			f.VJP(&vj, yb)
			f.HVP(&hv, e, yb)
			tol1, tol2 := 1e-13*float64(abs(k)), 1e-13*float64(k*k+1)
			if d := relDiff(&jv, y.Eps(0)); !(d <= tol1) {
				t.Errorf("n=%d k=%d: JVP differs from dual numbers by %g > %g", n, k, d, tol1)
			}
			if d := relDiff(&vj, sub(z.Real(), n, 0, 1)); !(d <= tol1) {
				t.Errorf("n=%d k=%d: VJP differs from the dual block power by %g > %g", n, k, d, tol1)
			}
			if d := relDiff(&hv, sub(z.Eps(0), n, 0, 1)); !(d <= tol2) {
				t.Errorf("n=%d k=%d: HVP differs from dual numbers by %g > %g", n, k, d, tol2)
			}
		}
	}
}

// TestProducts counts the matrix products of the derivatives: the JVP at
// k = 1000 costs at most 3 GEMMs per bit of k.
func TestProducts(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	const n = 5                   // above the small-matrix path, which does not call the BLAS
	a := check.Orthogonal(rng, n) // keeps A^1000 and A^−1000 moderate
	e, yb := check.Gaussian(rng, n, n), check.Gaussian(rng, n, n)
	c, restore := blascount.Install()
	defer restore()
	for _, k := range []int{1000, -1000, 1023, 1024, 2, 1, -1} {
		var f Power
		if err := f.Factorize(a, k); err != nil {
			t.Fatalf("k=%d: %v", k, err)
		}
		m := uint(abs(k))
		steps := bits.Len(m) - 1 + bits.OnesCount(m) - 1 // squarings + multiplications
		extra := 0
		if k < 0 {
			extra = 2
		}
		var d mat.Dense
		for _, call := range []struct {
			name string
			run  func()
			want int
		}{
			{"JVP", func() { f.JVP(&d, e) }, 2*steps + extra},
			{"VJP", func() { f.VJP(&d, yb) }, 2*steps + extra},
		} {
			c.Reset()
			call.run()
			if c.Gemm != call.want || c.Trsm != 0 || c.TT != 0 {
				t.Errorf("k=%d: %s: %d GEMMs (%d of Aᵀ Bᵀ) and %d TRSMs, want %d, 0 and 0", k, call.name, c.Gemm, c.TT, c.Trsm, call.want)
			}
		}
		if k == 1000 {
			c.Reset()
			f.JVP(&d, e)
			if perBit := float64(c.Gemm) / float64(bits.Len(m)); perBit > 3 {
				t.Errorf("k=1000: JVP costs %.2f GEMMs per bit, want ≤ 3", perBit)
			}
		}
		c.Reset()
		f.HVP(&d, e, yb)
		if limit := 8*steps + 7; c.Gemm > limit || c.TT != 0 {
			t.Errorf("k=%d: HVP costs %d GEMMs (%d of Aᵀ Bᵀ), want ≤ %d (and 0)", k, c.Gemm, c.TT, limit)
		}
	}
}

func TestExtremeK(t *testing.T) {
	one := mat.NewDense(1, 1, []float64{1})
	minusI := mat.NewDense(2, 2, []float64{-1, 0, 0, -1})
	for _, k := range []int{math.MaxInt, math.MinInt, math.MaxInt - 1} {
		var f Power
		if err := f.Factorize(one, k); err != nil {
			t.Fatalf("k=%d: %v", k, err)
		}
		var v, j mat.Dense
		f.Value(&v)
		f.JVP(&j, one)
		if v.At(0, 0) != 1 {
			t.Errorf("1^%d = %v", k, v.At(0, 0))
		}
		// d(aᵏ)/da at a = 1 is k.
		if want := float64(k); math.Abs(j.At(0, 0)-want) > 1e-15*math.Abs(want) {
			t.Errorf("k=%d: JVP at 1 = %v, want %v", k, j.At(0, 0), want)
		}
		if err := f.Factorize(minusI, k); err != nil {
			t.Fatal(err)
		}
		v.Reset()
		f.Value(&v)
		sign := 1.0
		if k%2 != 0 {
			sign = -1
		}
		if !mat.Equal(&v, mat.NewDense(2, 2, []float64{sign, 0, 0, sign})) {
			t.Errorf("(−I)^%d = %v", k, mat.Formatted(&v))
		}
	}
}

func TestErrors(t *testing.T) {
	nan := mat.NewDense(2, 2, []float64{1, math.NaN(), 3, 4})
	for _, k := range []int{-2, 0, 3} {
		var f Power
		if err := f.Factorize(nan, k); !errors.Is(err, matcalc.ErrNaN) {
			t.Errorf("k=%d: NaN input: err = %v, want ErrNaN", k, err)
		}
		inf := mat.NewDense(1, 1, []float64{math.Inf(-1)})
		if err := f.Factorize(inf, k); !errors.Is(err, matcalc.ErrNaN) {
			t.Errorf("k=%d: −Inf input: err = %v, want ErrNaN", k, err)
		}
		if msg := mustPanic(func() { f.Value(&mat.Dense{}) }); !strings.Contains(msg, "power.(*Power).Value") {
			t.Errorf("Value after a failed Factorize: panic %q", msg)
		}
	}

	// Negative powers of singular matrices; positive ones are fine.
	shift := mat.NewDense(3, 3, []float64{0, 1, 0, 0, 0, 1, 0, 0, 0})
	for _, a := range []*mat.Dense{shift, mat.NewDense(2, 2, []float64{1, 2, 2, 4}), mat.NewDense(2, 2, nil)} {
		n, _ := a.Dims()
		dst := mat.NewDense(n, n, nil)
		for _, k := range []int{-1, -4} {
			err := Pow(dst, a, k)
			var ce *matcalc.ConditionError
			if !errors.As(err, &ce) || !ce.Singular || ce.Op != "power.(*Power).Factorize" || !errors.Is(err, matcalc.ErrSingular) {
				t.Errorf("k=%d: err = %#v, want a singular ConditionError from power", k, err)
			}
			if !mat.Equal(dst, mat.NewDense(n, n, nil)) {
				t.Errorf("k=%d: Pow of a singular matrix wrote dst", k)
			}
		}
	}
	// The shift is nilpotent: S³ = 0, and d(S³)[E] = S²E + SES + ES².
	var f Power
	if err := f.Factorize(shift, 3); err != nil {
		t.Fatal(err)
	}
	var v, j mat.Dense
	f.Value(&v)
	if !mat.Equal(&v, mat.NewDense(3, 3, nil)) {
		t.Errorf("S³ = %v, want 0", mat.Formatted(&v))
	}
	e := mat.NewDense(3, 3, []float64{1, 2, 3, 4, 5, 6, 7, 8, 9})
	f.JVP(&j, e)
	var w, t1 mat.Dense
	w.Product(shift, shift, e)
	t1.Product(shift, e, shift)
	w.Add(&w, &t1)
	t1.Product(e, shift, shift)
	w.Add(&w, &t1)
	if !mat.Equal(&j, &w) {
		t.Errorf("d(S³)[E] = %v, want %v", mat.Formatted(&j), mat.Formatted(&w))
	}

	// Ill-conditioned with k < 0: the result and the estimate.
	eps := math.Nextafter(1, 2) - 1
	ill := mat.NewDense(2, 2, []float64{1, 1, 1, 1 + eps})
	dst := mat.NewDense(2, 2, nil)
	err := Pow(dst, ill, -1)
	var ce *matcalc.ConditionError
	if !errors.As(err, &ce) || ce.Singular || ce.Cond <= 1e16 {
		t.Errorf("ill-conditioned: err = %#v, want a ConditionError with the estimate", err)
	}
	if d := relDiff(dst, mat.NewDense(2, 2, []float64{1 + 1/eps, -1 / eps, -1 / eps, 1 / eps})); d > 1e-15 {
		t.Errorf("ill-conditioned: A⁻¹ = %v", mat.Formatted(dst))
	}

	// Overflow.
	big := mat.NewDense(2, 2, []float64{1e200, 0, 0, 1})
	if err := Pow(dst, big, 2); !errors.Is(err, matcalc.ErrOverflow) {
		t.Errorf("overflow: err = %v, want ErrOverflow", err)
	}
	if err := Pow(dst, mat.NewDense(1, 1, []float64{1e-200}), -2); !errors.Is(err, matcalc.ErrOverflow) {
		t.Errorf("overflow of a negative power: err = %v, want ErrOverflow", err)
	}
}

func TestEdgeCases(t *testing.T) {
	// 0×0.
	var f Power
	if err := f.Factorize(&mat.Dense{}, 5); err != nil {
		t.Fatal(err)
	}
	var d mat.Dense
	f.Value(&d)
	f.JVP(&d, &mat.Dense{})
	f.HVP(&d, &mat.Dense{}, &mat.Dense{})
	if !d.IsEmpty() {
		t.Errorf("0×0: dst = %v", mat.Formatted(&d))
	}
	// k = 0 gives I and zero derivatives, even for a singular A; k = 1 gives
	// A, E, Ȳ and a zero Hessian.
	a := mat.NewDense(2, 2, []float64{1, 2, 2, 4})
	e := mat.NewDense(2, 2, []float64{1, -1, 2, 3})
	for _, k := range []int{0, 1} {
		if err := f.Factorize(a, k); err != nil {
			t.Fatal(err)
		}
		var v, j, g, h mat.Dense
		f.Value(&v)
		f.JVP(&j, e)
		f.VJP(&g, e)
		f.HVP(&h, e, e)
		zero := mat.NewDense(2, 2, nil)
		wantV, wantJ := mat.NewDense(2, 2, []float64{1, 0, 0, 1}), zero
		if k == 1 {
			wantV, wantJ = a, e
		}
		if !mat.Equal(&v, wantV) || !mat.Equal(&j, wantJ) || !mat.Equal(&g, wantJ) || !mat.Equal(&h, zero) {
			t.Errorf("k=%d: value %v, JVP %v, VJP %v, HVP %v", k, mat.Formatted(&v), mat.Formatted(&j), mat.Formatted(&g), mat.Formatted(&h))
		}
	}
}

func TestShapePanics(t *testing.T) {
	var f Power
	if msg := mustPanic(func() { f.Factorize(mat.NewDense(2, 3, nil), 2) }); msg != "power.(*Power).Factorize: a is 2×3, want square" {
		t.Errorf("Factorize of 2×3: panic %q", msg)
	}
	if msg := mustPanic(func() { f.JVP(&mat.Dense{}, nil) }); !strings.Contains(msg, "power.(*Power).JVP") {
		t.Errorf("JVP before Factorize: panic %q", msg)
	}
	if err := f.Factorize(mat.NewDense(2, 2, []float64{1, 2, 3, 4}), 3); err != nil {
		t.Fatal(err)
	}
	e3, e2 := mat.NewDense(3, 3, nil), mat.NewDense(2, 2, nil)
	for want, call := range map[string]func(){
		"power.(*Power).Value: dst is 3×3, want 2×2":                                    func() { f.Value(e3) },
		"power.(*Power).JVP: dA is 3×3, want 2×2":                                       func() { f.JVP(e2, e3) },
		"power.(*Power).VJP: dst is 3×3, want 2×2":                                      func() { f.VJP(e3, e2) },
		"power.(*Power).HVP: yBar is 3×3, want 2×2":                                     func() { f.HVP(e2, e2, e3) },
		"power.(*Power).JVP: dst is nil, want a *mat.Dense (an empty one is sized 2×2)": func() { f.JVP(nil, e2) },
	} {
		if msg := mustPanic(call); msg != want {
			t.Errorf("panic %q, want %q", msg, want)
		}
	}
}

func TestAliasing(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	const n = 4
	a, e, yb := scaled(rng, n), check.Gaussian(rng, n, n), check.Gaussian(rng, n, n)
	for _, k := range []int{-3, 1, 6} {
		var f Power
		if err := f.Factorize(a, k); err != nil {
			t.Fatal(err)
		}
		var jv, vj, hv mat.Dense
		f.JVP(&jv, e)
		f.VJP(&vj, yb)
		f.HVP(&hv, e, yb)
		d := mat.DenseCopyOf(e)
		if f.JVP(d, d); !mat.Equal(d, &jv) {
			t.Errorf("k=%d: JVP(dA, dA) differs", k)
		}
		d = mat.DenseCopyOf(yb)
		if f.VJP(d, d); !mat.Equal(d, &vj) {
			t.Errorf("k=%d: VJP(yBar, yBar) differs", k)
		}
		d = mat.DenseCopyOf(e)
		if f.HVP(d, d, yb); !mat.Equal(d, &hv) {
			t.Errorf("k=%d: HVP(dA, dA, yBar) differs", k)
		}
		d = mat.DenseCopyOf(yb)
		if f.HVP(d, e, d); !mat.Equal(d, &hv) {
			t.Errorf("k=%d: HVP(yBar, dA, yBar) differs", k)
		}
		var jt mat.Dense
		f.JVP(&jt, mat.DenseCopyOf(e.T()).T())
		if !mat.Equal(&jt, &jv) {
			t.Errorf("k=%d: JVP of a mat.Transpose differs", k)
		}
	}
}

// TestSmallNoAllocs checks that for n ≤ 4 a reused Power with reused
// destinations allocates nothing after the first call.
func TestSmallNoAllocs(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	for n := 1; n <= 4; n++ {
		a, e, yb := scaled(rng, n), check.Gaussian(rng, n, n), check.Gaussian(rng, n, n)
		for _, k := range []int{-5, 0, 1, 13} {
			var f Power
			var v, d mat.Dense
			run := func() {
				if err := f.Factorize(a, k); err != nil {
					panic(err)
				}
				f.Value(&v)
				f.JVP(&d, e)
				f.VJP(&d, yb)
				f.HVP(&d, e, yb)
			}
			run()
			if allocs := testing.AllocsPerRun(20, run); allocs != 0 {
				t.Errorf("n=%d k=%d: %v allocations per run, want 0", n, k, allocs)
			}
		}
	}
}

// TestSmallPath checks the small-matrix path (plain loops for n ≤ 4)
// against the BLAS path on the same inputs.
func TestSmallPath(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	for n := 1; n <= 4; n++ {
		a, e, yb := scaled(rng, n), check.Gaussian(rng, n, n), check.Gaussian(rng, n, n)
		for _, k := range ks {
			run := func() []*mat.Dense {
				var f Power
				if err := f.Factorize(a, k); err != nil {
					t.Fatal(err)
				}
				var v, j, g, h mat.Dense
				f.Value(&v)
				f.JVP(&j, e)
				f.VJP(&g, yb)
				f.HVP(&h, e, yb)
				return []*mat.Dense{&v, &j, &g, &h}
			}
			small := run()
			saved := dense.SmallMax
			dense.SmallMax = 0
			big := run()
			dense.SmallMax = saved
			for i, name := range []string{"Value", "JVP", "VJP", "HVP"} {
				var d mat.Dense
				d.Sub(small[i], big[i])
				if r := maxAbs(&d) / max(maxAbs(big[i]), 1); r > 1e-13*float64(k*k+1) {
					t.Errorf("n=%d k=%d: %s: small path differs from the BLAS path by %g", n, k, name, r)
				}
			}
		}
	}
}
