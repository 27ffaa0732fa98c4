package main

import (
	"fmt"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/check"

	"github.com/matcalc/matcalc/power"
)

func init() {
	register(section{name: "power", doc: "integer matrix powers A^k: JVP, VJP, HVP against the powering they reuse, and accuracy", run: runPower})
}

// powerK is the exponent of the power section: ten squarings and five
// multiplications.
const powerK = 1000

func runPower(r *runner) error {
	title := fmt.Sprintf("power/: Y = A^k, k = %d, by differentiated binary powering", powerK)
	return runDerivSection(r, title, derivSizes(r.cfg.quick), func(n int, rng *rand.Rand) derivCase {
		// An orthogonal A: every power is orthogonal, so A^1000 neither
		// overflows nor underflows, and its derivatives grow only like k.
		a := check.Orthogonal(rng, n)
		dA, yBar := randDense(rng, n, n), randDense(rng, n, n)
		var f, g power.Power
		if err := f.Factorize(a, powerK); err != nil {
			panic(err)
		}
		dst := &mat.Dense{}
		pow := func(dst *mat.Dense, a mat.Matrix) {
			if err := power.Pow(dst, a, powerK); err != nil {
				panic(err)
			}
		}
		return derivCase{
			factorName: "A^k (Factorize)",
			factor: func() {
				if err := g.Factorize(a, powerK); err != nil {
					panic(err)
				}
			},
			ops: []derivOp{
				{name: "JVP", run: func() { f.JVP(dst, dA) },
					accuracy: func() (float64, float64) { return jvpAccuracy(pow, f.JVP, f.VJP, a, dA, yBar) }},
				{name: "VJP", run: func() { f.VJP(dst, yBar) }},
				{name: "HVP", run: func() { f.HVP(dst, dA, yBar) }},
			},
		}
	})
}
