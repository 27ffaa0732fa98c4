package power

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"
)

// grow returns (*buf)[:n], reallocating *buf only when it is too short.
func grow(buf *[]float64, n int) []float64 {
	if cap(*buf) < n {
		*buf = make([]float64, n)
	}
	*buf = (*buf)[:n]
	return *buf
}

// general returns an r×c blas64.General over data, which must hold r*c elements.
func general(data []float64, r, c int) blas64.General {
	return blas64.General{Rows: r, Cols: c, Stride: max(c, 1), Data: data}
}

// raw returns the elements of m as a blas64.General. A mat.RawMatrixer such as
// *mat.Dense is used in place; any other mat.Matrix is copied into *buf.
func raw(m mat.Matrix, buf *[]float64) blas64.General {
	if rm, ok := m.(mat.RawMatrixer); ok {
		return rm.RawMatrix()
	}
	r, c := m.Dims()
	g := general(grow(buf, r*c), r, c)
	copyFrom(g, m)
	return g
}

// copyFrom copies the elements of m into dst, which has the same shape.
func copyFrom(dst blas64.General, m mat.Matrix) {
	if rm, ok := m.(mat.RawMatrixer); ok {
		copyGeneral(dst, rm.RawMatrix())
		return
	}
	for i := 0; i < dst.Rows; i++ {
		row := dst.Data[i*dst.Stride : i*dst.Stride+dst.Cols]
		for j := range row {
			row[j] = m.At(i, j)
		}
	}
}

// copyGeneral copies src into dst, which has the same shape. The two must not
// overlap unless they are the same matrix.
func copyGeneral(dst, src blas64.General) {
	if dst.Rows == 0 || dst.Cols == 0 || &dst.Data[0] == &src.Data[0] {
		return
	}
	for i := 0; i < dst.Rows; i++ {
		copy(dst.Data[i*dst.Stride:i*dst.Stride+dst.Cols], src.Data[i*src.Stride:i*src.Stride+src.Cols])
	}
}

// zero sets every element of g to 0.
func zero(g blas64.General) {
	for i := 0; i < g.Rows; i++ {
		clear(g.Data[i*g.Stride : i*g.Stride+g.Cols])
	}
}

// finite reports the first element of g that is NaN or ±Inf, and whether
// there is none.
func finite(g blas64.General) (i, j int, ok bool) {
	for i := 0; i < g.Rows; i++ {
		for j, v := range g.Data[i*g.Stride : i*g.Stride+g.Cols] {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return i, j, false
			}
		}
	}
	return 0, 0, true
}

// output sizes an empty dst as r×c and panics naming op and name when a
// non-empty dst has another shape. It returns the elements of dst.
func output(dst *mat.Dense, r, c int, op, name string) blas64.General {
	if dst.IsEmpty() {
		if r == 0 || c == 0 {
			return blas64.General{Rows: r, Cols: c, Stride: max(c, 1)}
		}
		dst.ReuseAs(r, c)
	} else if dr, dc := dst.Dims(); dr != r || dc != c {
		panic(fmt.Sprintf("%s: %s is %d×%d, want %d×%d", op, name, dr, dc, r, c))
	}
	return dst.RawMatrix()
}

// checkShape panics naming op and name when m is not r×c.
func checkShape(m mat.Matrix, r, c int, op, name string) {
	if mr, mc := m.Dims(); mr != r || mc != c {
		panic(fmt.Sprintf("%s: %s is %d×%d, want %d×%d", op, name, mr, mc, r, c))
	}
}

// mul computes c = alpha * op(a) * op(b) + beta * c.
func mul(ta, tb blas.Transpose, alpha float64, a, b blas64.General, beta float64, c blas64.General) {
	blas64.Gemm(ta, tb, alpha, a, b, beta, c)
}
