package newton_test

import (
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/check"
	"github.com/matcalc/matcalc/newton"
)

// BenchmarkSqrt is the Denman–Beavers square root of a 64×64 SPD matrix of
// condition number 1e4.
func BenchmarkSqrt(b *testing.B) {
	a := check.SPD(rand.New(rand.NewPCG(1, 2)), 64, 1e4)
	var x mat.Dense
	for b.Loop() {
		if _, err := newton.Sqrt(&x, a, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMinimize is Newton–CG on tr(SX) − log det X, n = 16.
func BenchmarkMinimize(b *testing.B) {
	s := check.SPD(rand.New(rand.NewPCG(1, 2)), 16, 20)
	p := logDetProblem(s)
	var x mat.Dense
	for b.Loop() {
		if _, err := newton.Minimize(&x, p, eye(16), nil); err != nil {
			b.Fatal(err)
		}
	}
}
