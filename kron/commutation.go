package kron

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// Commutation is the commutation matrix K(m, n) as an operator: the mn×mn
// permutation with vec(Xᵀ) = K(m, n) vec(X) for every m×n matrix X. Its
// transpose is its inverse, K(n, m).
type Commutation struct {
	m, n int
}

// NewCommutation returns K(m, n). It panics if m or n is negative.
func NewCommutation(m, n int) Commutation {
	if m < 0 || n < 0 {
		panic(fmt.Sprintf("kron.NewCommutation: negative dimension %d×%d", m, n))
	}
	return Commutation{m: m, n: n}
}

// Dims returns the dimensions of K(m, n), mn×mn.
func (c Commutation) Dims() (r, cols int) { return c.m * c.n, c.m * c.n }

// ApplyTo computes dst = K(m, n) x, or K(m, n)ᵀ x = K(n, m) x when trans is
// true, for x with k right-hand sides stored row-major (mn×k): row j + i*n
// of the result is row i + j*m of x. dst and x must not overlap.
func (c Commutation) ApplyTo(dst, x []float64, k int, trans bool) {
	mn := c.m * c.n
	checkApply("kron.Commutation.ApplyTo", mn, mn, dst, x, k, trans)
	m, n := c.m, c.n
	if trans {
		m, n = n, m
	}
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			copy(dst[(j+i*n)*k:(j+i*n+1)*k], x[(i+j*m)*k:(i+j*m+1)*k])
		}
	}
}

// JacobianAXB returns the Jacobian of the linear map X ↦ A X B, for A p×m
// and B n×q, as the Kronecker operator Bᵀ ⊗ A that maps vec(X) to
// vec(A X B) (vec stacks columns). Its transpose, B ⊗ Aᵀ, is the map's
// adjoint: vec(Aᵀ Ȳ Bᵀ) = (B ⊗ Aᵀ) vec(Ȳ).
func JacobianAXB(a, b mat.Matrix) *Product {
	return New(b.T(), a)
}
