// Package ode integrates autonomous ordinary differential equations
// dx/dt = f(x, θ) with explicit Runge–Kutta methods (explicit Euler, Heun,
// the classical RK4) and differentiates the numerical solution exactly.
//
// A Solution keeps the stages of every step, so that after one forward
// integration it answers derivative questions about the final state x(T)
// with respect to the initial state x(0) and the parameters θ:
//
//	var s ode.Solution
//	err := s.Solve(sys, ode.RK4, theta, x0, T, steps)
//	s.Final(xT)                   // x(T)
//	s.JVP(dxT, dx0, dTheta)       // forward sensitivity: the tangent linear model
//	s.VJP(x0Bar, thetaBar, xTBar) // the discrete adjoint: one backward sweep
//
// The derivatives are those of the discrete map x(0), θ ↦ x_N computed by the
// method ("discretize, then differentiate"), not of the exact flow: they agree
// with finite differences of the solver to rounding whatever the step, and
// approach the derivatives of the exact solution as the step shrinks.
//
// # The adjoint sweep
//
// One step of an explicit method with tableau (a, b) is
//
//	y_i = x + h Σ_{j<i} a_ij k_j,  k_i = f(y_i, θ),  x' = x + h Σ_i b_i k_i.
//
// Given the cotangent λ of x', the backward step sets k̄_i = h b_i λ and, for
// i from the last stage down to the first,
//
//	ȳ_i = (∂f/∂x)(y_i)ᵀ k̄_i,  θ̄ += (∂f/∂θ)(y_i)* k̄_i,
//	x̄ += ȳ_i,  k̄_j += h a_ij ȳ_i for j < i,
//
// starting from x̄ = λ. Run over the steps from last to first, it gives the
// gradient of a loss L(x(T)) with respect to x(0) and θ at the cost of about
// one more integration, whatever the number of parameters; forward
// sensitivities (JVP) cost one integration per direction.
//
// # Systems
//
// A System supplies f, its JVP and its VJP at a point. Linear is dx/dt = A x
// with θ = A; users write their own System for a nonlinear model. The
// parameters θ are a matrix of any shape (a vector is a k×1 matrix), and their
// cotangent is a matrix of the same shape under the Frobenius inner product.
package ode
