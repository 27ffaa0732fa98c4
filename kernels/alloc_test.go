package kernels

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"

	"gonum.org/v1/gonum/blas"
)

// TestDgemmAllocs checks that Dgemm does not allocate after the first call,
// on every path: with testing.AllocsPerRun, which runs on one P, exactly
// zero; with two Ps, where the parallel path runs, less than one allocation
// per call on average. The parallel path itself allocates nothing, but
// sync.Pool and the runtime's semaphore cache do now and then as the calling
// goroutine moves between Ps. sync.Pool drops items at random under the
// race detector, so the test is skipped there.
func TestDgemmAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("sync.Pool is randomized under the race detector")
	}
	rng := rand.New(rand.NewPCG(5, 5))
	// Small, parallel small, parallel packed and parallel narrow products.
	for _, s := range [][3]int{{5, 7, 3}, {64, 64, 64}, {200, 190, 180}, {300, 300, 300}, {1000, 64, 300}} {
		m, n, k := s[0], s[1], s[2]
		a, b, c := randSlice(rng, m*k), randSlice(rng, k*n), randSlice(rng, m*n)
		for _, procs := range []int{1, 2} {
			t.Run(fmt.Sprintf("%dx%dx%d/procs=%d", m, n, k, procs), func(t *testing.T) {
				forEachPath(t, func(t *testing.T, p Path) {
					if m*n*k > 64*64*64 && lookup(p).gemm == nil {
						t.Skip("large sizes only on the paths of the blocked framework")
					}
					for _, tr := range []blas.Transpose{blas.NoTrans, blas.Trans} {
						lda, ldb := k, n
						if tr == blas.Trans {
							lda, ldb = m, k
						}
						f := func() { Dgemm(tr, tr, m, n, k, 1.5, a, lda, b, ldb, 0.5, c, n) }
						f()
						if procs == 1 {
							if got := testing.AllocsPerRun(10, f); got > 0 {
								t.Errorf("tr=%c: %v allocations per call, want 0", tr, got)
							}
							continue
						}
						defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
						if got := allocsPerRun(20, f); got >= 1 {
							t.Errorf("tr=%c: %v allocations per call with %d Ps, want < 1", tr, got, procs)
						}
					}
				})
			})
		}
	}
}

// TestLevel3Allocs checks that the blocked Level 3 routines do not allocate
// after the first call.
func TestLevel3Allocs(t *testing.T) {
	if raceEnabled {
		t.Skip("sync.Pool is randomized under the race detector")
	}
	rng := rand.New(rand.NewPCG(6, 6))
	const n = 100
	a, b, c := randSlice(rng, n*n), randSlice(rng, n*n), randSlice(rng, n*n)
	for i := 0; i < n; i++ {
		a[i*n+i] = 2
	}
	impl := Implementation{}
	forEachPath(t, func(t *testing.T, p Path) {
		for name, f := range map[string]func(){
			"Dtrsm":  func() { impl.Dtrsm(blas.Left, blas.Lower, blas.NoTrans, blas.NonUnit, n, n, 1, a, n, b, n) },
			"Dtrmm":  func() { impl.Dtrmm(blas.Right, blas.Upper, blas.Trans, blas.Unit, n, n, 0.5, a, n, b, n) },
			"Dsyrk":  func() { impl.Dsyrk(blas.Upper, blas.NoTrans, n, n, 1, a, n, 0, c, n) },
			"Dsyr2k": func() { impl.Dsyr2k(blas.Lower, blas.Trans, n, n, 1, a, n, b, n, 0, c, n) },
			"Dsymm":  func() { impl.Dsymm(blas.Left, blas.Upper, n, n, 1, a, n, b, n, 0, c, n) },
		} {
			f()
			if got := testing.AllocsPerRun(10, f); got > 0 {
				t.Errorf("%s: %v allocations per call, want 0", name, got)
			}
		}
	})
}

// allocsPerRun is testing.AllocsPerRun without its GOMAXPROCS(1), which
// would keep the parallel path from running: the average number of heap
// allocations of the whole process per call of f.
//
// It warms up with a few calls first: after GOMAXPROCS changes, sync.Pool
// drops its per-P caches, and each goroutine of a parallel call needs its
// own buffers in the pool before the calls stop allocating.
func allocsPerRun(runs int, f func()) float64 {
	var before, after runtime.MemStats
	for i := 0; i < 5; i++ {
		f()
	}
	runtime.ReadMemStats(&before)
	for i := 0; i < runs; i++ {
		f()
	}
	runtime.ReadMemStats(&after)
	return float64(after.Mallocs-before.Mallocs) / float64(runs)
}
