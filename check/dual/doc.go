// Package dual is forward-mode automatic differentiation of matrix
// algorithms by dual numbers: exact directional derivatives with no step,
// an oracle independent of both the analytic derivative rules and finite
// differences.
//
// A Number is a + Σₖ bₖεₖ with εⱼεₖ = 0 for all j, k: a real part and one
// infinitesimal part per direction. Arithmetic on Numbers carries the first
// derivative along each direction exactly, so running an algorithm on
// a + ε·ȧ yields f(a) + ε·f'(a)[ȧ] to rounding.
//
// A Matrix is a matrix of such numbers, A + Σₖ εₖ·Ȧₖ, stored as its real part
// and one matrix per direction. It has the arithmetic that linear algebra
// needs: sums, products, LU with partial pivoting (pivots chosen on the real
// parts), determinant, log-determinant, solve, inverse and integer powers.
// For example the derivative of det at a in the directions d1 and d2 is
//
//	x := dual.NewMatrix(a, d1, d2)
//	det, err := dual.Det(x) // det.Re = det(a), det.Eps[k] = <cof(a), dₖ>
//
// and that of A ↦ A⁻³ in the direction d is the Eps(0) of
//
//	var y dual.Matrix
//	err := y.Pow(dual.NewMatrix(a, d), -3)
//
// The LU needs a nonsingular real part: at an exactly singular matrix
// Factorize returns an error matching matcalc.ErrSingular (the derivative of
// det there, the cofactor matrix, is the det package's job).
package dual
