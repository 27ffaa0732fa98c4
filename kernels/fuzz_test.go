package kernels

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas"
)

// FuzzDgemm compares the selected path with generic on fuzzed shapes,
// transposes, padding, scalars and values:
//
//	go test -fuzz FuzzDgemm ./kernels
func FuzzDgemm(f *testing.F) {
	f.Add(uint8(3), uint8(5), uint8(7), uint8(0), uint8(0), 1.0, 0.0, uint64(1))
	f.Add(uint8(13), uint8(12), uint8(1), uint8(3), uint8(2), -0.5, 1.0, uint64(2))
	f.Add(uint8(65), uint8(9), uint8(64), uint8(1), uint8(5), 2.0, 0.5, uint64(3))
	f.Fuzz(func(t *testing.T, m, n, k, flags, pad uint8, alpha, beta float64, seed uint64) {
		if math.IsNaN(alpha) || math.IsInf(alpha, 0) || math.IsNaN(beta) || math.IsInf(beta, 0) ||
			math.Abs(alpha) > 1e100 || math.Abs(beta) > 1e100 {
			t.Skip()
		}
		tA, tB := blas.NoTrans, blas.NoTrans
		if flags&1 != 0 {
			tA = blas.Trans
		}
		if flags&2 != 0 {
			tB = blas.Trans
		}
		rng := rand.New(rand.NewPCG(seed, 7))
		g := newGemmCase(rng, tA, tB, int(m), int(n), int(k), alpha, beta, int(pad%8))
		want := g.c.clone()
		func() {
			defer Use(Generic)()
			callDgemm(g, want)
		}()
		// Bound each element by Σ|alpha a b| + |beta c| ≤ |alpha| k + |beta|.
		bound := float64(int(k))*math.Abs(alpha) + math.Abs(beta) + math.SmallestNonzeroFloat64
		wantDense := make([]float64, g.m*g.n)
		bounds := make([]float64, g.m*g.n)
		for i := 0; i < g.m; i++ {
			for j := 0; j < g.n; j++ {
				wantDense[i*g.n+j] = want.at(i, j)
				bounds[i*g.n+j] = 2 * bound
			}
		}
		g.run(t, Current().String(), callDgemm, wantDense, bounds)
	})
}
