package det

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc"
	"github.com/matcalc/matcalc/check"
)

// The gradient of det at the singular matrices of the issue and of
// ../shared/FORMULAS.md. The expected values are the cofactor matrices
// worked out by hand (each is a single minor); every case is also checked
// against the exact rational oracle.
func TestGradSingularCases(t *testing.T) {
	shift4 := make([]float64, 16)
	shift4[3*4+0] = -1
	diag1110 := []float64{1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0}
	e44 := make([]float64, 16)
	e44[15] = 1
	rank1 := []float64{1, 2, 3, 2, 4, 6, -1, -2, -3}
	cases := []struct {
		name string
		n    int
		a    []float64
		want []float64
	}{
		{"[[0]]", 1, []float64{0}, []float64{1}},
		{"[[1,2],[2,4]]", 2, []float64{1, 2, 2, 4}, []float64{4, -2, -2, 1}},
		{"[[0,1],[0,1]]", 2, []float64{0, 1, 0, 1}, []float64{1, 0, -1, 0}},
		{"diag(1,1,1,0)", 4, diag1110, e44},
		{"shift4", 4, shift(4), shift4},
		{"zero3", 3, make([]float64, 9), make([]float64, 9)},
		{"rank1 3×3", 3, rank1, make([]float64, 9)},
		{"zero7", 7, make([]float64, 49), make([]float64, 49)},
		{"shift5", 5, shift(5), oneAt(5, 4, 0, 1)},
		{"shift8", 8, shift(8), oneAt(8, 7, 0, -1)},
		{"shift8ᵀ", 8, transpose(shift(8), 8), oneAt(8, 0, 7, -1)},
	}
	for _, c := range cases {
		got := luGrad(t, c.n, c.a)
		for i := range got {
			if math.IsNaN(got[i]) {
				t.Fatalf("%s: NaN in gradient %v", c.name, got)
			}
		}
		// The small path and the integer inputs make these exact; the SVD
		// path (n ≥ 5) is exact up to rounding in U and V.
		tol := 0.0
		if c.n > smallN {
			tol = 1e-14
		}
		if d := relDiff(got, c.want); !(d <= tol) {
			t.Errorf("%s: gradient %v, want %v (rel. diff %.3g)", c.name, got, c.want, d)
		}
		if o := oracle(c.a, nil, c.n); relDiff(o.cof, c.want) != 0 {
			t.Errorf("%s: oracle disagrees with the hand-worked cofactor: %v", c.name, o.cof)
		}
	}
}

// oneAt returns the n×n matrix with v at (i, j) and zeros elsewhere.
func oneAt(n, i, j int, v float64) []float64 {
	a := make([]float64, n*n)
	a[i*n+j] = v
	return a
}

func transpose(a []float64, n int) []float64 {
	t := make([]float64, n*n)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			t[j*n+i] = a[i*n+j]
		}
	}
	return t
}

// Rank ≤ n−2 gives exactly zero on every path, without NaN; rank ≤ n−3 gives
// an exactly zero HVP as well.
func TestGradRankDeficientExactZero(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{3, 4, 6, 9, 17} {
		for _, rank := range []int{0, 1, n - 2} {
			if rank < 0 {
				continue
			}
			a := raw(check.FixedRank(rng, n, n, rank))
			if n <= smallN {
				// The polynomial is exact only for exactly rank-deficient
				// input: use integers, rows combinations of rank rows.
				a = intLowRank(rng, n, rank)
			}
			g := luGrad(t, n, a)
			for _, v := range g {
				if v != 0 {
					t.Fatalf("n=%d rank=%d: gradient not exactly zero: %v", n, rank, g)
				}
			}
			if rank <= n-3 {
				h := luHVP(t, n, a, randMat(rng, n))
				for _, v := range h {
					if v != 0 {
						t.Fatalf("n=%d rank=%d: HVP not exactly zero: %v", n, rank, h)
					}
				}
			}
		}
	}
}

// intLowRank returns an n×n integer matrix of rank at most r whose rows are
// integer combinations of r random integer rows.
func intLowRank(rng *rand.Rand, n, r int) []float64 {
	base := make([]float64, r*n)
	for i := range base {
		base[i] = float64(rng.IntN(7) - 3)
	}
	a := make([]float64, n*n)
	if r == 0 {
		return a
	}
	for i := 0; i < n; i++ {
		for k := 0; k < r; k++ {
			c := float64(rng.IntN(5) - 2)
			for j := 0; j < n; j++ {
				a[i*n+j] += c * base[k*n+j]
			}
		}
	}
	return a
}

// [[0,1],[1,0]]: sign −1, log|det| 0, gradient of log|det| [[0,1],[1,0]].
func TestSlogdetPermutation(t *testing.T) {
	f := mustLU(t, 2, []float64{0, 1, 1, 0})
	l, s := f.LogDet()
	if l != 0 || s != -1 || f.Det() != -1 {
		t.Errorf("LogDet = %v, %v, Det = %v; want 0, −1, −1", l, s, f.Det())
	}
	var g mat.Dense
	if err := f.LogGrad(&g); err != nil {
		t.Fatal(err)
	}
	if got := raw(&g); relDiff(got, []float64{0, 1, 1, 0}) != 0 {
		t.Errorf("LogGrad = %v", got)
	}
}

// eye(512)/500000: log|det| = −512·log(5e5) and finite, gradient 5e5·I,
// although the product of the pivots underflows.
func TestLogDetTinyScale(t *testing.T) {
	n := 512
	a := make([]float64, n*n)
	for i := 0; i < n; i++ {
		a[i*n+i] = 1 / 500000.0
	}
	f := mustLU(t, n, a)
	l, s := f.LogDet()
	want := -float64(n) * math.Log(5e5)
	if s != 1 || math.Abs(l-want) > 1e-14*math.Abs(want) {
		t.Errorf("LogDet = %v, %v; want %v, 1", l, s, want)
	}
	var g mat.Dense
	if err := f.LogGrad(&g); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			w := 0.0
			if i == j {
				w = 5e5
			}
			if v := g.At(i, j); math.Abs(v-w) > 1e-9 {
				t.Fatalf("LogGrad(%d,%d) = %v, want %v", i, j, v, w)
			}
		}
	}
	// det itself underflows, as the true value does; its gradient too.
	if d := f.Det(); d != 0 {
		t.Errorf("Det = %v, want 0 (underflow)", d)
	}
	// The Cholesky path agrees.
	var c Cholesky
	if err := c.Factorize(mat.NewSymDense(n, a)); err != nil {
		t.Fatal(err)
	}
	if math.Abs(c.LogDet()-want) > 1e-14*math.Abs(want) {
		t.Errorf("Cholesky.LogDet = %v, want %v", c.LogDet(), want)
	}
}

// Det of a matrix whose partial products of pivots overflow and underflow
// in turn is exact, and the gradient at a well-conditioned matrix whose
// det underflows to a subnormal keeps full precision.
func TestDetExtendedRange(t *testing.T) {
	n := 41
	a := make([]float64, n*n)
	for i := 0; i < n; i++ {
		a[i*n+i] = 1e200
		if i >= n/2 {
			a[i*n+i] = 1e-200
		}
	}
	a[(n-1)*n+n-1] = -3
	f := mustLU(t, n, a)
	// 20 pivots 1e200, 20 pivots 1e-200 and −3: det = −3 up to the rounding
	// of 1e±200, while the running product reaches 1e4000 on the way.
	if d, want := f.Det(), -3.0; math.Abs(d-want) > 1e-13*math.Abs(want) {
		t.Errorf("Det = %v, want %v", d, want)
	}
	if l, s := f.LogDet(); s != -1 || math.Abs(l-math.Log(3)) > 1e-13 {
		t.Errorf("LogDet = %v, %v", l, s)
	}

	// A = c·Q: det A = c^40 det Q is subnormal, cof(A) = c^39 det(Q) Q.
	n = 40
	rng := rand.New(rand.NewPCG(5, 5))
	q := raw(check.Orthogonal(rng, n))
	c := math.Pow(10, -7.8)
	detQ := mat.Det(dense(n, q))
	for i := range a[:n*n] {
		a[i] = c * q[i]
	}
	a = a[:n*n]
	g := luGrad(t, n, a)
	want := make([]float64, n*n)
	for i := range want {
		want[i] = math.Pow(c, 39) * math.Round(detQ) * q[i]
	}
	if d := relDiff(g, want); d > 1e-12 {
		t.Errorf("Grad of c·Q: rel. diff %.3g", d)
	}
	if d := mustLU(t, n, a).Det(); d == 0 || d > 1e-300 {
		t.Errorf("Det of c·Q = %v, want a subnormal", d)
	}
}

func TestZeroByZero(t *testing.T) {
	var f LU
	if err := f.Factorize(&mat.Dense{}); err != nil {
		t.Fatal(err)
	}
	if d := f.Det(); d != 1 {
		t.Errorf("Det = %v, want 1", d)
	}
	if l, s := f.LogDet(); l != 0 || s != 1 {
		t.Errorf("LogDet = %v, %v, want 0, 1", l, s)
	}
	var g mat.Dense
	f.Grad(&g)
	f.HVP(&g, &mat.Dense{})
	if !g.IsEmpty() {
		t.Errorf("Grad of 0×0 is not empty")
	}
	if v := f.JVP(&mat.Dense{}); v != 0 {
		t.Errorf("JVP = %v", v)
	}
	if err := f.LogGrad(&g); err != nil {
		t.Errorf("LogGrad: %v", err)
	}
	var c Cholesky
	if err := c.Factorize(&mat.SymDense{}); err != nil {
		t.Fatal(err)
	}
	if c.LogDet() != 0 {
		t.Errorf("Cholesky.LogDet = %v", c.LogDet())
	}
}

func TestNaNInput(t *testing.T) {
	for _, n := range []int{1, 3, 4, 5, 30} {
		for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
			a := randMat(rand.New(rand.NewPCG(3, uint64(n))), n)
			a[(n/2)*n+n-1] = bad
			var f LU
			err := f.Factorize(dense(n, a))
			var me *matcalc.Error
			if !errors.Is(err, matcalc.ErrNaN) || !errors.As(err, &me) {
				t.Fatalf("n=%d %v: Factorize error %v, want *matcalc.Error matching ErrNaN", n, bad, err)
			}
			if _, err := Grad(&mat.Dense{}, dense(n, a)); !errors.Is(err, matcalc.ErrNaN) {
				t.Errorf("Grad helper: %v", err)
			}
			mustPanic(t, "Det after failed Factorize", func() { f.Det() })
			sym := mat.NewSymDense(n, nil)
			for i := 0; i < n; i++ {
				sym.SetSym(i, i, 1)
			}
			sym.SetSym(n/2, n-1, bad)
			var c Cholesky
			if err := c.Factorize(sym); !errors.Is(err, matcalc.ErrNaN) {
				t.Errorf("Cholesky.Factorize: %v", err)
			}
		}
	}
}

// At an exactly singular matrix the derivatives of log|det| return a
// *matcalc.ConditionError matching ErrSingular, and leave dst alone; the
// derivatives of det still work.
func TestLogSingular(t *testing.T) {
	for _, c := range []struct {
		n int
		a []float64
	}{
		{1, []float64{0}},
		{2, []float64{0, 1, 0, 1}},
		{3, make([]float64, 9)},
		{6, shift(6)},
		{10, make([]float64, 100)},
	} {
		f := mustLU(t, c.n, c.a)
		if l, s := f.LogDet(); !math.IsInf(l, -1) || s != 0 {
			t.Errorf("n=%d: LogDet = %v, %v, want −Inf, 0", c.n, l, s)
		}
		if f.Det() != 0 || !math.IsInf(f.Cond(), 1) {
			t.Errorf("n=%d: Det = %v, Cond = %v", c.n, f.Det(), f.Cond())
		}
		check := func(name string, err error) {
			var ce *matcalc.ConditionError
			if !errors.Is(err, matcalc.ErrSingular) || !errors.As(err, &ce) || !math.IsInf(ce.Cond, 1) {
				t.Errorf("n=%d %s: error %v, want ConditionError{Cond: +Inf} matching ErrSingular", c.n, name, err)
			}
		}
		dst := mat.NewDense(c.n, c.n, nil)
		dst.Set(0, 0, 42)
		check("LogGrad", f.LogGrad(dst))
		check("LogVJP", f.LogVJP(dst, 2))
		check("LogHVP", f.LogHVP(dst, dense(c.n, c.a)))
		v, err := f.LogJVP(dense(c.n, c.a))
		check("LogJVP", err)
		if v != 0 || dst.At(0, 0) != 42 {
			t.Errorf("n=%d: LogJVP = %v, dst(0,0) = %v; want 0 and dst untouched", c.n, v, dst.At(0, 0))
		}
		if _, _, err := LogDetGrad(&mat.Dense{}, dense(c.n, c.a)); !errors.Is(err, matcalc.ErrSingular) {
			t.Errorf("LogDetGrad helper: %v", err)
		}
	}
}

// Singular to working precision but with nonzero pivots: the derivatives of
// log|det| write the result and return the condition number in the error.
func TestLogNearlySingular(t *testing.T) {
	for _, n := range []int{2, 6} {
		a := make([]float64, n*n)
		for i := 0; i < n; i++ {
			a[i*n+i] = 1
		}
		a[n*n-1] = 1e-17
		f := mustLU(t, n, a)
		var g mat.Dense
		err := f.LogGrad(&g)
		var ce *matcalc.ConditionError
		if !errors.As(err, &ce) || !errors.Is(err, matcalc.ErrSingular) || ce.Cond != 1e17 {
			t.Errorf("n=%d: error %v, want ConditionError{Cond: 1e17}", n, err)
		}
		if g.At(n-1, n-1) != 1e17 || g.At(0, 0) != 1 {
			t.Errorf("n=%d: LogGrad not written: %v", n, raw(&g))
		}
		v, err := f.LogJVP(dense(n, a))
		if v != float64(n) || !errors.Is(err, matcalc.ErrSingular) {
			t.Errorf("n=%d: LogJVP(A) = %v, %v; want n and the error", n, v, err)
		}
	}
}

func TestShapePanics(t *testing.T) {
	var f LU
	mustPanicWith(t, "det.(*LU).Factorize: a is 3×4, want square", func() { f.Factorize(mat.NewDense(3, 4, nil)) })
	mustPanicWith(t, "det.(*LU).Det: receiver holds no factorization", func() { f.Det() })
	for _, n := range []int{3, 7} {
		f := mustLU(t, n, randMat(rand.New(rand.NewPCG(1, 1)), n))
		bad := mat.NewDense(n, n+1, nil)
		want := func(op, name string) string {
			return op + ": " + name + " is " + itoa(n) + "×" + itoa(n+1) + ", want " + itoa(n) + "×" + itoa(n)
		}
		mustPanicWith(t, want("det.(*LU).JVP", "dA"), func() { f.JVP(bad) })
		mustPanicWith(t, want("det.(*LU).HVP", "dA"), func() { f.HVP(&mat.Dense{}, bad) })
		mustPanicWith(t, want("det.(*LU).LogJVP", "dA"), func() { f.LogJVP(bad) })
		mustPanicWith(t, want("det.(*LU).LogHVP", "dA"), func() { f.LogHVP(&mat.Dense{}, bad) })
		mustPanicWith(t, want("det.(*LU).Grad", "dst"), func() { f.Grad(bad) })
		mustPanicWith(t, want("det.(*LU).VJP", "dst"), func() { f.VJP(bad, 1) })
		mustPanicWith(t, want("det.(*LU).LogVJP", "dst"), func() { f.LogVJP(bad, 1) })
		mustPanicWith(t, want("det.(*LU).LogGrad", "dst"), func() { f.LogGrad(bad) })
		mustPanicWith(t, want("det.(*LU).HVP", "dst"), func() { f.HVP(bad, mat.NewDense(n, n, nil)) })
		var c Cholesky
		id := mat.NewDiagDense(n, nil)
		for i := 0; i < n; i++ {
			id.SetDiag(i, 1)
		}
		if err := c.Factorize(id); err != nil {
			t.Fatal(err)
		}
		mustPanicWith(t, want("det.(*Cholesky).LogJVP", "dA"), func() { c.LogJVP(bad) })
		mustPanicWith(t, want("det.(*Cholesky).LogHVP", "dA"), func() { c.LogHVP(&mat.SymDense{}, bad) })
		mustPanicWith(t, "det.(*Cholesky).LogGrad: dst is "+itoa(n+1)+"×"+itoa(n+1)+", want "+itoa(n)+"×"+itoa(n),
			func() { c.LogGrad(mat.NewSymDense(n+1, nil)) })
	}
}

func itoa(n int) string {
	s := ""
	for {
		s = string(rune('0'+n%10)) + s
		n /= 10
		if n == 0 {
			return s
		}
	}
}

func mustPanic(t *testing.T, name string, fn func()) {
	t.Helper()
	defer func() {
		if recover() == nil {
			t.Errorf("%s: no panic", name)
		}
	}()
	fn()
}

func mustPanicWith(t *testing.T, want string, fn func()) {
	t.Helper()
	defer func() {
		r := recover()
		s, _ := r.(string)
		if !strings.Contains(s, want) {
			t.Errorf("panic %q, want %q", r, want)
		}
	}()
	fn()
}
