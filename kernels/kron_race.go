//go:build (amd64 || arm64) && gc && !purego && race

package kernels

import (
	"runtime"
	"unsafe"
)

// kronRace tells the race detector what the assembly of KronMode reads (a,
// x) and writes (y); it cannot see inside assembly.
func kronRace(a, x, y []float64) {
	if len(a) > 0 {
		runtime.RaceReadRange(unsafe.Pointer(&a[0]), len(a)*8)
	}
	if len(x) > 0 {
		runtime.RaceReadRange(unsafe.Pointer(&x[0]), len(x)*8)
	}
	if len(y) > 0 {
		runtime.RaceWriteRange(unsafe.Pointer(&y[0]), len(y)*8)
	}
}
