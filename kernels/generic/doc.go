// Package generic holds matcalc's pure-Go reference kernels. They compile and
// run on every GOARCH, are the fallback where no assembly path applies, and are
// the oracle every assembly path is tested against, so they are written to be
// obviously right first and reasonably fast second.
//
// The functions here trust their arguments: package kernels validates shapes,
// leading dimensions and slice lengths before calling them. Callers never
// import this package; they call package kernels.
package generic
