//go:build openblas && cgo

package main

import "github.com/matcalc/matcalc/bench/internal/openblas"

// With the openblas tag, OpenBLAS (Debian's libopenblas-dev, through cgo) is
// one more implementation in the GEMM tables, with its thread count set to
// the row's:
//
//	go run -tags openblas ./bench
func init() {
	extraGemms = append(extraGemms, gemmImpl{
		name:       "openblas/" + openblas.CoreName(),
		dgemm:      openblas.Dgemm,
		setThreads: openblas.SetThreads,
	})
}
