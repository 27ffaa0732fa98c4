package check_test

import (
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/check"
)

// The functions the tests of check differentiate, with their right
// derivatives and deliberately wrong ones.

// square is A ↦ A².
func square(dst *mat.Dense, a mat.Matrix) { dst.Mul(a, a) }

// squareJVP returns the JVP of A² at a, dA ↦ dA·A + A·dA.
func squareJVP(a mat.Matrix) check.Map {
	return func(dst *mat.Dense, dA mat.Matrix) {
		var t mat.Dense
		t.Mul(dA, a)
		dst.Mul(a, dA)
		dst.Add(dst, &t)
	}
}

// squareVJP returns the VJP of A² at a, Ȳ ↦ Ȳ·Aᵀ + Aᵀ·Ȳ.
func squareVJP(a mat.Matrix) check.Map {
	return func(dst *mat.Dense, yBar mat.Matrix) {
		var t mat.Dense
		t.Mul(yBar, a.T())
		dst.Mul(a.T(), yBar)
		dst.Add(dst, &t)
	}
}

// squareJVPMissing drops the dA·A term of the product rule.
func squareJVPMissing(a mat.Matrix) check.Map {
	return func(dst *mat.Dense, dA mat.Matrix) { dst.Mul(a, dA) }
}

// squareVJPTransposed uses A where Aᵀ belongs: Ȳ·A + A·Ȳ.
func squareVJPTransposed(a mat.Matrix) check.Map {
	return func(dst *mat.Dense, yBar mat.Matrix) {
		var t mat.Dense
		t.Mul(yBar, a)
		dst.Mul(a, yBar)
		dst.Add(dst, &t)
	}
}

// inverse is A ↦ A⁻¹.
func inverse(dst *mat.Dense, a mat.Matrix) {
	var lu mat.LU
	lu.Factorize(a)
	r, _ := a.Dims()
	if dst.IsEmpty() {
		dst.ReuseAs(r, r)
	}
	if err := lu.SolveTo(dst, false, eye(r)); err != nil {
		var ce mat.Condition
		if !asCondition(err, &ce) {
			panic(err)
		}
	}
}

func asCondition(err error, ce *mat.Condition) bool {
	c, ok := err.(mat.Condition)
	*ce = c
	return ok
}

// inverseJVP returns the JVP of A⁻¹ at a, dA ↦ −Y·dA·Y with Y = A⁻¹.
func inverseJVP(a mat.Matrix) check.Map {
	var y mat.Dense
	inverse(&y, a)
	return func(dst *mat.Dense, dA mat.Matrix) {
		var t mat.Dense
		t.Mul(&y, dA)
		dst.Mul(&t, &y)
		dst.Scale(-1, dst)
	}
}

// inverseVJP returns the VJP of A⁻¹ at a, Ȳ ↦ −Yᵀ·Ȳ·Yᵀ.
func inverseVJP(a mat.Matrix) check.Map {
	var y mat.Dense
	inverse(&y, a)
	return func(dst *mat.Dense, yBar mat.Matrix) {
		var t mat.Dense
		t.Mul(y.T(), yBar)
		dst.Mul(&t, y.T())
		dst.Scale(-1, dst)
	}
}

// inverseJVPWrongSign returns +Y·dA·Y.
func inverseJVPWrongSign(a mat.Matrix) check.Map {
	j := inverseJVP(a)
	return func(dst *mat.Dense, dA mat.Matrix) {
		j(dst, dA)
		dst.Scale(-1, dst)
	}
}

// inverseVJPTransposed returns −Y·Ȳ·Y, the VJP with the transposes dropped.
func inverseVJPTransposed(a mat.Matrix) check.Map {
	var y mat.Dense
	inverse(&y, a)
	return func(dst *mat.Dense, yBar mat.Matrix) {
		var t mat.Dense
		t.Mul(&y, yBar)
		dst.Mul(&t, &y)
		dst.Scale(-1, dst)
	}
}

// logAbsDet is A ↦ log|det A|.
func logAbsDet(a mat.Matrix) float64 {
	v, _ := mat.LogDet(a)
	return v
}

// logAbsDetGrad returns the gradient of log|det A| at a, A⁻ᵀ.
func logAbsDetGrad(a mat.Matrix) func(dst *mat.Dense) {
	return func(dst *mat.Dense) {
		var y mat.Dense
		inverse(&y, a)
		dst.CloneFrom(y.T())
	}
}

// logAbsDetGradTransposed returns A⁻¹, the transposed gradient.
func logAbsDetGradTransposed(a mat.Matrix) func(dst *mat.Dense) {
	return func(dst *mat.Dense) { inverse(dst, a) }
}

// logAbsDetJVP returns dA ↦ tr(A⁻¹ dA).
func logAbsDetJVP(a mat.Matrix) func(dA mat.Matrix) float64 {
	var y mat.Dense
	inverse(&y, a)
	return func(dA mat.Matrix) float64 { return check.Inner(y.T(), dA) }
}

// det is A ↦ det A.
func det(a mat.Matrix) float64 { return mat.Det(a) }

// detGrad returns the gradient of det at an invertible a, det(A)·A⁻ᵀ.
func detGrad(a mat.Matrix) func(dst *mat.Dense) {
	return func(dst *mat.Dense) {
		logAbsDetGrad(a)(dst)
		dst.Scale(mat.Det(a), dst)
	}
}

func eye(n int) *mat.Dense {
	d := mat.NewDense(n, n, nil)
	for i := 0; i < n; i++ {
		d.Set(i, i, 1)
	}
	return d
}

func maxAbs(a mat.Matrix) float64 {
	r, c := a.Dims()
	var m float64
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			m = math.Max(m, math.Abs(a.At(i, j)))
		}
	}
	return m
}
