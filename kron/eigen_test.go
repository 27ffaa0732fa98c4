package kron

import (
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc"
	"github.com/matcalc/matcalc/check"
)

// TestEigenSym checks the eigendecomposition from the factors: Q diag(λ) Qᵀ
// rebuilds the explicit product, Q is orthogonal, and the values agree with
// gonum's EigenSym of the explicit product.
func TestEigenSym(t *testing.T) {
	rng := rand.New(rand.NewPCG(10, 10))
	for _, sizes := range [][]int{{1}, {3}, {2, 3}, {3, 1, 4}, {2, 2, 2}} {
		fs := make([]mat.Matrix, len(sizes))
		for i, n := range sizes {
			fs[i] = check.Symmetric(rng, n)
		}
		p := New(fs...)
		want := explicit(fs...)
		var e EigenSym
		if err := e.Factorize(p); err != nil {
			t.Fatalf("sizes %v: %v", sizes, err)
		}
		vals := e.Values(nil)
		var q mat.Dense
		Dense(&q, e.Vectors())
		N := len(vals)
		var qtq, rebuilt mat.Dense
		qtq.Mul(q.T(), &q)
		if !mat.EqualApprox(&qtq, eye(N), 1e-13) {
			t.Errorf("sizes %v: QᵀQ ≠ I", sizes)
		}
		rebuilt.Product(&q, mat.NewDiagDense(N, vals), q.T())
		if !mat.EqualApprox(&rebuilt, want, 1e-12) {
			t.Errorf("sizes %v: Q diag(λ) Qᵀ ≠ ⊗Ai", sizes)
		}
		var ref mat.EigenSym
		if !ref.Factorize(mat.NewSymDense(N, want.RawMatrix().Data), false) {
			t.Fatal("gonum EigenSym failed")
		}
		sorted := slices.Clone(vals)
		slices.Sort(sorted)
		if !closeTo(sorted, ref.Values(nil), 1e-12) {
			t.Errorf("sizes %v: eigenvalues %v, gonum's %v", sizes, sorted, ref.Values(nil))
		}
		// Values in Kronecker order: the first factor's index is slowest.
		if len(sizes) == 2 {
			v0, v1 := e.FactorValues(0), e.FactorValues(1)
			if got := vals[1*sizes[1]+2]; got != v0[1]*v1[2] {
				t.Errorf("value (1,2) = %v, want λ0[1]·λ1[2] = %v", got, v0[1]*v1[2])
			}
		}
	}
	var e EigenSym
	err := e.Factorize(New(check.Symmetric(rng, 2), check.Gaussian(rng, 3, 3)))
	if !errors.Is(err, matcalc.ErrNotSymmetric) || !strings.Contains(err.Error(), "factor 1 (3×3)") {
		t.Errorf("non-symmetric factor: error %v, want ErrNotSymmetric naming factor 1", err)
	}
	mustPanic(t, "not square", "factor 0 is 2×3, not square", func() { e.Factorize(New(mat.NewDense(2, 3, nil))) })
}
