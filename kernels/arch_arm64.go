//go:build arm64 && gc && !purego

package kernels

import (
	"golang.org/x/sys/cpu"

	"github.com/matcalc/matcalc/kernels/arm64"
)

// archImpls returns the assembly implementations this CPU runs, best first.
// NEON (ASIMD) is baseline on arm64.
func archImpls() []*impl {
	var ims []*impl
	if cpu.ARM64.HasASIMD && neonGemm != nil {
		ims = append(ims, &impl{path: NEON, gemm: neonGemm, kron: true, peak: neonPeak})
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

// neonLimits bound the cache blocks of the NEON microkernel. cpuid reports
// no cache sizes on arm64, so newGemmKernel's floors (32 KiB L1d, 256 KiB
// L2, 4 MiB L3: the smallest of the cores matcalc targets, Cortex-A53/A55/
// A72) give kc = 256, mc = 60; a smaller block than a core could afford
// costs a few per cent, a larger one than it has costs far more. Neoverse
// N1/V1/N2/V2 (Graviton 2–4, Ampere Altra) have 64 KiB and 1–2 MiB per core.
var neonLimits = blockLimits{kcMin: 128, kcMax: 512, mcMin: 48, mcMax: 240, ncMin: 512, ncMax: 4096}

// neonGemm is the NEON 6×8 microkernel with its block sizes and its strided
// twin for the small-matrix path. It is a package variable initialiser, so
// it is set before the dispatch's init runs.
var neonGemm = newGemmKernel(arm64.MR, arm64.NR, arm64.DgemmKernel, arm64.DgemmKernelStrided, neonLimits)

// neonPeak is the NEON FMA throughput loop: 12 chains of 2-wide FMAs.
var neonPeak = &peakLoop{loop: func(n int) float64 { return arm64.FMAPeak(n, peakX) }, flops: 48}
