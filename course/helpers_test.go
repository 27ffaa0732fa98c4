package course_test

import (
	"math"

	"gonum.org/v1/gonum/mat"
)

// rounded returns a copy of m with every entry rounded to the given number
// of decimals, and −0 made +0, so that a printed matrix does not depend on
// rounding in the last bits (which differs between amd64 and arm64).
func rounded(m mat.Matrix, decimals int) *mat.Dense {
	r, c := m.Dims()
	out := mat.NewDense(r, c, nil)
	scale := math.Pow(10, float64(decimals))
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			out.Set(i, j, math.Round(m.At(i, j)*scale)/scale+0)
		}
	}
	return out
}

// scaled returns t·m as a new matrix.
func scaled(t float64, m mat.Matrix) *mat.Dense {
	var s mat.Dense
	s.Scale(t, m)
	return &s
}
