package kron

import (
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/check"
)

// TestAction checks y = (A ⊗ B) x and its derivatives with respect to A, B
// and x three ways: the JVP in each argument against finite differences
// (check.JVP, tolerance check's, at most 1e-8 relative), the VJP against
// the JVP by the adjoint identity <ȳ, JVP(d)> = <VJP(ȳ), d> in each
// argument (check.Adjoint's tolerance), and both against the explicit
// Kronecker products (dA ⊗ B + A ⊗ dB) x + (A ⊗ B) dx and, for the VJP,
// ⟨ȳ, (Eij ⊗ B) x⟩ for every unit matrix Eij (tolerance 1e-13).
func TestAction(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 11))
	fdOpts := &check.Options{MaxRefErr: 1e-8 / 4}
	for _, s := range [][4]int{{1, 1, 1, 1}, {2, 3, 4, 2}, {3, 3, 3, 3}, {5, 2, 1, 4}} {
		m, n, p, q := s[0], s[1], s[2], s[3]
		a, b, x := check.Gaussian(rng, m, n), check.Gaussian(rng, p, q), randVec(rng, n*q)
		f := NewAction(a, b, x)
		// Value against the explicit product.
		var kab mat.Dense
		kab.Kronecker(a, b)
		var y mat.VecDense
		y.MulVec(&kab, mat.NewVecDense(n*q, x))
		if !closeTo(f.Value(nil), y.RawVector().Data, 1e-14) {
			t.Errorf("%v: Value ≠ (A ⊗ B) x", s)
		}
		da, db, dx := check.Gaussian(rng, m, n), check.Gaussian(rng, p, q), randVec(rng, n*q)
		jvp := f.JVP(nil, da, db, dx)
		// Each argument on its own, against finite differences and, through
		// the adjoint identity, its VJP: vectors as one-column matrices.
		yb := randVec(rng, m*p)
		col := func(v []float64) *mat.Dense { return mat.NewDense(len(v), 1, v) }
		value := func(a, b mat.Matrix, x []float64) *mat.Dense { return col(NewAction(a, b, x).Value(nil)) }
		for _, arg := range []struct {
			name     string
			f        check.Func
			jvp, vjp check.Map
			at, dir  mat.Matrix
		}{{
			"A",
			func(dst *mat.Dense, v mat.Matrix) { dst.CloneFrom(value(v, b, x)) },
			func(dst *mat.Dense, d mat.Matrix) { dst.CloneFrom(col(f.JVP(nil, d, nil, nil))) },
			func(dst *mat.Dense, yb mat.Matrix) { f.VJP(dst, nil, nil, mat.Col(nil, 0, yb)) },
			a, da,
		}, {
			"B",
			func(dst *mat.Dense, v mat.Matrix) { dst.CloneFrom(value(a, v, x)) },
			func(dst *mat.Dense, d mat.Matrix) { dst.CloneFrom(col(f.JVP(nil, nil, d, nil))) },
			func(dst *mat.Dense, yb mat.Matrix) { f.VJP(nil, dst, nil, mat.Col(nil, 0, yb)) },
			b, db,
		}, {
			"x",
			func(dst *mat.Dense, v mat.Matrix) { dst.CloneFrom(value(a, b, mat.Col(nil, 0, v))) },
			func(dst *mat.Dense, d mat.Matrix) { dst.CloneFrom(col(f.JVP(nil, nil, nil, mat.Col(nil, 0, d)))) },
			func(dst *mat.Dense, yb mat.Matrix) {
				xb := make([]float64, n*q)
				f.VJP(nil, nil, xb, mat.Col(nil, 0, yb))
				dst.CloneFrom(col(xb))
			},
			col(x), col(dx),
		}} {
			if r := check.JVP(arg.f, arg.jvp, arg.at, arg.dir, fdOpts); !r.Pass {
				t.Errorf("%v: JVP in %s against finite differences: %v", s, arg.name, r)
			}
			if r := check.Adjoint(arg.jvp, arg.vjp, arg.dir, col(yb), nil); !r.Pass {
				t.Errorf("%v: JVP and VJP in %s: %v", s, arg.name, r)
			}
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
		var ab, bb mat.Dense
		xb := make([]float64, n*q)
		f.VJP(&ab, &bb, xb, yb)
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
