package eig

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc"
)

func TestVectorsJVPFiniteDifferences(t *testing.T) {
	rng := newRand(20)
	for _, n := range []int{2, 3, 5, 9} {
		a := randSym(rng, n)
		s := mustFactor(t, a, nil)
		var v0 mat.Dense
		s.Vectors(&v0)
		e := randSym(rng, n)
		var got mat.Dense
		s.VectorsJVP(&got, e)
		want := fdMatrix(a, e, 1e-4, func(x mat.Matrix) *mat.Dense { return alignedVectors(x, &v0) })
		checkClose(t, fmt.Sprintf("n=%d VectorsJVP vs FD", n), &got, want, 1e-6)
		// The gauge: diag(Vᵀ V̇) = 0.
		var g mat.Dense
		g.Mul(v0.T(), &got)
		for i := 0; i < n; i++ {
			if math.Abs(g.At(i, i)) > 1e-13*mat.Norm(&got, 2) {
				t.Errorf("n=%d: (VᵀV̇)_%d%d = %g, want 0", n, i, i, g.At(i, i))
			}
		}
	}
}

// TestVectorsAdjoint checks <V̄, JVP(dA)> + <λ̄, λ̇> = <VJP(λ̄, V̄), dA>, at a
// generic matrix and at a degenerate one with a basis-invariant cotangent and
// a tangent that does not mix the clusters.
func TestVectorsAdjoint(t *testing.T) {
	rng := newRand(21)
	n := 6
	a := randSym(rng, n)
	s := mustFactor(t, a, nil)
	vBar, e := randDense(rng, n), randDense(rng, n)
	lamBar := []float64{1, 2, -1, 0.5, 0, 3}
	var jvp, vjp mat.Dense
	s.VectorsJVP(&jvp, e)
	if err := s.VectorsVJP(&vjp, lamBar, vBar); err != nil {
		t.Fatal(err)
	}
	lhs := inner(vBar, &jvp)
	for i, l := range s.ValuesJVP(nil, e) {
		lhs += lamBar[i] * l
	}
	checkScalar(t, "adjoint", lhs, inner(&vjp, e), 1e-12)
	if !mat.Equal(&vjp, vjp.T()) {
		t.Errorf("VectorsVJP gradient is not exactly symmetric")
	}

	// Degenerate: A = Q diag(0.5, 1, 1, 2, 2, 3) Qᵀ. The tangent Q D Qᵀ with
	// D diagonal does not mix any cluster; the cotangent V̄ = M V with M
	// symmetric is invariant (skew(Vᵀ M V) = 0).
	q := randOrth(rng, n)
	ad := withSpectrum(q, []float64{0.5, 1, 1, 2, 2, 3})
	sd := mustFactor(t, ad, nil)
	var v mat.Dense
	sd.Vectors(&v)
	m := randSym(rng, n)
	var mv mat.Dense
	mv.Mul(m, &v)
	// Ascending inside each cluster, so that the directional derivative of
	// the ordered eigenvalues is diag(VᵀdA V) in the computed basis.
	ed := withSpectrum(&v, []float64{0.1, -0.4, 0.9, 0.2, 0.3, 0.7})
	// Add a part that moves the clusters relative to the rest.
	var mix mat.Dense
	mix.Outer(1, v.ColView(0), v.ColView(1))
	edm := mat.DenseCopyOf(ed)
	edm.Add(edm, &mix)
	sd.VectorsJVP(&jvp, edm)
	if err := sd.VectorsVJP(&vjp, lamBar, &mv); err != nil {
		t.Fatal(err)
	}
	lhs = inner(&mv, &jvp)
	for i, l := range sd.ValuesJVP(nil, edm) {
		lhs += lamBar[i] * l
	}
	// λ̄ is not constant on the clusters, but the tangent is diagonal on
	// them, so the basis-dependent part vanishes.
	checkScalar(t, "adjoint at clusters", lhs, inner(&vjp, edm), 1e-12)
}

// TestVectors2x2 compares with the closed form: v+ = (cos θ, sin θ),
// θ = ½ atan2(b, (a−c)/2), dθ = ½(u db − b du)/(u² + b²).
func TestVectors2x2(t *testing.T) {
	a, b, c := 0.2, 0.9, -1.1
	A := mat.NewSymDense(2, []float64{a, b, b, c})
	E := mat.NewSymDense(2, []float64{0.4, -0.3, -0.3, 1.2})
	s := mustFactor(t, A, nil)
	var v, got mat.Dense
	s.Vectors(&v)
	s.VectorsJVP(&got, E)
	u := (a - c) / 2
	th := 0.5 * math.Atan2(b, u)
	du, db := (E.At(0, 0)-E.At(1, 1))/2, E.At(0, 1)
	dth := 0.5 * (u*db - b*du) / (u*u + b*b)
	// Signs of the computed columns relative to (−sin, cos) and (cos, sin).
	s0 := math.Copysign(1, -math.Sin(th)*v.At(0, 0)+math.Cos(th)*v.At(1, 0))
	s1 := math.Copysign(1, math.Cos(th)*v.At(0, 1)+math.Sin(th)*v.At(1, 1))
	want := mat.NewDense(2, 2, []float64{
		-s0 * math.Cos(th) * dth, -s1 * math.Sin(th) * dth,
		-s0 * math.Sin(th) * dth, s1 * math.Cos(th) * dth,
	})
	checkClose(t, "2×2 V̇", &got, want, 1e-13)
}

// TestVectorsDiag411 is FORMULAS.md case 6 (jax#4646): A = Q diag(4,1,1) Qᵀ
// and a loss on the λ = 4 eigenvector, L = (wᵀv)², has a finite gradient,
// (Π w wᵀ Π₁ + Π₁ w wᵀ Π)/3 with Π = v vᵀ and Π₁ = I − Π, where JAX
// returns NaN.
func TestVectorsDiag411(t *testing.T) {
	rng := newRand(22)
	for trial, q := range []*mat.Dense{eye(3), randOrth(rng, 3)} {
		a := withSpectrum(q, []float64{4, 1, 1})
		s := mustFactor(t, a, nil)
		if got := s.Clusters(); len(got) != 1 || got[0] != [2]int{0, 2} {
			t.Fatalf("clusters %v, want [[0 2]]", got)
		}
		var v mat.Dense
		s.Vectors(&v)
		w := mat.NewVecDense(3, []float64{0.3, -1.2, 0.8})
		wv := mat.Dot(w, v.ColView(2))
		vBar := mat.NewDense(3, 3, nil)
		for i := 0; i < 3; i++ {
			vBar.Set(i, 2, 2*wv*w.AtVec(i))
		}
		var g mat.Dense
		if err := s.VectorsVJP(&g, nil, vBar); err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		if !allFinite(&g) {
			t.Fatalf("trial %d: gradient not finite", trial)
		}
		// Oracle from the known eigenvectors: the columns of q.
		p := projector(q, 0)
		p1 := projector(q, 1, 2)
		var ww, t1, t2, want mat.Dense
		ww.Outer(1, w, w)
		t1.Mul(p, &ww)
		t1.Mul(&t1, p1)
		t2.Mul(p1, &ww)
		t2.Mul(&t2, p)
		want.Add(&t1, &t2)
		want.Scale(1.0/3, &want)
		checkClose(t, "diag(4,1,1) gradient vs projector formula", &g, &want, 1e-13)
		// and against finite differences of the loss
		loss := func(x mat.Matrix) float64 {
			var sx Sym
			if err := sx.Factorize(x, nil); err != nil {
				panic(err)
			}
			var vx mat.Dense
			sx.Vectors(&vx)
			d := mat.Dot(w, vx.ColView(2))
			return d * d
		}
		e := randSym(rng, 3)
		checkScalar(t, "diag(4,1,1) FD", inner(&g, e), fdScalar(a, e, 1e-3, loss), 1e-8)
	}
}

// TestVectorsGaugeInvariant is FORMULAS.md case 7 (pytorch#47599): the loss
// tr(U_dᵀ M U_d) over the λ = 1 cluster of Q diag(0.5,1,1,2,2) Qᵀ depends only
// on the cluster's subspace: its gradient is finite and equals
// Σ_g (Π Mᵀ Π_g + Π_g Mᵀ Π)/(1 − λ_g), symmetrized.
func TestVectorsGaugeInvariant(t *testing.T) {
	rng := newRand(23)
	n := 5
	q := randOrth(rng, n)
	lam := []float64{0.5, 1, 1, 2, 2}
	a := withSpectrum(q, lam)
	s := mustFactor(t, a, nil)
	var v mat.Dense
	s.Vectors(&v)
	m := randDense(rng, n) // not symmetric
	var mmt mat.Dense
	mmt.Add(m, m.T())
	// V̄ for tr(UᵀMU), U = V[:, 1:3]: (M + Mᵀ) U in those columns.
	vBar := mat.NewDense(n, n, nil)
	var mu mat.Dense
	mu.Mul(&mmt, &v)
	for i := 0; i < n; i++ {
		for j := 1; j < 3; j++ {
			vBar.Set(i, j, mu.At(i, j))
		}
	}
	var g mat.Dense
	if err := s.VectorsVJP(&g, nil, vBar); err != nil {
		t.Fatal(err)
	}
	pc := projector(q, 1, 2)
	want := mat.NewDense(n, n, nil)
	for _, grp := range []struct {
		cols []int
		lam  float64
	}{{[]int{0}, 0.5}, {[]int{3, 4}, 2}} {
		pg := projector(q, grp.cols...)
		var t1, t2 mat.Dense
		t1.Mul(pc, m.T())
		t1.Mul(&t1, pg)
		t2.Mul(pg, m.T())
		t2.Mul(&t2, pc)
		t1.Add(&t1, &t2)
		t1.Scale(1/(1-grp.lam), &t1)
		want.Add(want, &t1)
	}
	want = symOf(want)
	checkClose(t, "gauge-invariant loss vs projector formula", &g, want, 1e-12)

	loss := func(x mat.Matrix) float64 {
		var sx Sym
		if err := sx.Factorize(x, nil); err != nil {
			panic(err)
		}
		var vx mat.Dense
		sx.Vectors(&vx)
		u := vx.Slice(0, n, 1, 3)
		var r, r2 mat.Dense
		r.Mul(m, u)
		r2.Mul(u.T(), &r)
		return mat.Trace(&r2)
	}
	e := randSym(rng, n)
	checkScalar(t, "gauge-invariant FD", inner(&g, e), fdScalar(a, e, 1e-3, loss), 1e-8)

	// The same loss on only one column of the cluster depends on the
	// basis: refused, with the cluster named.
	vb1 := mat.NewDense(n, n, nil)
	for i := 0; i < n; i++ {
		vb1.Set(i, 1, mu.At(i, 1))
	}
	err := s.VectorsVJP(&g, nil, vb1)
	if !errors.Is(err, matcalc.ErrDegenerate) {
		t.Fatalf("basis-dependent loss: got %v, want ErrDegenerate", err)
	}
	if !strings.Contains(err.Error(), "indices 1 to 2") {
		t.Errorf("error %q does not name the cluster", err)
	}
	// A tangent that mixes the cluster: VectorsJVP gives the exact
	// derivative of the cluster's subspace, dΠ_C = V̇_C V_Cᵀ + V_C V̇_Cᵀ =
	// Σ_g (Π_C E Π_g + Π_g E Π_C)/(1 − λ_g) from the known Q, and is the
	// adjoint of the masked VJP.
	var jvp mat.Dense
	s.VectorsJVP(&jvp, e)
	vc, vdc := v.Slice(0, n, 1, 3), jvp.Slice(0, n, 1, 3)
	var dpi, tr mat.Dense
	dpi.Mul(vdc, vc.T())
	tr.Mul(vc, vdc.T())
	dpi.Add(&dpi, &tr)
	wantPi := mat.NewDense(n, n, nil)
	for _, grp := range []struct {
		cols []int
		lam  float64
	}{{[]int{0}, 0.5}, {[]int{3, 4}, 2}} {
		pg := projector(q, grp.cols...)
		var t1, t2 mat.Dense
		t1.Mul(pc, e)
		t1.Mul(&t1, pg)
		t2.Mul(pg, e)
		t2.Mul(&t2, pc)
		t1.Add(&t1, &t2)
		t1.Scale(1/(1-grp.lam), &t1)
		wantPi.Add(wantPi, &t1)
	}
	checkClose(t, "subspace derivative from VectorsJVP", &dpi, wantPi, 1e-12)
	var gInv mat.Dense
	if err := s.VectorsVJP(&gInv, nil, vBar); err != nil {
		t.Fatal(err)
	}
	checkScalar(t, "adjoint with a mixing tangent", inner(vBar, &jvp), inner(&gInv, e), 1e-12)
	// Broadening accepts both, finitely.
	sb := mustFactor(t, a, &Options{Broadening: 1e-3})
	if err := sb.VectorsVJP(&g, nil, vb1); err != nil || !allFinite(&g) {
		t.Errorf("broadened VJP: %v, finite %v", err, allFinite(&g))
	}
}

// TestVectorsBroadening checks that the Lorentzian broadening converges to
// the exact derivative as ε → 0 at a separated spectrum, and is biased by
// O(ε²/gap²).
func TestVectorsBroadening(t *testing.T) {
	rng := newRand(24)
	n := 5
	q := randOrth(rng, n)
	a := withSpectrum(q, []float64{-2, -1, 0.5, 1, 3})
	vBar := randDense(rng, n)
	var exact mat.Dense
	if err := mustFactor(t, a, nil).VectorsVJP(&exact, nil, vBar); err != nil {
		t.Fatal(err)
	}
	prev := math.Inf(1)
	for _, b := range []float64{1e-1, 1e-2, 1e-3, 1e-4} {
		var g mat.Dense
		if err := mustFactor(t, a, &Options{Broadening: b}).VectorsVJP(&g, nil, vBar); err != nil {
			t.Fatal(err)
		}
		d := relDiff(&g, &exact, 0)
		// ε = 5b, smallest gap 0.5: bias ≈ (ε/gap)² = 100 b².
		if d > 200*b*b || d >= prev {
			t.Errorf("broadening %g: difference %.3g (previous %.3g)", b, d, prev)
		}
		prev = d
	}
}

// TestNearDegenerateSweep is FORMULAS.md case 8: A = Q diag(1, 1+δ, 2) Qᵀ for
// δ from 1e-2 down to 1e-12. Every result is finite; the eigenvector
// gradients match the exact projector formula with the true δ while δ is
// above the cluster tolerance, and the basis-dependent one is refused below
// it; spectral functions match the block-exponential oracle at every δ.
func TestNearDegenerateSweep(t *testing.T) {
	rng := newRand(25)
	q := randOrth(rng, 3)
	e := randSym(rng, 3)
	w := mat.NewVecDense(3, []float64{0.7, -0.2, 1.1})
	for k := 2; k <= 12; k++ {
		delta := math.Pow(10, -float64(k))
		lam := []float64{1, 1 + delta, 2}
		a := withSpectrum(q, lam)
		s := mustFactor(t, a, nil)
		var v mat.Dense
		s.Vectors(&v)

		// Eigenvalues: finite, and the gradient of λ_2 (simple) exact.
		var g mat.Dense
		s.ValuesVJP(&g, []float64{0, 0, 1})
		checkClose(t, "∇λ₂", &g, projector(q, 2), 1e-12)

		// The λ = 2 eigenvector: L = (wᵀv₂)², finite at every δ and equal
		// to Σ_j (Π w wᵀ Π_j + Π_j w wᵀ Π)/(2 − λ_j).
		wv := mat.Dot(w, v.ColView(2))
		vBar := mat.NewDense(3, 3, nil)
		for i := 0; i < 3; i++ {
			vBar.Set(i, 2, 2*wv*w.AtVec(i))
		}
		if err := s.VectorsVJP(&g, nil, vBar); err != nil {
			t.Fatalf("δ=%g: loss on the simple eigenvector: %v", delta, err)
		}
		checkClose(t, fmt.Sprintf("δ=%g: λ=2 eigenvector gradient", delta), &g,
			pairGrad(q, w, lam, 2), 1e-12)

		// The λ = 1 eigenvector: basis-dependent as δ → 0.
		wv0 := mat.Dot(w, v.ColView(0))
		vBar0 := mat.NewDense(3, 3, nil)
		for i := 0; i < 3; i++ {
			vBar0.Set(i, 0, 2*wv0*w.AtVec(i))
		}
		err := s.VectorsVJP(&g, nil, vBar0)
		clustered := len(s.Clusters()) > 0
		switch {
		case clustered && !errors.Is(err, matcalc.ErrDegenerate):
			t.Errorf("δ=%g: clustered, got %v, want ErrDegenerate", delta, err)
		case !clustered && err != nil:
			t.Errorf("δ=%g: %v", delta, err)
		case !clustered:
			// The eigenvectors are accurate to about eps/δ; the gradient
			// (of size 1/δ) to the same relative accuracy, with a constant
			// that depends on the rounding of the BLAS (56·eps/δ seen at
			// δ = 1e-9 on matcalc's kernels, 45·eps/δ on gonum's).
			checkClose(t, fmt.Sprintf("δ=%g: λ=1 eigenvector gradient", delta), &g,
				pairGrad(q, w, lam, 0), 4e-14/delta+1e-12)
			if delta >= 1e-4 {
				loss := func(x mat.Matrix) float64 {
					vx := alignedVectors(x, &v)
					d := mat.Dot(w, vx.ColView(0))
					return d * d
				}
				checkScalar(t, fmt.Sprintf("δ=%g: FD", delta), inner(&g, e),
					fdScalar(a, e, delta*1e-3, loss), 1e-6)
			}
		}
		if clustered != (delta <= DefaultClusterTol*2) {
			t.Errorf("δ=%g: clustered = %v", delta, clustered)
		}

		// Spectral functions: the exponential's derivative against the
		// block oracle at every δ, and log and sqrt finite.
		var fe mat.Dense
		if err := s.FuncJVP(&fe, Exp, e); err != nil {
			t.Fatal(err)
		}
		checkClose(t, fmt.Sprintf("δ=%g: exp JVP", delta), &fe, blockExp(a, e), 1e-12)
		for _, f := range []Func{Log, Sqrt} {
			if err := s.FuncJVP(&fe, f, e); err != nil || !allFinite(&fe) {
				t.Errorf("δ=%g: %v, finite %v", delta, err, allFinite(&fe))
			}
		}
	}
}

// pairGrad returns the gradient of (wᵀv_i)² for A = Q diag(lam) Qᵀ with
// distinct eigenvalues: Σ_{j≠i} (Π_i w wᵀ Π_j + Π_j w wᵀ Π_i)/(λ_i − λ_j),
// built from the known Q.
func pairGrad(q *mat.Dense, w *mat.VecDense, lam []float64, i int) *mat.Dense {
	n := len(lam)
	var ww mat.Dense
	ww.Outer(1, w, w)
	pi := projector(q, i)
	g := mat.NewDense(n, n, nil)
	for j := 0; j < n; j++ {
		if j == i {
			continue
		}
		pj := projector(q, j)
		var t1, t2 mat.Dense
		t1.Mul(pi, &ww)
		t1.Mul(&t1, pj)
		t2.Mul(pj, &ww)
		t2.Mul(&t2, pi)
		t1.Add(&t1, &t2)
		t1.Scale(1/(lam[i]-lam[j]), &t1)
		g.Add(g, &t1)
	}
	return g
}

// TestVectorsJVPBordered compares with a different algorithm: each column
// v̇_i solves the bordered system
//
//	[A − λ_i I   v_i] [v̇_i]   [−(dA − λ̇_i I) v_i]
//	[v_iᵀ         0 ] [ μ  ] = [        0        ]
//
// by LU, which never forms 1/(λ_j − λ_i).
func TestVectorsJVPBordered(t *testing.T) {
	rng := newRand(26)
	n := 8
	a := randSym(rng, n)
	e := randSym(rng, n)
	s := mustFactor(t, a, nil)
	var v, got mat.Dense
	s.Vectors(&v)
	s.VectorsJVP(&got, e)
	lam := s.Values(nil)
	lamDot := s.ValuesJVP(nil, e)
	want := mat.NewDense(n, n, nil)
	for i := 0; i < n; i++ {
		m := mat.NewDense(n+1, n+1, nil)
		rhs := mat.NewVecDense(n+1, nil)
		var ev mat.VecDense
		ev.MulVec(e, v.ColView(i))
		for r := 0; r < n; r++ {
			for c := 0; c < n; c++ {
				m.Set(r, c, a.At(r, c))
			}
			m.Set(r, r, a.At(r, r)-lam[i])
			m.Set(r, n, v.At(r, i))
			m.Set(n, r, v.At(r, i))
			rhs.SetVec(r, -(ev.AtVec(r) - lamDot[i]*v.At(r, i)))
		}
		var x mat.VecDense
		if err := x.SolveVec(m, rhs); err != nil {
			t.Fatal(err)
		}
		for r := 0; r < n; r++ {
			want.Set(r, i, x.AtVec(r))
		}
	}
	checkClose(t, "VectorsJVP vs bordered systems", &got, want, 1e-11)
}
