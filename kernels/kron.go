package kernels

import (
	"fmt"

	"github.com/matcalc/matcalc/kernels/generic"
)

// KronMode computes the mode product of a small m×n matrix A with the middle
// mode of a three-way tensor X of shape L×n×R, stored contiguously in
// row-major order, into Y of shape L×m×R:
//
//	y[(l*m+i)*R + r] = Σ_{j<n} a[i*lda+j] * x[(l*n+j)*R + r]
//
// for l < L, i < m and r < R. In Kronecker terms Y = (I_L ⊗ A ⊗ I_R) X; a
// product (A1 ⊗ ... ⊗ Ad) x is d such steps, one per factor (the shuffle
// algorithm). Y is overwritten and never read; x and y must not overlap.
//
// KronMode is the kernel for the many-small-factors case, where each step does
// a few flops per element and GEMM's packing and blocking do not pay: the
// assembly paths vectorize along R when it is at least one vector wide (R ≥ 4
// on AVX2, R ≥ 2 on NEON) and, for shorter R, multiply each contiguous row of
// n·R values by A ⊗ I_R (AVX2) or Aᵀ (NEON, R = 1). They are fastest for
// factors up to 16×16; larger factors run correctly but are better served by
// Dgemm.
//
// KronMode panics, naming the shapes, if a dimension is negative, lda < n
// (or lda < 1) or a slice is too short.
func KronMode(m, n int, a []float64, lda, L, R int, x, y []float64) {
	checkKronMode(m, n, len(a), lda, L, R, len(x), len(y))
	if m == 0 || L == 0 || R == 0 {
		return
	}
	if n == 0 {
		clear(y[:L*m*R])
		return
	}
	if !active.Load().kron {
		generic.KronMode(m, n, a, lda, L, R, x, y)
		return
	}
	kronModeArch(m, n, a, lda, L, R, x, y)
}

func checkKronMode(m, n, lenA, lda, L, R, lenX, lenY int) {
	if m < 0 || n < 0 || L < 0 || R < 0 {
		panic(fmt.Sprintf("kernels.KronMode: negative dimension m=%d n=%d L=%d R=%d", m, n, L, R))
	}
	if lda < max(1, n) {
		panic(fmt.Sprintf("kernels.KronMode: bad leading dimension of A: lda=%d for A %d×%d", lda, m, n))
	}
	if need := minLen(m, n, lda); lenA < need {
		panic(fmt.Sprintf("kernels.KronMode: insufficient length of A: len=%d, A %d×%d with lda=%d needs %d", lenA, m, n, lda, need))
	}
	if need := L * n * R; lenX < need {
		panic(fmt.Sprintf("kernels.KronMode: insufficient length of x: len=%d, tensor %d×%d×%d needs %d", lenX, L, n, R, need))
	}
	if need := L * m * R; lenY < need {
		panic(fmt.Sprintf("kernels.KronMode: insufficient length of y: len=%d, tensor %d×%d×%d needs %d", lenY, L, m, R, need))
	}
}
