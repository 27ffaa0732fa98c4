// Copyright ©2026 The matcalc Authors. All rights reserved.

package eigensolver

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/lapack"
	"gonum.org/v1/gonum/lapack/gonum"
	"gonum.org/v1/gonum/lapack/testlapack"
	"gonum.org/v1/gonum/mat"
)

// lapackAdapter presents Eigen as LAPACK routines so that gonum's own
// conformance tests (lapack/testlapack) run on the new path: Dsyev as
// Factorize, Dsteqr as FactorizeTridiagonal (with the reduction's Q applied
// for lapack.EVOrig). The other routines those tests need are gonum's.
type lapackAdapter struct {
	gonum.Implementation
	leaf int
}

func (l lapackAdapter) Dsyev(jobz lapack.EVJob, uplo blas.Uplo, n int, a []float64, lda int, w, work []float64, lwork int) bool {
	if lwork == -1 {
		work[0] = 1
		return true
	}
	s := mat.NewSymDense(max(n, 1), nil)
	if n == 0 {
		return true
	}
	for i := range n {
		for j := range n {
			if (uplo == blas.Upper && j >= i) || (uplo == blas.Lower && j <= i) {
				s.SetSym(i, j, a[i*lda+j])
			}
		}
	}
	e := Eigen{dc: dc{leaf: l.leaf}}
	if err := e.Factorize(s, jobz == lapack.EVCompute); err != nil {
		return false
	}
	e.Values(w)
	if jobz == lapack.EVCompute {
		for i := range n {
			copy(a[i*lda:i*lda+n], e.vectors[i*n:(i+1)*n])
		}
	}
	return true
}

func (l lapackAdapter) Dsteqr(compz lapack.EVComp, n int, d, e, z []float64, ldz int, work []float64) bool {
	if n == 0 {
		return true
	}
	eig := Eigen{dc: dc{leaf: l.leaf}}
	if err := eig.FactorizeTridiagonal(d[:n], e[:n-1], compz != lapack.EVCompNone); err != nil {
		return false
	}
	eig.Values(d[:n])
	switch compz {
	case lapack.EVTridiag:
		for i := range n {
			copy(z[i*ldz:i*ldz+n], eig.vectors[i*n:(i+1)*n])
		}
	case lapack.EVOrig:
		q := make([]float64, n*n)
		for i := range n {
			copy(q[i*n:(i+1)*n], z[i*ldz:i*ldz+n])
		}
		blas64.Implementation().Dgemm(blas.NoTrans, blas.NoTrans, n, n, n, 1, q, n, eig.vectors, n, 0, z, ldz)
	}
	return true
}

func TestLapackDsyev(t *testing.T) {
	leaves := []int{Cutoff, 3}
	if testing.Short() {
		leaves = leaves[1:]
	}
	for _, leaf := range leaves {
		testlapack.DsyevTest(t, lapackAdapter{leaf: leaf})
	}
}

func TestLapackDsteqr(t *testing.T) {
	for _, leaf := range []int{Cutoff, 2, 3} {
		testlapack.DsteqrTest(t, lapackAdapter{leaf: leaf})
	}
}

// TestOrmtr checks the blocked back-transformation against gonum's
// unblocked Dorm2r, on reflectors of which some have trailing zeros (the
// case gonum's blocked Dormqr gets wrong) and on block edges.
func TestOrmtr(t *testing.T) {
	rnd := rand.New(rand.NewPCG(9, 9))
	impl := gonum.Implementation{}
	for _, n := range []int{1, 2, 3, ormtrNB, ormtrNB + 1, ormtrNB + 2, 2*ormtrNB + 3, 150} {
		for _, zeros := range []bool{false, true} {
			a := make([]float64, n*n)
			for i := range a {
				a[i] = rnd.NormFloat64()
			}
			tau := make([]float64, max(n-1, 0))
			for i := range tau {
				if zeros && i%3 == 1 {
					// Zero the tail of reflector i, below row i+2.
					for r := i + 3; r < n; r++ {
						a[r*n+i] = 0
					}
				}
				// τ = 2/‖v‖² makes H(i) orthogonal.
				vv := 1.0
				for r := i + 2; r < n; r++ {
					vv += a[r*n+i] * a[r*n+i]
				}
				tau[i] = 2 / vv
			}
			c := make([]float64, n*n)
			for i := range c {
				c[i] = rnd.NormFloat64()
			}
			want := append([]float64(nil), c...)
			var ws backWork
			ormtr(n, a, tau, c, &ws)
			if n > 1 {
				work := make([]float64, n)
				impl.Dorm2r(blas.Left, blas.NoTrans, n-1, n, n-1, a[n:], n, tau, want[n:], n, work)
			}
			for i := range c {
				if math.Abs(c[i]-want[i]) > 1e-12*float64(n) {
					t.Fatalf("n=%d zeros=%v: c[%d] = %v, want %v", n, zeros, i, c[i], want[i])
				}
			}
		}
	}
}
