package generic

// KronMode computes the mode product of an m×n matrix A with the middle mode
// of a three-way tensor X of shape L×n×R, stored contiguously in row-major
// order, into Y of shape L×m×R:
//
//	y[(l*m+i)*R + r] = Σ_{j<n} a[i*lda+j] * x[(l*n+j)*R + r]
//
// for l < L, i < m and r < R. Y is overwritten, never read. This is one step
// of the shuffle algorithm for Kronecker products: (I_L ⊗ A ⊗ I_R) x.
// KronMode assumes valid arguments and that x and y do not overlap.
func KronMode(m, n int, a []float64, lda, L, R int, x, y []float64) {
	if R == 1 && n > 0 {
		// The trailing mode is a single value: each output is a dot
		// product of a row of A with a contiguous row of X.
		for l := 0; l < L; l++ {
			xl := x[l*n : (l+1)*n]
			for i := 0; i < m; i++ {
				y[l*m+i] = dot(a[i*lda:i*lda+n], xl)
			}
		}
		return
	}
	if R < 4 && n > 0 {
		// Rows too short for an axpy: strided dot products.
		for l := 0; l < L; l++ {
			xl := x[l*n*R : (l+1)*n*R]
			for i := 0; i < m; i++ {
				ai := a[i*lda : i*lda+n]
				for r := 0; r < R; r++ {
					var s float64
					for j, aij := range ai {
						s += aij * xl[j*R+r]
					}
					y[(l*m+i)*R+r] = s
				}
			}
		}
		return
	}
	KronModeCols(m, n, a, lda, L, R, 0, R, x, y)
}

// KronModeCols is KronMode restricted to the columns r0 ≤ r < r1 of every
// L×n×R slice; the other elements of y are not touched.
func KronModeCols(m, n int, a []float64, lda, L, R, r0, r1 int, x, y []float64) {
	if r0 >= r1 {
		return
	}
	for l := 0; l < L; l++ {
		xl := x[l*n*R : (l+1)*n*R]
		yl := y[l*m*R : (l+1)*m*R]
		for i := 0; i < m; i++ {
			yi := yl[i*R+r0 : i*R+r1]
			clear(yi)
			if n == 0 {
				continue
			}
			for j, aij := range a[i*lda : i*lda+n] {
				axpy(aij, xl[j*R+r0:j*R+r1], yi)
			}
		}
	}
}
