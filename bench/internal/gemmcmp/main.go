//go:build openblas && cgo

// Command gemmcmp measures matcalc's Dgemm side by side with OpenBLAS and
// gonum's native Dgemm in one run, and gonum's LU, Cholesky and EigenSym
// with and without kernels.Implementation installed as gonum's BLAS:
//
//	go run -tags openblas ./bench/internal/gemmcmp -reps 5
//
// By default OpenBLAS runs its Zen kernels (OPENBLAS_CORETYPE=Zen, the AVX2
// kernels Debian's DYNAMIC_ARCH build picks on AMD Zen 2/3); on a CPU with
// AVX-512 it would otherwise pick an AVX-512 kernel set, which matcalc does
// not have. Pass -coretype "" for OpenBLAS's own choice.
//
// The implementations run interleaved (in a rotating order within each
// repeat), so that load from other processes falls on all of them alike; the
// table gives the median GFLOP/s of each and the median of the per-repeat
// ratios. Each measurement is the fastest of many short batches (see
// measure). It is a benchmark tool, not a test: it asserts nothing.
package main

import (
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/blas/gonum"
	"gonum.org/v1/gonum/lapack/lapack64"
	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/bench/internal/openblas"
	"github.com/matcalc/matcalc/kernels"
)

var (
	reps    = flag.Int("reps", 5, "repeats of each measurement")
	minTime = flag.Duration("min", 100*time.Millisecond, "minimum time of one measurement")
	threads = flag.String("threads", "1,2", "comma-separated thread counts")
	shapes  = flag.String("shapes", "64,128,256,512,1024,2048,1024x64x1024,64x1024x64,1024x1024x64", "comma-separated n or m×n×k shapes")
	peak    = flag.Float64("peak", 49.6, "FMA peak GFLOP/s of one core, for the % of peak column")
	lapack  = flag.Bool("lapack", true, "also time gonum's LU, Cholesky and EigenSym at n=512")
	skipGo  = flag.Int("gonum-max", 1024, "largest n at which gonum's native Dgemm is measured")
	core    = flag.String("coretype", "Zen", "OPENBLAS_CORETYPE to run OpenBLAS with (empty: OpenBLAS's own choice)")
)

func main() {
	flag.Parse()
	if *core != "" && os.Getenv("OPENBLAS_CORETYPE") != *core {
		// OpenBLAS reads OPENBLAS_CORETYPE when it is loaded: restart with it set.
		exe, err := os.Executable()
		if err == nil {
			err = syscall.Exec(exe, os.Args, append(os.Environ(), "OPENBLAS_CORETYPE="+*core))
		}
		fmt.Fprintf(os.Stderr, "gemmcmp: cannot restart with OPENBLAS_CORETYPE=%s: %v\n", *core, err)
		os.Exit(1)
	}
	fmt.Printf("%s\nOpenBLAS: %s (core %s)\nGOMAXPROCS is set to the thread count; OpenBLAS threads likewise.\n\n",
		kernels.CPUInfo(), strings.TrimSpace(openblas.Config()), openblas.CoreName())
	ths := parseInts(*threads)
	fmt.Println("| m×n×k | threads | matcalc GFLOP/s | OpenBLAS GFLOP/s | gonum GFLOP/s | matcalc % of peak | matcalc/OpenBLAS | matcalc/gonum |")
	fmt.Println("|---|---|---|---|---|---|---|---|")
	for _, s := range strings.Split(*shapes, ",") {
		m, n, k := parseShape(s)
		for _, th := range ths {
			gemmRow(m, n, k, th)
		}
	}
	if *lapack {
		fmt.Println()
		fmt.Println("| n=512 | threads | gonum BLAS ms | kernels.Implementation ms | speed-up |")
		fmt.Println("|---|---|---|---|---|")
		for _, th := range ths {
			lapackRows(512, th)
		}
	}
}

func gemmRow(m, n, k, th int) {
	runtime.GOMAXPROCS(th)
	openblas.SetThreads(th)
	rng := rand.New(rand.NewPCG(1, 2))
	a, b, c := randSlice(rng, m*k), randSlice(rng, k*n), randSlice(rng, m*n)
	flops := 2 * float64(m) * float64(n) * float64(k)
	impls := []func(){
		func() { kernels.Dgemm(blas.NoTrans, blas.NoTrans, m, n, k, 1, a, k, b, n, 0, c, n) },
		func() { openblas.Dgemm(blas.NoTrans, blas.NoTrans, m, n, k, 1, a, k, b, n, 0, c, n) },
		func() { gonum.Implementation{}.Dgemm(blas.NoTrans, blas.NoTrans, m, n, k, 1, a, k, b, n, 0, c, n) },
	}
	withGonum := max(m, n, k) <= *skipGo
	g := make([][]float64, len(impls))
	for r := 0; r < *reps; r++ {
		for j := range impls {
			i := (j + r) % len(impls)
			if i == 2 && !withGonum {
				continue
			}
			g[i] = append(g[i], flops/measure(impls[i])/1e9)
		}
	}
	ratio := func(x, y []float64) float64 {
		if len(y) == 0 {
			return 0
		}
		q := make([]float64, len(x))
		for i := range x {
			q[i] = x[i] / y[i]
		}
		return median(q)
	}
	gon, gr := "-", "-"
	if withGonum {
		gon, gr = fmt.Sprintf("%.1f", median(g[2])), fmt.Sprintf("%.2f", ratio(g[0], g[2]))
	}
	fmt.Printf("| %d×%d×%d | %d | %.1f | %.1f | %s | %.0f%% | %.2f | %s |\n",
		m, n, k, th, median(g[0]), median(g[1]), gon, 100*median(g[0])/(*peak*float64(th)), ratio(g[0], g[1]), gr)
}

func lapackRows(n, th int) {
	runtime.GOMAXPROCS(th)
	rng := rand.New(rand.NewPCG(3, 4))
	a := mat.NewDense(n, n, randSlice(rng, n*n))
	var spd mat.SymDense
	spd.SymOuterK(1, a)
	for i := 0; i < n; i++ {
		spd.SetSym(i, i, spd.At(i, i)+float64(n))
	}
	var lu mat.LU
	var ch mat.Cholesky
	var eig mat.EigenSym
	// lapack64.Getrf and Potrf alone: mat.LU.Factorize also estimates the
	// condition number (Dgecon, Level 1 and 2 BLAS on strided columns).
	work := blas64.General{Rows: n, Cols: n, Stride: n, Data: make([]float64, n*n)}
	ipiv := make([]int, n)
	sym := blas64.Symmetric{Uplo: blas.Upper, N: n, Stride: n, Data: make([]float64, n*n)}
	cases := []struct {
		name string
		f    func()
	}{
		{"mat.LU", func() { lu.Factorize(a) }},
		{"lapack64.Getrf", func() { copy(work.Data, a.RawMatrix().Data); lapack64.Getrf(work, ipiv) }},
		{"mat.Cholesky", func() { ch.Factorize(&spd) }},
		{"lapack64.Potrf", func() { copy(sym.Data, spd.RawSymmetric().Data); lapack64.Potrf(sym) }},
		{"mat.EigenSym", func() { eig.Factorize(&spd, true) }},
	}
	native := blas64.Implementation()
	for _, cs := range cases {
		var t0, t1 []float64
		for r := 0; r < *reps; r++ {
			blas64.Use(native)
			t0 = append(t0, measure(cs.f))
			blas64.Use(kernels.Implementation{})
			t1 = append(t1, measure(cs.f))
		}
		blas64.Use(native)
		q := make([]float64, len(t0))
		for i := range t0 {
			q[i] = t0[i] / t1[i]
		}
		fmt.Printf("| %s | %d | %.1f | %.1f | %.2f× |\n", cs.name, th, 1e3*median(t0), 1e3*median(t1), median(q))
	}
}

// measure returns the seconds per call of f: the fastest of batches of
// calls (each batch at least a millisecond) run for minTime in all. On a
// machine shared with other work the fastest batch is the best estimate of
// the unloaded speed, and it is taken alike for every implementation.
func measure(f func()) float64 {
	f()
	n := 1
	for {
		start := time.Now()
		for i := 0; i < n; i++ {
			f()
		}
		if time.Since(start) >= time.Millisecond {
			break
		}
		n *= 2
	}
	best := math.Inf(1)
	for total := time.Duration(0); total < *minTime; {
		start := time.Now()
		for i := 0; i < n; i++ {
			f()
		}
		d := time.Since(start)
		total += d
		best = min(best, d.Seconds()/float64(n))
	}
	return best
}

func median(x []float64) float64 {
	if len(x) == 0 {
		return 0
	}
	s := slices.Clone(x)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func randSlice(rng *rand.Rand, n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = 2*rng.Float64() - 1
	}
	return s
}

func parseInts(s string) []int {
	var xs []int
	for _, f := range strings.Split(s, ",") {
		x, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || x < 1 {
			fmt.Fprintf(os.Stderr, "gemmcmp: bad number %q\n", f)
			os.Exit(2)
		}
		xs = append(xs, x)
	}
	return xs
}

func parseShape(s string) (m, n, k int) {
	f := strings.Split(strings.ReplaceAll(s, "×", "x"), "x")
	switch len(f) {
	case 1:
		x := parseInts(f[0])[0]
		return x, x, x
	case 3:
		return parseInts(f[0])[0], parseInts(f[1])[0], parseInts(f[2])[0]
	}
	fmt.Fprintf(os.Stderr, "gemmcmp: bad shape %q\n", s)
	os.Exit(2)
	return
}
