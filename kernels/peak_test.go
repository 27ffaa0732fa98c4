package kernels

import (
	"testing"
	"time"
)

// TestPeakLoops runs every path's FMA throughput loop on a value whose
// products and sums are exact, so that the result shows it ran every chain
// n times, and checks that PeakGFLOPS reports a finite, positive rate.
func TestPeakLoops(t *testing.T) {
	forEachPath(t, func(t *testing.T, p Path) {
		loop, flops := scalarFMALoop, float64(scalarFMAFlops)
		if pk := lookup(p).peak; pk != nil {
			loop, flops = pk.loop, pk.flops
		} else {
			// The scalar loop starts its chains at 1.0 … 2.1 and decays them;
			// only check that it runs.
			if v := loop(10); v != v {
				t.Fatalf("scalar loop returned NaN")
			}
			return
		}
		const n = 1000
		// Each of 12 chains adds x·x = 0.25 to lane 0 n times: 12·0.25·n.
		if got, want := loop(n), 12*0.25*n; got != want {
			t.Errorf("%s peak loop(%d) = %v, want %v", p, n, got, want)
		}
		if flops <= 0 {
			t.Errorf("%s peak loop flops = %v", p, flops)
		}
		if g := PeakGFLOPS(time.Millisecond); !(g > 0) {
			t.Errorf("%s PeakGFLOPS = %v", p, g)
		}
	})
}
