package kernels

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"

	"gonum.org/v1/gonum/blas"
)

var uplos = []blas.Uplo{blas.Lower, blas.Upper}

// inTriangle reports whether element [i, j] of a square matrix lies in the
// ul triangle, diagonal included.
func inTriangle(ul blas.Uplo, i, j int) bool {
	if ul == blas.Lower {
		return i >= j
	}
	return i <= j
}

// runGemmt checks one Dgemmt case computed by call: the ul triangle against
// the triple loop of gemmCase.naive to (k+4)·eps·bound, and every element
// outside it, and the guards, unchanged bit for bit.
func runGemmt(t *testing.T, name string, ul blas.Uplo, g gemmCase, call func(gemmCase, *matrix)) {
	t.Helper()
	want, bound := g.naive()
	c0 := g.c.clone()
	g.run(t, name, func(g gemmCase, c *matrix) {
		call(g, c)
		// Compare outside the triangle here and hand run the triangle:
		// outside elements are replaced by want so that run passes them.
		for i := 0; i < g.n; i++ {
			for j := 0; j < g.n; j++ {
				if inTriangle(ul, i, j) {
					continue
				}
				if got, w := c.at(i, j), c0.at(i, j); math.Float64bits(got) != math.Float64bits(w) {
					t.Errorf("%s ul=%c %v: C[%d,%d] outside the triangle changed from %v to %v", name, ul, g, i, j, w, got)
				}
				c.data[i*c.ld+j] = want[i*g.n+j]
			}
		}
	}, want, bound)
}

func callDgemmt(ul blas.Uplo) func(gemmCase, *matrix) {
	return func(g gemmCase, c *matrix) {
		Dgemmt(ul, g.tA, g.tB, g.n, g.k, g.alpha, g.a.data, g.a.ld, g.b.data, g.b.ld, g.beta, c.data, c.ld)
	}
}

// TestDgemmt checks Dgemmt on every path against an independent triple loop
// over orders on both sides of every block edge, both triangles and
// transposes, padded leading dimensions, and alpha and beta in
// {0, 1, -1, 0.5} (beta = 0 with NaN in C): the triangle to rounding, the
// rest of C and the guards bit for bit.
func TestDgemmt(t *testing.T) {
	scalars := []float64{0, 1, -1, 0.5}
	forEachPath(t, func(t *testing.T, p Path) {
		rng := rand.New(rand.NewPCG(11, uint64(p)))
		ns, _, ks := edgeSizes(p, testing.Short())
		for _, ul := range uplos {
			for _, tA := range transposes {
				for _, tB := range transposes {
					for _, n := range ns {
						k := ks[rng.IntN(len(ks))]
						alpha := scalars[rng.IntN(len(scalars))]
						beta := scalars[rng.IntN(len(scalars))]
						g := newGemmCase(rng, tA, tB, n, n, k, alpha, beta, rng.IntN(2)*3)
						runGemmt(t, p.String(), ul, g, callDgemmt(ul))
					}
				}
			}
		}
	})
}

// TestDgemmtLarge checks every path at orders where cache blocks, diagonal
// blocks and the parallel bands take effect, and with the parallel split
// forced on small orders.
func TestDgemmtLarge(t *testing.T) {
	orders := [][2]int{{37, 20}, {100, 33}}
	if !testing.Short() {
		orders = append(orders, [2]int{300, 257}, [2]int{513, 70})
	}
	defer func(v int) { parallelMinVolume = v }(parallelMinVolume)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	rng := rand.New(rand.NewPCG(12, 12))
	for _, procs := range []int{1, 3} {
		runtime.GOMAXPROCS(procs)
		parallelMinVolume = 1000
		for _, o := range orders {
			for _, ul := range uplos {
				tA, tB := transposes[rng.IntN(2)], transposes[rng.IntN(2)]
				g := newGemmCase(rng, tA, tB, o[0], o[0], o[1], -0.5, 0.5, 2)
				forEachPath(t, func(t *testing.T, p Path) {
					runGemmt(t, fmt.Sprintf("%v procs=%d", p, procs), ul, g, callDgemmt(ul))
				})
			}
		}
	}
}

// TestGemmtFramework checks the triangle logic of the blocked loop nest with
// the Go microkernel and cache blocks small enough that the diagonal crosses
// blocks of every kind.
func TestGemmtFramework(t *testing.T) {
	packed := &gemmKernel{mr: 3, nr: 4, kern: refKernel(3, 4), mc: 6, kc: 5, nc: 8}
	// With a strided kernel, products with k ≤ kc take the small path.
	small := &gemmKernel{mr: 3, nr: 4, kern: refKernel(3, 4), strided: refStrided(3, 4), mc: 6, kc: 13, nc: 8}
	for _, g := range []*gemmKernel{packed, small} {
		testGemmtFramework(t, g)
	}
}

func testGemmtFramework(t *testing.T, g *gemmKernel) {
	rng := rand.New(rand.NewPCG(13, 13))
	for _, ul := range uplos {
		for _, tA := range transposes {
			for _, tB := range transposes {
				for _, n := range []int{1, 2, 3, 4, 5, 7, 8, 9, 12, 13, 17, 25} {
					k := 1 + rng.IntN(12)
					c := newGemmCase(rng, tA, tB, n, n, k, 0.5, 1, rng.IntN(2)*2)
					runGemmt(t, "framework", ul, c, func(c gemmCase, dst *matrix) {
						aT, bT := c.tA != blas.NoTrans, c.tB != blas.NoTrans
						gemmtBlocked(g, ul, aT, bT, c.n, c.k, c.alpha, c.a.data, c.a.ld, c.b.data, c.b.ld, dst.data, dst.ld)
					})
				}
			}
		}
	}
}

// TestDgemmtPanics checks that misuse panics with a message naming Dgemmt.
func TestDgemmtPanics(t *testing.T) {
	buf := make([]float64, 100)
	cases := []struct {
		name string
		call func()
		want string
	}{
		{"uplo", func() { Dgemmt(blas.All, blas.NoTrans, blas.NoTrans, 2, 2, 1, buf, 2, buf, 2, 0, buf, 2) }, "illegal triangle"},
		{"lda", func() { Dgemmt(blas.Lower, blas.NoTrans, blas.NoTrans, 3, 4, 1, buf, 3, buf, 3, 0, buf, 3) }, "lda=3"},
		{"short C", func() { Dgemmt(blas.Upper, blas.NoTrans, blas.NoTrans, 11, 1, 1, buf, 1, buf, 11, 0, buf, 11) }, "length of C"},
	}
	for _, c := range cases {
		func() {
			defer func() {
				msg, _ := recover().(string)
				if !strings.HasPrefix(msg, "kernels.Dgemmt: ") || !strings.Contains(msg, c.want) {
					t.Errorf("%s: panic %q, want kernels.Dgemmt: …%s…", c.name, msg, c.want)
				}
			}()
			c.call()
		}()
	}
}
