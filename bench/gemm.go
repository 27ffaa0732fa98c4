package main

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/blas"
	gonumblas "gonum.org/v1/gonum/blas/gonum"

	"github.com/matcalc/matcalc/kernels"
)

func init() {
	register(section{name: "gemm", doc: "GFLOP/s of Dgemm per size and thread count: matcalc, generic, gonum (and OpenBLAS)", run: runGemm})
}

// dgemmFunc is one implementation of row-major Dgemm.
type dgemmFunc func(tA, tB blas.Transpose, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int)

// gemmImpl names an implementation for the GEMM tables.
type gemmImpl struct {
	name  string
	dgemm dgemmFunc
	// setThreads, if not nil, sets the implementation's own thread count
	// (for libraries that do not follow GOMAXPROCS).
	setThreads func(n int)
}

// extraGemms holds implementations that build tags add, such as OpenBLAS.
var extraGemms []gemmImpl

func gemmImpls() []gemmImpl {
	impls := []gemmImpl{{name: "matcalc/" + kernels.Current().String(), dgemm: kernels.Dgemm}}
	if kernels.Current() != kernels.Generic {
		impls = append(impls, gemmImpl{name: "matcalc/generic", dgemm: func(tA, tB blas.Transpose, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
			defer kernels.Use(kernels.Generic)()
			kernels.Dgemm(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
		}})
	}
	impls = append(impls, gemmImpl{name: "gonum", dgemm: gonumblas.Implementation{}.Dgemm})
	return append(impls, extraGemms...)
}

// gemmShape is one m×n×k product.
type gemmShape struct{ m, n, k int }

func (s gemmShape) String() string { return fmt.Sprintf("%dx%dx%d", s.m, s.n, s.k) }

func gemmShapes(quick bool) []gemmShape {
	if quick {
		return []gemmShape{{64, 64, 64}, {128, 128, 128}, {128, 16, 128}}
	}
	return []gemmShape{
		{64, 64, 64}, {128, 128, 128}, {256, 256, 256}, {512, 512, 512},
		{1024, 1024, 1024}, {2048, 2048, 2048},
		{1024, 64, 1024}, {64, 1024, 64},
	}
}

func runGemm(r *runner) error {
	impls := gemmImpls()
	header := "shape\tthreads"
	for _, im := range impls {
		header += "\t" + im.name + "\t%peak"
	}
	var rows []string
	rng := rand.New(rand.NewPCG(1, 1))
	for _, s := range gemmShapes(r.cfg.quick) {
		a := randSlice(rng, s.m*s.k)
		b := randSlice(rng, s.k*s.n)
		c := make([]float64, s.m*s.n)
		ref := make([]float64, s.m*s.n)
		flops := 2 * float64(s.m) * float64(s.n) * float64(s.k)
		for _, th := range r.threadCounts() {
			// Slow references at 2048 would dominate the run; skip them.
			row := fmt.Sprintf("%s\t%d", s, th)
			for i, im := range impls {
				if s.m >= 2048 && (im.name == "gonum" || im.name == "matcalc/generic") {
					row += "\t-\t-"
					continue
				}
				r.progress("%s %s threads=%d", im.name, s, th)
				if im.setThreads != nil {
					im.setThreads(th)
				}
				ns := r.timeIt(th, func() {
					im.dgemm(blas.NoTrans, blas.NoTrans, s.m, s.n, s.k, 1, a, s.k, b, s.n, 0, c, s.n)
				})
				gf := flops / ns
				if i == 0 {
					copy(ref, c)
				}
				relErr := maxRelDiff(c, ref)
				r.record(result{Name: "dgemm", Shape: s.String(), Impl: im.name, Threads: th,
					NsPerOp: ns, GFLOPS: gf, RelErr: &relErr,
					Extra: map[string]float64{"pct_peak": pct(gf, r.peak*float64(th))}})
				row += fmt.Sprintf("\t%.1f\t%s", gf, r.pctPeak(gf, th))
			}
			rows = append(rows, row)
		}
	}
	r.table("GEMM: C = A·B, GFLOP/s (higher is better)", header, rows)
	r.note("%%peak is against the measured FMA peak of one core times the thread count.")
	return nil
}

func randSlice(rng *rand.Rand, n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = 2*rng.Float64() - 1
	}
	return s
}

// maxRelDiff returns max |x-y| / max |y|.
func maxRelDiff(x, y []float64) float64 {
	var d, s float64
	for i := range x {
		d = math.Max(d, math.Abs(x[i]-y[i]))
		s = math.Max(s, math.Abs(y[i]))
	}
	if s == 0 {
		return d
	}
	return d / s
}

func pct(x, of float64) float64 {
	if of <= 0 {
		return 0
	}
	return 100 * x / of
}
