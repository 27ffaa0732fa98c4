package crossarch_test

import (
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/det"
)

// The det items run det.LU's determinant, gradient (the cofactor matrix),
// JVP and HVP at size derivN, where they go through gonum's LU (and, at the
// singular matrix, its QR with column pivoting or SVD) on the BLAS that
// TestMain installs. Matrices are bounded norm-wise and scalars by the sum of
// the magnitudes of their terms, at tolerance derivTol:
//
//   - det_lu, at a well-conditioned A (cond < 5): every result is within
//     about cond·n·eps of its bound on any path.
//   - det_lu_singular, at an exactly singular A (its last column a copy of
//     the first): det A is rounding noise, of order n·eps times Hadamard's
//     bound Π‖a_j‖, which is its bound here; the cofactor matrix has rank
//     one and is computed from a rank-revealing factorization whose other
//     singular values are well separated from zero, so it and the HVP are
//     again within a modest multiple of n·eps of their norm.
func init() {
	workload = append(workload,
		seededItem("det_lu", derivTol, func(in *inputs, o *outputs) {
			detItem(in, o, in.nearIdentity(derivN))
		}),
		seededItem("det_lu_singular", derivTol, func(in *inputs, o *outputs) {
			a := in.nearIdentity(derivN)
			a.SetCol(derivN-1, mat.Col(nil, 0, a))
			detItem(in, o, a)
		}),
	)
}

func detItem(in *inputs, o *outputs, a *mat.Dense) {
	var f det.LU
	if err := f.Factorize(a); err != nil {
		panic(err)
	}
	dA := in.uniform(derivN, derivN)
	hadamard := 1.0
	for j := 0; j < derivN; j++ {
		hadamard *= mat.Norm(a.ColView(j), 2)
	}
	o.scalar(f.Det(), hadamard)
	var grad, hvp mat.Dense
	f.Grad(&grad)
	o.dense(&grad)
	var terms float64
	for i := 0; i < derivN; i++ {
		for j := 0; j < derivN; j++ {
			terms += math.Abs(grad.At(i, j) * dA.At(i, j))
		}
	}
	o.scalar(f.JVP(dA), terms)
	f.HVP(&hvp, dA)
	o.dense(&hvp)
}
