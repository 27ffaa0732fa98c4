package det

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// Helpers shared by the tests.

// randMat returns an n×n row-major matrix with entries uniform in [−1, 1).
func randMat(rng *rand.Rand, n int) []float64 {
	a := make([]float64, n*n)
	for i := range a {
		a[i] = 2*rng.Float64() - 1
	}
	return a
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

// dot returns Σ x_i y_i.
func dot(x, y []float64) float64 {
	var s float64
	for i := range x {
		s += x[i] * y[i]
	}
	return s
}

// addScaled returns a + h·e.
func addScaled(a []float64, h float64, e []float64) []float64 {
	out := make([]float64, len(a))
	for i := range a {
		out[i] = a[i] + h*e[i]
	}
	return out
}

// centralDiff returns the derivative at h = 0 of the vector function f by
// central differences with one Richardson step, R(h) = (4·D(h/2) − D(h))/3
// with D(h) = (f(h) − f(−h))/(2h), whose truncation error is O(h⁴). It
// returns R(h/2) and the estimate ‖R(h) − R(h/2)‖ of the error of R(h), which
// is about 16 times the truncation error of R(h/2).
func centralDiff(f func(h float64) []float64, h float64) (d []float64, errEst float64) {
	D := func(h float64) []float64 {
		p, m := f(h), f(-h)
		out := make([]float64, len(p))
		for i := range p {
			out[i] = (p[i] - m[i]) / (2 * h)
		}
		return out
	}
	R := func(h float64) []float64 {
		d1, d2 := D(h), D(h/2)
		out := make([]float64, len(d1))
		for i := range d1 {
			out[i] = (4*d2[i] - d1[i]) / 3
		}
		return out
	}
	r1, r2 := R(h), R(h/2)
	diff := make([]float64, len(r1))
	for i := range r1 {
		diff[i] = r1[i] - r2[i]
	}
	return r2, norm(diff)
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

// randOrth returns a random n×n orthogonal matrix (QR of a Gaussian one).
func randOrth(rng *rand.Rand, n int) []float64 {
	g := mat.NewDense(n, n, nil)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			g.Set(i, j, rng.NormFloat64())
		}
	}
	var qr mat.QR
	qr.Factorize(g)
	var q mat.Dense
	qr.QTo(&q)
	return raw(&q)
}

// withSingularValues returns Q1 diag(s) Q2 for random orthogonal Q1, Q2.
func withSingularValues(rng *rand.Rand, s []float64) []float64 {
	n := len(s)
	q1, q2 := dense(n, randOrth(rng, n)), dense(n, randOrth(rng, n))
	d := mat.NewDiagDense(n, append([]float64(nil), s...))
	var m mat.Dense
	m.Mul(q1, d)
	m.Mul(&m, q2)
	return raw(&m)
}
