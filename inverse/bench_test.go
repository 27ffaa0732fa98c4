package inverse

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/check"
)

var benchSizes = []int{16, 128, 512}

// BenchmarkLU measures each method of LU at n = 16, 128, 512 next to the
// work it reuses: "Factorize" is the LU and condition estimate every method
// reuses, "Factorize+Inverse" adds A⁻¹, which JVP, VJP and HVP reuse, and
// "GEMM" is one n×n product with gonum, the unit of the costs in the docs.
// Solves have k = n right-hand sides.
func BenchmarkLU(b *testing.B) {
	for _, n := range benchSizes {
		rng := rand.New(rand.NewPCG(1, uint64(n)))
		a, e, yb, rhs := check.Conditioned(rng, n, 10), check.Gaussian(rng, n, n), check.Gaussian(rng, n, n), check.Gaussian(rng, n, n)
		var f LU
		if err := f.Factorize(a); err != nil {
			b.Fatal(err)
		}
		var y, d, g, x mat.Dense
		f.Inverse(&y)
		f.Solve(&x, rhs)
		for _, bm := range []struct {
			name string
			run  func()
		}{
			{"GEMM", func() { d.Mul(a, e) }},
			{"Factorize", func() { f.Factorize(a) }},
			{"Factorize+Inverse", func() { f.Factorize(a); f.Inverse(&y) }},
			{"Inverse(cached)", func() { f.Inverse(&y) }},
			{"JVP", func() { f.JVP(&d, e) }},
			{"VJP", func() { f.VJP(&d, yb) }},
			{"HVP", func() { f.HVP(&d, e, yb) }},
			{"Solve", func() { f.Solve(&d, rhs) }},
			{"SolveJVP", func() { f.SolveJVP(&d, e, rhs, &x) }},
			{"SolveVJP", func() { f.SolveVJP(&g, &d, yb, &x) }},
			{"SolveHVP", func() { f.SolveHVP(&g, &d, e, rhs, yb, &x) }},
		} {
			b.Run(fmt.Sprintf("n=%d/%s", n, bm.name), func(b *testing.B) {
				if err := f.Factorize(a); err != nil {
					b.Fatal(err)
				}
				f.Inverse(&y)
				b.ReportAllocs()
				for b.Loop() {
					bm.run()
				}
			})
		}
	}
}

// BenchmarkHelpers compares the one-call helpers with doing the same with
// gonum directly. Each iteration runs both, interleaved, and the metrics are
// the minimum time of each over the iterations and their ratio, so run it
// with -benchtime=Nx, N ≥ 5.
func BenchmarkHelpers(b *testing.B) {
	for _, n := range benchSizes {
		rng := rand.New(rand.NewPCG(2, uint64(n)))
		a, e, rhs := check.Conditioned(rng, n, 10), check.Gaussian(rng, n, n), check.Gaussian(rng, n, n)
		var d, g, t mat.Dense
		for _, bm := range []struct {
			name           string
			matcalc, gonum func()
		}{
			{"Inverse", func() { Inverse(&d, a) }, func() { d.Inverse(a) }},
			{"JVP", func() { JVP(&d, a, e) }, func() { g.Inverse(a); t.Mul(&g, e); d.Mul(&t, &g); d.Scale(-1, &d) }},
			{"Solve", func() { Solve(&d, a, rhs) }, func() { d.Solve(a, rhs) }},
			{"SolveVJP", func() { SolveVJP(&g, &d, a, rhs, e) }, func() {
				var lu mat.LU
				lu.Factorize(a)
				lu.SolveTo(&t, false, rhs) // X
				lu.SolveTo(&d, true, e)    // B̄
				g.Mul(&d, t.T())
				g.Scale(-1, &g) // Ā
			}},
		} {
			b.Run(fmt.Sprintf("n=%d/%s", n, bm.name), func(b *testing.B) {
				var tm timings
				for b.Loop() {
					tm.time("matcalc", bm.matcalc)
					tm.time("gonum", bm.gonum)
				}
				reportVs(b, tm)
			})
		}
	}
}

// reportVs reports the times of the matcalc and gonum variants in tm and
// their ratio.
func reportVs(b *testing.B, tm timings) {
	b.ReportMetric(tm["matcalc"], "matcalc-ns")
	b.ReportMetric(tm["gonum"], "gonum-ns")
	b.ReportMetric(tm["matcalc"]/tm["gonum"], "matcalc/gonum")
}

// BenchmarkRatios interleaves, in each iteration, the factorization, each
// derivative and two gonum GEMMs in a row, and reports each derivative's
// time as a ratio to the factorization it reuses and to the two GEMMs (the
// target at n = 512 is a ratio of at most 1 for JVP and VJP), so that the
// ratios come from one run under the same load. Each time is the minimum
// over the iterations, so run it with -benchtime=Nx, N ≥ 5. For the inverse
// the factorization is Factorize+Inverse (the LU and A⁻¹); for the solve
// (k = n right-hand sides) it is Factorize alone.
func BenchmarkRatios(b *testing.B) {
	for _, n := range benchSizes {
		rng := rand.New(rand.NewPCG(3, uint64(n)))
		a, e, yb, rhs := check.Conditioned(rng, n, 10), check.Gaussian(rng, n, n), check.Gaussian(rng, n, n), check.Gaussian(rng, n, n)
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			var f LU
			var y, d, g, x mat.Dense
			var tm timings
			for b.Loop() {
				tm.time("2 GEMMs", func() { d.Mul(a, e); d.Mul(a, yb) })
				tm.time("LU", func() { f.Factorize(a) })
				tm.time("Solve", func() { f.Solve(&x, rhs) })
				tm.time("SolveJVP", func() { f.SolveJVP(&d, e, rhs, &x) })
				tm.time("SolveVJP", func() { f.SolveVJP(&g, &d, yb, &x) })
				tm.time("Inverse", func() { f.Inverse(&y) })
				tm.time("JVP", func() { f.JVP(&d, e) })
				tm.time("VJP", func() { f.VJP(&d, yb) })
				tm.time("HVP", func() { f.HVP(&d, e, yb) })
			}
			lu, inv, gemm2 := tm["LU"], tm["LU"]+tm["Inverse"], tm["2 GEMMs"]
			b.ReportMetric(lu/(gemm2/2), "LU/GEMM")
			b.ReportMetric(inv/(gemm2/2), "LU+inv/GEMM")
			for _, op := range []string{"JVP", "VJP", "HVP"} {
				b.ReportMetric(tm[op]/inv, op+"/(LU+inv)")
				b.ReportMetric(tm[op]/gemm2, op+"/2GEMM")
			}
			for _, op := range []string{"SolveJVP", "SolveVJP"} {
				b.ReportMetric(tm[op]/lu, op+"/LU")
				b.ReportMetric(tm[op]/gemm2, op+"/2GEMM")
			}
		})
	}
}

// timings keeps the shortest wall time of each operation over the
// iterations: on a shared, loaded machine the minimum is the robust estimate
// of an operation's own cost, where a mean mixes in the other processes.
type timings map[string]float64

func (t *timings) time(op string, f func()) {
	if *t == nil {
		*t = timings{}
	}
	start := time.Now()
	f()
	d := float64(time.Since(start))
	if old, ok := (*t)[op]; !ok || d < old {
		(*t)[op] = d
	}
}
