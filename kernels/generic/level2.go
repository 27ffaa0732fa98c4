package generic

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
