package check_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/check"
)

func TestRandomMatrices(t *testing.T) {
	rnd := rand.New(rand.NewPCG(4, 1))
	for _, n := range []int{1, 2, 5, 12} {
		q := check.Orthogonal(rnd, n)
		var qtq mat.Dense
		qtq.Mul(q.T(), q)
		if !mat.EqualApprox(&qtq, eye(n), 1e-13) {
			t.Errorf("n=%d: QᵀQ ≠ I", n)
		}

		s := check.Symmetric(rnd, n)
		if !mat.Equal(s, s.T()) {
			t.Errorf("n=%d: Symmetric is not symmetric", n)
		}

		for _, cond := range []float64{1, 1e3, 1e8} {
			spd := check.SPD(rnd, n, cond)
			var es mat.EigenSym
			if !es.Factorize(spd, false) {
				t.Fatal("EigenSym failed")
			}
			ev := es.Values(nil)
			if ev[0] <= 0 {
				t.Errorf("n=%d cond=%g: SPD has eigenvalue %g", n, cond, ev[0])
			}
			want := cond
			if n == 1 {
				want = 1
			}
			if got := ev[n-1] / ev[0]; math.Abs(got-want) > 1e-6*want {
				t.Errorf("n=%d: SPD condition %g, want %g", n, got, want)
			}

			c := check.Conditioned(rnd, n, cond)
			var svd mat.SVD
			svd.Factorize(c, mat.SVDNone)
			sv := svd.Values(nil)
			if got := sv[0] / sv[n-1]; math.Abs(got-want) > 1e-6*want {
				t.Errorf("n=%d: Conditioned has condition %g, want %g", n, got, want)
			}
		}

		v := check.UnitVector(rnd, n)
		if math.Abs(mat.Norm(v, 2)-1) > 1e-15 {
			t.Errorf("n=%d: |UnitVector| = %g", n, mat.Norm(v, 2))
		}
		d := check.Direction(rnd, n, n+1)
		if r, c := d.Dims(); r != n || c != n+1 || math.Abs(mat.Norm(d, 2)-1) > 1e-15 {
			t.Errorf("Direction: %d×%d of norm %g", r, c, mat.Norm(d, 2))
		}
	}

	for _, c := range []struct{ m, n, r int }{{4, 4, 0}, {4, 4, 2}, {5, 3, 3}, {3, 6, 1}, {6, 6, 5}} {
		a := check.FixedRank(rnd, c.m, c.n, c.r)
		var svd mat.SVD
		svd.Factorize(a, mat.SVDNone)
		sv := svd.Values(nil)
		for i, s := range sv {
			if i < c.r && (s < 1-1e-12 || s > 2+1e-12) {
				t.Errorf("FixedRank %v: σ%d = %g, want in [1, 2]", c, i, s)
			}
			if i >= c.r && s > 1e-14 {
				t.Errorf("FixedRank %v: σ%d = %g, want 0", c, i, s)
			}
		}
	}
}

// TestUnitVectorUniform checks that UnitVector is uniform on the sphere
// in the way a test can: the mean is near zero and each squared coordinate
// averages 1/n.
func TestUnitVectorUniform(t *testing.T) {
	rnd := rand.New(rand.NewPCG(4, 2))
	const n, draws = 3, 20000
	var mean, sq [n]float64
	for range draws {
		v := check.UnitVector(rnd, n)
		for i := 0; i < n; i++ {
			mean[i] += v.AtVec(i) / draws
			sq[i] += v.AtVec(i) * v.AtVec(i) / draws
		}
	}
	for i := 0; i < n; i++ {
		// Standard errors: √(1/(n·draws)) ≈ 0.004 and about 0.002.
		if math.Abs(mean[i]) > 0.03 || math.Abs(sq[i]-1.0/n) > 0.02 {
			t.Errorf("coordinate %d: mean %g, mean square %g, want 0 and %g", i, mean[i], sq[i], 1.0/n)
		}
	}
}

func TestRandomReproducible(t *testing.T) {
	a := check.Gaussian(rand.New(rand.NewPCG(7, 7)), 3, 3)
	b := check.Gaussian(rand.New(rand.NewPCG(7, 7)), 3, 3)
	if !mat.Equal(a, b) {
		t.Error("the same seed gave different matrices")
	}
}
