package kernels

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/lapack"
	"gonum.org/v1/gonum/lapack/testlapack"
	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/check"
)

// otherBits is the payload of the NaN written into the triangle Dpotrf and
// Dlansy must not reference.
const otherBits = 0x7ff8_0bad_f00d_0002

// potrfConfig is a setting of Dpotrf's tuning variables.
type potrfConfig struct {
	leaf, lowerCopy int
}

func (c potrfConfig) String() string { return fmt.Sprintf("leaf=%d/lcopy=%d", c.leaf, c.lowerCopy) }

// with runs f with potrfLeaf and potrfLowerCopy set to c's.
func (c potrfConfig) with(f func()) {
	defer func(l, lc int) { potrfLeaf, potrfLowerCopy = l, lc }(potrfLeaf, potrfLowerCopy)
	potrfLeaf, potrfLowerCopy = c.leaf, c.lowerCopy
	f()
}

// potrfConfigs are the settings the tests run: the default; leaves of 5
// and 8, so that the recursion splits every matrix of a few dozen; and no
// transposed copy for Lower (its right-side recursion and in-place leaves
// all the way down) or a small one. -short runs the first three.
func potrfConfigs() []potrfConfig {
	cs := []potrfConfig{{potrfLeaf, potrfLowerCopy}, {5, 0}, {8, 20}}
	if !testing.Short() {
		cs = append(cs, potrfConfig{5, 12}, potrfConfig{8, 0})
	}
	return cs
}

// potrfSizes are the orders of the Cholesky tests: 0, 1, primes and both
// sides of the leaves used (5, 8, 32), of their halvings and of the order
// below which Lower is factored in a transposed copy (128).
func potrfSizes() []int {
	s := []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 13, 16, 17, 23, 31, 32, 33, 47, 64, 65, 97, 127, 128, 129}
	if !testing.Short() {
		s = append(s, 131, 200, 257)
	}
	return s
}

// TestPotrfConformance runs gonum's conformance tests of Dpotrf, Dpotf2
// and Dlansy on LAPACK on every path; without -short Dpotrf also with
// leaves of 5 and no transposed copy for Lower (TestPotrf runs the other
// settings of potrfConfigs). With -short, Dpotrf's suite (orders up to 500,
// 10 s under qemu) runs only on the paths with a GEMM microkernel;
// TestPotrf covers the others.
func TestPotrfConformance(t *testing.T) {
	impl := LAPACK{}
	eachLAPACKPath(t, func(t *testing.T) {
		t.Run("Dpotf2", func(t *testing.T) { testlapack.Dpotf2Test(t, impl) })
		t.Run("Dlansy", func(t *testing.T) { testlapack.DlansyTest(t, impl) })
		if testing.Short() && active.Load().gemm == nil {
			return
		}
		t.Run("Dpotrf", func(t *testing.T) { testlapack.DpotrfTest(t, impl) })
		if testing.Short() {
			return
		}
		c := potrfConfig{5, 0}
		t.Run("Dpotrf/"+c.String(), func(t *testing.T) { c.with(func() { testlapack.DpotrfTest(t, impl) }) })
	})
}

// spdMatrix returns a random n×n symmetric positive definite matrix
// G·Gᵀ/n + I/2, G with entries uniform in [−1, 1) (2-norm condition number
// below about 4), stored in full with row stride ld in a guarded matrix.
func spdMatrix(rng *rand.Rand, n, ld int) *matrix {
	a := newMatrix(rng, n, n, max(1, ld))
	g := newMatrix(rng, n, n, max(1, n))
	for i := 0; i < n; i++ {
		for j := 0; j <= i; j++ {
			v := dotTo(g.data[i*n:i*n+n], g.data[j*n:j*n+n]) / float64(n)
			if i == j {
				v += 0.5
			}
			a.data[i*a.ld+j], a.data[j*a.ld+i] = v, v
		}
	}
	return a
}

// poisonOther overwrites the triangle of a opposite to ul (the diagonal
// excluded) with the NaN of otherBits.
func poisonOther(a *matrix, ul blas.Uplo) {
	nan := math.Float64frombits(otherBits)
	for i := 0; i < a.r; i++ {
		for j := 0; j < a.c; j++ {
			if (ul == blas.Upper && j < i) || (ul == blas.Lower && j > i) {
				a.data[i*a.ld+j] = nan
			}
		}
	}
}

// checkOther reports a test error if the triangle of got opposite to ul
// differs in any bit from that of orig.
func checkOther(t *testing.T, name string, got, orig *matrix, ul blas.Uplo) {
	t.Helper()
	for i := 0; i < got.r; i++ {
		for j := 0; j < got.c; j++ {
			if (ul == blas.Upper && j < i) || (ul == blas.Lower && j > i) {
				if g, o := got.at(i, j), orig.at(i, j); math.Float64bits(g) != math.Float64bits(o) {
					t.Errorf("%s: unreferenced A[%d,%d] = %v, was %v", name, i, j, g, o)
					return
				}
			}
		}
	}
}

// factorAt returns the element (p, j) of the upper factor U held in the ul
// triangle of f (U = Lᵀ for Lower), 0 below the diagonal.
func factorAt(f *matrix, ul blas.Uplo, p, j int) float64 {
	switch {
	case p > j:
		return 0
	case ul == blas.Upper:
		return f.at(p, j)
	}
	return f.at(j, p)
}

// TestPotrf checks Dpotrf on random symmetric positive definite matrices
// of every order of potrfSizes, both triangles, with and without padding
// between rows and for every setting of potrfConfigs. The triangle not
// referenced holds NaN, and it, the padding and the guards around the
// matrix must be left untouched; the factor must reproduce A elementwise
// within the backward error bound of Cholesky, |UᵀU − A| ≤ γ_{n+1}·|Uᵀ|·|U|
// (Higham, Accuracy and Stability, Theorem 10.3; here with a margin of
// 4), have a positive diagonal, and agree with gonum's Dpotrf to 1e-12
// relative to the largest element. Dpotf2 is checked the same way.
func TestPotrf(t *testing.T) {
	eachLAPACKPath(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(21, 22))
		for _, n := range potrfSizes() {
			for _, pad := range []int{0, 3} {
				src := spdMatrix(rng, n, n+pad)
				for _, ul := range []blas.Uplo{blas.Upper, blas.Lower} {
					a := src.clone()
					poisonOther(a, ul)
					for _, c := range potrfConfigs() {
						name := fmt.Sprintf("%v/n=%d/lda=%d/%c/Dpotrf", c, n, n+pad, ul)
						c.with(func() { checkPotrf(t, name, ul, a, LAPACK.Dpotrf) })
					}
					if n <= 65 {
						name := fmt.Sprintf("n=%d/lda=%d/%c/Dpotf2", n, n+pad, ul)
						checkPotrf(t, name, ul, a, LAPACK.Dpotf2)
					}
				}
			}
		}
	})
}

// checkPotrf factors a copy of a (its ul triangle) with f and checks the
// result as TestPotrf describes.
func checkPotrf(t *testing.T, name string, ul blas.Uplo, a *matrix, f func(LAPACK, blas.Uplo, int, []float64, int) bool) {
	t.Helper()
	n := a.r
	got := a.clone()
	if !f(LAPACK{}, ul, n, got.data, max(1, got.ld)) {
		t.Errorf("%s: ok = false for a positive definite matrix", name)
		return
	}
	got.checkGuards(t, name)
	checkOther(t, name, got, a, ul)
	want := a.clone()
	if !ref.Dpotrf(ul, n, want.data, max(1, want.ld)) {
		t.Fatalf("%s: gonum: ok = false", name)
	}
	var maxU, d float64
	for i := 0; i < n; i++ {
		if u := factorAt(got, ul, i, i); !(u > 0) {
			t.Errorf("%s: diagonal U[%d,%d] = %v not positive", name, i, i, u)
			return
		}
		for j := i; j < n; j++ {
			g, w := factorAt(got, ul, i, j), factorAt(want, ul, i, j)
			maxU = math.Max(maxU, math.Abs(w))
			d = math.Max(d, math.Abs(g-w))
		}
	}
	if !(d <= 1e-12*maxU) {
		t.Errorf("%s: factor differs from gonum's by %v (max |U| %v)", name, d, maxU)
	}
	gamma := 4 * float64(n+1) * 0x1p-53
	bad := 0
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			var s, abs float64
			for p := 0; p <= i; p++ {
				v := factorAt(got, ul, p, i) * factorAt(got, ul, p, j)
				s += v
				abs += math.Abs(v)
			}
			aij := a.at(i, j)
			if ul == blas.Lower {
				aij = a.at(j, i)
			}
			if e := math.Abs(s - aij); !(e <= gamma*abs) {
				if bad < 3 {
					t.Errorf("%s: (UᵀU)[%d,%d] = %v, A = %v: error %.3g > bound %.3g", name, i, j, s, aij, e, gamma*abs)
				}
				bad++
			}
		}
	}
}

// TestPotrfNotPD checks Dpotrf and Dpotf2 on matrices that are not
// positive definite, made from a positive definite M by lowering one
// diagonal element m_kk by its Schur complement s_k plus 1 (or setting it
// to NaN): the leading minors of order up to k are M's, positive, and the
// Schur complement of order k+1 is exactly −1 (NaN). Both must return false
// at that minor as gonum's does: the diagonal holds positive values before
// k and −1 (NaN) at k, to rounding, and the leading k×k block of the
// factor is gonum's. Nothing outside the ul triangle may change.
func TestPotrfNotPD(t *testing.T) {
	eachLAPACKPath(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(23, 24))
		sizes := []int{1, 2, 7, 33, 64, 100}
		if !testing.Short() {
			sizes = append(sizes, 200)
		}
		for _, n := range sizes {
			src := spdMatrix(rng, n, n+1)
			f := src.clone()
			if !ref.Dpotrf(blas.Upper, n, f.data, f.ld) {
				t.Fatalf("n=%d: gonum: not positive definite", n)
			}
			ks := []int{0, n / 3, n / 2, n - 1}
			for _, k := range ks {
				for _, nan := range []bool{false, true} {
					a := src.clone()
					want := -1.0
					if nan {
						a.data[k*a.ld+k] = math.NaN()
						want = math.NaN()
					} else {
						sk := f.at(k, k) * f.at(k, k)
						a.data[k*a.ld+k] -= sk + 1
					}
					for _, ul := range []blas.Uplo{blas.Upper, blas.Lower} {
						p := a.clone()
						poisonOther(p, ul)
						for _, c := range potrfConfigs() {
							name := fmt.Sprintf("%v/n=%d/k=%d/nan=%t/%c/Dpotrf", c, n, k, nan, ul)
							c.with(func() { checkNotPD(t, name, ul, p, k, want, LAPACK.Dpotrf) })
						}
						name := fmt.Sprintf("n=%d/k=%d/nan=%t/%c/Dpotf2", n, k, nan, ul)
						checkNotPD(t, name, ul, p, k, want, LAPACK.Dpotf2)
					}
				}
			}
		}
	})
}

// checkNotPD factors a copy of a with f and checks the result as
// TestPotrfNotPD describes.
func checkNotPD(t *testing.T, name string, ul blas.Uplo, a *matrix, k int, wantDiag float64, f func(LAPACK, blas.Uplo, int, []float64, int) bool) {
	t.Helper()
	n := a.r
	got := a.clone()
	if f(LAPACK{}, ul, n, got.data, got.ld) {
		t.Errorf("%s: ok = true for a matrix that is not positive definite", name)
		return
	}
	got.checkGuards(t, name)
	checkOther(t, name, got, a, ul)
	want := a.clone()
	if ref.Dpotrf(ul, n, want.data, want.ld) {
		t.Fatalf("%s: gonum: ok = true", name)
	}
	first := func(m *matrix) int {
		for i := 0; i < n; i++ {
			if v := m.at(i, i); !(v > 0) {
				return i
			}
		}
		return n
	}
	if g, w := first(got), first(want); g != k || w != k {
		t.Errorf("%s: stopped at minor %d, gonum's at %d, want %d", name, g, w, k)
		return
	}
	if g := got.at(k, k); math.IsNaN(wantDiag) != math.IsNaN(g) || (!math.IsNaN(g) && math.Abs(g-wantDiag) > 1e-10) {
		t.Errorf("%s: A[%d,%d] = %v at the failure, want %v", name, k, k, g, wantDiag)
	}
	var d, maxU float64
	for i := 0; i < k; i++ {
		for j := i; j < k; j++ {
			g, w := factorAt(got, ul, i, j), factorAt(want, ul, i, j)
			maxU = math.Max(maxU, math.Abs(w))
			d = math.Max(d, math.Abs(g-w))
		}
	}
	if !(d <= 1e-12*maxU) && k > 0 {
		t.Errorf("%s: leading %d×%d factor differs from gonum's by %v", name, k, k, d)
	}
}

// TestLansy compares Dlansy with gonum's for every norm and both
// triangles, with NaN in the other one, with and without padding (guards
// and the input must be left untouched): the 1-norm and ∞-norm to 4n·ε
// relative (the sums are taken in another order), and also with the
// largest absolute row sum of the full symmetric matrix; the max-abs and
// Frobenius norms (gonum's) exactly. A NaN or Inf in the triangle must give
// NaN or Inf as gonum's does.
func TestLansy(t *testing.T) {
	rng := rand.New(rand.NewPCG(25, 26))
	norms := []lapack.MatrixNorm{lapack.MaxColumnSum, lapack.MaxRowSum, lapack.MaxAbs, lapack.Frobenius}
	for _, n := range []int{0, 1, 2, 3, 4, 5, 7, 8, 9, 13, 64, 100} {
		for _, pad := range []int{0, 3} {
			src := newMatrix(rng, n, n, max(1, n+pad))
			for i := 0; i < n; i++ {
				for j := 0; j < i; j++ {
					src.data[i*src.ld+j] = src.at(j, i)
				}
			}
			var oracle float64
			for i := 0; i < n; i++ {
				var s float64
				for j := 0; j < n; j++ {
					s += math.Abs(src.at(i, j))
				}
				oracle = math.Max(oracle, s)
			}
			for _, ul := range []blas.Uplo{blas.Upper, blas.Lower} {
				a := src.clone()
				poisonOther(a, ul)
				for _, norm := range norms {
					name := fmt.Sprintf("n=%d/lda=%d/%c/norm=%c", n, n+pad, ul, norm)
					orig := a.clone()
					got := LAPACK{}.Dlansy(norm, ul, n, a.data, max(1, a.ld), make([]float64, n))
					if !sameBits(a, orig) {
						t.Fatalf("%s: Dlansy modified A or its guards", name)
					}
					want := ref.Dlansy(norm, ul, n, a.data, max(1, a.ld), make([]float64, n))
					switch norm {
					case lapack.MaxColumnSum, lapack.MaxRowSum:
						tol := 4 * float64(n) * 0x1p-53
						if !(math.Abs(got-want) <= tol*want) || !(math.Abs(got-oracle) <= tol*oracle) {
							t.Errorf("%s: %v, gonum's %v, largest row sum %v", name, got, want, oracle)
						}
					default:
						if got != want {
							t.Errorf("%s: %v, gonum's %v", name, got, want)
						}
					}
				}
				if n == 0 {
					continue
				}
				for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
					b := a.clone()
					i, j := rng.IntN(n), rng.IntN(n)
					if (ul == blas.Upper) != (i <= j) {
						i, j = j, i
					}
					b.data[i*b.ld+j] = bad
					for _, norm := range norms {
						got := LAPACK{}.Dlansy(norm, ul, n, b.data, b.ld, make([]float64, n))
						want := ref.Dlansy(norm, ul, n, b.data, b.ld, make([]float64, n))
						if math.IsNaN(got) != math.IsNaN(want) || (!math.IsNaN(got) && got != want) {
							t.Errorf("n=%d/lda=%d/%c/norm=%c: %v at [%d,%d]: %v, gonum's %v", n, b.ld, ul, norm, bad, i, j, got, want)
						}
					}
				}
			}
		}
	}
}

// TestPotrfMatCholesky checks that mat.Cholesky gives the same factor,
// log-determinant and condition number with Install as with gonum alone,
// for well and badly conditioned matrices (to tolerances that grow with the
// condition number κ), and the same failure for one that is not positive
// definite.
func TestPotrfMatCholesky(t *testing.T) {
	rng := rand.New(rand.NewPCG(27, 28))
	sizes := []int{1, 2, 5, 33, 100}
	if !testing.Short() {
		sizes = append(sizes, 300)
	}
	for _, n := range sizes {
		for _, cond := range []float64{10, 1e8} {
			a := check.SPD(rng, n, cond)
			var want, got mat.Cholesky
			if !want.Factorize(a) {
				t.Fatalf("n=%d cond=%g: gonum: not positive definite", n, cond)
			}
			restore := Install()
			ok := got.Factorize(a)
			restore()
			if !ok {
				t.Fatalf("n=%d cond=%g: installed: not positive definite", n, cond)
			}
			// Both factors are exact for A + ΔA with |ΔA| ≲ nε|A|, which
			// moves log det A by tr(A⁻¹ΔA) ≤ n·κ·nε to first order.
			tol := math.Max(1e-12*math.Max(1, math.Abs(want.LogDet())), 4*float64(n*n)*cond*0x1p-53)
			if wd, gd := want.LogDet(), got.LogDet(); math.Abs(gd-wd) > tol {
				t.Errorf("n=%d cond=%g: LogDet = %v, gonum's %v", n, cond, gd, wd)
			}
			if wc, gc := want.Cond(), got.Cond(); math.Abs(gc-wc) > 1e-8*wc {
				t.Errorf("n=%d cond=%g: Cond = %v, gonum's %v", n, cond, gc, wc)
			}
			var wu, gu mat.TriDense
			want.UTo(&wu)
			got.UTo(&gu)
			if !mat.EqualApprox(&gu, &wu, 1e-12*cond) {
				t.Errorf("n=%d cond=%g: factors differ", n, cond)
			}
		}
		// Not positive definite: one eigenvalue −1.
		a := check.SPD(rng, n, 10)
		for i := 0; i < n; i++ {
			a.SetSym(i, i, a.At(i, i)-a.At(i, i)*1.5)
		}
		var want, got mat.Cholesky
		wok := want.Factorize(a)
		restore := Install()
		gok := got.Factorize(a)
		restore()
		if wok || gok {
			t.Errorf("n=%d: not positive definite: ok = %t, gonum's %t", n, gok, wok)
		}
	}
	if _, ok := blas64.Implementation().(Implementation); ok {
		t.Errorf("restore left Implementation installed")
	}
}

// TestPotrfPanics checks that invalid arguments panic with gonum's
// messages and that the quick returns are gonum's.
func TestPotrfPanics(t *testing.T) {
	catch := func(f func()) (msg any) {
		defer func() { msg = recover() }()
		f()
		return nil
	}
	a := make([]float64, 9)
	w := make([]float64, 3)
	for _, tc := range []struct {
		name     string
		got, ref func()
	}{
		{"Dpotrf/uplo", func() { LAPACK{}.Dpotrf('X', 3, a, 3) }, func() { ref.Dpotrf('X', 3, a, 3) }},
		{"Dpotrf/n<0", func() { LAPACK{}.Dpotrf(blas.Upper, -1, a, 3) }, func() { ref.Dpotrf(blas.Upper, -1, a, 3) }},
		{"Dpotrf/lda", func() { LAPACK{}.Dpotrf(blas.Lower, 3, a, 2) }, func() { ref.Dpotrf(blas.Lower, 3, a, 2) }},
		{"Dpotrf/shortA", func() { LAPACK{}.Dpotrf(blas.Upper, 3, a[:8], 3) }, func() { ref.Dpotrf(blas.Upper, 3, a[:8], 3) }},
		{"Dpotf2/uplo", func() { LAPACK{}.Dpotf2('X', 3, a, 3) }, func() { ref.Dpotf2('X', 3, a, 3) }},
		{"Dpotf2/shortA", func() { LAPACK{}.Dpotf2(blas.Lower, 3, a[:8], 3) }, func() { ref.Dpotf2(blas.Lower, 3, a[:8], 3) }},
		{"Dlansy/norm", func() { LAPACK{}.Dlansy('X', blas.Upper, 3, a, 3, w) }, func() { ref.Dlansy('X', blas.Upper, 3, a, 3, w) }},
		{"Dlansy/uplo", func() { LAPACK{}.Dlansy(lapack.MaxRowSum, 'X', 3, a, 3, w) }, func() { ref.Dlansy(lapack.MaxRowSum, 'X', 3, a, 3, w) }},
		{"Dlansy/lda", func() { LAPACK{}.Dlansy(lapack.MaxRowSum, blas.Upper, 3, a, 2, w) }, func() { ref.Dlansy(lapack.MaxRowSum, blas.Upper, 3, a, 2, w) }},
		{"Dlansy/shortA", func() { LAPACK{}.Dlansy(lapack.MaxRowSum, blas.Upper, 3, a[:8], 3, w) }, func() { ref.Dlansy(lapack.MaxRowSum, blas.Upper, 3, a[:8], 3, w) }},
		{"Dlansy/work", func() { LAPACK{}.Dlansy(lapack.MaxColumnSum, blas.Lower, 3, a, 3, w[:2]) }, func() { ref.Dlansy(lapack.MaxColumnSum, blas.Lower, 3, a, 3, w[:2]) }},
	} {
		got, want := catch(tc.got), catch(tc.ref)
		if want == nil || got != want {
			t.Errorf("%s: panic %v, gonum's %v", tc.name, got, want)
		}
	}
	if !(LAPACK{}).Dpotrf(blas.Upper, 0, nil, 1) || !(LAPACK{}).Dpotf2(blas.Lower, 0, nil, 1) {
		t.Errorf("Dpotrf or Dpotf2 with n = 0 = false, want true")
	}
	if r := (LAPACK{}).Dlansy(lapack.MaxRowSum, blas.Upper, 0, nil, 1, nil); r != 0 {
		t.Errorf("Dlansy with n = 0 = %v, want 0", r)
	}
}
