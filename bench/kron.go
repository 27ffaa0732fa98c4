package main

import (
	"fmt"
	"math/rand/v2"

	"gonum.org/v1/gonum/blas"
	gonumblas "gonum.org/v1/gonum/blas/gonum"
	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/kron"
)

func init() {
	register(section{name: "kron", doc: "Kronecker-vector products: ours against forming the product and the vec trick on gonum", run: runKron})
}

func runKron(r *runner) error {
	if err := runKronTwo(r); err != nil {
		return err
	}
	return runKronMany(r)
}

// runKronTwo times y = (A ⊗ B) x for square m×m factors: matcalc's operator,
// the vec trick Y = B X Aᵀ on gonum's own Dgemm, and forming A ⊗ B with
// mat.Kronecker followed by MulVec (only where the product fits in memory).
func runKronTwo(r *runner) error {
	sizes := []int{32, 64, 128, 256}
	if r.cfg.quick {
		sizes = []int{16, 32}
	}
	rng := rand.New(rand.NewPCG(7, 7))
	var rows []string
	for _, m := range sizes {
		a, b := randDense(rng, m, m), randDense(rng, m, m)
		x := randSlice(rng, m*m)
		y := make([]float64, m*m)
		shape := fmt.Sprintf("(%dx%d)⊗(%dx%d)", m, m, m, m)
		p := kron.New(a, b)
		var w kron.Workspace
		r.progress("kron %s", shape)
		ours := r.timeIt(1, func() { p.ApplyWork(y, x, 1, false, &w) })
		want := append([]float64(nil), y...)

		// The vec trick on gonum: with column-major vec, y = vec(B X Aᵀ)
		// where X is the m×m matrix whose columns are consecutive pieces of
		// x. In row-major storage Xᵀ is x as it lies, so Yᵀ = A Xᵀ Bᵀ:
		// T = A·Xᵀ, then Yᵀ = T·Bᵀ.
		t := make([]float64, m*m)
		g := gonumblas.Implementation{}
		r.progress("vec trick on gonum %s", shape)
		vecTrick := r.timeIt(1, func() {
			g.Dgemm(blas.NoTrans, blas.NoTrans, m, m, m, 1, a.RawMatrix().Data, m, x, m, 0, t, m)
			g.Dgemm(blas.NoTrans, blas.Trans, m, m, m, 1, t, m, b.RawMatrix().Data, m, 0, y, m)
		})
		vecErr := maxRelDiff(y, want)

		formed, formedS := 0.0, "-"
		if m <= 64 {
			r.progress("forming %s", shape)
			var k mat.Dense
			yv := mat.NewVecDense(m*m, y)
			xv := mat.NewVecDense(m*m, x)
			formed = r.timeIt(1, func() {
				k.Kronecker(a, b)
				yv.MulVec(&k, xv)
			})
			formedS = fmtDur(formed)
			r.record(result{Name: "A⊗B x formed", Shape: shape, Impl: "gonum Kronecker+MulVec", Threads: 1, NsPerOp: formed})
		}
		r.record(result{Name: "A⊗B x", Shape: shape, Impl: "matcalc", Threads: 1, NsPerOp: ours,
			GFLOPS: 4 * float64(m*m*m) / ours})
		r.record(result{Name: "A⊗B x vec trick", Shape: shape, Impl: "gonum Dgemm", Threads: 1, NsPerOp: vecTrick,
			GFLOPS: 4 * float64(m*m*m) / vecTrick, RelErr: &vecErr})
		ratio := "-"
		if formed > 0 {
			ratio = fmt.Sprintf("%.0f×", formed/ours)
		}
		rows = append(rows, fmt.Sprintf("%s\t%s\t%s\t%.2f×\t%s\t%s", shape, fmtDur(ours), fmtDur(vecTrick), vecTrick/ours, formedS, ratio))
	}
	r.table("kron/: y = (A ⊗ B) x, never forming A ⊗ B", "factors\tmatcalc\tvec trick, gonum Dgemm\tspeed-up\tformed (Kronecker+MulVec)\tspeed-up", rows)
	return nil
}

// runKronMany times d small factors against a plain mode-product loop, and
// reports bandwidth against a large copy measured in the same run.
func runKronMany(r *runner) error {
	type kcase struct{ d, size int }
	cases := []kcase{{8, 4}, {12, 2}, {12, 3}, {10, 4}}
	if r.cfg.quick {
		cases = []kcase{{6, 3}, {8, 2}}
	}
	rng := rand.New(rand.NewPCG(8, 8))
	// Memory bandwidth: a copy of 64 MiB (32 MiB quick), counting read+write.
	nCopy := 8 << 20
	if r.cfg.quick {
		nCopy = 1 << 20
	}
	src, dstCopy := randSlice(rng, nCopy), make([]float64, nCopy)
	r.progress("memory copy")
	copyNs := r.timeIt(1, func() { copy(dstCopy, src) })
	copyBW := 16 * float64(nCopy) / copyNs // bytes per ns = GB/s
	r.record(result{Name: "copy", Shape: fmt.Sprint(nCopy), Impl: "copy", Threads: 1, NsPerOp: copyNs,
		Extra: map[string]float64{"gb_per_s": copyBW}})
	var rows []string
	for _, c := range cases {
		factors := make([]mat.Matrix, c.d)
		raw := make([]*mat.Dense, c.d)
		N := 1
		for i := range factors {
			raw[i] = randDense(rng, c.size, c.size)
			factors[i] = raw[i]
			N *= c.size
		}
		p := kron.New(factors...)
		x, y := randSlice(rng, N), make([]float64, N)
		var w kron.Workspace
		shape := fmt.Sprintf("%d factors of %dx%d", c.d, c.size, c.size)
		r.progress("kron %s", shape)
		ours := r.timeIt(1, func() { p.ApplyWork(y, x, 1, false, &w) })
		want := append([]float64(nil), y...)
		r.progress("plain mode products %s", shape)
		plain := r.timeIt(1, func() { plainModeProducts(y, x, raw) })
		relErr := maxRelDiff(y, want)
		// Bytes: d passes, each reading and writing the tensor.
		bw := float64(16*N*c.d) / ours
		r.record(result{Name: "many small factors", Shape: shape, Impl: "matcalc", Threads: 1, NsPerOp: ours,
			Extra: map[string]float64{"gb_per_s": bw, "fraction_of_copy": bw / copyBW, "speedup_vs_plain": plain / ours}})
		r.record(result{Name: "many small factors", Shape: shape, Impl: "plain loop", Threads: 1, NsPerOp: plain, RelErr: &relErr})
		rows = append(rows, fmt.Sprintf("%s\t%d\t%s\t%s\t%.1f×\t%.1f GB/s\t%.2f", shape, N, fmtDur(ours), fmtDur(plain), plain/ours, bw, bw/copyBW))
	}
	r.table("kron/: many small factors", "factors\tlength\tmatcalc\tplain mode loop\tspeed-up\tbandwidth\t/copy", rows)
	r.note("copy bandwidth in the same run: %.1f GB/s (read+write); bandwidth counts d passes of read+write.", copyBW)
	return nil
}

// plainModeProducts applies the factors one mode at a time with plain loops:
// y = (A1 ⊗ ... ⊗ Ad) x, the baseline the issue names. Mode i multiplies the
// tensor viewed as L × n_i × R by A_i along the middle index.
func plainModeProducts(y, x []float64, factors []*mat.Dense) {
	cur := append([]float64(nil), x...)
	next := make([]float64, len(x))
	N := len(x)
	for i, f := range factors {
		n := f.RawMatrix().Rows
		R := 1
		for _, g := range factors[i+1:] {
			R *= g.RawMatrix().Rows
		}
		L := N / (n * R)
		fd := f.RawMatrix().Data
		for l := 0; l < L; l++ {
			for a := 0; a < n; a++ {
				for rr := 0; rr < R; rr++ {
					var s float64
					for b := 0; b < n; b++ {
						s += fd[a*n+b] * cur[(l*n+b)*R+rr]
					}
					next[(l*n+a)*R+rr] = s
				}
			}
		}
		cur, next = next, cur
	}
	copy(y, cur)
}
