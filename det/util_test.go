package det

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/check"
)

// Helpers shared by the tests.

// randMat returns an n×n Gaussian matrix from check.Gaussian, row-major, the
// form the exact oracle takes.
func randMat(rng *rand.Rand, n int) []float64 {
	return raw(check.Gaussian(rng, n, n))
}

// randInt returns an n×n row-major matrix of small integers in [−k, k].
func randInt(rng *rand.Rand, n, k int) []float64 {
	a := make([]float64, n*n)
	for i := range a {
		a[i] = float64(rng.IntN(2*k+1) - k)
	}
	return a
}

// dense wraps a copy of row-major data as a *mat.Dense (nil for n = 0).
func dense(n int, a []float64) *mat.Dense {
	if n == 0 {
		return &mat.Dense{}
	}
	return mat.NewDense(n, n, append([]float64(nil), a...))
}

// raw returns the entries of an n×n matrix in row-major order.
func raw(m mat.Matrix) []float64 {
	r, c := m.Dims()
	out := make([]float64, 0, r*c)
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			out = append(out, m.At(i, j))
		}
	}
	return out
}

// norm returns the Frobenius norm of x.
func norm(x []float64) float64 {
	var s float64
	for _, v := range x {
		s += v * v
	}
	return math.Sqrt(s)
}

// relDiff returns ‖got − want‖_F / ‖want‖_F, or ‖got‖_F when want is zero.
func relDiff(got, want []float64) float64 {
	if len(got) != len(want) {
		return math.Inf(1)
	}
	d := make([]float64, len(got))
	for i := range got {
		d[i] = got[i] - want[i]
	}
	if w := norm(want); w != 0 {
		return norm(d) / w
	}
	return norm(d)
}

// mustLU factorizes a or fails the test.
func mustLU(t testing.TB, n int, a []float64) *LU {
	t.Helper()
	var f LU
	if err := f.Factorize(dense(n, a)); err != nil {
		t.Fatalf("Factorize: %v", err)
	}
	return &f
}

// luGrad returns the gradient of det at a.
func luGrad(t testing.TB, n int, a []float64) []float64 {
	f := mustLU(t, n, a)
	var g mat.Dense
	f.Grad(&g)
	return raw(&g)
}

// luHVP returns the HVP of det at a in direction e.
func luHVP(t testing.TB, n int, a, e []float64) []float64 {
	f := mustLU(t, n, a)
	var h mat.Dense
	f.HVP(&h, dense(n, e))
	return raw(&h)
}

// hilbert returns the n×n Hilbert matrix 1/(i+j+1), row-major.
func hilbert(n int) []float64 {
	a := make([]float64, n*n)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			a[i*n+j] = 1 / float64(i+j+1)
		}
	}
	return a
}

// shift returns the n×n upper shift matrix (ones on the superdiagonal).
func shift(n int) []float64 {
	a := make([]float64, n*n)
	for i := 0; i+1 < n; i++ {
		a[i*n+i+1] = 1
	}
	return a
}

// withSingularValues returns U diag(s) Vᵀ for random orthogonal U and V
// from check.Orthogonal, row-major.
func withSingularValues(rng *rand.Rand, s []float64) []float64 {
	n := len(s)
	var m mat.Dense
	m.Product(check.Orthogonal(rng, n), mat.NewDiagDense(n, append([]float64(nil), s...)), check.Orthogonal(rng, n).T())
	return raw(&m)
}
