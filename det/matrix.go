package det

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc"
)

// This file holds the plumbing shared by the factorization types: reading
// gonum matrices into row-major storage, sizing dst, and products through
// the installed BLAS.

// grow returns buf resliced to length n, allocating only when its capacity is
// too small.
func grow(buf []float64, n int) []float64 {
	if cap(buf) < n {
		return make([]float64, n)
	}
	return buf[:n]
}

// growInt is grow for []int.
func growInt(buf []int, n int) []int {
	if cap(buf) < n {
		return make([]int, n)
	}
	return buf[:n]
}

// general wraps n×n row-major data as a blas64.General.
func general(n int, data []float64) blas64.General {
	return blas64.General{Rows: n, Cols: n, Stride: max(n, 1), Data: data}
}

// loadSquare copies the n×n matrix a into the row-major dst and reports the
// first entry that is NaN or ±Inf as a *matcalc.Error wrapping
// matcalc.ErrNaN. *mat.Dense and other RawMatrixers are read without the
// At interface.
func loadSquare(op string, dst []float64, a mat.Matrix, n int) error {
	if rm, ok := a.(mat.RawMatrixer); ok {
		raw := rm.RawMatrix()
		for i := 0; i < n; i++ {
			copy(dst[i*n:(i+1)*n], raw.Data[i*raw.Stride:i*raw.Stride+n])
		}
	} else {
		for i := 0; i < n; i++ {
			for j := 0; j < n; j++ {
				dst[i*n+j] = a.At(i, j)
			}
		}
	}
	for k, v := range dst[:n*n] {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nanError(op, k/n, k%n, v)
		}
	}
	return nil
}

// nanError reports a non-finite input entry.
func nanError(op string, i, j int, v float64) error {
	return &matcalc.Error{Op: op, Err: matcalc.ErrNaN, Detail: fmt.Sprintf("a[%d,%d] = %v", i, j, v)}
}

// readTangent returns the n×n matrix e as a row-major blas64.General, without
// copying when e is a *mat.Dense (or another RawMatrixer) and by copying into
// scratch otherwise. It panics with op's name when e is not n×n.
func readTangent(op, name string, e mat.Matrix, n int, scratch []float64) blas64.General {
	r, c := e.Dims()
	if r != n || c != n {
		panic(fmt.Sprintf("%s: %s is %d×%d, want %d×%d", op, name, r, c, n, n))
	}
	if rm, ok := e.(mat.RawMatrixer); ok {
		return rm.RawMatrix()
	}
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			scratch[i*n+j] = e.At(i, j)
		}
	}
	return general(n, scratch)
}

// checkSquare panics with op's name unless a is square, and returns its order.
func checkSquare(op string, a mat.Matrix) int {
	r, c := a.Dims()
	if r != c {
		panic(fmt.Sprintf("%s: a is %d×%d, want square", op, r, c))
	}
	return r
}

// useDst sizes an empty dst to n×n, panics with op's name when a non-empty
// dst is not n×n, and returns dst's raw storage.
func useDst(op string, dst *mat.Dense, n int) blas64.General {
	if dst.IsEmpty() {
		if n == 0 {
			return blas64.General{}
		}
		dst.ReuseAs(n, n)
	} else if r, c := dst.Dims(); r != n || c != n {
		panic(fmt.Sprintf("%s: dst is %d×%d, want %d×%d", op, r, c, n, n))
	}
	return dst.RawMatrix()
}

// useSymDst is useDst for a symmetric dst.
func useSymDst(op string, dst *mat.SymDense, n int) blas64.Symmetric {
	if dst.IsEmpty() {
		if n == 0 {
			return blas64.Symmetric{}
		}
		dst.ReuseAsSym(n)
	} else if m := dst.SymmetricDim(); m != n {
		panic(fmt.Sprintf("%s: dst is %d×%d, want %d×%d", op, m, m, n, n))
	}
	return dst.RawSymmetric()
}

// gemm computes c = alpha * op(a) * op(b) through the installed BLAS.
func gemm(ta, tb blas.Transpose, alpha float64, a, b blas64.General, c blas64.General) {
	blas64.Gemm(ta, tb, alpha, a, b, 0, c)
}

// inner returns the Frobenius inner product Σ x_ij y_ij of two n×n matrices.
func inner(n int, x, y blas64.General) float64 {
	var s float64
	for i := 0; i < n; i++ {
		xr := x.Data[i*x.Stride : i*x.Stride+n]
		yr := y.Data[i*y.Stride : i*y.Stride+n]
		for j, v := range xr {
			s += v * yr[j]
		}
	}
	return s
}

// innerT returns Σ x_ij y_ji = tr(x y) for two n×n matrices, in tiles so
// that the column-wise reads of y stay in cache.
func innerT(n int, x, y blas64.General) float64 {
	const tile = 32
	var s float64
	for i0 := 0; i0 < n; i0 += tile {
		i1 := min(i0+tile, n)
		for j0 := 0; j0 < n; j0 += tile {
			j1 := min(j0+tile, n)
			for i := i0; i < i1; i++ {
				xr := x.Data[i*x.Stride+j0 : i*x.Stride+j1]
				for k, v := range xr {
					s += v * y.Data[(j0+k)*y.Stride+i]
				}
			}
		}
	}
	return s
}
