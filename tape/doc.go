// Package tape is reverse-mode differentiation on a small computational
// graph of matrix operations: each operation records its inputs, its value
// and its derivative rules (JVP and VJP) on a Tape as it runs, and Backward
// walks the tape from the end, chaining the VJPs to get the gradient of a
// scalar with respect to every input at once.
//
//	var t tape.Tape
//	a := t.Var(aMat)                      // inputs whose gradients we want
//	b := t.Var(bMat)
//	x, err := t.Solve(a, b)               // X = A⁻¹B
//	ld, err := t.LogDet(a)                // log|det A|
//	loss := t.Add(t.Trace(x), ld)         // tr(A⁻¹B) + log|det A|
//	t.Backward(loss)
//	a.Grad()                              // ∂loss/∂A = −A⁻ᵀ Bᵀ A⁻ᵀ + A⁻ᵀ
//
// The operations are Add, Sub, Scale, Mul, T (transpose), Hadamard, Apply
// (an elementwise function, with Tanh, Exp and Square ready), Solve,
// Inverse, LogDet, Trace, Sum and Inner, each with its JVP and VJP from the
// matrix-calculus rules (for Mul, d(AB) = dA B + A dB and Ā = Ȳ Bᵀ,
// B̄ = Aᵀ Ȳ; for Solve, Ẋ = A⁻¹(Ḃ − Ȧ X) and B̄ = A⁻ᵀ X̄, Ā = −B̄ Xᵀ,
// reusing the LU of the forward pass).
//
// # Forward against reverse mode
//
// JVP runs the same graph in forward mode: from tangents of the inputs it
// pushes tangents through every operation to the output. A gradient of a
// scalar loss with respect to N parameters then takes N forward sweeps,
// one per parameter, but a single reverse sweep: reverse mode costs a small
// multiple of the forward evaluation whatever N is. The Tape counts the
// floating-point operations of the forward evaluation and of every tangent
// and adjoint sweep (Flops) so that the difference can be seen, not only
// stated. The counts are those of the dense algorithms used: 2mkn for an
// m×k by k×n product, one per entry for elementwise operations, (2/3)n³ for
// an LU, 2n²k for the two triangular solves with k right-hand sides and 2n³
// for an inverse.
//
// Nodes belong to one Tape; combining nodes of two tapes panics, as does a
// shape mismatch, with a message naming the operation and the shapes.
// Numerical trouble (a singular matrix in Solve, Inverse or LogDet) is an
// error matching matcalc.ErrSingular.
package tape
