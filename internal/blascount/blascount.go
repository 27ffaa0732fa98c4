// Package blascount is a gonum BLAS that counts its Level 3 calls, for the
// tests that assert how many matrix products a derivative costs.
package blascount

import (
	"sync"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/blas/gonum"
)

// Counter counts Dgemm, Dtrmm and Dtrsm calls and otherwise is gonum's BLAS.
type Counter struct {
	gonum.Implementation
	mu sync.Mutex
	// Gemm, Trmm and Trsm count the calls of Dgemm, Dtrmm and Dtrsm; TT
	// counts the GEMMs with both operands transposed, slow in gonum's BLAS.
	Gemm, Trmm, Trsm, TT int
	// GemmFlops sums the flops of the products: 2·m·n·k for Dgemm, m·n·k
	// for Dtrmm (k the order of the triangle).
	GemmFlops float64
}

// Dgemm counts the call and computes it with gonum's Dgemm.
func (c *Counter) Dgemm(tA, tB blas.Transpose, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, cc []float64, ldc int) {
	c.mu.Lock()
	c.Gemm++
	c.GemmFlops += 2 * float64(m) * float64(n) * float64(k)
	if tA != blas.NoTrans && tB != blas.NoTrans {
		c.TT++
	}
	c.mu.Unlock()
	c.Implementation.Dgemm(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, cc, ldc)
}

// Dtrmm counts the call and computes it with gonum's Dtrmm.
func (c *Counter) Dtrmm(s blas.Side, ul blas.Uplo, tA blas.Transpose, d blas.Diag, m, n int, alpha float64, a []float64, lda int, b []float64, ldb int) {
	k := n
	if s == blas.Left {
		k = m
	}
	c.mu.Lock()
	c.Trmm++
	c.GemmFlops += float64(m) * float64(n) * float64(k)
	c.mu.Unlock()
	c.Implementation.Dtrmm(s, ul, tA, d, m, n, alpha, a, lda, b, ldb)
}

// Dtrsm counts the call and computes it with gonum's Dtrsm.
func (c *Counter) Dtrsm(s blas.Side, ul blas.Uplo, tA blas.Transpose, d blas.Diag, m, n int, alpha float64, a []float64, lda int, b []float64, ldb int) {
	c.mu.Lock()
	c.Trsm++
	c.mu.Unlock()
	c.Implementation.Dtrsm(s, ul, tA, d, m, n, alpha, a, lda, b, ldb)
}

// Reset zeroes the counts.
func (c *Counter) Reset() {
	c.mu.Lock()
	c.Gemm, c.Trmm, c.Trsm, c.TT, c.GemmFlops = 0, 0, 0, 0, 0
	c.mu.Unlock()
}

// Install makes a new Counter gonum's BLAS until the returned function is
// called.
func Install() (*Counter, func()) {
	old := blas64.Implementation()
	c := &Counter{}
	blas64.Use(c)
	return c, func() { blas64.Use(old) }
}
