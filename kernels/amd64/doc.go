// Package amd64 holds matcalc's AVX2+FMA assembly kernels. Package kernels
// selects them at run time on CPUs that have AVX2 and FMA; nothing else
// imports this package. The files that hold assembly build only with
// `amd64 && gc && !purego`, so the package is empty elsewhere.
package amd64
