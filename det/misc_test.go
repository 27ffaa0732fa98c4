package det

import (
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/check"
)

// The small-matrix path allocates nothing: Factorize and every derivative
// on a reused LU or Cholesky with right-sized dst, at an invertible and at a
// singular matrix (where only the returned errors of the log|det|
// derivatives allocate). Larger orders allocate nothing either once the
// receiver's buffers have grown (checked at n = 16).
func TestAllocs(t *testing.T) {
	rng := rand.New(rand.NewPCG(83, 89))
	for _, n := range []int{1, 2, 3, 4, 16} {
		a, e := dense(n, randMat(rng, n)), dense(n, randMat(rng, n))
		sing := dense(n, shift(n))
		spd := check.SPD(rng, n, 100)
		dst := mat.NewDense(n, n, nil)
		sdst := mat.NewSymDense(n, nil)
		var f LU
		var c Cholesky
		run := func() {
			for _, m := range []*mat.Dense{a, sing} {
				f.Factorize(m)
				f.Det()
				f.LogDet()
				f.Cond()
				f.Grad(dst)
				f.VJP(dst, 2)
				f.JVP(e)
				f.HVP(dst, e)
				if m == sing {
					continue
				}
				f.LogGrad(dst)
				f.LogVJP(dst, 2)
				f.LogJVP(e)
				f.LogHVP(dst, e)
			}
			c.Factorize(spd)
			c.LogDet()
			c.LogGrad(sdst)
			c.LogJVP(e)
			c.LogHVP(sdst, e)
		}
		run() // grow the buffers
		if n > smallN {
			// The singular input took the SVD path; errors allocate.
			f.Factorize(a)
			run = func() {
				f.Factorize(a)
				f.Grad(dst)
				f.JVP(e)
				f.HVP(dst, e)
				f.LogGrad(dst)
				f.LogHVP(dst, e)
				c.Factorize(spd)
				c.LogGrad(sdst)
				c.LogHVP(sdst, e)
			}
		}
		if got := testing.AllocsPerRun(20, run); got != 0 {
			t.Errorf("n=%d: %v allocations per run, want 0", n, got)
		}
	}
}

// Non-Dense inputs (read through At), strided dst views, dst = dA, reuse of
// one LU across orders, and the one-call helpers, all against a fresh LU on
// a *mat.Dense.
func TestInputsAndReuse(t *testing.T) {
	rng := rand.New(rand.NewPCG(97, 101))
	var f LU
	for _, n := range []int{3, 12, 2, 7, 4, 30, 1} {
		a, e := randMat(rng, n), randMat(rng, n)
		ref := mustLU(t, n, a)
		var g, h, lg, lh mat.Dense
		ref.Grad(&g)
		ref.HVP(&h, dense(n, e))
		ref.LogGrad(&lg)
		ref.LogHVP(&lh, dense(n, e))

		// Factorize through the At path: the transpose of the transpose.
		if err := f.Factorize(mat.Transpose{Matrix: dense(n, transpose(a, n))}); err != nil {
			t.Fatal(err)
		}
		// A strided view as dst.
		big := mat.NewDense(n+2, n+3, nil)
		view := big.Slice(1, n+1, 2, n+2).(*mat.Dense)
		f.Grad(view)
		checkMat(t, "Grad into view", raw(view), raw(&g), 0, 0)
		// dst = dA.
		d := dense(n, e)
		f.HVP(d, d)
		checkMat(t, "HVP with dst = dA", raw(d), raw(&h), 1e-15, 0)
		d = dense(n, e)
		f.LogHVP(d, d)
		checkMat(t, "LogHVP with dst = dA", raw(d), raw(&lh), 1e-15, 0)
		// Tangent through At.
		if v, w := f.JVP(mat.Transpose{Matrix: dense(n, transpose(e, n))}), ref.JVP(dense(n, e)); v != w {
			t.Errorf("JVP through At = %v, want %v", v, w)
		}

		// Helpers.
		var hg, hh, hlg, hlh mat.Dense
		dv, err := Grad(&hg, dense(n, a))
		if err != nil || dv != ref.Det() {
			t.Errorf("Grad helper: %v, %v", dv, err)
		}
		checkMat(t, "Grad helper", raw(&hg), raw(&g), 0, 0)
		if err := HVP(&hh, dense(n, a), dense(n, e)); err != nil {
			t.Error(err)
		}
		checkMat(t, "HVP helper", raw(&hh), raw(&h), 0, 0)
		l, s, err := LogDetGrad(&hlg, dense(n, a))
		if wl, ws := ref.LogDet(); err != nil || l != wl || s != ws {
			t.Errorf("LogDetGrad helper: %v, %v, %v", l, s, err)
		}
		checkMat(t, "LogDetGrad helper", raw(&hlg), raw(&lg), 0, 0)
		if err := LogDetHVP(&hlh, dense(n, a), dense(n, e)); err != nil {
			t.Error(err)
		}
		checkMat(t, "LogDetHVP helper", raw(&hlh), raw(&lh), 0, 0)

		spd := raw(check.SPD(rng, n, 100))
		var sg mat.SymDense
		ld, err := SPDLogDetGrad(&sg, symDense(n, spd))
		c := mustChol(t, n, spd)
		var cg mat.SymDense
		c.LogGrad(&cg)
		if err != nil || ld != c.LogDet() {
			t.Errorf("SPDLogDetGrad: %v, %v", ld, err)
		}
		checkMat(t, "SPDLogDetGrad", raw(&sg), raw(&cg), 0, 0)
	}
}
