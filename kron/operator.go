package kron

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// Operator is a linear map applied without forming its matrix.
type Operator interface {
	// Dims returns the dimensions of the operator's matrix.
	Dims() (r, c int)
	// ApplyTo computes dst = M x, or dst = Mᵀ x when trans is true, where M
	// is the operator's r×c matrix and x holds k right-hand sides as a
	// row-major matrix with k columns: for M x, x is c×k and dst r×k. dst and
	// x must not overlap.
	ApplyTo(dst, x []float64, k int, trans bool)
}

// Dense materialises op as a dense matrix in dst, for small sizes: it
// applies op to the identity, all columns at once. A zero-value dst is sized
// for op; a dst of another size panics.
func Dense(dst *mat.Dense, op Operator) {
	r, c := op.Dims()
	if dst.IsEmpty() {
		dst.ReuseAs(r, c)
	} else if dr, dc := dst.Dims(); dr != r || dc != c {
		panic(fmt.Sprintf("kron.Dense: dst is %d×%d, want %d×%d", dr, dc, r, c))
	}
	id := make([]float64, c*c)
	for i := 0; i < c; i++ {
		id[i*c+i] = 1
	}
	if raw := dst.RawMatrix(); raw.Stride == c {
		op.ApplyTo(raw.Data[:r*c], id, c, false)
		return
	}
	tmp := make([]float64, r*c)
	op.ApplyTo(tmp, id, c, false)
	dst.Copy(mat.NewDense(r, c, tmp))
}

// checkApply panics if x or dst has the wrong length for k right-hand sides
// of an r×c operator (c×r when trans).
func checkApply(fn string, r, c int, dst, x []float64, k int, trans bool) {
	if trans {
		r, c = c, r
	}
	if k < 0 {
		panic(fmt.Sprintf("%s: negative number of right-hand sides k=%d", fn, k))
	}
	if len(x) != c*k {
		panic(fmt.Sprintf("%s: x has length %d, want %d×%d = %d", fn, len(x), c, k, c*k))
	}
	if len(dst) != r*k {
		panic(fmt.Sprintf("%s: dst has length %d, want %d×%d = %d", fn, len(dst), r, k, r*k))
	}
}
