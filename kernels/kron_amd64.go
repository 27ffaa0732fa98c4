//go:build amd64 && gc && !purego

package kernels

import (
	"github.com/matcalc/matcalc/kernels/amd64"
	"github.com/matcalc/matcalc/kernels/generic"
)

// Limits of the narrow kernels: a row of A ⊗ I_R is held in at most twelve
// YMM registers, and the packed (A ⊗ I_R)ᵀ on the stack has at most
// kronNarrowMaxN rows. Every factor up to 16×16 with R ≤ 3 fits.
const (
	kronNarrowMaxM = 48
	kronNarrowMaxN = 48
)

// kronModeArch runs KronMode on the AVX2+FMA kernels; the arguments are valid
// and every dimension is at least 1.
func kronModeArch(m, n int, a []float64, lda, L, R int, x, y []float64) {
	kronRace(a[:minLen(m, n, lda)], x[:L*n*R], y[:L*m*R])
	switch {
	case R >= 4:
		// Vectorize along the contiguous trailing mode. A width that is not
		// a multiple of 4 ends with one more block of 4 that overlaps the
		// last one: it recomputes the same values, in the same order.
		w := R &^ 3
		kronWide(m, n, a, lda, L, R, w, x, y)
		if w < R {
			kronWide(m, n, a, lda, L, R, 4, x[R-4:], y[R-4:])
		}
	case m*R <= kronNarrowMaxM && n*R <= kronNarrowMaxN:
		kronNarrow(m, n, a, lda, L, R, x, y)
	default:
		generic.KronMode(m, n, a, lda, L, R, x, y)
	}
}

// kronWideMaxM is the largest m with a register-blocked KronWideM kernel;
// kronWideMaxN bounds n for the packed copy of A on the stack.
const (
	kronWideMaxM = 13
	kronWideMaxN = 64
)

// kronWide runs the wide kernels on the first w columns of every slice:
// KronWideM with A packed by columns for m ≤ kronWideMaxM, else KronWide.
func kronWide(m, n int, a []float64, lda, L, R, w int, x, y []float64) {
	if m > kronWideMaxM || n > kronWideMaxN {
		amd64.KronWide(m, n, a, lda, L, R, w, x, y)
		return
	}
	var buf [kronWideMaxM * kronWideMaxN]float64
	ap := buf[:n*m]
	for i := 0; i < m; i++ {
		for j, v := range a[i*lda : i*lda+n] {
			ap[j*m+i] = v
		}
	}
	switch m {
	case 1:
		amd64.KronWide1(n, ap, L, R, w, x, y)
	case 2:
		amd64.KronWide2(n, ap, L, R, w, x, y)
	case 3:
		amd64.KronWide3(n, ap, L, R, w, x, y)
	case 4:
		amd64.KronWide4(n, ap, L, R, w, x, y)
	case 5:
		amd64.KronWide5(n, ap, L, R, w, x, y)
	case 6:
		amd64.KronWide6(n, ap, L, R, w, x, y)
	case 7:
		amd64.KronWide7(n, ap, L, R, w, x, y)
	case 8:
		amd64.KronWide8(n, ap, L, R, w, x, y)
	case 9:
		amd64.KronWide9(n, ap, L, R, w, x, y)
	case 10:
		amd64.KronWide10(n, ap, L, R, w, x, y)
	case 11:
		amd64.KronWide11(n, ap, L, R, w, x, y)
	case 12:
		amd64.KronWide12(n, ap, L, R, w, x, y)
	default:
		amd64.KronWide13(n, ap, L, R, w, x, y)
	}
}

// kronNarrow handles a trailing mode R < 4 by treating every L-slice as one
// row of n·R values and multiplying it by C = A ⊗ I_R, whose transpose is
// packed into np rows of 4·nv values (zero past mp) for KronNarrowNV.
func kronNarrow(m, n int, a []float64, lda, L, R int, x, y []float64) {
	mp, np := m*R, n*R
	nv := (mp + 3) / 4
	cw := 4 * nv
	var buf [kronNarrowMaxN * kronNarrowMaxM]float64
	ct := buf[:np*cw]
	// C[i*R+s, j*R+t] = a[i,j] δ(s,t); ct[(j*R+s)*cw + i*R+s] = a[i,j].
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			for s := 0; s < R; s++ {
				ct[(j*R+s)*cw+i*R+s] = a[i*lda+j]
			}
		}
	}
	// The kernel stores cw values per row, past the row's mp; rows whose
	// store would run past the end of y go through the generic loop.
	full := 0
	if L*mp >= cw {
		full = (L*mp-cw)/mp + 1
	}
	if full > 0 {
		switch nv {
		case 1:
			amd64.KronNarrow1(np, mp, ct, full, x, y)
		case 2:
			amd64.KronNarrow2(np, mp, ct, full, x, y)
		case 3:
			amd64.KronNarrow3(np, mp, ct, full, x, y)
		case 4:
			amd64.KronNarrow4(np, mp, ct, full, x, y)
		case 5:
			amd64.KronNarrow5(np, mp, ct, full, x, y)
		case 6:
			amd64.KronNarrow6(np, mp, ct, full, x, y)
		case 7:
			amd64.KronNarrow7(np, mp, ct, full, x, y)
		case 8:
			amd64.KronNarrow8(np, mp, ct, full, x, y)
		case 9:
			amd64.KronNarrow9(np, mp, ct, full, x, y)
		case 10:
			amd64.KronNarrow10(np, mp, ct, full, x, y)
		case 11:
			amd64.KronNarrow11(np, mp, ct, full, x, y)
		default:
			amd64.KronNarrow12(np, mp, ct, full, x, y)
		}
	}
	if full < L {
		generic.KronMode(m, n, a, lda, L-full, R, x[full*np:], y[full*mp:])
	}
}
