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

// TestKronNarrow checks KronNarrow against fmaChain bit for bit, with
// cw > mp (the padded store of a row that the next row overwrites) and
// cw = mp, widths that take blocks of 8 and of 2, and NaN guards after the
// last row's cw values.
func TestKronNarrow(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 12))
	for mp := 1; mp <= 19; mp++ {
		for _, n := range []int{1, 2, 3, 4, 7, 16} {
			L := 1 + rng.IntN(4)
			checkKronNarrow(t, rng, n, (mp+1)&^1, L, mp)
		}
	}
}

func checkKronNarrow(t *testing.T, rng *rand.Rand, n, cw, L, mp int) {
	t.Helper()
	name := fmt.Sprintf("n=%d cw=%d L=%d mp=%d", n, cw, L, mp)
	ctBuf, ct := guarded(n * cw)
	xBuf, x := guarded(L * n)
	yBuf, y := guarded((L-1)*mp + cw)
	fillRandom(rng, ct, func(int) bool { return false })
	fillRandom(rng, x, func(int) bool { return false })
	ct0, x0 := append([]float64(nil), ctBuf...), append([]float64(nil), xBuf...)

	KronNarrow(n, cw, ct, L, mp, x, y)

	if !sameBits(ctBuf, ct0) || !sameBits(xBuf, x0) {
		t.Errorf("%s: an input was modified", name)
	}
	// The last row to store an element wins.
	want := make([]float64, len(y))
	for l := 0; l < L; l++ {
		for c := 0; c < cw; c++ {
			want[l*mp+c] = fmaChain(n, func(j int) float64 { return x[l*n+j] },
				func(j int) float64 { return ct[j*cw+c] })
		}
	}
	for k, v := range yBuf {
		e := k - guardLen
		if e < 0 || e >= len(y) {
			if !isGuard(v) {
				t.Errorf("%s: guard at offset %d overwritten with %v", name, e, v)
			}
			continue
		}
		if math.Float64bits(v) != math.Float64bits(want[e]) {
			t.Errorf("%s: y[%d] = %v, want %v", name, e, v, want[e])
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
		{func() { KronNarrow(0, 2, buf, 1, 1, buf, buf) }, "arm64.KronNarrow: n, L or mp < 1"},
		{func() { KronNarrow(2, 3, buf, 1, 1, buf, buf) }, "arm64.KronNarrow: cw odd"},
		{func() { KronNarrow(9, 8, buf, 1, 8, buf, buf) }, "arm64.KronNarrow: slice too short"},
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
