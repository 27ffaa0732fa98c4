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
// transposed, because the kernel loads rows of op(B) as vectors.
func gemmSmall(g *gemmKernel, aTrans, bTrans bool, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	buf := gemmPool.Get().(*gemmBuffers)
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
			if mw == mr && nw == nr {
				ct := c[ir*ldc+jr : (ir+mr-1)*ldc+jr+nr]
				raceWriteTile(ct, mr, nr, ldc)
				strided(k, alpha, ap, ars, acs, bp, rsb, ct, ldc)
				continue
			}
			clear(tile)
			raceWriteTile(tile, mr, nr, nr)
			strided(k, alpha, ap, ars, acs, bp, rsb, tile, nr)
			for i := 0; i < mw; i++ {
				ci := c[(ir+i)*ldc+jr : (ir+i)*ldc+jr+nw]
				for j, v := range tile[i*nr : i*nr+nw] {
					ci[j] += v
				}
			}
		}
	}
	gemmPool.Put(buf)
}
