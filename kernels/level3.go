package kernels

import (
	"sync"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"
)

// The blocked Level 3 routines run on the GEMM's loop nest: Dsyrk and
// Dsyr2k as Dgemmt (one triangle of C), Dtrmm as one product with a
// triangular operand (trmm.go), Dsymm as one GEMM on a full copy of the
// symmetric operand. Dtrsm recurses on halves of the triangle: the
// off-diagonal blocks become GEMMs on the dispatched kernel, and blocks of
// at most level3Leaf rows go to gonum's own routine, about level3Leaf/n of
// the flops.

// level3Leaf is the largest triangle the Dtrsm recursion hands to gonum's
// unblocked routine. Tests lower it to cross every split.
var level3Leaf = 16

// level3Min is the smallest order of the triangular or symmetric operand for
// which the blocked routines are used; below it gonum's routine is as fast.
var level3Min = 32

// native is gonum's pure-Go BLAS: the leaves of the recursion and the
// routines Implementation does not accelerate.
var native gonum.Implementation

// blocked reports whether the Level 3 routines should take their blocked
// path for an operand of order n: the active path has a GEMM microkernel
// and n is large enough to pay for it.
func blocked(n int) bool {
	return n >= level3Min && active.Load().gemm != nil
}

// split returns the size of the first half of an order-n recursion: about
// n/2, rounded to a multiple of 8 when n is large so that the second half
// starts on a cache line of a row.
func split(n int) int {
	h := n / 2
	if h >= 16 {
		h = h / 8 * 8
	}
	return max(h, 1)
}

// lowerOp reports whether op(A) is lower triangular for a triangle ul of A.
func lowerOp(ul blas.Uplo, tA blas.Transpose) bool {
	return (ul == blas.Lower) == (tA == blas.NoTrans)
}

// opOff returns the offset of op(A)[i, j] in a stored row-major A.
func opOff(tA blas.Transpose, i, j, lda int) int {
	if tA == blas.NoTrans {
		return i*lda + j
	}
	return j*lda + i
}

// sliceFrom returns s[off:], or nil when off is past the end (an empty
// block that will not be read).
func sliceFrom(s []float64, off int) []float64 {
	if off >= len(s) {
		return nil
	}
	return s[off:]
}

// minLenOK reports whether a slice of length l holds an r×c row-major
// matrix with row stride ld.
func minLenOK(l, r, c, ld int) bool { return l >= minLen(r, c, ld) }

func validSide(s blas.Side) bool  { return s == blas.Left || s == blas.Right }
func validUplo(ul blas.Uplo) bool { return ul == blas.Lower || ul == blas.Upper }
func validDiag(d blas.Diag) bool  { return d == blas.NonUnit || d == blas.Unit }
func validTrans(t blas.Transpose) bool {
	return t == blas.NoTrans || t == blas.Trans || t == blas.ConjTrans
}

// symBuffers pools the dense copies of symmetric matrices made by Dsymm and
// the transposed copies of B made by the right-side Dtrmm and Dtrsm.
var symBuffers = sync.Pool{New: func() any { return new([]float64) }}
