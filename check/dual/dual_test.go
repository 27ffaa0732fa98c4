package dual_test

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc"
	"github.com/matcalc/matcalc/check"
	"github.com/matcalc/matcalc/check/dual"
)

func sizes() []int {
	if testing.Short() {
		return []int{1, 2, 3, 5}
	}
	return []int{1, 2, 3, 5, 9}
}

// close reports whether got is within tol of want relative to scale.
func close(got, want, tol, scale float64) bool {
	return math.Abs(got-want) <= tol*math.Max(scale, 1e-300)
}

func equalApprox(t *testing.T, what string, got, want mat.Matrix, tol float64) {
	t.Helper()
	var d mat.Dense
	d.Sub(got, want)
	if e, s := mat.Norm(&d, 2), mat.Norm(want, 2); !(e <= tol*math.Max(s, 1e-300)) {
		t.Errorf("%s: relative error %g > %g\ngot  %v\nwant %v", what, e/s, tol, mat.Formatted(got, mat.Squeeze()), mat.Formatted(want, mat.Squeeze()))
	}
}

// TestNumber checks each scalar operation's derivative along two directions
// at once against central differences of the real function.
func TestNumber(t *testing.T) {
	x := dual.New(0.7, 1, -2)
	y := dual.New(1.3, 0.5, 3)
	for _, c := range []struct {
		name string
		d    func(x, y dual.Number) dual.Number
		f    func(x, y float64) float64
	}{
		{"Add", dual.Number.Add, func(x, y float64) float64 { return x + y }},
		{"Sub", dual.Number.Sub, func(x, y float64) float64 { return x - y }},
		{"Mul", dual.Number.Mul, func(x, y float64) float64 { return x * y }},
		{"Div", dual.Number.Div, func(x, y float64) float64 { return x / y }},
		{"Neg", func(x, _ dual.Number) dual.Number { return x.Neg() }, func(x, _ float64) float64 { return -x }},
		{"Scale", func(x, _ dual.Number) dual.Number { return x.Scale(-3) }, func(x, _ float64) float64 { return -3 * x }},
		{"Inv", func(x, _ dual.Number) dual.Number { return x.Inv() }, func(x, _ float64) float64 { return 1 / x }},
		{"Abs", func(x, _ dual.Number) dual.Number { return x.Neg().Abs() }, func(x, _ float64) float64 { return math.Abs(-x) }},
		{"Sqrt", func(x, _ dual.Number) dual.Number { return x.Sqrt() }, func(x, _ float64) float64 { return math.Sqrt(x) }},
		{"Exp", func(x, _ dual.Number) dual.Number { return x.Exp() }, math.Max},
		{"Log", func(x, _ dual.Number) dual.Number { return x.Log() }, func(x, _ float64) float64 { return math.Log(x) }},
		{"Sin", func(x, _ dual.Number) dual.Number { return x.Sin() }, func(x, _ float64) float64 { return math.Sin(x) }},
		{"Cos", func(x, _ dual.Number) dual.Number { return x.Cos() }, func(x, _ float64) float64 { return math.Cos(x) }},
		{"Pow", func(x, _ dual.Number) dual.Number { return x.Pow(2.5) }, func(x, _ float64) float64 { return math.Pow(x, 2.5) }},
		{"Chain", func(x, y dual.Number) dual.Number { return x.Mul(y).Exp().Div(y.Sin()) },
			func(x, y float64) float64 { return math.Exp(x*y) / math.Sin(y) }},
	} {
		f := c.f
		if c.name == "Exp" {
			f = func(x, _ float64) float64 { return math.Exp(x) }
		}
		z := c.d(x, y)
		if z.Re != f(x.Re, y.Re) && !close(z.Re, f(x.Re, y.Re), 1e-15, math.Abs(z.Re)) {
			t.Errorf("%s: value %v, want %v", c.name, z.Re, f(x.Re, y.Re))
		}
		for k := range 2 {
			g := func(s float64) float64 { return f(x.Re+s*x.Eps[k], y.Re+s*y.Eps[k]) }
			want := fd.Derivative(g, 0, &fd.Settings{Formula: fd.Central})
			if !close(z.Eps[k], want, 1e-8, math.Abs(want)+1) {
				t.Errorf("%s: derivative %d is %v, want %v by differences", c.name, k, z.Eps[k], want)
			}
		}
	}
	// A constant combines with any number of directions.
	if z := dual.New(2).Mul(x); z.Re != 1.4 || z.Eps[0] != 2 || z.Eps[1] != -4 {
		t.Errorf("2·x = %v", z)
	}
	if s := dual.New(1, 2, -3).String(); s != "1+2ε0-3ε1" {
		t.Errorf("String: %q", s)
	}
}

// cofactor2 and cofactor3 are the cofactor matrices of 2×2 and 3×3
// matrices by the explicit polynomials: the gradient of det.
func cofactor2(a mat.Matrix) *mat.Dense {
	return mat.NewDense(2, 2, []float64{a.At(1, 1), -a.At(1, 0), -a.At(0, 1), a.At(0, 0)})
}

func cofactor3(a mat.Matrix) *mat.Dense {
	c := mat.NewDense(3, 3, nil)
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			i1, i2 := (i+1)%3, (i+2)%3
			j1, j2 := (j+1)%3, (j+2)%3
			// The cyclic minor carries the sign (−1)^(i+j) for 3×3.
			c.Set(i, j, a.At(i1, j1)*a.At(i2, j2)-a.At(i1, j2)*a.At(i2, j1))
		}
	}
	return c
}

func TestDetClosedForm(t *testing.T) {
	rnd := rand.New(rand.NewPCG(5, 1))
	for trial := 0; trial < 20; trial++ {
		for n, cof := range map[int]func(mat.Matrix) *mat.Dense{2: cofactor2, 3: cofactor3} {
			a := check.Gaussian(rnd, n, n)
			d1, d2 := check.Gaussian(rnd, n, n), check.Gaussian(rnd, n, n)
			got, err := dual.Det(dual.NewMatrix(a, d1, d2))
			if err != nil {
				t.Fatal(err)
			}
			c := cof(a)
			wantDet := check.Inner(c, a) / float64(n) // Σ_j a_ij c_ij summed over i, n times det
			if !close(got.Re, wantDet, 1e-13, check.Inner(absM(c), absM(a))) {
				t.Errorf("n=%d: det %v, want %v", n, got.Re, wantDet)
			}
			for k, d := range []mat.Matrix{d1, d2} {
				want := check.Inner(c, d)
				if !close(got.Eps[k], want, 1e-13, check.Inner(absM(c), absM(d))) {
					t.Errorf("n=%d: derivative %d is %v, want <cof A, D> = %v", n, k, got.Eps[k], want)
				}
			}
		}
	}
	// Pivoting: [[0,1],[1,0]] needs a row swap; det −1, cofactor [[0,−1],[−1,0]].
	got, err := dual.Det(dual.NewMatrix(mat.NewDense(2, 2, []float64{0, 1, 1, 0}), mat.NewDense(2, 2, []float64{1, 2, 3, 4})))
	if err != nil || got.Re != -1 || got.Eps[0] != -5 {
		t.Errorf("det of the swap: %v, %v; want -1-5ε0", got, err)
	}
}

func absM(a mat.Matrix) *mat.Dense {
	var b mat.Dense
	b.Apply(func(_, _ int, v float64) float64 { return math.Abs(v) }, a)
	return &b
}

// TestDetJacobi checks det and log|det| against Jacobi's formula
// d det = det(A) tr(A⁻¹ dA) with gonum's inverse, and against finite
// differences, at well and moderately ill-conditioned matrices.
func TestDetJacobi(t *testing.T) {
	rnd := rand.New(rand.NewPCG(5, 2))
	for _, cond := range []float64{10, 1e6} {
		for _, n := range sizes() {
			a := check.Conditioned(rnd, n, cond)
			dirs := []mat.Matrix{check.Direction(rnd, n, n), check.Direction(rnd, n, n), check.Direction(rnd, n, n)}
			x := dual.NewMatrix(a, dirs...)
			d, err := dual.Det(x)
			if err != nil {
				t.Fatal(err)
			}
			l, sign, err := dual.LogDet(x)
			if err != nil {
				t.Fatal(err)
			}
			var inv mat.Dense
			if err := inv.Inverse(a); err != nil {
				t.Fatal(err)
			}
			wantLog, wantSign := mat.LogDet(a)
			if !close(l.Re, wantLog, 1e-14*cond*float64(n), 1) || sign != wantSign { // log|det| has absolute error about κ·eps
				t.Errorf("cond %g n=%d: log|det| %v sign %v, want %v %v", cond, n, l.Re, sign, wantLog, wantSign)
			}
			if !close(d.Re, mat.Det(a), 1e-12*cond, math.Abs(mat.Det(a))) {
				t.Errorf("cond %g n=%d: det %v, want %v", cond, n, d.Re, mat.Det(a))
			}
			for k, dir := range dirs {
				tr := check.Inner(inv.T(), dir) // tr(A⁻¹ D)
				// tr(A⁻¹D) is computed with error up to about κ·eps.
				tol := 1e-14 * cond * float64(n)
				scale := mat.Norm(&inv, 2) * mat.Norm(dir, 2)
				if !close(l.Eps[k], tr, tol, scale) {
					t.Errorf("cond %g n=%d: d log|det| %v, want tr(A⁻¹D) = %v", cond, n, l.Eps[k], tr)
				}
				if !close(d.Eps[k], d.Re*tr, tol, math.Abs(d.Re)*scale) {
					t.Errorf("cond %g n=%d: d det %v, want det·tr(A⁻¹D) = %v", cond, n, d.Eps[k], d.Re*tr)
				}
				// And against finite differences, through check.
				jvp := func(mat.Matrix) float64 { return l.Eps[k] }
				logAbsDet := func(a mat.Matrix) float64 { v, _ := mat.LogDet(a); return v }
				if r := check.Directional(logAbsDet, jvp, a, dir, nil); !r.Pass {
					t.Errorf("cond %g n=%d: dual d log|det| against differences:\n%v", cond, n, r)
				}
				detJVP := func(mat.Matrix) float64 { return d.Eps[k] }
				if r := check.Directional(mat.Det, detJVP, a, dir, nil); !r.Pass {
					t.Errorf("cond %g n=%d: dual d det against differences:\n%v", cond, n, r)
				}
			}
		}
	}
}

// TestSolve checks X = A⁻¹B against Ẋ = A⁻¹(Ḃ − ȦX), with B dual, with B
// constant, and against finite differences.
func TestSolve(t *testing.T) {
	rnd := rand.New(rand.NewPCG(5, 3))
	for _, cond := range []float64{10, 1e6} {
		for _, n := range sizes() {
			a := check.Conditioned(rnd, n, cond)
			b := check.Gaussian(rnd, n, 3)
			dA, dB := check.Direction(rnd, n, n), check.Direction(rnd, n, 3)
			var x dual.Matrix
			if err := x.Solve(dual.NewMatrix(a, dA), dual.NewMatrix(b, dB)); err != nil {
				t.Fatal(err)
			}
			var lu mat.LU
			lu.Factorize(a)
			var xr, rhs, want mat.Dense
			_ = lu.SolveTo(&xr, false, b)
			rhs.Mul(dA, &xr)
			rhs.Sub(dB, &rhs)
			_ = lu.SolveTo(&want, false, &rhs)
			tol := 1e-14 * cond * float64(n)
			equalApprox(t, "solve value", x.Real(), &xr, tol)
			equalApprox(t, "solve derivative", x.Eps(0), &want, tol)

			// Constant B: Ẋ = −A⁻¹ȦX.
			var xc dual.Matrix
			if err := xc.Solve(dual.NewMatrix(a, dA), dual.NewMatrix(b)); err != nil {
				t.Fatal(err)
			}
			rhs.Mul(dA, &xr)
			rhs.Scale(-1, &rhs)
			_ = lu.SolveTo(&want, false, &rhs)
			equalApprox(t, "solve, constant b", xc.Eps(0), &want, tol)

			f := func(dst *mat.Dense, a mat.Matrix) {
				var lu mat.LU
				lu.Factorize(a)
				_ = lu.SolveTo(dst, false, b)
			}
			jvp := func(dst *mat.Dense, _ mat.Matrix) { dst.CloneFrom(xc.Eps(0)) }
			if r := check.JVP(f, jvp, a, dA, nil); !r.Pass {
				t.Errorf("cond %g n=%d: dual solve against differences:\n%v", cond, n, r)
			}
		}
	}
}

func TestInverse(t *testing.T) {
	rnd := rand.New(rand.NewPCG(5, 4))
	for _, cond := range []float64{10, 1e6} {
		for _, n := range sizes() {
			a := check.Conditioned(rnd, n, cond)
			dA := check.Direction(rnd, n, n)
			var y dual.Matrix
			if err := y.Inverse(dual.NewMatrix(a, dA)); err != nil {
				t.Fatal(err)
			}
			var inv, want mat.Dense
			if err := inv.Inverse(a); err != nil {
				t.Fatal(err)
			}
			want.Product(&inv, dA, &inv)
			want.Scale(-1, &want)
			tol := 1e-14 * cond * float64(n)
			equalApprox(t, "inverse value", y.Real(), &inv, tol)
			equalApprox(t, "inverse derivative", y.Eps(0), &want, tol)
		}
	}
}

// block returns [[a, d],[0, a]], whose powers carry the derivative of the
// power of a along d in their top-right block.
func block(a, d mat.Matrix) *mat.Dense {
	n, _ := a.Dims()
	m := mat.NewDense(2*n, 2*n, nil)
	m.Slice(0, n, 0, n).(*mat.Dense).Copy(a)
	m.Slice(0, n, n, 2*n).(*mat.Dense).Copy(d)
	m.Slice(n, 2*n, n, 2*n).(*mat.Dense).Copy(a)
	return m
}

// TestPow checks integer powers against the block identity
// [[A, D],[0, A]]ᵏ = [[Aᵏ, dAᵏ[D]],[0, Aᵏ]] (negative k through the inverse
// of the block) and against finite differences, with a direction that does
// not commute with A.
func TestPow(t *testing.T) {
	rnd := rand.New(rand.NewPCG(5, 5))
	for _, n := range sizes() {
		a := check.Conditioned(rnd, n, 10)
		a.Scale(1.5, a) // spectral radius above 1, so powers grow
		dA := check.Direction(rnd, n, n)
		for _, k := range []int{-3, -1, 0, 1, 2, 5, 10} {
			var y dual.Matrix
			if err := y.Pow(dual.NewMatrix(a, dA), k); err != nil {
				t.Fatal(err)
			}
			m := block(a, dA)
			if k < 0 {
				if err := m.Inverse(m); err != nil {
					t.Fatal(err)
				}
			}
			var mk mat.Dense
			mk.Pow(m, abs(k))
			wantVal := mk.Slice(0, n, 0, n)
			wantDer := mk.Slice(0, n, n, 2*n)
			equalApprox(t, "power value", y.Real(), wantVal, 1e-12)
			if k == 0 {
				if mat.Norm(y.Eps(0), 2) != 0 {
					t.Errorf("k=0: derivative %v, want 0", mat.Formatted(y.Eps(0)))
				}
				continue
			}
			equalApprox(t, "power derivative", y.Eps(0), wantDer, 1e-12)

			f := func(dst *mat.Dense, x mat.Matrix) {
				var p dual.Matrix
				if err := p.Pow(dual.NewMatrix(x), k); err != nil {
					panic(err)
				}
				dst.CloneFrom(p.Real())
			}
			jvp := func(dst *mat.Dense, _ mat.Matrix) { dst.CloneFrom(y.Eps(0)) }
			if r := check.JVP(f, jvp, a, dA, nil); !r.Pass {
				t.Errorf("n=%d k=%d: dual power against differences:\n%v", n, k, r)
			}
		}
	}
	// A = [[1,2],[3,4]]: A⁻² = [[5.5,−2.5],[−3.75,1.75]] (by hand: A⁻¹ =
	// [[−2,1],[1.5,−0.5]], squared).
	var y dual.Matrix
	if err := y.Pow(dual.NewMatrix(mat.NewDense(2, 2, []float64{1, 2, 3, 4})), -2); err != nil {
		t.Fatal(err)
	}
	equalApprox(t, "A⁻²", y.Real(), mat.NewDense(2, 2, []float64{5.5, -2.5, -3.75, 1.75}), 1e-14)
}

func abs(k int) int {
	if k < 0 {
		return -k
	}
	return k
}

// TestMul checks the product rule, with a constant factor, and that two
// directions at once equal each alone.
func TestMul(t *testing.T) {
	rnd := rand.New(rand.NewPCG(5, 6))
	a, b := check.Gaussian(rnd, 3, 4), check.Gaussian(rnd, 4, 2)
	da1, da2 := check.Gaussian(rnd, 3, 4), check.Gaussian(rnd, 3, 4)
	db1, db2 := check.Gaussian(rnd, 4, 2), check.Gaussian(rnd, 4, 2)
	var z dual.Matrix
	z.Mul(dual.NewMatrix(a, da1, da2), dual.NewMatrix(b, db1, db2))
	var want, tmp mat.Dense
	want.Mul(a, b)
	equalApprox(t, "product value", z.Real(), &want, 1e-15)
	for k, d := range [][2]mat.Matrix{{da1, db1}, {da2, db2}} {
		want.Mul(d[0], b)
		tmp.Mul(a, d[1])
		want.Add(&want, &tmp)
		equalApprox(t, "product derivative", z.Eps(k), &want, 1e-15)
		var one dual.Matrix
		one.Mul(dual.NewMatrix(a, d[0]), dual.NewMatrix(b, d[1]))
		if !mat.Equal(one.Eps(0), z.Eps(k)) {
			t.Errorf("direction %d alone differs from it among two", k)
		}
	}
	// A constant right factor.
	z.Mul(dual.NewMatrix(a, da1), dual.NewMatrix(b))
	want.Mul(da1, b)
	equalApprox(t, "constant factor", z.Eps(0), &want, 1e-15)

	// Add, Sub, Scale and At/Set.
	var s dual.Matrix
	s.Sub(dual.NewMatrix(a, da1), dual.NewMatrix(a))
	s.Add(&s, dual.NewMatrix(a))
	s.Scale(2, &s)
	var want2 mat.Dense
	want2.Scale(2, da1)
	equalApprox(t, "add/sub/scale", s.Eps(0), &want2, 1e-15)
	s.Set(1, 2, dual.New(7, 8))
	if x := s.At(1, 2); x.Re != 7 || x.Eps[0] != 8 {
		t.Errorf("At after Set: %v", x)
	}
}

func TestErrors(t *testing.T) {
	singular := mat.NewDense(2, 2, []float64{1, 2, 2, 4})
	d := mat.NewDense(2, 2, []float64{1, 0, 0, 0})
	_, err := dual.Det(dual.NewMatrix(singular, d))
	if !errors.Is(err, matcalc.ErrSingular) {
		t.Errorf("det of a singular matrix: error %v, want ErrSingular", err)
	}
	var y dual.Matrix
	if err := y.Inverse(dual.NewMatrix(mat.NewDense(3, 3, nil))); !errors.Is(err, matcalc.ErrSingular) || !y.IsEmpty() {
		t.Errorf("inverse of zero: error %v, dst changed: %v", err, !y.IsEmpty())
	}
	if err := y.Pow(dual.NewMatrix(singular), -1); !errors.Is(err, matcalc.ErrSingular) {
		t.Errorf("negative power of a singular matrix: %v", err)
	}
	nan := mat.NewDense(2, 2, []float64{1, math.NaN(), 0, 1})
	if _, err := dual.Det(dual.NewMatrix(nan)); !errors.Is(err, matcalc.ErrNaN) {
		t.Errorf("NaN input: %v, want ErrNaN", err)
	}
	if _, err := dual.Det(dual.NewMatrix(eye(2), nan)); !errors.Is(err, matcalc.ErrNaN) {
		t.Errorf("NaN direction: %v, want ErrNaN", err)
	}
	for _, c := range []struct {
		name, want string
		f          func()
	}{
		{"NewMatrix", "dual.NewMatrix: a is 2×2, direction 0 is 3×3", func() { dual.NewMatrix(eye(2), eye(3)) }},
		{"Mul", "dual.(*Matrix).Mul: a is 2×2, b is 3×3", func() { new(dual.Matrix).Mul(dual.NewMatrix(eye(2)), dual.NewMatrix(eye(3))) }},
		{"Mul directions", "2 directions and 1 directions", func() {
			new(dual.Matrix).Mul(dual.NewMatrix(eye(2), eye(2), eye(2)), dual.NewMatrix(eye(2), eye(2)))
		}},
		{"Factorize", "want square", func() { new(dual.LU).Factorize(dual.NewMatrix(mat.NewDense(2, 3, nil))) }},
		{"At", "out of a 2×2", func() { dual.NewMatrix(eye(2)).At(2, 0) }},
	} {
		func() {
			defer func() {
				r := recover()
				if s, _ := r.(string); !contains(s, c.want) {
					t.Errorf("%s: panic %v, want one containing %q", c.name, r, c.want)
				}
			}()
			c.f()
		}()
	}
}

func eye(n int) *mat.Dense {
	d := mat.NewDense(n, n, nil)
	for i := 0; i < n; i++ {
		d.Set(i, i, 1)
	}
	return d
}

// TestPowMinInt is the regression test of k = math.MinInt, whose negation
// overflows: for the 1×1 A = −1 in the direction 1, A^k = 1 and its
// derivative k·(−1)^(k−1) = −k, where the overflowing −k gave the identity
// with a zero derivative.
func TestPowMinInt(t *testing.T) {
	a := dual.NewMatrix(mat.NewDense(1, 1, []float64{-1}), mat.NewDense(1, 1, []float64{1}))
	var p dual.Matrix
	if err := p.Pow(a, math.MinInt); err != nil {
		t.Fatal(err)
	}
	if re := p.Real().At(0, 0); re != 1 {
		t.Errorf("(-1)^MinInt = %v, want 1", re)
	}
	// −MinInt is 2⁶³ (2³¹ where int has 32 bits).
	if d, want := p.Eps(0).At(0, 0), -float64(math.MinInt); d != want {
		t.Errorf("d/dε (-1+ε)^MinInt = %v, want %v", d, want)
	}
}
