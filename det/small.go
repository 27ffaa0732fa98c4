package det

// The small-matrix path, n ≤ smallN: the cofactor matrix and its derivative
// are the explicit polynomials (expansion by minors), exact at every matrix,
// singular or not, and computed in fixed-size arrays without allocating.

// smallN is the largest order that takes the small path.
const smallN = 4

// detPoly returns the determinant of the row-major m×m matrix b for m ≤ 3
// (1 for m = 0).
func detPoly(m int, b []float64) float64 {
	switch m {
	case 0:
		return 1
	case 1:
		return b[0]
	case 2:
		return b[0]*b[3] - b[1]*b[2]
	case 3:
		return b[0]*(b[4]*b[8]-b[5]*b[7]) -
			b[1]*(b[3]*b[8]-b[5]*b[6]) +
			b[2]*(b[3]*b[7]-b[4]*b[6])
	}
	panic("det: detPoly: order above 3")
}

// minorOf writes into dst the (m-1)×(m-1) matrix left when row i and column
// j are deleted from the row-major m×m matrix b.
func minorOf(dst, b []float64, m, i, j int) {
	k := 0
	for r := 0; r < m; r++ {
		if r == i {
			continue
		}
		for c := 0; c < m; c++ {
			if c == j {
				continue
			}
			dst[k] = b[r*m+c]
			k++
		}
	}
}

// cofPoly writes the cofactor matrix of the row-major m×m matrix b (m ≤ 4)
// into dst (row-major m×m): dst_ij = (−1)^(i+j) det(b without row i, col j).
func cofPoly(dst, b []float64, m int) {
	switch m {
	case 0:
		return
	case 1:
		dst[0] = 1
		return
	case 2:
		dst[0], dst[1], dst[2], dst[3] = b[3], 0-b[2], 0-b[1], b[0] // 0−x: no −0
		return
	}
	var minor [9]float64
	for i := 0; i < m; i++ {
		for j := 0; j < m; j++ {
			minorOf(minor[:], b, m, i, j)
			v := detPoly(m-1, minor[:])
			if (i+j)%2 == 1 {
				v = 0 - v
			}
			dst[i*m+j] = v
		}
	}
}

// cofDerivPoly writes into dst the derivative of the cofactor matrix of the
// row-major m×m matrix b (m ≤ 4) in the direction e: dst_ij is
// (−1)^(i+j) times the derivative of the (i,j) minor's determinant, which is
// the inner product of the minor's cofactor matrix with the same minor of e.
func cofDerivPoly(dst, b, e []float64, m int) {
	var mb, me, cm [9]float64
	for i := 0; i < m; i++ {
		for j := 0; j < m; j++ {
			minorOf(mb[:], b, m, i, j)
			minorOf(me[:], e, m, i, j)
			k := (m - 1) * (m - 1)
			cofPoly(cm[:], mb[:], m-1)
			var v float64
			for p := 0; p < k; p++ {
				v += cm[p] * me[p]
			}
			if (i+j)%2 == 1 {
				v = 0 - v
			}
			dst[i*m+j] = v
		}
	}
}

// luSmall computes in place the LU factorization with partial pivoting of the
// row-major n×n matrix a, as LAPACK's Getrf does: row k was swapped with row
// piv[k], L is unit lower triangular below the diagonal and U is on and
// above it. A zero pivot leaves its column as it is and the factorization
// goes on.
func luSmall(a []float64, piv []int, n int) {
	for k := 0; k < n; k++ {
		p := k
		for i := k + 1; i < n; i++ {
			if abs(a[i*n+k]) > abs(a[p*n+k]) {
				p = i
			}
		}
		piv[k] = p
		if p != k {
			for j := 0; j < n; j++ {
				a[k*n+j], a[p*n+j] = a[p*n+j], a[k*n+j]
			}
		}
		d := a[k*n+k]
		if d == 0 {
			continue
		}
		for i := k + 1; i < n; i++ {
			l := a[i*n+k] / d
			a[i*n+k] = l
			for j := k + 1; j < n; j++ {
				a[i*n+j] -= l * a[k*n+j]
			}
		}
	}
}

// invSmall writes A⁻¹ into dst from the factorization of luSmall, whose
// pivots must all be nonzero.
func invSmall(dst, lu []float64, piv []int, n int) {
	// Start from P·I: apply the row swaps to the identity.
	for i := range dst[:n*n] {
		dst[i] = 0
	}
	for i := 0; i < n; i++ {
		dst[i*n+i] = 1
	}
	for k := 0; k < n; k++ {
		if p := piv[k]; p != k {
			for j := 0; j < n; j++ {
				dst[k*n+j], dst[p*n+j] = dst[p*n+j], dst[k*n+j]
			}
		}
	}
	// Solve L·Y = P·I, then U·X = Y, column by column.
	for j := 0; j < n; j++ {
		for i := 0; i < n; i++ {
			s := dst[i*n+j]
			for k := 0; k < i; k++ {
				s -= lu[i*n+k] * dst[k*n+j]
			}
			dst[i*n+j] = s
		}
		for i := n - 1; i >= 0; i-- {
			s := dst[i*n+j]
			for k := i + 1; k < n; k++ {
				s -= lu[i*n+k] * dst[k*n+j]
			}
			dst[i*n+j] = s / lu[i*n+i]
		}
	}
}

// norm1 returns the 1-norm (largest absolute column sum) of the row-major
// n×n matrix a.
func norm1(a []float64, n int) float64 {
	var m float64
	for j := 0; j < n; j++ {
		var s float64
		for i := 0; i < n; i++ {
			s += abs(a[i*n+j])
		}
		m = max(m, s)
	}
	return m
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
