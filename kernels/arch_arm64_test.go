//go:build arm64 && gc && !purego

package kernels

import (
	"fmt"
	"testing"

	"gonum.org/v1/gonum/blas"
)

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

// BenchmarkNEONDgemm compares the NEON path with generic on square
// products; "MB/s" reads as Mflop/s (2n³ flops per op).
func BenchmarkNEONDgemm(b *testing.B) {
	for _, n := range []int{64, 256} {
		x := make([]float64, n*n)
		for i := range x {
			x[i] = float64(i%7) - 3
		}
		c := make([]float64, n*n)
		for _, p := range []Path{NEON, Generic} {
			b.Run(fmt.Sprintf("%s/n=%d", p, n), func(b *testing.B) {
				defer Use(p)()
				b.SetBytes(int64(2 * n * n * n))
				for b.Loop() {
					Dgemm(blas.NoTrans, blas.NoTrans, n, n, n, 1, x, n, x, n, 0, c, n)
				}
			})
		}
	}
}
