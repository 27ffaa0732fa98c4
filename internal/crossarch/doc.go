// Package crossarch holds the cross-architecture agreement test of matcalc:
// one seeded workload whose results are committed in testdata/, and a test
// that checks every kernel path of the machine it runs on (avx2 or neon,
// generic, and the purego build) against them to a stated tolerance. Run on
// amd64, on arm64 under qemu-aarch64 and with -tags purego, it shows that
// every architecture and path computes the same thing.
//
// The package has no code of its own; everything is in its tests.
//
// Agreement is to a tolerance, never bit for bit: arm64 fuses multiply-adds
// (the NEON kernels by design, and the Go compiler in pure Go code too) where
// amd64's generic path does not, and the paths block their sums differently.
// Each workload item states its tolerance relative to a magnitude bound of
// each result (for a product, Σ|a·b|), which a correct computation meets on
// any path and a wrong one does not.
//
// The workload lives in the _test files, one item per testdata/<name>.json:
// kernels.Dgemm in all four transposes at awkward sizes (gemm_test.go), an
// LU solve through gonum with the kernels as its BLAS (lu_test.go), the
// value, JVP, VJP and HVP of inverse.LU (inverse and solve) and power.Power
// (k = 7 and k = −3) (derivatives_test.go), kron.Product and its transpose
// with d = 2 and d = 5 small factors, which run on kernels.KronMode
// (kron_test.go), det.LU's Det, Grad, JVP and HVP at a regular and an
// exactly singular matrix (det_test.go), eig.Sym's values, ValuesJVP,
// FuncJVP of Exp, eigenvectors under a fixed sign convention and VectorsVJP
// (eig_test.go), and a reverse-mode gradient on a tape.Tape (tape_test.go).
// Each file states its tolerance and why. To add an item (seededItem and
// denseItem make one from a function of seeded inputs):
// append an item to the workload in a _test file's init, with a seeded
// input generator, the function on the current path, a magnitude bound per
// value and a tolerance; then regenerate the results on the generic path
//
//	go test ./internal/crossarch -run TestAgreement -update
//
// and commit testdata/. -update writes only the items whose file is missing
// or whose inputs changed, unless -force is given too.
package crossarch
