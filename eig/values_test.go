package eig

import (
	"errors"
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc"
)

// valuesOf returns the ascending eigenvalues of a as a 1×n matrix.
func valuesOf(a mat.Matrix) *mat.Dense {
	var s Sym
	if err := s.Factorize(a, nil); err != nil {
		panic(err)
	}
	v := s.Values(nil)
	return mat.NewDense(1, len(v), v)
}

func TestValuesJVPFiniteDifferences(t *testing.T) {
	rng := newRand(10)
	for _, n := range []int{1, 2, 3, 6, 12} {
		a := randSym(rng, n)
		s := mustFactor(t, a, nil)
		e := randSym(rng, n)
		got := s.ValuesJVP(nil, e)
		want := fdMatrix(a, e, 1e-3, valuesOf)
		// Fourth-order differences at h = 1e-3 on gaps of order 0.1:
		// truncation about 1e-9 relative.
		checkClose(t, "ValuesJVP vs FD", mat.NewDense(1, n, got), want, 1e-7)
	}
}

// TestValuesAdjoint checks <λ̄, JVP(dA)> = <VJP(λ̄), dA>, including at a
// degenerate spectrum with λ̄ constant on the clusters.
func TestValuesAdjoint(t *testing.T) {
	rng := newRand(11)
	n := 7
	q := randOrth(rng, n)
	for _, a := range []mat.Symmetric{randSym(rng, n),
		withSpectrum(q, []float64{-1, 0.5, 0.5, 0.5, 2, 3, 3})} {
		s := mustFactor(t, a, nil)
		lamBar := []float64{0.3, -1, -1, -1, 2, 0.7, 0.7}
		e := randDense(rng, n) // non-symmetric: both sides see sym(e)
		jvp := s.ValuesJVP(nil, e)
		var lhs float64
		for i := range jvp {
			lhs += lamBar[i] * jvp[i]
		}
		var g mat.Dense
		s.ValuesVJP(&g, lamBar)
		checkScalar(t, "adjoint", lhs, inner(&g, e), 1e-13)
	}
}

// TestValues2x2 compares with the closed form λ± = (a+c)/2 ± r,
// r = √(((a−c)/2)² + b²).
func TestValues2x2(t *testing.T) {
	a, b, c := 1.3, -0.7, 0.4
	A := mat.NewSymDense(2, []float64{a, b, b, c})
	s := mustFactor(t, A, nil)
	u := (a - c) / 2
	r := math.Hypot(u, b)
	lam := s.Values(nil)
	checkScalar(t, "λ−", lam[0], (a+c)/2-r, 1e-15)
	checkScalar(t, "λ+", lam[1], (a+c)/2+r, 1e-15)

	// Gradients of λ±: 1/2 ± (u/(2r), b/(2r); b/(2r), −u/(2r)).
	var gm, gp mat.Dense
	s.ValuesVJP(&gm, []float64{1, 0})
	s.ValuesVJP(&gp, []float64{0, 1})
	d := mat.NewDense(2, 2, []float64{u / (2 * r), b / (2 * r), b / (2 * r), -u / (2 * r)})
	wantP, wantM := mat.NewDense(2, 2, []float64{0.5, 0, 0, 0.5}), mat.NewDense(2, 2, []float64{0.5, 0, 0, 0.5})
	wantP.Add(wantP, d)
	wantM.Sub(wantM, d)
	checkClose(t, "∇λ+", &gp, wantP, 1e-14)
	checkClose(t, "∇λ−", &gm, wantM, 1e-14)

	// Second derivative: d²λ±[E,F] = ±((du_E du_F + db_E db_F)/r
	// − (u du_E + b db_E)(u du_F + b db_F)/r³).
	E := mat.NewSymDense(2, []float64{0.3, 1.1, 1.1, -0.5})
	F := mat.NewSymDense(2, []float64{-0.8, 0.2, 0.2, 0.9})
	du := func(x mat.Matrix) float64 { return (x.At(0, 0) - x.At(1, 1)) / 2 }
	d2 := (du(E)*du(F)+E.At(0, 1)*F.At(0, 1))/r -
		(u*du(E)+b*E.At(0, 1))*(u*du(F)+b*F.At(0, 1))/(r*r*r)
	var hp, hm, hw mat.Dense
	if err := s.ValueHVP(&hp, 1, E); err != nil {
		t.Fatal(err)
	}
	if err := s.ValueHVP(&hm, 0, E); err != nil {
		t.Fatal(err)
	}
	checkScalar(t, "d²λ+[E,F]", inner(F, &hp), d2, 1e-13)
	checkScalar(t, "d²λ−[E,F]", inner(F, &hm), -d2, 1e-13)
	if err := s.ValuesHVP(&hw, []float64{2, -3}, E); err != nil {
		t.Fatal(err)
	}
	checkScalar(t, "d²(2λ− − 3λ+)[E,F]", inner(F, &hw), -2*d2-3*d2, 1e-13)
}

// TestValueHVP checks the eigenvalue Hessians against finite differences of
// the gradient and for symmetry, <F, H[E]> = <E, H[F]>.
func TestValueHVP(t *testing.T) {
	rng := newRand(12)
	n := 6
	a := randSym(rng, n)
	s := mustFactor(t, a, nil)
	e, f := randSym(rng, n), randSym(rng, n)
	for i := 0; i < n; i++ {
		var h, hf mat.Dense
		if err := s.ValueHVP(&h, i, e); err != nil {
			t.Fatal(err)
		}
		grad := func(x mat.Matrix) *mat.Dense {
			var g mat.Dense
			sx := mustFactor(t, x, nil)
			c := make([]float64, n)
			c[i] = 1
			sx.ValuesVJP(&g, c)
			return &g
		}
		checkClose(t, "ValueHVP vs FD", &h, fdMatrix(a, e, 1e-3, grad), 1e-6)
		if err := s.ValueHVP(&hf, i, f); err != nil {
			t.Fatal(err)
		}
		checkScalar(t, "ValueHVP symmetry", inner(f, &h), inner(e, &hf), 1e-12)
	}
	c := []float64{1, -2, 0.5, 3, 0, 1}
	var h, hf mat.Dense
	if err := s.ValuesHVP(&h, c, e); err != nil {
		t.Fatal(err)
	}
	grad := func(x mat.Matrix) *mat.Dense {
		var g mat.Dense
		mustFactor(t, x, nil).ValuesVJP(&g, c)
		return &g
	}
	checkClose(t, "ValuesHVP vs FD", &h, fdMatrix(a, e, 1e-3, grad), 1e-6)
	if err := s.ValuesHVP(&hf, c, f); err != nil {
		t.Fatal(err)
	}
	checkScalar(t, "ValuesHVP symmetry", inner(f, &h), inner(e, &hf), 1e-12)
}

// TestValuesIdentity is FORMULAS.md case 5: at A = I₃ the loss Σλ has
// gradient I, and at A = I₂ the JVP in direction [[0,1],[1,0]] is [−1, 1].
func TestValuesIdentity(t *testing.T) {
	s := mustFactor(t, eye(3), nil)
	var g mat.Dense
	s.ValuesVJP(&g, []float64{1, 1, 1})
	checkClose(t, "∇Σλ at I₃", &g, eye(3), 1e-15)

	s2 := mustFactor(t, eye(2), nil)
	e := mat.NewDense(2, 2, []float64{0, 1, 1, 0})
	got := s2.ValuesJVP(nil, e)
	checkClose(t, "λ̇ at I₂", mat.NewDense(1, 2, got), mat.NewDense(1, 2, []float64{-1, 1}), 1e-15)
	// One-sided difference: λ(I + h e) = 1 ∓ h exactly.
	h := 1e-4
	fd := valuesOf(addScaled(eye(2), h, e))
	for i, want := range []float64{-1, 1} {
		checkScalar(t, "one-sided FD", (fd.At(0, i)-1)/h, want, 1e-10)
	}

	// The same at a rotated degenerate cluster of a larger matrix: the
	// derivative is the directional one, checked by a one-sided difference.
	rng := newRand(13)
	q := randOrth(rng, 5)
	a := withSpectrum(q, []float64{0.5, 1, 1, 1, 2})
	sa := mustFactor(t, a, nil)
	d := randSym(rng, 5)
	got = sa.ValuesJVP(nil, d)
	h = 1e-6
	lp := valuesOf(addScaled(a, h, d))
	l0 := sa.Values(nil)
	for i := range got {
		// One-sided error O(h) with second derivatives of order 1/gap.
		checkScalar(t, "directional λ̇ at a cluster", got[i], (lp.At(0, i)-l0[i])/h, 1e-4)
	}
}

func TestValuesHVPDegenerate(t *testing.T) {
	rng := newRand(14)
	q := randOrth(rng, 5)
	a := withSpectrum(q, []float64{0.5, 1, 1, 2, 2})
	s := mustFactor(t, a, nil)
	e := randSym(rng, 5)
	var h mat.Dense
	err := s.ValueHVP(&h, 1, e)
	if !errors.Is(err, matcalc.ErrDegenerate) {
		t.Errorf("ValueHVP inside a cluster: got %v, want ErrDegenerate", err)
	}
	if err := s.ValuesHVP(&h, []float64{0, 1, 2, 0, 0}, e); !errors.Is(err, matcalc.ErrDegenerate) {
		t.Errorf("ValuesHVP with distinct weights in a cluster: got %v", err)
	}
	// Equal weights on each cluster: the sum over a cluster is smooth; the
	// FD of its gradient agrees.
	c := []float64{0.3, 1, 1, -2, -2}
	if err := s.ValuesHVP(&h, c, e); err != nil {
		t.Fatal(err)
	}
	grad := func(x mat.Matrix) *mat.Dense {
		var g mat.Dense
		mustFactor(t, x, nil).ValuesVJP(&g, c)
		return &g
	}
	checkClose(t, "cluster-sum HVP vs FD", &h, fdMatrix(a, e, 1e-4, grad), 1e-6)
	// ValueHVP of a simple eigenvalue next to clusters is fine.
	if err := s.ValueHVP(&h, 0, e); err != nil {
		t.Errorf("ValueHVP of a simple eigenvalue: %v", err)
	}
}
