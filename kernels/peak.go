package kernels

import (
	"math"
	"time"
)

// PeakGFLOPS measures, for about d, the double-precision FMA throughput of
// one core in GFLOP/s with the widest FMA the path in use issues: a loop of
// independent fused multiply-adds with no memory traffic, the ceiling that
// GEMM efficiency is read against. Run it with the machine otherwise idle.
func PeakGFLOPS(d time.Duration) float64 {
	var flopsPerCall float64
	var loop func(n int) float64
	if f := active.Load().peak; f != nil {
		loop, flopsPerCall = f.loop, f.flops
	} else {
		loop, flopsPerCall = scalarFMALoop, scalarFMAFlops
	}
	n := 1000
	loop(n) // warm up
	for {
		t0 := time.Now()
		loop(n)
		el := time.Since(t0)
		if el >= d {
			return flopsPerCall * float64(n) / el.Seconds() / 1e9
		}
		n *= 2
	}
}

// peakLoop is a path's FMA throughput loop: loop(n) runs n iterations of
// flops floating-point operations each and returns a value that depends on
// all of them, so that no compiler removes the work.
type peakLoop struct {
	loop  func(n int) float64
	flops float64
}

// peakX is the multiplicand of the assembly peak loops: x·x = 0.25 and its
// sums stay exact for any loop length a test uses.
const peakX = 0.5

// scalarFMAFlops is the work of one iteration of scalarFMALoop: 12
// independent FMAs of 2 flops.
const scalarFMAFlops = 24

// scalarFMALoop runs 12 independent chains of scalar fused multiply-adds,
// enough to cover the FMA latency of current cores.
func scalarFMALoop(n int) float64 {
	x0, x1, x2, x3, x4, x5 := 1.0, 1.1, 1.2, 1.3, 1.4, 1.5
	x6, x7, x8, x9, x10, x11 := 1.6, 1.7, 1.8, 1.9, 2.0, 2.1
	const a, b = 0.999999, 1e-9
	for range n {
		x0 = math.FMA(x0, a, b)
		x1 = math.FMA(x1, a, b)
		x2 = math.FMA(x2, a, b)
		x3 = math.FMA(x3, a, b)
		x4 = math.FMA(x4, a, b)
		x5 = math.FMA(x5, a, b)
		x6 = math.FMA(x6, a, b)
		x7 = math.FMA(x7, a, b)
		x8 = math.FMA(x8, a, b)
		x9 = math.FMA(x9, a, b)
		x10 = math.FMA(x10, a, b)
		x11 = math.FMA(x11, a, b)
	}
	return x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 + x11
}
