package main

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/check"
	"github.com/matcalc/matcalc/det"
)

func init() {
	register(section{name: "det", doc: "det and log|det|: gradient, JVP, VJP, HVP against the LU they reuse, and accuracy", run: runDet})
}

func runDet(r *runner) error {
	return runDerivSection(r, "det/: d = det A and ℓ = log|det A| around one LU", derivSizes(r.cfg.quick), func(n int, rng *rand.Rand) derivCase {
		a := wellConditioned(rng, n)
		dA := randDense(rng, n, n)
		var f, g det.LU
		if err := f.Factorize(a); err != nil {
			panic(err)
		}
		dst := &mat.Dense{}
		f.Grad(dst) // cache A⁻¹ so that the timed calls show their own cost
		detOf := func(a mat.Matrix) float64 { return mat.Det(a) }
		logDetOf := func(a mat.Matrix) float64 { l, _ := mat.LogDet(a); return l }
		gonumGrad := &mat.Dense{}
		return derivCase{
			factorName: "LU (Factorize)",
			factor: func() {
				if err := g.Factorize(a); err != nil {
					panic(err)
				}
			},
			ops: []derivOp{
				{name: "Factorize+Grad (first call)", run: func() {
					if err := g.Factorize(a); err != nil {
						panic(err)
					}
					g.Grad(dst)
				}},
				{name: "Grad cof(A)", run: func() { f.Grad(dst) },
					accuracy: func() (float64, float64) {
						rel := check.Directional(detOf, f.JVP, a, dA, nil).RelErr
						return rel, scalarAdjoint(f.JVP, f.VJP, dA)
					}},
				{name: "JVP", run: func() { f.JVP(dA) }},
				{name: "HVP", run: func() { f.HVP(dst, dA) },
					accuracy: func() (float64, float64) {
						grad := func(dst *mat.Dense, a mat.Matrix) {
							if _, err := det.Grad(dst, a); err != nil {
								panic(err)
							}
						}
						return check.JVP(grad, f.HVP, a, dA, nil).RelErr, math.NaN()
					}},
				{name: "LogGrad A⁻ᵀ", run: func() {
					if err := f.LogGrad(dst); err != nil {
						panic(err)
					}
				}, accuracy: func() (float64, float64) {
					jvp := func(d mat.Matrix) float64 { v, _ := f.LogJVP(d); return v }
					vjp := func(dst *mat.Dense, y float64) { _ = f.LogVJP(dst, y) }
					return check.Directional(logDetOf, jvp, a, dA, nil).RelErr, scalarAdjoint(jvp, vjp, dA)
				}},
				{name: "gonum: det·A⁻ᵀ (LU+Inverse)", run: func() {
					var lu mat.LU
					lu.Factorize(a)
					if err := gonumGrad.Inverse(a); err != nil {
						panic(err)
					}
					gonumGrad.Scale(lu.Det(), gonumGrad.T())
				}},
			},
		}
	})
}

// scalarAdjoint runs the adjoint test of a scalar function's JVP and VJP
// with a random cotangent.
func scalarAdjoint(jvp func(mat.Matrix) float64, vjp func(*mat.Dense, float64), dA mat.Matrix) float64 {
	const yBar = 0.7
	jm := func(dst *mat.Dense, d mat.Matrix) {
		if dst.IsEmpty() {
			dst.ReuseAs(1, 1)
		}
		dst.Set(0, 0, jvp(d))
	}
	vm := func(dst *mat.Dense, y mat.Matrix) { vjp(dst, y.At(0, 0)) }
	return check.Adjoint(jm, vm, dA, mat.NewDense(1, 1, []float64{yBar}), nil).RelErr
}
