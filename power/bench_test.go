package power

import (
	"fmt"
	"math/bits"
	"math/rand/v2"
	"testing"
	"time"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/check"
)

var benchSizes = []int{16, 128, 512}

// BenchmarkPower measures each method of Power at n = 16, 128, 512 for
// k = 10 and −10, and k = 1000 up to n = 128, next to what it reuses: "Factorize" computes the
// chain (and A⁻¹ for k < 0) that JVP, VJP and HVP reuse, and "GEMM" is one
// n×n product with gonum, the unit of the costs in the docs.
func BenchmarkPower(b *testing.B) {
	for _, n := range benchSizes {
		rng := rand.New(rand.NewPCG(1, uint64(n)))
		// An orthogonal A: no overflow, and no subnormal arithmetic, at k = ±1000.
		a, e, yb := check.Orthogonal(rng, n), check.Gaussian(rng, n, n), check.Gaussian(rng, n, n)
		var d mat.Dense
		b.Run(fmt.Sprintf("n=%d/GEMM", n), func(b *testing.B) {
			for b.Loop() {
				d.Mul(a, e)
			}
		})
		for _, k := range []int{10, -10, 1000} {
			if k == 1000 && n > 128 {
				continue // minutes per iteration on a loaded machine
			}
			var f Power
			if err := f.Factorize(a, k); err != nil {
				b.Fatal(err)
			}
			for _, bm := range []struct {
				name string
				run  func()
			}{
				{"Factorize", func() { f.Factorize(a, k) }},
				{"JVP", func() { f.JVP(&d, e) }},
				{"VJP", func() { f.VJP(&d, yb) }},
				{"HVP", func() { f.HVP(&d, e, yb) }},
			} {
				b.Run(fmt.Sprintf("n=%d/k=%d/%s", n, k, bm.name), func(b *testing.B) {
					b.ReportAllocs()
					for b.Loop() {
						bm.run()
					}
				})
			}
		}
	}
}

// BenchmarkHelpers compares the one-call helpers with doing the same with
// gonum directly: mat.Dense.Pow for the value, and for the JVP the block
// identity, the top-right block of [[A, E], [0, A]]^k by mat.Dense.Pow. Each
// iteration runs both, interleaved, and the metrics are the minimum time of
// each over the iterations and their ratio, so run it with -benchtime=Nx,
// N ≥ 5.
func BenchmarkHelpers(b *testing.B) {
	const k = 10
	for _, n := range benchSizes {
		rng := rand.New(rand.NewPCG(2, uint64(n)))
		a, e := scaled(rng, n), check.Gaussian(rng, n, n)
		blk := block(n, [][]mat.Matrix{{a, e}, {nil, a}})
		var d, g mat.Dense
		for _, bm := range []struct {
			name           string
			matcalc, gonum func()
		}{
			{"Pow", func() { Pow(&d, a, k) }, func() { d.Pow(a, k) }},
			{"JVP", func() { JVP(&d, a, k, e) }, func() { g.Pow(blk, k); d.CloneFrom(g.Slice(0, n, n, 2*n)) }},
		} {
			b.Run(fmt.Sprintf("n=%d/k=%d/%s", n, k, bm.name), func(b *testing.B) {
				var tm timings
				for b.Loop() {
					tm.time("matcalc", bm.matcalc)
					tm.time("gonum", bm.gonum)
				}
				b.ReportMetric(tm["matcalc"], "matcalc-ns")
				b.ReportMetric(tm["gonum"], "gonum-ns")
				b.ReportMetric(tm["matcalc"]/tm["gonum"], "matcalc/gonum")
			})
		}
	}
}

// BenchmarkRatios interleaves, in each iteration, Factorize (the chain every
// derivative reuses), each derivative and four gonum GEMMs in a row (the unit
// is a quarter of their time), and reports each derivative's time as a ratio
// to Factorize and to a GEMM, so that the ratios come from one run under the
// same load. Each time is the minimum over the iterations, so run it with
// -benchtime=Nx, N ≥ 5.
func BenchmarkRatios(b *testing.B) {
	for _, n := range benchSizes {
		for _, k := range []int{10, -10, 1000} {
			if k == 1000 && n > 128 {
				continue
			}
			rng := rand.New(rand.NewPCG(3, uint64(n)))
			a, e, yb := check.Orthogonal(rng, n), check.Gaussian(rng, n, n), check.Gaussian(rng, n, n)
			b.Run(fmt.Sprintf("n=%d/k=%d", n, k), func(b *testing.B) {
				var f Power
				var d mat.Dense
				var tm timings
				for b.Loop() {
					tm.time("4 GEMMs", func() {
						for range 4 {
							d.Mul(a, e)
						}
					})
					tm.time("Factorize", func() { f.Factorize(a, k) })
					tm.time("JVP", func() { f.JVP(&d, e) })
					tm.time("VJP", func() { f.VJP(&d, yb) })
					tm.time("HVP", func() { f.HVP(&d, e, yb) })
				}
				fac, gemm := tm["Factorize"], tm["4 GEMMs"]/4
				b.ReportMetric(fac/gemm, "Factorize/GEMM")
				for _, op := range []string{"JVP", "VJP", "HVP"} {
					b.ReportMetric(tm[op]/fac, op+"/Factorize")
					b.ReportMetric(tm[op]/gemm, op+"/GEMM")
				}
			})
		}
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

// BenchmarkJVP1000 measures the JVP of A^1000 against 30 gonum GEMMs in a
// row (3 per bit of k: the target), interleaved in each iteration with the
// minimum taken over iterations, and reports the cost in GEMMs per bit of k
// (the JVP runs 28 products for the 10 bits). The baseline is as long as the
// JVP so that both see the same share of a loaded machine. Run it with
// -benchtime=Nx, N ≥ 3.
func BenchmarkJVP1000(b *testing.B) {
	const k = 1000
	for _, n := range []int{128, 512} {
		rng := rand.New(rand.NewPCG(4, uint64(n)))
		a, e := check.Orthogonal(rng, n), check.Gaussian(rng, n, n)
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			var f Power
			if err := f.Factorize(a, k); err != nil {
				b.Fatal(err)
			}
			var d, g mat.Dense
			var tm timings
			for b.Loop() {
				tm.time("30 GEMMs", func() {
					for range 30 {
						g.Mul(a, e)
					}
				})
				tm.time("JVP", func() { f.JVP(&d, e) })
			}
			b.ReportMetric(tm["JVP"]/(tm["30 GEMMs"]/30)/float64(bits.Len(k)), "GEMMs/bit")
		})
	}
}
