package eig

import (
	"fmt"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// TestSymGemmBlocked checks the blocked lower-half products against full
// products at sizes with one, two and eight column blocks, uneven ones
// included.
func TestSymGemmBlocked(t *testing.T) {
	rng := newRand(50)
	for _, n := range []int{1, 31, 64, 100, 257} {
		v := randOrth(rng, n)
		x := symOf(randSym(rng, n))
		got, tmp := mat.NewDense(n, n, nil), mat.NewDense(n, n, nil)
		var want mat.Dense

		toBasis(got, tmp, v, x)
		want.Mul(v.T(), x)
		want.Mul(&want, v)
		checkClose(t, fmt.Sprintf("n=%d: Vᵀ X V", n), got, &want, 1e-13)
		if !mat.Equal(got, got.T()) {
			t.Errorf("n=%d: Vᵀ X V not exactly symmetric", n)
		}

		// L·V for the lower triangle L of x.
		l := mat.DenseCopyOf(x)
		for i := 0; i < n; i++ {
			for j := i + 1; j < n; j++ {
				l.Set(i, j, 0)
			}
		}
		lowerGemm(got, l, v)
		want.Mul(l, v)
		checkClose(t, fmt.Sprintf("n=%d: L V", n), got, &want, 1e-13)
		lowerTimes(got, l, v) // one Dtrmm from order trmmMin on
		checkClose(t, fmt.Sprintf("n=%d: L V by lowerTimes", n), got, &want, 1e-13)

		fromBasis(got, tmp, v, x)
		want.Mul(v, x)
		want.Mul(&want, v.T())
		checkClose(t, fmt.Sprintf("n=%d: V X Vᵀ", n), got, &want, 1e-13)
	}
}

// TestLargerOracles runs the block-exponential oracle and the adjoint
// identities at a size where every product is blocked.
func TestLargerOracles(t *testing.T) {
	n := 70
	if testing.Short() {
		n = 40
	}
	rng := newRand(51)
	q := randOrth(rng, n)
	lam := make([]float64, n)
	for i := range lam {
		lam[i] = float64(i/3) / 10 // triples of equal eigenvalues
	}
	a := withSpectrum(q, lam)
	s := mustFactor(t, a, nil)
	e := randSym(rng, n)
	var got mat.Dense
	if err := s.FuncJVP(&got, Exp, e); err != nil {
		t.Fatal(err)
	}
	checkClose(t, "exp JVP vs block expm", &got, blockExp(a, e), 1e-12)
	y := randSym(rng, n)
	if err := s.FuncHVP(&got, Exp, e, y); err != nil {
		t.Fatal(err)
	}
	checkClose(t, "exp HVP vs 3×3 block expm", &got, blockExp2(a, e, y), 1e-11)

	// Eigenvector adjoint at a generic matrix of this size.
	b := randSym(rng, n)
	sb := mustFactor(t, b, nil)
	vBar, d := randDense(rng, n), randDense(rng, n)
	var jvp, vjp mat.Dense
	sb.VectorsJVP(&jvp, d)
	if err := sb.VectorsVJP(&vjp, nil, vBar); err != nil {
		t.Fatal(err)
	}
	checkScalar(t, "eigenvector adjoint", inner(vBar, &jvp), inner(&vjp, d), 1e-10)
	lamBar := make([]float64, n)
	for i := range lamBar {
		lamBar[i] = rng.NormFloat64()
	}
	sb.ValuesVJP(&vjp, lamBar)
	var lhs float64
	for i, l := range sb.ValuesJVP(nil, d) {
		lhs += lamBar[i] * l
	}
	checkScalar(t, "eigenvalue adjoint", lhs, inner(&vjp, d), 1e-11)
}

// TestTiledTransposes checks the tiled mirrors against element loops at
// orders on both sides of the tile size.
func TestTiledTransposes(t *testing.T) {
	rng := newRand(52)
	for _, n := range []int{1, 2, 7, 8, 9, 16, 17, 33, 64, 65, 72, 100} {
		orig := randDense(rng, n)
		run := func(name string, f func(m *mat.Dense), want func(i, j int) float64) {
			m := mat.DenseCopyOf(orig)
			f(m)
			for i := 0; i < n; i++ {
				for j := 0; j < n; j++ {
					if got, w := m.At(i, j), want(i, j); got != w {
						t.Errorf("n=%d %s: [%d,%d] = %v, want %v", n, name, i, j, got, w)
					}
				}
			}
		}
		a := orig.At
		run("reflectLower(−1)", func(m *mat.Dense) { reflectLower(m.RawMatrix(), -1) }, func(i, j int) float64 {
			if j > i {
				return -a(j, i)
			}
			return a(i, j)
		})
		run("mirrorUpper", func(m *mat.Dense) { mirrorUpper(m.RawMatrix()) }, func(i, j int) float64 {
			if j < i {
				return a(j, i)
			}
			return a(i, j)
		})
		run("skewLower", func(m *mat.Dense) { skewLower(m.RawMatrix()) }, func(i, j int) float64 {
			if j < i {
				return 0.5 * (a(i, j) - a(j, i))
			}
			return a(i, j)
		})
		run("symmetrize", symmetrize, func(i, j int) float64 { return 0.5 * (a(i, j) + a(j, i)) })
	}
}
