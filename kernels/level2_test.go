package kernels

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas"

	"github.com/matcalc/matcalc/kernels/generic"
)

// level2Tables returns the Level 2 kernel tables under test by name: the
// pure-Go reference in kernels/generic and every path's own table.
func level2Tables() map[string]*level2Kernels {
	ks := map[string]*level2Kernels{
		"generic-kernels": {gemvN: generic.GemvN, gemvT: generic.GemvT, ger: generic.Ger,
			maxAbs: generic.MaxAbs, scalInc: generic.ScalInc},
	}
	for _, p := range Available() {
		if k := lookup(p).level2; k != nil {
			ks[p.String()] = k
		}
	}
	return ks
}

// vector is a BLAS vector of n elements with increment inc (negative: the
// elements run backwards) inside a guarded buffer: guards around it and in
// the gaps between elements.
type vector struct {
	n, inc int
	m      *matrix // n×1 with row stride |inc|
}

func newVector(rng *rand.Rand, n, inc int) *vector {
	return &vector{n: n, inc: inc, m: newMatrix(rng, n, 1, max(1, abs(inc)))}
}

// at returns element i as BLAS numbers them.
func (v *vector) at(i int) float64 {
	if v.inc < 0 {
		return v.m.at(v.n-1-i, 0)
	}
	return v.m.at(i, 0)
}

func (v *vector) clone() *vector {
	c := *v
	c.m = v.m.clone()
	return &c
}

var level2Sizes = []int{0, 1, 2, 3, 4, 5, 7, 8, 9, 12, 13, 16, 17, 33, 67}

// level2Scalars are the (alpha, beta) pairs of the tests: the special values
// 0 and 1 of each, and general ones.
var level2Scalars = [][2]float64{{1, 0}, {1, 1}, {-0.7, 0.3}, {0, 0.5}, {0, 1}, {2.5, 0}}

// level2Incs are the (incX, incY) pairs: unit, positive strides and the
// negative ones BLAS defines (which take gonum's routines).
var level2Incs = [][2]int{{1, 1}, {2, 1}, {1, 3}, {3, 2}, {-1, 1}, {1, -2}}

func TestLevel2Dgemv(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	sizes := level2Sizes
	if testing.Short() {
		sizes = sizes[:12]
	}
	for name, k := range level2Tables() {
		t.Run(name, func(t *testing.T) {
			for _, tA := range transposes {
				for _, m := range sizes {
					for _, n := range sizes {
						for _, pad := range []int{0, 3} {
							for _, inc := range level2Incs {
								for _, ab := range level2Scalars {
									testDgemvCase(t, rng, k, tA, m, n, pad, inc[0], inc[1], ab[0], ab[1])
								}
							}
						}
					}
				}
			}
		})
	}
}

func testDgemvCase(t *testing.T, rng *rand.Rand, k *level2Kernels, tA blas.Transpose, m, n, pad, incX, incY int, alpha, beta float64) {
	t.Helper()
	lenX, lenY := n, m
	if tA != blas.NoTrans {
		lenX, lenY = m, n
	}
	a := newMatrix(rng, m, n, max(1, n+pad))
	x := newVector(rng, lenX, incX)
	y := newVector(rng, lenY, incY)
	if beta == 0 {
		y.m.fill(math.NaN()) // beta = 0 must not read y
	}
	want := make([]float64, lenY)
	bound := make([]float64, lenY)
	for i := range lenY {
		var s, sa float64
		for j := range lenX {
			v := opAt(a, tA, i, j) * x.at(j)
			s += v
			sa += math.Abs(v)
		}
		want[i], bound[i] = alpha*s, math.Abs(alpha)*sa
		if beta != 0 {
			want[i] += beta * y.at(i)
			bound[i] += math.Abs(beta * y.at(i))
		}
	}
	a0, x0 := a.clone(), x.clone()
	got := y.clone()
	name := fmt.Sprintf("Dgemv(tA=%c m=%d n=%d lda=%d incX=%d incY=%d alpha=%g beta=%g)", tA, m, n, a.ld, incX, incY, alpha, beta)
	dgemv(k, tA, m, n, alpha, a.data, a.ld, x.m.data, incX, beta, got.m.data, incY)
	if !sameBits(a, a0) || !sameBits(x.m, x0.m) {
		// A and x are read only.
		t.Errorf("%s: A or x was modified", name)
	}
	got.m.checkGuards(t, name+": y")
	if m == 0 || n == 0 {
		// BLAS returns at once: y is left as it was, even with beta ≠ 1.
		if !sameBits(got.m, y.m) {
			t.Errorf("%s: y was modified", name)
		}
		return
	}
	tol := float64(lenX+4) * 0x1p-52
	for i := range lenY {
		if g := got.at(i); !(math.Abs(g-want[i]) <= tol*bound[i]) {
			t.Errorf("%s: y[%d] = %v, want %v", name, i, g, want[i])
			return
		}
	}
}

func TestLevel2Dger(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	sizes := level2Sizes
	if testing.Short() {
		sizes = sizes[:12]
	}
	for name, k := range level2Tables() {
		t.Run(name, func(t *testing.T) {
			for _, m := range sizes {
				for _, n := range sizes {
					for _, pad := range []int{0, 3} {
						for _, inc := range level2Incs {
							for _, alpha := range []float64{0, 1, -0.7} {
								testDgerCase(t, rng, k, m, n, pad, inc[0], inc[1], alpha)
							}
						}
					}
				}
			}
		})
	}
}

func testDgerCase(t *testing.T, rng *rand.Rand, k *level2Kernels, m, n, pad, incX, incY int, alpha float64) {
	t.Helper()
	a := newMatrix(rng, m, n, max(1, n+pad))
	x := newVector(rng, m, incX)
	y := newVector(rng, n, incY)
	x0, y0 := x.clone(), y.clone()
	got := a.clone()
	name := fmt.Sprintf("Dger(m=%d n=%d lda=%d incX=%d incY=%d alpha=%g)", m, n, a.ld, incX, incY, alpha)
	dger(k, m, n, alpha, x.m.data, incX, y.m.data, incY, got.data, got.ld)
	if !sameBits(x.m, x0.m) || !sameBits(y.m, y0.m) {
		t.Errorf("%s: x or y was modified", name)
	}
	got.checkGuards(t, name+": A")
	for i := range m {
		for j := range n {
			p := alpha * x.at(i) * y.at(j)
			want := a.at(i, j) + p
			tol := 4 * 0x1p-52 * (math.Abs(a.at(i, j)) + math.Abs(p))
			if g := got.at(i, j); !(math.Abs(g-want) <= tol) {
				t.Errorf("%s: A[%d,%d] = %v, want %v", name, i, j, g, want)
				return
			}
		}
	}
}

// TestLevel2Large checks the kernels against kernels/generic on sizes that
// run many trips of every loop, with unaligned starts and padded strides.
func TestLevel2Large(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	sizes := [][2]int{{130, 77}, {61, 259}, {256, 256}}
	if testing.Short() {
		sizes = sizes[:2]
	}
	ref := level2Tables()["generic-kernels"]
	for name, k := range level2Tables() {
		t.Run(name, func(t *testing.T) {
			for _, s := range sizes {
				m, n := s[0], s[1]
				for _, tA := range transposes {
					testDgemvCase(t, rng, k, tA, m, n, 5, 1, 1, 1.5, 0.5)
					testDgemvCase(t, rng, k, tA, m, n, 1, 2, 3, -1, 0)
				}
				testDgerCase(t, rng, k, m, n, 5, 1, 1, 0.5)
				testDgerCase(t, rng, k, m, n, 0, 7, 1, -2)
				// Kernel against reference on the same inputs, to rounding.
				a := newMatrix(rng, m, n, n+2)
				x := newVector(rng, max(m, n), 1)
				y1, y2 := newVector(rng, max(m, n), 1), (*vector)(nil)
				y2 = y1.clone()
				k.gemvT(m, n, 0.25, a.data, a.ld, x.m.data, 1, y1.m.data)
				ref.gemvT(m, n, 0.25, a.data, a.ld, x.m.data, 1, y2.m.data)
				for j := range n {
					if d := math.Abs(y1.at(j) - y2.at(j)); d > float64(m)*1e-15 {
						t.Errorf("gemvT %d×%d: y[%d] = %v, reference %v", m, n, j, y1.at(j), y2.at(j))
						break
					}
				}
			}
		})
	}
}

func TestLevel2Idamax(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	sizes := append(level2Sizes, 130, 515)
	for name, k := range level2Tables() {
		t.Run(name, func(t *testing.T) {
			for _, n := range sizes {
				for _, inc := range []int{1, 2, -1} {
					for trial := range 8 {
						x := newVector(rng, n, inc)
						if n > 0 {
							switch trial {
							case 1: // ties: the first of equal magnitudes wins
								i, j := rng.IntN(n), rng.IntN(n)
								x.m.data[vecIndex(i, n, inc)] = 3
								x.m.data[vecIndex(j, n, inc)] = -3
							case 2: // NaN first: index 0
								x.m.data[vecIndex(0, n, inc)] = math.NaN()
							case 3: // NaNs elsewhere are passed over
								x.m.data[vecIndex(rng.IntN(n), n, inc)] = math.NaN()
							case 4:
								x.m.data[vecIndex(rng.IntN(n), n, inc)] = math.Inf(-1)
							case 5:
								x.m.fill(0)
							case 6:
								x.m.fill(math.NaN())
								x.m.data[vecIndex(n-1, n, inc)] = 0
							}
						}
						want := naiveIdamax(x)
						got := idamax(k, n, x.m.data, inc)
						if got != want {
							t.Errorf("Idamax(n=%d inc=%d trial %d) = %d, want %d", n, inc, trial, got, want)
						}
					}
				}
			}
		})
	}
}

// naiveIdamax is the reference BLAS loop: the first index of the largest
// |x[i]|, starting from x[0] (so a NaN there wins); -1 for an empty or
// negatively strided x, as gonum returns.
func naiveIdamax(x *vector) int {
	if x.n == 0 || x.inc < 0 {
		return -1
	}
	idx, m := 0, math.Abs(x.at(0))
	for i := 1; i < x.n; i++ {
		if a := math.Abs(x.at(i)); a > m {
			idx, m = i, a
		}
	}
	return idx
}

func TestLevel2Dscal(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	sizes := append(level2Sizes, 130, 515)
	for name, k := range level2Tables() {
		t.Run(name, func(t *testing.T) {
			for _, n := range sizes {
				for _, inc := range []int{1, 2, 5, 64, 512, 520} {
					for _, alpha := range []float64{0, 1, -0.75, math.Inf(1)} {
						x := newVector(rng, n, inc)
						got := x.clone()
						dscal(k, n, alpha, got.m.data, inc)
						name := fmt.Sprintf("Dscal(n=%d inc=%d alpha=%g)", n, inc, alpha)
						got.m.checkGuards(t, name)
						for i := range n {
							want := alpha * x.at(i)
							if alpha == 0 {
								want = 0
							}
							if g := got.at(i); math.Float64bits(g) != math.Float64bits(want) {
								t.Errorf("%s: x[%d] = %v, want %v", name, i, g, want)
								break
							}
						}
					}
				}
			}
		})
	}
}

// FuzzLevel2 differentially fuzzes every Level 2 kernel table against the
// naive references of the tests above: shapes, transposes, padding,
// increments, alpha and beta come from the fuzzer; the values from a seeded
// generator. Run it with
//
//	go test -run '^$' -fuzz FuzzLevel2 -fuzztime 30s ./kernels
func FuzzLevel2(f *testing.F) {
	f.Add(uint8(4), uint8(12), false, uint8(1), int8(1), int8(1), 1.0, 0.0, uint64(1))
	f.Add(uint8(33), uint8(25), true, uint8(0), int8(-2), int8(3), -0.5, 2.0, uint64(2))
	f.Add(uint8(1), uint8(1), true, uint8(3), int8(1), int8(-1), 0.0, 1.0, uint64(3))
	f.Fuzz(func(t *testing.T, m8, n8 uint8, trans bool, pad uint8, incX8, incY8 int8, alpha, beta float64, seed uint64) {
		m, n := int(m8), int(n8)
		incX, incY := int(incX8)%9, int(incY8)%9
		if incX == 0 || incY == 0 || alpha != alpha || beta != beta ||
			math.Abs(alpha) > 1e6 || math.Abs(beta) > 1e6 {
			t.Skip()
		}
		tA := blas.NoTrans
		if trans {
			tA = blas.Trans
		}
		rng := rand.New(rand.NewPCG(seed, 11))
		for _, k := range level2Tables() {
			testDgemvCase(t, rng, k, tA, m, n, int(pad%5), incX, incY, alpha, beta)
			testDgerCase(t, rng, k, m, n, int(pad%5), incX, incY, alpha)
		}
	})
}
