package main

import (
	"fmt"
	"math/rand/v2"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	gonumblas "gonum.org/v1/gonum/blas/gonum"
	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/check"
	"github.com/matcalc/matcalc/kernels"
)

func init() {
	register(section{name: "lapack", doc: "gonum's mat.LU, mat.Cholesky and mat.EigenSym on gonum alone, on kernels.Implementation, and with kernels.Install", run: runLapack})
}

// runLapack times gonum's own factorizations, one thread, in three
// configurations: gonum's BLAS and LAPACK; kernels.Implementation as the
// BLAS (blas64.Use); and kernels.Install (the BLAS and kernels.LAPACK).
func runLapack(r *runner) error {
	sizes := []int{256, 512}
	if r.cfg.quick {
		sizes = []int{32, 64}
	}
	// lapack64 cannot report the LAPACK in use; the harness runs on gonum's
	// everywhere but inside kernels.Install, which restores it.
	on := func(b blas.Float64) func() func() {
		return func() func() {
			prev := blas64.Implementation()
			blas64.Use(b)
			return func() { blas64.Use(prev) }
		}
	}
	configs := []struct {
		name    string
		install func() func()
	}{
		{"gonum", on(gonumblas.Implementation{})},
		{"kernels BLAS", on(kernels.Implementation{})},
		{"kernels.Install", kernels.Install},
	}
	rng := rand.New(rand.NewPCG(13, 13))
	var rows []string
	for _, n := range sizes {
		gen := check.Gaussian(rng, n, n)
		spd := check.SPD(rng, n, 100)
		shape := fmt.Sprintf("%dx%d", n, n)
		ops := []struct {
			name string
			run  func()
		}{
			{"mat.LU", func() { var lu mat.LU; lu.Factorize(gen) }},
			{"mat.Cholesky", func() {
				var c mat.Cholesky
				if !c.Factorize(spd) {
					panic("mat.Cholesky: not positive definite")
				}
			}},
			{"mat.EigenSym", func() {
				var e mat.EigenSym
				if !e.Factorize(spd, true) {
					panic("mat.EigenSym failed")
				}
			}},
		}
		for _, op := range ops {
			times := make([]float64, len(configs))
			for i, c := range configs {
				r.progress("%s n=%d on %s", op.name, n, c.name)
				restore := c.install()
				times[i] = r.timeIt(1, op.run)
				restore()
				r.record(result{Name: op.name, Shape: shape, Impl: c.name, Threads: 1, NsPerOp: times[i]})
			}
			rows = append(rows, fmt.Sprintf("%d\t%s\t%s\t%s\t%.2f×\t%s\t%.2f×", n, op.name,
				fmtDur(times[0]), fmtDur(times[1]), times[0]/times[1], fmtDur(times[2]), times[0]/times[2]))
		}
	}
	r.table("gonum's factorizations, 1 thread", "n\troutine\tgonum\tkernels BLAS\tspeed-up\tkernels.Install\tspeed-up", rows)
	r.note("kernels BLAS: blas64.Use(kernels.Implementation{}); kernels.Install: that and lapack64.Use(kernels.LAPACK{}) (Dgetrf, Dgecon, Dpotrf, Dpocon, Dlansy).")
	r.note("mat.EigenSym's QL/QR sweeps are Givens rotations outside the BLAS: see the eigsolver section for matcalc's eigensolver.")
	return nil
}
