//go:build race

package kernels

import (
	"runtime"
	"unsafe"
)

// raceEnabled reports whether the race detector is on.
const raceEnabled = true

// raceWriteTile tells the race detector that assembly reads and writes the
// r×c tile of float64 at the start of s with row stride ld: the detector
// cannot see memory accesses made by assembly.
func raceWriteTile(s []float64, r, c, ld int) {
	for i := 0; i < r; i++ {
		runtime.RaceWriteRange(unsafe.Pointer(&s[i*ld]), c*8)
	}
}

// raceReadTile tells the race detector that assembly reads the r×c tile of
// float64 at the start of s with row stride ld.
func raceReadTile(s []float64, r, c, ld int) {
	for i := 0; i < r; i++ {
		runtime.RaceReadRange(unsafe.Pointer(&s[i*ld]), c*8)
	}
}
