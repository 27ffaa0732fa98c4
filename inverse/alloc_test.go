package inverse

import (
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/check"
)

// TestSmallNoAllocs checks that for n ≤ 4 a reused LU with reused
// destinations allocates nothing after the first call.
func TestSmallNoAllocs(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	for n := 1; n <= 4; n++ {
		a, e, yb := check.Conditioned(rng, n, 10), check.Gaussian(rng, n, n), check.Gaussian(rng, n, n)
		b, x := check.Gaussian(rng, n, 2), mat.NewDense(n, 2, nil)
		var f LU
		var y, d, g, dx mat.Dense
		run := func() {
			if err := f.Factorize(a); err != nil {
				panic(err)
			}
			f.Inverse(&y)
			f.JVP(&d, e)
			f.VJP(&d, yb)
			f.HVP(&d, e, yb)
			f.Solve(x, b)
			f.SolveJVP(&dx, e, b, x)
			f.SolveVJP(&g, &dx, b, x)
			f.SolveHVP(&g, &dx, e, b, b, x)
		}
		run()
		if allocs := testing.AllocsPerRun(50, run); allocs != 0 {
			t.Errorf("n=%d: %v allocations per run, want 0", n, allocs)
		}
	}
}
