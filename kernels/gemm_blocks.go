package kernels

import "github.com/klauspost/cpuid/v2"

// blockLimits is an architecture's table of cache block bounds for its
// microkernel; newGemmKernel derives the block sizes from the cache sizes
// cpuid reports and clamps them to these bounds, which also stand in for
// caches that cpuid cannot see (it reports -1 on arm64).
type blockLimits struct {
	kcMin, kcMax int // depth of a packed panel
	mcMin, mcMax int // rows of a packed block of A
	ncMin, ncMax int // columns of a packed panel of B
}

// newGemmKernel returns the gemmKernel of an mr×nr microkernel with cache
// block sizes for this machine:
//
//   - kc: a kc×nr micro-panel of B takes half of L1d, leaving room for the
//     micro-panels of A streaming through;
//   - mc: an mc×kc block of A takes half of L2;
//   - nc: a kc×nc panel of B takes a quarter of L3 (shared by all cores).
//
// strided may be nil; see gemmKernel.
func newGemmKernel(mr, nr int, kern func(kc int, alpha float64, a, b, c []float64, ldc int),
	strided func(kc int, alpha float64, a []float64, rsa, csa int, b []float64, ldb int, c []float64, ldc int),
	lim blockLimits) *gemmKernel {
	l1 := cacheOr(cpuid.CPU.Cache.L1D, 32<<10)
	l2 := cacheOr(cpuid.CPU.Cache.L2, 256<<10)
	l3 := cacheOr(cpuid.CPU.Cache.L3, 4<<20)
	kc := clamp(l1/2/(8*nr)/8*8, lim.kcMin, lim.kcMax)
	mc := clamp(l2/2/(8*kc)/mr*mr, roundUp(lim.mcMin, mr), lim.mcMax/mr*mr)
	nc := clamp(l3/4/(8*kc)/nr*nr, roundUp(lim.ncMin, nr), lim.ncMax/nr*nr)
	return &gemmKernel{mr: mr, nr: nr, kern: kern, strided: strided, mc: mc, kc: kc, nc: nc}
}

func clamp(x, lo, hi int) int { return max(lo, min(x, hi)) }
