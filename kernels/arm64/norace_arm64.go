//go:build arm64 && gc && !purego && !race

package arm64

// raceKernel does nothing without the race detector.
func raceKernel(kc int, a, b, c []float64, ldc int) {}

// raceStrided does nothing without the race detector.
func raceStrided(kc int, a []float64, rsa, csa int, b []float64, ldb int, c []float64, ldc int) {}
