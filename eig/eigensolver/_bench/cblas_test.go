//go:build cblas

// Copyright ©2026 The matcalc Authors. All rights reserved.

// Package cblas benchmarks the eigensolver with OpenBLAS installed as
// gonum's BLAS through cgo, to show what it does on a fast BLAS. It is a
// module of its own so that cgo and gonum's netlib stay out of the library.
//
//	cd eig/eigensolver/_bench
//	CGO_LDFLAGS=-lopenblas OPENBLAS_NUM_THREADS=1 GOMAXPROCS=1 \
//		go test -tags cblas -bench . -benchtime=5x
//
// With BLAS=level3 only the Level 3 routines come from OpenBLAS.
package cblas

import (
	"fmt"
	"math/rand/v2"
	"os"
	"syscall"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	gonumblas "gonum.org/v1/gonum/blas/gonum"
	"gonum.org/v1/gonum/lapack/gonum"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/netlib/blas/netlib"

	"github.com/matcalc/matcalc/eig/eigensolver"
)

// level3 is gonum's BLAS with the Level 3 routines taken from OpenBLAS: the
// shape of matcalc's kernels.Implementation, which embeds gonum's BLAS and
// routes Level 3 through its own GEMM. BLAS=level3 selects it; the default
// is OpenBLAS for everything.
type level3 struct{ gonumblas.Implementation }

var cblas netlib.Implementation

func (level3) Dgemm(tA, tB blas.Transpose, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	cblas.Dgemm(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

func (level3) Dsyrk(ul blas.Uplo, t blas.Transpose, n, k int, alpha float64, a []float64, lda int, beta float64, c []float64, ldc int) {
	cblas.Dsyrk(ul, t, n, k, alpha, a, lda, beta, c, ldc)
}

func (level3) Dsyr2k(ul blas.Uplo, t blas.Transpose, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	cblas.Dsyr2k(ul, t, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

func (level3) Dtrmm(s blas.Side, ul blas.Uplo, t blas.Transpose, d blas.Diag, m, n int, alpha float64, a []float64, lda int, b []float64, ldb int) {
	cblas.Dtrmm(s, ul, t, d, m, n, alpha, a, lda, b, ldb)
}

func (level3) Dtrsm(s blas.Side, ul blas.Uplo, t blas.Transpose, d blas.Diag, m, n int, alpha float64, a []float64, lda int, b []float64, ldb int) {
	cblas.Dtrsm(s, ul, t, d, m, n, alpha, a, lda, b, ldb)
}

func (level3) Dsymm(s blas.Side, ul blas.Uplo, m, n int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	cblas.Dsymm(s, ul, m, n, alpha, a, lda, b, ldb, beta, c, ldc)
}

func TestMain(m *testing.M) {
	if os.Getenv("BLAS") == "level3" {
		blas64.Use(level3{})
	} else {
		blas64.Use(netlib.Implementation{})
	}
	os.Exit(m.Run())
}

var sizes = []int{256, 512, 1024}

// cpuTime returns the CPU time the process has used, in ns.
func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// loop runs f b.N times and reports the CPU time per call.
func loop(b *testing.B, f func() error) {
	c0 := cpuTime()
	for b.Loop() {
		if err := f(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime()-c0)/float64(b.N)/1e6, "cpu-ms")
}

func symMatrix(n int) *mat.SymDense {
	rnd := rand.New(rand.NewPCG(uint64(n), 7))
	a := mat.NewSymDense(n, nil)
	for i := range n {
		for j := i; j < n; j++ {
			a.SetSym(i, j, rnd.NormFloat64())
		}
	}
	return a
}

// tridiagonal returns the tridiagonal form of a (by gonum's Dsytrd), for
// timing the tridiagonal solver alone.
func tridiagonal(a *mat.SymDense) (d, e []float64) {
	n := a.SymmetricDim()
	raw := a.RawSymmetric()
	c := make([]float64, n*n)
	for i := range n {
		copy(c[i*n:(i+1)*n], raw.Data[i*raw.Stride:])
	}
	d, e = make([]float64, n), make([]float64, n-1)
	tau := make([]float64, n-1)
	work := make([]float64, 64*n)
	gonum.Implementation{}.Dsytrd(blas.Upper, n, c, n, d, e, tau, work, len(work))
	return d, e
}

func TestAccuracy(t *testing.T) {
	for _, n := range []int{100, 300} {
		a := symMatrix(n)
		var e eigensolver.Eigen
		if err := e.Factorize(a, true); err != nil {
			t.Fatal(err)
		}
		var v, av, vl mat.Dense
		e.VectorsTo(&v)
		av.Mul(a, &v)
		vl.Mul(&v, mat.NewDiagDense(n, e.Values(nil)))
		av.Sub(&av, &vl)
		if r := mat.Norm(&av, 1) / (mat.Norm(a, 1) * float64(n) * 0x1p-52); r > 10 {
			t.Errorf("n=%d: residual %g n·eps·‖A‖", n, r)
		}
	}
}

// BenchmarkSplit times, on one matrix per size: the whole eigendecomposition
// (Vectors), the values-only path (reduction + root-free QR, Values), the
// root-free QR alone (Sterf) and the divide-and-conquer tridiagonal solver
// alone (DC); the reduction is Values − Sterf and the back-transformation
// Vectors − Values + Sterf − DC.
func BenchmarkSplit(b *testing.B) {
	for _, n := range sizes {
		a := symMatrix(n)
		d, e := tridiagonal(a)
		var eig eigensolver.Eigen
		b.Run(fmt.Sprintf("Vectors/%d", n), func(b *testing.B) {
			loop(b, func() error { return eig.Factorize(a, true) })
		})
		b.Run(fmt.Sprintf("Values/%d", n), func(b *testing.B) {
			loop(b, func() error { return eig.Factorize(a, false) })
		})
		b.Run(fmt.Sprintf("Sterf/%d", n), func(b *testing.B) {
			loop(b, func() error { return eig.FactorizeTridiagonal(d, e, false) })
		})
		b.Run(fmt.Sprintf("DC/%d", n), func(b *testing.B) {
			loop(b, func() error { return eig.FactorizeTridiagonal(d, e, true) })
		})
		b.Run(fmt.Sprintf("GonumEigenSym/%d", n), func(b *testing.B) {
			if n > 512 && testing.Short() {
				b.Skip("slow")
			}
			var g mat.EigenSym
			loop(b, func() error {
				if !g.Factorize(a, true) {
					return fmt.Errorf("gonum EigenSym failed")
				}
				return nil
			})
		})
	}
}

// BenchmarkValues times the values-only path (reduction and root-free QR).
func BenchmarkValues(b *testing.B) {
	for _, n := range sizes {
		a := symMatrix(n)
		var eig eigensolver.Eigen
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			loop(b, func() error { return eig.Factorize(a, false) })
		})
	}
}
