// Package det computes the determinant det A and the signed log-determinant
// (log|det A|, sign) of a square matrix with their exact analytic
// derivatives: JVP (forward mode), VJP and gradient (reverse mode) and HVP
// (the Hessian applied to a direction), all around one cached
// factorization.
//
// # Types and helpers
//
// LU serves every square matrix: Factorize once, then Det, LogDet, Cond,
// and for det Grad, JVP, VJP, HVP, for log|det| LogGrad, LogJVP, LogVJP,
// LogHVP. Cholesky serves symmetric positive definite matrices: LogDet and
// its derivatives LogGrad (= A⁻¹), LogJVP, LogVJP, LogHVP. The first
// derivative asked for computes what the others share (A⁻¹, the cofactor
// matrix, or a rank-revealing factorization); every further JVP costs O(n²)
// and every further HVP two or four matrix products. Grad, HVP, LogDetGrad, LogDetHVP and
// SPDLogDetGrad are one-call helpers.
//
// Conventions are the module's: the gradient G of a scalar f satisfies
// df = <G, dA> = Σ G_ij dA_ij; results go to a dst passed first, sized for
// the caller when empty; shape misuse panics with a message naming the
// method and the shapes.
//
// # The derivative of det at singular matrices
//
// The gradient of det is the cofactor matrix cof(A) = adj(A)ᵀ, a polynomial
// in the entries of A that exists at every matrix, and the HVP is its
// derivative, also a polynomial. LU computes both at every input, to
// working precision normwise (exactly for n ≤ 4):
//
//   - n ≤ 4: the explicit polynomials (expansion by minors), in fixed-size
//     arrays; nothing is allocated.
//   - otherwise, well-conditioned A: cof(A) = det(A)·A⁻ᵀ and
//     D cof(A)[E] = det(A)·(tr(A⁻¹E)·A⁻ᵀ − A⁻ᵀEᵀA⁻ᵀ), from the LU factors.
//   - otherwise, when κ₁(A) reaches GradCondLimit (gradient) or
//     HVPCondLimit (HVP), or at an exactly zero pivot: a factorization
//     A = X D Y with D = diag(d) and X, Y well conditioned, from which
//     cof(A) = det(X)det(Y)·X⁻ᵀ diag(π) Y⁻ᵀ with π_i = Π_{j≠i} d_j, and a
//     matching formula for its derivative, neither of which ever divides
//     by a d_i. The factorization is QR with column pivoting, A P = Q D U₁
//     (U₁ unit upper triangular), or the SVD when U₁⁻¹ grows, as on
//     Kahan's matrix, where column pivoting fails to reveal the rank. Entries
//     of d at or below n·ε·max|d| are zero to working precision and are set
//     to zero. The error is then within ε·‖A‖ⁿ⁻¹ normwise but not relative
//     to each entry: diag(1, 1e-20, 1, 1e-20, 1), whose κ is 1e20, gets a
//     zero gradient where the exact one has entries near 1e-20 and 1e-40.
//
// So at rank n−1 the gradient is the rank-one matrix of the mathematics
// whatever the pivot order ([[0,1],[0,1]] gives [[1,0],[−1,0]]; [[0]] gives
// [[1]]; the 4×4 upper shift matrix gives a single −1 at (4,1)), at rank
// ≤ n−2 it is exactly zero with no NaN, and the HVP is exact at rank n−2
// and exactly zero below.
//
// Products of pivots and of the entries of d are formed with an extended
// exponent: Det over- or underflows only when det A itself does, LogDet
// never, and on the LU path the cofactor matrix keeps full precision when
// det A is subnormal.
//
// # log|det| and errors
//
// LogDet returns (−Inf, 0) at an exactly singular matrix (a zero pivot). The
// derivatives of log|det| (A⁻ᵀ, tr(A⁻¹dA), −(A⁻¹dA A⁻¹)ᵀ) do not exist
// there: they return a *matcalc.ConditionError matching matcalc.ErrSingular
// with Cond = +Inf and leave dst unchanged. At a matrix singular to working
// precision (κ₁(A) ≥ 1/ε) they write the computed result and
// return the same error carrying κ₁(A). NaN or Inf in the input
// makes Factorize return a *matcalc.Error matching matcalc.ErrNaN; a matrix
// that is not positive definite makes Cholesky.Factorize return one
// matching matcalc.ErrDomain.
//
// # Where det differs from JAX and PyTorch
//
//   - Gradient of det at a singular matrix: the cofactor matrix, always.
//     PyTorch's default backward returns 0 at an exactly singular matrix
//     (pytorch#104675: [[0,1],[0,1]]; pytorch#80761: [[0]]); JAX's rule
//     replaces the last pivot of a partially pivoted LU and so returns 0
//     when the zero pivot lands elsewhere (the 4×4 shift matrix).
//   - Second derivative of det (HVP) at singular matrices: exact from the
//     stable formula above, where differentiating either system's
//     first-order rule inherits its error.
//   - Rank ≤ n−2 (to working precision): the gradient is exactly zero, not
//     rounding noise; rank deficiency is decided with a tolerance n·ε·max|d|
//     like the n·ε·σ_max of NumPy's matrix_rank.
//   - Derivatives of log|det| at a singular matrix: a typed error
//     (matcalc.ErrSingular) instead of the non-finite values or exception
//     of a solve with a singular factor; near singularity, the result plus
//     an error carrying the condition number.
//   - NaN or Inf input: a typed error (matcalc.ErrNaN) instead of NaN
//     propagated into the results.
//   - Det: no intermediate over- or underflow in the product of pivots
//     (JAX and PyTorch multiply the pivots in float64; their slogdet is
//     fine, and so is LogDet).
//   - Cholesky: a matrix that is not positive definite is an error
//     (matcalc.ErrDomain), where JAX's Cholesky returns NaN; tangents are
//     symmetrized and gradients are symmetric, which is what JAX and
//     PyTorch give when the input is symmetrized first.
//
// Where this package is silent it returns what JAX and PyTorch return:
// det of the 0×0 matrix is 1, slogdet of a singular matrix is (0, −Inf) as
// (sign, log|det|), and the sign has zero derivative.
package det
