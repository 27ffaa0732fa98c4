package kernels

import (
	"fmt"
	"math"
	"runtime"

	"gonum.org/v1/gonum/blas"
)

// Dgemmt computes one triangle of a product known to be symmetric, or of
// which only one triangle is wanted:
//
//	C = alpha * op(A) * op(B) + beta * C  on the ul triangle of C only
//
// where op(A) is n×k, op(B) is k×n and C is n×n, row-major, op as in Dgemm.
// The elements of C outside the ul triangle are neither read nor written.
// When beta is zero the triangle of C is not read. This is the dgemmt
// extension of MKL and OpenBLAS; it costs half a GEMM (plus a sliver along
// the diagonal, where the register tiles that the diagonal crosses are
// computed in full and written in part), on the blocked GEMM's loop nest
// with blocks and tiles outside the triangle skipped.
//
// Dgemmt panics, naming the shapes, if the arguments are inconsistent, as
// Dgemm does, or if ul is neither blas.Upper nor blas.Lower.
func Dgemmt(ul blas.Uplo, tA, tB blas.Transpose, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	if ul != blas.Upper && ul != blas.Lower {
		panic(fmt.Sprintf("kernels.Dgemmt: illegal triangle ul=%d", ul))
	}
	aTrans, bTrans := checkGemm("kernels.Dgemmt", tA, tB, n, n, k, len(a), lda, len(b), ldb, len(c), ldc)
	if n == 0 || ((alpha == 0 || k == 0) && beta == 1) {
		return
	}
	scaleTri(ul, n, beta, c, ldc)
	if alpha == 0 || k == 0 {
		return
	}
	tri := triangle{uplo: ul}
	g := active.Load().gemm
	if g == nil {
		gemmtGeneric(tri, aTrans, bTrans, n, n, k, alpha, a, lda, b, ldb, c, ldc)
		return
	}
	gemmtBlocked(g, ul, aTrans, bTrans, n, k, alpha, a, lda, b, ldb, c, ldc)
}

// triangle selects the elements of a block of C that a product computes:
// every element (uplo == blas.All), or those on and below (blas.Lower) or
// on and above (blas.Upper) the diagonal of the whole C. off is the row
// minus the column, in the whole C, of the block's element [0, 0], so that
// element [i, j] of the block lies on diagonal off+i−j.
type triangle struct {
	uplo blas.Uplo
	off  int
}

// whole is the triangle of a GEMM: every element.
var whole = triangle{uplo: blas.All}

// at returns the triangle of the sub-block whose element [0, 0] is element
// [i, j] of the block.
func (t triangle) at(i, j int) triangle { return triangle{t.uplo, t.off + i - j} }

// outside reports whether the r×c sub-block at [i, j] holds no element of
// the triangle.
func (t triangle) outside(i, r, j, c int) bool {
	switch t.uplo {
	case blas.Lower:
		return t.off+i+r-1 < j // its lowest diagonal is above the main one
	case blas.Upper:
		return t.off+i > j+c-1
	}
	return false
}

// inside reports whether every element of the r×c sub-block at [i, j] lies
// in the triangle.
func (t triangle) inside(i, r, j, c int) bool {
	switch t.uplo {
	case blas.Lower:
		return t.off+i >= j+c-1
	case blas.Upper:
		return t.off+i+r-1 <= j
	}
	return true
}

// cols returns the range [j0, j1) of the columns of row i, among the w
// columns from j on, that lie in the triangle, relative to j.
func (t triangle) cols(i, j, w int) (j0, j1 int) {
	d := t.off + i - j // the diagonal of element [i, j]
	switch t.uplo {
	case blas.Lower: // columns with d − jj ≥ 0
		return 0, max(0, min(w, d+1))
	case blas.Upper: // columns with d − jj ≤ 0
		return min(w, max(0, d)), w
	}
	return 0, w
}

// scaleTri computes C = beta * C on the ul triangle of the n×n C, writing
// zeros when beta is zero.
func scaleTri(ul blas.Uplo, n int, beta float64, c []float64, ldc int) {
	if beta == 1 {
		return
	}
	for i := 0; i < n; i++ {
		lo, hi := 0, i+1
		if ul == blas.Upper {
			lo, hi = i, n
		}
		ci := c[i*ldc+lo : i*ldc+hi]
		if beta == 0 {
			clear(ci)
			continue
		}
		for j := range ci {
			ci[j] *= beta
		}
	}
}

// gemmtBlocked adds alpha * op(A) * op(B) to the ul triangle of the n×n C
// (beta already applied) with g's microkernel, on up to GOMAXPROCS
// goroutines over bands of rows of equal area.
func gemmtBlocked(g *gemmKernel, ul blas.Uplo, aTrans, bTrans bool, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	procs := min(runtime.GOMAXPROCS(0), n*n*k/max(1, parallelMinVolume))
	if procs <= 1 {
		buf := gemmPool.Get().(*gemmBuffers)
		gemmSerial(g, buf, general.within(triangle{uplo: ul}), aTrans, bTrans, n, n, k, alpha, a, lda, b, ldb, c, ldc)
		gemmPool.Put(buf)
		return
	}
	ensureWorkers(procs - 1)
	job := gemmJobs.Get().(*gemmJob)
	if cap(job.tasks) < procs {
		job.tasks = make([]gemmTask, procs)
	}
	tasks := job.tasks[:procs]
	job.wg.Add(procs)
	tm := (n + g.mr - 1) / g.mr
	r0 := 0
	for p := range tasks {
		// Rows [r0, r1) of equal area: the lower triangle holds r²/2 elements
		// in its first r rows, the upper n·r − r²/2.
		f := float64(p+1) / float64(procs)
		x := math.Sqrt(f)
		if ul == blas.Upper {
			x = 1 - math.Sqrt(1-f)
		}
		r1 := min(n, int(math.Round(x*float64(tm)))*g.mr)
		if p == procs-1 {
			r1 = n
		}
		// The band's columns: [0, r1) below the diagonal, [r0, n) above.
		c0, c1 := 0, r1
		if ul == blas.Upper {
			c0, c1 = r0, n
		}
		tasks[p].setBlock(job, g, general.within(triangle{uplo: ul, off: r0 - c0}), aTrans, bTrans, r0, r1, c0, c1, k, alpha, a, lda, b, ldb, c, ldc)
		r0 = max(r0, r1)
	}
	runJob(job, tasks)
}

// gemmtGeneric adds alpha * op(A) * op(B) to the elements in tri of the m×n
// C on a path without a GEMM microkernel: blocks below or above the
// diagonal by gonum's Dgemm (faster than kernels/generic, see
// Implementation.Dgemm), found by halving, and small blocks the diagonal
// crosses by a loop.
func gemmtGeneric(tri triangle, aTrans, bTrans bool, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	if m == 0 || n == 0 || tri.outside(0, m, 0, n) {
		return
	}
	if tri.inside(0, m, 0, n) {
		native.Dgemm(transFlag(aTrans), transFlag(bTrans), m, n, k, alpha, a, lda, b, ldb, 1, c, ldc)
		return
	}
	if m <= 8 && n <= 8 {
		for i := 0; i < m; i++ {
			j0, j1 := tri.cols(i, 0, n)
			for j := j0; j < j1; j++ {
				var s float64
				for p := 0; p < k; p++ {
					s += a[opOff(transFlag(aTrans), i, p, lda)] * b[opOff(transFlag(bTrans), p, j, ldb)]
				}
				c[i*ldc+j] += alpha * s
			}
		}
		return
	}
	if m >= n {
		h := m / 2
		rows := opOff(transFlag(aTrans), h, 0, lda)
		gemmtGeneric(tri, aTrans, bTrans, h, n, k, alpha, a, lda, b, ldb, c, ldc)
		gemmtGeneric(tri.at(h, 0), aTrans, bTrans, m-h, n, k, alpha, a[rows:], lda, b, ldb, c[h*ldc:], ldc)
		return
	}
	h := n / 2
	cols := opOff(transFlag(bTrans), 0, h, ldb)
	gemmtGeneric(tri, aTrans, bTrans, m, h, k, alpha, a, lda, b, ldb, c, ldc)
	gemmtGeneric(tri.at(0, h), aTrans, bTrans, m, n-h, k, alpha, a, lda, b[cols:], ldb, c[h:], ldc)
}

func transFlag(t bool) blas.Transpose {
	if t {
		return blas.Trans
	}
	return blas.NoTrans
}
