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
	kronWide(m, n, &a[0], lda, L, &x[0], n*R, R, &y[0], m*R, R, w)
}

// KronNarrow computes, for l < L and i < w,
//
//	y[l*m + i] = Σ_{j<n} x[l*n+j] * at[j*m+i]
//
// the columns i < w of Y = X·Aᵀ for the L×n matrix X and the m×n matrix A
// given transposed (at is Aᵀ, n×m, row-major): the mode product with a
// trailing mode R = 1 (kernels.KronMode), vectorized along the m outputs and
// register-blocked over 4 rows of X. The other columns of y are not touched.
// Each sum is one chain of fused multiply-adds in the order of j, so two
// calls that compute the same element agree to the bit. Y is written, never
// read.
//
// KronNarrow panics if n or L < 1, w is odd or outside [2, m], or a slice is
// too short. x and y must not overlap.
func KronNarrow(m, n int, at []float64, L, w int, x, y []float64) {
	if n < 1 || L < 1 {
		panic("arm64.KronNarrow: n or L < 1")
	}
	if w < 2 || w > m || w%2 != 0 {
		panic("arm64.KronNarrow: w odd or outside [2, m]")
	}
	if len(at) < (n-1)*m+w || len(x) < L*n || len(y) < (L-1)*m+w {
		panic("arm64.KronNarrow: slice too short")
	}
	// Y (L×w, row stride m) = X (L×n, row stride n) · Aᵀ (n×w, row stride
	// m): the kernel's single slice, with X in the place of its A.
	kronWide(L, n, &x[0], n, 1, &at[0], 0, m, &y[0], 0, m, w)
}

// kronWide computes KronWide and KronNarrow in kron_arm64.s, with a, x and
// y indexed as the arrays they point into:
//
//	for l := 0; l < L; l++ {
//		for i := 0; i < m; i++ {
//			for r := 0; r < w; r++ {
//				var s float64
//				for j := 0; j < n; j++ {
//					s += a[i*lda+j] * x[l*sx+j*ldx+r]
//				}
//				y[l*sy+i*ldy+r] = s
//			}
//		}
//	}
//
// It trusts its arguments: m, n, L ≥ 1, w even and ≥ 2, arrays long enough,
// x and y not overlapping.
//
//go:noescape
func kronWide(m, n int, a *float64, lda, L int, x *float64, sx, ldx int, y *float64, sy, ldy, w int)
