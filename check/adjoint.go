package check

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// Adjoint runs the dot-product test of a JVP and a VJP that claim to be
// adjoint: it checks <Ȳ, jvp(dA)> = <vjp(Ȳ), dA> relative to the
// Cauchy–Schwarz bound ‖Ȳ‖_F‖jvp(dA)‖_F + ‖vjp(Ȳ)‖_F‖dA‖_F. The default
// tolerance is 64·eps·√N with N the number of entries of the larger of dA and
// Ȳ; opts.Tol overrides it, and no other option applies.
//
// A wrong sign, a transposed factor or a missing term in either rule breaks
// the identity for almost every pair of random directions; draw them with
// Direction. Adjoint panics if jvp(dA) and yBar, or vjp(yBar) and dA, differ
// in shape.
func Adjoint(jvp, vjp Map, dA, yBar mat.Matrix, opts *Options) Result {
	var y, aBar mat.Dense
	jvp(&y, dA)
	sameDims("check.Adjoint", "jvp(dA)", &y, "yBar", yBar)
	vjp(&aBar, yBar)
	sameDims("check.Adjoint", "vjp(yBar)", &aBar, "dA", dA)

	lhs := Inner(yBar, &y)
	rhs := Inner(&aBar, dA)
	bound := frob(yBar)*frob(&y) + frob(&aBar)*frob(dA)

	res := Result{Check: "Adjoint"}
	switch diff := math.Abs(lhs - rhs); {
	case math.IsNaN(diff) || math.IsInf(diff, 0) || math.IsInf(bound, 0):
		res.RelErr = math.Inf(1)
	case bound == 0:
		res.RelErr = 0
	default:
		res.RelErr = diff / bound
	}
	if res.Tol = opts.tol(); res.Tol == 0 {
		r, c := dA.Dims()
		p, q := yBar.Dims()
		res.Tol = 64 * eps * math.Sqrt(float64(max(r*c, p*q, 1)))
	}
	res.Pass = res.RelErr <= res.Tol
	res.Note = fmt.Sprintf("<Ȳ, J dA> = %.17g, <Jᵀ Ȳ, dA> = %.17g", lhs, rhs)
	return res
}
