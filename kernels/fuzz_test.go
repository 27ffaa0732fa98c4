package kernels

import (
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas"
)

// FuzzDgemm differentially fuzzes every path against the triple-loop
// reference: shapes, transposes, padding, alpha and beta come from the
// fuzzer; the matrices from a seeded generator. Run it with
//
//	go test -run '^$' -fuzz FuzzDgemm -fuzztime 30s ./kernels
func FuzzDgemm(f *testing.F) {
	f.Add(uint8(4), uint8(12), uint8(7), false, true, uint8(1), 1.0, 0.0, uint64(1))
	f.Add(uint8(33), uint8(25), uint8(130), true, false, uint8(0), -0.5, 2.0, uint64(2))
	f.Add(uint8(1), uint8(1), uint8(0), true, true, uint8(3), 0.0, 1.0, uint64(3))
	f.Fuzz(func(t *testing.T, m8, n8, k8 uint8, ta, tb bool, pad uint8, alpha, beta float64, seed uint64) {
		m, n, k := int(m8), int(n8), int(k8)%160
		if m*n*k > 1<<20 || alpha != alpha || beta != beta || alpha > 1e6 || alpha < -1e6 || beta > 1e6 || beta < -1e6 {
			t.Skip()
		}
		tA, tB := blas.NoTrans, blas.NoTrans
		if ta {
			tA = blas.Trans
		}
		if tb {
			tB = blas.Trans
		}
		rng := rand.New(rand.NewPCG(seed, 7))
		g := newGemmCase(rng, tA, tB, m, n, k, alpha, beta, int(pad%5))
		want, bound := g.naive()
		for _, p := range Available() {
			func() {
				defer Use(p)()
				g.run(t, p.String(), callDgemm, want, bound)
			}()
		}
	})
}
