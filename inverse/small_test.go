package inverse

import (
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/check"
	"github.com/matcalc/matcalc/internal/dense"
)

// results holds everything an LU computes, for comparing two paths.
type results struct {
	cond                         float64
	y, jv, vj, hv, x, dx, ab, bb mat.Dense
	ad, bd, xt                   mat.Dense
}

func compute(t *testing.T, a, e, yb, b *mat.Dense) *results {
	var f LU
	if err := f.Factorize(a); err != nil {
		t.Fatal(err)
	}
	r := &results{cond: f.Cond()}
	f.Inverse(&r.y)
	f.JVP(&r.jv, e)
	f.VJP(&r.vj, yb)
	f.HVP(&r.hv, e, yb)
	f.Solve(&r.x, b)
	f.SolveJVP(&r.dx, e, b, &r.x)
	f.SolveVJP(&r.ab, &r.bb, b, &r.x)
	f.SolveHVP(&r.ad, &r.bd, e, b, b, &r.x)
	return r
}

// TestSmallPath checks the small-matrix path (plain loops for n ≤ 4)
// against the LAPACK and BLAS path on the same inputs, including pivoting
// in every position.
func TestSmallPath(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 42))
	for n := 1; n <= 4; n++ {
		for trial := 0; trial < 5; trial++ {
			a, e, yb, b := check.Gaussian(rng, n, n), check.Gaussian(rng, n, n), check.Gaussian(rng, n, n), check.Gaussian(rng, n, 3)
			small := compute(t, a, e, yb, b)
			saved := dense.SmallMax
			dense.SmallMax = 0
			big := compute(t, a, e, yb, b)
			dense.SmallMax = saved
			// The exact condition number is at least LAPACK's estimate and
			// within a factor of a few of it.
			if small.cond < big.cond*(1-1e-12) || small.cond > 10*big.cond {
				t.Errorf("n=%d: condition %g (exact) vs %g (estimate)", n, small.cond, big.cond)
			}
			// Forward errors of up to three inverses in a row, relative to
			// a scale of at least 1: the solve HVP adds terms that cancel.
			tol := 1e-14 * big.cond * big.cond
			for _, c := range []struct {
				name string
				s, b *mat.Dense
			}{
				{"Inverse", &small.y, &big.y}, {"JVP", &small.jv, &big.jv}, {"VJP", &small.vj, &big.vj},
				{"HVP", &small.hv, &big.hv}, {"Solve", &small.x, &big.x}, {"SolveJVP", &small.dx, &big.dx},
				{"SolveVJP Ā", &small.ab, &big.ab}, {"SolveVJP B̄", &small.bb, &big.bb},
				{"SolveHVP Ā̇", &small.ad, &big.ad}, {"SolveHVP B̄̇", &small.bd, &big.bd},
			} {
				var diff mat.Dense
				diff.Sub(c.s, c.b)
				if d := maxAbs(&diff) / max(maxAbs(c.b), 1); !(d <= tol) {
					t.Errorf("n=%d: %s: small path differs from LAPACK by %g", n, c.name, d)
				}
			}
		}
	}
}
