// Copyright ©2026 The matcalc Authors. All rights reserved.

package eigensolver

import (
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"testing"

	"github.com/matcalc/matcalc/kernels"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"
)

var benchSizes = []int{64, 256, 512, 1024}

// useBenchBLAS installs matcalc's kernels as gonum's BLAS when
// MATCALC_BENCH_BLAS=kernels and returns the function that restores the
// previous one.
func useBenchBLAS() func() {
	prev := blas64.Implementation()
	if os.Getenv("MATCALC_BENCH_BLAS") == "kernels" {
		blas64.Use(kernels.Implementation{})
	}
	return func() { blas64.Use(prev) }
}

func benchMatrix(n int) *mat.SymDense {
	rnd := rand.New(rand.NewPCG(uint64(n), 7))
	a := mat.NewSymDense(n, nil)
	for i := range n {
		for j := i; j < n; j++ {
			a.SetSym(i, j, rnd.NormFloat64())
		}
	}
	return a
}

// BenchmarkFactorize measures values and vectors, reporting the split of
// the CPU time between the reduction (with the copy of the input), the
// tridiagonal solver and the back-transformation as ms/op metrics. Run it
// with GOMAXPROCS=1 for single-threaded figures: the CPU time of the process
// then is the time of the work, however loaded the machine.
//
// With MATCALC_BENCH_BLAS=kernels the benchmarks run on matcalc's kernels
// (kernels.Implementation installed as gonum's BLAS), otherwise on gonum's.
func BenchmarkFactorize(b *testing.B) {
	defer useBenchBLAS()()
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			a := benchMatrix(n)
			var e Eigen
			var reduce, solve, back int64
			c0 := cpuTime()
			for b.Loop() {
				e.reset(n)
				t0 := cpuTime()
				if _, err := e.load(a); err != nil {
					b.Fatal(err)
				}
				e.tridiagonalize()
				t1 := cpuTime()
				if err := e.solveTridiagonal(true); err != nil {
					b.Fatal(err)
				}
				t2 := cpuTime()
				e.backTransform()
				t3 := cpuTime()
				reduce += t1 - t0
				solve += t2 - t1
				back += t3 - t2
			}
			ms := func(ns int64) float64 { return float64(ns) / float64(b.N) / 1e6 }
			b.ReportMetric(ms(cpuTime()-c0), "cpu-ms")
			b.ReportMetric(ms(reduce), "reduce-ms")
			b.ReportMetric(ms(solve), "tridiag-ms")
			b.ReportMetric(ms(back), "back-ms")
		})
	}
}

// BenchmarkValues measures a values-only request.
func BenchmarkValues(b *testing.B) {
	defer useBenchBLAS()()
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			a := benchMatrix(n)
			var e Eigen
			c0 := cpuTime()
			for b.Loop() {
				if err := e.Factorize(a, false); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cpuTime()-c0)/float64(b.N)/1e6, "cpu-ms")
		})
	}
}

// BenchmarkGonumEigenSym measures gonum's mat.EigenSym with vectors, the
// baseline.
func BenchmarkGonumEigenSym(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			a := benchMatrix(n)
			var e mat.EigenSym
			c0 := cpuTime()
			for b.Loop() {
				if !e.Factorize(a, true) {
					b.Fatal("gonum EigenSym failed")
				}
			}
			b.ReportMetric(float64(cpuTime()-c0)/float64(b.N)/1e6, "cpu-ms")
		})
	}
}

// BenchmarkSytrd measures the tridiagonal reduction alone.
func BenchmarkSytrd(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			a := benchMatrix(n)
			var e Eigen
			e.reset(n)
			c0 := cpuTime()
			for b.Loop() {
				if _, err := e.load(a); err != nil {
					b.Fatal(err)
				}
				e.tridiagonalize()
			}
			b.ReportMetric(float64(cpuTime()-c0)/float64(b.N)/1e6, "cpu-ms")
		})
	}
}

// BenchmarkDC measures the divide-and-conquer tridiagonal solver alone, on
// the tridiagonal form of the benchmark matrix.
func BenchmarkDC(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			var e Eigen
			e.reset(n)
			if _, err := e.load(benchMatrix(n)); err != nil {
				b.Fatal(err)
			}
			e.tridiagonalize()
			d, off := slices.Clone(e.values), slices.Clone(e.off)
			c0 := cpuTime()
			for b.Loop() {
				if err := e.FactorizeTridiagonal(d, off, true); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cpuTime()-c0)/float64(b.N)/1e6, "cpu-ms")
		})
	}
}
