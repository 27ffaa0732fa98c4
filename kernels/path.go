package kernels

import (
	"fmt"
	"strings"
)

// Path names one implementation of the kernels.
type Path int

// The paths. Available reports which of them this CPU runs.
const (
	// Generic is the pure-Go reference in kernels/generic. It runs
	// everywhere and is the oracle every other path is tested against.
	Generic Path = iota
	// AVX2 is the amd64 assembly for CPUs with AVX2 and FMA3.
	AVX2
	// NEON is the arm64 assembly (NEON is baseline on arm64).
	NEON

	numPaths
)

var pathNames = [numPaths]string{
	Generic: "generic",
	AVX2:    "avx2",
	NEON:    "neon",
}

// String returns the path's name as MATCALC_KERNEL spells it.
func (p Path) String() string {
	if p < 0 || p >= numPaths {
		return fmt.Sprintf("Path(%d)", int(p))
	}
	return pathNames[p]
}

// ParsePath returns the path named s (case-insensitive), as MATCALC_KERNEL
// spells it.
func ParsePath(s string) (Path, error) {
	for p, name := range pathNames {
		if strings.EqualFold(s, name) {
			return Path(p), nil
		}
	}
	return 0, fmt.Errorf("kernels: unknown path %q (valid: %s)", s, strings.Join(pathNames[:], ", "))
}

// Paths returns every path matcalc knows, whether or not this CPU runs it.
func Paths() []Path {
	ps := make([]Path, numPaths)
	for i := range ps {
		ps[i] = Path(i)
	}
	return ps
}
