package kernels

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"
)

// benchShapes are the m×n×k shapes of the GEMM benchmarks: squares and the
// two rectangular shapes of the issue.
var benchShapes = [][3]int{
	{64, 64, 64}, {128, 128, 128}, {256, 256, 256}, {512, 512, 512},
	{1024, 1024, 1024}, {2048, 2048, 2048},
	{1024, 64, 1024}, {64, 1024, 64}, {1024, 1024, 64},
}

func randSlice(rng *rand.Rand, n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = 2*rng.Float64() - 1
	}
	return s
}

// BenchmarkDgemm reports GFLOP/s of C = A·B + C (no transposes) for every
// path, gonum's native Dgemm, and 1 and 2 threads:
//
//	go test -run '^$' -bench Dgemm -benchtime 200ms ./kernels
func BenchmarkDgemm(b *testing.B) {
	for _, s := range benchShapes {
		m, n, k := s[0], s[1], s[2]
		if testing.Short() && m*n*k > 512*512*512 {
			continue
		}
		rng := rand.New(rand.NewPCG(1, 1))
		a, bb, c := randSlice(rng, m*k), randSlice(rng, k*n), randSlice(rng, m*n)
		for _, threads := range []int{1, 2} {
			run := func(name string, f func()) {
				b.Run(fmt.Sprintf("%dx%dx%d/%s/threads=%d", m, n, k, name, threads), func(b *testing.B) {
					defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(threads))
					f()
					b.ResetTimer()
					for b.Loop() {
						f()
					}
					b.ReportMetric(2*float64(m)*float64(n)*float64(k)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
				})
			}
			for _, p := range Available() {
				run(p.String(), func() {
					defer Use(p)()
					Dgemm(blas.NoTrans, blas.NoTrans, m, n, k, 1, a, k, bb, n, 1, c, n)
				})
			}
			run("gonum", func() {
				gonum.Implementation{}.Dgemm(blas.NoTrans, blas.NoTrans, m, n, k, 1, a, k, bb, n, 1, c, n)
			})
		}
	}
}

// BenchmarkMicrokernel reports the GFLOP/s of the microkernel alone on one
// packed kc-deep tile held in L1, the ceiling of the blocked GEMM.
func BenchmarkMicrokernel(b *testing.B) {
	for _, p := range Available() {
		g := lookup(p).gemm
		if g == nil {
			continue
		}
		b.Run(p.String(), func(b *testing.B) {
			rng := rand.New(rand.NewPCG(1, 1))
			kc := g.kc
			a, bp, c := randSlice(rng, g.mr*kc), randSlice(rng, g.nr*kc), randSlice(rng, g.mr*g.nr)
			for b.Loop() {
				g.kern(kc, 1, a, bp, c, g.nr)
			}
			b.ReportMetric(2*float64(g.mr*g.nr*kc)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
	}
}

// BenchmarkLevel3 reports GFLOP/s of the blocked Level 3 routines of
// Implementation at n = 512 (one thread) next to gonum's own:
//
//	go test -run '^$' -bench Level3 -benchtime 200ms ./kernels
func BenchmarkLevel3(b *testing.B) {
	n := 512
	if testing.Short() {
		n = 128
	}
	rng := rand.New(rand.NewPCG(2, 2))
	a, b0, c := randSlice(rng, n*n), randSlice(rng, n*n), randSlice(rng, n*n)
	for i := 0; i < n; i++ {
		a[i*n+i] = float64(n) // well-conditioned triangles for Dtrsm
	}
	// Dtrsm and Dtrmm work in place: each call starts from a fresh copy of
	// B (an O(n²) copy against O(n³) flops), or B would decay to zeros and
	// subnormals, which gonum's routines skip or slow down on.
	bb := make([]float64, n*n)
	fresh := func() []float64 { copy(bb, b0); return bb }
	fn := float64(n)
	routines := []struct {
		name  string
		flops float64
		call  func(impl blas.Float64)
	}{
		{"Dgemm", 2 * fn * fn * fn, func(impl blas.Float64) {
			impl.Dgemm(blas.NoTrans, blas.Trans, n, n, n, 1, a, n, b0, n, 0, c, n)
		}},
		// Half a GEMM: matcalc only (gonum has no Dgemmt; its row is skipped).
		{"Dgemmt", fn * fn * fn, func(impl blas.Float64) {
			if t, ok := impl.(interface {
				Dgemmt(ul blas.Uplo, tA, tB blas.Transpose, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int)
			}); ok {
				t.Dgemmt(blas.Lower, blas.NoTrans, blas.Trans, n, n, 1, a, n, b0, n, 0, c, n)
			}
		}},
		{"Dtrsm", fn * fn * fn, func(impl blas.Float64) {
			impl.Dtrsm(blas.Left, blas.Lower, blas.NoTrans, blas.NonUnit, n, n, 1, a, n, fresh(), n)
		}},
		{"Dtrmm", fn * fn * fn, func(impl blas.Float64) {
			impl.Dtrmm(blas.Right, blas.Upper, blas.NoTrans, blas.NonUnit, n, n, 1e-3, a, n, fresh(), n)
		}},
		{"Dsyrk", fn * fn * fn, func(impl blas.Float64) {
			impl.Dsyrk(blas.Lower, blas.NoTrans, n, n, 1, a, n, 0, c, n)
		}},
		{"Dsyr2k", 2 * fn * fn * fn, func(impl blas.Float64) {
			impl.Dsyr2k(blas.Upper, blas.Trans, n, n, 1, a, n, b0, n, 0, c, n)
		}},
		{"Dsymm", 2 * fn * fn * fn, func(impl blas.Float64) {
			impl.Dsymm(blas.Left, blas.Upper, n, n, 1, a, n, b0, n, 0, c, n)
		}},
	}
	for _, r := range routines {
		for _, im := range []struct {
			name string
			impl blas.Float64
		}{{"matcalc", Implementation{}}, {"gonum", gonum.Implementation{}}} {
			if _, ok := im.impl.(gonum.Implementation); ok && r.name == "Dgemmt" {
				continue
			}
			b.Run(fmt.Sprintf("%s/n=%d/%s", r.name, n, im.name), func(b *testing.B) {
				defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
				for b.Loop() {
					r.call(im.impl)
				}
				b.ReportMetric(r.flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
			})
		}
	}
}
