package kernels

import (
	"fmt"
	"runtime"
	"strings"

	"github.com/klauspost/cpuid/v2"
)

// Info describes the CPU, the path in use and why it was chosen.
type Info struct {
	Path      Path     // the path in use
	Reason    string   // why it was chosen at init
	Available []Path   // the paths this CPU and build run, best first
	CPU       string   // the CPU's brand name, where known
	Arch      string   // GOARCH
	Features  []string // the CPU features that matter to the kernels
	L1D       int      // L1 data cache per core in bytes, -1 if unknown
	L2        int      // L2 cache per core in bytes, -1 if unknown
	L3        int      // L3 cache in bytes, -1 if unknown
}

// CPUInfo returns what the dispatch knows about this machine.
func CPUInfo() Info {
	return Info{
		Path:      Current(),
		Reason:    reason,
		Available: Available(),
		CPU:       strings.TrimSpace(cpuid.CPU.BrandName),
		Arch:      runtime.GOARCH,
		Features:  archFeatures(),
		L1D:       cpuid.CPU.Cache.L1D,
		L2:        cpuid.CPU.Cache.L2,
		L3:        cpuid.CPU.Cache.L3,
	}
}

// String formats the information on a few lines.
func (in Info) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "kernel path: %s (%s)\n", in.Path, in.Reason)
	fmt.Fprintf(&b, "available:   %s\n", pathList(in.Available))
	cpu := in.CPU
	if cpu == "" {
		cpu = "unknown"
	}
	fmt.Fprintf(&b, "cpu:         %s (%s)\n", cpu, in.Arch)
	fmt.Fprintf(&b, "features:    %s\n", strings.Join(in.Features, " "))
	fmt.Fprintf(&b, "caches:      L1d %s, L2 %s, L3 %s", sizeString(in.L1D), sizeString(in.L2), sizeString(in.L3))
	return b.String()
}

func sizeString(n int) string {
	switch {
	case n <= 0:
		return "unknown"
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}

// cacheOr returns a cache size reported by cpuid, or floor when it is
// unknown or smaller (cpuid reports -1 on arm64).
func cacheOr(n, floor int) int { return max(n, floor) }
