package eig_test

import (
	"errors"
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc"
	"github.com/matcalc/matcalc/eig"
)

// The gradient of a loss on the λ = 4 eigenvector of diag(4, 1, 1) is
// finite although the other two eigenvalues are equal; a loss on one
// eigenvector of the repeated pair depends on the basis and is refused.
func ExampleSym_VectorsVJP() {
	a := mat.NewSymDense(3, []float64{
		1, 0, 0,
		0, 1, 0,
		0, 0, 4,
	})
	var s eig.Sym
	if err := s.Factorize(a, nil); err != nil {
		panic(err)
	}
	fmt.Println("eigenvalues", s.Values(nil), "clusters", s.Clusters())

	// L = (wᵀ v₂)² for w = (1, 1, 1): V̄ has 2(wᵀv₂)·w in column 2.
	var v mat.Dense
	s.Vectors(&v)
	w := mat.NewVecDense(3, []float64{1, 1, 1})
	c := 2 * mat.Dot(w, v.ColView(2))
	vBar := mat.NewDense(3, 3, []float64{0, 0, c, 0, 0, c, 0, 0, c})
	var g mat.Dense
	if err := s.VectorsVJP(&g, nil, vBar); err != nil {
		panic(err)
	}
	fmt.Printf("gradient\n%.4f\n", mat.Formatted(&g))

	// The same loss on v₀, inside the cluster.
	vBar0 := mat.NewDense(3, 3, []float64{1, 0, 0, 1, 0, 0, 1, 0, 0})
	err := s.VectorsVJP(&g, nil, vBar0)
	fmt.Println(errors.Is(err, matcalc.ErrDegenerate))
	// Output:
	// eigenvalues [1 1 4] clusters [[0 2]]
	// gradient
	// ⎡0.0000  0.0000  0.3333⎤
	// ⎢0.0000  0.0000  0.3333⎥
	// ⎣0.3333  0.3333  0.0000⎦
	// true
}

// The derivative of log A at A = I is the identity map, and the gradient of
// log det A is A⁻¹.
func ExampleSym_FuncJVP() {
	var s eig.Sym
	a := mat.NewSymDense(2, []float64{2, 0, 0, 2})
	if err := s.Factorize(a, nil); err != nil {
		panic(err)
	}
	dA := mat.NewDense(2, 2, []float64{0, 1, 1, 0})
	var d, g mat.Dense
	if err := s.FuncJVP(&d, eig.Log, dA); err != nil {
		panic(err)
	}
	ld, _ := s.Trace(eig.Log)
	if err := s.TraceGrad(&g, eig.Log); err != nil {
		panic(err)
	}
	fmt.Printf("d log A = %v\nlog det A = %.6f\ngrad = %v\n", mat.Formatted(&d), ld, mat.Formatted(&g))
	// Output:
	// d log A = ⎡  0  0.5⎤
	// ⎣0.5    0⎦
	// log det A = 1.386294
	// grad = ⎡0.5    0⎤
	// ⎣  0  0.5⎦
}
