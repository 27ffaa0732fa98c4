package kernels_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/lapack"
	lapackgonum "gonum.org/v1/gonum/lapack/gonum"
	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/kernels"
)

// lapackFloat64 is the part of lapack.Float64 the benchmarks call.
type lapackFloat64 interface {
	Dgetrf(m, n int, a []float64, lda int, ipiv []int) bool
	Dgecon(norm lapack.MatrixNorm, n int, a []float64, lda int, anorm float64, work []float64, iwork []int) float64
	Dlange(norm lapack.MatrixNorm, m, n int, a []float64, lda int, work []float64) float64
	Dpotrf(ul blas.Uplo, n int, a []float64, lda int) bool
	Dlansy(norm lapack.MatrixNorm, ul blas.Uplo, n int, a []float64, lda int, work []float64) float64
}

// benchLAPACKs are the implementations compared: gonum's LAPACK on gonum's
// BLAS, gonum's LAPACK on Implementation, and LAPACK on Implementation (as
// Install sets them up).
var benchLAPACKs = []struct {
	name string
	impl lapackFloat64
	blas bool // Implementation is the BLAS
}{
	{"gonum", lapackgonum.Implementation{}, false},
	{"blas", lapackgonum.Implementation{}, true},
	{"lapack", kernels.LAPACK{}, true},
}

// benchGeneral returns a random n×n matrix with standard normal entries.
func benchGeneral(n int) []float64 {
	rng := rand.New(rand.NewPCG(uint64(n), 11))
	a := make([]float64, n*n)
	for i := range a {
		a[i] = rng.NormFloat64()
	}
	return a
}

// BenchmarkDgetrf measures the LU factorization alone (on a fresh copy of
// a random square matrix each time) for each implementation.
func BenchmarkDgetrf(b *testing.B) {
	for _, n := range []int{100, 512, 1024} {
		src := benchGeneral(n)
		for _, im := range benchLAPACKs {
			b.Run(fmt.Sprintf("%s/%d", im.name, n), func(b *testing.B) {
				if im.blas {
					defer blas64.Use(blas64.Implementation())
					blas64.Use(kernels.Implementation{})
				}
				a := make([]float64, n*n)
				ipiv := make([]int, n)
				for b.Loop() {
					copy(a, src)
					im.impl.Dgetrf(n, n, a, n, ipiv)
				}
			})
		}
	}
}

// benchSPD returns a random n×n symmetric positive definite matrix,
// G·Gᵀ/n + I for a G with standard normal entries.
func benchSPD(n int) []float64 {
	g := mat.NewDense(n, n, benchGeneral(n))
	var s mat.Dense
	s.Mul(g, g.T())
	s.Scale(1/float64(n), &s)
	for i := range n {
		s.Set(i, i, s.At(i, i)+1)
	}
	return s.RawMatrix().Data
}

// BenchmarkDpotrf measures the Cholesky factorization alone (on a fresh
// copy of a random symmetric positive definite matrix each time), of the
// upper triangle as mat.Cholesky asks for and of the lower, for each
// implementation.
func BenchmarkDpotrf(b *testing.B) {
	for _, n := range []int{100, 512, 1024} {
		src := benchSPD(n)
		for _, ul := range []blas.Uplo{blas.Upper, blas.Lower} {
			for _, im := range benchLAPACKs {
				b.Run(fmt.Sprintf("%s/%c/%d", im.name, ul, n), func(b *testing.B) {
					if im.blas {
						defer blas64.Use(blas64.Implementation())
						blas64.Use(kernels.Implementation{})
					}
					a := make([]float64, n*n)
					for b.Loop() {
						copy(a, src)
						if !im.impl.Dpotrf(ul, n, a, n) {
							b.Fatal("not positive definite")
						}
					}
				})
			}
		}
	}
}

// BenchmarkDlansy measures the 1-norm of a symmetric matrix from its upper
// triangle, as mat.Cholesky computes it for its condition estimate.
func BenchmarkDlansy(b *testing.B) {
	for _, n := range []int{100, 512, 1024} {
		a := benchSPD(n)
		work := make([]float64, n)
		for _, im := range benchLAPACKs {
			if im.name == "blas" {
				continue // Dlansy calls no BLAS: the same as gonum
			}
			b.Run(fmt.Sprintf("%s/%d", im.name, n), func(b *testing.B) {
				for b.Loop() {
					im.impl.Dlansy(lapack.MaxColumnSum, blas.Upper, n, a, n, work)
				}
			})
		}
	}
}

// BenchmarkDgecon measures the condition estimate alone, in the ∞-norm as
// mat.LU computes it, from the LU factors of a random square matrix.
func BenchmarkDgecon(b *testing.B) {
	for _, n := range []int{100, 512, 1024} {
		a := benchGeneral(n)
		anorm := lapackgonum.Implementation{}.Dlange(lapack.MaxRowSum, n, n, a, n, nil)
		lapackgonum.Implementation{}.Dgetrf(n, n, a, n, make([]int, n))
		for _, im := range benchLAPACKs {
			b.Run(fmt.Sprintf("%s/%d", im.name, n), func(b *testing.B) {
				if im.blas {
					defer blas64.Use(blas64.Implementation())
					blas64.Use(kernels.Implementation{})
				}
				work := make([]float64, 4*n)
				iwork := make([]int, n)
				for b.Loop() {
					im.impl.Dgecon(lapack.MaxRowSum, n, a, n, anorm, work, iwork)
				}
			})
		}
	}
}

// BenchmarkMatLU measures gonum's mat.LU (Dlange, Dgetrf and Dgecon) on
// gonum alone, with Implementation as the BLAS and with Install (n = 512 is
// also in BenchmarkLevel2LAPACK).
func BenchmarkMatLU(b *testing.B) {
	for _, n := range []int{100, 1024} {
		a := mat.NewDense(n, n, benchGeneral(n))
		for _, setup := range []struct {
			name    string
			install func() (restore func())
		}{
			{"gonum", func() func() { return func() {} }},
			{"blas", func() func() {
				prev := blas64.Implementation()
				blas64.Use(kernels.Implementation{})
				return func() { blas64.Use(prev) }
			}},
			{"install", kernels.Install},
		} {
			b.Run(fmt.Sprintf("%s/%d", setup.name, n), func(b *testing.B) {
				defer setup.install()()
				var lu mat.LU
				for b.Loop() {
					lu.Factorize(a)
				}
			})
		}
	}
}
