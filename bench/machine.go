package main

import (
	"fmt"
	"runtime"
	"strings"
	"time"

	"github.com/matcalc/matcalc/kernels"
)

func init() {
	register(section{name: "machine", doc: "CPU, features, kernel path and why, caches, measured FMA peak", run: runMachine})
}

func runMachine(r *runner) error {
	in := kernels.CPUInfo()
	d := 300 * time.Millisecond
	if r.cfg.quick {
		d = 20 * time.Millisecond
	}
	r.progress("measuring the FMA peak")
	r.peak = kernels.PeakGFLOPS(d)
	r.record(result{Name: "fma_peak", Impl: in.Path.String(), Threads: 1, GFLOPS: r.peak,
		NsPerOp: 0})
	if r.cfg.json {
		return nil
	}
	r.progressDone()
	fmt.Fprintf(r.stdout, "matcalc benchmark harness, %s\n\n", time.Now().UTC().Format("2006-01-02 15:04 MST"))
	fmt.Fprintln(r.stdout, in)
	fmt.Fprintf(r.stdout, "GOMAXPROCS:  %d (threads measured: %v)\n", runtime.GOMAXPROCS(0), r.cfg.threads)
	fmt.Fprintf(r.stdout, "FMA peak:    %.1f GFLOP/s per core, measured by %s's FMA loop\n", r.peak, in.Path)
	if in.Path == kernels.Generic {
		fmt.Fprintln(r.stdout, "             (the generic path measures scalar math.FMA: a floor, not the vector peak)")
	}
	if !strings.Contains(strings.Join(in.Features, " "), "fma") && in.Arch == "amd64" {
		fmt.Fprintln(r.stdout, "             (this CPU has no FMA)")
	}
	return nil
}
