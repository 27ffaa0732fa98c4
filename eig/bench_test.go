package eig

import (
	"fmt"
	"sort"
	"testing"
	"time"

	"gonum.org/v1/gonum/mat"
)

// The benchmarks measure the cost of each derivative beyond the
// decomposition, at n = 64, 256, 512, and report it also as a multiple of
// one n×n mat.Dense.Mul timed in the same run (the "GEMMs" metric), with
// whatever BLAS blas64.Use has installed (gonum's own by default).
//
//	go test -run '^$' -bench . -benchtime 200ms ./eig/

var benchSizes = []int{64, 256, 512}

// gemmTime returns the median time of one n×n mat.Dense.Mul, measured
// now: the benchmarks call it right after their loop, so that the GEMM
// reference sees the same load of a shared machine.
func gemmTime(n int) time.Duration {
	rng := newRand(uint64(n))
	a, b := randDense(rng, n), randDense(rng, n)
	var c mat.Dense
	c.Mul(a, b)
	reps := max(1, (1<<24)/(n*n*n))
	var ts []time.Duration
	for r := 0; r < 5; r++ {
		t0 := time.Now()
		for i := 0; i < reps; i++ {
			c.Mul(a, b)
		}
		ts = append(ts, time.Since(t0)/time.Duration(reps))
	}
	sort.Slice(ts, func(i, j int) bool { return ts[i] < ts[j] })
	return ts[len(ts)/2]
}

// reportGEMMs adds the time per operation in units of one GEMM.
func reportGEMMs(b *testing.B, n int) {
	per := float64(b.Elapsed()) / float64(b.N)
	b.StopTimer()
	b.ReportMetric(per/float64(gemmTime(n)), "GEMMs")
}

func BenchmarkEig(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) { benchSize(b, n) })
	}
}

// benchSize sets up one size (only when its benchmarks are selected) and
// runs them.
func benchSize(b *testing.B, n int) {
	rng := newRand(uint64(n) + 1)
	a := randSym(rng, n)
	// A positive definite matrix for Log and Sqrt.
	var spd mat.SymDense
	spd.SymOuterK(1, randDense(rng, n))
	for i := 0; i < n; i++ {
		spd.SetSym(i, i, spd.At(i, i)+1)
	}
	var s, sp Sym
	if err := s.Factorize(a, nil); err != nil {
		b.Fatal(err)
	}
	if err := sp.Factorize(&spd, nil); err != nil {
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
			reportGEMMs(b, n)
		})
	}
	x, y := randDense(rng, n), randDense(rng, n)
	run("Mul", func() error { dst.Mul(x, y); return nil })
	run("Factorize", func() error { var t Sym; return t.Factorize(a, nil) })
	run("ValuesJVP", func() error { s.ValuesJVP(lamDst, e); return nil })
	run("ValuesVJP", func() error { s.ValuesVJP(dst, lamBar); return nil })
	run("ValueHVP", func() error { return s.ValueHVP(dst, n/2, e) })
	run("ValuesHVP", func() error { return s.ValuesHVP(dst, lamBar, e) })
	run("VectorsJVP", func() error { return s.VectorsJVP(dst, e) })
	run("VectorsVJP", func() error { return s.VectorsVJP(dst, lamBar, vBar) })
	run("FuncValue/Exp", func() error { return s.FuncValue(dst, Exp) })
	run("FuncJVP/Exp", func() error { return s.FuncJVP(dst, Exp, e) })
	run("FuncVJP/Log", func() error { return sp.FuncVJP(dst, Log, vBar) })
	run("FuncHVP/Exp", func() error { return s.FuncHVP(dst, Exp, e, vBar) })
	run("TraceGrad/Log", func() error { return sp.TraceGrad(dst, Log) })
	run("TraceHVP/Log", func() error { return sp.TraceHVP(dst, Log, e) })
}
