package check

import "gonum.org/v1/gonum/mat"

// JVP checks a JVP of f at a in the direction dA: jvp(dA), the dY = F'(a)[dA]
// under test, against finite differences of f along dA. opts may be nil.
//
// JVP panics if a and dA, or the JVP and f(a), differ in shape.
func JVP(f Func, jvp Map, a, dA mat.Matrix, opts *Options) Result {
	sameDims("check.JVP", "a", a, "dA", dA)
	var got mat.Dense
	jvp(&got, dA)
	ref := newLine(f, a, dA).derivative(opts.formula(), opts.step(), opts.scale())
	sameDims("check.JVP", "jvp(dA)", &got, "F'(a)[dA]", ref.d)
	return verdict("JVP", &got, ref.d, ref, opts)
}

// Directional checks the JVP of a scalar function f at a in the direction
// dA: jvp(dA), the ḟ = <∇f(a), dA> under test, against finite differences of
// f along dA. opts may be nil.
//
// Directional panics if a and dA differ in shape.
func Directional(f Scalar, jvp func(dA mat.Matrix) float64, a, dA mat.Matrix, opts *Options) Result {
	sameDims("check.Directional", "a", a, "dA", dA)
	got := mat.NewDense(1, 1, []float64{jvp(dA)})
	ref := newLine(f.Func(), a, dA).derivative(opts.formula(), opts.step(), opts.scale())
	return verdict("Directional", got, ref.d, ref, opts)
}
