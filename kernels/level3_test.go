package kernels

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/testblas"
)

// withLevel3Blocks runs f with the blocked Level 3 routines taking their
// recursive path down to leaves of the given order, even for the tiny
// matrices of gonum's conformance suite.
func withLevel3Blocks(leaf int, f func()) {
	defer func(l, m int) { level3Leaf, level3Min = l, m }(level3Leaf, level3Min)
	level3Leaf, level3Min = leaf, 1
	f()
}

// TestLevel3Recursion runs gonum's conformance suite for the overridden
// Level 3 routines with leaves of order 1, 2 and 3, so that every split of
// the recursion and every GEMM between halves is exercised on every path.
func TestLevel3Recursion(t *testing.T) {
	impl := Implementation{}
	forEachPath(t, func(t *testing.T, p Path) {
		for _, leaf := range []int{1, 2, 3} {
			t.Run(fmt.Sprintf("leaf=%d", leaf), func(t *testing.T) {
				withLevel3Blocks(leaf, func() {
					testblas.DsymmTest(t, impl)
					testblas.DsyrkTest(t, impl)
					testblas.Dsyr2kTest(t, impl)
					testblas.DtrmmTest(t, impl)
					testblas.DtrsmTest(t, impl)
				})
			})
		}
	})
}

// level3Case is one call of a Level 3 routine on guarded matrices; run calls
// it through Implementation and through gonum's own routine and compares.
type level3Case struct {
	name string
	call func(impl blas.Float64, a, b, c []float64)
	// a, b and c are the operands; c may be nil for the in-place routines,
	// whose output is b.
	a, b, c *matrix
	// scale bounds the magnitude of the result's elements for the tolerance.
	scale float64
}

func (lc level3Case) run(t *testing.T) {
	t.Helper()
	out := lc.c
	if out == nil {
		out = lc.b
	}
	want := out.clone()
	var in [3]*matrix
	for i, x := range []*matrix{lc.a, lc.b, lc.c} {
		if x != nil {
			in[i] = x.clone()
		}
	}
	data := func(x *matrix) []float64 {
		if x == nil {
			return nil
		}
		return x.data
	}
	// The oracle is gonum's own routine, on the generic path.
	wa, wb, wc := lc.a.clone(), lc.b.clone(), want
	if lc.c != nil {
		lc.call(native, wa.data, wb.data, wc.data)
	} else {
		lc.call(native, wa.data, wc.data, nil)
	}
	lc.call(Implementation{}, data(in[0]), data(in[1]), data(in[2]))
	got := in[2]
	if got == nil {
		got = in[1]
	}
	got.checkGuards(t, lc.name)
	if !sameBits(in[0], lc.a) {
		t.Errorf("%s: A was modified", lc.name)
	}
	if lc.c != nil && !sameBits(in[1], lc.b) {
		t.Errorf("%s: B was modified", lc.name)
	}
	tol := 1e-12 * lc.scale
	bad := 0
	for i := 0; i < got.r; i++ {
		for j := 0; j < got.c; j++ {
			g, w := got.at(i, j), want.at(i, j)
			if !(math.Abs(g-w) <= tol) && !(math.IsNaN(g) && math.IsNaN(w)) {
				if bad < 3 {
					t.Errorf("%s: [%d,%d] = %v, want %v", lc.name, i, j, g, w)
				}
				bad++
			}
		}
	}
	if bad > 3 {
		t.Errorf("%s: %d elements wrong in all", lc.name, bad)
	}
}

// triangular makes a well-conditioned n×n triangular-friendly matrix: random
// entries in [-1, 1) scaled by 1/n off the diagonal and 1 to 2 on it, so that
// solves stay bounded.
func triangular(rng *rand.Rand, n, ld int) *matrix {
	x := newMatrix(rng, n, n, ld)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			if i == j {
				x.data[i*ld+j] = 1 + rng.Float64()
			} else {
				x.data[i*ld+j] /= float64(n)
			}
		}
	}
	return x
}

// TestLevel3Large compares the blocked Level 3 routines with gonum's own on
// sizes where the recursion and the parallel GEMM take effect, every
// side, triangle, transpose and diagonal, with padded strides and guards.
func TestLevel3Large(t *testing.T) {
	sizes := [][2]int{{97, 130}, {130, 45}, {200, 201}}
	if testing.Short() {
		sizes = [][2]int{{67, 41}}
	}
	forEachPath(t, func(t *testing.T, p Path) {
		rng := rand.New(rand.NewPCG(4, uint64(p)))
		for _, sz := range sizes {
			m, n := sz[0], sz[1]
			for _, ul := range []blas.Uplo{blas.Upper, blas.Lower} {
				for _, s := range []blas.Side{blas.Left, blas.Right} {
					k := n
					if s == blas.Left {
						k = m
					}
					for _, tA := range []blas.Transpose{blas.NoTrans, blas.Trans} {
						for _, d := range []blas.Diag{blas.NonUnit, blas.Unit} {
							name := fmt.Sprintf("%s m=%d n=%d side=%c ul=%c tA=%c d=%c", p, m, n, s, ul, tA, d)
							level3Case{name: "Dtrsm " + name, a: triangular(rng, k, k+3), b: newMatrix(rng, m, n, n+2), scale: 10,
								call: func(impl blas.Float64, a, b, _ []float64) {
									impl.Dtrsm(s, ul, tA, d, m, n, 0.5, a, k+3, b, n+2)
								}}.run(t)
							level3Case{name: "Dtrmm " + name, a: triangular(rng, k, k+1), b: newMatrix(rng, m, n, n+1), scale: 10,
								call: func(impl blas.Float64, a, b, _ []float64) {
									impl.Dtrmm(s, ul, tA, d, m, n, -1.5, a, k+1, b, n+1)
								}}.run(t)
						}
					}
					name := fmt.Sprintf("%s m=%d n=%d side=%c ul=%c", p, m, n, s, ul)
					level3Case{name: "Dsymm " + name, a: newMatrix(rng, k, k, k+2), b: newMatrix(rng, m, n, n), c: newMatrix(rng, m, n, n+3), scale: float64(k),
						call: func(impl blas.Float64, a, b, c []float64) {
							impl.Dsymm(s, ul, m, n, 0.7, a, k+2, b, n, -0.3, c, n+3)
						}}.run(t)
				}
				for _, tA := range []blas.Transpose{blas.NoTrans, blas.Trans} {
					// C is m×m; op(A) and op(B) are m×n.
					ar, ac := m, n
					if tA != blas.NoTrans {
						ar, ac = n, m
					}
					name := fmt.Sprintf("%s n=%d k=%d ul=%c tA=%c", p, m, n, ul, tA)
					level3Case{name: "Dsyrk " + name, a: newMatrix(rng, ar, ac, ac+1), b: newMatrix(rng, 1, 1, 1), c: newMatrix(rng, m, m, m+2), scale: float64(n),
						call: func(impl blas.Float64, a, _, c []float64) {
							impl.Dsyrk(ul, tA, m, n, 1.25, a, ac+1, 0.5, c, m+2)
						}}.run(t)
					level3Case{name: "Dsyr2k " + name, a: newMatrix(rng, ar, ac, ac+1), b: newMatrix(rng, ar, ac, ac), c: newMatrix(rng, m, m, m), scale: float64(n),
						call: func(impl blas.Float64, a, b, c []float64) {
							impl.Dsyr2k(ul, tA, m, n, -1, a, ac+1, b, ac, 0, c, m)
						}}.run(t)
				}
			}
		}
	})
}

// TestTrmmFramework checks the triangular operands of the blocked loop nest
// (packing that zeroes the other triangle and writes the unit diagonal,
// blocks and k ranges skipped) with the Go microkernel and cache blocks so
// small that the diagonal crosses blocks of every kind, against gonum's
// Dtrmm, with NaN in the triangle that must not be read (and on the
// diagonal when it is implicit).
func TestTrmmFramework(t *testing.T) {
	g := &gemmKernel{mr: 3, nr: 4, kern: refKernel(3, 4), mc: 6, kc: 5, nc: 8}
	rng := rand.New(rand.NewPCG(14, 14))
	sizes := []int{1, 2, 3, 5, 6, 7, 11, 13, 17}
	for _, s := range []blas.Side{blas.Left, blas.Right} {
		for _, ul := range []blas.Uplo{blas.Upper, blas.Lower} {
			for _, tA := range transposes {
				for _, d := range []blas.Diag{blas.NonUnit, blas.Unit} {
					for _, m := range sizes {
						n := sizes[rng.IntN(len(sizes))]
						k := m
						if s == blas.Right {
							k = n
						}
						a := triangular(rng, k, k+1)
						for i := 0; i < k; i++ {
							for j := 0; j < k; j++ {
								if (ul == blas.Upper && j < i) || (ul == blas.Lower && j > i) || (i == j && d == blas.Unit) {
									a.data[i*(k+1)+j] = math.NaN()
								}
							}
						}
						b := newMatrix(rng, m, n, n+2)
						want := b.clone()
						native.Dtrmm(s, ul, tA, d, m, n, 0.5, a.data, k+1, want.data, n+2)
						got := b.clone()
						dtrmm(g, s, ul, tA, d, m, n, 0.5, a.data, k+1, got.data, n+2)
						name := fmt.Sprintf("side=%c ul=%c tA=%c d=%c m=%d n=%d", s, ul, tA, d, m, n)
						got.checkGuards(t, name)
						for i := 0; i < m; i++ {
							for j := 0; j < n; j++ {
								if gv, wv := got.at(i, j), want.at(i, j); !(math.Abs(gv-wv) <= 1e-13*float64(k)) {
									t.Errorf("%s: [%d,%d] = %v, want %v", name, i, j, gv, wv)
								}
							}
						}
					}
				}
			}
		}
	}
}
