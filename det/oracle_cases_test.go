package det

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// testCase is a matrix for the comparisons with the oracle and with finite
// differences.
type testCase struct {
	name string
	n    int
	a    []float64
}

// oracleCases returns matrices of every kind up to order maxN: random,
// integer, exactly rank n−1 with the dependent row or column anywhere (so
// that the zero pivot lands anywhere), exactly rank n−2, the shift matrix,
// nearly singular with σ_min = 1e-12, and Hilbert.
func oracleCases(maxN int) []testCase {
	rng := rand.New(rand.NewPCG(11, 13))
	var cs []testCase
	add := func(name string, n int, a []float64) {
		cs = append(cs, testCase{fmt.Sprintf("%s/n=%d", name, n), n, a})
	}
	for n := 1; n <= maxN; n++ {
		add("rand", n, randMat(rng, n))
		add("int", n, randInt(rng, n, 4))
		add("shift", n, shift(n))
		add("hilbert", n, hilbert(n))
		if n >= 2 {
			for _, pos := range []int{0, n / 2, n - 1} {
				// Row pos = row p − 2·row q, exactly.
				a := randInt(rng, n, 4)
				p, q := (pos+1)%n, (pos+n-1)%n
				for j := 0; j < n; j++ {
					a[pos*n+j] = a[p*n+j] - 2*a[q*n+j]
				}
				if p == q {
					for j := 0; j < n; j++ {
						a[pos*n+j] = -a[p*n+j]
					}
				}
				add(fmt.Sprintf("rowdep%d", pos), n, a)
				add(fmt.Sprintf("coldep%d", pos), n, transpose(a, n))
			}
			s := make([]float64, n)
			for i := range s {
				s[i] = 1 + rng.Float64()
			}
			s[n-1] = 1e-12
			add("nearsing", n, withSingularValues(rng, s))
		}
		if n >= 3 {
			add("rank-2", n, intLowRank(rng, n, n-2))
		}
	}
	return cs
}

// singularValues returns the singular values of a, descending, by gonum's
// SVD (independent of the package's use of lapack).
func singularValues(n int, a []float64) []float64 {
	if n == 0 {
		return nil
	}
	var svd mat.SVD
	svd.Factorize(dense(n, a), mat.SVDNone)
	return svd.Values(nil)
}

// ratio returns s[0]/s[k] (+Inf when s[k] is zero to working precision),
// and 1 when k is out of range.
func ratio(s []float64, k int) float64 {
	if k < 0 || k >= len(s) {
		return 1
	}
	if s[k] <= float64(len(s))*eps*s[0] {
		return math.Inf(1)
	}
	return s[0] / s[k]
}

// The error bounds, from first-order perturbation theory with a generous
// constant C = 100·n: the cofactor matrix is a polynomial whose relative
// condition number is about σ_1/σ_{n−1}, its derivative about σ_1/σ_{n−2};
// A⁻¹ and log|det| are conditioned by κ = σ_1/σ_n; the LU formula for the
// HVP of det adds a factor κ (see HVPCondLimit); and when σ_{n−1} (σ_{n−2})
// is zero to working precision the answer is exactly zero and must come out
// as zero up to C·ε·‖A‖^{n−1} (‖A‖^{n−2}).
func TestAgainstOracle(t *testing.T) {
	maxN := 8
	if testing.Short() {
		maxN = 6
	}
	rng := rand.New(rand.NewPCG(17, 19))
	for _, c := range oracleCases(maxN) {
		n := c.n
		e := randMat(rng, n)
		o := oracle(c.a, e, n)
		f := mustLU(t, n, c.a)
		s := singularValues(n, c.a)
		C := 100 * float64(n) * eps
		anorm := s[0]

		// det: relative error C·κ, or absolute C·‖A‖ⁿ near zero.
		if d := f.Det(); math.Abs(d-o.det) > C*(ratio(s, n-1)*math.Abs(o.det)+math.Pow(anorm, float64(n))*eps) && !(math.IsInf(ratio(s, n-1), 1) && math.Abs(d) <= C*math.Pow(anorm, float64(n))) {
			t.Errorf("%s: Det = %v, exact %v", c.name, d, o.det)
		}

		var g mat.Dense
		f.Grad(&g)
		checkMat(t, c.name+" Grad", raw(&g), o.cof, C*ratio(s, n-2), C*math.Pow(anorm, float64(n-1)))

		var h mat.Dense
		f.HVP(&h, dense(n, e))
		bound := C * ratio(s, n-3)
		if f.pathFor(HVPCondLimit) == pathLU {
			bound = C * f.Cond()
		}
		checkMat(t, c.name+" HVP", raw(&h), o.cofDer, bound, C*math.Pow(anorm, float64(n-2))*norm(e))

		// Both stable factorizations, forced, on the same bounds.
		for _, path := range []int{pathQR, pathSVD} {
			if n <= smallN {
				break
			}
			fp := mustLU(t, n, c.a)
			fp.force = path
			var g, h mat.Dense
			fp.Grad(&g)
			fp.HVP(&h, dense(n, e))
			name := c.name + []string{pathQR: " QR", pathSVD: " SVD"}[path]
			checkMat(t, name+" Grad", raw(&g), o.cof, C*ratio(s, n-2), C*math.Pow(anorm, float64(n-1)))
			checkMat(t, name+" HVP", raw(&h), o.cofDer, C*ratio(s, n-3), C*math.Pow(anorm, float64(n-2))*norm(e))
		}

		if o.inv == nil || f.Cond() >= singularCond {
			continue
		}
		var lg, lh mat.Dense
		if err := f.LogGrad(&lg); err != nil {
			t.Errorf("%s: LogGrad: %v", c.name, err)
		}
		checkMat(t, c.name+" LogGrad", raw(&lg), transpose(o.inv, n), C*f.Cond(), 0)
		if err := f.LogHVP(&lh, dense(n, e)); err != nil {
			t.Errorf("%s: LogHVP: %v", c.name, err)
		}
		checkMat(t, c.name+" LogHVP", raw(&lh), o.logHVP, 2*C*f.Cond(), 0)
	}
}

// checkMat fails when ‖got − want‖ > rel·‖want‖ + abs, or got has a NaN.
func checkMat(t *testing.T, name string, got, want []float64, rel, abs float64) {
	t.Helper()
	if math.IsInf(rel, 1) {
		rel = 0 // zero to working precision: the exact answer is within abs of 0
	}
	d := make([]float64, len(got))
	for i := range got {
		if math.IsNaN(got[i]) || math.IsInf(got[i], 0) {
			t.Errorf("%s: non-finite entry %v", name, got[i])
			return
		}
		d[i] = got[i] - want[i]
	}
	if norm(d) > rel*norm(want)+abs {
		t.Errorf("%s: ‖error‖ = %.3g, ‖exact‖ = %.3g, bound rel %.3g abs %.3g", name, norm(d), norm(want), rel, abs)
	}
}

// kahan returns Kahan's n×n matrix diag(1, s, …, s^(n−1))·(I − c·N), N the
// strictly upper triangular matrix of ones and s = √(1 − c²), with column j
// scaled by 1 − 25jε so that QR with column pivoting does not pivot. Its
// columns all have norm about 1, yet its last pivot is tiny and U₁⁻¹ has
// entries c(1+c)^(j−i−1): QR with column pivoting does not reveal its rank.
func kahan(n int, c float64) []float64 {
	s := math.Sqrt(1 - c*c)
	a := make([]float64, n*n)
	for i := 0; i < n; i++ {
		si := math.Pow(s, float64(i))
		a[i*n+i] = si
		for j := i + 1; j < n; j++ {
			a[i*n+j] = -c * si
		}
	}
	for j := 0; j < n; j++ {
		for i := 0; i < n; i++ {
			a[i*n+j] *= 1 - 25*float64(j)*eps
		}
	}
	return a
}

// Kahan's matrix, on which QR with column pivoting is known to fail to
// reveal rank, meets the oracle's bounds on the QR path, and on the SVD
// fallback, forced by lowering growthLimit.
func TestKahan(t *testing.T) {
	n := 10
	a := kahan(n, 0.9)
	e := randMat(rand.New(rand.NewPCG(103, 107)), n)
	o := oracle(a, e, n)
	s := singularValues(n, a)
	C := 100 * float64(n) * eps
	for _, limit := range []float64{growthLimit, 0.5} {
		saved := growthLimit
		growthLimit = limit
		f := mustLU(t, n, a)
		f.force = pathQR
		var g, h mat.Dense
		f.Grad(&g)
		f.HVP(&h, dense(n, e))
		growthLimit = saved
		want := pathQR
		if limit < 1 {
			want = pathSVD
		}
		if f.stableKind != want {
			t.Errorf("growth limit %v: stable path %d, want %d", limit, f.stableKind, want)
		}
		checkMat(t, "Kahan Grad", raw(&g), o.cof, C*ratio(s, n-2), 0)
		checkMat(t, "Kahan HVP", raw(&h), o.cofDer, C*ratio(s, n-3), 0)
	}
}
