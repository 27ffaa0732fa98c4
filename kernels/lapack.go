package kernels

import (
	"sync"

	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/lapack"
	"gonum.org/v1/gonum/lapack/gonum"
	"gonum.org/v1/gonum/lapack/lapack64"
)

// LAPACK is a gonum lapack.Float64 that overrides the routines of gonum's
// mat.LU (Dgetrf, Dgetf2 and Dgecon) and of mat.Cholesky (Dpotrf, Dpotf2,
// the norm Dlansy and the condition estimate Dpocon) with versions written
// for row-major storage; every other routine is gonum's own. Install it for
// all of gonum with
//
//	lapack64.Use(kernels.LAPACK{})
//
// or, together with Implementation as the BLAS, with Install.
//
// Why: gonum's LAPACK is a literal translation of column-major LAPACK to
// row-major storage, so its unblocked LU panel (Dgetf2) and the careful
// triangular solves of the condition estimate (Dlatrs, called by Dgecon)
// walk down columns, one element per row. At n = 512 the row stride is
// 4 KiB and every element of a column maps to the same few cache sets: a
// strided dot product down a column costs 2.9 ns per element there, against
// 0.5 to 0.75 ns at a stride of 520, and prefetching does not help. With
// Implementation as the BLAS, mat.LU at n = 512 spent 49% of its time in
// Dlatrs, 22% in the panel's strided Dscal and Idamax and 12% in Dger: no
// BLAS can make it fast.
//
// Dgetrf factors recursively on halves of the columns (as LAPACK's
// dgetrf2), so that nearly all flops are the GEMMs and triangular solves of
// Implementation, and factors strips of at most getrfLeaf columns in a
// contiguous column-major copy where the pivot search, the row swaps and the
// updates run along contiguous columns. Dgecon and Dpocon run Dlacn2 as
// gonum's do but solve with the triangular factors row by row (contiguous
// in both transposes), falling back to gonum's Dlatrs only when a plain
// solve overflows or comes near overflow. (mat.Cholesky spent half its time
// at n = 512 in Dpocon's Dlatrs.) Dpotrf factors recursively on halves (as
// LAPACK's dpotrf2) on Implementation's Dtrsm and Dsyrk, with leaves along
// the contiguous rows of U (potrf.go); Dlansy's 1-norm reads each row once
// and keeps the running row sum in registers (lansy.go).
//
// Results agree with gonum's to rounding: the same pivots wherever no two
// candidates tie to within rounding, the same ok, and the same condition
// estimate up to rounding.
type LAPACK struct {
	gonum.Implementation
}

var _ lapack.Float64 = LAPACK{}

// Install makes matcalc's kernels gonum's BLAS (blas64.Use(Implementation{}))
// and LAPACK (lapack64.Use(LAPACK{})) for the whole program, and returns a
// function that restores the implementations in use before:
//
//	defer kernels.Install()()
//
// Implementation overrides the Level 3 routines (on GEMM) and, on AVX2, the
// Level 2 and 1 routines of gonum's unblocked factorizations; LAPACK
// overrides mat.LU's Dgetrf, Dgetf2 and Dgecon and mat.Cholesky's Dpotrf,
// Dpotf2, Dlansy and Dpocon. With both, mat.LU at n = 512 ran 6× faster
// than on gonum alone on Zen 4 (one thread, BenchmarkLevel2LAPACK: 20.1 ms
// against 3.3 ms; with the BLAS alone 10.3 ms), and mat.Cholesky 5.3× (9.2
// against 1.74 ms; with the BLAS alone 5.3 ms).
//
// lapack64 cannot report which LAPACK is in use, so restore reinstalls the
// one Install replaced as far as Install knows it: gonum's own unless an
// earlier Install, not yet restored, had installed LAPACK. Install is not
// meant to be called while other goroutines use gonum.
func Install() (restore func()) {
	installMu.Lock()
	defer installMu.Unlock()
	prevBLAS, prevLAPACK := blas64.Implementation(), installedLAPACK
	blas64.Use(Implementation{})
	lapack64.Use(LAPACK{})
	installedLAPACK = LAPACK{}
	return func() {
		installMu.Lock()
		defer installMu.Unlock()
		blas64.Use(prevBLAS)
		lapack64.Use(prevLAPACK)
		installedLAPACK = prevLAPACK
	}
}

var (
	installMu sync.Mutex
	// installedLAPACK is the LAPACK in use as far as Install knows.
	installedLAPACK lapack.Float64 = gonum.Implementation{}
)
