package main

import (
	"fmt"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/check"
	"github.com/matcalc/matcalc/kernels"
)

// derivOp is one derivative routine measured against the factorization it
// reuses.
type derivOp struct {
	name string
	// run computes the derivative on the cached factorization.
	run func()
	// accuracy, if not nil, returns the relative error against central
	// finite differences (or NaN when the check does not apply) and the
	// adjoint-identity residual.
	accuracy func() (relErr, adjoint float64)
}

// derivCase is one size of a derivative section: the factorization and the
// operations that reuse it.
type derivCase struct {
	factorName string
	factor     func()
	ops        []derivOp
}

// derivSizes are the sizes of the derivative sections.
func derivSizes(quick bool) []int {
	if quick {
		return []int{8, 32}
	}
	return []int{16, 128, 512}
}

// withKernelsBLAS installs matcalc's kernels as gonum's BLAS and LAPACK
// (kernels.Install) for the duration of f, so that gonum's factorizations
// and products inside the derivative packages run on them.
func withKernelsBLAS(f func() error) error {
	defer kernels.Install()()
	return f()
}

// runDerivSection times every case's factorization and operations at every
// size, with the cost of each operation relative to the factorization and to
// one n×n GEMM, and its accuracy.
func runDerivSection(r *runner, title string, sizes []int, setup func(n int, rng *rand.Rand) derivCase) error {
	return withKernelsBLAS(func() error {
		var rows []string
		rng := rand.New(rand.NewPCG(5, 5))
		for _, n := range sizes {
			shape := fmt.Sprintf("%dx%d", n, n)
			a, b, c := randDense(rng, n, n), randDense(rng, n, n), mat.NewDense(n, n, nil)
			r.progress("GEMM n=%d", n)
			gemmNs := r.timeIt(1, func() { c.Mul(a, b) })
			dc := setup(n, rng)
			r.progress("%s n=%d", dc.factorName, n)
			factNs := r.timeIt(1, dc.factor)
			r.record(result{Name: dc.factorName, Shape: shape, Impl: "matcalc", Threads: 1, NsPerOp: factNs,
				Extra: map[string]float64{"gemms": factNs / gemmNs}})
			rows = append(rows, fmt.Sprintf("%d\t%s\t%s\t%.2f\t%s\t%s\t%s", n, dc.factorName, fmtDur(factNs), factNs/gemmNs, "1.00", "", ""))
			for _, op := range dc.ops {
				r.progress("%s n=%d", op.name, n)
				ns := r.timeIt(1, op.run)
				res := result{Name: op.name, Shape: shape, Impl: "matcalc", Threads: 1, NsPerOp: ns,
					Extra: map[string]float64{"cost_ratio": ns / factNs, "gemms": ns / gemmNs}}
				relS, adjS := "-", "-"
				if op.accuracy != nil {
					r.progress("%s n=%d: accuracy", op.name, n)
					rel, adj := op.accuracy()
					if rel == rel { // not NaN
						res.RelErr = &rel
						relS = fmt.Sprintf("%.1e", rel)
					}
					if adj == adj {
						res.Extra["adjoint_residual"] = adj
						adjS = fmt.Sprintf("%.1e", adj)
					}
				}
				r.record(res)
				rows = append(rows, fmt.Sprintf("%d\t%s\t%s\t%.2f\t%.2f\t%s\t%s", n, op.name, fmtDur(ns), ns/gemmNs, ns/factNs, relS, adjS))
			}
		}
		r.table(title, "n\troutine\ttime\tGEMMs\t×factor\trel err (FD)\tadjoint", rows)
		r.note("GEMMs: time over one n×n GEMM (mat.Dense.Mul) on the same BLAS; ×factor: over the factorization it reuses.")
		r.note("rel err: against Richardson central differences (check.JVP); adjoint: |<Ȳ,J dA> − <JᵀȲ,dA>| relative (check.Adjoint).")
		return nil
	})
}

func randDense(rng *rand.Rand, r, c int) *mat.Dense {
	return mat.NewDense(r, c, randSlice(rng, r*c))
}

// wellConditioned returns a random n×n matrix with condition number about 10.
func wellConditioned(rng *rand.Rand, n int) *mat.Dense {
	return check.Conditioned(rng, n, 10)
}

// jvpAccuracy checks jvp against differences of f at a along dA, and its
// adjoint identity with vjp.
func jvpAccuracy(f check.Func, jvp, vjp check.Map, a, dA, yBar mat.Matrix) (float64, float64) {
	rel := check.JVP(f, jvp, a, dA, nil).RelErr
	adj := check.Adjoint(jvp, vjp, dA, yBar, nil).RelErr
	return rel, adj
}
