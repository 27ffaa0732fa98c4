//go:build arm64 && gc && !purego

package kernels

import "golang.org/x/sys/cpu"

// archImpls returns the assembly implementations this CPU runs, best first.
// NEON (ASIMD) is baseline on arm64.
func archImpls() []*impl {
	var ims []*impl
	if cpu.ARM64.HasASIMD && neonGemm != nil {
		ims = append(ims, &impl{path: NEON, gemm: neonGemm})
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

// neonGemm is the NEON microkernel with its block sizes; nil until the arm64
// assembly is linked in.
var neonGemm *gemmKernel
