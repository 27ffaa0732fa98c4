// Package kernels is matcalc's single dispatch point for its numerical kernels:
// general matrix multiply (Dgemm, with gonum's blas semantics) and the
// primitives of the Kronecker operators in package kron.
//
// At init the package picks the best implementation ("path") this CPU runs:
// hand-written SIMD assembly where the CPU supports it (kernels/amd64 on
// AVX2+FMA, kernels/arm64 on NEON) and the pure-Go reference in
// kernels/generic everywhere else. Callers never import an arch package.
//
// The choice can be forced:
//
//   - for a whole process with the environment variable MATCALC_KERNEL
//     (generic, avx2, neon); an unknown or unsupported value prints one line
//     on stderr naming the valid values and the best path is used instead;
//   - in a test with defer kernels.Use(kernels.Generic)(), which panics for a
//     path this CPU cannot run instead of crashing with SIGILL;
//   - at build time with -tags purego, which builds no assembly at all.
//
// Implementation plugs the kernels into gonum as its BLAS:
//
//	blas64.Use(kernels.Implementation{})
//
// after which gonum's mat and lapack packages run on matcalc's kernels for
// Dgemm and the blocked Level 3 routines built on it (Dsyrk, Dsyr2k, Dsymm,
// Dtrmm, Dtrsm) and, on the AVX2 path, for the Level 2 and 1 routines that
// dominate LU panels and the eigensolver's reduction (Dgemv, Dger, Idamax,
// Dscal). Every other routine is gonum's own. Beyond gonum's interface,
// Dgemmt (one triangle of a product, as in MKL and OpenBLAS) is a function
// of the package and a method of Implementation, which callers that know a
// product to be symmetric find with a type assertion.
//
// LAPACK is the same for gonum's LAPACK: it overrides the routines of
// mat.LU (Dgetrf, Dgetf2, Dgecon) and mat.Cholesky (Dpotrf, Dpotf2, Dpocon,
// Dlansy) with versions written for row-major storage. Install installs
// both:
//
//	defer kernels.Install()()
package kernels
