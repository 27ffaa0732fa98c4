package det

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc"
	"github.com/matcalc/matcalc/check"
)

func symDense(n int, a []float64) *mat.SymDense {
	if n == 0 {
		return &mat.SymDense{}
	}
	return mat.NewSymDense(n, append([]float64(nil), a...))
}

func mustChol(t testing.TB, n int, a []float64) *Cholesky {
	t.Helper()
	var c Cholesky
	if err := c.Factorize(symDense(n, a)); err != nil {
		t.Fatalf("Cholesky.Factorize: %v", err)
	}
	return &c
}

// The Cholesky path against the exact oracle (A⁻¹ and −A⁻¹ sym(E) A⁻¹ in
// rationals), against LU (a different factorization), against central
// differences of LogDet and LogGrad along a non-symmetric E (only sym(E)
// counts), and on the adjoint identity and the Hessian's symmetry.
// Tolerances: 100·n·ε·κ against the oracle; check's, at most fdTol = 1e-7,
// against finite differences; adjTol for the identities.
func TestCholesky(t *testing.T) {
	rng := rand.New(rand.NewPCG(67, 71))
	sizes := []int{1, 2, 3, 4, 5, 8, 30}
	if !testing.Short() {
		sizes = append(sizes, 100)
	}
	for _, n := range sizes {
		a := raw(check.SPD(rng, n, 100))
		e := randMat(rng, n)
		symE := make([]float64, n*n)
		for i := 0; i < n; i++ {
			for j := 0; j < n; j++ {
				symE[i*n+j] = (e[i*n+j] + e[j*n+i]) / 2
			}
		}
		c := mustChol(t, n, a)
		name := "n=" + itoa(n)
		C := 100 * float64(n) * eps * c.Cond()

		var g, h mat.SymDense
		if err := c.LogGrad(&g); err != nil {
			t.Fatal(err)
		}
		if err := c.LogHVP(&h, dense(n, e)); err != nil {
			t.Fatal(err)
		}
		lj, err := c.LogJVP(dense(n, e))
		if err != nil {
			t.Fatal(err)
		}

		if n <= 8 {
			o := oracle(a, symE, n)
			checkMat(t, name+" LogGrad vs exact", raw(&g), o.inv, C, 0)
			checkMat(t, name+" LogHVP vs exact", raw(&h), o.logHVP, 2*C, 0)
		}

		f := mustLU(t, n, a)
		l, s := f.LogDet()
		if s != 1 || math.Abs(l-c.LogDet()) > 1e-12*math.Max(1, math.Abs(l)) {
			t.Errorf("%s: Cholesky.LogDet = %v, LU.LogDet = %v, %v", name, c.LogDet(), l, s)
		}
		if d := c.Det(); math.Abs(d-f.Det()) > 1e-12*math.Abs(d) {
			t.Errorf("%s: Cholesky.Det = %v, LU.Det = %v", name, d, f.Det())
		}
		var lg mat.Dense
		f.LogGrad(&lg)
		checkMat(t, name+" LogGrad vs LU", raw(&g), raw(&lg), C, 0)

		// Finite differences along sym(E), in the space of symmetric
		// matrices; only sym(E) counts.
		ac, symEd := symDense(n, a), dense(n, symE)
		m := cholMapsOf(t, c)
		if r := check.JVP(check.Scalar(cholLogDet).Func(), m.logJVP, ac, symEd, fdOpts); !r.Pass {
			t.Errorf("%s: LogJVP against finite differences: %v", name, r)
		}
		if r := check.JVP(cholLogGrad, m.logHVP, ac, symEd, fdOpts); !r.Pass {
			t.Errorf("%s: LogHVP against finite differences: %v", name, r)
		}
		// The same from E as from sym(E), to C relative to ‖A⁻¹‖‖E‖ for
		// LogJVP and to C relative for LogHVP.
		var hs mat.SymDense
		c.LogHVP(&hs, symEd)
		if ls, _ := c.LogJVP(symEd); math.Abs(lj-ls) > C*norm(raw(&g))*norm(e) {
			t.Errorf("%s: LogJVP(E) = %v, LogJVP(sym(E)) = %v", name, lj, ls)
		}
		checkMat(t, name+" LogHVP(E) vs LogHVP(sym(E))", raw(&h), raw(&hs), C, 0)

		// The adjoint identity and the Hessian's symmetry, with the
		// non-symmetric E.
		yBar := mat.NewDense(1, 1, []float64{rng.NormFloat64()})
		fdir := check.Direction(rng, n, n)
		opts := &check.Options{Tol: adjTol}
		if r := check.Adjoint(m.logJVP, m.logVJP, dense(n, e), yBar, opts); !r.Pass {
			t.Errorf("%s: LogJVP and LogVJP: %v", name, r)
		}
		if r := check.Adjoint(m.logHVP, m.logHVP, dense(n, e), fdir, opts); !r.Pass {
			t.Errorf("%s: LogHVP is not symmetric: %v", name, r)
		}
	}
}

// cholLogDet and cholLogGrad are log det and its gradient by Cholesky, as
// functions of a symmetric matrix for check. They panic where the matrix is
// not positive definite: check then leaves out the steps that reach there.
func cholLogDet(x mat.Matrix) float64 { return mustCholOf(x).LogDet() }

func cholLogGrad(dst *mat.Dense, x mat.Matrix) {
	var g mat.SymDense
	if err := mustCholOf(x).LogGrad(&g); err != nil {
		panic(err)
	}
	dst.CloneFrom(&g)
}

// cholMapsOf returns the derivatives of log det by c as check.Maps, as
// mapsOf does for an LU.
func cholMapsOf(t *testing.T, c *Cholesky) luMaps {
	sym := func(dst *mat.Dense, f func(*mat.SymDense) error) {
		var v mat.SymDense
		if err := f(&v); err != nil {
			t.Error(err)
		}
		dst.CloneFrom(&v)
	}
	return luMaps{
		logJVP: func(dst *mat.Dense, e mat.Matrix) {
			v, err := c.LogJVP(e)
			if err != nil {
				t.Error(err)
			}
			setScalar(dst, v)
		},
		logVJP: func(dst *mat.Dense, yBar mat.Matrix) {
			sym(dst, func(v *mat.SymDense) error { return c.LogVJP(v, yBar.At(0, 0)) })
		},
		logHVP: func(dst *mat.Dense, e mat.Matrix) {
			sym(dst, func(v *mat.SymDense) error { return c.LogHVP(v, e) })
		},
	}
}

func mustCholOf(x mat.Matrix) *Cholesky {
	var c Cholesky
	if err := c.Factorize(x.(mat.Symmetric)); err != nil {
		panic(err)
	}
	return &c
}

func TestCholeskyErrors(t *testing.T) {
	var c Cholesky
	// Indefinite and positive semidefinite: ErrDomain.
	for _, a := range [][]float64{{1, 2, 2, 1}, {1, 1, 1, 1}, {0, 0, 0, 0}, {-1, 0, 0, 1}} {
		err := c.Factorize(symDense(2, a))
		var me *matcalc.Error
		if !errors.Is(err, matcalc.ErrDomain) || !errors.As(err, &me) {
			t.Errorf("%v: error %v, want *matcalc.Error matching ErrDomain", a, err)
		}
		mustPanic(t, "LogDet after failed Factorize", func() { c.LogDet() })
	}
	// Positive definite but singular to working precision: the result and a
	// ConditionError.
	a := []float64{1, 0, 0, 1e-17}
	if err := c.Factorize(symDense(2, a)); err != nil {
		t.Fatal(err)
	}
	var g mat.SymDense
	err := c.LogGrad(&g)
	var ce *matcalc.ConditionError
	if !errors.Is(err, matcalc.ErrSingular) || !errors.As(err, &ce) || ce.Cond < 1e16 {
		t.Errorf("LogGrad error %v, want ConditionError matching ErrSingular", err)
	}
	if math.Abs(g.At(1, 1)-1e17) > 1e2 || g.At(0, 0) != 1 || g.At(0, 1) != 0 {
		t.Errorf("LogGrad = %v, want diag(1, 1e17)", mat.Formatted(&g))
	}
	// A⁻¹ overflows: an error and dst untouched.
	if err := c.Factorize(symDense(2, []float64{1, 0, 0, 1e-310})); err != nil {
		t.Fatal(err)
	}
	g2 := mat.NewSymDense(2, []float64{7, 7, 7, 7})
	err = c.LogGrad(g2)
	if !errors.As(err, &ce) || !math.IsInf(ce.Cond, 1) || g2.At(0, 0) != 7 {
		t.Errorf("LogGrad with overflowing inverse: %v, dst %v", err, raw(g2))
	}
	if v, err := c.LogJVP(g2); v != 0 || !errors.Is(err, matcalc.ErrSingular) {
		t.Errorf("LogJVP with overflowing inverse: %v, %v", v, err)
	}
	if _, err := SPDLogDetGrad(&mat.SymDense{}, symDense(2, []float64{1, 2, 2, 1})); !errors.Is(err, matcalc.ErrDomain) {
		t.Errorf("SPDLogDetGrad: %v", err)
	}
}

// Hilbert(8), κ ≈ 3e10: the Cholesky and LU log-det gradients against the
// exact inverse, and the det gradient (SVD-free: κ < GradCondLimit) and HVP
// (SVD: κ > HVPCondLimit) against the exact cofactor matrix and its
// derivative. Tolerances 100·n·ε·κ for A⁻¹; 100·n·ε·σ₁/σ₇ and
// 100·n·ε·σ₁/σ₆ for the cofactor matrix and its derivative.
func TestHilbert8(t *testing.T) {
	n := 8
	a := hilbert(n)
	e := randMat(rand.New(rand.NewPCG(73, 79)), n)
	o := oracle(a, e, n)
	s := singularValues(n, a)
	C := 100 * float64(n) * eps

	f := mustLU(t, n, a)
	if g, h := f.pathFor(GradCondLimit), f.pathFor(HVPCondLimit); g != pathLU || h != pathQR {
		t.Errorf("paths: grad %d, hvp %d", g, h)
	}
	var g, h, lg mat.Dense
	f.Grad(&g)
	f.HVP(&h, dense(n, e))
	checkMat(t, "Hilbert8 Grad", raw(&g), o.cof, C*s[0]/s[n-2], 0)
	checkMat(t, "Hilbert8 HVP", raw(&h), o.cofDer, C*s[0]/s[n-3], 0)
	if err := f.LogGrad(&lg); err != nil {
		t.Fatal(err)
	}
	checkMat(t, "Hilbert8 LogGrad", raw(&lg), transpose(o.inv, n), C*f.Cond(), 0)
	if d := f.Det(); math.Abs(d-o.det) > C*f.Cond()*math.Abs(o.det) {
		t.Errorf("Det = %v, exact %v", d, o.det)
	}

	c := mustChol(t, n, a)
	var cg mat.SymDense
	if err := c.LogGrad(&cg); err != nil {
		t.Fatal(err)
	}
	checkMat(t, "Hilbert8 Cholesky LogGrad", raw(&cg), o.inv, C*c.Cond(), 0)
	if l := c.LogDet(); math.Abs(l-math.Log(o.det)) > C*c.Cond()/math.Abs(l) {
		t.Errorf("Cholesky.LogDet = %v, exact %v", l, math.Log(o.det))
	}
}
