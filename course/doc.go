// Package course holds the runnable examples of the matrix-calculus course
// that matcalc grew out of: one file per topic, each example a Go Example
// function with an // Output: line, so that `go test` runs it and checks
// what it prints. The package has no API of its own; read the examples
// (go doc -all, or the files example_*_test.go) and docs/course.md, which
// maps each topic to its examples and the functions they use.
//
// Every example states in a comment the formula it illustrates and checks
// its answer against finite differences (package check), dual numbers
// (package check/dual) or a closed form, and prints a few numbers at a
// precision that is the same on every architecture: amd64 and arm64 round
// differently in the last bits (arm64 fuses multiply-adds), so no example
// prints a digit that depends on rounding.
//
// The topics:
//
//  1. Derivatives as linear operators (example_linear_test.go).
//  2. Product rules (example_product_test.go).
//  3. Jacobians and 2×2 linear maps (example_jacobian_test.go).
//  4. Vectorization and Kronecker products (example_kron_test.go; package kron).
//  5. Finite differences (example_finitediff_test.go).
//  6. Gradients through inner products (example_gradient_test.go).
//  7. Newton's method (example_newton_test.go; packages newton and kron).
//  8. Derivatives of det and inverse (example_detinv_test.go; packages det
//     and inverse).
//  9. Forward and reverse mode (example_modes_test.go; packages check/dual and tape).
//  10. Adjoint differentiation of ODEs (example_ode_test.go; package ode).
//  11. Calculus of variations (example_variations_test.go).
//  12. Derivatives of random functions (example_random_test.go).
//  13. Second derivatives (example_second_test.go; packages det and newton).
//  14. Derivatives of eigenproblems (example_eig_test.go; packages eig and
//     det): eigenvalue and eigenvector sensitivity, the eigenvalue Hessian,
//     degenerate eigenvalues done right, √A at a repeated eigenvalue; the
//     random unit vector on the sphere (example_sphere_test.go).
package course
