package dual_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/check"
	"github.com/matcalc/matcalc/check/dual"
)

func BenchmarkDet(b *testing.B) {
	for _, n := range []int{8, 64} {
		for _, k := range []int{1, 8} {
			rnd := rand.New(rand.NewPCG(9, 4))
			dirs := make([]mat.Matrix, k)
			for i := range dirs {
				dirs[i] = check.Direction(rnd, n, n)
			}
			x := dual.NewMatrix(check.Conditioned(rnd, n, 100), dirs...)
			b.Run(fmt.Sprintf("n=%d/dirs=%d", n, k), func(b *testing.B) {
				for b.Loop() {
					if _, err := dual.Det(x); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

func BenchmarkPow(b *testing.B) {
	for _, n := range []int{8, 64} {
		rnd := rand.New(rand.NewPCG(9, 5))
		x := dual.NewMatrix(check.Conditioned(rnd, n, 100), check.Direction(rnd, n, n))
		b.Run(fmt.Sprintf("n=%d/k=10", n), func(b *testing.B) {
			var y dual.Matrix
			for b.Loop() {
				if err := y.Pow(x, 10); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
