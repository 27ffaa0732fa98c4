package kron

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"
	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/check"
	"github.com/matcalc/matcalc/kernels"
)

// The benchmarks of issue 5. Ratios are measured in one run: every
// iteration of a Ratios benchmark times each variant once, interleaved, so
// that load from other processes hits them alike, and the ratios are
// reported as custom metrics.

// twoFactor holds y = (A ⊗ B) x for A, B n×n and the buffers of every way
// of computing it.
type twoFactor struct {
	n       int
	a, b    *mat.Dense
	x, y, t []float64
	p       *Product
	w       Workspace
}

func newTwoFactor(n int) *twoFactor {
	rng := rand.New(rand.NewPCG(1, uint64(n)))
	f := &twoFactor{n: n, a: check.Gaussian(rng, n, n), b: check.Gaussian(rng, n, n),
		x: randVec(rng, n*n), y: make([]float64, n*n), t: make([]float64, n*n)}
	f.p = New(f.a, f.b)
	f.p.ApplyWork(f.y, f.x, 1, false, &f.w)
	return f
}

// kron applies the Product.
func (f *twoFactor) kron() { f.p.ApplyWork(f.y, f.x, 1, false, &f.w) }

// twoGemm is the two kernels.Dgemm calls the Product is made of:
// with X the row-major n×n view of x, T = A X, then Y = T Bᵀ.
func (f *twoFactor) twoGemm() {
	n := f.n
	a, b := f.a.RawMatrix().Data, f.b.RawMatrix().Data
	kernels.Dgemm(blas.NoTrans, blas.NoTrans, n, n, n, 1, a, n, f.x, n, 0, f.t, n)
	kernels.Dgemm(blas.NoTrans, blas.Trans, n, n, n, 1, f.t, n, b, n, 0, f.y, n)
}

// gonumVec is the same vec trick through gonum's own Dgemm.
func (f *twoFactor) gonumVec() {
	n := f.n
	var impl gonum.Implementation
	a, b := f.a.RawMatrix().Data, f.b.RawMatrix().Data
	impl.Dgemm(blas.NoTrans, blas.NoTrans, n, n, n, 1, a, n, f.x, n, 0, f.t, n)
	impl.Dgemm(blas.NoTrans, blas.Trans, n, n, n, 1, f.t, n, b, n, 0, f.y, n)
}

// explicit forms A ⊗ B with gonum and multiplies: what the operator avoids.
func (f *twoFactor) explicit() {
	var k mat.Dense
	k.Kronecker(f.a, f.b)
	mat.NewVecDense(f.n*f.n, f.y).MulVec(&k, mat.NewVecDense(f.n*f.n, f.x))
}

// explicitFits reports whether forming the n²×n² product is reasonable.
func explicitFits(n int) bool { return n <= 64 }

// BenchmarkTwoFactor times y = (A ⊗ B) x for A, B n×n each way separately.
func BenchmarkTwoFactor(b *testing.B) {
	for _, n := range []int{32, 64, 128, 256} {
		f := newTwoFactor(n)
		variants := []struct {
			name string
			run  func()
		}{{"kron", f.kron}, {"two-dgemm", f.twoGemm}, {"gonum-dgemm", f.gonumVec}}
		if explicitFits(n) {
			variants = append(variants, struct {
				name string
				run  func()
			}{"explicit", f.explicit})
		}
		for _, v := range variants {
			b.Run(fmt.Sprintf("n=%d/%s", n, v.name), func(b *testing.B) {
				for b.Loop() {
					v.run()
				}
			})
		}
	}
}

// BenchmarkTwoFactorRatios reports, measured in one run: kron/two-dgemm (the
// target is at most 1.15: reshaping is free), kron/gonum-dgemm, and
// explicit/kron (the target is at least 100 at n = 64).
func BenchmarkTwoFactorRatios(b *testing.B) {
	for _, n := range []int{32, 64, 128, 256} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			f := newTwoFactor(n)
			// Each variant's time is the fastest of the run's iterations.
			tk, tg, tn, te := time.Duration(1<<62), time.Duration(1<<62), time.Duration(1<<62), time.Duration(1<<62)
			reps := max(1, (1<<22)/(n*n*n)) // amortise the timer on small sizes
			timeIt := func(run func(), reps int) time.Duration {
				t0 := time.Now()
				for range reps {
					run()
				}
				return time.Since(t0)
			}
			for i := 0; b.Loop(); i++ {
				tk = min(tk, timeIt(f.kron, reps))
				tg = min(tg, timeIt(f.twoGemm, reps))
				tn = min(tn, timeIt(f.gonumVec, reps))
				if explicitFits(n) && i < 3 {
					te = min(te, timeIt(f.explicit, 1)*time.Duration(reps))
				}
			}
			b.ReportMetric(float64(tk)/float64(tg), "kron/two-dgemm")
			b.ReportMetric(float64(tk)/float64(tn), "kron/gonum-dgemm")
			if explicitFits(n) {
				b.ReportMetric(float64(te)/float64(tk), "explicit/kron")
			}
		})
	}
}

// manyFactor holds y = (A1 ⊗ … ⊗ Ad) x for d small square factors.
type manyFactor struct {
	sizes  []int
	fs     []*mat.Dense
	p      *Product
	x, y   []float64
	t1, t2 []float64
	w      Workspace
}

func newManyFactor(sizes []int) *manyFactor {
	rng := rand.New(rand.NewPCG(2, uint64(len(sizes))))
	f := &manyFactor{sizes: sizes}
	ms := make([]mat.Matrix, len(sizes))
	N := 1
	for i, s := range sizes {
		f.fs = append(f.fs, check.Gaussian(rng, s, s))
		ms[i] = f.fs[i]
		N *= s
	}
	f.p = New(ms...)
	f.x, f.y = randVec(rng, N), make([]float64, N)
	f.t1, f.t2 = make([]float64, N), make([]float64, N)
	f.kron() // touch every page before timing
	f.plain()
	return f
}

func (f *manyFactor) kron() { f.p.ApplyWork(f.y, f.x, 1, false, &f.w) }

// plain is the plain mode-product loop: each mode by the definition
// y[l,i,r] = Σ_j A[i,j] x[l,j,r], with preallocated buffers.
func (f *manyFactor) plain() {
	N := len(f.x)
	in := f.x
	L := 1
	for i, a := range f.fs {
		n := f.sizes[i]
		R := N / (L * n)
		out := f.t1
		if i%2 == 1 {
			out = f.t2
		}
		if i == len(f.fs)-1 {
			out = f.y
		}
		ad := a.RawMatrix().Data
		for l := 0; l < L; l++ {
			for r := 0; r < R; r++ {
				for p := 0; p < n; p++ {
					var s float64
					for q := 0; q < n; q++ {
						s += ad[p*n+q] * in[(l*n+q)*R+r]
					}
					out[(l*n+p)*R+r] = s
				}
			}
		}
		in = out
		L *= n
	}
}

// bytes is the memory traffic of one application: every mode reads and
// writes the whole tensor once.
func (f *manyFactor) bytes() float64 { return float64(len(f.sizes)) * 2 * 8 * float64(len(f.x)) }

var manySizes = [][]int{
	{4, 4, 4, 4, 4, 4, 4, 4},             // d=8, 64 Ki values, in L2
	{2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2}, // d=12, 4 Ki
	{3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3}, // d=12, 531 Ki, in L3
	{4, 4, 4, 4, 4, 4, 4, 4, 4, 4},       // d=10, 1 Mi
	{2, 3, 4, 2, 3, 4, 2, 3, 4, 2, 3, 4}, // d=12, 332 Ki
	{4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4}, // d=12, 16 Mi values: 128 MiB, in memory
}

func sizesName(s []int) string {
	return fmt.Sprintf("d=%d/sizes=%v", len(s), s)
}

// copyBench is a large copy (2 × 128 MiB, well past the last-level cache),
// for the memory bandwidth.
type copyBench struct{ src, dst []float64 }

func newCopyBench() *copyBench {
	c := &copyBench{src: make([]float64, 16<<20), dst: make([]float64, 16<<20)}
	for i := range c.src {
		c.src[i] = float64(i)
	}
	c.run() // touch every page before timing
	return c
}
func (c *copyBench) run()           { copy(c.dst, c.src) }
func (c *copyBench) bytes() float64 { return 2 * 8 * float64(len(c.src)) }

// BenchmarkManyFactors times d = 8 to 12 factors of sizes 2 to 4 on the
// path in use, on kernels/generic and with the plain mode-product loop.
func BenchmarkManyFactors(b *testing.B) {
	for _, s := range manySizes {
		f := newManyFactor(s)
		b.Run(sizesName(s)+"/kron", func(b *testing.B) {
			b.SetBytes(int64(f.bytes()))
			for b.Loop() {
				f.kron()
			}
		})
		b.Run(sizesName(s)+"/kron-generic", func(b *testing.B) {
			defer kernels.Use(kernels.Generic)()
			b.SetBytes(int64(f.bytes()))
			for b.Loop() {
				f.kron()
			}
		})
		b.Run(sizesName(s)+"/plain-loop", func(b *testing.B) {
			b.SetBytes(int64(f.bytes()))
			for b.Loop() {
				f.plain()
			}
		})
	}
	c := newCopyBench()
	b.Run("copy-256MiB", func(b *testing.B) {
		b.SetBytes(int64(c.bytes()))
		for b.Loop() {
			c.run()
		}
	})
}

// BenchmarkManyFactorsRatios reports, measured in one run: the bandwidth of
// the many-small-factors product (counting d passes, each reading and
// writing the tensor, as a mode-at-a-time product needs) as a fraction of a
// large copy's (target at least 0.5), the same for the product applied one
// mode at a time without cache blocking (the KronMode kernel's own
// streaming rate), and plain-loop/kron (target at least 3). Each variant's time is the fastest of the run's iterations, which is
// the measure least disturbed by other processes on a shared machine.
func BenchmarkManyFactorsRatios(b *testing.B) {
	c := newCopyBench()
	for _, s := range manySizes {
		b.Run(sizesName(s), func(b *testing.B) {
			f := newManyFactor(s)
			tk, tu, tp, tc := time.Duration(1<<62), time.Duration(1<<62), time.Duration(1<<62), time.Duration(1<<62)
			reps := max(1, (1<<20)/len(f.x))
			for i := 0; b.Loop(); i++ {
				t0 := time.Now()
				for range reps {
					f.kron()
				}
				tk = min(tk, time.Since(t0))
				// The same product one mode at a time (no cache
				// blocking): the kernel's own streaming bandwidth.
				bm := blockedMin
				blockedMin = math.MaxInt
				t0 = time.Now()
				for range reps {
					f.kron()
				}
				tu = min(tu, time.Since(t0))
				blockedMin = bm
				if i < 2 { // the plain loop is slow: two samples
					t0 = time.Now()
					for range reps {
						f.plain()
					}
					tp = min(tp, time.Since(t0))
				}
				t0 = time.Now()
				c.run()
				tc = min(tc, time.Since(t0))
			}
			bwKron := f.bytes() * float64(reps) / tk.Seconds()
			bwCopy := c.bytes() / tc.Seconds()
			b.ReportMetric(bwKron/1e9, "kron-GB/s")
			b.ReportMetric(bwCopy/1e9, "copy-GB/s")
			b.ReportMetric(bwKron/bwCopy, "kron-bw/copy-bw")
			b.ReportMetric(f.bytes()*float64(reps)/tu.Seconds()/bwCopy, "unblocked-bw/copy-bw")
			b.ReportMetric(float64(tp)/float64(tk), "plain/kron")
		})
	}
}
