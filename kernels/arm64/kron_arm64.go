//go:build arm64 && gc && !purego

package arm64

// KronWide computes, for l < L, i < m and r < w,
//
//	y[(l*m+i)*R + r] = Σ_{j<n} a[i*lda+j] * x[(l*n+j)*R + r]
//
// the mode product of the m×n matrix A with the middle mode of the L×n×R
// tensor X (kernels.KronMode), on the first w columns of every slice; the
// other columns of y are not touched. Each sum is one chain of fused
// multiply-adds in the order of j, so results differ from the loop above in
// rounding only, and two calls that compute the same element agree to the
// bit. Y is written, never read.
//
// KronWide panics if m, n or L < 1, w is odd or outside [2, R], lda < n or
// a slice is too short. x and y must not overlap.
func KronWide(m, n int, a []float64, lda, L, R, w int, x, y []float64) {
	if m < 1 || n < 1 || L < 1 {
		panic("arm64.KronWide: m, n or L < 1")
	}
	if w < 2 || w > R || w%2 != 0 {
		panic("arm64.KronWide: w odd or outside [2, R]")
	}
	if lda < n {
		panic("arm64.KronWide: lda < n")
	}
	if len(a) < (m-1)*lda+n || len(x) < ((L-1)*n+n-1)*R+w || len(y) < ((L-1)*m+m-1)*R+w {
		panic("arm64.KronWide: slice too short")
	}
	kronWide(m, n, &a[0], lda, L, R, w, &x[0], &y[0])
}

// kronWide computes KronWide in kron_arm64.s, with a, x and y indexed as the
// arrays they point into:
//
//	for l := 0; l < L; l++ {
//		for i := 0; i < m; i++ {
//			for r := 0; r < w; r++ {
//				var s float64
//				for j := 0; j < n; j++ {
//					s += a[i*lda+j] * x[(l*n+j)*R+r]
//				}
//				y[(l*m+i)*R+r] = s
//			}
//		}
//	}
//
// It trusts its arguments, as KronWide checks them.
//
//go:noescape
func kronWide(m, n int, a *float64, lda, L, R, w int, x, y *float64)

// KronNarrow computes, for l < L and c < cw,
//
//	y[l*mp + c] = Σ_{j<n} x[l*n+j] * ct[j*cw+c]
//
// row by row in order of l, storing all cw values of each row: with
// cw > mp, the values past mp of row l land at the start of row l+1 and are
// overwritten when that row is stored. It is the mode product with a
// trailing mode R = 1 (kernels.KronMode), with ct the transposed m×n factor
// packed by rows of cw ≥ m values. Each sum is one chain of fused
// multiply-adds in the order of j.
//
// KronNarrow panics if n or L < 1, cw is odd or < 2, mp < 1 or a slice is
// too short (y must hold (L-1)*mp + cw values). x and y must not overlap.
func KronNarrow(n, cw int, ct []float64, L, mp int, x, y []float64) {
	if n < 1 || L < 1 || mp < 1 {
		panic("arm64.KronNarrow: n, L or mp < 1")
	}
	if cw < 2 || cw%2 != 0 {
		panic("arm64.KronNarrow: cw odd or < 2")
	}
	if len(ct) < n*cw || len(x) < L*n || len(y) < (L-1)*mp+cw {
		panic("arm64.KronNarrow: slice too short")
	}
	kronNarrow(n, cw, &ct[0], L, mp, &x[0], &y[0])
}

// kronNarrow computes KronNarrow in kron_arm64.s, with ct, x and y indexed
// as the arrays they point into:
//
//	for l := 0; l < L; l++ {
//		for c := 0; c < cw; c++ {
//			var s float64
//			for j := 0; j < n; j++ {
//				s += x[l*n+j] * ct[j*cw+c]
//			}
//			y[l*mp+c] = s
//		}
//	}
//
// It trusts its arguments, as KronNarrow checks them.
//
//go:noescape
func kronNarrow(n, cw int, ct *float64, L, mp int, x, y *float64)
