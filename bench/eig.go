package main

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/blas/blas64"
	gonumblas "gonum.org/v1/gonum/blas/gonum"
	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/check"
	"github.com/matcalc/matcalc/eig"
)

func init() {
	register(section{name: "eig", doc: "symmetric eigenproblem: eigenvalue, eigenvector and spectral-function derivatives against the decomposition", run: runEig})
}

func eigSizes(quick bool) []int {
	if quick {
		return []int{8, 32}
	}
	return []int{64, 256, 512}
}

func runEig(r *runner) error {
	return runDerivSection(r, "eig/: A = V Λ Vᵀ, derivatives beyond the decomposition", eigSizes(r.cfg.quick), func(n int, rng *rand.Rand) derivCase {
		a := check.SPD(rng, n, 100)
		dA := check.Symmetric(rng, n)
		yBar := check.Symmetric(rng, n)
		var s, g eig.Sym
		if err := s.Factorize(a, nil); err != nil {
			panic(err)
		}
		lamBar := randSlice(rng, n)
		vBar := randDense(rng, n, n)
		dst := &mat.Dense{}
		lam := make([]float64, n)
		must := func(err error) {
			if err != nil {
				panic(err)
			}
		}
		apply := func(dst *mat.Dense, a mat.Matrix) { must(eig.Apply(dst, eig.Exp, a)) }
		return derivCase{
			factorName: "Factorize (values+vectors)",
			factor:     func() { must(g.Factorize(a, nil)) },
			ops: []derivOp{
				{name: "Factorize, gonum's own BLAS", run: func() {
					prev := blas64.Implementation()
					blas64.Use(gonumblas.Implementation{})
					defer blas64.Use(prev)
					must(g.Factorize(a, nil))
				}},
				{name: "ValuesJVP (all n)", run: func() { s.ValuesJVP(lam, dA) }},
				{name: "ValuesVJP", run: func() { s.ValuesVJP(dst, lamBar) }},
				{name: "VectorsJVP", run: func() { s.VectorsJVP(dst, dA) }},
				{name: "VectorsVJP", run: func() { must(s.VectorsVJP(dst, lamBar, vBar)) }},
				{name: "exp(A) FuncJVP", run: func() { must(s.FuncJVP(dst, eig.Exp, dA)) },
					accuracy: func() (float64, float64) {
						jvp := func(dst *mat.Dense, d mat.Matrix) { must(s.FuncJVP(dst, eig.Exp, d)) }
						vjp := func(dst *mat.Dense, y mat.Matrix) { must(s.FuncVJP(dst, eig.Exp, y)) }
						return jvpAccuracy(apply, jvp, vjp, a, dA, yBar)
					}},
				{name: "exp(A) FuncVJP", run: func() { must(s.FuncVJP(dst, eig.Exp, yBar)) }},
				{name: "exp(A) FuncHVP", run: func() { must(s.FuncHVP(dst, eig.Exp, dA, yBar)) },
					accuracy: func() (float64, float64) {
						vjpAt := func(dst *mat.Dense, a mat.Matrix) {
							var t eig.Sym
							must(t.Factorize(a, nil))
							must(t.FuncVJP(dst, eig.Exp, yBar))
						}
						hvp := func(dst *mat.Dense, d mat.Matrix) { must(s.FuncHVP(dst, eig.Exp, d, yBar)) }
						return check.JVP(vjpAt, hvp, a, dA, nil).RelErr, math.NaN()
					}},
			},
		}
	})
}
