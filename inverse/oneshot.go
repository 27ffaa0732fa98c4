package inverse

import (
	"github.com/matcalc/matcalc/internal/dense"
	"gonum.org/v1/gonum/mat"
)

// The one-call helpers below factorize a, answer one question and discard the
// factorization. To ask several questions about one matrix, use LU.
//
// Each returns the error of (*LU).Factorize. When a is singular or has a NaN
// element, dst is left untouched; when a is only ill-conditioned, dst holds
// the result and the error carries the condition estimate.

// Inverse stores A⁻¹ in dst.
func Inverse(dst *mat.Dense, a mat.Matrix) error {
	var f LU
	err := f.Factorize(a)
	if f.valid {
		n := f.n
		d := dense.Output(dst, n, n, "inverse.Inverse", "dst")
		if n > 0 && d.Stride == n && !f.hasInv {
			f.inv = d.Data[:n*n] // compute A⁻¹ in place in dst
		}
		f.Inverse(dst)
	}
	return err
}

// JVP stores in dst the derivative −A⁻¹ dA A⁻¹ of A⁻¹ in the direction dA.
func JVP(dst *mat.Dense, a, dA mat.Matrix) error {
	var f LU
	err := f.Factorize(a)
	if f.valid {
		f.JVP(dst, dA)
	}
	return err
}

// VJP stores in dst the pullback −A⁻ᵀ Ȳ A⁻ᵀ of the cotangent yBar through A⁻¹.
func VJP(dst *mat.Dense, a, yBar mat.Matrix) error {
	var f LU
	err := f.Factorize(a)
	if f.valid {
		f.VJP(dst, yBar)
	}
	return err
}

// HVP stores in dst the derivative of the pullback of yBar through A⁻¹ in the
// direction dA; see (*LU).HVP.
func HVP(dst *mat.Dense, a, dA, yBar mat.Matrix) error {
	var f LU
	err := f.Factorize(a)
	if f.valid {
		f.HVP(dst, dA, yBar)
	}
	return err
}

// Solve stores in dst the solution X = A⁻¹B of A X = B.
func Solve(dst *mat.Dense, a, b mat.Matrix) error {
	var f LU
	err := f.Factorize(a)
	if f.valid {
		f.Solve(dst, b)
	}
	return err
}

// SolveJVP stores in dst the derivative A⁻¹(dB − dA X) of X = A⁻¹B in the
// direction (dA, dB); a nil dA or dB is a zero direction.
func SolveJVP(dst *mat.Dense, a, b, dA, dB mat.Matrix) error {
	var f LU
	err := f.Factorize(a)
	if f.valid {
		var x mat.Dense
		f.Solve(&x, b)
		f.SolveJVP(dst, dA, dB, &x)
	}
	return err
}

// SolveVJP stores in aBar and bBar the pullback of the cotangent xBar through
// X = A⁻¹B: B̄ = A⁻ᵀ X̄ and Ā = −B̄ Xᵀ. Either destination may be nil.
func SolveVJP(aBar, bBar *mat.Dense, a, b, xBar mat.Matrix) error {
	var f LU
	err := f.Factorize(a)
	if f.valid {
		var x mat.Dense
		if aBar != nil {
			f.Solve(&x, b)
		}
		f.SolveVJP(aBar, bBar, xBar, &x)
	}
	return err
}

// SolveHVP stores in aBarDot and bBarDot the derivative of the pullback of
// xBar through X = A⁻¹B in the direction (dA, dB); see (*LU).SolveHVP.
func SolveHVP(aBarDot, bBarDot *mat.Dense, a, b, dA, dB, xBar mat.Matrix) error {
	var f LU
	err := f.Factorize(a)
	if f.valid {
		var x mat.Dense
		f.Solve(&x, b)
		f.SolveHVP(aBarDot, bBarDot, dA, dB, xBar, &x)
	}
	return err
}
