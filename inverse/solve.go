package inverse

import (
	"github.com/matcalc/matcalc/internal/dense"
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"
)

// Solve stores in dst the solution X = A⁻¹B of A X = B for the n×k matrix
// b, with one triangular solve pair on the cached factors. A zero-value dst
// is sized n×k; any other shape panics, as does a b without n rows. dst may
// be b.
func (f *LU) Solve(dst *mat.Dense, b mat.Matrix) {
	const op = "inverse.(*LU).Solve"
	f.mustValid(op)
	n := f.n
	_, k := b.Dims()
	dense.CheckShape(b, n, k, op, "b")
	d := dense.Output(dst, n, k, op, "dst")
	if n == 0 || k == 0 {
		return
	}
	w := dense.General(dense.Grow(&f.w1, n*k), n, k)
	dense.CopyFrom(w, b)
	getrs(blas.NoTrans, f.factors(), w, f.ipiv)
	dense.CopyGeneral(d, w)
}

// SolveJVP stores in dst the derivative of X = A⁻¹B in the direction
// (dA, dB),
//
//	dX = A⁻¹ (dB − dA X),
//
// where x is the solution X returned by Solve. It costs one n×n by n×k
// product and one solve on the cached factors. A nil dA or dB is a zero
// direction. A zero-value dst is sized n×k; any other shape panics, as do x
// or dB that are not n×k and a dA that is not n×n. dst may be any of the
// inputs.
func (f *LU) SolveJVP(dst *mat.Dense, dA, dB, x mat.Matrix) {
	const op = "inverse.(*LU).SolveJVP"
	f.mustValid(op)
	n := f.n
	_, k := x.Dims()
	dense.CheckShape(x, n, k, op, "x")
	if dA != nil {
		dense.CheckShape(dA, n, n, op, "dA")
	}
	if dB != nil {
		dense.CheckShape(dB, n, k, op, "dB")
	}
	d := dense.Output(dst, n, k, op, "dst")
	if n == 0 || k == 0 {
		return
	}
	w := dense.General(dense.Grow(&f.w1, n*k), n, k)
	f.tangent(w, dA, dB, x)
	dense.CopyGeneral(d, w)
}

// tangent stores A⁻¹(dB − dA X) in w, reading dA, dB and x.
func (f *LU) tangent(w blas64.General, dA, dB, x mat.Matrix) {
	if dB != nil {
		dense.CopyFrom(w, dB)
	} else {
		dense.Zero(w)
	}
	if dA != nil {
		dense.Mul(blas.NoTrans, blas.NoTrans, -1, dense.Raw(dA, &f.in1), dense.Raw(x, &f.in2), 1, w)
	}
	getrs(blas.NoTrans, f.factors(), w, f.ipiv)
}

// SolveVJP stores in aBar and bBar the pullback of the cotangent xBar through
// X = A⁻¹B, the gradients of <X̄, A⁻¹B> with respect to A and to B,
//
//	B̄ = A⁻ᵀ X̄,  Ā = −B̄ Xᵀ,
//
// where x is the solution X returned by Solve. It costs one solve on the
// cached factors and one n×k by k×n product. Either of aBar and bBar may be
// nil to skip it; x is read only for aBar and may then be nil. Zero-value
// destinations are sized (aBar n×n, bBar n×k); other shapes panic, as do x
// or xBar that are not n×k. The destinations may be any of the inputs.
func (f *LU) SolveVJP(aBar, bBar *mat.Dense, xBar, x mat.Matrix) {
	const op = "inverse.(*LU).SolveVJP"
	f.mustValid(op)
	n := f.n
	_, k := xBar.Dims()
	dense.CheckShape(xBar, n, k, op, "xBar")
	if aBar != nil {
		if x == nil {
			panic(op + ": x is nil, needed for aBar")
		}
		dense.CheckShape(x, n, k, op, "x")
	}
	var da, db blas64.General
	if aBar != nil {
		da = dense.Output(aBar, n, n, op, "aBar")
	}
	if bBar != nil {
		db = dense.Output(bBar, n, k, op, "bBar")
	}
	if n == 0 {
		return
	}
	if k == 0 {
		if aBar != nil {
			dense.Zero(da)
		}
		return
	}
	bb := dense.General(dense.Grow(&f.w1, n*k), n, k)
	dense.CopyFrom(bb, xBar)
	getrs(blas.Trans, f.factors(), bb, f.ipiv)
	var t blas64.General
	if aBar != nil {
		t = dense.General(dense.Grow(&f.w2, n*n), n, n)
		dense.Mul(blas.NoTrans, blas.Trans, -1, bb, dense.Raw(x, &f.in2), 0, t)
	}
	if bBar != nil {
		dense.CopyGeneral(db, bb)
	}
	if aBar != nil {
		dense.CopyGeneral(da, t)
	}
}

// SolveHVP stores in aBarDot and bBarDot the derivative of SolveVJP(xBar) in
// the direction (dA, dB) (forward over reverse), the Hessian of the scalar
// <X̄, A⁻¹B> with respect to (A, B) applied to (dA, dB):
//
//	dX   = A⁻¹ (dB − dA X),   B̄ = A⁻ᵀ X̄,
//	B̄̇ = −A⁻ᵀ dAᵀ B̄,         Ā̇ = −(B̄̇ Xᵀ + B̄ dXᵀ).
//
// x is the solution X returned by Solve. It costs three solves with k
// right-hand sides on the cached factors and four n×n by n×k products. A nil
// dA or dB is a zero direction; either of aBarDot and bBarDot may be nil to
// skip it. Zero-value destinations are sized (aBarDot n×n, bBarDot n×k);
// other shapes panic. The destinations may be any of the inputs.
func (f *LU) SolveHVP(aBarDot, bBarDot *mat.Dense, dA, dB, xBar, x mat.Matrix) {
	const op = "inverse.(*LU).SolveHVP"
	f.mustValid(op)
	n := f.n
	_, k := x.Dims()
	dense.CheckShape(x, n, k, op, "x")
	dense.CheckShape(xBar, n, k, op, "xBar")
	if dA != nil {
		dense.CheckShape(dA, n, n, op, "dA")
	}
	if dB != nil {
		dense.CheckShape(dB, n, k, op, "dB")
	}
	var da, db blas64.General
	if aBarDot != nil {
		da = dense.Output(aBarDot, n, n, op, "aBarDot")
	}
	if bBarDot != nil {
		db = dense.Output(bBarDot, n, k, op, "bBarDot")
	}
	if n == 0 {
		return
	}
	if k == 0 || (dA == nil && dB == nil) {
		if aBarDot != nil {
			dense.Zero(da)
		}
		if bBarDot != nil {
			dense.Zero(db)
		}
		return
	}
	lu := f.factors()
	bb := dense.General(dense.Grow(&f.w1, n*k), n, k) // B̄
	dense.CopyFrom(bb, xBar)
	getrs(blas.Trans, lu, bb, f.ipiv)
	dx := dense.General(dense.Grow(&f.w2, n*k), n, k) // dX
	f.tangent(dx, dA, dB, x)
	bbd := dense.General(dense.Grow(&f.w3, n*k), n, k) // B̄̇
	if dA != nil {
		dense.Mul(blas.Trans, blas.NoTrans, -1, dense.Raw(dA, &f.in1), bb, 0, bbd)
		getrs(blas.Trans, lu, bbd, f.ipiv)
	} else {
		dense.Zero(bbd)
	}
	var t blas64.General
	if aBarDot != nil {
		t = dense.General(dense.Grow(&f.w4, n*n), n, n)
		dense.Mul(blas.NoTrans, blas.Trans, -1, bbd, dense.Raw(x, &f.in2), 0, t)
		dense.Mul(blas.NoTrans, blas.Trans, -1, bb, dx, 1, t)
	}
	if bBarDot != nil {
		dense.CopyGeneral(db, bbd)
	}
	if aBarDot != nil {
		dense.CopyGeneral(da, t)
	}
}
