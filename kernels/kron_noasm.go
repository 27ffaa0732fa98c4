//go:build !(amd64 || arm64) || !gc || purego

package kernels

// kronModeArch is never called in a build without a Kronecker kernel: no
// path sets impl.kron.
func kronModeArch(m, n int, a []float64, lda, L, R int, x, y []float64) {
	panic("kernels: no assembly Kronecker kernel in this build")
}
