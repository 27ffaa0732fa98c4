package crossarch_test

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// The LU item solves A X = B with gonum's mat.LU, whose blocked Dgetrf does
// its trailing updates with the BLAS that TestMain installs: the kernels on
// the path under test. It is also the pattern for items built on gonum (the
// derivative routines): results with a norm-wise rather than elementwise
// error bound.
func init() {
	workload = append(workload, item{
		name: "lu_solve",
		// A backward-stable solve is within about cond(A)·n·eps·‖X‖ of the
		// exact solution; bound carries cond₁(A)·n·max|X_j| per column j, so
		// two correct solves differ by well under 8·eps·bound.
		tol: 8 * 0x1p-52,
		run: runLUSolve,
	})
}

// runLUSolve solves a diagonally dominant 97×97 system (gonum blocks Dgetrf
// by 64, so the blocked code and its Dgemm run) with 3 right-hand sides.
func runLUSolve() (got, bound, inputs []float64) {
	const n, nrhs = 97, 3
	rng := rand.New(rand.NewPCG(0x6d6174, 0x6c75))
	uniform := func(k int) []float64 {
		x := make([]float64, k)
		for i := range x {
			x[i] = 2*rng.Float64() - 1
		}
		inputs = append(inputs, x...)
		return x
	}
	a := mat.NewDense(n, n, uniform(n*n))
	for i := 0; i < n; i++ {
		a.Set(i, i, a.At(i, i)+n)
	}
	b := mat.NewDense(n, nrhs, uniform(n*nrhs))

	var lu mat.LU
	lu.Factorize(a)
	var x mat.Dense
	if err := lu.SolveTo(&x, false, b); err != nil {
		panic(err) // cond(A) ≈ 1.3 by construction
	}
	cond := lu.Cond()
	got = make([]float64, 0, n*nrhs)
	for i := 0; i < n; i++ {
		got = append(got, x.RawRowView(i)...)
	}
	bound = make([]float64, n*nrhs)
	for j := 0; j < nrhs; j++ {
		var xmax float64
		for i := 0; i < n; i++ {
			xmax = max(xmax, math.Abs(x.At(i, j)))
		}
		for i := 0; i < n; i++ {
			bound[i*nrhs+j] = cond * n * xmax
		}
	}
	return got, bound, inputs
}
