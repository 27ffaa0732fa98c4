// Package dense holds the small helpers that inverse/ and power/ share for
// working on gonum matrices through their raw blas64.General storage: views,
// copies, shape checks with messages that name the caller, and the one
// place their matrix products call the installed BLAS.
package dense

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"
)

// Grow returns (*buf)[:n], reallocating *buf only when it is too short.
func Grow(buf *[]float64, n int) []float64 {
	if cap(*buf) < n {
		*buf = make([]float64, n)
	}
	*buf = (*buf)[:n]
	return *buf
}

// General returns an r×c blas64.General over data, which must hold r*c elements.
func General(data []float64, r, c int) blas64.General {
	return blas64.General{Rows: r, Cols: c, Stride: max(c, 1), Data: data}
}

// Raw returns the elements of m as a blas64.General. A mat.RawMatrixer such as
// *mat.Dense is used in place; any other mat.Matrix is copied into *buf.
func Raw(m mat.Matrix, buf *[]float64) blas64.General {
	if rm, ok := m.(mat.RawMatrixer); ok {
		return rm.RawMatrix()
	}
	r, c := m.Dims()
	g := General(Grow(buf, r*c), r, c)
	CopyFrom(g, m)
	return g
}

// CopyFrom copies the elements of m into dst, which has the same shape.
func CopyFrom(dst blas64.General, m mat.Matrix) {
	if rm, ok := m.(mat.RawMatrixer); ok {
		CopyGeneral(dst, rm.RawMatrix())
		return
	}
	for i := 0; i < dst.Rows; i++ {
		row := dst.Data[i*dst.Stride : i*dst.Stride+dst.Cols]
		for j := range row {
			row[j] = m.At(i, j)
		}
	}
}

// CopyGeneral copies src into dst, which has the same shape. The two must not
// overlap unless they are the same matrix.
func CopyGeneral(dst, src blas64.General) {
	if dst.Rows == 0 || dst.Cols == 0 || &dst.Data[0] == &src.Data[0] {
		return
	}
	for i := 0; i < dst.Rows; i++ {
		copy(dst.Data[i*dst.Stride:i*dst.Stride+dst.Cols], src.Data[i*src.Stride:i*src.Stride+src.Cols])
	}
}

// Zero sets every element of g to 0.
func Zero(g blas64.General) {
	for i := 0; i < g.Rows; i++ {
		clear(g.Data[i*g.Stride : i*g.Stride+g.Cols])
	}
}

// Finite reports the first element of g that is NaN or ±Inf, and whether
// there is none.
func Finite(g blas64.General) (i, j int, ok bool) {
	for i := 0; i < g.Rows; i++ {
		for j, v := range g.Data[i*g.Stride : i*g.Stride+g.Cols] {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return i, j, false
			}
		}
	}
	return 0, 0, true
}

// Output sizes an empty dst as r×c and panics naming op and name when dst
// is nil or a non-empty dst has another shape. It returns the elements of
// dst.
func Output(dst *mat.Dense, r, c int, op, name string) blas64.General {
	if dst == nil {
		panic(fmt.Sprintf("%s: %s is nil, want a *mat.Dense (an empty one is sized %d×%d)", op, name, r, c))
	}
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

// CheckShape panics naming op and name when m is not r×c.
func CheckShape(m mat.Matrix, r, c int, op, name string) {
	if mr, mc := m.Dims(); mr != r || mc != c {
		panic(fmt.Sprintf("%s: %s is %d×%d, want %d×%d", op, name, mr, mc, r, c))
	}
}

// SmallMax is the largest dimension of the small-matrix path: products
// whose dimensions are all at most SmallMax run as plain loops rather than
// through the BLAS, whose call overhead dominates at these sizes. Tests set
// it to 0 to force the BLAS path.
var SmallMax = 4

// Mul computes c = alpha * op(a) * op(b) + beta * c, where c does not
// overlap a or b. With beta = 0, c is overwritten and its NaNs ignored.
func Mul(ta, tb blas.Transpose, alpha float64, a, b blas64.General, beta float64, c blas64.General) {
	k := a.Cols
	if ta == blas.Trans {
		k = a.Rows
	}
	if c.Rows > SmallMax || c.Cols > SmallMax || k > SmallMax {
		blas64.Gemm(ta, tb, alpha, a, b, beta, c)
		return
	}
	// op(a)[i,p] = a.Data[i*ai + p*ap] and op(b)[p,j] = b.Data[p*bp + j*bj].
	ai, ap := a.Stride, 1
	if ta == blas.Trans {
		ai, ap = 1, a.Stride
	}
	bp, bj := b.Stride, 1
	if tb == blas.Trans {
		bp, bj = 1, b.Stride
	}
	for i := 0; i < c.Rows; i++ {
		row := c.Data[i*c.Stride : i*c.Stride+c.Cols]
		for j := range row {
			var s float64
			for p := 0; p < k; p++ {
				s += a.Data[i*ai+p*ap] * b.Data[p*bp+j*bj]
			}
			if beta == 0 {
				row[j] = alpha * s
			} else {
				row[j] = alpha*s + beta*row[j]
			}
		}
	}
}
