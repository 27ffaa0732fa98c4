package course_test

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc"
	"github.com/matcalc/matcalc/check"
	"github.com/matcalc/matcalc/check/dual"
	"github.com/matcalc/matcalc/det"
	"github.com/matcalc/matcalc/inverse"
)

// Topic 8: the derivative of the determinant. Expanding det along row i,
// det A = Σ_j A_ij C_ij with the cofactors C_ij not depending on row i, so
// ∂det/∂A_ij = C_ij: the gradient is the cofactor matrix cof(A) = adj(A)ᵀ,
// and when A is invertible cof(A) = det(A)·A⁻ᵀ, so
//
//	d det = <cof(A), dA> = det(A)·tr(A⁻¹ dA).
//
// det.LU gives det, the JVP and the gradient from one factorization; the
// example checks them against the formula (with A⁻¹ from inverse.LU), dual
// numbers (det of A + ε dA through an LU in dual arithmetic) and finite
// differences.
func Example_detDerivative() {
	a := mat.NewDense(3, 3, []float64{
		2, 1, 0,
		-1, 3, 1,
		0, 2, 4,
	})
	dA := mat.NewDense(3, 3, []float64{
		0, 1, 0,
		0, 0, 0,
		1, 0, -1,
	})
	var f det.LU
	if err := f.Factorize(a); err != nil {
		panic(err)
	}
	var inv inverse.LU
	if err := inv.Factorize(a); err != nil {
		panic(err)
	}
	var ai, p mat.Dense
	inv.Inverse(&ai)
	p.Mul(&ai, dA)
	formula := f.Det() * mat.Trace(&p) // det(A)·tr(A⁻¹ dA)
	d, err := dual.Det(dual.NewMatrix(a, dA))
	if err != nil {
		panic(err)
	}
	detOf := func(x mat.Matrix) float64 { return mat.Det(x) } // gonum's, an independent det

	fmt.Printf("det A                = %.6f\n", f.Det())
	fmt.Printf("d det, det.LU.JVP    = %.6f\n", f.JVP(dA))
	fmt.Printf("det(A)·tr(A⁻¹ dA)    = %.6f\n", formula)
	fmt.Printf("dual numbers         = %.6f\n", d.Eps[0])
	fmt.Println("JVP agrees with finite differences:", check.Directional(detOf, f.JVP, a, dA, nil).Pass)

	var g, want mat.Dense
	f.Grad(&g)
	want.Scale(f.Det(), ai.T())
	fmt.Println("gradient agrees with finite differences:", check.Gradient(detOf, f.Grad, a, nil).Pass)
	fmt.Println("gradient equals det(A)·A⁻ᵀ:", mat.EqualApprox(&g, &want, 1e-13))
	fmt.Printf("cof(A) =\n%v\n", mat.Formatted(rounded(&g, 9)))
	// Output:
	// det A                = 24.000000
	// d det, det.LU.JVP    = -2.000000
	// det(A)·tr(A⁻¹ dA)    = -2.000000
	// dual numbers         = -2.000000
	// JVP agrees with finite differences: true
	// gradient agrees with finite differences: true
	// gradient equals det(A)·A⁻ᵀ: true
	// cof(A) =
	// ⎡10   4  -2⎤
	// ⎢-4   8  -4⎥
	// ⎣ 1  -2   7⎦
}

// Topic 8: the derivative of the inverse. Differentiating A A⁻¹ = I gives
// dA A⁻¹ + A d(A⁻¹) = 0, so
//
//	d(A⁻¹) = −A⁻¹ dA A⁻¹,
//
// and not −A⁻² dA, the scalar rule d(1/x) = −dx/x², which holds only when dA
// commutes with A. Its adjoint, the VJP, is Ā = −A⁻ᵀ Ȳ A⁻ᵀ. inverse.LU gives
// both from one factorization; the example checks the JVP against dual
// numbers and finite differences, the VJP against finite differences entry
// by entry, and the pair with the adjoint identity <Ȳ, JVP(dA)> =
// <VJP(Ȳ), dA>.
func Example_inverseDerivative() {
	a := mat.NewDense(2, 2, []float64{2, 1, 1, 1}) // A⁻¹ = [[1, −1], [−1, 2]]
	dA := mat.NewDense(2, 2, []float64{0, 1, 0, 0})
	yBar := mat.NewDense(2, 2, []float64{1, 2, -1, 3})
	var f inverse.LU
	if err := f.Factorize(a); err != nil {
		panic(err)
	}
	invOf := func(dst *mat.Dense, x mat.Matrix) {
		if err := inverse.Inverse(dst, x); err != nil {
			panic(err)
		}
	}
	var dy, ai, wrong mat.Dense
	f.JVP(&dy, dA)
	f.Inverse(&ai)
	wrong.Product(&ai, &ai, dA) // A⁻² dA
	wrong.Scale(-1, &wrong)
	var yd dual.Matrix
	if err := yd.Inverse(dual.NewMatrix(a, dA)); err != nil {
		panic(err)
	}

	fmt.Printf("−A⁻¹ dA A⁻¹ =\n%v\n", mat.Formatted(rounded(&dy, 9)))
	fmt.Println("equals the dual-number derivative:", mat.EqualApprox(&dy, yd.Eps(0), 1e-14))
	fmt.Println("JVP agrees with finite differences:", check.JVP(invOf, f.JVP, a, dA, nil).Pass)
	fmt.Println("VJP agrees with finite differences:", check.VJP(invOf, f.VJP, a, yBar, nil).Pass)
	fmt.Println("adjoint identity holds:", check.Adjoint(f.JVP, f.VJP, dA, yBar, nil).Pass)
	fmt.Printf("−A⁻² dA =\n%v\n", mat.Formatted(rounded(&wrong, 9)))
	fmt.Println("−A⁻² dA agrees with finite differences:", check.JVP(invOf, func(dst *mat.Dense, _ mat.Matrix) { dst.CloneFrom(&wrong) }, a, dA, nil).Pass)
	// Output:
	// −A⁻¹ dA A⁻¹ =
	// ⎡ 1  -2⎤
	// ⎣-1   2⎦
	// equals the dual-number derivative: true
	// JVP agrees with finite differences: true
	// VJP agrees with finite differences: true
	// adjoint identity holds: true
	// −A⁻² dA =
	// ⎡ 0  -2⎤
	// ⎣ 0   3⎦
	// −A⁻² dA agrees with finite differences: false
}

// Topic 8: det at a singular matrix. det is a polynomial in the entries, so
// its gradient, the cofactor matrix, exists everywhere; only the formula
// det(A)·A⁻ᵀ needs A⁻¹. For A = [[1, 2], [2, 4]] (rank 1, det 0) the cofactor
// matrix is [[4, −2], [−2, 1]]: moving A₁₁ by t changes det by 4t. det.LU
// returns it (for n ≤ 4 from the polynomial, for larger n from a
// rank-revealing factorization); PyTorch's default backward of
// torch.linalg.det returns the zero matrix here (checked with PyTorch 1.13:
// course/testdata/torch_det_singular.py), and the derivative of log|det|,
// A⁻ᵀ, does not exist, which det.LU.LogGrad and inverse.LU report as
// matcalc.ErrSingular. Near the singular matrix the gradient is continuous:
// cof(A + tE) → cof(A) as t → 0. The 4×4 upper shift matrix (ones on the
// superdiagonal, rank 3) has a single nonzero cofactor, −1 at (4, 1).
func Example_detSingular() {
	a := mat.NewDense(2, 2, []float64{1, 2, 2, 4})
	var f det.LU
	if err := f.Factorize(a); err != nil {
		panic(err)
	}
	var g mat.Dense
	f.Grad(&g)
	detOf := func(x mat.Matrix) float64 { return mat.Det(x) }
	fmt.Printf("det A = %.1f\n", math.Abs(f.Det())) // |·|: no −0
	fmt.Printf("∇det A =\n%v\n", mat.Formatted(rounded(&g, 12)))
	fmt.Println("agrees with finite differences:", check.Gradient(detOf, f.Grad, a, nil).Pass)

	var lg mat.Dense
	err := f.LogGrad(&lg)
	fmt.Println("∇log|det A| is ErrSingular:", errors.Is(err, matcalc.ErrSingular))
	var inv inverse.LU
	err = inv.Factorize(a)
	fmt.Println("A⁻¹ is ErrSingular:", errors.Is(err, matcalc.ErrSingular))

	// cof(A + tE) = det(A + tE)·(A + tE)⁻ᵀ → cof(A), here with an error of
	// exactly t in one entry (cof(A + tE) = [[4, −2], [−2, 1 + t]]).
	e := mat.NewDense(2, 2, []float64{1, 0, 0, 0})
	fmt.Println("     t   ‖det(A+tE)·(A+tE)⁻ᵀ − cof(A)‖")
	for _, t := range []float64{1e-1, 1e-3, 1e-5} {
		var at, it, c mat.Dense
		at.Scale(t, e)
		at.Add(a, &at)
		if err := inverse.Inverse(&it, &at); err != nil {
			panic(err)
		}
		c.Scale(mat.Det(&at), it.T())
		c.Sub(&c, &g)
		fmt.Printf("%6.0e   %.3e\n", t, mat.Norm(&c, 2))
	}

	shift := mat.NewDense(4, 4, []float64{
		0, 1, 0, 0,
		0, 0, 1, 0,
		0, 0, 0, 1,
		0, 0, 0, 0,
	})
	var gs mat.Dense
	if _, err := det.Grad(&gs, shift); err != nil {
		panic(err)
	}
	fmt.Printf("∇det of the 4×4 shift =\n%v\n", mat.Formatted(rounded(&gs, 12)))
	// Output:
	// det A = 0.0
	// ∇det A =
	// ⎡ 4  -2⎤
	// ⎣-2   1⎦
	// agrees with finite differences: true
	// ∇log|det A| is ErrSingular: true
	// A⁻¹ is ErrSingular: true
	//      t   ‖det(A+tE)·(A+tE)⁻ᵀ − cof(A)‖
	//  1e-01   1.000e-01
	//  1e-03   1.000e-03
	//  1e-05   1.000e-05
	// ∇det of the 4×4 shift =
	// ⎡ 0   0   0   0⎤
	// ⎢ 0   0   0   0⎥
	// ⎢ 0   0   0   0⎥
	// ⎣-1   0   0   0⎦
}
