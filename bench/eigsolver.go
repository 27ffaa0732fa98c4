package main

import (
	"fmt"
	"math/rand/v2"

	"gonum.org/v1/gonum/blas/blas64"
	gonumblas "gonum.org/v1/gonum/blas/gonum"
	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/check"
	"github.com/matcalc/matcalc/eig/eigensolver"
)

func init() {
	register(section{name: "eigsolver", doc: "the divide-and-conquer symmetric eigensolver against gonum's EigenSym", run: runEigsolver})
}

// runEigsolver times the symmetric eigendecomposition, values and vectors,
// single-threaded: matcalc's divide-and-conquer solver on matcalc's kernels
// and on gonum's own BLAS, and gonum's EigenSym (implicit QL/QR) where it
// finishes in reasonable time.
func runEigsolver(r *runner) error {
	sizes := []int{256, 512, 1024}
	if r.cfg.quick {
		sizes = []int{32, 64}
	}
	rng := rand.New(rand.NewPCG(11, 11))
	var rows []string
	for _, n := range sizes {
		a := check.Symmetric(rng, n)
		shape := fmt.Sprintf("%dx%d", n, n)
		var es eigensolver.Eigen
		vecs := mat.NewDense(n, n, nil)
		solve := func(vectors bool) func() {
			return func() {
				if err := es.Factorize(a, vectors); err != nil {
					panic(err)
				}
				if vectors {
					es.VectorsTo(vecs)
				}
			}
		}
		var ours, oursVals, oursGonum float64
		err := withKernelsBLAS(func() error {
			r.progress("eigensolver n=%d, values and vectors", n)
			ours = r.timeIt(1, solve(true))
			r.progress("eigensolver n=%d, values only", n)
			oursVals = r.timeIt(1, solve(false))
			return nil
		})
		if err != nil {
			return err
		}
		prev := blas64.Implementation()
		blas64.Use(gonumblas.Implementation{})
		r.progress("eigensolver on gonum's BLAS n=%d", n)
		oursGonum = r.timeIt(1, solve(true))
		gonumS, ratioS := "-", "-"
		if n <= 512 {
			r.progress("gonum EigenSym n=%d", n)
			var g mat.EigenSym
			gns := r.timeIt(1, func() {
				if !g.Factorize(a, true) {
					panic("gonum EigenSym failed")
				}
			})
			gonumS, ratioS = fmtDur(gns), fmt.Sprintf("%.1f×", gns/ours)
			r.record(result{Name: "eigh values+vectors", Shape: shape, Impl: "gonum EigenSym", Threads: 1, NsPerOp: gns})
		}
		blas64.Use(prev)
		r.record(result{Name: "eigh values+vectors", Shape: shape, Impl: "matcalc", Threads: 1, NsPerOp: ours})
		r.record(result{Name: "eigh values only", Shape: shape, Impl: "matcalc", Threads: 1, NsPerOp: oursVals})
		r.record(result{Name: "eigh values+vectors", Shape: shape, Impl: "matcalc on gonum's BLAS", Threads: 1, NsPerOp: oursGonum})
		rows = append(rows, fmt.Sprintf("%d\t%s\t%s\t%s\t%s\t%s", n, fmtDur(ours), fmtDur(oursVals), fmtDur(oursGonum), gonumS, ratioS))
	}
	r.table("eig/eigensolver: A = V Λ Vᵀ, 1 thread", "n\tmatcalc (kernels BLAS)\tvalues only\tmatcalc on gonum's BLAS\tgonum EigenSym\tspeed-up", rows)
	r.note("Reference (not run here): PyTorch eigh on OpenBLAS, 1 thread, measured with eig/eigensolver/_bench/torch_eigh.py.")
	return nil
}
