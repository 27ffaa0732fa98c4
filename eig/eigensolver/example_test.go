// Copyright ©2026 The matcalc Authors. All rights reserved.

package eigensolver_test

import (
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/eig/eigensolver"
)

func ExampleEigen() {
	a := mat.NewSymDense(3, []float64{
		2, -1, 0,
		-1, 2, -1,
		0, -1, 2,
	})
	var e eigensolver.Eigen
	if err := e.Factorize(a, true); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.6f\n", e.Values(nil))
	var v mat.Dense
	e.VectorsTo(&v)
	// Column j of v is the eigenvector of the j-th eigenvalue; signs are
	// not unique, so print A v_0 / v_0 elementwise.
	var av mat.VecDense
	av.MulVec(a, v.ColView(0))
	fmt.Printf("%.6f\n", []float64{av.AtVec(0) / v.At(0, 0), av.AtVec(1) / v.At(1, 0), av.AtVec(2) / v.At(2, 0)})
	// Output:
	// [0.585786 2.000000 3.414214]
	// [0.585786 0.585786 0.585786]
}
