// Package matcalc holds what every package of the module shares: the typed
// errors for numerical trouble. The derivative routines live in the
// subpackages det, inverse, power and eig; the kernels they run on live in
// kernels; kron holds Kronecker operators and check verifies derivatives.
//
// Conventions used by every package:
//
//   - Matrices are gonum mat types; results go into a dst passed first. A
//     zero-value dst is sized for the caller; a wrong-sized one panics.
//   - The inner product of matrices is Frobenius, <X, Y> = tr(XᵀY). The
//     gradient of a scalar f(A) is the G with df = <G, dA>.
//   - A JVP maps a tangent dA to dY = F'(A)[dA]; a VJP maps a cotangent Ȳ
//     to Ā = F'(A)*[Ȳ], the adjoint under the Frobenius product, so
//     <Ȳ, JVP(dA)> = <VJP(Ȳ), dA>.
//   - vec stacks columns (column-major), as in the textbooks.
//   - Shape misuse panics with a message naming the function and the shapes;
//     numerical trouble is a returned error that matches one of the sentinel
//     errors below under errors.Is.
package matcalc
