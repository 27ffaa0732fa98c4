//go:build arm64 && gc && !purego && race

package arm64

import (
	"runtime"
	"unsafe"
)

// raceKernel tells the race detector what DgemmKernel's assembly reads and
// writes: the packed panels, and MR rows of NR values of C (not the gaps
// between them, which other goroutines may own).
func raceKernel(kc int, a, b, c []float64, ldc int) {
	runtime.RaceReadRange(unsafe.Pointer(&a[0]), kc*MR*8)
	runtime.RaceReadRange(unsafe.Pointer(&b[0]), kc*NR*8)
	for i := 0; i < MR; i++ {
		p := unsafe.Pointer(&c[i*ldc])
		runtime.RaceReadRange(p, NR*8)
		runtime.RaceWriteRange(p, NR*8)
	}
}

// raceStrided tells the race detector what DgemmKernelStrided's assembly
// reads and writes: the spans of A and B it reads from, and MR rows of NR
// values of C.
func raceStrided(kc int, a []float64, rsa, csa int, b []float64, ldb int, c []float64, ldc int) {
	runtime.RaceReadRange(unsafe.Pointer(&a[0]), ((MR-1)*rsa+(kc-1)*csa+1)*8)
	for p := 0; p < kc; p++ {
		runtime.RaceReadRange(unsafe.Pointer(&b[p*ldb]), NR*8)
	}
	for i := 0; i < MR; i++ {
		p := unsafe.Pointer(&c[i*ldc])
		runtime.RaceReadRange(p, NR*8)
		runtime.RaceWriteRange(p, NR*8)
	}
}
