package main

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/check"
	"github.com/matcalc/matcalc/inverse"
)

func init() {
	register(section{name: "inverse", doc: "inverse and linear solve: JVP, VJP, HVP against the LU they reuse, and accuracy", run: runInverse})
}

func runInverse(r *runner) error {
	return runDerivSection(r, "inverse/: Y = A⁻¹ and X = A⁻¹B around one LU", func(n int, rng *rand.Rand) derivCase {
		a := wellConditioned(rng, n)
		bm := randDense(rng, n, n)
		dA, dB, yBar := randDense(rng, n, n), randDense(rng, n, n), randDense(rng, n, n)
		var f inverse.LU
		if err := f.Factorize(a); err != nil {
			panic(err)
		}
		x, dst, dst2 := &mat.Dense{}, &mat.Dense{}, &mat.Dense{}
		f.Solve(x, bm)
		inv := func(dst *mat.Dense, a mat.Matrix) {
			if err := inverse.Inverse(dst, a); err != nil {
				panic(err)
			}
		}
		var g inverse.LU
		atA := func(fn func(*inverse.LU)) func() {
			return func() { fn(&f) }
		}
		return derivCase{
			factorName: "LU (Factorize)",
			factor: func() {
				if err := g.Factorize(a); err != nil {
					panic(err)
				}
			},
			ops: []derivOp{
				{name: "Inverse", run: atA(func(f *inverse.LU) { f.Inverse(dst) })},
				{name: "JVP −A⁻¹dA A⁻¹", run: atA(func(f *inverse.LU) { f.JVP(dst, dA) }),
					accuracy: func() (float64, float64) { return jvpAccuracy(inv, f.JVP, f.VJP, a, dA, yBar) }},
				{name: "VJP −A⁻ᵀȲA⁻ᵀ", run: atA(func(f *inverse.LU) { f.VJP(dst, yBar) })},
				{name: "HVP", run: atA(func(f *inverse.LU) { f.HVP(dst, dA, yBar) }),
					accuracy: func() (float64, float64) {
						vjpAt := func(dst *mat.Dense, a mat.Matrix) {
							if err := inverse.VJP(dst, a, yBar); err != nil {
								panic(err)
							}
						}
						return check.JVP(vjpAt, func(dst *mat.Dense, d mat.Matrix) { f.HVP(dst, d, yBar) }, a, dA, nil).RelErr, math.NaN()
					}},
				{name: "Solve X = A⁻¹B", run: atA(func(f *inverse.LU) { f.Solve(dst, bm) })},
				{name: "SolveJVP", run: atA(func(f *inverse.LU) { f.SolveJVP(dst, dA, dB, x) }),
					accuracy: func() (float64, float64) {
						solve := func(dst *mat.Dense, a mat.Matrix) {
							if err := inverse.Solve(dst, a, bm); err != nil {
								panic(err)
							}
						}
						jvp := func(dst *mat.Dense, d mat.Matrix) { f.SolveJVP(dst, d, nil, x) }
						vjp := func(dst *mat.Dense, xb mat.Matrix) { f.SolveVJP(dst, nil, xb, x) }
						return jvpAccuracy(solve, jvp, vjp, a, dA, yBar)
					}},
				{name: "SolveVJP", run: atA(func(f *inverse.LU) { f.SolveVJP(dst, dst2, yBar, x) })},
			},
		}
	})
}
