package kernels

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"
)

// TestGemmSplit checks that the parallel split covers C with at most
// GOMAXPROCS blocks of at least one tile each.
func TestGemmSplit(t *testing.T) {
	g := &gemmKernel{mr: 4, nr: 12}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, procs := range []int{1, 2, 3, 4, 8} {
		runtime.GOMAXPROCS(procs)
		for _, s := range [][2]int{{1000, 1000}, {5, 2000}, {2000, 5}, {100, 13}, {4, 12}} {
			pm, pn := gemmSplit(g, s[0], s[1], 1000)
			tm, tn := (s[0]+3)/4, (s[1]+11)/12
			if pm < 1 || pn < 1 || pm*pn > procs || pm > tm || pn > tn {
				t.Errorf("procs=%d m=%d n=%d: split %d×%d", procs, s[0], s[1], pm, pn)
			}
			if procs > 1 && s[0] >= 100 && s[1] >= 100 && pm*pn < 2 {
				t.Errorf("procs=%d m=%d n=%d: split %d×%d does not use the goroutines", procs, s[0], s[1], pm, pn)
			}
		}
	}
}

// TestDgemmConcurrent runs the parallel path from several goroutines at once
// with every product split (the split threshold lowered to one), so that the
// worker pool is shared between calls, on each of the small, narrow and
// packed paths; under -race it checks the framework's
// synchronization and the race annotations of the assembly.
func TestDgemmConcurrent(t *testing.T) {
	defer func(v, s, n, nt int) {
		parallelMinVolume, smallMaxVolume, narrowMaxN, narrowMaxNTrans = v, s, n, nt
	}(parallelMinVolume, smallMaxVolume, narrowMaxN, narrowMaxNTrans)
	parallelMinVolume = 1
	for _, c := range []struct {
		name          string
		small, narrow int
	}{
		{"small", smallMaxVolume, narrowMaxN},
		{"narrow", 0, 1 << 20},
		{"packed", 0, 0},
	} {
		smallMaxVolume, narrowMaxN, narrowMaxNTrans = c.small, c.narrow, c.narrow
		t.Run(c.name, testDgemmConcurrent)
	}
}

func testDgemmConcurrent(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	calls := 12
	if testing.Short() {
		calls = 4
	}
	forEachPath(t, func(t *testing.T, p Path) {
		var wg sync.WaitGroup
		for w := 0; w < 3; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				rng := rand.New(rand.NewPCG(7, uint64(w)))
				for i := 0; i < calls; i++ {
					m, n, k := 1+rng.IntN(90), 1+rng.IntN(90), rng.IntN(70)
					tA, tB := transposes[rng.IntN(2)], transposes[rng.IntN(2)]
					g := newGemmCase(rng, tA, tB, m, n, k, 1, 0.5, rng.IntN(3))
					want, bound := g.naive()
					g.run(t, fmt.Sprintf("%s goroutine %d", p, w), callDgemm, want, bound)
				}
			}()
		}
		wg.Wait()
	})
}
