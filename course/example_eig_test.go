package course_test

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc"
	"github.com/matcalc/matcalc/check"
	"github.com/matcalc/matcalc/det"
	"github.com/matcalc/matcalc/eig"
)

// Topic 14: derivatives of the symmetric eigenproblem A = V Λ Vᵀ, λ ascending.
// Differentiating A vᵢ = λᵢ vᵢ and multiplying by vᵢᵀ on the left (vᵢᵀA =
// λᵢvᵢᵀ cancels the terms in v̇ᵢ, and vᵢᵀvᵢ = 1) gives the eigenvalue
// sensitivity
//
//	dλᵢ = vᵢᵀ dA vᵢ,
//
// so the gradient of λᵢ is vᵢvᵢᵀ. eig.Sym.ValuesJVP and ValuesVJP compute
// both; the example checks them against finite differences, the adjoint
// identity, and a second route: λ is a root of p(λ, A) = det(λI − A), and by
// the implicit function theorem dλ = <cof(λI − A), dA>/<cof(λI − A), I>,
// with the cofactor matrix of the singular λI − A from det.Grad (for a simple
// eigenvalue cof(λI − A) = c·vvᵀ, which is why both routes agree).
func Example_eigenvalueSensitivity() {
	a := mat.NewSymDense(4, []float64{
		4, 1, 0, 0,
		1, 3, 1, 0,
		0, 1, 2, 1,
		0, 0, 1, 0.5,
	})
	dA := mat.NewSymDense(4, []float64{
		0, 1, 0, 2,
		1, 1, 0, 0,
		0, 0, -1, 1,
		2, 0, 1, 0,
	})
	s := factorize(a)
	n := s.Size()
	lam := s.Values(nil)
	lamDot := s.ValuesJVP(nil, dA)

	var v mat.Dense
	s.Vectors(&v)
	formula := make([]float64, n) // vᵢᵀ dA vᵢ, by hand
	for i := range formula {
		vi := v.ColView(i)
		formula[i] = mat.Inner(vi, dA, vi)
	}
	implicit := make([]float64, n) // <cof(λI − A), dA> / tr cof(λI − A)
	for i := range implicit {
		var shifted, cof mat.Dense
		shifted.Scale(-1, a)
		for k := 0; k < n; k++ {
			shifted.Set(k, k, shifted.At(k, k)+lam[i])
		}
		if _, err := det.Grad(&cof, &shifted); err != nil {
			panic(err)
		}
		implicit[i] = check.Inner(&cof, dA) / mat.Trace(&cof)
	}
	fmt.Printf("λ                = %.4f\n", lam)
	fmt.Printf("dλ, ValuesJVP    = %.4f\n", lamDot)
	fmt.Printf("vᵢᵀ dA vᵢ        = %.4f\n", formula)
	fmt.Printf("implicit, det(λI − A) = 0: %.4f\n", implicit)

	jvp := func(dst *mat.Dense, d mat.Matrix) { column(dst, s.ValuesJVP(nil, d)) }
	vjp := func(dst *mat.Dense, lamBar mat.Matrix) { s.ValuesVJP(dst, mat.Col(nil, 0, lamBar)) }
	fmt.Println("ValuesJVP agrees with finite differences:", check.JVP(valuesOf, jvp, a, dA, nil).Pass)
	fmt.Println("ValuesVJP is its adjoint:", check.Adjoint(jvp, vjp, dA, mat.NewDense(n, 1, []float64{1, -2, 0.5, 3}), nil).Pass)

	// The gradient of the largest eigenvalue is v vᵀ.
	lamMax := func(x mat.Matrix) float64 { return factorize(x).Values(nil)[n-1] }
	grad := func(dst *mat.Dense) { s.ValuesVJP(dst, []float64{0, 0, 0, 1}) }
	fmt.Println("∇λ_max = v vᵀ agrees with finite differences:", check.Gradient(lamMax, grad, a, nil).Pass)
	// Output:
	// λ                = [-0.0792 1.6931 3.1425 4.7436]
	// dλ, ValuesJVP    = [-1.2126 0.7714 -0.9400 1.3812]
	// vᵢᵀ dA vᵢ        = [-1.2126 0.7714 -0.9400 1.3812]
	// implicit, det(λI − A) = 0: [-1.2126 0.7714 -0.9400 1.3812]
	// ValuesJVP agrees with finite differences: true
	// ValuesVJP is its adjoint: true
	// ∇λ_max = v vᵀ agrees with finite differences: true
}

// Topic 14: eigenvector sensitivity. With P = Vᵀ dA V and W = VᵀV̇,
// differentiating A V = V Λ and multiplying by Vᵀ gives W Λ − Λ W = P − Λ̇:
// off the diagonal W_ij (λⱼ − λᵢ) = P_ij, and on it W_ii = 0 because W is
// antisymmetric (VᵀV = I), so
//
//	V̇ = V (F ∘ P),  F_ij = 1/(λⱼ − λᵢ),  F_ii = 0.
//
// An eigenvector is defined only up to its sign; V̇ is the derivative of the
// eigenvectors with the signs held fixed, so the finite differences must fix
// them the same way: at A + t·dA each column is given the sign that makes
// it point the way the eigenvector at A does (vᵢ(t)ᵀvᵢ(0) > 0). The example
// checks eig.Sym.VectorsJVP against those differences, VectorsVJP against
// the adjoint identity, and both against an independent oracle: the
// bordered linear system that the derivative of A v = λ v with vᵀv = 1
// gives for each column, [A − λI, v; vᵀ, 0] [v̇; μ] = [−(dA − dλ I) v; 0].
// The printed V̇ uses one sign convention (the largest entry of each column
// of V positive, flipping V̇ with V) so that it does not depend on the
// solver.
func Example_eigenvectorSensitivity() {
	a := mat.NewSymDense(4, []float64{
		4, 1, 0, 0,
		1, 3, 1, 0,
		0, 1, 2, 1,
		0, 0, 1, 0.5,
	})
	dA := mat.NewSymDense(4, []float64{
		0, 1, 0, 2,
		1, 1, 0, 0,
		0, 0, -1, 1,
		2, 0, 1, 0,
	})
	s := factorize(a)
	n := s.Size()
	var v0, vDot mat.Dense
	s.Vectors(&v0)
	s.VectorsJVP(&vDot, dA)

	// Eigenvectors with the signs of v0, for the finite differences.
	vectors := func(dst *mat.Dense, x mat.Matrix) {
		factorize(x).Vectors(dst)
		for j := 0; j < n; j++ {
			if mat.Dot(dst.ColView(j), v0.ColView(j)) < 0 {
				flipColumn(dst, j)
			}
		}
	}
	fmt.Println("VectorsJVP agrees with finite differences:", check.JVP(vectors, s.VectorsJVP, a, dA, nil).Pass)
	vjp := func(dst *mat.Dense, vBar mat.Matrix) {
		if err := s.VectorsVJP(dst, nil, vBar); err != nil {
			panic(err)
		}
	}
	vBar := mat.NewDense(n, n, []float64{
		1, 0, -1, 2,
		0, 3, 1, 0,
		-2, 1, 0, 1,
		1, 1, 1, -1,
	})
	fmt.Println("VectorsVJP is its adjoint:", check.Adjoint(s.VectorsJVP, vjp, dA, vBar, nil).Pass)

	// The oracle: one bordered solve per column.
	lam, lamDot := s.Values(nil), s.ValuesJVP(nil, dA)
	bordered := mat.NewDense(n, n, nil)
	for i := 0; i < n; i++ {
		k := mat.NewDense(n+1, n+1, nil)
		rhs := mat.NewVecDense(n+1, nil)
		vi := v0.ColView(i)
		var dv mat.VecDense
		dv.MulVec(dA, vi)
		for r := 0; r < n; r++ {
			for c := 0; c < n; c++ {
				k.Set(r, c, a.At(r, c))
			}
			k.Set(r, r, a.At(r, r)-lam[i])
			k.Set(r, n, vi.AtVec(r))
			k.Set(n, r, vi.AtVec(r))
			rhs.SetVec(r, -(dv.AtVec(r) - lamDot[i]*vi.AtVec(r)))
		}
		var sol mat.VecDense
		if err := sol.SolveVec(k, rhs); err != nil {
			panic(err)
		}
		for r := 0; r < n; r++ {
			bordered.Set(r, i, sol.AtVec(r))
		}
	}
	fmt.Println("V (F ∘ VᵀdAV) equals the bordered solves:", mat.EqualApprox(&vDot, bordered, 1e-12))
	var vtv mat.Dense
	vtv.Mul(v0.T(), &vDot)
	fmt.Println("VᵀV̇ is antisymmetric:", mat.EqualApprox(&vtv, scaled(-1, vtv.T()), 1e-13))

	for j := 0; j < n; j++ { // the printing convention
		col := mat.Col(nil, j, &v0)
		big := 0
		for r := range col {
			if math.Abs(col[r]) > math.Abs(col[big]) {
				big = r
			}
		}
		if col[big] < 0 {
			flipColumn(&v0, j)
			flipColumn(&vDot, j)
		}
	}
	fmt.Printf("V = %.4f\n", mat.Formatted(rounded(&v0, 4), mat.Prefix("    ")))
	fmt.Printf("V̇ = %.4f\n", mat.Formatted(rounded(&vDot, 4), mat.Prefix("    ")))
	// Output:
	// VectorsJVP agrees with finite differences: true
	// VectorsVJP is its adjoint: true
	// V (F ∘ VᵀdAV) equals the bordered solves: true
	// VᵀV̇ is antisymmetric: true
	// V = ⎡-0.0427  -0.2749  -0.5612   0.7795⎤
	//     ⎢ 0.1740   0.6342   0.4812   0.5796⎥
	//     ⎢-0.4931  -0.5539   0.6298   0.2311⎥
	//     ⎣ 0.8513  -0.4642   0.2383   0.0545⎦
	// V̇ = ⎡-0.4838   0.0882  -0.3051  -0.2150⎤
	//     ⎢ 0.1486  -0.1214  -0.1687   0.2283⎥
	//     ⎢-0.3162   0.2003  -0.0914   0.0544⎥
	//     ⎣-0.2377  -0.4570  -0.1362   0.4169⎦
}

// Topic 14: the second derivative of an eigenvalue. Differentiating
// dλᵢ = vᵢᵀ E vᵢ once more along E, with v̇ᵢ = Σ_{j≠i} vⱼ (vⱼᵀ E vᵢ)/(λᵢ − λⱼ),
// gives
//
//	d²λᵢ[E, E] = 2 Σ_{j≠i} (vⱼᵀ E vᵢ)² / (λᵢ − λⱼ),
//
// positive for the largest eigenvalue (convex: λ_max(A) = max over unit x of
// xᵀAx) and negative for the smallest (concave). eig.Sym.ValueHVP gives the
// Hessian of λᵢ applied to E, a matrix H with d²λᵢ[E, E] = <H, E>; the example
// compares it with the sum, with a second central difference of λᵢ along E,
// and checks ValueHVP as the derivative of the gradient vᵢvᵢᵀ by finite
// differences.
func Example_eigenvalueHessian() {
	a := mat.NewSymDense(4, []float64{
		4, 1, 0, 0,
		1, 3, 1, 0,
		0, 1, 2, 1,
		0, 0, 1, 0.5,
	})
	e := mat.NewSymDense(4, []float64{
		0, 1, 0, 2,
		1, 1, 0, 0,
		0, 0, -1, 1,
		2, 0, 1, 0,
	})
	s := factorize(a)
	n := s.Size()
	lam := s.Values(nil)
	var v mat.Dense
	s.Vectors(&v)
	const t = 1e-3
	for _, i := range []int{0, n - 1} {
		sum := 0.0
		for j := 0; j < n; j++ {
			if j != i {
				c := mat.Inner(v.ColView(j), e, v.ColView(i))
				sum += 2 * c * c / (lam[i] - lam[j])
			}
		}
		var h mat.Dense
		if err := s.ValueHVP(&h, i, e); err != nil {
			panic(err)
		}
		at := func(t float64) float64 {
			var x mat.SymDense
			x.AddSym(a, scaledSym(t, e))
			return factorize(&x).Values(nil)[i]
		}
		second := (at(t) - 2*at(0) + at(-t)) / (t * t)
		grad := func(dst *mat.Dense, x mat.Matrix) { // vᵢvᵢᵀ
			lamBar := make([]float64, n)
			lamBar[i] = 1
			factorize(x).ValuesVJP(dst, lamBar)
		}
		hvp := func(dst *mat.Dense, d mat.Matrix) {
			if err := s.ValueHVP(dst, i, d); err != nil {
				panic(err)
			}
		}
		fmt.Printf("λ_%d = %.4f: 2Σ(vⱼᵀEvᵢ)²/(λᵢ−λⱼ) = %.5f, <ValueHVP(E), E> = %.5f, second difference = %.4f\n",
			i, lam[i], sum, check.Inner(&h, e), second)
		fmt.Println("    ValueHVP agrees with finite differences of vᵢvᵢᵀ:", check.JVP(grad, hvp, a, e, nil).Pass)
	}
	// Output:
	// λ_0 = -0.0792: 2Σ(vⱼᵀEvᵢ)²/(λᵢ−λⱼ) = -2.35184, <ValueHVP(E), E> = -2.35184, second difference = -2.3518
	//     ValueHVP agrees with finite differences of vᵢvᵢᵀ: true
	// λ_3 = 4.7436: 2Σ(vⱼᵀEvᵢ)²/(λᵢ−λⱼ) = 1.79796, <ValueHVP(E), E> = 1.79796, second difference = 1.7980
	//     ValueHVP agrees with finite differences of vᵢvᵢᵀ: true
}

// Topic 14: a degenerate case done right. A = diag(4, 1, 1) has the double
// eigenvalue 1, whose eigenvectors are any orthonormal basis of the plane
// e₂, e₃: they are not differentiable. The eigenvector v of λ = 4 is: its
// derivative v̇ = Σ_{j: λⱼ = 1} vⱼ (vⱼᵀ dA v)/(4 − 1) has only the gap
// 4 − 1 = 3 in its denominators. A loss on v alone, L = (cᵀv)² (sign-free), has the
// gradient sym(2(cᵀv)·(I − vvᵀ)c vᵀ)/3, which at v = e₁ is finite. JAX
// (jax#4646) and PyTorch return NaN for every entry here, because their
// rules form 1/(λⱼ − λᵢ) for the pair inside the cluster too and multiply
// 1/0 by a zero cotangent (course/testdata/torch_eigh_degenerate.py shows
// PyTorch's). eig.Sym.VectorsVJP sees that the cotangent does not rotate the
// cluster and masks it; the example checks the gradient against the closed
// form and finite differences.
func Example_eigenvectorDegenerate() {
	a := mat.NewSymDense(3, []float64{
		4, 0, 0,
		0, 1, 0,
		0, 0, 1,
	})
	c := mat.NewVecDense(3, []float64{1, 2, 3})
	s := factorize(a)
	fmt.Printf("λ = %.4f, clusters %v\n", s.Values(nil), s.Clusters())

	top := func(x mat.Matrix) *mat.VecDense { // the eigenvector of the largest λ
		var v mat.Dense
		factorize(x).Vectors(&v)
		return mat.VecDenseCopyOf(v.ColView(2))
	}
	loss := func(x mat.Matrix) float64 {
		d := mat.Dot(c, top(x))
		return d * d
	}
	grad := func(dst *mat.Dense) {
		vBar := mat.NewDense(3, 3, nil) // ∂L/∂V: 2(cᵀv) c in the column of λ = 4
		vBar.ColView(2).(*mat.VecDense).ScaleVec(2*mat.Dot(c, top(a)), c)
		if err := s.VectorsVJP(dst, nil, vBar); err != nil {
			panic(err)
		}
	}
	var g mat.Dense
	grad(&g)
	// The closed form at v = e₁: 2c₁ (0, c₂, c₃) e₁ᵀ/3, symmetrized.
	want := mat.NewDense(3, 3, []float64{
		0, c.AtVec(0) * c.AtVec(1) / 3, c.AtVec(0) * c.AtVec(2) / 3,
		c.AtVec(0) * c.AtVec(1) / 3, 0, 0,
		c.AtVec(0) * c.AtVec(2) / 3, 0, 0,
	})
	fmt.Printf("∇L = %.6f\n", mat.Formatted(rounded(&g, 6), mat.Prefix("     ")))
	fmt.Println("equals the closed form:", mat.EqualApprox(&g, want, 1e-14))
	fmt.Println("agrees with finite differences:", check.Gradient(loss, grad, a, nil).Pass)
	// Output:
	// λ = [1.0000 1.0000 4.0000], clusters [[0 2]]
	// ∇L = ⎡0.000000  0.666667  1.000000⎤
	//      ⎢0.666667  0.000000  0.000000⎥
	//      ⎣1.000000  0.000000  0.000000⎦
	// equals the closed form: true
	// agrees with finite differences: true
}

// Topic 14: losses over a degenerate cluster. A = Pᵀ diag(0.5, 1, 1, 2, 2) P,
// with P orthogonal, has two double eigenvalues. Let U be the two
// eigenvectors of λ = 1. Any rotation U Q of them is as good a basis, so a
// loss has a derivative only if it does not depend on the basis: the
// gauge-invariant L = tr(Uᵀ M U) = <M, U Uᵀ> depends on U only through the
// projector U Uᵀ onto the cluster's invariant subspace, which is smooth in
// A. Its gradient is exact and finite, and the rotation part of the
// cotangent, the cluster block of skew(Vᵀ V̄), vanishes: VectorsVJP checks
// that and masks the cluster. PyTorch here returns a finite, silently wrong
// gradient (pytorch#47599; on this A its norm is 5.1585 for the true 5.1487,
// course/testdata/torch_eigh_degenerate.py), because the two eigenvalues its
// solver returns for the cluster differ by rounding and it divides by that
// difference. The oracle: the projector is the spectral
// function h(A) for any smooth h with h = 1 at λ = 1, h = 0 at 0.5 and 2,
// and h′ = 0 at all three (the Hermite polynomial h(x) = ℓ(x)²(3 − 2x),
// ℓ(x) = −2(x − 0.5)(x − 2)), so the gradient is also FuncVJP(h, M), by the
// Daleckiĭ–Kreĭn formula, which never looks at an eigenvector derivative.
//
// The loss u₁ᵀ M u₁ on the first of the two vectors alone depends on the
// basis the solver happened to pick: it has no derivative, and VectorsVJP
// says so with matcalc.ErrDegenerate instead of returning NaN.
func Example_degenerateCluster() {
	const n = 5
	u := mat.NewVecDense(n, []float64{1, 2, 0, -1, 1})
	p := mat.NewDense(n, n, nil) // the Householder reflector I − 2uuᵀ/uᵀu
	p.Outer(-2/mat.Dot(u, u), u, u)
	for i := 0; i < n; i++ {
		p.Set(i, i, p.At(i, i)+1)
	}
	var pd, full mat.Dense
	pd.Mul(p.T(), mat.NewDiagDense(n, []float64{0.5, 1, 1, 2, 2}))
	full.Mul(&pd, p)
	a := symPart(&full)
	m := mat.NewDense(n, n, []float64{
		1, 2, 0, 0, 1,
		0, 3, -1, 0, 0,
		2, 0, 1, 1, 0,
		0, 1, 0, -2, 1,
		1, 0, 0, 1, 2,
	})
	s := factorize(a)
	fmt.Printf("λ = %.4f, clusters %v\n", s.Values(nil), s.Clusters())

	var mSym mat.Dense
	mSym.Add(m, m.T())
	cluster := func(x mat.Matrix) *mat.Dense { // U: the eigenvectors of λ ≈ 1
		var v mat.Dense
		factorize(x).Vectors(&v)
		return mat.DenseCopyOf(v.Slice(0, n, 1, 3))
	}
	loss := func(x mat.Matrix) float64 { // tr(Uᵀ M U)
		var q mat.Dense
		uc := cluster(x)
		q.Product(uc.T(), m, uc)
		return mat.Trace(&q)
	}
	grad := func(dst *mat.Dense) { // V̄ = (M + Mᵀ) U in the cluster's columns
		vBar := mat.NewDense(n, n, nil)
		vBar.Slice(0, n, 1, 3).(*mat.Dense).Mul(&mSym, cluster(a))
		if err := s.VectorsVJP(dst, nil, vBar); err != nil {
			panic(err)
		}
	}
	var g, viaH mat.Dense
	grad(&g)
	ell := func(x float64) float64 { return -2 * (x - 0.5) * (x - 2) }
	h := eig.Func{
		F:  func(x float64) float64 { return ell(x) * ell(x) * (3 - 2*x) },
		DF: func(x float64) float64 { return 2*ell(x)*(-4*x+5)*(3-2*x) - 2*ell(x)*ell(x) },
	}
	if err := s.FuncVJP(&viaH, h, m); err != nil {
		panic(err)
	}
	fmt.Printf("L = tr(Uᵀ M U) = %.6f, ‖∇L‖_F = %.6f\n", loss(a), mat.Norm(&g, 2))
	fmt.Println("∇L equals FuncVJP of the projector h(A):", mat.EqualApprox(&g, &viaH, 1e-12))
	fmt.Println("∇L agrees with finite differences:", check.Gradient(loss, grad, a, nil).Pass)

	vBar := mat.NewDense(n, n, nil) // u₁ᵀ M u₁: V̄ = (M + Mᵀ) u₁ in column 1
	vBar.ColView(1).(*mat.VecDense).MulVec(&mSym, cluster(a).ColView(0))
	err := s.VectorsVJP(&g, nil, vBar)
	fmt.Println("u₁ᵀ M u₁ is refused with ErrDegenerate:", errors.Is(err, matcalc.ErrDegenerate))
	// Output:
	// λ = [0.5000 1.0000 1.0000 2.0000 2.0000], clusters [[1 3] [3 5]]
	// L = tr(Uᵀ M U) = 1.469388, ‖∇L‖_F = 5.148725
	// ∇L equals FuncVJP of the projector h(A): true
	// ∇L agrees with finite differences: true
	// u₁ᵀ M u₁ is refused with ErrDegenerate: true
}

// Topic 14: a spectral function at a repeated eigenvalue. For f(A) =
// V f(Λ) Vᵀ the Daleckiĭ–Kreĭn formula gives ḟ = V (Γ ∘ VᵀdAV) Vᵀ with the
// divided differences Γ_ij = (f(λᵢ) − f(λⱼ))/(λᵢ − λⱼ) and their limit
// Γ_ij = f′(λᵢ) when λᵢ = λⱼ. At A = I every Γ_ij is f′(1), so the
// derivative of √A at I is dA/2, although the eigenvectors of I are
// anything at all: a composition through eigh (JAX, PyTorch) divides by
// the zero gaps there. For A with eigenvalues 4, 4, 1 the oracle is the
// Sylvester equation that differentiating X·X = A gives, √A Ẋ + Ẋ √A = dA,
// and finite differences of √A (computed by eig.Apply) check both.
func Example_sqrtRepeated() {
	dA := mat.NewSymDense(3, []float64{
		2, 1, 0,
		1, -1, 3,
		0, 3, 4,
	})
	s := factorize(mat.NewSymDense(3, []float64{1, 0, 0, 0, 1, 0, 0, 0, 1}))
	var d mat.Dense
	if err := s.FuncJVP(&d, eig.Sqrt, dA); err != nil {
		panic(err)
	}
	fmt.Printf("d√A at I = %.4f\n", mat.Formatted(rounded(&d, 4), mat.Prefix("           ")))
	fmt.Println("equals dA/2:", mat.EqualApprox(&d, scaled(0.5, dA), 1e-15))

	// A = Q diag(4, 4, 1) Qᵀ with Q a reflector.
	u := mat.NewVecDense(3, []float64{1, 1, 2})
	q := mat.NewDense(3, 3, nil)
	q.Outer(-2/mat.Dot(u, u), u, u)
	for i := 0; i < 3; i++ {
		q.Set(i, i, q.At(i, i)+1)
	}
	var qd, full mat.Dense
	qd.Mul(q, mat.NewDiagDense(3, []float64{4, 4, 1}))
	full.Mul(&qd, q.T())
	a := symPart(&full)
	s = factorize(a)
	var root, x, res mat.Dense
	if err := s.FuncValue(&root, eig.Sqrt); err != nil {
		panic(err)
	}
	if err := s.FuncJVP(&x, eig.Sqrt, dA); err != nil {
		panic(err)
	}
	res.Mul(&root, &x)
	res.Add(&res, scaled(1, res.T())) // √A Ẋ + Ẋ √A, as Ẋ and √A are symmetric
	fmt.Printf("λ = %.4f, clusters %v\n", s.Values(nil), s.Clusters())
	fmt.Println("√A Ẋ + Ẋ √A equals dA:", mat.EqualApprox(&res, dA, 1e-13))
	sqrtOf := func(dst *mat.Dense, x mat.Matrix) {
		if err := eig.Apply(dst, eig.Sqrt, x); err != nil {
			panic(err)
		}
	}
	jvp := func(dst *mat.Dense, d mat.Matrix) {
		if err := s.FuncJVP(dst, eig.Sqrt, d); err != nil {
			panic(err)
		}
	}
	fmt.Println("FuncJVP agrees with finite differences:", check.JVP(sqrtOf, jvp, a, dA, nil).Pass)
	// Output:
	// d√A at I = ⎡ 1.0000   0.5000   0.0000⎤
	//            ⎢ 0.5000  -0.5000   1.5000⎥
	//            ⎣ 0.0000   1.5000   2.0000⎦
	// equals dA/2: true
	// λ = [1.0000 4.0000 4.0000], clusters [[1 3]]
	// √A Ẋ + Ẋ √A equals dA: true
	// FuncJVP agrees with finite differences: true
}

// factorize returns the eigendecomposition of the symmetric x, panicking on
// an error (the examples' matrices are well within the solver's reach).
func factorize(x mat.Matrix) *eig.Sym {
	var s eig.Sym
	if err := s.Factorize(x, nil); err != nil {
		panic(err)
	}
	return &s
}

// valuesOf writes the ascending eigenvalues of x into dst as a column.
func valuesOf(dst *mat.Dense, x mat.Matrix) {
	column(dst, factorize(x).Values(nil))
}

// column writes v into dst as an n×1 matrix, sizing an empty dst.
func column(dst *mat.Dense, v []float64) {
	if dst.IsEmpty() {
		dst.ReuseAs(len(v), 1)
	}
	dst.SetCol(0, v)
}

// flipColumn negates column j of m.
func flipColumn(m *mat.Dense, j int) {
	r, _ := m.Dims()
	for i := 0; i < r; i++ {
		m.Set(i, j, -m.At(i, j))
	}
}

// symPart returns (x + xᵀ)/2 as a symmetric matrix.
func symPart(x mat.Matrix) *mat.SymDense {
	n, _ := x.Dims()
	s := mat.NewSymDense(n, nil)
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			s.SetSym(i, j, (x.At(i, j)+x.At(j, i))/2)
		}
	}
	return s
}

// scaledSym returns t·x as a symmetric matrix.
func scaledSym(t float64, x mat.Symmetric) *mat.SymDense {
	var s mat.SymDense
	s.ScaleSym(t, x)
	return &s
}
