package kernels

import (
	"math"
	"sync"

	"gonum.org/v1/gonum/blas"
)

// Dgetf2 computes the LU factorization with partial pivoting of the m×n
// matrix A with the contract of gonum's Dgetf2 (and of Dgetrf: see there).
// It is unblocked: A is copied into a contiguous column-major buffer, where
// each column in turn is updated by the columns left of it (a triangular
// solve and one matrix-vector product along contiguous columns), searched
// for its pivot, interchanged and scaled, and the result is copied back.
// gonum's Dgetf2 does the same work down the columns of the row-major A,
// one cache line per element.
func (impl LAPACK) Dgetf2(m, n int, a []float64, lda int, ipiv []int) (ok bool) {
	mn := min(m, n)
	if m < 0 || n < 0 || lda < max(1, n) || mn == 0 || len(a) < (m-1)*lda+n || len(ipiv) != mn {
		// gonum's panics for invalid arguments, and its quick return.
		return impl.Implementation.Dgetf2(m, n, a, lda, ipiv)
	}
	return getf2(m, n, a, lda, ipiv)
}

// sfmin is the smallest normal float64, LAPACK's dlamch('S'): a pivot at
// least this large is inverted once and multiplied, a smaller one divides.
const sfmin = 0x1p-1022

// panelBuffers pools the column-major copies of getf2.
var panelBuffers = sync.Pool{New: func() any { return new([]float64) }}

// panelStride returns the column stride of the column-major copy of a strip
// with m rows: m rounded up to a whole number of cache lines, and to an odd
// number of them so that the columns, which the matrix-vector product reads
// side by side, fall into different L1 sets.
func panelStride(m int) int {
	lines := (m + 7) / 8
	if lines%2 == 0 {
		lines++
	}
	return 8 * lines
}

// getf2 factors the m×n matrix A (m, n ≥ 1) as Dgetf2 does, in a pooled
// column-major copy.
func getf2(m, n int, a []float64, lda int, ipiv []int) bool {
	ld := panelStride(m)
	bp := panelBuffers.Get().(*[]float64)
	p := grow(*bp, n*ld)
	packPanel(p, ld, a, lda, m, n)
	ok := panelLU(m, n, p, ld, ipiv)
	unpackPanel(a, lda, p, ld, m, n)
	*bp = p
	panelBuffers.Put(bp)
	return ok
}

// panelLU factors in place the m×n matrix P stored column-major (column j
// is p[j*ld : j*ld+m]) with partial pivoting, left-looking: column j is
// first brought up to date by the columns left of it, its rows above j by
// forward substitution with the unit lower triangle L[0:j, 0:j] and its rows
// from j down by the product L[j:m, 0:j]·U[0:j, j]; then its pivot is found,
// rows j and ipiv[j] are interchanged in all n columns, and L[j+1:m, j] is
// scaled by the pivot. Columns j ≥ m (a wide P) only get the substitution.
// panelLU returns false if a pivot was exactly zero; that column of L is
// then left unscaled and the factorization goes on, as in LAPACK.
func panelLU(m, n int, p []float64, ld int, ipiv []int) bool {
	k := active.Load().level2
	ok := true
	for j := 0; j < n; j++ {
		c := p[j*ld : j*ld+m]
		// U[0:r, j] = L[0:r, 0:r]⁻¹·A[0:r, j], column by column of L.
		r := min(j, m)
		for i := 0; i < r-1; i++ {
			// Short: a loop here is faster than a call.
			ci, u, l := c[i], c[i+1:r], p[i*ld+i+1:i*ld+r]
			for q := range u {
				u[q] -= ci * l[q]
			}
		}
		if j >= m {
			continue
		}
		if j > 0 {
			// A[j:m, j] −= L[j:m, 0:j]·U[0:j, j]: in the column-major
			// buffer L[j:m, 0:j] is the transpose of a row-major j×(m−j)
			// matrix with row stride ld.
			dgemv(k, blas.Trans, j, m-j, -1, p[j:], ld, c[:j], 1, 1, c[j:], 1)
		}
		jp := j + idamax(k, m-j, c[j:], 1)
		ipiv[j] = jp
		piv := c[jp]
		if piv == 0 {
			ok = false
			continue
		}
		if jp != j {
			for q := 0; q < n; q++ {
				col := p[q*ld:]
				col[j], col[jp] = col[jp], col[j]
			}
		}
		if j+1 < m {
			l := c[j+1:]
			if math.Abs(piv) >= sfmin {
				native.Dscal(len(l), 1/piv, l, 1)
			} else {
				for i := range l {
					l[i] /= piv
				}
			}
		}
	}
	return ok
}

// packPanel copies the m×n row-major A into p column-major with column
// stride ld: p[j*ld+i] = a[i*lda+j]. Four columns at a time, each row's
// four elements go to four sequential write streams.
func packPanel(p []float64, ld int, a []float64, lda, m, n int) {
	j := 0
	for ; j+4 <= n; j += 4 {
		c0, c1, c2, c3 := p[j*ld:j*ld+m], p[(j+1)*ld:(j+1)*ld+m], p[(j+2)*ld:(j+2)*ld+m], p[(j+3)*ld:(j+3)*ld+m]
		for i := range c0 {
			r := a[i*lda+j : i*lda+j+4]
			c0[i], c1[i], c2[i], c3[i] = r[0], r[1], r[2], r[3]
		}
	}
	for ; j < n; j++ {
		c := p[j*ld : j*ld+m]
		for i := range c {
			c[i] = a[i*lda+j]
		}
	}
}

// unpackPanel is the inverse of packPanel: a[i*lda+j] = p[j*ld+i].
func unpackPanel(a []float64, lda int, p []float64, ld, m, n int) {
	j := 0
	for ; j+4 <= n; j += 4 {
		c0, c1, c2, c3 := p[j*ld:j*ld+m], p[(j+1)*ld:(j+1)*ld+m], p[(j+2)*ld:(j+2)*ld+m], p[(j+3)*ld:(j+3)*ld+m]
		for i := range c0 {
			r := a[i*lda+j : i*lda+j+4]
			r[0], r[1], r[2], r[3] = c0[i], c1[i], c2[i], c3[i]
		}
	}
	for ; j < n; j++ {
		c := p[j*ld : j*ld+m]
		for i, v := range c {
			a[i*lda+j] = v
		}
	}
}

// axpy computes y += alpha·x for len(y) ≤ len(x) elements.
func axpy(alpha float64, x, y []float64) {
	if len(y) == 0 {
		return
	}
	native.Daxpy(len(y), alpha, x, 1, y, 1)
}
