package kernels_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/blas/gonum"
	"gonum.org/v1/gonum/lapack/lapack64"
	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/eig/eigensolver"
	"github.com/matcalc/matcalc/kernels"
)

// BenchmarkDgemv measures Implementation.Dgemv on every path (generic is
// gonum's Dgemv) for square A with unit increments.
func BenchmarkDgemv(b *testing.B) {
	for _, p := range kernels.Available() {
		for _, tA := range []blas.Transpose{blas.NoTrans, blas.Trans} {
			for _, n := range []int{64, 512, 1024} {
				b.Run(fmt.Sprintf("%s/%c/%d", p, tA, n), func(b *testing.B) {
					defer kernels.Use(p)()
					a, x, y := randSlice(n*n), randSlice(n), randSlice(n)
					b.SetBytes(int64(8 * n * n))
					for b.Loop() {
						kernels.Implementation{}.Dgemv(tA, n, n, 1, a, n, x, 1, 0.5, y, 1)
					}
				})
			}
		}
	}
}

// BenchmarkDger measures Implementation.Dger on every path (generic is
// gonum's Dger), as LU's unblocked panel calls it: x a column of A.
func BenchmarkDger(b *testing.B) {
	for _, p := range kernels.Available() {
		for _, s := range [][2]int{{512, 63}, {512, 512}} {
			m, n := s[0], s[1]
			b.Run(fmt.Sprintf("%s/%dx%d", p, m, n), func(b *testing.B) {
				defer kernels.Use(p)()
				lda := max(n+1, 512)
				a, y := randSlice(m*lda), randSlice(n)
				b.SetBytes(int64(8 * m * n))
				for b.Loop() {
					kernels.Implementation{}.Dger(m, n, 1e-9, a[n:], lda, y, 1, a, lda)
				}
			})
		}
	}
}

func randSlice(n int) []float64 {
	rng := rand.New(rand.NewPCG(uint64(n), 1))
	s := make([]float64, n)
	for i := range s {
		s[i] = rng.NormFloat64()
	}
	return s
}

// level3Only is Implementation with gonum's own Level 2 routines, Idamax
// and Dscal: the state before the Level 2 kernels, for side-by-side
// measurements.
type level3Only struct{ kernels.Implementation }

func (level3Only) Dgemv(tA blas.Transpose, m, n int, alpha float64, a []float64, lda int, x []float64, incX int, beta float64, y []float64, incY int) {
	gonum.Implementation{}.Dgemv(tA, m, n, alpha, a, lda, x, incX, beta, y, incY)
}

func (level3Only) Dger(m, n int, alpha float64, x []float64, incX int, y []float64, incY int, a []float64, lda int) {
	gonum.Implementation{}.Dger(m, n, alpha, x, incX, y, incY, a, lda)
}

// BenchmarkLevel2LAPACK measures gonum's LU (mat.LU, with its condition
// estimate, and lapack64.Getrf alone, also on a padded copy), Cholesky and
// matcalc's eigensolver at n = 512 with three BLAS installed: gonum's own,
// Implementation with gonum's Level 2 routines (level3) and Implementation
// (all), and with kernels.Install (install: Implementation and LAPACK).
func BenchmarkLevel2LAPACK(b *testing.B) {
	const n = 512
	rng := rand.New(rand.NewPCG(5, 7))
	gen := mat.NewDense(n, n, nil)
	sym := mat.NewSymDense(n, nil)
	for i := range n {
		for j := range n {
			gen.Set(i, j, rng.NormFloat64())
		}
	}
	sym.SymOuterK(1, gen)
	for i := range n {
		sym.SetSym(i, i, sym.At(i, i)+n)
	}
	ops := []struct {
		name string
		run  func(b *testing.B)
	}{
		{"LU", func(b *testing.B) {
			var lu mat.LU
			for b.Loop() {
				lu.Factorize(gen)
			}
		}},
		{"Getrf", func(b *testing.B) {
			w := mat.NewDense(n, n, nil)
			ipiv := make([]int, n)
			for b.Loop() {
				w.Copy(gen)
				lapack64.Getrf(w.RawMatrix(), ipiv)
			}
		}},
		// Getrf on a copy with row stride n+8: a stride of 4 KiB maps the
		// rows of a column onto a few cache sets, which is what slows the
		// unblocked panel (and the condition estimate of mat.LU) at n = 512.
		{"GetrfStride520", func(b *testing.B) {
			const ld = n + 8
			w := blas64.General{Rows: n, Cols: n, Stride: ld, Data: make([]float64, n*ld)}
			ipiv := make([]int, n)
			for b.Loop() {
				for i := range n {
					copy(w.Data[i*ld:i*ld+n], gen.RawRowView(i))
				}
				lapack64.Getrf(w, ipiv)
			}
		}},
		{"Cholesky", func(b *testing.B) {
			var c mat.Cholesky
			for b.Loop() {
				if !c.Factorize(sym) {
					b.Fatal("not positive definite")
				}
			}
		}},
		{"Eigen", func(b *testing.B) {
			var e eigensolver.Eigen
			for b.Loop() {
				if err := e.Factorize(sym, true); err != nil {
					b.Fatal(err)
				}
			}
		}},
	}
	impls := []struct {
		name string
		impl blas.Float64 // nil: kernels.Install, the BLAS and the LAPACK
	}{
		{"gonum", gonum.Implementation{}},
		{"level3", level3Only{}},
		{"all", kernels.Implementation{}},
		{"install", nil},
	}
	for _, op := range ops {
		for _, im := range impls {
			b.Run(op.name+"/"+im.name, func(b *testing.B) {
				if im.impl == nil {
					defer kernels.Install()()
				} else {
					defer blas64.Use(blas64.Implementation())
					blas64.Use(im.impl)
				}
				op.run(b)
			})
		}
	}
}

func (level3Only) Idamax(n int, x []float64, incX int) int {
	return gonum.Implementation{}.Idamax(n, x, incX)
}

func (level3Only) Dscal(n int, alpha float64, x []float64, incX int) {
	gonum.Implementation{}.Dscal(n, alpha, x, incX)
}
