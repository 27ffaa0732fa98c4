package generic

// blockSize is the edge of the square cache blocks of the reference Dgemm:
// three 64×64 blocks of float64 (96 KiB) sit in any L2 cache.
const blockSize = 64

// Dgemm computes
//
//	C = alpha * op(A) * op(B) + beta * C
//
// for row-major matrices with gonum's blas semantics: op(A) is m×k, op(B) is
// k×n, C is m×n; aTrans and bTrans select op(X) = Xᵀ; lda, ldb and ldc are
// the row strides. When beta is zero C is not read, so NaN in C does not leak
// into the result. Dgemm assumes valid arguments.
//
// The loops are blocked in 64×64×64 blocks for the caches; within a block the
// innermost loop runs along a row of C (an axpy) or a row of both A and Bᵀ
// (a dot), whichever the transposes make contiguous.
func Dgemm(aTrans, bTrans bool, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	if m == 0 || n == 0 {
		return
	}
	if beta != 1 {
		for i := 0; i < m; i++ {
			ci := c[i*ldc : i*ldc+n]
			if beta == 0 {
				clear(ci)
				continue
			}
			for j := range ci {
				ci[j] *= beta
			}
		}
	}
	if alpha == 0 || k == 0 {
		return
	}
	for i0 := 0; i0 < m; i0 += blockSize {
		i1 := min(i0+blockSize, m)
		for p0 := 0; p0 < k; p0 += blockSize {
			p1 := min(p0+blockSize, k)
			for j0 := 0; j0 < n; j0 += blockSize {
				j1 := min(j0+blockSize, n)
				block(aTrans, bTrans, i0, i1, p0, p1, j0, j1, alpha, a, lda, b, ldb, c, ldc)
			}
		}
	}
}

// block adds alpha * op(A)[i0:i1, p0:p1] * op(B)[p0:p1, j0:j1] to C[i0:i1, j0:j1].
func block(aTrans, bTrans bool, i0, i1, p0, p1, j0, j1 int, alpha float64, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	switch {
	case !bTrans:
		// Row p of op(B) is contiguous: C[i, :] += (alpha*op(A)[i,p]) * B[p, :].
		for i := i0; i < i1; i++ {
			ci := c[i*ldc+j0 : i*ldc+j1]
			for p := p0; p < p1; p++ {
				var aip float64
				if aTrans {
					aip = a[p*lda+i]
				} else {
					aip = a[i*lda+p]
				}
				if aip == 0 {
					continue
				}
				axpy(alpha*aip, b[p*ldb+j0:p*ldb+j1], ci)
			}
		}
	case !aTrans:
		// Rows of A and of B (= columns of op(B)) are contiguous: dots.
		for i := i0; i < i1; i++ {
			ai := a[i*lda+p0 : i*lda+p1]
			for j := j0; j < j1; j++ {
				c[i*ldc+j] += alpha * dot(ai, b[j*ldb+p0:j*ldb+p1])
			}
		}
	default:
		// Both transposed: op(A)[i,p] = a[p*lda+i], op(B)[p,j] = b[j*ldb+p].
		for i := i0; i < i1; i++ {
			for j := j0; j < j1; j++ {
				var s float64
				bj := b[j*ldb+p0 : j*ldb+p1]
				for p, bjp := range bj {
					s += a[(p0+p)*lda+i] * bjp
				}
				c[i*ldc+j] += alpha * s
			}
		}
	}
}

// axpy computes y += alpha * x for len(x) == len(y).
func axpy(alpha float64, x, y []float64) {
	y = y[:len(x)]
	for i, v := range x {
		y[i] += alpha * v
	}
}

// dot returns Σ x[i]*y[i] for len(x) == len(y).
func dot(x, y []float64) float64 {
	y = y[:len(x)]
	var s float64
	for i, v := range x {
		s += v * y[i]
	}
	return s
}
