// Package check verifies derivatives of matrix functions: the JVPs, VJPs and
// gradients of matcalc, and those a user writes for a model of their own.
//
// One call checks one derivative and returns a Result that says whether it
// passed, how far it was from the reference, against which tolerance, and
// which entries disagree most:
//
//	r := check.JVP(f, jvp, a, dA, nil)   // JVP against finite differences
//	r := check.VJP(f, vjp, a, yBar, nil) // VJP against finite differences, entry by entry
//	r := check.Adjoint(jvp, vjp, dA, yBar, nil) // <Ȳ, J dA> = <Jᵀ Ȳ, dA>
//	r := check.Gradient(f, grad, a, nil) // gradient of a scalar function
//	r := check.Directional(f, jvp, a, dA, nil) // JVP of a scalar function
//	if !r.Pass {
//		t.Error(r)
//	}
//
// # Functions
//
// A matrix-valued function is a Func, func(dst *mat.Dense, a mat.Matrix),
// which writes F(a) into dst in the gonum way: check passes an empty dst or
// one of the right size from an earlier call. A real-valued function is a
// Scalar, func(a mat.Matrix) float64. A derivative under test is a Map,
// func(dst *mat.Dense, x mat.Matrix), the linear map of a JVP (dA ↦ dY) or a
// VJP (Ȳ ↦ Ā) at the fixed point a that the check is given, so that the
// method values of matcalc's factorization types, such as lu.JVP and lu.VJP,
// are Maps as they are. A second-order rule (an HVP) is checked as the JVP of
// the function a ↦ VJP_a(Ȳ).
//
// Inputs that implement mat.Symmetric are treated as points of the space of
// symmetric matrices: f is evaluated at *mat.SymDense points, perturbations
// are symmetric, and a gradient is compared through its symmetric part
// (G + Gᵀ)/2, which is what a function of sym(A) has.
//
// # Finite differences
//
// The reference of JVP, VJP, Gradient and Directional is a finite difference
// along the line t ↦ F(a + t·dA). The formula is a gonum fd.Formula:
// Richardson (the default, fourth order), fd.Central or fd.Forward. Steps are
// relative: at step h the perturbation t·dA has a root-mean-square entry h
// times that of a (h itself when a is zero), so the same step suits a matrix
// of any scale.
//
// Too large a step gives truncation error, too small a step cancellation, and
// the best step depends on the function and on the conditioning of a. Unless
// Options.Step fixes it, the step is searched: the formula is evaluated at the
// steps 1e-2, 1e-2/2, 1e-2/4, ... down to about 1e-12, and the estimate
// chosen is the one that agrees best, relative to its size, with its two
// neighbours. That disagreement, floored by a bound on rounding (in F's
// values, eps·Σ|cᵢ|·‖F‖/t, and in the points a + t·dA themselves), is the
// estimated error of the reference, RefErr. The verdict passes when
//
//	‖got − want‖_F ≤ Tol · max(‖got‖_F, ‖want‖_F),  Tol = max(4·RefErr, 1e-10)
//
// (or Options.Tol when set), and fails, whatever the error, when RefErr
// exceeds Options.MaxRefErr (1e-4 by default): then the finite differences are too inaccurate at a to tell a
// right derivative from a slightly wrong one, and the Result says so. A
// derivative that is zero within the rounding noise of the differences is
// compared in absolute terms instead. A derivative that is exactly zero where
// the differences shrink with the step (det at a matrix of rank n−2, where
// they fall like a power of the step) never agrees with 0 relative to
// itself: Options.Scale, the derivative's natural size, replaces
// max(‖got‖_F, ‖want‖_F) when larger, both in the verdict and in the choice
// of step. Sweep returns the whole error-versus-step curve, the V of
// truncation against roundoff.
//
// # The adjoint test
//
// Adjoint needs no differences: for a JVP J and a VJP Jᵀ that claim to be
// adjoint, <Ȳ, J dA> and <Jᵀ Ȳ, dA> agree to rounding, relative to the
// Cauchy–Schwarz bound ‖Ȳ‖‖J dA‖ + ‖Jᵀ Ȳ‖‖dA‖. It checks a VJP against a
// JVP that finite differences (or the dual numbers of package dual) have
// already checked, at a cost of one JVP and one VJP, at any size.
//
// # Jacobians and vec
//
// vec stacks the columns of a matrix: vec(A) of an m×n A has A_ij at index
// i + j·m, so that vec(A X B) = (Bᵀ ⊗ A) vec(X). gonum stores matrices by
// rows, so vec(A) holds the raw data of Aᵀ. JacobianJVP, JacobianVJP and
// JacobianFD materialize the (p·q)×(m·n) Jacobian of F: m×n → p×q in this
// convention, J_rc = ∂vec(F)_r / ∂vec(A)_c, for small sizes: the Jacobian of
// A ↦ A² is I ⊗ A + Aᵀ ⊗ I. They perturb one entry at a time, so f is
// evaluated at general *mat.Dense points even when a is symmetric.
//
// A VJP check costs a step search, about 70 evaluations of f, per entry of
// a; a JVP check one search in all. For large matrices check the JVP by
// differences and the VJP against it with Adjoint.
//
// # Random test matrices
//
// Gaussian, Symmetric, SPD, Orthogonal, FixedRank and Conditioned draw test
// matrices, and UnitVector and Direction unit directions, from a seeded
// *rand.Rand of math/rand/v2, so that every check is reproducible.
//
// # Dual numbers
//
// The subpackage dual computes exact directional derivatives with no step,
// by forward-mode arithmetic on a + Σₖ bₖεₖ through products, LU with partial
// pivoting, determinants, solves, inverses and integer powers: a reference
// independent of both the analytic rules and finite differences.
package check
