package kernels

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"gonum.org/v1/gonum/blas"
)

func TestMain(m *testing.M) {
	fmt.Fprintf(os.Stderr, "%s\n", CPUInfo())
	os.Exit(m.Run())
}

// forEachPath runs f as a subtest once for every path this CPU runs, with
// that path forced.
func forEachPath(t *testing.T, f func(t *testing.T, p Path)) {
	for _, p := range Available() {
		t.Run(p.String(), func(t *testing.T) {
			defer Use(p)()
			f(t, p)
		})
	}
}

// edgeSizes returns sizes on both sides of every block edge of the path's
// GEMM framework (register tile and cache blocks), plus 0, 1 and primes.
func edgeSizes(p Path, short bool) (mSizes, nSizes, kSizes []int) {
	base := []int{0, 1, 2, 3, 5, 7, 13, 17}
	if !short {
		base = append(base, 31, 64, 65, 97)
	}
	mSizes, nSizes, kSizes = base, base, base
	g := lookup(p).gemm
	if g == nil {
		// The generic path blocks by 64.
		return
	}
	around := func(s []int, e int) []int { return append(s, e-1, e, e+1) }
	mSizes = around(around(mSizes, g.mr), 2*g.mr)
	nSizes = around(around(nSizes, g.nr), 2*g.nr)
	if !short {
		mSizes = around(mSizes, g.mc)
		kSizes = around(kSizes, g.kc)
	}
	return
}

// TestDgemm checks Dgemm on every path against an independent triple loop,
// over shapes on both sides of every block edge, both transposes, padded
// leading dimensions with NaN in the gaps, guards around every slice, and
// alpha and beta in {0, 1, -1, 0.5} (beta = 0 with NaN in C).
func TestDgemm(t *testing.T) {
	scalars := []float64{0, 1, -1, 0.5}
	forEachPath(t, func(t *testing.T, p Path) {
		rng := rand.New(rand.NewPCG(1, uint64(p)))
		ms, ns, ks := edgeSizes(p, testing.Short())
		for _, tA := range transposes {
			for _, tB := range transposes {
				for _, m := range ms {
					for _, n := range ns {
						// Every k for a few (m, n); otherwise a random sample.
						kk := ks
						if rng.IntN(4) != 0 {
							kk = []int{ks[rng.IntN(len(ks))]}
						}
						for _, k := range kk {
							alpha := scalars[rng.IntN(len(scalars))]
							beta := scalars[rng.IntN(len(scalars))]
							g := newGemmCase(rng, tA, tB, m, n, k, alpha, beta, rng.IntN(2)*3)
							want, bound := g.naive()
							g.run(t, p.String(), callDgemm, want, bound)
						}
					}
				}
			}
		}
	})
}

// TestDgemmLarge checks the paths against generic on sizes where cache
// blocking and parallel splits take effect.
func TestDgemmLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("large sizes skipped in -short mode")
	}
	shapes := [][3]int{{300, 301, 299}, {1, 700, 513}, {513, 3, 700}, {257, 260, 1}, {129, 4100, 7}}
	rng := rand.New(rand.NewPCG(2, 2))
	for _, s := range shapes {
		for _, tA := range transposes {
			for _, tB := range transposes {
				g := newGemmCase(rng, tA, tB, s[0], s[1], s[2], 0.5, -1, 5)
				want := g.c.clone()
				func() {
					defer Use(Generic)()
					callDgemm(g, want)
				}()
				bound := make([]float64, g.m*g.n)
				for i := range bound {
					bound[i] = float64(g.k + 1) // |a|,|b|,|c| ≤ 1
				}
				wantDense := make([]float64, g.m*g.n)
				for i := 0; i < g.m; i++ {
					for j := 0; j < g.n; j++ {
						wantDense[i*g.n+j] = want.at(i, j)
					}
				}
				forEachPath(t, func(t *testing.T, p Path) {
					g.run(t, p.String(), callDgemm, wantDense, bound)
				})
			}
		}
	}
}

// refKernel is a Go microkernel that follows the microkernel contract, so
// that the shared packing and blocking framework is tested on every machine.
func refKernel(mr, nr int) func(kc int, alpha float64, a, b, c []float64, ldc int) {
	return func(kc int, alpha float64, a, b, c []float64, ldc int) {
		for i := 0; i < mr; i++ {
			for j := 0; j < nr; j++ {
				var s float64
				for p := 0; p < kc; p++ {
					s += a[p*mr+i] * b[p*nr+j]
				}
				c[i*ldc+j] += alpha * s
			}
		}
	}
}

// refStrided is a Go strided microkernel that follows the contract of
// gemmKernel.strided.
func refStrided(mr, nr int) func(kc int, alpha float64, a []float64, rsa, csa int, b []float64, ldb int, c []float64, ldc int) {
	return func(kc int, alpha float64, a []float64, rsa, csa int, b []float64, ldb int, c []float64, ldc int) {
		for i := 0; i < mr; i++ {
			for j := 0; j < nr; j++ {
				var s float64
				for p := 0; p < kc; p++ {
					s += a[i*rsa+p*csa] * b[p*ldb+j]
				}
				c[i*ldc+j] += alpha * s
			}
		}
	}
}

// TestGemmFramework checks the packing and blocking framework with a Go
// microkernel and block sizes small enough that every edge is crossed by
// small matrices.
func TestGemmFramework(t *testing.T) {
	packed := &gemmKernel{mr: 3, nr: 4, kern: refKernel(3, 4), mc: 6, kc: 5, nc: 8}
	// With a strided kernel, products with k ≤ kc take the small path.
	small := &gemmKernel{mr: 3, nr: 4, kern: refKernel(3, 4), strided: refStrided(3, 4), mc: 6, kc: 9, nc: 8}
	for _, g := range []*gemmKernel{packed, small} {
		testFramework(t, g)
	}
	// With the small path off, narrow products leave A unpacked.
	defer func(s int) { smallMaxVolume = s }(smallMaxVolume)
	smallMaxVolume = 0
	testFramework(t, small)
}

func testFramework(t *testing.T, g *gemmKernel) {
	rng := rand.New(rand.NewPCG(3, 3))
	sizes := []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 13, 17}
	for _, tA := range transposes {
		for _, tB := range transposes {
			for _, m := range sizes {
				for _, n := range sizes {
					k := sizes[rng.IntN(len(sizes))]
					c := newGemmCase(rng, tA, tB, m, n, k, 0.5, 1, rng.IntN(2)*2)
					want, bound := c.naive()
					c.run(t, "framework", func(c gemmCase, dst *matrix) {
						aT, bT := c.tA != blas.NoTrans, c.tB != blas.NoTrans
						gemmBlocked(g, aT, bT, c.m, c.n, c.k, c.alpha, c.a.data, c.a.ld, c.b.data, c.b.ld, dst.data, dst.ld)
					}, want, bound)
				}
			}
		}
	}
}

// TestDgemmPanics checks that misuse panics with a message that names the
// function and the offending shape.
func TestDgemmPanics(t *testing.T) {
	buf := make([]float64, 100)
	cases := []struct {
		name string
		call func()
		want string
	}{
		{"bad tA", func() { Dgemm('X', blas.NoTrans, 2, 2, 2, 1, buf, 2, buf, 2, 0, buf, 2) }, "illegal transpose tA"},
		{"negative m", func() { Dgemm(blas.NoTrans, blas.NoTrans, -1, 2, 2, 1, buf, 2, buf, 2, 0, buf, 2) }, "negative dimension m=-1"},
		{"lda", func() { Dgemm(blas.NoTrans, blas.NoTrans, 2, 2, 3, 1, buf, 2, buf, 2, 0, buf, 2) }, "lda=2 for stored A 2×3"},
		{"ldb trans", func() { Dgemm(blas.NoTrans, blas.Trans, 2, 4, 3, 1, buf, 3, buf, 2, 0, buf, 4) }, "ldb=2 for stored B 4×3"},
		{"ldc", func() { Dgemm(blas.NoTrans, blas.NoTrans, 2, 3, 2, 1, buf, 2, buf, 3, 0, buf, 2) }, "ldc=2 for C 2×3"},
		{"short A", func() { Dgemm(blas.NoTrans, blas.NoTrans, 20, 2, 20, 1, buf, 20, buf, 2, 0, buf, 2) }, "insufficient length of A"},
		{"short C", func() { Dgemm(blas.NoTrans, blas.NoTrans, 2, 2, 2, 1, buf, 2, buf, 2, 0, buf[:3], 2) }, "insufficient length of C: len=3"},
	}
	for _, c := range cases {
		func() {
			defer func() {
				r := recover()
				s, _ := r.(string)
				if !strings.HasPrefix(s, "kernels.Dgemm: ") || !strings.Contains(s, c.want) {
					t.Errorf("%s: panic %q, want one containing %q", c.name, r, c.want)
				}
			}()
			c.call()
		}()
	}
}
