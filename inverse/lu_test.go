package inverse

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

func TestInverseClosedForm(t *testing.T) {
	// Values computed by hand: A⁻¹ = [[d, −b], [−c, a]] / (ad − bc).
	a := mat.NewDense(2, 2, []float64{1, 2, 3, 4})
	want := mat.NewDense(2, 2, []float64{-2, 1, 1.5, -0.5})
	var f LU
	if err := f.Factorize(a); err != nil {
		t.Fatal(err)
	}
	var y mat.Dense
	f.Inverse(&y)
	if d := relDiff(&y, want); d > 1e-15 {
		t.Errorf("inverse of [[1,2],[3,4]] = %v, want %v", mat.Formatted(&y), mat.Formatted(want))
	}
	// A 1×1 matrix.
	if err := f.Factorize(mat.NewDense(1, 1, []float64{4})); err != nil {
		t.Fatal(err)
	}
	var y1 mat.Dense
	f.Inverse(&y1)
	if y1.At(0, 0) != 0.25 {
		t.Errorf("inverse of [[4]] = %v, want 0.25", y1.At(0, 0))
	}
}

func TestInverseAgainstGonum(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{1, 2, 3, 4, 5, 8, 17, 40} {
		a := check.Gaussian(rng, n, n)
		var want mat.Dense
		if err := want.Inverse(a); err != nil {
			t.Fatalf("n=%d: gonum: %v", n, err)
		}
		var f LU
		if err := f.Factorize(a); err != nil {
			t.Fatalf("n=%d: %v", n, err)
		}
		var got mat.Dense
		f.Inverse(&got)
		// Both use the same LAPACK algorithm; allow for the condition number.
		if d := relDiff(&got, &want); d > 1e-14*f.Cond() {
			t.Errorf("n=%d: inverse differs from gonum's by %g (cond %g)", n, d, f.Cond())
		}
		// And A A⁻¹ = I.
		var p mat.Dense
		p.Mul(a, &got)
		for i := 0; i < n; i++ {
			p.Set(i, i, p.At(i, i)-1)
		}
		if r := maxAbs(&p); r > 1e-14*f.Cond() {
			t.Errorf("n=%d: |A A⁻¹ − I| = %g", n, r)
		}
	}
}

func TestFactorizeNaN(t *testing.T) {
	for _, v := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		a := mat.NewDense(3, 3, []float64{1, 2, 3, 4, 5, 6, 7, 8, 10})
		a.Set(1, 2, v)
		var f LU
		err := f.Factorize(a)
		if !errors.Is(err, matcalc.ErrNaN) {
			t.Errorf("Factorize with %v: err = %v, want ErrNaN", v, err)
		}
		var me *matcalc.Error
		if !errors.As(err, &me) || !strings.Contains(me.Detail, "[1,2]") {
			t.Errorf("Factorize with %v: err = %#v, want a *matcalc.Error naming a[1,2]", v, err)
		}
		if msg := mustPanic(func() { f.Inverse(&mat.Dense{}) }); msg == "" {
			t.Errorf("Inverse after a NaN Factorize did not panic")
		}
		dst := mat.NewDense(3, 3, nil)
		if err := Inverse(dst, a); !errors.Is(err, matcalc.ErrNaN) {
			t.Errorf("Inverse with %v: err = %v, want ErrNaN", v, err)
		}
		if !mat.Equal(dst, mat.NewDense(3, 3, nil)) {
			t.Errorf("Inverse with %v wrote dst", v)
		}
	}
}

// singularCases returns exactly singular matrices, including rank n−1 ones
// whose zero pivot falls in every position.
func singularCases() map[string]*mat.Dense {
	cases := map[string]*mat.Dense{
		"zero 3×3":      mat.NewDense(3, 3, nil),
		"[[0]]":         mat.NewDense(1, 1, []float64{0}),
		"[[1,2],[2,4]]": mat.NewDense(2, 2, []float64{1, 2, 2, 4}),
		"[[0,1],[0,1]]": mat.NewDense(2, 2, []float64{0, 1, 0, 1}),
		"upper shift 4×4": mat.NewDense(4, 4, []float64{
			0, 1, 0, 0,
			0, 0, 1, 0,
			0, 0, 0, 1,
			0, 0, 0, 0,
		}),
		"rank 1 3×3": mat.NewDense(3, 3, []float64{1, 2, 3, 2, 4, 6, -1, -2, -3}),
	}
	// diag(1, 2, 3, 4) with one zero, then a cyclic shift of the rows: the
	// zero pivot lands in every position.
	for z := 0; z < 4; z++ {
		for s := 0; s < 4; s++ {
			a := mat.NewDense(4, 4, nil)
			for i := 0; i < 4; i++ {
				if i != z {
					a.Set((i+s)%4, i, float64(i+1))
				}
			}
			cases["diag zero at "+string(rune('0'+z))+" shift "+string(rune('0'+s))] = a
		}
	}
	return cases
}

func TestFactorizeSingular(t *testing.T) {
	for name, a := range singularCases() {
		var f LU
		err := f.Factorize(a)
		var ce *matcalc.ConditionError
		if !errors.As(err, &ce) || !ce.Singular || !math.IsInf(ce.Cond, 1) {
			t.Errorf("%s: err = %#v, want a singular *matcalc.ConditionError with Cond +Inf", name, err)
			continue
		}
		if !errors.Is(err, matcalc.ErrSingular) || !errors.Is(err, matcalc.ErrIllConditioned) {
			t.Errorf("%s: %v does not match ErrSingular and ErrIllConditioned", name, err)
		}
		if !math.IsInf(f.Cond(), 1) {
			t.Errorf("%s: Cond = %v, want +Inf", name, f.Cond())
		}
		if msg := mustPanic(func() { f.JVP(&mat.Dense{}, a) }); !strings.Contains(msg, "inverse.(*LU).JVP") {
			t.Errorf("%s: JVP after a singular Factorize: panic %q", name, msg)
		}
		// The one-call helpers leave dst alone: no NaN, no Inf.
		r, _ := a.Dims()
		dst := mat.NewDense(r, r, nil)
		dst.Apply(func(int, int, float64) float64 { return 7 }, dst)
		for hname, call := range map[string]func() error{
			"Inverse": func() error { return Inverse(dst, a) },
			"JVP":     func() error { return JVP(dst, a, a) },
			"VJP":     func() error { return VJP(dst, a, a) },
			"HVP":     func() error { return HVP(dst, a, a, a) },
			"Solve":   func() error { return Solve(dst, a, a) },
		} {
			if err := call(); !errors.Is(err, matcalc.ErrSingular) {
				t.Errorf("%s: %s: err = %v, want ErrSingular", name, hname, err)
			}
			for i := 0; i < r; i++ {
				for j := 0; j < r; j++ {
					if dst.At(i, j) != 7 {
						t.Fatalf("%s: %s wrote dst", name, hname)
					}
				}
			}
		}
	}
}

func TestFactorizeIllConditioned(t *testing.T) {
	// det = 2⁻⁵², condition number about 4/2⁻⁵² ≈ 1.8e16 > ConditionTolerance.
	eps := math.Nextafter(1, 2) - 1
	a := mat.NewDense(2, 2, []float64{1, 1, 1, 1 + eps})
	var f LU
	err := f.Factorize(a)
	var ce *matcalc.ConditionError
	if !errors.As(err, &ce) || ce.Singular || ce.Cond <= ConditionTolerance {
		t.Fatalf("err = %#v, want a non-singular *matcalc.ConditionError above the tolerance", err)
	}
	if !errors.Is(err, matcalc.ErrIllConditioned) || errors.Is(err, matcalc.ErrSingular) {
		t.Errorf("%v: want ErrIllConditioned and not ErrSingular", err)
	}
	// gonum flags the same matrix.
	var g mat.Dense
	var cond mat.Condition
	if gerr := g.Inverse(a); !errors.As(gerr, &cond) {
		t.Errorf("gonum's Inverse returned %v, want a mat.Condition", gerr)
	}
	// The result is still returned, and is the exact inverse of the stored
	// matrix: [[1 + 2⁵², −2⁵²], [−2⁵², 2⁵²]].
	var y mat.Dense
	f.Inverse(&y)
	want := mat.NewDense(2, 2, []float64{1 + 1/eps, -1 / eps, -1 / eps, 1 / eps})
	if d := relDiff(&y, want); d > 1e-15 {
		t.Errorf("inverse = %v, want %v", mat.Formatted(&y), mat.Formatted(want))
	}
	dst := mat.NewDense(2, 2, nil)
	if err := Inverse(dst, a); !errors.Is(err, matcalc.ErrIllConditioned) || !mat.Equal(dst, &y) {
		t.Errorf("Inverse helper: err %v, dst %v", err, mat.Formatted(dst))
	}

	// Hilbert(8), condition about 3.4e10, is well within the tolerance.
	if err := f.Factorize(hilbert(8)); err != nil {
		t.Errorf("Hilbert(8): %v", err)
	}
	if c := f.Cond(); c < 1e10 || c > 1e11 {
		t.Errorf("Hilbert(8): Cond = %g, want about 3.4e10", c)
	}
}

func TestEmpty(t *testing.T) {
	var f LU
	if err := f.Factorize(&mat.Dense{}); err != nil {
		t.Fatal(err)
	}
	var dst mat.Dense
	f.Inverse(&dst)
	f.JVP(&dst, &mat.Dense{})
	f.VJP(&dst, &mat.Dense{})
	f.HVP(&dst, &mat.Dense{}, &mat.Dense{})
	if !dst.IsEmpty() {
		t.Errorf("dst = %v, want empty", mat.Formatted(&dst))
	}
	if err := Inverse(&dst, &mat.Dense{}); err != nil {
		t.Error(err)
	}
}

func TestShapePanics(t *testing.T) {
	var f LU
	if msg := mustPanic(func() { f.Factorize(mat.NewDense(2, 3, nil)) }); !strings.Contains(msg, "inverse.(*LU).Factorize") || !strings.Contains(msg, "2×3") {
		t.Errorf("Factorize of 2×3: panic %q", msg)
	}
	if msg := mustPanic(func() { f.Inverse(&mat.Dense{}) }); !strings.Contains(msg, "inverse.(*LU).Inverse") {
		t.Errorf("Inverse before Factorize: panic %q", msg)
	}
	if err := f.Factorize(mat.NewDense(2, 2, []float64{1, 2, 3, 4})); err != nil {
		t.Fatal(err)
	}
	e3 := mat.NewDense(3, 3, nil)
	e2 := mat.NewDense(2, 2, nil)
	for name, call := range map[string]func(){
		"inverse.(*LU).Inverse: dst is 3×3, want 2×2":                                  func() { f.Inverse(e3) },
		"inverse.(*LU).JVP: dA is 3×3, want 2×2":                                       func() { f.JVP(&mat.Dense{}, e3) },
		"inverse.(*LU).JVP: dst is 3×3, want 2×2":                                      func() { f.JVP(e3, e2) },
		"inverse.(*LU).VJP: yBar is 3×3, want 2×2":                                     func() { f.VJP(&mat.Dense{}, e3) },
		"inverse.(*LU).HVP: yBar is 3×3, want 2×2":                                     func() { f.HVP(&mat.Dense{}, e2, e3) },
		"inverse.(*LU).Solve: b is 3×3, want 2×3":                                      func() { f.Solve(&mat.Dense{}, e3) },
		"inverse.(*LU).SolveJVP: dA is 3×3, want 2×2":                                  func() { f.SolveJVP(&mat.Dense{}, e3, nil, e2) },
		"inverse.(*LU).SolveVJP: aBar is 3×3, want 2×2":                                func() { f.SolveVJP(e3, nil, e2, e2) },
		"inverse.(*LU).SolveHVP: dB is 2×3, want 2×2":                                  func() { f.SolveHVP(nil, nil, e2, mat.NewDense(2, 3, nil), e2, e2) },
		"inverse.(*LU).SolveVJP: x is nil, needed for aBar":                            func() { f.SolveVJP(e2, nil, e2, nil) },
		"inverse.(*LU).JVP: dst is nil, want a *mat.Dense (an empty one is sized 2×2)": func() { f.JVP(nil, e2) },
	} {
		if msg := mustPanic(call); msg != name {
			t.Errorf("panic %q, want %q", msg, name)
		}
	}
}

// TestScaledIdentity checks eye(n)/500000 (n = 512, or 64 under -short): a
// tiny determinant but a perfectly conditioned matrix, with inverse 5e5·I.
func TestScaledIdentity(t *testing.T) {
	n := 512
	if testing.Short() {
		n = 64
	}
	a := mat.NewDense(n, n, nil)
	for i := 0; i < n; i++ {
		a.Set(i, i, 1.0/500000)
	}
	var f LU
	if err := f.Factorize(a); err != nil {
		t.Fatal(err)
	}
	if c := f.Cond(); math.Abs(c-1) > 1e-12 {
		t.Errorf("Cond = %v, want 1", c)
	}
	var y mat.Dense
	f.Inverse(&y)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			want := 0.0
			if i == j {
				want = 500000
			}
			if math.Abs(y.At(i, j)-want) > 1e-9 {
				t.Fatalf("A⁻¹[%d,%d] = %v, want %v", i, j, y.At(i, j), want)
			}
		}
	}
}

// TestNegativeDeterminant checks a permutation with determinant −1, whose
// inverse is its transpose.
func TestNegativeDeterminant(t *testing.T) {
	// A 3-cycle (det +1) with one sign flipped: orthogonal, det −1.
	a := mat.NewDense(3, 3, []float64{0, 1, 0, 0, 0, 1, -1, 0, 0})
	var y mat.Dense
	if err := Inverse(&y, a); err != nil {
		t.Fatal(err)
	}
	if !mat.EqualApprox(&y, a.T(), 1e-15) {
		t.Errorf("inverse = %v, want the transpose %v", mat.Formatted(&y), mat.Formatted(a.T()))
	}
	if d := mat.Det(a); d != -1 {
		t.Fatalf("det = %v, want −1", d)
	}
}

func TestInverseInPlace(t *testing.T) {
	a := mat.NewDense(2, 2, []float64{1, 2, 3, 4})
	if err := Inverse(a, a); err != nil {
		t.Fatal(err)
	}
	if want := mat.NewDense(2, 2, []float64{-2, 1, 1.5, -0.5}); relDiff(a, want) > 1e-15 {
		t.Errorf("Inverse(a, a) = %v, want %v", mat.Formatted(a), mat.Formatted(want))
	}
	rng := rand.New(rand.NewPCG(51, 52))
	b := check.Gaussian(rng, 9, 9)
	want := inv(t, b)
	view := mat.NewDense(9, 12, nil).Slice(0, 9, 2, 11).(*mat.Dense) // stride 12
	view.Copy(b)
	if err := Inverse(view, view); err != nil {
		t.Fatal(err)
	}
	if d := relDiff(view, want); d > 1e-12 {
		t.Errorf("Inverse into a strided view differs by %g", d)
	}
}
