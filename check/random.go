package check

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// Gaussian returns an m×n matrix of independent standard normal entries.
func Gaussian(rnd *rand.Rand, m, n int) *mat.Dense {
	if m <= 0 || n <= 0 {
		panic(fmt.Sprintf("check.Gaussian: %d×%d", m, n))
	}
	a := mat.NewDense(m, n, nil)
	raw := a.RawMatrix().Data
	for i := range raw {
		raw[i] = rnd.NormFloat64()
	}
	return a
}

// Symmetric returns an n×n symmetric matrix (G + Gᵀ)/√2 with G Gaussian:
// standard normal off the diagonal and of variance 2 on it (the Gaussian
// orthogonal ensemble).
func Symmetric(rnd *rand.Rand, n int) *mat.SymDense {
	g := Gaussian(rnd, n, n)
	s := mat.NewSymDense(n, nil)
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			s.SetSym(i, j, (g.At(i, j)+g.At(j, i))/math.Sqrt2)
		}
	}
	return s
}

// Orthogonal returns an n×n orthogonal matrix drawn uniformly (from the Haar
// measure): the Q of the QR factorization of a Gaussian matrix, with the
// signs of the columns fixed so that R has a positive diagonal.
func Orthogonal(rnd *rand.Rand, n int) *mat.Dense {
	var qr mat.QR
	qr.Factorize(Gaussian(rnd, n, n))
	var q, r mat.Dense
	qr.QTo(&q)
	qr.RTo(&r)
	for j := 0; j < n; j++ {
		if r.At(j, j) < 0 {
			for i := 0; i < n; i++ {
				q.Set(i, j, -q.At(i, j))
			}
		}
	}
	return &q
}

// SPD returns an n×n symmetric positive definite matrix Q diag(λ) Qᵀ with Q
// from Orthogonal and eigenvalues λ spaced evenly in logarithm from 1 down to
// 1/cond, so that its 2-norm condition number is cond (≥ 1); 1 for n = 1.
func SPD(rnd *rand.Rand, n int, cond float64) *mat.SymDense {
	if !(cond >= 1) {
		panic(fmt.Sprintf("check.SPD: condition number %g < 1", cond))
	}
	q := Orthogonal(rnd, n)
	lam := spectrum(n, cond)
	s := mat.NewSymDense(n, nil)
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			var v float64
			for k := 0; k < n; k++ {
				v += q.At(i, k) * lam[k] * q.At(j, k)
			}
			s.SetSym(i, j, v)
		}
	}
	return s
}

// Conditioned returns an n×n matrix U diag(σ) Vᵀ with U and V from Orthogonal
// and singular values σ spaced evenly in logarithm from 1 down to 1/cond, so
// that its 2-norm condition number is cond (≥ 1). It is not symmetric. A
// 1×1 matrix has condition number 1 whatever cond is (as with SPD).
func Conditioned(rnd *rand.Rand, n int, cond float64) *mat.Dense {
	if !(cond >= 1) {
		panic(fmt.Sprintf("check.Conditioned: condition number %g < 1", cond))
	}
	return usv(Orthogonal(rnd, n), spectrum(n, cond), Orthogonal(rnd, n), n, n, n)
}

// FixedRank returns an m×n matrix of rank r: U diag(σ) Vᵀ with orthonormal
// U (m×r) and V (n×r) drawn uniformly and singular values σ drawn uniformly
// from [1, 2]. r may be 0, for the zero matrix.
func FixedRank(rnd *rand.Rand, m, n, r int) *mat.Dense {
	if r < 0 || r > min(m, n) {
		panic(fmt.Sprintf("check.FixedRank: rank %d of a %d×%d matrix", r, m, n))
	}
	sigma := make([]float64, r)
	for i := range sigma {
		sigma[i] = 1 + rnd.Float64()
	}
	return usv(Orthogonal(rnd, m), sigma, Orthogonal(rnd, n), m, n, r)
}

// usv returns the m×n matrix Σ_{k<r} σ_k u_k v_kᵀ of the first r columns of u
// and v.
func usv(u mat.Matrix, sigma []float64, v mat.Matrix, m, n, r int) *mat.Dense {
	a := mat.NewDense(m, n, nil)
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			var s float64
			for k := 0; k < r; k++ {
				s += u.At(i, k) * sigma[k] * v.At(j, k)
			}
			a.Set(i, j, s)
		}
	}
	return a
}

// spectrum returns n values spaced evenly in logarithm from 1 down to 1/cond.
func spectrum(n int, cond float64) []float64 {
	s := make([]float64, n)
	for i := range s {
		if n == 1 {
			s[i] = 1
			continue
		}
		s[i] = math.Pow(cond, -float64(i)/float64(n-1))
	}
	return s
}

// UnitVector returns a vector drawn uniformly from the unit sphere in ℝⁿ: a
// Gaussian vector normalized.
func UnitVector(rnd *rand.Rand, n int) *mat.VecDense {
	if n <= 0 {
		panic(fmt.Sprintf("check.UnitVector: length %d", n))
	}
	for {
		v := mat.NewVecDense(n, nil)
		for i := 0; i < n; i++ {
			v.SetVec(i, rnd.NormFloat64())
		}
		if norm := mat.Norm(v, 2); norm > 0 {
			v.ScaleVec(1/norm, v)
			return v
		}
	}
}

// Direction returns an m×n matrix drawn uniformly from the unit sphere of the
// Frobenius norm: a random direction for JVP, VJP and Adjoint.
func Direction(rnd *rand.Rand, m, n int) *mat.Dense {
	return mat.NewDense(m, n, UnitVector(rnd, m*n).RawVector().Data)
}
