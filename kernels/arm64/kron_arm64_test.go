//go:build arm64 && gc && !purego

package arm64

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// fmaChain is Σ_j u[j]·v[j] formed as the kernels form it: one fused
// multiply-add per term, in order of j. The kernels must match it to the
// bit, which makes it an exact oracle rather than one with a tolerance.
func fmaChain(n int, u, v func(j int) float64) float64 {
	var s float64
	for j := 0; j < n; j++ {
		s = math.FMA(u(j), v(j), s)
	}
	return s
}

// isGuard reports whether v is the guard NaN, bit for bit.
func isGuard(v float64) bool { return math.Float64bits(v) == guardBits }

// fillRandom sets data to values in [-1, 1), except that every index for
// which skip returns true keeps its guard.
func fillRandom(rng *rand.Rand, data []float64, skip func(k int) bool) {
	for k := range data {
		if !skip(k) {
			data[k] = 2*rng.Float64() - 1
		}
	}
}

// TestKronWide checks KronWide against fmaChain bit for bit on factors of
// every row count up to 9 (blocks of 4 rows and the rows left over), widths
// w that take blocks of 8 and of 2 columns, padded lda and a w < R that
// leaves columns untouched. The gaps of A past n and every element of y
// the kernel must not write are NaN guards: a stray read shows as NaN in y,
// a stray write as a changed guard.
func TestKronWide(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 11))
	for m := 1; m <= 9; m++ {
		for _, n := range []int{1, 2, 3, 5, 8} {
			for _, R := range []int{2, 3, 4, 7, 8, 10, 16, 17, 19} {
				for _, w := range []int{2, R &^ 1} {
					L := 1 + rng.IntN(3)
					lda := n + rng.IntN(2)*3
					checkKronWide(t, rng, m, n, lda, L, R, w)
				}
			}
		}
	}
}

func checkKronWide(t *testing.T, rng *rand.Rand, m, n, lda, L, R, w int) {
	t.Helper()
	name := fmt.Sprintf("m=%d n=%d lda=%d L=%d R=%d w=%d", m, n, lda, L, R, w)
	aBuf, a := guarded((m-1)*lda + n)
	xBuf, x := guarded(L * n * R)
	yBuf, y := guarded(L * m * R)
	fillRandom(rng, a, func(k int) bool { return k%lda >= n })
	fillRandom(rng, x, func(int) bool { return false })
	a0, x0 := append([]float64(nil), aBuf...), append([]float64(nil), xBuf...)

	KronWide(m, n, a, lda, L, R, w, x, y)

	if !sameBits(aBuf, a0) || !sameBits(xBuf, x0) {
		t.Errorf("%s: an input was modified", name)
	}
	bad := 0
	for k, v := range yBuf {
		e := k - guardLen
		written := e >= 0 && e < len(y) && e%R < w
		switch {
		case !written && !isGuard(v):
			t.Errorf("%s: y[%d] (not to be written) = %v", name, e, v)
			bad++
		case written:
			l, i, r := e/(m*R), e/R%m, e%R
			want := fmaChain(n, func(j int) float64 { return a[i*lda+j] },
				func(j int) float64 { return x[(l*n+j)*R+r] })
			if math.Float64bits(v) != math.Float64bits(want) {
				t.Errorf("%s: y[%d,%d,%d] = %v, want %v", name, l, i, r, v, want)
				bad++
			}
		}
		if bad > 3 {
			return
		}
	}
}

// TestKronNarrow checks KronNarrow against fmaChain bit for bit: X·Aᵀ for
// every m up to 19 (blocks of 8 and 2 columns), row counts L on both sides
// of the blocks of 4 rows, and w < m, which leaves columns untouched. Every
// element of y the kernel must not write is a NaN guard.
func TestKronNarrow(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 12))
	for m := 2; m <= 19; m++ {
		for _, n := range []int{1, 2, 3, 4, 7, 16} {
			for _, w := range []int{2, m &^ 1} {
				checkKronNarrow(t, rng, m, n, 1+rng.IntN(9), w)
			}
		}
	}
}

func checkKronNarrow(t *testing.T, rng *rand.Rand, m, n, L, w int) {
	t.Helper()
	name := fmt.Sprintf("m=%d n=%d L=%d w=%d", m, n, L, w)
	atBuf, at := guarded(n * m)
	xBuf, x := guarded(L * n)
	yBuf, y := guarded(L * m)
	fillRandom(rng, at, func(int) bool { return false })
	fillRandom(rng, x, func(int) bool { return false })
	at0, x0 := append([]float64(nil), atBuf...), append([]float64(nil), xBuf...)

	KronNarrow(m, n, at, L, w, x, y)

	if !sameBits(atBuf, at0) || !sameBits(xBuf, x0) {
		t.Errorf("%s: an input was modified", name)
	}
	bad := 0
	for k, v := range yBuf {
		e := k - guardLen
		written := e >= 0 && e < len(y) && e%m < w
		switch {
		case !written && !isGuard(v):
			t.Errorf("%s: y[%d] (not to be written) = %v", name, e, v)
			bad++
		case written:
			l, i := e/m, e%m
			want := fmaChain(n, func(j int) float64 { return x[l*n+j] },
				func(j int) float64 { return at[j*m+i] })
			if math.Float64bits(v) != math.Float64bits(want) {
				t.Errorf("%s: y[%d,%d] = %v, want %v", name, l, i, v, want)
				bad++
			}
		}
		if bad > 3 {
			return
		}
	}
}

// TestKronPanics checks the argument checks of the exported wrappers.
func TestKronPanics(t *testing.T) {
	buf := make([]float64, 64)
	for _, c := range []struct {
		call func()
		want string
	}{
		{func() { KronWide(0, 2, buf, 2, 1, 4, 4, buf, buf) }, "arm64.KronWide: m, n or L < 1"},
		{func() { KronWide(2, 2, buf, 2, 1, 4, 3, buf, buf) }, "arm64.KronWide: w odd"},
		{func() { KronWide(2, 2, buf, 2, 1, 4, 6, buf, buf) }, "arm64.KronWide: w odd"},
		{func() { KronWide(2, 3, buf, 2, 1, 4, 4, buf, buf) }, "arm64.KronWide: lda < n"},
		{func() { KronWide(2, 2, buf, 2, 5, 8, 8, buf, buf) }, "arm64.KronWide: slice too short"},
		{func() { KronNarrow(2, 0, buf, 1, 2, buf, buf) }, "arm64.KronNarrow: n or L < 1"},
		{func() { KronNarrow(3, 2, buf, 1, 3, buf, buf) }, "arm64.KronNarrow: w odd"},
		{func() { KronNarrow(3, 2, buf, 1, 4, buf, buf) }, "arm64.KronNarrow: w odd"},
		{func() { KronNarrow(8, 9, buf, 1, 8, buf, buf) }, "arm64.KronNarrow: slice too short"},
	} {
		func() {
			defer func() {
				s, _ := recover().(string)
				if !strings.HasPrefix(s, c.want) {
					t.Errorf("panic %q, want %q", s, c.want)
				}
			}()
			c.call()
		}()
	}
}
