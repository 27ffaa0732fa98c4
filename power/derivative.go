package power

import (
	"github.com/matcalc/matcalc/internal/dense"
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"
)

// JVP stores in dst the derivative of A^k in the direction dA,
//
//	dY = Σ_{j=0}^{k−1} Aʲ dA A^{k−1−j}            (k ≥ 1),
//	dY = the same sum for B = A⁻¹ and dB = −B dA B  (k ≤ −1),
//	dY = 0                                       (k = 0),
//
// by differentiating the chain of binary powering: C = P Q gives
// dC = dP Q + P dQ on the cached P and Q, two products per step. A zero-value
// dst is sized n×n; any other shape panics, as does a dA that is not n×n.
// dst may be dA.
func (f *Power) JVP(dst *mat.Dense, dA mat.Matrix) {
	f.firstOrder("power.(*Power).JVP", "dA", dst, dA, blas.NoTrans)
}

// VJP stores in dst the pullback of the cotangent yBar through A^k, the
// gradient of <Ȳ, A^k> with respect to A. Because (Aᵀ)^k = (A^k)ᵀ, it is the
// JVP at Aᵀ in the direction Ȳ,
//
//	Ā = Σ_{j=0}^{k−1} (Aᵀ)ʲ Ȳ (Aᵀ)^{k−1−j}   (k ≥ 1),
//
// computed on the same cached chain with transposed operands, at the cost of
// a JVP. A zero-value dst is sized n×n; any other shape panics, as does a
// yBar that is not n×n. dst may be yBar.
func (f *Power) VJP(dst *mat.Dense, yBar mat.Matrix) {
	f.firstOrder("power.(*Power).VJP", "yBar", dst, yBar, blas.Trans)
}

// firstOrder is JVP (tr = NoTrans, e = dA) and VJP (tr = Trans, e = Ȳ): the
// derivative of the powering chain, on transposed factors for the VJP.
func (f *Power) firstOrder(op, name string, dst *mat.Dense, e mat.Matrix, tr blas.Transpose) {
	f.mustValid(op)
	n := f.n
	dense.CheckShape(e, n, n, op, name)
	d := dense.Output(dst, n, n, op, "dst")
	if n == 0 {
		return
	}
	if f.k == 0 {
		dense.Zero(d)
		return
	}
	dense.CopyGeneral(d, f.first(tr, dense.Raw(e, &f.in1)))
}

// first runs the tangent chain for the power of op(A), op the identity or
// the transpose as tr says, in the direction e. It returns the tangent of
// op(A)^k, which lives in the receiver's workspace or, when the chain is
// empty and k > 0, is e itself.
func (f *Power) first(tr blas.Transpose, e blas64.General) blas64.General {
	n := f.n
	md := e // the tangent of the base M
	if f.k < 0 {
		// op(B) = op(A)⁻¹: d op(B) = −op(B) e op(B).
		b := dense.General(f.pows[0], n, n)
		t := dense.General(dense.Grow(&f.t[0], n*n), n, n)
		md = dense.General(dense.Grow(&f.t[1], n*n), n, n)
		dense.Mul(tr, blas.NoTrans, 1, b, e, 0, t)
		dense.Mul(blas.NoTrans, tr, -1, t, b, 0, md)
	}
	return f.chain1(tr, md)
}

// chain1 propagates the tangent md of the base through the cached chain of
// op(M) and returns the tangent of op(M)^|k|.
func (f *Power) chain1(tr blas.Transpose, md blas64.General) blas64.General {
	n := f.n
	m := dense.General(f.pows[0], n, n)
	cur := md
	for j, mulM := range f.ops {
		p := dense.General(f.pows[j], n, n)
		next := dense.General(dense.Grow(&f.d[j%2], n*n), n, n)
		if mulM {
			// R M: d(R M) = dR M + R dM.
			dense.Mul(blas.NoTrans, tr, 1, cur, m, 0, next)
			dense.Mul(tr, blas.NoTrans, 1, p, md, 1, next)
		} else {
			// R R: d(R R) = dR R + R dR.
			dense.Mul(blas.NoTrans, tr, 1, cur, p, 0, next)
			dense.Mul(tr, blas.NoTrans, 1, p, cur, 1, next)
		}
		cur = next
	}
	return cur
}

// HVP stores in dst the derivative of VJP(yBar) in the direction dA (forward
// over reverse): the Hessian of the scalar <Ȳ, A^k> applied to dA. It equals
// the second derivative of X^k at X = Aᵀ in the directions Ȳ and dAᵀ,
//
//	Σ_{i+j+l=k−2} (Xⁱ Ȳ Xʲ dAᵀ Xˡ + Xⁱ dAᵀ Xʲ Ȳ Xˡ)   (k ≥ 2),
//
// computed forward over forward on the cached chain: each step C = P Q
// carries the tangents in both directions and their mixed second-order term,
// d²C = d²P Q + dₐP d_bQ + d_bP dₐQ + P d²Q, eight products per step. A
// zero-value dst is sized n×n; any other shape panics, as do dA or yBar that
// are not n×n. dst may be dA or yBar.
func (f *Power) HVP(dst *mat.Dense, dA, yBar mat.Matrix) {
	const op = "power.(*Power).HVP"
	f.mustValid(op)
	n := f.n
	dense.CheckShape(dA, n, n, op, "dA")
	dense.CheckShape(yBar, n, n, op, "yBar")
	d := dense.Output(dst, n, n, op, "dst")
	if n == 0 {
		return
	}
	if f.k == 0 || f.k == 1 {
		dense.Zero(d)
		return
	}
	e := dense.Raw(dA, &f.in1)
	yb := dense.Raw(yBar, &f.in2)
	// The directions at X = Aᵀ: Ȳ and Eᵀ.
	et := dense.General(dense.Grow(&f.t[0], n*n), n, n)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			et.Data[j*n+i] = e.Data[i*e.Stride+j]
		}
	}
	fm, gm := yb, et // tangents of the base op(M) in the two directions
	var hm blas64.General
	hasHm := false // whether the base has a mixed second-order term
	if f.k < 0 {
		// op(M) = Bᵀ = X⁻¹: dₐ = −Bᵀ Ȳ Bᵀ, d_b = −Bᵀ Eᵀ Bᵀ and
		// d² = Bᵀ Ȳ Bᵀ Eᵀ Bᵀ + Bᵀ Eᵀ Bᵀ Ȳ Bᵀ = −(Bᵀ Ȳ d_b + d_b Ȳ Bᵀ).
		b := dense.General(f.pows[0], n, n)
		t1 := dense.General(dense.Grow(&f.t[1], n*n), n, n)
		t2 := dense.General(dense.Grow(&f.t[2], n*n), n, n)
		fm = dense.General(dense.Grow(&f.t[3], n*n), n, n)
		gm = dense.General(dense.Grow(&f.t[4], n*n), n, n)
		hm = dense.General(dense.Grow(&f.t[5], n*n), n, n)
		dense.Mul(blas.Trans, blas.NoTrans, 1, b, yb, 0, t1) // Bᵀ Ȳ
		dense.Mul(blas.NoTrans, blas.Trans, -1, t1, b, 0, fm)
		dense.Mul(blas.NoTrans, blas.Trans, 1, yb, b, 0, t2) // Ȳ Bᵀ
		dense.Mul(blas.Trans, blas.NoTrans, 1, b, et, 0, hm) // Bᵀ Eᵀ
		dense.Mul(blas.NoTrans, blas.Trans, -1, hm, b, 0, gm)
		dense.Mul(blas.NoTrans, blas.NoTrans, -1, t1, gm, 0, hm)
		dense.Mul(blas.NoTrans, blas.NoTrans, -1, gm, t2, 1, hm)
		hasHm = true
	}
	dense.CopyGeneral(d, f.chain2(fm, gm, hm, hasHm))
}

// chain2 propagates the tangents fm and gm of the base op(M) = Mᵀ in two
// directions, and their mixed second-order term hm (zero unless hasHm),
// through the cached chain, and returns the mixed second-order term of
// op(M)^|k|.
func (f *Power) chain2(fm, gm, hm blas64.General, hasHm bool) blas64.General {
	const tr = blas.Trans
	n := f.n
	m := dense.General(f.pows[0], n, n)
	if len(f.ops) == 0 {
		return hm // |k| = 1; k = 1 never gets here
	}
	cf, cg, ch := fm, gm, hm
	for j, mulM := range f.ops {
		p := dense.General(f.pows[j], n, n)
		nf := dense.General(dense.Grow(&f.d[j%2], n*n), n, n)
		ng := dense.General(dense.Grow(&f.g[j%2], n*n), n, n)
		nh := dense.General(dense.Grow(&f.h[j%2], n*n), n, n)
		if mulM {
			// R M.
			dense.Mul(blas.NoTrans, tr, 1, cf, m, 0, nf)
			dense.Mul(tr, blas.NoTrans, 1, p, fm, 1, nf)
			dense.Mul(blas.NoTrans, tr, 1, cg, m, 0, ng)
			dense.Mul(tr, blas.NoTrans, 1, p, gm, 1, ng)
			if j == 0 && !hasHm {
				dense.Zero(nh) // the chain has no mixed term yet
			} else {
				dense.Mul(blas.NoTrans, tr, 1, ch, m, 0, nh)
			}
			dense.Mul(blas.NoTrans, blas.NoTrans, 1, cf, gm, 1, nh)
			dense.Mul(blas.NoTrans, blas.NoTrans, 1, cg, fm, 1, nh)
			if hasHm {
				dense.Mul(tr, blas.NoTrans, 1, p, hm, 1, nh)
			}
		} else {
			// R R.
			dense.Mul(blas.NoTrans, tr, 1, cf, p, 0, nf)
			dense.Mul(tr, blas.NoTrans, 1, p, cf, 1, nf)
			dense.Mul(blas.NoTrans, tr, 1, cg, p, 0, ng)
			dense.Mul(tr, blas.NoTrans, 1, p, cg, 1, ng)
			if j == 0 && !hasHm {
				dense.Zero(nh)
			} else {
				dense.Mul(blas.NoTrans, tr, 1, ch, p, 0, nh)
				dense.Mul(tr, blas.NoTrans, 1, p, ch, 1, nh)
			}
			dense.Mul(blas.NoTrans, blas.NoTrans, 1, cf, cg, 1, nh)
			dense.Mul(blas.NoTrans, blas.NoTrans, 1, cg, cf, 1, nh)
		}
		cf, cg, ch = nf, ng, nh
	}
	return ch
}
