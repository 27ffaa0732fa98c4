// Package inverse computes the inverse A⁻¹ of a square matrix and the
// solution X = A⁻¹B of a linear system, with their exact first and second
// derivatives, around one cached LU factorization.
//
// Factorize once with LU.Factorize, then ask for values and derivatives:
//
//	var f inverse.LU
//	err := f.Factorize(a)  // P L U, and a condition estimate
//	f.Inverse(y)           // Y = A⁻¹ (computed on first use, then cached)
//	f.JVP(dY, dA)          // dY = −A⁻¹ dA A⁻¹
//	f.VJP(aBar, yBar)      // Ā = −A⁻ᵀ Ȳ A⁻ᵀ
//	f.HVP(aDot, dA, yBar)  // the derivative of VJP(Ȳ) in the direction dA
//	f.Solve(x, b)          // X = A⁻¹B
//	f.SolveJVP(dX, dA, dB, x)          // dX = A⁻¹(dB − dA X)
//	f.SolveVJP(aBar, bBar, xBar, x)    // B̄ = A⁻ᵀX̄, Ā = −B̄Xᵀ
//	f.SolveHVP(aDot, bDot, dA, dB, xBar, x)
//
// The solution x returned by Solve is always the last argument of the
// methods that need it, after the direction or cotangent. The package-level
// functions Inverse, JVP, VJP, HVP, Solve, SolveJVP, SolveVJP and SolveHVP
// do the same for one-off use.
//
// # Costs
//
// With A⁻¹ cached, JVP and VJP cost two n×n matrix products and HVP six. The
// solve derivatives never form A⁻¹: SolveJVP and SolveVJP cost one solve with
// the k right-hand sides on the cached LU and one n×n by n×k product, as in
// JAX and PyTorch, which also reuse the forward LU (ChainRules.jl and
// autograd refactorize in the pullback); SolveHVP costs three solves and four
// products. Products run through gonum's BLAS (blas64), so a faster BLAS
// installed with blas64.Use speeds everything up.
//
// # Small matrices and allocation
//
// For n ≤ 4 the factorization, solves and products run as plain loops rather
// than through LAPACK and the BLAS, whose call overhead dominates at these
// sizes, and the condition number is exact (‖A‖₁‖A⁻¹‖₁ from the explicit
// inverse) rather than LAPACK's estimate. At every size a reused LU with
// reused, right-sized destinations allocates nothing after its first call
// (beyond what gonum's BLAS allocates to run large products in parallel).
//
// # Conventions
//
// Gradients and cotangents are under the Frobenius inner product
// <X, Y> = tr(XᵀY), so <Ȳ, JVP(dA)> = <VJP(Ȳ), dA>. The HVP is forward over
// reverse: HVP(dA, Ȳ) is the Hessian of the scalar <Ȳ, A⁻¹> applied to dA,
// which equals the adjoint of the second derivative in its second direction:
// <HVP(E, Ȳ), F> = <Ȳ, A⁻¹EA⁻¹FA⁻¹ + A⁻¹FA⁻¹EA⁻¹>. For the solve, the scalar is
// <X̄, A⁻¹B> as a function of both A and B.
//
// # Where matcalc differs from JAX and PyTorch, deliberately
//
//   - A singular matrix (a zero pivot) is an error, a *matcalc.ConditionError
//     with Singular set that matches matcalc.ErrSingular, and no result is
//     written. JAX's jnp.linalg.inv returns Inf or NaN without error;
//     PyTorch's torch.linalg.inv raises an error.
//   - An ill-conditioned matrix (1-norm condition estimate above
//     ConditionTolerance = 1e16, gonum's threshold) gives the result and a
//     *matcalc.ConditionError carrying the estimate, as gonum's mat.Condition
//     does. JAX and PyTorch return the result silently.
//   - NaN or ±Inf in A is an error matching matcalc.ErrNaN, and no result is
//     written; JAX and PyTorch propagate NaN. Directions and cotangents
//     (dA, dB, Ȳ, X̄) are not checked: NaN in them propagates, as in JAX.
//   - There is no batching or broadcasting: A is one n×n matrix and B one n×k
//     matrix (a mat.Vector is an n×1 matrix).
//
// Derivative values are otherwise the same as JAX's and PyTorch's, up to
// rounding.
package inverse
