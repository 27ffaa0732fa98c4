package check

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// Func is a matrix-valued function of a matrix, Y = F(A). It writes F(a)
// into dst, which is either empty or of the size of an earlier result.
type Func func(dst *mat.Dense, a mat.Matrix)

// Scalar is a real-valued function of a matrix, y = f(A).
type Scalar func(a mat.Matrix) float64

// Map is a linear map between matrices held at a fixed point: a JVP
// (dA ↦ dY) or a VJP (Ȳ ↦ Ā). It writes the image of x into dst, which is
// empty or of the size of an earlier result.
type Map func(dst *mat.Dense, x mat.Matrix)

// Func returns f as a matrix-valued function whose value is 1×1.
func (f Scalar) Func() Func {
	return func(dst *mat.Dense, a mat.Matrix) {
		dst.ReuseAs(1, 1)
		dst.Set(0, 0, f(a))
	}
}

// Inner returns the Frobenius inner product <x, y> = tr(xᵀy) = Σ x_ij y_ij.
// It panics if x and y differ in shape.
func Inner(x, y mat.Matrix) float64 {
	r, c := x.Dims()
	if rr, cc := y.Dims(); rr != r || cc != c {
		panic(fmt.Sprintf("check.Inner: x is %d×%d, y is %d×%d", r, c, rr, cc))
	}
	var s float64
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			s += x.At(i, j) * y.At(i, j)
		}
	}
	return s
}

// frob returns the Frobenius norm of a, 0 for an empty matrix.
func frob(a mat.Matrix) float64 {
	if r, c := a.Dims(); r == 0 || c == 0 {
		return 0
	}
	return mat.Norm(a, 2)
}

// dist returns ‖x − y‖_F.
func dist(x, y mat.Matrix) float64 {
	var d mat.Dense
	d.Sub(x, y)
	return frob(&d)
}

// sameDims panics, naming fn and the operands, if a and b differ in shape.
func sameDims(fn, an string, a mat.Matrix, bn string, b mat.Matrix) {
	r, c := a.Dims()
	rr, cc := b.Dims()
	if r != rr || c != cc {
		panic(fmt.Sprintf("%s: %s is %d×%d, %s is %d×%d", fn, an, r, c, bn, rr, cc))
	}
}

// isSymmetric reports whether a is square and exactly symmetric.
func isSymmetric(a mat.Matrix) bool {
	if _, ok := a.(mat.Symmetric); ok {
		return true
	}
	r, c := a.Dims()
	if r != c {
		return false
	}
	for i := 0; i < r; i++ {
		for j := i + 1; j < c; j++ {
			if a.At(i, j) != a.At(j, i) {
				return false
			}
		}
	}
	return true
}

// symPart sets dst to (a + aᵀ)/2.
func symPart(dst *mat.Dense, a mat.Matrix) {
	r, c := a.Dims()
	if r != c {
		panic(fmt.Sprintf("check: symmetric part of a %d×%d matrix", r, c))
	}
	var s mat.Dense
	s.Add(a, a.T())
	s.Scale(0.5, &s)
	dst.CloneFrom(&s)
}
