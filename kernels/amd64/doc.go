// Package amd64 holds matcalc's AVX2+FMA assembly kernels. Package kernels
// selects them at run time on CPUs that have AVX2 and FMA; nothing else
// imports this package. The files that hold assembly build only with
// `amd64 && gc && !purego`, so the package is empty elsewhere.
//
// The assembly is generated with avo by the programs in _gen (the GEMM
// microkernels) and _genkron (the Kronecker mode-product kernels), modules of
// their own so that avo never enters matcalc's go.mod. Regenerate with
//
//	go generate ./kernels/amd64
//
// CI regenerates and fails on any difference from the committed files.
package amd64

//go:generate go run -C _gen . -pkg amd64 -out ../gemm_amd64.s -stubs ../gemm_amd64.go
//go:generate go run -C _genkron . -pkg amd64 -out ../kron_amd64.s -stubs ../kron_amd64.go
