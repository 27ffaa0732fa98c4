// Package newton is Newton's method as iterated linearization: for
// nonlinear systems F(x) = 0, for the square root of a matrix, and for
// minimization with Hessian-vector products and conjugate gradients.
//
// Each step replaces the problem by its linearization at the current
// iterate and solves that exactly (or, for Minimize, to a tolerance that
// shrinks with the gradient). Near a solution where the derivative is
// invertible the error then squares at every step: the residuals that each
// routine returns in Result fall as r_{k+1} ≈ C·r_k², the number of correct
// digits doubling, until rounding stops them.
//
//	var x mat.VecDense
//	res, err := newton.Solve(&x, newton.System{F: f, Jacobian: jac}, x0, nil)
//	// res.Residuals[k] = ‖F(x_k)‖₂
//
//	var s mat.Dense
//	res, err = newton.Sqrt(&s, a, nil) // s·s = a, by the Denman–Beavers iteration
//
//	var xMin mat.Dense
//	res, err = newton.Minimize(&xMin, newton.Problem{Func: f, Grad: g, HVP: hvp}, x0, nil)
//	// res.Residuals[k] = ‖∇f(x_k)‖_F; res.HVPs counts Hessian-vector products
//
// A System may give F's derivative as a Jacobian matrix or as a JVP; with a
// JVP the Jacobian is built from n JVPs, one per column, as check.JacobianJVP
// does. Minimize never forms a Hessian: each Newton step solves H p = −∇f by
// conjugate gradients (CG), one HVP per CG iteration, stopping early at
// negative curvature (truncated Newton, or Newton–CG). With f itself given
// (Problem.Func), a backtracking line search guards each step; near the
// solution, where the decrease of f along a step is smaller than the
// rounding error of f, it decides by the approximate Armijo condition of
// Hager and Zhang, on the directional derivative, so that the full Newton
// step is still taken and the convergence stays quadratic.
//
// Numerical trouble is an error matching a matcalc sentinel: a singular
// Jacobian matches matcalc.ErrSingular, NaN or Inf in a residual
// matcalc.ErrNaN, and running out of iterations matcalc.ErrNotConverged.
// The Result is filled in either case, so the residual history shows what
// happened.
package newton
