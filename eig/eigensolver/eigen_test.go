// Copyright ©2026 The matcalc Authors. All rights reserved.

package eigensolver

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/lapack"
	"gonum.org/v1/gonum/lapack/gonum"
	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc"
)

// ulp is the unit of the accuracy ratios, as in LAPACK's tests.
const ulp = 0x1p-52

// Bounds on the accuracy ratios ‖A V − V Λ‖₁ / (‖A‖₁ n ulp) and
// ‖VᵀV − I‖₁ / (n ulp). LAPACK's own tests accept 30; on every matrix
// here the solver stays below 2.5 (measured when the bounds were set).
const (
	residualBound = 10
	orthBound     = 10
	// Eigenvalues agree with a reference to valueBound·n·ulp·‖A‖₁.
	valueBound = 10
)

// leafSizes are the divide-and-conquer cutoffs the tests run with: the
// default, and tiny ones that make small matrices recurse deeply.
var leafSizes = []int{Cutoff, 2, 5}

func randomSym(rnd *rand.Rand, n int) *mat.SymDense {
	if n == 0 {
		return &mat.SymDense{}
	}
	a := mat.NewSymDense(n, nil)
	for i := range n {
		for j := i; j < n; j++ {
			a.SetSym(i, j, rnd.NormFloat64())
		}
	}
	return a
}

// randomOrthogonal returns the Q factor of a random Gaussian matrix.
func randomOrthogonal(rnd *rand.Rand, n int) *mat.Dense {
	g := mat.NewDense(n, n, nil)
	for i := range n {
		for j := range n {
			g.Set(i, j, rnd.NormFloat64())
		}
	}
	var qr mat.QR
	qr.Factorize(g)
	var q mat.Dense
	qr.QTo(&q)
	return &q
}

// withSpectrum returns Q diag(lam) Qᵀ for a random orthogonal Q.
func withSpectrum(rnd *rand.Rand, lam []float64) *mat.SymDense {
	n := len(lam)
	q := randomOrthogonal(rnd, n)
	var ql, a mat.Dense
	ql.Mul(q, mat.NewDiagDense(n, slices.Clone(lam)))
	a.Mul(&ql, q.T())
	s := mat.NewSymDense(n, nil)
	for i := range n {
		for j := i; j < n; j++ {
			s.SetSym(i, j, (a.At(i, j)+a.At(j, i))/2)
		}
	}
	return s
}

func tridiagSym(d, e []float64) *mat.SymDense {
	n := len(d)
	a := mat.NewSymDense(n, nil)
	for i := range n {
		a.SetSym(i, i, d[i])
		if i < n-1 {
			a.SetSym(i, i+1, e[i])
		}
	}
	return a
}

// accuracy returns the residual and orthogonality ratios of the
// eigendecomposition (vals, v) of a.
func accuracy(a mat.Symmetric, vals []float64, v *mat.Dense) (res, orth float64) {
	n := a.SymmetricDim()
	if n == 0 {
		return 0, 0
	}
	var av, vl mat.Dense
	av.Mul(a, v)
	vl.Mul(v, mat.NewDiagDense(n, slices.Clone(vals)))
	av.Sub(&av, &vl)
	anorm := mat.Norm(a, 1)
	if anorm == 0 {
		anorm = 1
	}
	res = mat.Norm(&av, 1) / (anorm * float64(n) * ulp)
	var vtv mat.Dense
	vtv.Mul(v.T(), v)
	for i := range n {
		vtv.Set(i, i, vtv.At(i, i)-1)
	}
	orth = mat.Norm(&vtv, 1) / (float64(n) * ulp)
	return res, orth
}

// check factorizes a with vectors and without, and checks the residual,
// the orthogonality, the ascending order, that both calls give the same
// eigenvalues (they come from different algorithms) and, if want is not
// nil, that the eigenvalues agree with want.
func check(t *testing.T, name string, e *Eigen, a mat.Symmetric, want []float64) {
	t.Helper()
	n := a.SymmetricDim()
	if err := e.Factorize(a, true); err != nil {
		t.Errorf("%s: %v", name, err)
		return
	}
	if e.Size() != n {
		t.Errorf("%s: Size() = %d, want %d", name, e.Size(), n)
	}
	vals := e.Values(nil)
	var v mat.Dense
	e.VectorsTo(&v)
	if !sort64(vals) {
		t.Errorf("%s: eigenvalues not ascending", name)
	}
	if n == 0 {
		if len(vals) != 0 || !v.IsEmpty() {
			t.Errorf("%s: values %v, vectors %v for 0×0", name, vals, v)
		}
		return
	}
	res, orth := accuracy(a, vals, &v)
	if res > residualBound || orth > orthBound {
		t.Errorf("%s: residual %.3g, orthogonality %.3g (n·ulp units), want ≤ %d, %d", name, res, orth, residualBound, orthBound)
	}
	anorm := mat.Norm(a, 1)
	tol := valueBound * float64(max(n, 1)) * ulp * anorm
	if err := e.Factorize(a, false); err != nil {
		t.Errorf("%s: values only: %v", name, err)
		return
	}
	only := e.Values(nil)
	for i := range vals {
		if !(math.Abs(only[i]-vals[i]) <= tol) {
			t.Errorf("%s: λ[%d] = %v with vectors, %v without", name, i, vals[i], only[i])
			break
		}
	}
	if want != nil {
		for i := range vals {
			if !(math.Abs(want[i]-vals[i]) <= tol) {
				t.Errorf("%s: λ[%d] = %v, want %v", name, i, vals[i], want[i])
				break
			}
		}
	}
}

func sort64(x []float64) bool { return slices.IsSorted(x) }

// gonumValues returns the eigenvalues gonum's mat.EigenSym computes
// (tridiagonal reduction and QL/QR iteration: an independent algorithm).
func gonumValues(t *testing.T, a mat.Symmetric) []float64 {
	if a.SymmetricDim() == 0 {
		return nil
	}
	var g mat.EigenSym
	if !g.Factorize(a, false) {
		t.Fatal("gonum EigenSym failed")
	}
	return g.Values(nil)
}

func TestRandom(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 1))
	sizes := []int{0, 1, 2, 3, 4, 7, Cutoff - 1, Cutoff, Cutoff + 1, 2 * Cutoff, 2*Cutoff + 1, 3*Cutoff + 7, 100}
	if !testing.Short() {
		sizes = append(sizes, 150, 301)
	}
	for _, leaf := range leafSizes {
		var e Eigen
		e.dc.leaf = leaf
		for _, n := range sizes {
			if leaf != Cutoff && (n > 100 || testing.Short() && n > 40) {
				continue
			}
			a := randomSym(rnd, n)
			check(t, fmt.Sprintf("leaf=%d n=%d", leaf, n), &e, a, gonumValues(t, a))
		}
	}
}

// TestSpectra checks matrices with prescribed spectra: exactly repeated
// eigenvalues, tight clusters and wide ranges, where deflation does most
// of the work.
func TestSpectra(t *testing.T) {
	rnd := rand.New(rand.NewPCG(2, 2))
	n := 80
	if testing.Short() {
		n = 40
	}
	spectra := []struct {
		name string
		f    func(i int) float64
	}{
		{"identity", func(i int) float64 { return 1 }},
		{"zero", func(i int) float64 { return 0 }},
		{"two values", func(i int) float64 { return float64(i % 2) }},
		{"five values", func(i int) float64 { return float64(i%5) - 2 }},
		{"cluster 1e-8", func(i int) float64 { return 1 + 1e-8*float64(i) }},
		{"cluster ulp", func(i int) float64 { return 1 + 4*ulp*float64(i%7) }},
		{"one apart", func(i int) float64 {
			if i == n-1 {
				return 1
			}
			return 1e-10 * float64(i)
		}},
		{"geometric", func(i int) float64 { return math.Pow(10, -12*float64(i)/float64(n)) }},
		{"arithmetic", func(i int) float64 { return float64(i) }},
		{"signed geometric", func(i int) float64 { return math.Pow(-1, float64(i)) * math.Pow(10, -6*float64(i)/float64(n)) }},
	}
	for _, leaf := range leafSizes {
		var e Eigen
		e.dc.leaf = leaf
		for _, sp := range spectra {
			lam := make([]float64, n)
			for i := range lam {
				lam[i] = sp.f(i)
			}
			slices.Sort(lam)
			check(t, fmt.Sprintf("leaf=%d %s", leaf, sp.name), &e, withSpectrum(rnd, lam), lam)
		}
	}
}

// TestGraded checks D R D with D = diag(10^(−k i/n)), R random: entries
// spanning many orders of magnitude.
func TestGraded(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 3))
	for _, leaf := range leafSizes {
		var e Eigen
		e.dc.leaf = leaf
		for _, k := range []float64{4, 12, 30} {
			n := 70
			a := randomSym(rnd, n)
			for i := range n {
				for j := i; j < n; j++ {
					a.SetSym(i, j, a.At(i, j)*math.Pow(10, -k*float64(i+j)/float64(2*n)))
				}
			}
			check(t, fmt.Sprintf("leaf=%d graded 1e-%g", leaf, k), &e, a, gonumValues(t, a))
		}
	}
}

// wilkinsonPlus returns the diagonal and off-diagonal of W⁺ of order 2m+1:
// d_i = |m − i|, e_i = 1. Its largest eigenvalues come in pairs that agree
// to many digits (for W21⁺ the top pair differs by about 1e-14).
func wilkinsonPlus(m int) (d, e []float64) {
	n := 2*m + 1
	d, e = make([]float64, n), make([]float64, n-1)
	for i := range d {
		d[i] = math.Abs(float64(m - i))
	}
	for i := range e {
		e[i] = 1
	}
	return d, e
}

// steqrValues returns the eigenvalues of a tridiagonal matrix by gonum's
// implicit QL/QR, an independent algorithm.
func steqrValues(d, e []float64) []float64 {
	dd, ee := slices.Clone(d), slices.Clone(e)
	gonum.Implementation{}.Dsteqr(lapack.EVCompNone, len(dd), dd, ee, nil, 1, nil)
	return dd
}

func TestWilkinson(t *testing.T) {
	ms := []int{10, 50, 100}
	if testing.Short() {
		ms = []int{10, 25}
	}
	for _, leaf := range leafSizes {
		var e Eigen
		e.dc.leaf = leaf
		for _, m := range ms {
			d, off := wilkinsonPlus(m)
			want := steqrValues(d, off)
			name := fmt.Sprintf("leaf=%d W%d+", leaf, 2*m+1)
			checkTridiagonal(t, name, &e, d, off, want)
			check(t, name+" dense", &e, tridiagSym(d, off), want)
		}
	}
	// The top pair of W21⁺ is 10.746194182903393 twice to 14 digits.
	d, off := wilkinsonPlus(10)
	var e Eigen
	if err := e.FactorizeTridiagonal(d, off, true); err != nil {
		t.Fatal(err)
	}
	vals := e.Values(nil)
	if math.Abs(vals[20]-vals[19]) > 1e-13 || math.Abs(vals[20]-10.746194182903393) > 1e-13 {
		t.Errorf("W21+: top pair %v, %v, want 10.746194182903393 twice", vals[19], vals[20])
	}
}

// checkTridiagonal is check for FactorizeTridiagonal.
func checkTridiagonal(t *testing.T, name string, e *Eigen, d, off, want []float64) {
	t.Helper()
	dc, oc := slices.Clone(d), slices.Clone(off)
	if err := e.FactorizeTridiagonal(d, off, true); err != nil {
		t.Errorf("%s: %v", name, err)
		return
	}
	if !slices.Equal(d, dc) || !slices.Equal(off, oc) {
		t.Errorf("%s: FactorizeTridiagonal modified its input", name)
	}
	vals := e.Values(nil)
	var v mat.Dense
	e.VectorsTo(&v)
	a := tridiagSym(d, off)
	res, orth := accuracy(a, vals, &v)
	if res > residualBound || orth > orthBound {
		t.Errorf("%s: residual %.3g, orthogonality %.3g (n·ulp units)", name, res, orth)
	}
	tol := valueBound * float64(len(d)) * ulp * mat.Norm(a, 1)
	for i := range want {
		if !(math.Abs(want[i]-vals[i]) <= tol) {
			t.Errorf("%s: λ[%d] = %v, want %v", name, i, vals[i], want[i])
			break
		}
	}
	if err := e.FactorizeTridiagonal(d, off, false); err != nil {
		t.Errorf("%s: values only: %v", name, err)
		return
	}
	for i, v := range e.Values(nil) {
		if !(math.Abs(v-vals[i]) <= tol) {
			t.Errorf("%s: values only λ[%d] = %v, with vectors %v", name, i, v, vals[i])
			break
		}
	}
}

func TestTridiagonal(t *testing.T) {
	rnd := rand.New(rand.NewPCG(4, 4))
	n := 90
	// The second-difference matrix tridiag(−1, 2, −1) has eigenvalues
	// 2 − 2cos(kπ/(n+1)).
	d, off := make([]float64, n), make([]float64, n-1)
	want := make([]float64, n)
	for i := range n {
		d[i] = 2
		want[i] = 2 - 2*math.Cos(float64(i+1)*math.Pi/float64(n+1))
	}
	for i := range off {
		off[i] = -1
	}
	cases := []struct {
		name    string
		d, off  []float64
		want    []float64
		isExact bool
	}{
		{name: "second difference", d: d, off: off, want: want},
	}
	// Random, with some off-diagonal entries zero or negligible so that the
	// matrix splits into blocks.
	for _, split := range []float64{0, 1e-20, 1e-9} {
		d, off := make([]float64, n), make([]float64, n-1)
		for i := range d {
			d[i] = rnd.NormFloat64()
		}
		for i := range off {
			off[i] = rnd.NormFloat64()
			if i%17 == 16 {
				off[i] = split
			}
		}
		cases = append(cases, struct {
			name    string
			d, off  []float64
			want    []float64
			isExact bool
		}{name: fmt.Sprintf("split %g", split), d: d, off: off, want: steqrValues(d, off)})
	}
	// Constant diagonal, tiny off-diagonal: everything deflates.
	{
		d, off := make([]float64, n), make([]float64, n-1)
		for i := range d {
			d[i] = 3
		}
		for i := range off {
			off[i] = 1e-17 * float64(i%3)
		}
		cases = append(cases, struct {
			name    string
			d, off  []float64
			want    []float64
			isExact bool
		}{name: "constant", d: d, off: off, want: steqrValues(d, off)})
	}
	// Diagonal: the eigenvalues are the sorted diagonal and the vectors a
	// permutation of the identity.
	{
		d := make([]float64, n)
		for i := range d {
			d[i] = float64((i * 37) % 11)
		}
		want := slices.Clone(d)
		slices.Sort(want)
		cases = append(cases, struct {
			name    string
			d, off  []float64
			want    []float64
			isExact bool
		}{name: "diagonal", d: d, off: make([]float64, n-1), want: want, isExact: true})
	}
	for _, leaf := range leafSizes {
		var e Eigen
		e.dc.leaf = leaf
		for _, c := range cases {
			name := fmt.Sprintf("leaf=%d %s", leaf, c.name)
			checkTridiagonal(t, name, &e, c.d, c.off, c.want)
			if c.isExact {
				if err := e.FactorizeTridiagonal(c.d, c.off, true); err != nil {
					t.Fatal(err)
				}
				if got := e.Values(nil); !slices.Equal(got, c.want) {
					t.Errorf("%s: values %v, want %v", name, got, c.want)
				}
				var v mat.Dense
				e.VectorsTo(&v)
				for j := range n {
					var ones int
					for i := range n {
						switch x := math.Abs(v.At(i, j)); x {
						case 1:
							ones++
						case 0:
						default:
							t.Fatalf("%s: vector entry (%d,%d) = %v, want 0 or ±1", name, i, j, x)
						}
					}
					if ones != 1 {
						t.Errorf("%s: vector %d is not a unit vector", name, j)
					}
				}
			}
		}
	}
}

// TestDiagonal checks a dense diagonal matrix: values exact, vectors a
// signed permutation.
func TestDiagonal(t *testing.T) {
	for _, n := range []int{1, 2, 40, 77} {
		d := make([]float64, n)
		for i := range d {
			d[i] = float64((i*7)%5) - 1.5
		}
		a := mat.NewSymDense(n, nil)
		for i := range n {
			a.SetSym(i, i, d[i])
		}
		want := slices.Clone(d)
		slices.Sort(want)
		var e Eigen
		check(t, fmt.Sprintf("diagonal n=%d", n), &e, a, want)
		if err := e.Factorize(a, true); err != nil {
			t.Fatal(err)
		}
		if got := e.Values(nil); !slices.Equal(got, want) {
			t.Errorf("diagonal n=%d: values not exact: %v", n, got)
		}
	}
}

// TestSmall checks n = 0, 1, 2 against closed forms.
func TestSmall(t *testing.T) {
	var e Eigen
	if err := e.Factorize(mat.NewSymDense(1, []float64{-3}), true); err != nil {
		t.Fatal(err)
	}
	var v mat.Dense
	e.VectorsTo(&v)
	if got := e.Values(nil); got[0] != -3 || v.At(0, 0) != 1 {
		t.Errorf("1×1: values %v, vectors %v", got, v.RawMatrix().Data)
	}

	// [[a b][b c]]: λ = (a+c)/2 ∓ √(((a−c)/2)² + b²).
	for _, m := range [][3]float64{{2, 1, 2}, {1, 0, 1}, {0, 1, 0}, {1e10, 1, -1e-10}, {3, 1e-300, 3}} {
		a := mat.NewSymDense(2, []float64{m[0], m[1], m[1], m[2]})
		h, r := (m[0]+m[2])/2, math.Hypot((m[0]-m[2])/2, m[1])
		check(t, fmt.Sprintf("2×2 %v", m), &e, a, []float64{h - r, h + r})
	}

	if err := e.Factorize(&mat.SymDense{}, true); err != nil {
		t.Fatal(err)
	}
	if got := e.Values(nil); len(got) != 0 {
		t.Errorf("0×0: values %v", got)
	}
	var empty mat.Dense
	e.VectorsTo(&empty) // 0×0 is fine; must not panic.
	if err := e.FactorizeTridiagonal(nil, nil, true); err != nil || e.Size() != 0 {
		t.Errorf("0×0 tridiagonal: %v, dim %d", err, e.Size())
	}
}

// TestReuse factorizes matrices of changing sizes with one receiver.
func TestReuse(t *testing.T) {
	rnd := rand.New(rand.NewPCG(5, 5))
	var e Eigen
	for _, n := range []int{70, 3, 120, 1, 70, 0, 45} {
		a := randomSym(rnd, n)
		check(t, fmt.Sprintf("reuse n=%d", n), &e, a, gonumValues(t, a))
	}
}

// TestGeneralSymmetric reads a mat.Symmetric that is not a SymDense, and a
// SymDense that is a view with a stride larger than its order.
func TestGeneralSymmetric(t *testing.T) {
	rnd := rand.New(rand.NewPCG(6, 6))
	big := randomSym(rnd, 60)
	view := big.SliceSym(5, 55).(*mat.SymDense)
	var e Eigen
	check(t, "view", &e, view, gonumValues(t, view))
	check(t, "wrapped", &e, wrapped{view}, gonumValues(t, view))
}

// wrapped hides the RawSymmetricer of a SymDense.
type wrapped struct{ s *mat.SymDense }

func (w wrapped) Dims() (int, int)    { return w.s.Dims() }
func (w wrapped) At(i, j int) float64 { return w.s.At(i, j) }
func (w wrapped) T() mat.Matrix       { return w }
func (w wrapped) SymmetricDim() int   { return w.s.SymmetricDim() }

func TestBadInput(t *testing.T) {
	for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		a := mat.NewSymDense(40, nil)
		for i := range 40 {
			a.SetSym(i, i, 1)
		}
		a.SetSym(3, 30, bad)
		var e Eigen
		for _, vec := range []bool{true, false} {
			err := e.Factorize(a, vec)
			if !errors.Is(err, matcalc.ErrNaN) {
				t.Errorf("Factorize with %v: err = %v, want ErrNaN", bad, err)
			}
			var me *matcalc.Error
			if !errors.As(err, &me) {
				t.Errorf("Factorize with %v: err is %T, want *matcalc.Error", bad, err)
			}
			mustPanic(t, "Values after error", func() { e.Values(nil) })
		}
		d := []float64{1, 2, bad}
		if err := e.FactorizeTridiagonal(d, []float64{1, 1}, true); !errors.Is(err, matcalc.ErrNaN) {
			t.Errorf("FactorizeTridiagonal with %v in d: err = %v", bad, err)
		}
		if err := e.FactorizeTridiagonal([]float64{1, 2, 3}, []float64{bad, 1}, true); !errors.Is(err, matcalc.ErrNaN) {
			t.Errorf("FactorizeTridiagonal with %v in e: err = %v", bad, err)
		}
	}
}

func TestPanics(t *testing.T) {
	var e Eigen
	mustPanic(t, "Values before Factorize", func() { e.Values(nil) })
	if err := e.Factorize(mat.NewSymDense(3, nil), false); err != nil {
		t.Fatal(err)
	}
	mustPanic(t, "VectorsTo without vectors", func() { e.VectorsTo(&mat.Dense{}) })
	mustPanic(t, "Values into short dst", func() { e.Values(make([]float64, 2)) })
	if err := e.Factorize(mat.NewSymDense(3, nil), true); err != nil {
		t.Fatal(err)
	}
	mustPanic(t, "VectorsTo wrong size", func() { e.VectorsTo(mat.NewDense(2, 3, nil)) })
	mustPanic(t, "FactorizeTridiagonal lengths", func() { _ = e.FactorizeTridiagonal([]float64{1, 2}, []float64{1, 2}, true) })
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

// TestSytrd checks the reduction: Qᵀ A Q = T to working precision with Q
// orthogonal (formed by gonum's Dorgtr from the reflectors), and agreement
// with gonum's Dsytrd, which computes the same reflectors by SYMV and SYR2K.
func TestSytrd(t *testing.T) {
	rnd := rand.New(rand.NewPCG(7, 7))
	impl := gonum.Implementation{}
	for _, c := range []struct{ n, workers int }{
		{1, 0}, {2, 0}, {3, 0}, {tridiagNB, 0}, {tridiagNB + 1, 0}, {2*tridiagNB + 5, 0},
		{symvRows*3 + 1, 0}, {150, 0}, {updateRows + 40, 0},
		{2*tridiagNB + 5, 2}, {150, 3}, {updateRows + 40, 4},
	} {
		n, workers := c.n, c.workers
		if testing.Short() && n > 150 {
			continue
		}
		a := randomSym(rnd, n)
		full := make([]float64, n*n)
		lower := make([]float64, n*n)
		for i := range n {
			for j := range n {
				full[i*n+j] = a.At(i, j)
				if j <= i {
					lower[i*n+j] = a.At(i, j)
				}
			}
		}
		m := max(n-1, 0)
		d, e, tau := make([]float64, n), make([]float64, m), make([]float64, m)
		var ws tridiagWork
		ws.workers = workers
		sytrd(n, full, d, e, tau, &ws)

		q := mat.NewDense(n, n, slices.Clone(full))
		raw := q.RawMatrix()
		work := make([]float64, 64*n+1)
		impl.Dorgtr(blas.Lower, n, raw.Data, raw.Stride, tau, work, len(work))
		var qtaq, qtq mat.Dense
		qtaq.Mul(q.T(), a)
		qtaq.Mul(&qtaq, q)
		qtaq.Sub(&qtaq, tridiagSym(d, e))
		qtq.Mul(q.T(), q)
		for i := range n {
			qtq.Set(i, i, qtq.At(i, i)-1)
		}
		res := mat.Norm(&qtaq, 1) / (mat.Norm(a, 1) * float64(n) * ulp)
		orth := mat.Norm(&qtq, 1) / (float64(n) * ulp)
		if res > residualBound || orth > orthBound {
			t.Errorf("n=%d: ‖QᵀAQ − T‖ = %.3g, ‖QᵀQ − I‖ = %.3g (n·ulp units)", n, res, orth)
		}

		dg, eg, taug := make([]float64, n), make([]float64, m), make([]float64, m)
		impl.Dsytrd(blas.Lower, n, lower, n, dg, eg, taug, work, len(work))
		tol := 1e-9 * mat.Norm(a, 1)
		for i := range d {
			if !(math.Abs(d[i]-dg[i]) <= tol) {
				t.Fatalf("n=%d: d[%d] = %v, gonum %v", n, i, d[i], dg[i])
			}
		}
		for i := range e {
			if !(math.Abs(e[i]-eg[i]) <= tol) || !(math.Abs(tau[i]-taug[i]) <= 1e-9) {
				t.Fatalf("n=%d: e[%d], τ[%d] = %v, %v; gonum %v, %v", n, i, i, e[i], tau[i], eg[i], taug[i])
			}
		}
	}
}

// TestSecular checks the roots of random secular equations: each in its
// interval, and their sum equal to the trace of D + ρ z zᵀ.
func TestSecular(t *testing.T) {
	rnd := rand.New(rand.NewPCG(8, 8))
	for _, k := range []int{1, 2, 3, 10, 100} {
		for range 20 {
			d := make([]float64, k)
			z := make([]float64, k)
			for i := range d {
				d[i] = rnd.NormFloat64()
				z[i] = rnd.NormFloat64()
			}
			slices.Sort(d)
			var zz, trace float64
			for i := range z {
				zz += z[i] * z[i]
				trace += d[i]
			}
			rho := rnd.Float64() + 0.1
			trace += rho * zz
			delta := make([]float64, k)
			var sum float64
			for i := range k {
				lam, ok := secularRoot(i, d, z, rho, delta)
				if !ok {
					t.Fatalf("k=%d root %d: no convergence", k, i)
				}
				hi := d[k-1] + rho*zz
				if i < k-1 {
					hi = d[i+1]
				}
				if !(lam >= d[i] && lam <= hi+4*ulp*math.Abs(hi)) {
					t.Fatalf("k=%d root %d = %v not in [%v, %v]", k, i, lam, d[i], hi)
				}
				for j := range k {
					if math.Abs(delta[j]-(d[j]-lam)) > 1e-12*(1+math.Abs(lam)) {
						t.Fatalf("k=%d root %d: delta[%d] = %v, want %v", k, i, j, delta[j], d[j]-lam)
					}
				}
				sum += lam
			}
			if math.Abs(sum-trace) > 1e-12*float64(k)*(math.Abs(trace)+zz*rho) {
				t.Errorf("k=%d: Σλ = %v, trace %v", k, sum, trace)
			}
		}
	}
}

// TestScaling checks matrices near overflow and underflow.
func TestScaling(t *testing.T) {
	rnd := rand.New(rand.NewPCG(10, 10))
	for _, s := range []float64{1e300, 1e-300, 1e-305, 1e150, 1e-150} {
		for _, n := range []int{5, 70} {
			a := randomSym(rnd, n)
			// The eigenvalues of s·A are s times those of A. (gonum's
			// EigenSym itself panics on some of these matrices, in Dsterf.)
			want := gonumValues(t, a)
			for i := range want {
				want[i] *= s
			}
			a.ScaleSym(s, a)
			var e Eigen
			name := fmt.Sprintf("scale %g n=%d", s, n)
			check(t, name, &e, a, want)
			for _, v := range e.Values(nil) {
				if math.IsNaN(v) || math.IsInf(v, 0) || v == 0 {
					t.Errorf("%s: eigenvalue %v", name, v)
					break
				}
			}
		}
		d, off := wilkinsonPlus(20)
		want := steqrValues(d, off)
		for i := range d {
			d[i] *= s
			want[i] *= s
		}
		for i := range off {
			off[i] *= s
		}
		var e Eigen
		checkTridiagonal(t, fmt.Sprintf("scale %g W41+", s), &e, d, off, want)
	}
}

// TestFallback makes every divide-and-conquer merge fail and checks that the
// implicit QL/QR fallback still gives a correct decomposition.
func TestFallback(t *testing.T) {
	rnd := rand.New(rand.NewPCG(11, 11))
	var e Eigen
	e.dc.failMerge = true
	for _, n := range []int{Cutoff + 1, 90} {
		a := randomSym(rnd, n)
		check(t, fmt.Sprintf("fallback n=%d", n), &e, a, gonumValues(t, a))
	}
}

// TestNotConverged makes every merge and every implicit QL/QR fail and
// checks that Factorize returns an error matching matcalc.ErrNotConverged
// that names the failed iteration, and that the same Eigen then factorizes
// again once the iterations succeed.
func TestNotConverged(t *testing.T) {
	rnd := rand.New(rand.NewPCG(13, 13))
	a := randomSym(rnd, Cutoff+5)
	var e Eigen
	e.dc.failMerge, e.dc.failSteqr = true, true
	err := e.Factorize(a, true)
	if !errors.Is(err, matcalc.ErrNotConverged) || !strings.Contains(err.Error(), "did not converge") {
		t.Fatalf("Factorize with failing iterations: got %v, want ErrNotConverged", err)
	}
	e.dc.failMerge, e.dc.failSteqr = false, false
	check(t, "after a failure", &e, a, gonumValues(t, a))
}

// TestStress runs many small problems with structure that exercises
// deflation (repeated, clustered and widely spread eigenvalues, tiny and
// zero off-diagonal entries) through deep recursions.
func TestStress(t *testing.T) {
	cases := 400
	if testing.Short() {
		cases = 60
	}
	rnd := rand.New(rand.NewPCG(12, 12))
	var e Eigen
	for c := range cases {
		n := 2 + rnd.IntN(60)
		e.dc.leaf = 1 + rnd.IntN(8)
		lam := make([]float64, n)
		kind := c % 4
		for i := range lam {
			switch kind {
			case 0: // few distinct values
				lam[i] = float64(rnd.IntN(3))
			case 1: // clusters
				lam[i] = float64(rnd.IntN(4)) + 1e-9*rnd.NormFloat64()
			case 2: // widely spread
				lam[i] = math.Pow(10, 10*rnd.Float64()-5) * float64(1-2*rnd.IntN(2))
			default:
				lam[i] = rnd.NormFloat64()
			}
		}
		slices.Sort(lam)
		name := fmt.Sprintf("stress %d kind %d n=%d leaf=%d", c, kind, n, e.dc.leaf)
		check(t, name, &e, withSpectrum(rnd, lam), lam)

		// A tridiagonal matrix with tiny and repeated entries.
		d, off := make([]float64, n), make([]float64, n-1)
		for i := range d {
			d[i] = float64(rnd.IntN(3))
		}
		for i := range off {
			switch rnd.IntN(4) {
			case 0:
				off[i] = 0
			case 1:
				off[i] = 1e-12 * rnd.NormFloat64()
			default:
				off[i] = rnd.NormFloat64()
			}
		}
		checkTridiagonal(t, name+" tridiagonal", &e, d, off, steqrValues(d, off))
		if t.Failed() {
			return
		}
	}
}

// FuzzTridiagonal checks the residual and orthogonality of the
// decomposition of tridiagonal matrices built from fuzz input.
func FuzzTridiagonal(f *testing.F) {
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, uint8(2))
	f.Add([]byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1}, uint8(3))
	f.Add([]byte{255, 0, 255, 0, 128, 128, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7}, uint8(1))
	f.Fuzz(func(t *testing.T, data []byte, leaf uint8) {
		n := (len(data) + 1) / 2
		if n == 0 || n > 200 {
			return
		}
		// Entries from a small set, so that ties and zeros are common.
		val := func(b byte) float64 { return float64(int(b%16)-8) / 4 }
		d, off := make([]float64, n), make([]float64, n-1)
		for i := range d {
			d[i] = val(data[i])
		}
		for i := range off {
			off[i] = val(data[n+i])
		}
		var e Eigen
		e.dc.leaf = 1 + int(leaf%40)
		checkTridiagonal(t, fmt.Sprintf("fuzz n=%d", n), &e, d, off, steqrValues(d, off))
	})
}
