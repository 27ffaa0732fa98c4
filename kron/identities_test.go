package kron

import (
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/check"
)

// TestVec checks Vec and Unvec against the definition vec(X)[i+j*r] = X[i,j]
// and against each other.
func TestVec(t *testing.T) {
	x := mat.NewDense(2, 3, []float64{1, 2, 3, 4, 5, 6})
	want := []float64{1, 4, 2, 5, 3, 6} // columns stacked
	if got := Vec(nil, x); !closeTo(got, want, 0) {
		t.Errorf("Vec = %v, want %v", got, want)
	}
	if got := Vec(make([]float64, 6), x.T()); !closeTo(got, []float64{1, 2, 3, 4, 5, 6}, 0) {
		t.Errorf("Vec(Xᵀ) = %v, want the raw row-major data of X", got)
	}
	var u mat.Dense
	Unvec(&u, 2, 3, want)
	if !mat.Equal(&u, x) {
		t.Errorf("Unvec(Vec(X)) = %v, want X", mat.Formatted(&u))
	}
	mustPanic(t, "Vec dst", "dst has length 5, want 6 for a 2×3 matrix", func() { Vec(make([]float64, 5), x) })
	mustPanic(t, "Unvec", "v has length 5, want 6 for a 2×3 matrix", func() { Unvec(&u, 2, 3, want[:5]) })
	mustPanic(t, "Unvec dst", "dst is 2×3, want 3×2", func() { Unvec(&u, 3, 2, want) })
}

// TestJacobianAXB checks vec(A X B) = (Bᵀ ⊗ A) vec(X) through the operator,
// its materialisation against the explicit Bᵀ ⊗ A, and that its transpose
// is the adjoint map Ȳ ↦ Aᵀ Ȳ Bᵀ.
func TestJacobianAXB(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 6))
	for _, s := range [][4]int{{2, 3, 4, 5}, {1, 1, 1, 1}, {20, 18, 17, 19}, {3, 17, 2, 5}} {
		p, m, n, q := s[0], s[1], s[2], s[3]
		a, b, x := check.Gaussian(rng, p, m), check.Gaussian(rng, n, q), check.Gaussian(rng, m, n)
		jac := JacobianAXB(a, b)
		var axb mat.Dense
		axb.Product(a, x, b)
		got := make([]float64, p*q)
		jac.ApplyTo(got, Vec(nil, x), 1, false)
		if !closeTo(got, Vec(nil, &axb), 1e-13) {
			t.Errorf("%v: J vec(X) ≠ vec(A X B)", s)
		}
		var d mat.Dense
		Dense(&d, jac)
		if !mat.EqualApprox(&d, explicit(b.T(), a), 1e-14) {
			t.Errorf("%v: Dense(J) ≠ Bᵀ ⊗ A", s)
		}
		yb := check.Gaussian(rng, p, q)
		var adj mat.Dense
		adj.Product(a.T(), yb, b.T())
		got = make([]float64, m*n)
		jac.ApplyTo(got, Vec(nil, yb), 1, true)
		if !closeTo(got, Vec(nil, &adj), 1e-13) {
			t.Errorf("%v: Jᵀ vec(Ȳ) ≠ vec(Aᵀ Ȳ Bᵀ)", s)
		}
	}
}

// TestCommutation checks vec(Xᵀ) = K(m,n) vec(X), K(m,n)ᵀ = K(n,m) =
// K(m,n)⁻¹, the adjoint identity, several right-hand sides, and the
// defining identity K(p,m)(A ⊗ B)K(n,q) = B ⊗ A for A m×n, B p×q.
func TestCommutation(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for _, s := range [][2]int{{1, 1}, {2, 3}, {4, 1}, {5, 7}} {
		m, n := s[0], s[1]
		k := NewCommutation(m, n)
		x := check.Gaussian(rng, m, n)
		got := make([]float64, m*n)
		k.ApplyTo(got, Vec(nil, x), 1, false)
		if !closeTo(got, Vec(nil, x.T()), 0) {
			t.Errorf("K(%d,%d) vec(X) ≠ vec(Xᵀ)", m, n)
		}
		var d, dt, di mat.Dense
		Dense(&d, k)
		Dense(&dt, NewCommutation(n, m))
		if !mat.Equal(d.T(), &dt) {
			t.Errorf("K(%d,%d)ᵀ ≠ K(%d,%d)", m, n, n, m)
		}
		di.Mul(&d, &dt)
		if !mat.Equal(&di, eye(m*n)) {
			t.Errorf("K(%d,%d) K(%d,%d) ≠ I", m, n, n, m)
		}
		xs, ys := randVec(rng, 3*m*n), randVec(rng, 3*m*n)
		kx, kty := make([]float64, 3*m*n), make([]float64, 3*m*n)
		k.ApplyTo(kx, xs, 3, false)
		k.ApplyTo(kty, ys, 3, true)
		if a, b := dot(ys, kx), dot(kty, xs); !closeTo([]float64{a}, []float64{b}, 1e-14) {
			t.Errorf("K(%d,%d): <y, K x> = %v, <Kᵀ y, x> = %v", m, n, a, b)
		}
		var ref mat.Dense
		ref.Mul(&d, mat.NewDense(m*n, 3, xs))
		if !closeTo(kx, ref.RawMatrix().Data, 0) {
			t.Errorf("K(%d,%d) with 3 right-hand sides differs from its matrix", m, n)
		}
		// The explicit formula K(m,n) = Σ_ij Eij ⊗ Eijᵀ, Eij the m×n
		// unit matrices.
		sum := mat.NewDense(m*n, m*n, nil)
		for i := 0; i < m; i++ {
			for j := 0; j < n; j++ {
				e := mat.NewDense(m, n, nil)
				e.Set(i, j, 1)
				var t mat.Dense
				t.Kronecker(e, e.T())
				sum.Add(sum, &t)
			}
		}
		if !mat.Equal(&d, sum) {
			t.Errorf("K(%d,%d) ≠ Σ Eij ⊗ Eijᵀ", m, n)
		}
		// K(p,m)(A ⊗ B)K(n,q) = B ⊗ A.
		p, q := 3, 2
		a, b := check.Gaussian(rng, m, n), check.Gaussian(rng, p, q)
		var kpm, knq, lhs mat.Dense
		Dense(&kpm, NewCommutation(p, m))
		Dense(&knq, NewCommutation(n, q))
		lhs.Product(&kpm, explicit(a, b), &knq)
		if !mat.EqualApprox(&lhs, explicit(b, a), 1e-15) {
			t.Errorf("K(p,m)(A ⊗ B)K(n,q) ≠ B ⊗ A for A %d×%d", m, n)
		}
	}
	mustPanic(t, "negative", "negative dimension -1×2", func() { NewCommutation(-1, 2) })
	mustPanic(t, "short x", "x has length 5, want 6×1 = 6", func() { NewCommutation(2, 3).ApplyTo(make([]float64, 6), make([]float64, 5), 1, false) })
}

func eye(n int) *mat.Dense {
	d := mat.NewDense(n, n, nil)
	for i := 0; i < n; i++ {
		d.Set(i, i, 1)
	}
	return d
}

// TestKron checks Kron against gonum's Kronecker, the mixed-product
// property (A ⊗ B)(C ⊗ D) = AC ⊗ BD and (A ⊗ B)ᵀ = Aᵀ ⊗ Bᵀ.
func TestKron(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 8))
	a, b, c, d := check.Gaussian(rng, 2, 3), check.Gaussian(rng, 4, 2), check.Gaussian(rng, 3, 5), check.Gaussian(rng, 2, 3)
	var ab, ref mat.Dense
	Kron(&ab, a, b)
	ref.Kronecker(a, b)
	if !mat.Equal(&ab, &ref) {
		t.Errorf("Kron ≠ gonum's Kronecker")
	}
	var cd, lhs, ac, bd, rhs mat.Dense
	Kron(&cd, c, d)
	lhs.Mul(&ab, &cd)
	ac.Mul(a, c)
	bd.Mul(b, d)
	Kron(&rhs, &ac, &bd)
	if !mat.EqualApprox(&lhs, &rhs, 1e-14) {
		t.Errorf("(A ⊗ B)(C ⊗ D) ≠ AC ⊗ BD")
	}
	var abt mat.Dense
	Kron(&abt, a.T(), b.T())
	if !mat.Equal(ab.T(), &abt) {
		t.Errorf("(A ⊗ B)ᵀ ≠ Aᵀ ⊗ Bᵀ")
	}
	mustPanic(t, "dst", "dst is 2×2, want 8×6 for A 2×3 and B 4×2", func() { Kron(mat.NewDense(2, 2, nil), a, b) })
}
