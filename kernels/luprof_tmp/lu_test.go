package luprof_tmp

import (
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/kernels"
)

func BenchmarkLU(b *testing.B) {
	blas64.Use(kernels.Implementation{})
	n := 512
	rng := rand.New(rand.NewPCG(1, 1))
	d := make([]float64, n*n)
	for i := range d {
		d[i] = rng.Float64()
	}
	a := mat.NewDense(n, n, d)
	var lu mat.LU
	for b.Loop() {
		lu.Factorize(a)
	}
}
