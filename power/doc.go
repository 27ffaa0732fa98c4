// Package power computes the integer power A^k of a square matrix, for every
// integer k, with its exact first and second derivatives in O(log |k|)
// matrix products.
//
// Factorize once with Power.Factorize, then ask for the value and
// derivatives:
//
//	var f power.Power
//	err := f.Factorize(a, k) // binary powering; A⁻¹ first when k < 0
//	f.Value(y)               // Y = A^k
//	f.JVP(dY, dA)            // dY = Σⱼ Aʲ dA A^{k−1−j}
//	f.VJP(aBar, yBar)        // Ā = Σⱼ (Aᵀ)ʲ Ȳ (Aᵀ)^{k−1−j}, the JVP at Aᵀ
//	f.HVP(aDot, dA, yBar)    // the derivative of VJP(Ȳ) in the direction dA
//
// The package-level functions Pow, JVP, VJP and HVP do the same for one-off
// use.
//
// # Method
//
// A^k is computed by binary powering from the leading bit of m = |k| on the
// base M = A (k > 0) or M = A⁻¹ (k < 0, from inverse.LU); k = 0 gives the
// identity with zero derivatives. Factorize keeps every intermediate power,
// ⌊log₂ m⌋ + popcount(m) matrices of n×n, so that the derivatives
// differentiate the chain without recomputing it: each product C = P Q
// contributes dC = dP Q + P dQ, two products per step, and the second-order
// (forward over forward) step d²C = d²P Q + dₐP d_bQ + d_bP dₐQ + P d²Q, eight.
// The JVP at k = 1000 costs 28 products (2.8 per bit of k); the worst case,
// m = 2^b − 1, is just under 4 per bit. The VJP uses (Aᵀ)^k = (A^k)ᵀ: it is
// the JVP at Aᵀ, run on the same cached chain with transposed operands. The
// HVP is likewise the second derivative of X^k at X = Aᵀ in the directions
// Ȳ and dAᵀ.
//
// Products run through gonum's BLAS (blas64), so a faster BLAS installed
// with blas64.Use speeds everything up; for n ≤ 4 they run as plain loops,
// as the BLAS call overhead dominates there. A reused Power with reused,
// right-sized destinations allocates nothing after its first call with the
// same n and k (beyond what gonum's BLAS allocates to run large products in
// parallel).
//
// # Where matcalc differs from JAX and PyTorch, deliberately
//
//   - A negative power of a singular matrix is an error, a
//     *matcalc.ConditionError with Singular set (matching
//     matcalc.ErrSingular), and no result is written. JAX's
//     jnp.linalg.matrix_power returns Inf or NaN; PyTorch raises an error.
//     An ill-conditioned matrix with k < 0 gives the result and a
//     *matcalc.ConditionError carrying the condition estimate.
//   - NaN or ±Inf in A is an error matching matcalc.ErrNaN for every k,
//     k = 0 included, where JAX and PyTorch return the identity.
//   - A^k that overflows (an Inf or NaN element from finite A) is an error
//     matching matcalc.ErrOverflow; JAX and PyTorch return the Infs. Only the
//     value is checked: a derivative that overflows while the value does not
//     is returned as computed.
//   - Directions and cotangents (dA, Ȳ) are not checked: NaN in them
//     propagates, as in JAX.
//   - Powering runs from the leading bit (JAX and PyTorch start from the
//     lowest), so results differ from theirs by rounding only.
//
// Derivative values are otherwise the same as those JAX and PyTorch get by
// differentiating their repeated squaring, up to rounding.
package power
