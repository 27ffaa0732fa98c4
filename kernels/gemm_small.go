package kernels

// smallMaxVolume is the largest m·n·k that gemmSerial computes without
// packing (when k ≤ kc and the architecture has a strided microkernel): the
// operands then sit in L2 and packing them would cost more than it saves.
// On Zen 4 the unpacked path was 10-60% faster for squares up to 256 but
// 2-3× slower once A outgrows L1 while B is wide (1024×1024×64, where every
// strip of B rereads all of A and rows of B a power-of-two stride apart
// collide in L1); 160³ keeps it to products where it wins.
var smallMaxVolume = 160 * 160 * 160

// gemmSmall adds alpha * op(A) * op(B) to C for k ≤ g.kc without packing:
// g.strided reads the tiles of A and B where they lie. Only the last partial
// strips (fewer than mr rows of op(A), fewer than nr columns of op(B)) are
// copied into zero-padded panels, and op(B) is packed whole when B is
// transposed, because the kernel loads rows of op(B) as vectors. Only the
// tiles of C that meet tri are computed, and only its elements are written.
func gemmSmall(g *gemmKernel, buf *gemmBuffers, tri triangle, aTrans, bTrans bool, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	mr, nr := g.mr, g.nr
	strided := g.strided
	buf.tile = grow(buf.tile, mr*nr)
	tile := buf.tile
	if bTrans {
		buf.b = grow(buf.b, k*roundUp(n, nr))
		packB(buf.b, true, b, ldb, 0, 0, k, n, nr)
	} else if n%nr != 0 {
		buf.b = grow(buf.b, k*nr)
	}
	mFull := m / mr * mr
	if mFull < m {
		buf.a = grow(buf.a, k*mr)
		packA(buf.a, aTrans, a, lda, mFull, 0, m-mFull, k, mr)
	}
	rsa, csa := lda, 1
	if aTrans {
		rsa, csa = 1, lda
	}
	for jr := 0; jr < n; jr += nr {
		nw := min(nr, n-jr)
		bp, rsb := b[jr:], ldb
		switch {
		case bTrans:
			bp, rsb = buf.b[jr*k:], nr
		case nw < nr:
			packB(buf.b, false, b, ldb, 0, jr, k, nw, nr)
			bp, rsb = buf.b, nr
		}
		raceReadTile(bp, k, nr, rsb)
		for ir := 0; ir < m; ir += mr {
			mw := min(mr, m-ir)
			if tri.outside(ir, mw, jr, nw) {
				continue
			}
			ap, ars, acs := buf.a, 1, mr
			if mw == mr {
				ap, ars, acs = a[ir*rsa:], rsa, csa
			}
			if raceEnabled {
				if ars == 1 {
					raceReadTile(ap, k, mr, acs)
				} else {
					raceReadTile(ap, mr, k, ars)
				}
			}
			if mw == mr && nw == nr && tri.inside(ir, mr, jr, nr) {
				ct := c[ir*ldc+jr : (ir+mr-1)*ldc+jr+nr]
				raceWriteTile(ct, mr, nr, ldc)
				strided(k, alpha, ap, ars, acs, bp, rsb, ct, ldc)
				continue
			}
			clear(tile)
			raceWriteTile(tile, mr, nr, nr)
			strided(k, alpha, ap, ars, acs, bp, rsb, tile, nr)
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

// narrowMaxN and narrowMaxNTrans are the widest op(B) for which gemmSerial
// leaves A unpacked (gemmNarrow) when the architecture has a strided
// microkernel, for A as stored and transposed: packing A costs a copy of
// every element of A for only 2n flops per element. On Zen 4 the unpacked
// path was 10-80% faster for n ≤ 128 with A as stored, but with A
// transposed (each of the mr values of a k step in its own cache line) only
// for n ≤ 32.
var narrowMaxN, narrowMaxNTrans = 128, 32

// gemmNarrow adds alpha * op(A) * op(B) to C for a narrow op(B) (n ≤
// narrowMaxN): for each kc-deep panel it packs op(B) whole (kc×n stays in
// L2) and runs g.strided along each mr-row strip of op(A) where it lies,
// over all of the panel's micro-panels, so that the strip stays in L1.
func gemmNarrow(g *gemmKernel, buf *gemmBuffers, aTrans, bTrans bool, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	mr, nr := g.mr, g.nr
	strided := g.strided
	kc := balance(k, g.kc, 1)
	nPad := roundUp(n, nr)
	buf.b = grow(buf.b, kc*nPad)
	buf.a = grow(buf.a, kc*mr)
	buf.tile = grow(buf.tile, mr*nr)
	tile := buf.tile
	rsa, csa := lda, 1
	if aTrans {
		rsa, csa = 1, lda
	}
	mFull := m / mr * mr
	for pc := 0; pc < k; pc += kc {
		kb := min(kc, k-pc)
		packB(buf.b, bTrans, b, ldb, pc, 0, kb, n, nr)
		if mFull < m {
			packA(buf.a, aTrans, a, lda, mFull, pc, m-mFull, kb, mr)
		}
		for ir := 0; ir < m; ir += mr {
			mw := min(mr, m-ir)
			ap, ars, acs := buf.a, 1, mr
			if mw == mr {
				ap, ars, acs = a[ir*rsa+pc*csa:], rsa, csa
			}
			if raceEnabled {
				if ars == 1 {
					raceReadTile(ap, kb, mr, acs)
				} else {
					raceReadTile(ap, mr, kb, ars)
				}
			}
			for jr := 0; jr < n; jr += nr {
				nw := min(nr, n-jr)
				bp := buf.b[jr*kb : jr*kb+kb*nr]
				if mw == mr && nw == nr {
					ct := c[ir*ldc+jr : (ir+mr-1)*ldc+jr+nr]
					raceWriteTile(ct, mr, nr, ldc)
					strided(kb, alpha, ap, ars, acs, bp, nr, ct, ldc)
					continue
				}
				clear(tile)
				raceWriteTile(tile, mr, nr, nr)
				strided(kb, alpha, ap, ars, acs, bp, nr, tile, nr)
				for i := 0; i < mw; i++ {
					ci := c[(ir+i)*ldc+jr : (ir+i)*ldc+jr+nw]
					for j, v := range tile[i*nr : i*nr+nw] {
						ci[j] += v
					}
				}
			}
		}
	}
}
