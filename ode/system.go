package ode

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// System is the right-hand side of an autonomous ODE dx/dt = f(x, θ) with
// the derivatives that forward and adjoint sensitivities need. The state x
// is a vector of length n; the parameters θ are a matrix of fixed shape.
type System interface {
	// Func sets dst, of length n, to f(x, θ).
	Func(dst *mat.VecDense, x mat.Vector, theta mat.Matrix)

	// JVP sets dst to the derivative of f at (x, θ) in the direction
	// (dx, dθ): (∂f/∂x) dx + (∂f/∂θ)[dθ]. dTheta may be nil for zero.
	JVP(dst *mat.VecDense, x mat.Vector, theta mat.Matrix, dx mat.Vector, dTheta mat.Matrix)

	// VJP sets xBar to (∂f/∂x)ᵀ v and adds (∂f/∂θ)*[v], the adjoint under
	// the Frobenius inner product, to thetaBar, which has the shape of θ.
	VJP(xBar *mat.VecDense, thetaBar *mat.Dense, x mat.Vector, theta mat.Matrix, v mat.Vector)
}

// Linear is the linear system dx/dt = A x, with θ = A an n×n matrix:
// f(x, A) = A x, its JVP A dx + dA x and its VJP (Aᵀ v, v xᵀ).
type Linear struct{}

// Func sets dst to A x.
func (Linear) Func(dst *mat.VecDense, x mat.Vector, a mat.Matrix) {
	dst.MulVec(a, x)
}

// JVP sets dst to A dx + dA x.
func (Linear) JVP(dst *mat.VecDense, x mat.Vector, a mat.Matrix, dx mat.Vector, dA mat.Matrix) {
	dst.MulVec(a, dx)
	if dA != nil {
		var t mat.VecDense
		t.MulVec(dA, x)
		dst.AddVec(dst, &t)
	}
}

// VJP sets xBar to Aᵀ v and adds the outer product v xᵀ to aBar.
func (Linear) VJP(xBar *mat.VecDense, aBar *mat.Dense, x mat.Vector, a mat.Matrix, v mat.Vector) {
	xBar.MulVec(a.T(), v)
	r, c := aBar.Dims()
	if n := v.Len(); r != n || c != x.Len() {
		panic(fmt.Sprintf("ode.Linear.VJP: thetaBar is %d×%d, want %d×%d", r, c, n, x.Len()))
	}
	aBar.RankOne(aBar, 1, v, x)
}
