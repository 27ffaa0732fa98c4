package dual

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// Matrix is a matrix of dual numbers, A + Σₖ εₖ·Ȧₖ, held as its real part A
// and one matrix Ȧₖ per direction. The zero value is an empty matrix that
// the arithmetic methods size, as gonum's mat.Dense does.
type Matrix struct {
	rows, cols int
	re         []float64   // row-major
	eps        [][]float64 // eps[k] row-major
}

// NewMatrix returns the dual matrix a + Σₖ εₖ·dirs[k], copying its inputs.
// It panics if a direction differs from a in shape.
func NewMatrix(a mat.Matrix, dirs ...mat.Matrix) *Matrix {
	r, c := a.Dims()
	m := newMatrix(r, c, len(dirs))
	copyInto(m.re, c, a)
	for k, d := range dirs {
		if rr, cc := d.Dims(); rr != r || cc != c {
			panic(fmt.Sprintf("dual.NewMatrix: a is %d×%d, direction %d is %d×%d", r, c, k, rr, cc))
		}
		copyInto(m.eps[k], c, d)
	}
	return m
}

// Identity returns the n×n identity as a dual matrix with k directions, all
// zero.
func Identity(n, k int) *Matrix {
	m := newMatrix(n, n, k)
	for i := 0; i < n; i++ {
		m.re[i*n+i] = 1
	}
	return m
}

func newMatrix(r, c, k int) *Matrix {
	m := &Matrix{rows: r, cols: c, re: make([]float64, r*c), eps: make([][]float64, k)}
	for i := range m.eps {
		m.eps[i] = make([]float64, r*c)
	}
	return m
}

func copyInto(dst []float64, c int, a mat.Matrix) {
	r, cc := a.Dims()
	for i := 0; i < r; i++ {
		for j := 0; j < cc; j++ {
			dst[i*c+j] = a.At(i, j)
		}
	}
}

// Dims returns the number of rows and columns of m.
func (m *Matrix) Dims() (r, c int) { return m.rows, m.cols }

// Directions returns the number of infinitesimal directions of m.
func (m *Matrix) Directions() int { return len(m.eps) }

// IsEmpty reports whether m has no entries yet.
func (m *Matrix) IsEmpty() bool { return m.rows == 0 && m.cols == 0 }

// At returns the entry (i, j) of m.
func (m *Matrix) At(i, j int) Number {
	m.checkIndex("At", i, j)
	x := Number{Re: m.re[i*m.cols+j], Eps: make([]float64, len(m.eps))}
	for k, e := range m.eps {
		x.Eps[k] = e[i*m.cols+j]
	}
	return x
}

// Set sets the entry (i, j) of m to x, which must have as many directions as
// m or none.
func (m *Matrix) Set(i, j int, x Number) {
	m.checkIndex("Set", i, j)
	if len(x.Eps) != 0 && len(x.Eps) != len(m.eps) {
		panic(fmt.Sprintf("dual.(*Matrix).Set: x has %d directions, m has %d", len(x.Eps), len(m.eps)))
	}
	m.re[i*m.cols+j] = x.Re
	for k, e := range m.eps {
		e[i*m.cols+j] = eps(x, k)
	}
}

func (m *Matrix) checkIndex(fn string, i, j int) {
	if i < 0 || i >= m.rows || j < 0 || j >= m.cols {
		panic(fmt.Sprintf("dual.(*Matrix).%s: index (%d,%d) out of a %d×%d matrix", fn, i, j, m.rows, m.cols))
	}
}

// Real returns a copy of the real part of m.
func (m *Matrix) Real() *mat.Dense {
	return mat.NewDense(m.rows, m.cols, append([]float64(nil), m.re...))
}

// Eps returns a copy of the part of m along direction k: for m = F(a + εȧ)
// computed in dual arithmetic, the directional derivative F'(a)[ȧ].
func (m *Matrix) Eps(k int) *mat.Dense {
	if k < 0 || k >= len(m.eps) {
		panic(fmt.Sprintf("dual.(*Matrix).Eps: direction %d of %d", k, len(m.eps)))
	}
	return mat.NewDense(m.rows, m.cols, append([]float64(nil), m.eps[k]...))
}

// CloneFrom makes m a copy of a.
func (m *Matrix) CloneFrom(a *Matrix) {
	m.rows, m.cols = a.rows, a.cols
	m.re = append([]float64(nil), a.re...)
	m.eps = make([][]float64, len(a.eps))
	for k, e := range a.eps {
		m.eps[k] = append([]float64(nil), e...)
	}
}

// dense wraps a row-major slice as a mat.Dense, sharing it.
func dense(r, c int, s []float64) *mat.Dense {
	if r == 0 || c == 0 {
		panic("dual: empty matrix")
	}
	return mat.NewDense(r, c, s)
}

// part returns direction k of m, or nil if m is constant.
func (m *Matrix) part(k int) []float64 {
	if k < len(m.eps) {
		return m.eps[k]
	}
	return nil
}

// resultDirections returns the number of directions of a result of a and b,
// panicking, naming fn, if both have some and they differ.
func resultDirections(fn string, a, b *Matrix) int {
	ka, kb := len(a.eps), len(b.eps)
	if ka != 0 && kb != 0 && ka != kb {
		panic(fmt.Sprintf("%s: %d directions and %d directions", fn, ka, kb))
	}
	return max(ka, kb)
}

// Add sets m to a + b.
func (m *Matrix) Add(a, b *Matrix) { m.addScaled("dual.(*Matrix).Add", a, 1, b) }

// Sub sets m to a − b.
func (m *Matrix) Sub(a, b *Matrix) { m.addScaled("dual.(*Matrix).Sub", a, -1, b) }

func (m *Matrix) addScaled(fn string, a *Matrix, f float64, b *Matrix) {
	if a.rows != b.rows || a.cols != b.cols {
		panic(fmt.Sprintf("%s: a is %d×%d, b is %d×%d", fn, a.rows, a.cols, b.rows, b.cols))
	}
	k := resultDirections(fn, a, b)
	z := newMatrix(a.rows, a.cols, k)
	for i := range z.re {
		z.re[i] = a.re[i] + f*b.re[i]
	}
	for d := 0; d < k; d++ {
		pa, pb := a.part(d), b.part(d)
		for i := range z.eps[d] {
			var v float64
			if pa != nil {
				v = pa[i]
			}
			if pb != nil {
				v += f * pb[i]
			}
			z.eps[d][i] = v
		}
	}
	*m = *z
}

// Scale sets m to f·a for a real f.
func (m *Matrix) Scale(f float64, a *Matrix) {
	z := newMatrix(a.rows, a.cols, len(a.eps))
	for i, v := range a.re {
		z.re[i] = f * v
	}
	for d, e := range a.eps {
		for i, v := range e {
			z.eps[d][i] = f * v
		}
	}
	*m = *z
}

// Mul sets m to the product a·b: its real part is AB and its part along
// direction k is Ȧₖ·B + A·Ḃₖ. m may be a or b.
func (m *Matrix) Mul(a, b *Matrix) {
	if a.cols != b.rows {
		panic(fmt.Sprintf("dual.(*Matrix).Mul: a is %d×%d, b is %d×%d", a.rows, a.cols, b.rows, b.cols))
	}
	k := resultDirections("dual.(*Matrix).Mul", a, b)
	z := newMatrix(a.rows, b.cols, k)
	ar, br := dense(a.rows, a.cols, a.re), dense(b.rows, b.cols, b.re)
	dense(z.rows, z.cols, z.re).Mul(ar, br)
	var t mat.Dense
	for d := 0; d < k; d++ {
		zd := dense(z.rows, z.cols, z.eps[d])
		if pa := a.part(d); pa != nil {
			zd.Mul(dense(a.rows, a.cols, pa), br)
		}
		if pb := b.part(d); pb != nil {
			t.Mul(ar, dense(b.rows, b.cols, pb))
			zd.Add(zd, &t)
		}
	}
	*m = *z
}
