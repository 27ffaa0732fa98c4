package kernels

import (
	"runtime"

	"gonum.org/v1/gonum/blas"
)

// dtrmm computes B = alpha·op(A)·B (Left, A m×m) or B = alpha·B·op(A)
// (Right, A n×n) for the triangular A stored in its ul triangle (unit
// diagonal if d is blas.Unit), as one product on the blocked GEMM's loop
// nest with a triangular operand (see shape): B is copied to a pooled buffer
// (O(m·n) against O(m·n·k) flops) and overwritten by the product, whose
// packing zeroes the other triangle of op(A) and whose microkernel calls
// skip its zero rows or columns, so that it costs the flops of the triangle
// only. Large products are split across up to GOMAXPROCS goroutines along
// the dimension of B that op(A) does not touch. The arguments are valid and
// the path has a GEMM microkernel.
func dtrmm(g *gemmKernel, s blas.Side, ul blas.Uplo, tA blas.Transpose, d blas.Diag, m, n int, alpha float64, a []float64, lda int, b []float64, ldb int) {
	tri := blas.Upper
	if lowerOp(ul, tA) {
		tri = blas.Lower
	}
	bp := symBuffers.Get().(*[]float64)
	t := grow(*bp, m*n)
	for i := 0; i < m; i++ {
		copy(t[i*n:i*n+n], b[i*ldb:i*ldb+n])
		clear(b[i*ldb : i*ldb+n])
	}
	trans := tA != blas.NoTrans
	sh := general
	// The split runs along the free dimension: columns of B on the left,
	// rows on the right, so that op(A) stays whole in every block.
	pm, pn := 1, min(runtime.GOMAXPROCS(0), (n+g.nr-1)/g.nr)
	if s == blas.Right {
		pm, pn = min(runtime.GOMAXPROCS(0), (m+g.mr-1)/g.mr), 1
	}
	k := m
	if s == blas.Right {
		k = n
	}
	if m*n*k < parallelMinVolume {
		pm, pn = 1, 1
	}
	buf := gemmPool.Get().(*gemmBuffers)
	switch {
	case s == blas.Left:
		sh.a, sh.aUnit = tri, d == blas.Unit
		if pm*pn > 1 {
			gemmParallel(g, pm, pn, sh, trans, false, m, n, m, alpha, a, lda, t, n, b, ldb)
		} else {
			gemmSerial(g, buf, sh, trans, false, m, n, m, alpha, a, lda, t, n, b, ldb)
		}
	default:
		sh.b, sh.bUnit = tri, d == blas.Unit
		if pm*pn > 1 {
			gemmParallel(g, pm, pn, sh, false, trans, m, n, n, alpha, t, n, a, lda, b, ldb)
		} else {
			gemmSerial(g, buf, sh, false, trans, m, n, n, alpha, t, n, a, lda, b, ldb)
		}
	}
	gemmPool.Put(buf)
	*bp = t
	symBuffers.Put(bp)
}
