package kron

import (
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// TestAction checks y = (A ⊗ B) x and its derivatives with respect to A, B
// and x three ways: the JVP against central finite differences (step 1e-5;
// the map is trilinear, so the truncation error is O(h²) ≈ 1e-10 and the
// rounding error about 1e-11: tolerance 1e-8), the
// VJP against the JVP by the adjoint identity <ȳ, JVP(d)> = <VJP(ȳ), d>
// (tolerance 1e-13), and both against the explicit Kronecker products
// (dA ⊗ B + A ⊗ dB) x + (A ⊗ B) dx and, for the VJP, ⟨ȳ, (Eij ⊗ B) x⟩ for
// every unit matrix Eij.
func TestAction(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 11))
	for _, s := range [][4]int{{1, 1, 1, 1}, {2, 3, 4, 2}, {3, 3, 3, 3}, {5, 2, 1, 4}} {
		m, n, p, q := s[0], s[1], s[2], s[3]
		a, b, x := randDense(rng, m, n), randDense(rng, p, q), randVec(rng, n*q)
		f := NewAction(a, b, x)
		// Value against the explicit product.
		var kab mat.Dense
		kab.Kronecker(a, b)
		var y mat.VecDense
		y.MulVec(&kab, mat.NewVecDense(n*q, x))
		if !closeTo(f.Value(nil), y.RawVector().Data, 1e-14) {
			t.Errorf("%v: Value ≠ (A ⊗ B) x", s)
		}
		da, db, dx := randDense(rng, m, n), randDense(rng, p, q), randVec(rng, n*q)
		jvp := f.JVP(nil, da, db, dx)
		// Finite differences along (dA, dB, dx).
		fd := centralDiff(func(h float64) []float64 {
			var ah, bh mat.Dense
			ah.Scale(h, da)
			ah.Add(&ah, a)
			bh.Scale(h, db)
			bh.Add(&bh, b)
			xh := make([]float64, len(x))
			for i := range x {
				xh[i] = x[i] + h*dx[i]
			}
			return NewAction(&ah, &bh, xh).Value(nil)
		}, 1e-5)
		if !closeTo(jvp, fd, 1e-8) {
			t.Errorf("%v: JVP %v, finite differences %v", s, jvp, fd)
		}
		// Oracle: the explicit Kronecker products.
		var k1, k2, sum mat.Dense
		k1.Kronecker(da, b)
		k2.Kronecker(a, db)
		sum.Add(&k1, &k2)
		var o1, o2 mat.VecDense
		o1.MulVec(&sum, mat.NewVecDense(n*q, x))
		o2.MulVec(&kab, mat.NewVecDense(n*q, dx))
		o1.AddVec(&o1, &o2)
		if !closeTo(jvp, o1.RawVector().Data, 1e-13) {
			t.Errorf("%v: JVP ≠ (dA ⊗ B + A ⊗ dB) x + (A ⊗ B) dx", s)
		}
		// Each tangent alone, nil for the others.
		only := f.JVP(nil, nil, nil, dx)
		if !closeTo(only, o2.RawVector().Data, 1e-13) {
			t.Errorf("%v: JVP in dx alone ≠ (A ⊗ B) dx", s)
		}
		// Adjoint identity.
		yb := randVec(rng, m*p)
		var ab, bb mat.Dense
		xb := make([]float64, n*q)
		f.VJP(&ab, &bb, xb, yb)
		lhs := dot(yb, jvp)
		rhs := mat.Dot(vecOf(&ab), vecOf(da)) + mat.Dot(vecOf(&bb), vecOf(db)) + dot(xb, dx)
		if !closeTo([]float64{lhs}, []float64{rhs}, 1e-13) {
			t.Errorf("%v: <ȳ, JVP> = %v, <VJP, d> = %v", s, lhs, rhs)
		}
		// Oracle for Ā: Ā[i,j] = <ȳ, (Eij ⊗ B) x>.
		for i := 0; i < m; i++ {
			for j := 0; j < n; j++ {
				e := mat.NewDense(m, n, nil)
				e.Set(i, j, 1)
				var ke mat.Dense
				ke.Kronecker(e, b)
				var v mat.VecDense
				v.MulVec(&ke, mat.NewVecDense(n*q, x))
				if w := dot(yb, v.RawVector().Data); !closeTo([]float64{ab.At(i, j)}, []float64{w}, 1e-13) {
					t.Errorf("%v: Ā[%d,%d] = %v, want %v", s, i, j, ab.At(i, j), w)
				}
			}
		}
		// x̄ = (A ⊗ B)ᵀ ȳ through the operator.
		want := make([]float64, n*q)
		New(a, b).ApplyTo(want, yb, 1, true)
		if !closeTo(xb, want, 1e-13) {
			t.Errorf("%v: x̄ ≠ (A ⊗ B)ᵀ ȳ", s)
		}
	}
	a, b := mat.NewDense(2, 3, nil), mat.NewDense(4, 5, nil)
	mustPanic(t, "x", "x has length 3, want 15 for A 2×3 ⊗ B 4×5", func() { NewAction(a, b, make([]float64, 3)) })
	f := NewAction(a, b, make([]float64, 15))
	mustPanic(t, "dA", "dA is 3×2, want 2×3", func() { f.JVP(nil, mat.NewDense(3, 2, nil), nil, nil) })
	mustPanic(t, "yBar", "yBar has length 3, want 8", func() { f.VJP(nil, nil, nil, make([]float64, 3)) })
}

func vecOf(a *mat.Dense) *mat.VecDense {
	r, c := a.Dims()
	return mat.NewVecDense(r*c, Vec(nil, a))
}
