//go:build arm64 && gc && !purego

package kernels

import (
	"github.com/matcalc/matcalc/kernels/arm64"
	"github.com/matcalc/matcalc/kernels/generic"
)

// kronNarrowMaxCT bounds n·cw, the size of the packed Aᵀ that the NEON
// narrow kernel reads, kept on the stack: every factor up to 22×22 fits.
const kronNarrowMaxCT = 512

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
	case n*((m+1)&^1) <= kronNarrowMaxCT:
		kronNarrowNEON(m, n, a, lda, L, x, y)
	default:
		generic.KronMode(m, n, a, lda, L, R, x, y)
	}
}

// kronNarrowNEON handles R = 1, where every slice is one row of n values,
// by multiplying each row by Aᵀ packed into n rows of cw = m rounded up to
// even values (zero in the pad column) for arm64.KronNarrow.
func kronNarrowNEON(m, n int, a []float64, lda, L int, x, y []float64) {
	cw := (m + 1) &^ 1
	var buf [kronNarrowMaxCT]float64
	ct := buf[:n*cw]
	for i := 0; i < m; i++ {
		for j, v := range a[i*lda : i*lda+n] {
			ct[j*cw+i] = v
		}
	}
	// The kernel stores cw values per row; with m odd the last row's store
	// would run one past the end of y, so that row takes the generic loop.
	full := L
	if cw > m {
		full = L - 1
	}
	if full > 0 {
		arm64.KronNarrow(n, cw, ct, full, m, x, y)
	}
	if full < L {
		generic.KronMode(m, n, a, lda, L-full, 1, x[full*n:], y[full*m:])
	}
}
