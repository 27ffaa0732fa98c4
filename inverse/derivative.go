package inverse

import (
	"github.com/matcalc/matcalc/internal/dense"
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/mat"
)

// JVP stores in dst the derivative of A⁻¹ in the direction dA,
//
//	dY = −A⁻¹ dA A⁻¹,
//
// at the cost of two n×n matrix products once A⁻¹ is cached. A zero-value
// dst is sized n×n; any other shape panics, as does a dA that is not n×n.
// dst may be dA.
func (f *LU) JVP(dst *mat.Dense, dA mat.Matrix) {
	const op = "inverse.(*LU).JVP"
	f.mustValid(op)
	n := f.n
	dense.CheckShape(dA, n, n, op, "dA")
	d := dense.Output(dst, n, n, op, "dst")
	if n == 0 {
		return
	}
	y := f.inverse()
	e := dense.Raw(dA, &f.in1)
	t := dense.General(dense.Grow(&f.w1, n*n), n, n)
	dense.Mul(blas.NoTrans, blas.NoTrans, 1, y, e, 0, t)
	dense.Mul(blas.NoTrans, blas.NoTrans, -1, t, y, 0, d)
}

// VJP stores in dst the pullback of the cotangent yBar through A⁻¹, the
// gradient of <Ȳ, A⁻¹> with respect to A,
//
//	Ā = −A⁻ᵀ Ȳ A⁻ᵀ,
//
// at the cost of two n×n matrix products once A⁻¹ is cached. A zero-value
// dst is sized n×n; any other shape panics, as does a yBar that is not n×n.
// dst may be yBar.
func (f *LU) VJP(dst *mat.Dense, yBar mat.Matrix) {
	const op = "inverse.(*LU).VJP"
	f.mustValid(op)
	n := f.n
	dense.CheckShape(yBar, n, n, op, "yBar")
	d := dense.Output(dst, n, n, op, "dst")
	if n == 0 {
		return
	}
	y := f.inverse()
	yb := dense.Raw(yBar, &f.in1)
	t := dense.General(dense.Grow(&f.w1, n*n), n, n)
	dense.Mul(blas.Trans, blas.NoTrans, 1, y, yb, 0, t)
	dense.Mul(blas.NoTrans, blas.Trans, -1, t, y, 0, d)
}

// HVP stores in dst the derivative of VJP(yBar) in the direction dA (forward
// over reverse): the Hessian of the scalar <Ȳ, A⁻¹> applied to dA,
//
//	Ā̇ = A⁻ᵀ (dAᵀ A⁻ᵀ Ȳ + Ȳ A⁻ᵀ dAᵀ) A⁻ᵀ,
//
// at the cost of six n×n matrix products once A⁻¹ is cached. It is the
// adjoint of the second derivative: <HVP(E, Ȳ), F> = <Ȳ, d²A⁻¹[E, F]> with
// d²A⁻¹[E, F] = A⁻¹EA⁻¹FA⁻¹ + A⁻¹FA⁻¹EA⁻¹. A zero-value dst is sized n×n;
// any other shape panics, as do dA or yBar that are not n×n. dst may be dA
// or yBar.
func (f *LU) HVP(dst *mat.Dense, dA, yBar mat.Matrix) {
	const op = "inverse.(*LU).HVP"
	f.mustValid(op)
	n := f.n
	dense.CheckShape(dA, n, n, op, "dA")
	dense.CheckShape(yBar, n, n, op, "yBar")
	d := dense.Output(dst, n, n, op, "dst")
	if n == 0 {
		return
	}
	y := f.inverse()
	e := dense.Raw(dA, &f.in1)
	yb := dense.Raw(yBar, &f.in2)
	t1 := dense.General(dense.Grow(&f.w1, n*n), n, n)
	t2 := dense.General(dense.Grow(&f.w2, n*n), n, n)
	m := dense.General(dense.Grow(&f.w3, n*n), n, n)
	dense.Mul(blas.Trans, blas.NoTrans, 1, y, yb, 0, t1) // A⁻ᵀ Ȳ
	dense.Mul(blas.NoTrans, blas.Trans, 1, yb, y, 0, t2) // Ȳ A⁻ᵀ
	dense.Mul(blas.Trans, blas.NoTrans, 1, e, t1, 0, m)  // dAᵀ A⁻ᵀ Ȳ
	dense.Mul(blas.NoTrans, blas.Trans, 1, t2, e, 1, m)  // + Ȳ A⁻ᵀ dAᵀ
	dense.Mul(blas.Trans, blas.NoTrans, 1, y, m, 0, t1)  // A⁻ᵀ (…)
	dense.Mul(blas.NoTrans, blas.Trans, 1, t1, y, 0, d)  // (…) A⁻ᵀ
}
