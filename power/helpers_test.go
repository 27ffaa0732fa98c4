package power

import (
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/check"
)

// maxAbs returns ‖a‖_∞, the largest absolute row sum of a, at least tiny.
func maxAbs(a mat.Matrix) float64 {
	return math.Max(mat.Norm(a, math.Inf(1)), 1e-300)
}

// relDiff returns ‖got − want‖_∞ / ‖want‖_∞.
func relDiff(got, want mat.Matrix) float64 {
	var d mat.Dense
	d.Sub(got, want)
	return mat.Norm(&d, math.Inf(1)) / maxAbs(want)
}

// fdTol bounds the tolerance of every finite-difference check: check
// derives the tolerance from the estimated error of the differences (four
// times it, floored at 1e-10), and with MaxRefErr = fdTol/4 a reference too
// inaccurate for a tolerance of fdTol fails the check as inconclusive.
const fdTol = 1e-7

// fdOpts are the options of every finite-difference check.
var fdOpts = &check.Options{MaxRefErr: fdTol / 4}

// block returns the block matrix with blocks b[i][j]; a nil block is zero.
// Every block is n×n.
func block(n int, b [][]mat.Matrix) *mat.Dense {
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

// sub returns a copy of block (i, j) of the n×n blocks of a.
func sub(a *mat.Dense, n, i, j int) *mat.Dense {
	return mat.DenseCopyOf(a.Slice(i*n, (i+1)*n, j*n, (j+1)*n))
}

// mustPanic calls f and returns the panic message, or "" if f did not panic.
func mustPanic(f func()) (msg string) {
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
