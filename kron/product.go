package kron

import (
	"fmt"
	"slices"
	"strings"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/kernels"
)

// smallFactor is the largest factor dimension that goes through
// kernels.KronMode; larger factors go through kernels.Dgemm.
const smallFactor = 16

// factor is one factor of a Product, stored contiguously row-major.
type factor struct {
	m, n int
	a    []float64 // m×n
	at   []float64 // n×m, its transpose; only for small factors
}

func (f *factor) small() bool { return f.m <= smallFactor && f.n <= smallFactor }

// Product is the Kronecker product A1 ⊗ A2 ⊗ … ⊗ Ad of d ≥ 1 factors, any of
// them rectangular, as an operator: it is applied through its factors and
// never formed. Its matrix has Π mi rows and Π ni columns for Ai mi×ni.
//
// A Product is immutable after New and safe for concurrent use.
type Product struct {
	f          []factor
	rows, cols int
	// order and orderT are the orders in which the modes are applied for
	// M x and Mᵀ x, each the one with the fewest flops.
	order, orderT []int
}

// New returns the Kronecker product of the factors, A1 ⊗ A2 ⊗ … ⊗ Ad. It
// copies the factors. New panics if there are no factors or a factor has a
// zero dimension.
func New(factors ...mat.Matrix) *Product {
	if len(factors) == 0 {
		panic("kron.New: no factors")
	}
	p := &Product{f: make([]factor, len(factors)), rows: 1, cols: 1}
	for i, a := range factors {
		m, n := a.Dims()
		if m == 0 || n == 0 {
			panic(fmt.Sprintf("kron.New: factor %d is %d×%d", i, m, n))
		}
		f := factor{m: m, n: n, a: make([]float64, m*n)}
		mat.NewDense(m, n, f.a).Copy(a)
		if f.small() {
			f.at = make([]float64, n*m)
			for r := 0; r < m; r++ {
				for c := 0; c < n; c++ {
					f.at[c*m+r] = f.a[r*n+c]
				}
			}
		}
		p.f[i] = f
		p.rows *= m
		p.cols *= n
	}
	p.order = modeOrder(p.f, false)
	p.orderT = modeOrder(p.f, true)
	return p
}

// modeOrder returns the order of the modes that minimises the flops of the
// mode products. Applying an m×n factor to a tensor of size S costs 2·S·m
// flops and leaves a tensor of size S·m/n; an exchange argument on adjacent
// modes shows that the cheapest order sorts by 1/n − 1/m, ascending (factors
// that shrink the tensor most, for their cost, first).
func modeOrder(fs []factor, trans bool) []int {
	order := make([]int, len(fs))
	key := make([]float64, len(fs))
	for i, f := range fs {
		order[i] = i
		m, n := f.m, f.n
		if trans {
			m, n = n, m
		}
		key[i] = 1/float64(n) - 1/float64(m)
	}
	slices.SortStableFunc(order, func(i, j int) int {
		switch {
		case key[i] < key[j]:
			return -1
		case key[i] > key[j]:
			return 1
		}
		return 0
	})
	return order
}

// Dims returns the dimensions of the product's matrix, Π mi × Π ni.
func (p *Product) Dims() (r, c int) { return p.rows, p.cols }

// Len returns the number of factors d.
func (p *Product) Len() int { return len(p.f) }

// Factor returns a copy of factor i.
func (p *Product) Factor(i int) *mat.Dense {
	f := &p.f[i]
	return mat.NewDense(f.m, f.n, slices.Clone(f.a))
}

// At returns element (i, j) of the product's matrix, the product of one
// element of each factor. It panics if (i, j) is out of range.
func (p *Product) At(i, j int) float64 {
	if uint(i) >= uint(p.rows) || uint(j) >= uint(p.cols) {
		panic(fmt.Sprintf("kron.(*Product).At: index (%d, %d) out of range for %d×%d", i, j, p.rows, p.cols))
	}
	v := 1.0
	for t := len(p.f) - 1; t >= 0; t-- {
		f := &p.f[t]
		v *= f.a[(i%f.m)*f.n+j%f.n]
		i /= f.m
		j /= f.n
	}
	return v
}

// T returns the transpose of the product's matrix, for use as a mat.Matrix.
func (p *Product) T() mat.Matrix { return mat.Transpose{Matrix: p} }

// String returns the product's shape, e.g. "3×3 ⊗ 4×2".
func (p *Product) String() string {
	s := make([]string, len(p.f))
	for i, f := range p.f {
		s[i] = fmt.Sprintf("%d×%d", f.m, f.n)
	}
	return strings.Join(s, " ⊗ ")
}

var _ mat.Matrix = (*Product)(nil)

// ApplyTo computes dst = (⊗Ai) x, or dst = (⊗Ai)ᵀ x when trans is true, for
// x with k right-hand sides stored row-major (cols×k, or rows×k when
// trans). It takes its scratch space from an internal pool, so steady-state
// calls do not allocate; ApplyWork takes an explicit Workspace. It panics
// if the lengths of dst and x do not match the product's dimensions.
func (p *Product) ApplyTo(dst, x []float64, k int, trans bool) {
	w := workPool.Get().(*Workspace)
	p.ApplyWork(dst, x, k, trans, w)
	workPool.Put(w)
}

// ApplyWork is ApplyTo with scratch space from w, which grows as needed and
// is reused by later calls; a zero Workspace is ready to use. A Workspace
// must not be used by two calls at the same time.
func (p *Product) ApplyWork(dst, x []float64, k int, trans bool, w *Workspace) {
	checkApply("kron.(*Product).ApplyTo", p.rows, p.cols, dst, x, k, trans)
	if k == 0 {
		return
	}
	d := len(p.f)
	order := p.order
	if trans {
		order = p.orderT
	}
	// cur holds the current length of every mode; the tensor is
	// cur[0]×…×cur[d-1]×k, last index fastest.
	var curBuf [16]int
	cur := curBuf[:0]
	size := k
	for i := range p.f {
		n := p.f[i].n
		if trans {
			n = p.f[i].m
		}
		cur = append(cur, n)
		size *= n
	}
	// The intermediate tensors ping-pong between two buffers of the
	// largest intermediate size; the last step writes dst.
	maxSize := 0
	s := size
	for _, i := range order[:d-1] {
		m, n := p.f[i].m, p.f[i].n
		if trans {
			m, n = n, m
		}
		s = s / n * m
		maxSize = max(maxSize, s)
	}
	w.a = grow(w.a, maxSize)
	w.b = grow(w.b, maxSize)
	in := x
	for step, i := range order {
		m, n := p.f[i].m, p.f[i].n
		if trans {
			m, n = n, m
		}
		L, R := 1, k
		for t := 0; t < i; t++ {
			L *= cur[t]
		}
		for t := i + 1; t < d; t++ {
			R *= cur[t]
		}
		var out []float64
		switch {
		case step == d-1:
			out = dst
		case step%2 == 0:
			out = w.a[:L*m*R]
		default:
			out = w.b[:L*m*R]
		}
		p.mode(i, trans, L, R, in, out)
		cur[i] = m
		in = out
	}
}

// mode applies factor i (transposed if trans) to the middle mode of the
// L×n×R tensor in, writing the L×m×R tensor out.
func (p *Product) mode(i int, trans bool, L, R int, in, out []float64) {
	f := &p.f[i]
	m, n := f.m, f.n
	if f.small() {
		a := f.a
		if trans {
			m, n, a = n, m, f.at
		}
		kernels.KronMode(m, n, a, n, L, R, in, out)
		return
	}
	// op(A) is m×n; the stored matrix is f.m×f.n with stride f.n either way.
	tA := blas.NoTrans
	if trans {
		m, n = n, m
		tA = blas.Trans
	}
	switch {
	case L == 1:
		// out (m×R) = op(A) · in (n×R).
		kernels.Dgemm(tA, blas.NoTrans, m, R, n, 1, f.a, f.n, in, R, 0, out, R)
	case R == 1:
		// out (L×m) = in (L×n) · op(A)ᵀ.
		kernels.Dgemm(blas.NoTrans, flip(tA), L, m, n, 1, in, n, f.a, f.n, 0, out, m)
	default:
		for l := 0; l < L; l++ {
			kernels.Dgemm(tA, blas.NoTrans, m, R, n, 1, f.a, f.n, in[l*n*R:(l+1)*n*R], R, 0, out[l*m*R:(l+1)*m*R], R)
		}
	}
}

func flip(t blas.Transpose) blas.Transpose {
	if t == blas.NoTrans {
		return blas.Trans
	}
	return blas.NoTrans
}

// MulVec computes dst = (⊗Ai) x, or (⊗Ai)ᵀ x when trans is true, for mat
// vectors. A zero-value dst is sized for the result; a wrong-sized one
// panics.
func (p *Product) MulVec(dst *mat.VecDense, trans bool, x mat.Vector) {
	r, c := p.rows, p.cols
	if trans {
		r, c = c, r
	}
	if x.Len() != c {
		panic(fmt.Sprintf("kron.(*Product).MulVec: x has length %d, want %d for %s (trans=%t)", x.Len(), c, p, trans))
	}
	if dst.IsEmpty() {
		dst.ReuseAsVec(r)
	} else if dst.Len() != r {
		panic(fmt.Sprintf("kron.(*Product).MulVec: dst has length %d, want %d for %s (trans=%t)", dst.Len(), r, p, trans))
	}
	xs := vecData(x)
	d := dst.RawVector()
	if d.Inc == 1 {
		p.ApplyTo(d.Data[:r], xs, 1, trans)
		return
	}
	tmp := make([]float64, r)
	p.ApplyTo(tmp, xs, 1, trans)
	for i, v := range tmp {
		dst.SetVec(i, v)
	}
}

// Mul computes dst = (⊗Ai) X, or (⊗Ai)ᵀ X when trans is true, for X with
// k columns. A zero-value dst is sized for the result; a wrong-sized one
// panics.
func (p *Product) Mul(dst *mat.Dense, trans bool, x mat.Matrix) {
	r, c := p.rows, p.cols
	if trans {
		r, c = c, r
	}
	xr, k := x.Dims()
	if xr != c {
		panic(fmt.Sprintf("kron.(*Product).Mul: x is %d×%d, want %d rows for %s (trans=%t)", xr, k, c, p, trans))
	}
	if dst.IsEmpty() {
		dst.ReuseAs(r, k)
	} else if dr, dc := dst.Dims(); dr != r || dc != k {
		panic(fmt.Sprintf("kron.(*Product).Mul: dst is %d×%d, want %d×%d for %s (trans=%t)", dr, dc, r, k, p, trans))
	}
	xs := denseData(x)
	raw := dst.RawMatrix()
	if raw.Stride == k {
		p.ApplyTo(raw.Data[:r*k], xs, k, trans)
		return
	}
	tmp := make([]float64, r*k)
	p.ApplyTo(tmp, xs, k, trans)
	dst.Copy(mat.NewDense(r, k, tmp))
}

// vecData returns the elements of x contiguously, without copying when x is
// a contiguous *mat.VecDense.
func vecData(x mat.Vector) []float64 {
	if v, ok := x.(*mat.VecDense); ok {
		if raw := v.RawVector(); raw.Inc == 1 {
			return raw.Data[:v.Len()]
		}
	}
	s := make([]float64, x.Len())
	for i := range s {
		s[i] = x.AtVec(i)
	}
	return s
}

// denseData returns the elements of x row-major and contiguous, without
// copying when x is a contiguous *mat.Dense.
func denseData(x mat.Matrix) []float64 {
	r, c := x.Dims()
	if d, ok := x.(*mat.Dense); ok {
		if raw := d.RawMatrix(); raw.Stride == c {
			return raw.Data[:r*c]
		}
	}
	s := make([]float64, r*c)
	mat.NewDense(r, c, s).Copy(x)
	return s
}
