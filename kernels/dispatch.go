package kernels

import (
	"fmt"
	"os"
	"strings"
	"sync/atomic"
)

// EnvVar is the environment variable that forces one path for a whole
// process, e.g. MATCALC_KERNEL=generic.
const EnvVar = "MATCALC_KERNEL"

// impl is one path's table of kernels. A nil gemm means the path multiplies
// with kernels/generic.
type impl struct {
	path Path
	gemm *gemmKernel // microkernel and block sizes for the shared framework
	kron bool        // KronMode runs kronModeArch (else kernels/generic)
	peak *peakLoop   // the widest FMA throughput loop; nil: scalar

	level2 *level2Kernels // Dgemv and Dger kernels; nil: gonum's own routines
}

var (
	// runnable lists, best first, the implementations this CPU runs. The
	// last entry is always generic.
	runnable []*impl
	// active is the implementation in use.
	active atomic.Pointer[impl]
	// reason says why the active path was chosen at init.
	reason string
)

func init() {
	runnable = append(archImpls(), &impl{path: Generic})
	best := runnable[0]
	reason = "best path this CPU supports"
	if len(runnable) == 1 {
		reason = "no assembly path for this CPU or build"
	}
	if s, ok := os.LookupEnv(EnvVar); ok && s != "" {
		p, err := ParsePath(s)
		switch {
		case err != nil:
			fmt.Fprintf(os.Stderr, "matcalc: %s=%q is not a kernel path (valid: %s); using %s\n",
				EnvVar, s, strings.Join(pathNames[:], ", "), best.path)
		case lookup(p) == nil:
			fmt.Fprintf(os.Stderr, "matcalc: %s=%s is not supported on this CPU or build (available: %s); using %s\n",
				EnvVar, p, pathList(Available()), best.path)
		default:
			best = lookup(p)
			reason = "forced by " + EnvVar + "=" + s
		}
	}
	active.Store(best)
}

func lookup(p Path) *impl {
	for _, im := range runnable {
		if im.path == p {
			return im
		}
	}
	return nil
}

func pathList(ps []Path) string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = p.String()
	}
	return strings.Join(s, ", ")
}

// Current returns the path in use.
func Current() Path { return active.Load().path }

// Available returns the paths this CPU and build can run, best first.
// Generic is always last.
func Available() []Path {
	ps := make([]Path, len(runnable))
	for i, im := range runnable {
		ps[i] = im.path
	}
	return ps
}

// Supported reports whether this CPU and build can run path p.
func Supported(p Path) bool { return lookup(p) != nil }

// Use makes p the path in use and returns a function that restores the
// previous one, for tests and benchmarks:
//
//	defer kernels.Use(kernels.Generic)()
//
// Use panics if this CPU or build cannot run p. It is not meant to be called
// while other goroutines are calling kernels.
func Use(p Path) (restore func()) {
	im := lookup(p)
	if im == nil {
		panic(fmt.Sprintf("kernels.Use: path %s is not supported on this CPU or build (available: %s)",
			p, pathList(Available())))
	}
	prev := active.Swap(im)
	return func() { active.Store(prev) }
}
