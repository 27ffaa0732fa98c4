// Package openblas calls Debian's OpenBLAS through cgo, for benchmarks only:
// it lets the bench tools measure matcalc's kernels side by side with
// OpenBLAS in one run. It builds only with the openblas tag (and cgo), so the
// library itself stays cgo-free:
//
//	apt-get install -y libopenblas-dev
//	go run -tags openblas ./bench/internal/gemmcmp
//
// Without the tag the package is empty.
package openblas
