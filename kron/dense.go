package kron

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// Kron sets dst to the explicit Kronecker product A ⊗ B, the (m·p)×(n·q)
// matrix with (A ⊗ B)[i*p+k, j*q+l] = A[i, j] B[k, l] for A m×n and B p×q.
// It is for checking and for small sizes: Product applies the same matrix
// without forming it. A zero-value dst is sized for the result; a dst of
// another size panics, as does an empty factor. dst must not alias a or b.
func Kron(dst *mat.Dense, a, b mat.Matrix) {
	m, n := a.Dims()
	p, q := b.Dims()
	if m*n == 0 || p*q == 0 {
		panic(fmt.Sprintf("kron.Kron: empty factor: A is %d×%d, B is %d×%d", m, n, p, q))
	}
	if dst.IsEmpty() {
		dst.ReuseAs(m*p, n*q)
	} else if r, c := dst.Dims(); r != m*p || c != n*q {
		panic(fmt.Sprintf("kron.Kron: dst is %d×%d, want %d×%d for A %d×%d and B %d×%d", r, c, m*p, n*q, m, n, p, q))
	}
	bd := mat.DenseCopyOf(b)
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			blk := dst.Slice(i*p, (i+1)*p, j*q, (j+1)*q).(*mat.Dense)
			blk.Scale(a.At(i, j), bd)
		}
	}
}
