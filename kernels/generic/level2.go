package generic

import "math"

// GemvN computes, for i < m,
//
//	y[i*incy] += alpha * Σ_{j<n} a[i*lda+j] * x[j]
//
// the product of a row-major m×n A with a contiguous x, into a y of stride
// incy ≥ 1.
func GemvN(m, n int, alpha float64, a []float64, lda int, x, y []float64, incy int) {
	x = x[:n]
	for i := range m {
		row := a[i*lda : i*lda+n]
		var s float64
		for j, v := range row {
			s += v * x[j]
		}
		y[i*incy] += alpha * s
	}
}

// GemvT computes, for j < n,
//
//	y[j] += alpha * Σ_{i<m} a[i*lda+j] * x[i*incx]
//
// the product of the transpose of a row-major m×n A with an x of stride
// incx ≥ 1, into a contiguous y.
func GemvT(m, n int, alpha float64, a []float64, lda int, x []float64, incx int, y []float64) {
	y = y[:n]
	for i := range m {
		s := alpha * x[i*incx]
		row := a[i*lda : i*lda+n]
		for j, v := range row {
			y[j] += s * v
		}
	}
}

// Ger computes, for i < m and j < n,
//
//	a[i*lda+j] += alpha * x[i*incx] * y[j]
//
// the rank-1 update of a row-major m×n A by an x of stride incx ≥ 1 and a
// contiguous y.
func Ger(m, n int, alpha float64, x []float64, incx int, y, a []float64, lda int) {
	y = y[:n]
	for i := range m {
		s := alpha * x[i*incx]
		row := a[i*lda : i*lda+n]
		for j, v := range y {
			row[j] += s * v
		}
	}
}

// MaxAbs returns the largest |x[i]|, ignoring NaNs (0 if x is empty or all
// NaN): the first pass of Idamax.
func MaxAbs(x []float64) float64 {
	m := 0.0
	for _, v := range x {
		if math.Abs(v) > m {
			m = math.Abs(v)
		}
	}
	return m
}

// ScalInc computes x[i*inc] *= alpha for i < n, inc ≥ 1. It reads a batch
// of elements before it writes any of them: when inc·8 is a multiple of
// 4096 (a column of a matrix with 512 columns), every load has the same low
// address bits as the stores in flight before it, and interleaving them
// stalls each load on the previous store.
func ScalInc(n int, alpha float64, x []float64, inc int) {
	const batch = 512
	var buf [batch]float64
	for i0 := 0; i0 < n; i0 += batch {
		k := min(batch, n-i0)
		xs := x[i0*inc : (i0+k-1)*inc+1]
		for i := range k {
			buf[i] = xs[i*inc] * alpha
		}
		for i, v := range buf[:k] {
			xs[i*inc] = v
		}
	}
}
