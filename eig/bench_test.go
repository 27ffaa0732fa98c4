package eig

import (
	"fmt"
	"math"
	"os"
	"testing"
	"time"

	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/kernels"
)

// The benchmarks measure the cost of each derivative beyond the
// decomposition, at n = 64, 256, 512, and report it also as a multiple of
// one n×n mat.Dense.Mul timed alternately with it in the same run (the
// "GEMMs" metric, least CPU time against least CPU time), with whatever
// BLAS blas64.Use has installed: gonum's own by default, matcalc's kernels
// with MATCALC_BENCH_BLAS=kernels:
//
//	MATCALC_BENCH_BLAS=kernels go test -run '^$' -bench . -benchtime 200ms -cpu 1 ./eig/

var benchSizes = []int{64, 256, 512}

// gemmRatio returns the cost of op in units of one n×n mat.Dense.Mul: it
// runs op and the product alternately, seven times each, measures the CPU
// time of the process (not the wall time, which on a shared machine mostly
// measures the wait for a core) and divides the least for op by the least
// for the product. Run with -cpu 1 so that the process CPU time is the
// work of the measured goroutine.
func gemmRatio(n int, op func() error) float64 {
	rng := newRand(uint64(n))
	a, b := randDense(rng, n), randDense(rng, n)
	var c mat.Dense
	c.Mul(a, b)
	reps := max(1, (1<<22)/(n*n*n))
	measure := func(f func()) time.Duration {
		t0 := cpuTime()
		for i := 0; i < reps; i++ {
			f()
		}
		return (cpuTime() - t0) / time.Duration(reps)
	}
	minOp, minMul := time.Duration(math.MaxInt64), time.Duration(math.MaxInt64)
	for r := 0; r < 7; r++ {
		minOp = min(minOp, measure(func() { _ = op() }))
		minMul = min(minMul, measure(func() { c.Mul(a, b) }))
	}
	return float64(minOp) / float64(minMul)
}

func BenchmarkEig(b *testing.B) {
	if os.Getenv("MATCALC_BENCH_BLAS") == "kernels" {
		defer blas64.Use(blas64.Implementation())
		blas64.Use(kernels.Implementation{})
	}
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) { benchSize(b, n) })
	}
}

// benchSize sets up one size (only when its benchmarks are selected) and
// runs them.
func benchSize(b *testing.B, n int) {
	rng := newRand(uint64(n) + 1)
	a := randSym(rng, n)
	spd := randSPD(rng, n) // for Log and Sqrt
	var s, sp Sym
	if err := s.Factorize(a, nil); err != nil {
		b.Fatal(err)
	}
	if err := sp.Factorize(spd, nil); err != nil {
		b.Fatal(err)
	}
	e := randSym(rng, n)
	vBar := randDense(rng, n)
	lamBar := make([]float64, n)
	for i := range lamBar {
		lamBar[i] = rng.NormFloat64()
	}
	dst := mat.NewDense(n, n, nil)
	lamDst := make([]float64, n)

	run := func(name string, f func() error) {
		b.Run(name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if err := f(); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			b.ReportMetric(gemmRatio(n, f), "GEMMs")
		})
	}
	x, y := randDense(rng, n), randDense(rng, n)
	run("Mul", func() error { dst.Mul(x, y); return nil })
	run("Factorize", func() error { var t Sym; return t.Factorize(a, nil) })
	run("ValuesJVP", func() error { s.ValuesJVP(lamDst, e); return nil })
	run("ValuesVJP", func() error { s.ValuesVJP(dst, lamBar); return nil })
	run("ValueHVP", func() error { return s.ValueHVP(dst, n/2, e) })
	run("ValuesHVP", func() error { return s.ValuesHVP(dst, lamBar, e) })
	run("VectorsJVP", func() error { s.VectorsJVP(dst, e); return nil })
	run("VectorsVJP", func() error { return s.VectorsVJP(dst, lamBar, vBar) })
	run("FuncValue/Exp", func() error { return s.FuncValue(dst, Exp) })
	run("FuncJVP/Exp", func() error { return s.FuncJVP(dst, Exp, e) })
	run("FuncVJP/Log", func() error { return sp.FuncVJP(dst, Log, vBar) })
	run("FuncHVP/Exp", func() error { return s.FuncHVP(dst, Exp, e, vBar) })
	run("TraceGrad/Log", func() error { return sp.TraceGrad(dst, Log) })
	run("TraceHVP/Log", func() error { return sp.TraceHVP(dst, Log, e) })
}
