// Copyright ©2026 The matcalc Authors. All rights reserved.

// Package eigensolver computes the eigendecomposition A = V Λ Vᵀ of a real
// symmetric matrix by LAPACK's fastest route, in Go on gonum's BLAS.
//
// The matrix is reduced to a tridiagonal T = Qᵀ A Q by blocked Householder
// reflections, as LAPACK's dsytrd does. When eigenvectors are wanted, T is
// solved by Cuppen's divide and conquer as in LAPACK's dstedc: T is torn into
// two halves and a rank-one correction, the halves are solved recursively (in
// parallel, and by the implicit QL/QR method at or below Cutoff), and each
// merge deflates the eigenpairs already known, solves the secular equation
// for the rest with the rational-interpolation iteration of LAPACK's dlaed4,
// computes eigenvectors that are orthogonal to working precision from Gu and
// Eisenstat's recomputed weights, and multiplies them into the halves'
// eigenvectors with two GEMMs. Finally V = Q Z is formed by blocked
// reflectors, as LAPACK's dormtr does. A values-only request skips every
// eigenvector cost: it solves T by the root-free QR method (gonum's Dsterf).
//
// The reduction is blocked as in LAPACK's dsytrd but asks the BLAS only for
// GEMV and GEMM (gonum implements SYMV and SYR2K as plain loops), and the
// back-transformation applies the reflectors 64 at a time in compact WY form.
// Every product goes through gonum's blas64, so the solver runs on whatever
// BLAS is installed with blas64.Use; matcalc's own kernels make it fast.
//
// Work runs on up to GOMAXPROCS goroutines: the two halves of each
// divide-and-conquer split, the roots of each secular equation, the
// matrix-vector products of the reduction, and the GEMMs (inside the BLAS).
//
// Eigen follows gonum's mat.EigenSym: Factorize, then Values and VectorsTo,
// with eigenvalues in ascending order. Numerical trouble is a returned error
// matching a matcalc sentinel under errors.Is: matcalc.ErrNaN for NaN or Inf
// in the input, matcalc.ErrNotConverged if an iteration fails.
package eigensolver
