package power

import "gonum.org/v1/gonum/mat"

// The one-call helpers below compute A^k, answer one question and discard
// the chain. To ask several questions about one power, use Power.
//
// Each returns the error of (*Power).Factorize. When that leaves the
// receiver empty (NaN input, a singular a with k < 0, overflow), dst is left
// untouched; when a is only ill-conditioned, dst holds the result and the
// error carries the condition estimate.

// Pow stores A^k in dst, for any integer k.
func Pow(dst *mat.Dense, a mat.Matrix, k int) error {
	var f Power
	err := f.Factorize(a, k)
	if f.valid {
		f.Value(dst)
	}
	return err
}

// JVP stores in dst the derivative of A^k in the direction dA.
func JVP(dst *mat.Dense, a mat.Matrix, k int, dA mat.Matrix) error {
	var f Power
	err := f.Factorize(a, k)
	if f.valid {
		f.JVP(dst, dA)
	}
	return err
}

// VJP stores in dst the pullback of the cotangent yBar through A^k, the
// gradient of <Ȳ, A^k>.
func VJP(dst *mat.Dense, a mat.Matrix, k int, yBar mat.Matrix) error {
	var f Power
	err := f.Factorize(a, k)
	if f.valid {
		f.VJP(dst, yBar)
	}
	return err
}

// HVP stores in dst the Hessian of <Ȳ, A^k> applied to dA; see (*Power).HVP.
func HVP(dst *mat.Dense, a mat.Matrix, k int, dA, yBar mat.Matrix) error {
	var f Power
	err := f.Factorize(a, k)
	if f.valid {
		f.HVP(dst, dA, yBar)
	}
	return err
}
