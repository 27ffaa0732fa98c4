//go:build arm64 && gc && !purego

package kernels

import "testing"

// TestNEONBlockSizes checks the block-size table: the documented values at
// the floors and for Neoverse N1, and the framework's invariants (mc a
// multiple of mr, nc of nr, kc ≥ 1) for caches from none to huge.
func TestNEONBlockSizes(t *testing.T) {
	for _, c := range []struct {
		l1, l2, l3 int
		mc, kc, nc int
	}{
		{-1, -1, -1, 60, 256, 512},
		{64 << 10, 1 << 20, 32 << 20, 126, 512, 2048},
	} {
		g := newNEONGemm(c.l1, c.l2, c.l3)
		if g.mc != c.mc || g.kc != c.kc || g.nc != c.nc {
			t.Errorf("caches %d, %d, %d: mc, kc, nc = %d, %d, %d, want %d, %d, %d",
				c.l1, c.l2, c.l3, g.mc, g.kc, g.nc, c.mc, c.kc, c.nc)
		}
	}
	for _, l1 := range []int{-1, 0, 1 << 10, 32 << 10, 64 << 10, 128 << 10, 1 << 30} {
		for _, l2 := range []int{-1, 128 << 10, 1 << 20, 16 << 20, 1 << 30} {
			for _, l3 := range []int{-1, 1 << 20, 64 << 20, 1 << 34} {
				g := newNEONGemm(l1, l2, l3)
				if g.kc < 1 || g.mc < g.mr || g.mc%g.mr != 0 || g.nc < g.nr || g.nc%g.nr != 0 {
					t.Errorf("caches %d, %d, %d: bad blocks mr=%d nr=%d mc=%d kc=%d nc=%d",
						l1, l2, l3, g.mr, g.nr, g.mc, g.kc, g.nc)
				}
			}
		}
	}
}
