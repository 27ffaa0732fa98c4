package kron

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// Vec returns vec(X), the columns of the r×c matrix X stacked:
// vec(X)[i + j*r] = X[i, j]. If dst is nil a new slice is allocated;
// otherwise dst must have length r·c, and Vec panics if it does not.
func Vec(dst []float64, x mat.Matrix) []float64 {
	r, c := x.Dims()
	if dst == nil {
		dst = make([]float64, r*c)
	} else if len(dst) != r*c {
		panic(fmt.Sprintf("kron.Vec: dst has length %d, want %d for a %d×%d matrix", len(dst), r*c, r, c))
	}
	if d, ok := x.(*mat.Dense); ok {
		raw := d.RawMatrix()
		for i := 0; i < r; i++ {
			for j, v := range raw.Data[i*raw.Stride : i*raw.Stride+c] {
				dst[i+j*r] = v
			}
		}
		return dst
	}
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			dst[i+j*r] = x.At(i, j)
		}
	}
	return dst
}

// Unvec sets dst to the r×c matrix X with vec(X) = v, the inverse of Vec:
// X[i, j] = v[i + j*r]. A zero-value dst is sized r×c; Unvec panics if dst
// has another size or len(v) ≠ r·c.
func Unvec(dst *mat.Dense, r, c int, v []float64) {
	if len(v) != r*c {
		panic(fmt.Sprintf("kron.Unvec: v has length %d, want %d for a %d×%d matrix", len(v), r*c, r, c))
	}
	if dst.IsEmpty() {
		dst.ReuseAs(r, c)
	} else if dr, dc := dst.Dims(); dr != r || dc != c {
		panic(fmt.Sprintf("kron.Unvec: dst is %d×%d, want %d×%d", dr, dc, r, c))
	}
	raw := dst.RawMatrix()
	for i := 0; i < r; i++ {
		row := raw.Data[i*raw.Stride : i*raw.Stride+c]
		for j := range row {
			row[j] = v[i+j*r]
		}
	}
}
