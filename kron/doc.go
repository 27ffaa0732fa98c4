// Package kron provides Kronecker products and the vec identities of matrix
// calculus as linear operators that are applied through their factors and
// never formed.
//
// # The vec convention
//
// vec stacks the columns of a matrix, as in the course material and every
// textbook: for an r×c matrix X, vec(X)[i + j*r] = X[i, j]. With this
// convention
//
//	vec(A X B) = (Bᵀ ⊗ A) vec(X)
//	vec(Xᵀ)    = K(r, c) vec(X)   (K the commutation matrix)
//
// gonum stores matrices row-major, so the raw data of a row-major r×c matrix
// X is vec(Xᵀ), not vec(X). Vec and Unvec convert between the two, and
// wherever the package turns a matrix into a vector (Commutation,
// JacobianAXB) it means vec in this convention.
//
// The Kronecker product itself needs no convention: (A ⊗ B)[i*p+k, j*q+l] =
// A[i, j] B[k, l] for B p×q, so a vector x of length n1·n2·…·nd acted on by
// A1 ⊗ A2 ⊗ … ⊗ Ad is a d-way tensor whose last index runs fastest. Vectors
// are plain []float64 and several right-hand sides are a row-major matrix
// with one column per right-hand side.
//
// # Operators
//
// Product is A1 ⊗ … ⊗ Ad for any d ≥ 1 and rectangular factors. It applies
// y = (⊗Ai) x and y = (⊗Ai)ᵀ x to several right-hand sides at once (x with k
// columns, stored row-major) as d mode products, one factor at a time, in the
// order that needs the fewest flops (the shuffle algorithm). A large factor
// goes through kernels.Dgemm (for d = 2 and one right-hand side this is the
// vec trick: exactly two GEMM calls, with no reshaping copies), a small one
// (up to 16×16) through kernels.KronMode, the SIMD kernel for many small
// factors. When every factor is small and the tensor outgrows the caches,
// the modes are cache-blocked: the trailing modes are applied block by
// contiguous block and the leading ones panel by gathered panel, so the
// tensor crosses memory twice instead of d times. A Workspace makes
// repeated applications allocation-free; ApplyTo keeps a pool of them.
//
// Commutation is K(m, n) and JacobianAXB the Jacobian of X ↦ A X B, both as
// operators; Dense materialises any Operator for small sizes, and Kron forms
// A ⊗ B explicitly, for checking.
//
// # Factorizations and derivatives
//
// LU solves with ⊗Ai through one LU factorization per factor and gives its
// determinant from the factors' (det(A ⊗ B) = det(A)^n det(B)^m for A m×m and
// B n×n); EigenSym gives the eigendecomposition of a symmetric ⊗Ai from its
// factors', with eigenvectors again a Product. Action is y = (A ⊗ B) x as a
// function of A, B and x, with its JVP and VJP, which is what fitting a
// separable (Kronecker-structured) model needs.
//
// Shape misuse panics with a message that names the function and the shapes;
// numerical trouble (a singular factor in a solve, a factor that is not
// symmetric) is a returned *matcalc.Error that matches the matcalc sentinels
// under errors.Is.
package kron
