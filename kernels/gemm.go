package kernels

import "sync"

// gemmKernel is one architecture's GEMM microkernel and its block sizes: the
// only per-architecture part of the blocked GEMM, as in BLIS.
type gemmKernel struct {
	// mr×nr is the register tile.
	mr, nr int
	// kern computes, for i < mr and j < nr,
	//
	//	c[i*ldc+j] += alpha * Σ_{p<kc} a[p*mr+i] * b[p*nr+j]
	//
	// where a is a packed micro-panel of A (kc columns of mr values) and b a
	// packed micro-panel of B (kc rows of nr values). kc ≥ 1.
	kern func(kc int, alpha float64, a, b, c []float64, ldc int)
	// mc, kc and nc are the cache block sizes: a packed mc×kc block of A stays
	// in L2, a kc×nr micro-panel of B in L1, a kc×nc panel of B in L3.
	// mc is a multiple of mr and nc a multiple of nr.
	mc, kc, nc int
}

// gemmBuffers holds the packing buffers of one goroutine; they are kept in a
// pool so that steady-state calls do not allocate.
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
// already been applied to C.
func gemmBlocked(g *gemmKernel, aTrans, bTrans bool, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	buf := gemmPool.Get().(*gemmBuffers)
	defer gemmPool.Put(buf)
	mr, nr := g.mr, g.nr
	nc := min(g.nc, roundUp(n, nr))
	kc := min(g.kc, k)
	mc := min(g.mc, roundUp(m, mr))
	buf.b = grow(buf.b, kc*nc)
	buf.a = grow(buf.a, mc*kc)
	buf.tile = grow(buf.tile, mr*nr)
	for jc := 0; jc < n; jc += nc {
		nb := min(nc, n-jc)
		for pc := 0; pc < k; pc += kc {
			kb := min(kc, k-pc)
			packB(buf.b, bTrans, b, ldb, pc, jc, kb, nb, nr)
			for ic := 0; ic < m; ic += mc {
				mb := min(mc, m-ic)
				packA(buf.a, aTrans, a, lda, ic, pc, mb, kb, mr)
				macroKernel(g, mb, nb, kb, alpha, buf.a, buf.b, buf.tile, c[ic*ldc+jc:], ldc)
			}
		}
	}
}

// macroKernel runs the microkernel over an mb×nb block of C from a packed
// mb×kb block of A and a packed kb×nb panel of B. Edge tiles go through a
// scratch tile so that the microkernel always runs a full mr×nr tile.
func macroKernel(g *gemmKernel, mb, nb, kb int, alpha float64, ap, bp, tile, c []float64, ldc int) {
	mr, nr := g.mr, g.nr
	for jr := 0; jr < nb; jr += nr {
		nw := min(nr, nb-jr)
		bPanel := bp[jr*kb : jr*kb+kb*nr]
		for ir := 0; ir < mb; ir += mr {
			mw := min(mr, mb-ir)
			aPanel := ap[ir*kb : ir*kb+kb*mr]
			if mw == mr && nw == nr {
				g.kern(kb, alpha, aPanel, bPanel, c[ir*ldc+jr:], ldc)
				continue
			}
			clear(tile)
			g.kern(kb, alpha, aPanel, bPanel, tile, nr)
			for i := 0; i < mw; i++ {
				ci := c[(ir+i)*ldc+jr : (ir+i)*ldc+jr+nw]
				for j, v := range tile[i*nr : i*nr+nw] {
					ci[j] += v
				}
			}
		}
	}
}

// packA copies op(A)[ic:ic+mb, pc:pc+kb] into dst as ⌈mb/mr⌉ micro-panels;
// micro-panel r holds dst[r*mr*kb + p*mr + i] = op(A)[ic+r*mr+i, pc+p], with
// zeros past row mb.
func packA(dst []float64, aTrans bool, a []float64, lda, ic, pc, mb, kb, mr int) {
	for ir := 0; ir < mb; ir += mr {
		mw := min(mr, mb-ir)
		panel := dst[ir*kb : ir*kb+kb*mr]
		if aTrans {
			// op(A)[i, p] = a[p*lda+i]: row p of a holds the panel's column p.
			for p := 0; p < kb; p++ {
				src := a[(pc+p)*lda+ic+ir : (pc+p)*lda+ic+ir+mw]
				col := panel[p*mr : p*mr+mr]
				copy(col, src)
				clear(col[mw:])
			}
			continue
		}
		for i := 0; i < mw; i++ {
			row := a[(ic+ir+i)*lda+pc : (ic+ir+i)*lda+pc+kb]
			for p, v := range row {
				panel[p*mr+i] = v
			}
		}
		for i := mw; i < mr; i++ {
			for p := 0; p < kb; p++ {
				panel[p*mr+i] = 0
			}
		}
	}
}

// packB copies op(B)[pc:pc+kb, jc:jc+nb] into dst as ⌈nb/nr⌉ micro-panels;
// micro-panel r holds dst[r*nr*kb + p*nr + j] = op(B)[pc+p, jc+r*nr+j], with
// zeros past column nb.
func packB(dst []float64, bTrans bool, b []float64, ldb, pc, jc, kb, nb, nr int) {
	for jr := 0; jr < nb; jr += nr {
		nw := min(nr, nb-jr)
		panel := dst[jr*kb : jr*kb+kb*nr]
		if !bTrans {
			for p := 0; p < kb; p++ {
				src := b[(pc+p)*ldb+jc+jr : (pc+p)*ldb+jc+jr+nw]
				row := panel[p*nr : p*nr+nr]
				copy(row, src)
				clear(row[nw:])
			}
			continue
		}
		// op(B)[p, j] = b[j*ldb+p]: row j of b holds the panel's column j.
		for j := 0; j < nw; j++ {
			col := b[(jc+jr+j)*ldb+pc : (jc+jr+j)*ldb+pc+kb]
			for p, v := range col {
				panel[p*nr+j] = v
			}
		}
		for j := nw; j < nr; j++ {
			for p := 0; p < kb; p++ {
				panel[p*nr+j] = 0
			}
		}
	}
}

func roundUp(n, q int) int { return (n + q - 1) / q * q }
