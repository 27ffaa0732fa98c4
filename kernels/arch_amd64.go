//go:build amd64 && gc && !purego

package kernels

import (
	"golang.org/x/sys/cpu"

	"github.com/matcalc/matcalc/kernels/amd64"
	"github.com/matcalc/matcalc/kernels/generic"
)

// hasAVX2FMA reports whether the CPU has AVX2 and FMA3 and the OS saves the
// YMM registers (x/sys/cpu folds the OSXSAVE check into HasAVX2).
var hasAVX2FMA = cpu.X86.HasAVX2 && cpu.X86.HasFMA

// archImpls returns the assembly implementations this CPU runs, best first.
func archImpls() []*impl {
	var ims []*impl
	if hasAVX2FMA {
		ims = append(ims, &impl{path: AVX2, gemm: avx2Gemm, kron: true, peak: avx2Peak, level2: avx2Level2})
	}
	return ims
}

func archFeatures() []string {
	var fs []string
	for _, f := range []struct {
		name string
		has  bool
	}{
		{"sse2", cpu.X86.HasSSE2}, {"avx", cpu.X86.HasAVX}, {"avx2", cpu.X86.HasAVX2},
		{"fma", cpu.X86.HasFMA}, {"avx512f", cpu.X86.HasAVX512F},
	} {
		if f.has {
			fs = append(fs, f.name)
		}
	}
	return fs
}

// avx2Limits bound the cache blocks of the AVX2 microkernel. On Zen 3/4
// (32 KiB L1d, 512 KiB-1 MiB L2) they give about kc 256, mc 144-192, as BLIS
// and OpenBLAS choose for these cores.
var avx2Limits = blockLimits{kcMin: 128, kcMax: 384, mcMin: 48, mcMax: 384, ncMin: 512, ncMax: 4096}

// avx2Gemm is the AVX2+FMA 6×8 microkernel (the BLIS haswell shape) with
// its block sizes. The 4×12 kernel (the OpenBLAS Zen shape) is generated too;
// on Zen 4 the 6×8 one measured 2-4% faster at n = 64 and 512.
var avx2Gemm = newGemmKernel(6, 8, amd64.Kernel6x8, amd64.Kernel6x8Strided, avx2Limits)

// avx2Peak is the AVX2 FMA throughput loop: 12 chains of 4-wide FMAs.
var avx2Peak = &peakLoop{loop: func(n int) float64 { return amd64.FMAPeak(n, peakX) }, flops: 96}

// avx2Level2 holds the AVX2+FMA matrix-vector kernels: four rows of A per
// step, eight columns per iteration, masked loads and stores at the ends of
// rows. The strided scaling is Go: its speed is in the order of its memory
// accesses, not in arithmetic.
var avx2Level2 = &level2Kernels{
	gemvN: amd64.GemvN, gemvT: amd64.GemvT, ger: amd64.Ger,
	maxAbs: amd64.MaxAbs, scalInc: generic.ScalInc,
}
