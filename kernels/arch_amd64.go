//go:build amd64 && gc && !purego

package kernels

import "golang.org/x/sys/cpu"

// hasAVX2FMA reports whether the CPU has AVX2 and FMA3 and the OS saves the
// YMM registers (x/sys/cpu folds the OSXSAVE check into HasAVX2).
var hasAVX2FMA = cpu.X86.HasAVX2 && cpu.X86.HasFMA

// archImpls returns the assembly implementations this CPU runs, best first.
func archImpls() []*impl {
	var ims []*impl
	if hasAVX2FMA {
		ims = append(ims, &impl{path: AVX2, gemm: avx2Gemm, kron: true})
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

// avx2Gemm is the AVX2+FMA microkernel with its block sizes; nil until the
// amd64 assembly is linked in.
var avx2Gemm *gemmKernel
