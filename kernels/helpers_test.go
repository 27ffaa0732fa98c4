package kernels

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas"
)

// guardBits is the payload of the NaN written around and between the rows of
// every test matrix; a stray write shows as a changed bit pattern.
const guardBits = 0x7ff8_dead_beef_0001

var guard = math.Float64frombits(guardBits)

// guardLen is the number of guard values on each side of a matrix.
const guardLen = 7

// matrix is a row-major r×c matrix with row stride ld inside a buffer that
// holds guard values before, after and in the gaps between rows. The data
// starts at an odd offset so that it is not 32-byte aligned.
type matrix struct {
	r, c, ld int
	buf      []float64
	data     []float64
}

func newMatrix(rng *rand.Rand, r, c, ld int) *matrix {
	n := minLen(r, c, ld)
	buf := make([]float64, n+2*guardLen)
	for i := range buf {
		buf[i] = guard
	}
	m := &matrix{r: r, c: c, ld: ld, buf: buf, data: buf[guardLen : guardLen+n]}
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			m.data[i*ld+j] = 2*rng.Float64() - 1
		}
	}
	return m
}

func (m *matrix) at(i, j int) float64 { return m.data[i*m.ld+j] }

func (m *matrix) clone() *matrix {
	cp := *m
	cp.buf = append([]float64(nil), m.buf...)
	cp.data = cp.buf[guardLen : guardLen+len(m.data)]
	return &cp
}

// fill sets every element of the matrix (not the guards) to v.
func (m *matrix) fill(v float64) {
	for i := 0; i < m.r; i++ {
		for j := 0; j < m.c; j++ {
			m.data[i*m.ld+j] = v
		}
	}
}

// checkGuards reports a test error for every guard value that changed.
func (m *matrix) checkGuards(t testing.TB, name string) {
	t.Helper()
	bad := 0
	for i, v := range m.buf {
		k := i - guardLen
		inside := k >= 0 && k < len(m.data) && k%m.ld < m.c
		if !inside && math.Float64bits(v) != guardBits {
			if bad < 5 {
				t.Errorf("%s: guard at offset %d overwritten with %v", name, k, v)
			}
			bad++
		}
	}
	if bad > 5 {
		t.Errorf("%s: %d guard values overwritten in all", name, bad)
	}
}

// sameBits reports whether two matrices are identical bit for bit, guards
// included.
func sameBits(x, y *matrix) bool {
	for i := range x.buf {
		if math.Float64bits(x.buf[i]) != math.Float64bits(y.buf[i]) {
			return false
		}
	}
	return true
}

// gemmCase is one Dgemm call with stored matrices and a reference result.
type gemmCase struct {
	tA, tB      blas.Transpose
	m, n, k     int
	alpha, beta float64
	a, b, c     *matrix
}

func (g gemmCase) String() string {
	return fmt.Sprintf("tA=%c tB=%c m=%d n=%d k=%d alpha=%g beta=%g lda=%d ldb=%d ldc=%d",
		g.tA, g.tB, g.m, g.n, g.k, g.alpha, g.beta, g.a.ld, g.b.ld, g.c.ld)
}

// newGemmCase makes random stored matrices for the call; pad adds to every
// leading dimension beyond the width.
func newGemmCase(rng *rand.Rand, tA, tB blas.Transpose, m, n, k int, alpha, beta float64, pad int) gemmCase {
	ar, ac := m, k
	if tA != blas.NoTrans {
		ar, ac = k, m
	}
	br, bc := k, n
	if tB != blas.NoTrans {
		br, bc = n, k
	}
	g := gemmCase{tA: tA, tB: tB, m: m, n: n, k: k, alpha: alpha, beta: beta,
		a: newMatrix(rng, ar, ac, max(1, ac+pad)),
		b: newMatrix(rng, br, bc, max(1, bc+pad)),
		c: newMatrix(rng, m, n, max(1, n+pad)),
	}
	if beta == 0 {
		g.c.fill(math.NaN()) // beta = 0 must not read C
	}
	return g
}

// opAt returns op(X)[i, j] of a stored matrix.
func opAt(x *matrix, t blas.Transpose, i, j int) float64 {
	if t == blas.NoTrans {
		return x.at(i, j)
	}
	return x.at(j, i)
}

// naive returns the exact-as-possible reference result of the case as a
// dense m×n slice, and a bound on each element's magnitude that scales the
// tolerance: Σ|alpha a b| + |beta c|. It is a plain triple loop, independent
// of every kernel under test.
func (g gemmCase) naive() (want, bound []float64) {
	want = make([]float64, g.m*g.n)
	bound = make([]float64, g.m*g.n)
	for i := 0; i < g.m; i++ {
		for j := 0; j < g.n; j++ {
			var s, sa float64
			for p := 0; p < g.k; p++ {
				x := opAt(g.a, g.tA, i, p) * opAt(g.b, g.tB, p, j)
				s += x
				sa += math.Abs(x)
			}
			v, bd := g.alpha*s, math.Abs(g.alpha)*sa
			if g.beta != 0 {
				v += g.beta * g.c.at(i, j)
				bd += math.Abs(g.beta * g.c.at(i, j))
			}
			want[i*g.n+j], bound[i*g.n+j] = v, bd
		}
	}
	return want, bound
}

// run calls dgemm on a copy of the case and checks the result against want
// to a tolerance of (k+4)·eps·bound per element, the guards, and that A and
// B were not modified.
func (g gemmCase) run(t testing.TB, name string, dgemm func(gemmCase, *matrix), want, bound []float64) {
	t.Helper()
	a0, b0 := g.a.clone(), g.b.clone()
	c := g.c.clone()
	dgemm(g, c)
	if !sameBits(g.a, a0) {
		t.Errorf("%s %v: A was modified", name, g)
	}
	if !sameBits(g.b, b0) {
		t.Errorf("%s %v: B was modified", name, g)
	}
	c.checkGuards(t, fmt.Sprintf("%s %v: C", name, g))
	tol := float64(g.k+4) * 0x1p-52
	bad := 0
	for i := 0; i < g.m; i++ {
		for j := 0; j < g.n; j++ {
			got, w := c.at(i, j), want[i*g.n+j]
			if !(math.Abs(got-w) <= tol*bound[i*g.n+j]) {
				if bad < 3 {
					t.Errorf("%s %v: C[%d,%d] = %v, want %v", name, g, i, j, got, w)
				}
				bad++
			}
		}
	}
	if bad > 3 {
		t.Errorf("%s %v: %d elements of C wrong in all", name, g, bad)
	}
}

// callDgemm calls the package-level Dgemm on the case.
func callDgemm(g gemmCase, c *matrix) {
	Dgemm(g.tA, g.tB, g.m, g.n, g.k, g.alpha, g.a.data, g.a.ld, g.b.data, g.b.ld, g.beta, c.data, c.ld)
}

var transposes = []blas.Transpose{blas.NoTrans, blas.Trans}
