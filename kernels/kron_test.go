package kernels

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/matcalc/matcalc/kernels/generic"
)

// kronCase is one KronMode call on guarded storage.
type kronCase struct {
	m, n, L, R int
	a, x, y    *matrix // a is m×n with stride lda; x and y are one row each
}

func (c kronCase) String() string {
	return fmt.Sprintf("m=%d n=%d lda=%d L=%d R=%d", c.m, c.n, c.a.ld, c.L, c.R)
}

func newKronCase(rng *rand.Rand, m, n, L, R, pad int) kronCase {
	c := kronCase{m: m, n: n, L: L, R: R,
		a: newMatrix(rng, m, n, max(1, n+pad)),
		x: newMatrix(rng, 1, L*n*R, max(1, L*n*R)),
		y: newMatrix(rng, 1, L*m*R, max(1, L*m*R)),
	}
	c.y.fill(math.NaN()) // y is write-only
	return c
}

// naive returns the mode product by its definition and a bound Σ|a x| per
// element that scales the tolerance.
func (c kronCase) naive() (want, bound []float64) {
	want = make([]float64, c.L*c.m*c.R)
	bound = make([]float64, len(want))
	for l := 0; l < c.L; l++ {
		for i := 0; i < c.m; i++ {
			for r := 0; r < c.R; r++ {
				var s, sa float64
				for j := 0; j < c.n; j++ {
					v := c.a.at(i, j) * c.x.data[(l*c.n+j)*c.R+r]
					s += v
					sa += math.Abs(v)
				}
				want[(l*c.m+i)*c.R+r], bound[(l*c.m+i)*c.R+r] = s, sa
			}
		}
	}
	return want, bound
}

// run calls kron on a copy of the case's output and checks the result to
// (n+2)·eps·bound per element, the guards, and that A and x are unchanged.
func (c kronCase) run(t testing.TB, name string, kron func(c kronCase, y []float64), want, bound []float64) {
	t.Helper()
	a0, x0, y := c.a.clone(), c.x.clone(), c.y.clone()
	kron(c, y.data)
	if !sameBits(c.a, a0) || !sameBits(c.x, x0) {
		t.Errorf("%s %v: an input was modified", name, c)
	}
	y.checkGuards(t, fmt.Sprintf("%s %v: y", name, c))
	tol := float64(c.n+2) * 0x1p-52
	bad := 0
	for k, w := range want {
		if got := y.data[k]; !(math.Abs(got-w) <= tol*bound[k]) {
			if bad < 3 {
				t.Errorf("%s %v: y[%d] = %v, want %v", name, c, k, got, w)
			}
			bad++
		}
	}
	if bad > 3 {
		t.Errorf("%s %v: %d elements wrong in all", name, c, bad)
	}
}

func callKronMode(c kronCase, y []float64) {
	KronMode(c.m, c.n, c.a.data, c.a.ld, c.L, c.R, c.x.data, y)
}

// TestKronMode checks KronMode on every path against the definition, on
// factor sizes 0 to 17 (every size the narrow and wide kernels specialise,
// and both sides of their limits), trailing modes R on both sides of the
// vector width and the block of 16, padded lda, NaN guards around every
// slice and NaN in y beforehand.
func TestKronMode(t *testing.T) {
	sizes := []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 14, 16, 17}
	Ls := []int{0, 1, 2, 3, 7}
	Rs := []int{0, 1, 2, 3, 4, 5, 7, 8, 12, 15, 16, 17, 20, 33, 36}
	if testing.Short() {
		sizes = []int{0, 1, 2, 3, 4, 5, 8, 9, 17}
		Rs = []int{0, 1, 2, 3, 4, 5, 7, 16, 17, 33}
	}
	forEachPath(t, func(t *testing.T, p Path) {
		rng := rand.New(rand.NewPCG(5, uint64(p)))
		for _, m := range sizes {
			for _, n := range sizes {
				for _, R := range Rs {
					L := Ls[rng.IntN(len(Ls))]
					c := newKronCase(rng, m, n, L, R, rng.IntN(2)*3)
					want, bound := c.naive()
					c.run(t, p.String(), callKronMode, want, bound)
				}
			}
		}
	})
}

// TestKronModeGeneric checks that every path agrees with kernels/generic on
// tensors large enough for long loops, and that KronMode on the generic path
// is exactly generic.KronMode.
func TestKronModeGeneric(t *testing.T) {
	// Including n beyond the packed copy of A of the register-blocked wide
	// kernels (n > 64), which takes the unblocked one.
	shapes := [][4]int{{2, 2, 1 << 9, 1}, {3, 3, 243, 3}, {4, 4, 64, 64}, {2, 3, 100, 2}, {4, 2, 50, 5}, {16, 16, 20, 1}, {5, 7, 11, 13}, {3, 70, 5, 9}, {16, 16, 3, 1000},
		// R = 1 with m odd (NEON ends with an overlapping block), with
		// m·n past the packed Aᵀ on the stack, and with m = 1; odd R
		// with rows of A left over from the blocks of 4.
		{7, 5, 9, 1}, {24, 24, 3, 1}, {1, 6, 5, 1}, {5, 3, 4, 3}, {6, 9, 3, 11}}
	rng := rand.New(rand.NewPCG(6, 6))
	for _, s := range shapes {
		c := newKronCase(rng, s[0], s[1], s[2], s[3], 1)
		ref := make([]float64, c.L*c.m*c.R)
		generic.KronMode(c.m, c.n, c.a.data, c.a.ld, c.L, c.R, c.x.data, ref)
		_, bound := c.naive()
		forEachPath(t, func(t *testing.T, p Path) {
			c.run(t, p.String(), callKronMode, ref, bound)
		})
	}
}

// TestKronModePanics checks that misuse panics with a message that names the
// function and the shapes.
func TestKronModePanics(t *testing.T) {
	buf := make([]float64, 100)
	cases := []struct {
		name string
		call func()
		want string
	}{
		{"negative", func() { KronMode(2, -1, buf, 2, 1, 1, buf, buf) }, "negative dimension m=2 n=-1"},
		{"lda", func() { KronMode(2, 3, buf, 2, 1, 1, buf, buf) }, "lda=2 for A 2×3"},
		{"short a", func() { KronMode(4, 4, buf[:10], 4, 1, 1, buf, buf) }, "insufficient length of A: len=10"},
		{"short x", func() { KronMode(2, 3, buf, 3, 2, 5, buf[:20], buf) }, "tensor 2×3×5 needs 30"},
		{"short y", func() { KronMode(4, 3, buf, 3, 2, 5, buf, buf[:20]) }, "tensor 2×4×5 needs 40"},
	}
	for _, c := range cases {
		func() {
			defer func() {
				r := recover()
				s, _ := r.(string)
				if !strings.HasPrefix(s, "kernels.KronMode: ") || !strings.Contains(s, c.want) {
					t.Errorf("%s: panic %q, want one containing %q", c.name, r, c.want)
				}
			}()
			c.call()
		}()
	}
}

// FuzzKronMode compares every path with kernels/generic on shapes and values
// chosen by the fuzzer.
func FuzzKronMode(f *testing.F) {
	f.Add(uint8(2), uint8(2), uint8(3), uint8(1), uint8(0), uint64(1))
	f.Add(uint8(4), uint8(3), uint8(5), uint8(6), uint8(1), uint64(2))
	f.Add(uint8(16), uint8(16), uint8(2), uint8(3), uint8(2), uint64(3))
	f.Fuzz(func(t *testing.T, m8, n8, l8, r8, pad8 uint8, seed uint64) {
		m, n, L, R, pad := int(m8%20), int(n8%20), int(l8%20), int(r8%40), int(pad8%4)
		rng := rand.New(rand.NewPCG(seed, 7))
		c := newKronCase(rng, m, n, L, R, pad)
		ref := make([]float64, L*m*R)
		generic.KronMode(m, n, c.a.data, c.a.ld, L, R, c.x.data, ref)
		_, bound := c.naive()
		for _, p := range Available() {
			func() {
				defer Use(p)()
				c.run(t, p.String(), callKronMode, ref, bound)
			}()
		}
	})
}

// BenchmarkKronMode times one mode product of a tensor of 2^16 values (in
// L2) on every path, for square factors of sizes 2 to 16 and trailing modes
// that take the narrow (R < 4) and the wide kernels.
func BenchmarkKronMode(b *testing.B) {
	const N = 1 << 16
	rng := rand.New(rand.NewPCG(8, 8))
	x, y := make([]float64, N), make([]float64, N)
	for i := range x {
		x[i] = rng.Float64()
	}
	for _, p := range Available() {
		for _, n := range []int{2, 3, 4, 8, 16} {
			a := make([]float64, n*n)
			for i := range a {
				a[i] = rng.Float64()
			}
			for _, R := range []int{1, 2, 64} {
				L := N / (n * R)
				b.Run(fmt.Sprintf("%s/n=%d/R=%d", p, n, R), func(b *testing.B) {
					defer Use(p)()
					b.SetBytes(int64(2 * 8 * L * n * R))
					for b.Loop() {
						KronMode(n, n, a, n, L, R, x, y)
					}
				})
			}
		}
	}
}
