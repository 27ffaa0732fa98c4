// Package testmat holds the small matrix helpers that the tests of several
// packages share: block matrices and their blocks, relative differences and
// capturing a panic's message.
package testmat

import (
	"math"

	"gonum.org/v1/gonum/mat"
)

// MaxAbs returns ‖a‖_∞, the largest absolute row sum of a, at least tiny.
func MaxAbs(a mat.Matrix) float64 {
	return math.Max(mat.Norm(a, math.Inf(1)), 1e-300)
}

// RelDiff returns ‖got − want‖_∞ / ‖want‖_∞ (NaN if either holds NaN).
func RelDiff(got, want mat.Matrix) float64 {
	var d mat.Dense
	d.Sub(got, want)
	return mat.Norm(&d, math.Inf(1)) / MaxAbs(want)
}

// Block returns the block matrix with blocks b[i][j]; a nil block is zero.
// Every block is n×n.
func Block(n int, b [][]mat.Matrix) *mat.Dense {
	m := len(b)
	out := mat.NewDense(m*n, m*n, nil)
	for i, row := range b {
		for j, x := range row {
			if x != nil {
				out.Slice(i*n, (i+1)*n, j*n, (j+1)*n).(*mat.Dense).Copy(x)
			}
		}
	}
	return out
}

// Sub returns a copy of block (i, j) of the n×n blocks of a.
func Sub(a *mat.Dense, n, i, j int) *mat.Dense {
	return mat.DenseCopyOf(a.Slice(i*n, (i+1)*n, j*n, (j+1)*n))
}

// Panic calls f and returns its panic message, or "" if f did not panic.
func Panic(f func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg, _ = r.(string)
			if msg == "" {
				msg = "non-string panic"
			}
		}
	}()
	f()
	return ""
}
