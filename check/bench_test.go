package check_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/matcalc/matcalc/check"
)

// The cost of a check is dominated by evaluations of f: about 70 for a
// Richardson step search, times n² entries for VJP and Gradient.

func BenchmarkJVP(b *testing.B) {
	for _, n := range []int{4, 16, 64} {
		rnd := rand.New(rand.NewPCG(9, 1))
		a := check.Conditioned(rnd, n, 100)
		dA := check.Direction(rnd, n, n)
		jvp := inverseJVP(a)
		b.Run(fmt.Sprint("inverse/n=", n), func(b *testing.B) {
			for b.Loop() {
				check.JVP(inverse, jvp, a, dA, nil)
			}
		})
	}
}

func BenchmarkVJP(b *testing.B) {
	for _, n := range []int{4, 8} {
		rnd := rand.New(rand.NewPCG(9, 2))
		a := check.Conditioned(rnd, n, 100)
		yBar := check.Direction(rnd, n, n)
		vjp := inverseVJP(a)
		b.Run(fmt.Sprint("inverse/n=", n), func(b *testing.B) {
			for b.Loop() {
				check.VJP(inverse, vjp, a, yBar, nil)
			}
		})
	}
}

func BenchmarkAdjoint(b *testing.B) {
	for _, n := range []int{16, 128} {
		rnd := rand.New(rand.NewPCG(9, 3))
		a := check.Conditioned(rnd, n, 100)
		dA, yBar := check.Direction(rnd, n, n), check.Direction(rnd, n, n)
		jvp, vjp := inverseJVP(a), inverseVJP(a)
		b.Run(fmt.Sprint("inverse/n=", n), func(b *testing.B) {
			for b.Loop() {
				check.Adjoint(jvp, vjp, dA, yBar, nil)
			}
		})
	}
}
