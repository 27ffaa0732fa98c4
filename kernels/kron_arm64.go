//go:build arm64 && gc && !purego

package kernels

import (
	"github.com/matcalc/matcalc/kernels/arm64"
	"github.com/matcalc/matcalc/kernels/generic"
)

// kronNarrowMaxAT bounds m·n, the size of the packed Aᵀ that the NEON
// kernel reads for R = 1, kept on the stack: every factor up to 22×22 fits.
const kronNarrowMaxAT = 512

// kronModeArch runs KronMode on the NEON kernels; the arguments are valid
// and every dimension is at least 1.
func kronModeArch(m, n int, a []float64, lda, L, R int, x, y []float64) {
	kronRace(a[:minLen(m, n, lda)], x[:L*n*R], y[:L*m*R])
	switch {
	case R >= 2:
		// Vectorize along the contiguous trailing mode, two values to a
		// register. An odd width ends with one more block of 2 that
		// overlaps the last one: it recomputes the same values, in the
		// same order.
		w := R &^ 1
		arm64.KronWide(m, n, a, lda, L, R, w, x, y)
		if w < R {
			arm64.KronWide(m, n, a, lda, L, R, 2, x[R-2:], y[R-2:])
		}
	case m >= 2 && m*n <= kronNarrowMaxAT:
		kronNarrowNEON(m, n, a, lda, L, x, y)
	default:
		generic.KronMode(m, n, a, lda, L, R, x, y)
	}
}

// kronNarrowNEON handles R = 1, where every slice is one row of n values and
// Y = X·Aᵀ for the L×n matrix X: Aᵀ is packed on the stack, and an odd m
// ends with one more block of 2 columns that overlaps the last one and
// recomputes the same values, in the same order.
func kronNarrowNEON(m, n int, a []float64, lda, L int, x, y []float64) {
	var buf [kronNarrowMaxAT]float64
	at := buf[:n*m]
	for i := 0; i < m; i++ {
		for j, v := range a[i*lda : i*lda+n] {
			at[j*m+i] = v
		}
	}
	w := m &^ 1
	arm64.KronNarrow(m, n, at, L, w, x, y)
	if w < m {
		arm64.KronNarrow(m, n, at[m-2:], L, 2, x, y[m-2:])
	}
}
