//go:build amd64 && gc && !purego

package kernels

import (
	"golang.org/x/sys/cpu"

	"github.com/matcalc/matcalc/kernels/amd64"
)

// hasAVX2FMA reports whether the CPU has AVX2 and FMA3 and the OS saves the
// YMM registers (x/sys/cpu folds the OSXSAVE check into HasAVX2).
var hasAVX2FMA = cpu.X86.HasAVX2 && cpu.X86.HasFMA

// archImpls returns the assembly implementations this CPU runs, best first.
func archImpls() []*impl {
	var ims []*impl
	if hasAVX2FMA && avx2Gemm != nil {
		ims = append(ims, &impl{path: AVX2, gemm: avx2Gemm})
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

// avx2Gemm is the AVX2+FMA 4×12 microkernel with its block sizes.
var avx2Gemm = newGemmKernel(4, 12, amd64.Kernel4x12, avx2Limits)
