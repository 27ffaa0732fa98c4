package kernels

import (
	"sync"

	"gonum.org/v1/gonum/blas"
)

// The blocked GEMM, shared by every architecture, in the files gemm*.go:
//
//   - gemm.go: the microkernel contract (gemmKernel) and the Goto/BLIS loop
//     nest: jc over nc columns of C, pc over kc-deep panels (B packed once
//     per panel), ic over mc rows (A packed per block), then the macro-kernel
//     over mr×nr register tiles; partial tiles go through a scratch tile.
//   - gemm_pack.go: packing of A and B into zero-padded micro-panels.
//   - gemm_small.go: the small-matrix path that packs nothing.
//   - gemm_parallel.go: the split of C into independent blocks and the pool
//     of worker goroutines that computes them.
//   - gemmt.go: the same loop nest restricted to one triangle of a square C
//     (Dgemmt, and Dsyrk and Dsyr2k on it).
//   - gemm_blocks.go: cache block sizes from cpuid's cache sizes.
//
// An architecture supplies a microkernel (and optionally its strided twin)
// and a table of block limits: see arch_amd64.go.

// gemmKernel is one architecture's GEMM microkernel and its block sizes: the
// only per-architecture part of the blocked GEMM, as in BLIS. Everything
// around it (packing, cache blocking, edge tiles, threading) is the shared Go
// framework in the kernels/gemm*.go files.
type gemmKernel struct {
	// mr×nr is the register tile.
	mr, nr int
	// kern is the microkernel. It computes, for i < mr and j < nr,
	//
	//	c[i*ldc+j] += alpha * Σ_{p<kc} a[p*mr+i] * b[p*nr+j]
	//
	// where a is a packed micro-panel of A (kc columns of mr values) and b a
	// packed micro-panel of B (kc rows of nr values). kc ≥ 1. The kernel
	// always runs a full tile: packed panels are zero-padded at the edges and
	// the framework passes a scratch mr×nr tile (ldc = nr) for partial tiles
	// of C. It must not write outside the mr rows of nr values of c.
	kern func(kc int, alpha float64, a, b, c []float64, ldc int)
	// strided, if not nil, is the same microkernel reading A and B in place,
	// for the small-matrix path that does not pack (gemmSmall): it computes
	//
	//	c[i*ldc+j] += alpha * Σ_{p<kc} a[i*rsa+p*csa] * b[p*ldb+j]
	//
	// for i < mr and j < nr. An architecture without one packs every product.
	strided func(kc int, alpha float64, a []float64, rsa, csa int, b []float64, ldb int, c []float64, ldc int)
	// mc, kc and nc are the cache block sizes: a packed mc×kc block of A stays
	// in L2, a kc×nr micro-panel of B in L1, a kc×nc panel of B in L3.
	// mc is a multiple of mr and nc a multiple of nr. newGemmKernel derives
	// them from the cache sizes; tests may set them directly.
	mc, kc, nc int
}

// gemmBuffers holds the packing buffers of one goroutine. A calling
// goroutine takes its buffers from a pool and each worker goroutine keeps
// its own, so that steady-state calls do not allocate.
type gemmBuffers struct {
	a, b []float64
	tile []float64
}

var gemmPool = sync.Pool{New: func() any { return new(gemmBuffers) }}

func grow(s []float64, n int) []float64 {
	if cap(s) < n {
		return make([]float64, n)
	}
	return s[:n]
}

// gemmBlocked adds alpha * op(A) * op(B) to C with the Goto/BLIS loop nest
// around g's microkernel. op(A) is m×k, op(B) is k×n, all row-major; beta has
// already been applied to C. Large products are split into independent
// blocks of C that run on up to GOMAXPROCS goroutines.
func gemmBlocked(g *gemmKernel, aTrans, bTrans bool, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	if pm, pn := gemmSplit(g, m, n, k); pm*pn > 1 {
		gemmParallel(g, pm, pn, general, aTrans, bTrans, m, n, k, alpha, a, lda, b, ldb, c, ldc)
		return
	}
	buf := gemmPool.Get().(*gemmBuffers)
	gemmSerial(g, buf, general, aTrans, bTrans, m, n, k, alpha, a, lda, b, ldb, c, ldc)
	gemmPool.Put(buf)
}

// shape is the structure of a blocked product beyond its sizes: the
// elements of C it computes, and whether op(A) or op(B) is triangular.
type shape struct {
	c triangle
	// a is blas.All for a general op(A), or blas.Lower or blas.Upper for a
	// square triangular op(A) whose other triangle is read as zero (and its
	// diagonal as ones if aUnit): packing writes the zeros, and the
	// microkernel runs over the k range of each tile's nonzero columns only.
	// b and bUnit say the same of op(B).
	a, b         blas.Uplo
	aUnit, bUnit bool
}

// general is the shape of a GEMM.
var general = shape{c: whole, a: blas.All, b: blas.All}

// within returns the shape s computing the elements of C in t only.
func (s shape) within(t triangle) shape {
	s.c = t
	return s
}

// kRange returns the range [k0, k1), relative to pc, of the kb-deep slice
// of the product that can be nonzero for the rows [r, r+h) and columns
// [c, c+w) of C: the columns of a triangular op(A) that are not all zero in
// those rows, intersected with the rows of a triangular op(B) that are not
// all zero in those columns; all of [0, kb) for a GEMM.
func (s shape) kRange(r, h, c, w, pc, kb int) (k0, k1 int) {
	k0, k1 = 0, kb
	switch s.a {
	case blas.Lower: // op(A)[i, p] = 0 for p > i
		k1 = min(k1, r+h-pc)
	case blas.Upper: // op(A)[i, p] = 0 for p < i
		k0 = max(k0, r-pc)
	}
	switch s.b {
	case blas.Lower: // op(B)[p, j] = 0 for p < j
		k0 = max(k0, c-pc)
	case blas.Upper: // op(B)[p, j] = 0 for p > j
		k1 = min(k1, c+w-pc)
	}
	return k0, k1
}

// gemmSerial is gemmBlocked on the calling goroutine, packing into buf,
// for a product of shape sh (general for a GEMM): blocks of C outside its
// triangle, and blocks of a triangular op(A) or op(B) that are all zero, are
// neither packed nor computed. Small products without a triangular operand go to
// gemmSmall, which packs nothing, and general ones with a narrow op(B) to
// gemmNarrow, which does not pack A.
func gemmSerial(g *gemmKernel, buf *gemmBuffers, sh shape, aTrans, bTrans bool, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	tri := sh.c
	if g.strided != nil && sh.a == blas.All && sh.b == blas.All && k <= g.kc && m*n*k <= smallMaxVolume {
		gemmSmall(g, buf, tri, aTrans, bTrans, m, n, k, alpha, a, lda, b, ldb, c, ldc)
		return
	}
	if g.strided != nil && sh == general && (n <= narrowMaxN && !aTrans || n <= narrowMaxNTrans && aTrans) {
		gemmNarrow(g, buf, aTrans, bTrans, m, n, k, alpha, a, lda, b, ldb, c, ldc)
		return
	}
	mr, nr := g.mr, g.nr
	// Equal blocks rather than full ones and a remainder: k = kc+1 would
	// otherwise leave a 1-deep panel that pays a full pass over C.
	nc := balance(n, g.nc, nr)
	kc := balance(k, g.kc, 1)
	mc := balance(m, g.mc, mr)
	buf.b = grow(buf.b, kc*nc)
	buf.a = grow(buf.a, mc*kc)
	buf.tile = grow(buf.tile, mr*nr)
	for jc := 0; jc < n; jc += nc {
		nb := min(nc, n-jc)
		if tri.outside(0, m, jc, nb) {
			continue
		}
		for pc := 0; pc < k; pc += kc {
			kb := min(kc, k-pc)
			if k0, k1 := sh.kRange(0, m, jc, nb, pc, kb); k0 >= k1 {
				continue
			}
			packB(buf.b, bTrans, b, ldb, pc, jc, kb, nb, nr)
			if sh.b != blas.All {
				packTriangle(buf.b, sh.b, sh.bUnit, pc-jc, kb, nb, nr)
			}
			for ic := 0; ic < m; ic += mc {
				mb := min(mc, m-ic)
				if k0, k1 := sh.kRange(ic, mb, jc, nb, pc, kb); k0 >= k1 || tri.outside(ic, mb, jc, nb) {
					continue
				}
				packA(buf.a, aTrans, a, lda, ic, pc, mb, kb, mr)
				if sh.a != blas.All {
					// The transpose of op(A)'s block is a block of the other
					// triangle, packed alike.
					packTriangle(buf.a, other(sh.a), sh.aUnit, pc-ic, kb, mb, mr)
				}
				macroKernel(g, sh, ic, jc, pc, tri.at(ic, jc), mb, nb, kb, alpha, buf.a, buf.b, buf.tile, c[ic*ldc+jc:], ldc)
			}
		}
	}
}

// macroKernel runs the microkernel over the elements in tri of an mb×nb
// block of C from a packed mb×kb block of A and a packed kb×nb panel of B.
// Edge tiles, and tiles that the triangle's diagonal crosses, go through a
// scratch tile so that the microkernel always runs a full mr×nr tile; tiles
// outside the triangle are skipped. For a triangular op(A) or op(B) (the
// block is at row ic and column jc of C and depth pc) each tile runs over
// the k range that can be nonzero (shape.kRange).
func macroKernel(g *gemmKernel, sh shape, ic, jc, pc int, tri triangle, mb, nb, kb int, alpha float64, ap, bp, tile, c []float64, ldc int) {
	mr, nr := g.mr, g.nr
	kern := g.kern
	for jr := 0; jr < nb; jr += nr {
		nw := min(nr, nb-jr)
		bPanel := bp[jr*kb : jr*kb+kb*nr]
		for ir := 0; ir < mb; ir += mr {
			mw := min(mr, mb-ir)
			if tri.outside(ir, mw, jr, nw) {
				continue
			}
			k0, k1 := sh.kRange(ic+ir, mw, jc+jr, nw, pc, kb)
			if k0 >= k1 {
				continue
			}
			aPanel := ap[ir*kb+k0*mr : ir*kb+k1*mr]
			bTile := bPanel[k0*nr : k1*nr]
			if mw == mr && nw == nr && tri.inside(ir, mr, jr, nr) {
				ct := c[ir*ldc+jr : (ir+mr-1)*ldc+jr+nr]
				raceWriteTile(ct, mr, nr, ldc)
				kern(k1-k0, alpha, aPanel, bTile, ct, ldc)
				continue
			}
			clear(tile)
			raceWriteTile(tile, mr, nr, nr)
			kern(k1-k0, alpha, aPanel, bTile, tile, nr)
			for i := 0; i < mw; i++ {
				j0, j1 := tri.cols(ir+i, jr, nw)
				ci := c[(ir+i)*ldc+jr : (ir+i)*ldc+jr+nw]
				for j := j0; j < j1; j++ {
					ci[j] += tile[i*nr+j]
				}
			}
		}
	}
}

func roundUp(n, q int) int { return (n + q - 1) / q * q }

// balance returns the block size that splits n into the fewest blocks of at
// most about max, all of equal size rounded up to a multiple of q. The
// result exceeds max by less than q.
func balance(n, max, q int) int {
	blocks := (n + max - 1) / max
	return roundUp((n+blocks-1)/blocks, q)
}
