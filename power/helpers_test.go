package power

import (
	"math"
	"sync"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/blas/gonum"
	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/check"
)

// maxAbs returns ‖a‖_∞, the largest absolute row sum of a, at least tiny.
func maxAbs(a mat.Matrix) float64 {
	return math.Max(mat.Norm(a, math.Inf(1)), 1e-300)
}

// relDiff returns ‖got − want‖_∞ / ‖want‖_∞.
func relDiff(got, want mat.Matrix) float64 {
	var d mat.Dense
	d.Sub(got, want)
	return mat.Norm(&d, math.Inf(1)) / maxAbs(want)
}

// fdTol bounds the tolerance of every finite-difference check: check
// derives the tolerance from the estimated error of the differences (four
// times it, floored at 1e-10), and with MaxRefErr = fdTol/4 a reference too
// inaccurate for a tolerance of fdTol fails the check as inconclusive.
const fdTol = 1e-7

// fdOpts are the options of every finite-difference check.
var fdOpts = &check.Options{MaxRefErr: fdTol / 4}

// block returns the block matrix with blocks b[i][j]; a nil block is zero.
// Every block is n×n.
func block(n int, b [][]mat.Matrix) *mat.Dense {
	m := len(b)
	out := mat.NewDense(m*n, m*n, nil)
	for i, row := range b {
		for j, x := range row {
			if x != nil {
				out.Slice(i*n, (i+1)*n, j*n, (j+1)*n).(*mat.Dense).Copy(x)
			}
		}
	}
	return out
}

// sub returns a copy of block (i, j) of the n×n blocks of a.
func sub(a *mat.Dense, n, i, j int) *mat.Dense {
	return mat.DenseCopyOf(a.Slice(i*n, (i+1)*n, j*n, (j+1)*n))
}

// counter is a BLAS that counts its Level 3 calls and otherwise is gonum's.
type counter struct {
	gonum.Implementation
	mu         sync.Mutex
	gemm, trsm int
	tt         int // GEMMs with both operands transposed, slow in gonum's BLAS
}

func (c *counter) Dgemm(tA, tB blas.Transpose, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, cc []float64, ldc int) {
	c.mu.Lock()
	c.gemm++
	if tA != blas.NoTrans && tB != blas.NoTrans {
		c.tt++
	}
	c.mu.Unlock()
	c.Implementation.Dgemm(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, cc, ldc)
}

func (c *counter) Dtrsm(s blas.Side, ul blas.Uplo, tA blas.Transpose, d blas.Diag, m, n int, alpha float64, a []float64, lda int, b []float64, ldb int) {
	c.mu.Lock()
	c.trsm++
	c.mu.Unlock()
	c.Implementation.Dtrsm(s, ul, tA, d, m, n, alpha, a, lda, b, ldb)
}

// counting installs a counting BLAS until the returned function is called.
func counting() (*counter, func()) {
	old := blas64.Implementation()
	c := &counter{}
	blas64.Use(c)
	return c, func() { blas64.Use(old) }
}

// reset zeroes the counts.
func (c *counter) reset() {
	c.mu.Lock()
	c.gemm, c.trsm, c.tt = 0, 0, 0
	c.mu.Unlock()
}

// mustPanic calls f and returns the panic message, or "" if f did not panic.
func mustPanic(f func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg, _ = r.(string)
			if msg == "" {
				msg = "non-string panic"
			}
		}
	}()
	f()
	return ""
}
