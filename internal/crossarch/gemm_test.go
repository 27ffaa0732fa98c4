package crossarch_test

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/blas"

	"github.com/matcalc/matcalc/kernels"
)

// gemmShapes are the awkward sizes of the GEMM items (m, n, k): primes and
// sizes on either side of the register tiles (6×8 on NEON, the AVX2 tile on
// amd64) and of the kc block of every path (k = 301 > 256), one shape
// smaller than any tile, one vector-like.
var gemmShapes = [][3]int{{7, 9, 5}, {29, 37, 23}, {13, 11, 301}, {1, 17, 3}}

func init() {
	for _, tA := range []blas.Transpose{blas.NoTrans, blas.Trans} {
		for _, tB := range []blas.Transpose{blas.NoTrans, blas.Trans} {
			tA, tB := tA, tB
			workload = append(workload, item{
				name: fmt.Sprintf("dgemm_%c%c", tA, tB),
				// A correct result is within γ_{k+2} ≈ (k+2)·eps times
				// |alpha|·Σ|a·b| + |beta·c| of the exact one (k products
				// summed, alpha and beta applied), however the sum is ordered
				// or fused; bound carries the factor k+2, so two correct
				// results differ by at most 2·eps·bound.
				tol: 2 * 0x1p-52,
				run: func() (got, bound, inputs []float64) { return runGemm(tA, tB) },
			})
		}
	}
}

// runGemm computes C = alpha·op(A)·op(B) + beta·C with kernels.Dgemm for
// every shape, with leading dimensions wider than the matrices. The first
// shape has beta = 0 and NaN in C, which must not reach the result.
func runGemm(tA, tB blas.Transpose) (got, bound, inputs []float64) {
	seed := uint64(tA)<<8 | uint64(tB)
	rng := rand.New(rand.NewPCG(0x6d6174, seed))
	uniform := func(n int) []float64 {
		x := make([]float64, n)
		for i := range x {
			x[i] = 2*rng.Float64() - 1
		}
		inputs = append(inputs, x...)
		return x
	}
	for s, sh := range gemmShapes {
		m, n, k := sh[0], sh[1], sh[2]
		alpha, beta := 0.75, -0.5
		if s == 0 {
			beta = 0
		}
		ar, ac := m, k
		if tA != blas.NoTrans {
			ar, ac = k, m
		}
		br, bc := k, n
		if tB != blas.NoTrans {
			br, bc = n, k
		}
		lda, ldb, ldc := ac+3, bc+1, n+2
		a, b, c := uniform(ar*lda), uniform(br*ldb), uniform(m*ldc)
		if beta == 0 {
			for i := range c {
				c[i] = math.NaN()
			}
		}
		opA := func(i, p int) float64 {
			if tA == blas.NoTrans {
				return a[i*lda+p]
			}
			return a[p*lda+i]
		}
		opB := func(p, j int) float64 {
			if tB == blas.NoTrans {
				return b[p*ldb+j]
			}
			return b[j*ldb+p]
		}
		// The bound (k+2)·(|alpha|·Σ_p |op(A)[i,p]·op(B)[p,j]| + |beta·C[i,j]|).
		for i := 0; i < m; i++ {
			for j := 0; j < n; j++ {
				var s float64
				for p := 0; p < k; p++ {
					s += math.Abs(opA(i, p) * opB(p, j))
				}
				if beta != 0 {
					s = math.Abs(alpha)*s + math.Abs(beta*c[i*ldc+j])
				} else {
					s *= math.Abs(alpha)
				}
				bound = append(bound, float64(k+2)*s)
			}
		}
		kernels.Dgemm(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
		for i := 0; i < m; i++ {
			got = append(got, c[i*ldc:i*ldc+n]...)
		}
	}
	return got, bound, inputs
}
