package ode_test

import (
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/check"
	"github.com/matcalc/matcalc/ode"
)

func benchSetup(n int) (*mat.Dense, *mat.VecDense) {
	rnd := rand.New(rand.NewPCG(1, 2))
	a := check.Gaussian(rnd, n, n)
	a.Scale(0.1, a)
	x0 := mat.NewVecDense(n, nil)
	for i := 0; i < n; i++ {
		x0.SetVec(i, rnd.NormFloat64())
	}
	return a, x0
}

// BenchmarkSolve integrates dx/dt = A x, n = 32, with 100 RK4 steps.
func BenchmarkSolve(b *testing.B) {
	a, x0 := benchSetup(32)
	var s ode.Solution
	for b.Loop() {
		if err := s.Solve(ode.Linear{}, ode.RK4, a, x0, 1, 100); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVJP is the adjoint sweep for the gradient in A and x(0): about
// the cost of one Solve, for all n² + n parameters.
func BenchmarkVJP(b *testing.B) {
	a, x0 := benchSetup(32)
	var s ode.Solution
	if err := s.Solve(ode.Linear{}, ode.RK4, a, x0, 1, 100); err != nil {
		b.Fatal(err)
	}
	var x0Bar mat.VecDense
	var aBar mat.Dense
	for b.Loop() {
		s.VJP(&x0Bar, &aBar, x0)
	}
}

// BenchmarkJVP is one forward-sensitivity sweep, for one direction.
func BenchmarkJVP(b *testing.B) {
	a, x0 := benchSetup(32)
	var s ode.Solution
	if err := s.Solve(ode.Linear{}, ode.RK4, a, x0, 1, 100); err != nil {
		b.Fatal(err)
	}
	var dst mat.VecDense
	for b.Loop() {
		s.JVP(&dst, x0, a)
	}
}
