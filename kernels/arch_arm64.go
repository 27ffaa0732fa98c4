//go:build arm64 && gc && !purego

package kernels

import (
	"github.com/klauspost/cpuid/v2"
	"golang.org/x/sys/cpu"

	"github.com/matcalc/matcalc/kernels/arm64"
)

// archImpls returns the assembly implementations this CPU runs, best first.
// NEON (ASIMD) is baseline on arm64.
func archImpls() []*impl {
	var ims []*impl
	if cpu.ARM64.HasASIMD && neonGemm != nil {
		ims = append(ims, &impl{path: NEON, gemm: neonGemm, kron: true})
	}
	return ims
}

func archFeatures() []string {
	var fs []string
	for _, f := range []struct {
		name string
		has  bool
	}{
		{"asimd", cpu.ARM64.HasASIMD}, {"fp", cpu.ARM64.HasFP}, {"sve", cpu.ARM64.HasSVE},
	} {
		if f.has {
			fs = append(fs, f.name)
		}
	}
	return fs
}

// neonGemm is the NEON microkernel with its block sizes. It is a package
// variable initialiser, so it is set before the dispatch's init runs.
var neonGemm = newNEONGemm(cpuid.CPU.Cache.L1D, cpuid.CPU.Cache.L2, cpuid.CPU.Cache.L3)

// Cache sizes assumed where cpuid reports none, as it does on arm64 Linux:
// the smallest of the cores matcalc targets. Cortex-A53/A55/A72 have 32 KiB
// of L1D and share 256 KiB–2 MiB of L2; Neoverse N1/V1/N2/V2 (Graviton 2–4,
// Ampere Altra) have 64 KiB and 1–2 MiB per core; Apple's cores more.
// Smaller blocks than a core could afford cost a few per cent; larger ones
// than it has cost far more, so the floors are the small cores' sizes.
const (
	neonL1Floor = 32 << 10
	neonL2Floor = 256 << 10
	neonL3Floor = 2 << 20
)

// newNEONGemm returns the NEON microkernel with block sizes for caches of
// l1, l2 and l3 bytes per core (≤ 0 where unknown), BLIS-style:
//
//	kc: a kc×NR micro-panel of B fills at most half of L1   (kc in [128, 512], a multiple of 8)
//	mc: an mc×kc block of A fills at most half of L2         (mc in [8·MR, 40·MR], a multiple of MR)
//	nc: a kc×nc panel of B fills at most a quarter of L3     (nc in [64·NR, 512·NR], a multiple of NR)
//
// With the floors (32 KiB, 256 KiB, 2 MiB) this gives kc=256, mc=60,
// nc=512; with Neoverse N1's 64 KiB and 1 MiB, kc=512, mc=126.
func newNEONGemm(l1, l2, l3 int) *gemmKernel {
	const mr, nr = arm64.MR, arm64.NR
	// clamp returns v clamped to [lo, hi] and rounded down to a multiple of
	// q; lo and hi are multiples of q.
	clamp := func(v, lo, hi, q int) int { return min(max(v, lo), hi) / q * q }
	l1 = cacheOr(l1, neonL1Floor)
	l2 = cacheOr(l2, neonL2Floor)
	l3 = cacheOr(l3, neonL3Floor)
	kc := clamp(l1/2/(nr*8), 128, 512, 8)
	mc := clamp(l2/2/(kc*8), 8*mr, 40*mr, mr)
	nc := clamp(l3/4/(kc*8), 64*nr, 512*nr, nr)
	return &gemmKernel{mr: mr, nr: nr, kern: arm64.DgemmKernel, mc: mc, kc: kc, nc: nc}
}
