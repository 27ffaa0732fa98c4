package kernels

import "gonum.org/v1/gonum/blas"

// level2Kernels is one path's table of Level 2 kernels, with the contracts
// of kernels/generic's GemvN, GemvT, Ger, MaxAbs and ScalInc: row-major A,
// positive increments, a contiguous vector along the rows of A. A path with a nil
// table runs gonum's own Level 2 routines.
type level2Kernels struct {
	gemvN func(m, n int, alpha float64, a []float64, lda int, x, y []float64, incy int)
	gemvT func(m, n int, alpha float64, a []float64, lda int, x []float64, incx int, y []float64)
	ger   func(m, n int, alpha float64, x []float64, incx int, y, a []float64, lda int)

	// The vector routines of the same LAPACK paths (LU's unblocked panel,
	// the triangular solves of the condition estimate).
	maxAbs  func(x []float64) float64
	scalInc func(n int, alpha float64, x []float64, inc int)
}

// vecLenOK reports whether a slice of length l holds a vector of n ≥ 1
// elements with increment inc, as BLAS lays it out.
func vecLenOK(l, n, inc int) bool {
	if inc < 0 {
		inc = -inc
	}
	return (n-1)*inc < l
}

// Dgemv computes
//
//	y = alpha * A * x + beta * y   if tA == blas.NoTrans
//	y = alpha * Aᵀ * x + beta * y  otherwise
//
// for the m×n A, with the semantics of gonum's Dgemv (beta = 0 ignores the
// values in y; m = 0 or n = 0 leaves y as it is). On a path with Level 2
// kernels it runs them, on contiguous copies of x or y when their
// increments are not what the kernel takes (the vector along the rows of A
// unit, the other positive); negative increments run backwards from the end
// of the slice, as BLAS defines them.
func (Implementation) Dgemv(tA blas.Transpose, m, n int, alpha float64, a []float64, lda int, x []float64, incX int, beta float64, y []float64, incY int) {
	dgemv(active.Load().level2, tA, m, n, alpha, a, lda, x, incX, beta, y, incY)
}

// dgemv is Dgemv on the kernels k (nil: gonum's Dgemv).
func dgemv(k *level2Kernels, tA blas.Transpose, m, n int, alpha float64, a []float64, lda int, x []float64, incX int, beta float64, y []float64, incY int) {
	lenX, lenY := n, m
	if tA != blas.NoTrans {
		lenX, lenY = m, n
	}
	if k == nil || !validTrans(tA) || m <= 0 || n <= 0 || lda < n || incX == 0 || incY == 0 ||
		!minLenOK(len(a), m, n, lda) || !vecLenOK(len(x), lenX, incX) || !vecLenOK(len(y), lenY, incY) {
		native.Dgemv(tA, m, n, alpha, a, lda, x, incX, beta, y, incY)
		return
	}
	if alpha == 0 && beta == 1 {
		return
	}
	scaleVec(lenY, beta, y, abs(incY))
	if alpha == 0 {
		return
	}
	// The kernels take x and y with these increments; others are copied.
	kx, ky := 1, max(incY, 1)
	if tA != blas.NoTrans {
		kx, ky = max(incX, 1), 1
	}
	if incX != kx {
		x, incX = unitVec(lenX, x, incX), 1
	}
	yk, incYK := y, incY
	if incY != ky {
		yk, incYK = unitVec(lenY, y, incY), 1
	}
	raceReadTile(a, m, n, lda)
	raceReadTile(x, lenX, 1, incX)
	raceWriteTile(yk, lenY, 1, incYK)
	if tA == blas.NoTrans {
		k.gemvN(m, n, alpha, a, lda, x, yk, incYK)
	} else {
		k.gemvT(m, n, alpha, a, lda, x, incX, yk)
	}
	if incYK != incY {
		for i, v := range yk {
			y[vecIndex(i, lenY, incY)] = v
		}
	}
}

// abs returns |i|.
func abs(i int) int {
	if i < 0 {
		return -i
	}
	return i
}

// scaleVec sets y = beta * y for the n elements of y with increment inc > 0;
// beta = 0 sets them to zero whatever they held.
func scaleVec(n int, beta float64, y []float64, inc int) {
	switch beta {
	case 1:
	case 0:
		for i := range n {
			y[i*inc] = 0
		}
	default:
		for i := range n {
			y[i*inc] *= beta
		}
	}
}

// Dger computes the rank-1 update
//
//	A += alpha * x * yᵀ
//
// of the m×n A, with the semantics of gonum's Dger. On a path with Level 2
// kernels it runs them, on contiguous copies of x and y when their
// increments are not what the kernel takes (y unit, x positive); negative
// increments run backwards from the end of the slice, as BLAS defines them.
func (Implementation) Dger(m, n int, alpha float64, x []float64, incX int, y []float64, incY int, a []float64, lda int) {
	dger(active.Load().level2, m, n, alpha, x, incX, y, incY, a, lda)
}

// dger is Dger on the kernels k (nil: gonum's Dger).
func dger(k *level2Kernels, m, n int, alpha float64, x []float64, incX int, y []float64, incY int, a []float64, lda int) {
	valid := m > 0 && n > 0 && lda >= n && incX != 0 && incY != 0 &&
		vecLenOK(len(x), m, incX) && vecLenOK(len(y), n, incY) && minLenOK(len(a), m, n, lda)
	if valid && alpha != 0 && (incX < 0 || incY < 0) {
		// gonum v0.17's amd64 assembly Dger does nothing for a negative
		// increment, so every path gets contiguous copies of such vectors.
		if incX < 0 {
			x, incX = unitVec(m, x, incX), 1
		}
		if incY < 0 {
			y, incY = unitVec(n, y, incY), 1
		}
	}
	if k == nil || !valid {
		native.Dger(m, n, alpha, x, incX, y, incY, a, lda)
		return
	}
	if alpha == 0 {
		return
	}
	if incX < 0 {
		x, incX = unitVec(m, x, incX), 1
	}
	if incY != 1 {
		y = unitVec(n, y, incY)
	}
	raceReadTile(x, m, 1, incX)
	raceReadTile(y, 1, n, 1)
	raceWriteTile(a, m, n, lda)
	k.ger(m, n, alpha, x, incX, y, a, lda)
}

// unitVec returns the n elements of the BLAS vector x with increment inc in
// a new contiguous slice, in order.
func unitVec(n int, x []float64, inc int) []float64 {
	u := make([]float64, n)
	for i := range u {
		u[i] = x[vecIndex(i, n, inc)]
	}
	return u
}

// vecIndex returns the offset of element i of a BLAS vector of n elements
// with increment inc: negative increments start from the end.
func vecIndex(i, n, inc int) int {
	if inc < 0 {
		return (n - 1 - i) * -inc
	}
	return i * inc
}
