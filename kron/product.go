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
// if the lengths of dst and x do not match the product's dimensions. dst and
// x must not overlap.
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
	order := p.order
	if trans {
		order = p.orderT
	}
	// in[i] and out[i] are the lengths of mode i before and after its
	// factor is applied.
	var inBuf, outBuf [16]int
	in, out := inBuf[:0], outBuf[:0]
	for i := range p.f {
		m, n := p.f[i].m, p.f[i].n
		if trans {
			m, n = n, m
		}
		in, out = append(in, n), append(out, m)
	}
	if s, c, ok := p.blocking(in, out, k); ok {
		p.applyBlocked(dst, x, k, trans, w, order, in, out, s, c)
		return
	}
	d := len(p.f)
	size := scratchSize(order, 0, d, in, out, k)
	w.a = grow(w.a, size)
	w.b = grow(w.b, size)
	p.run(order, 0, d, trans, in, out, k, x, dst, w.a, w.b)
}

// scratchSize returns the largest intermediate tensor, in values, of
// applying the modes in order to the tensor whose modes first … last−1 have
// lengths in[first:last] (times k trailing values), not counting the result.
func scratchSize(order []int, first, last int, in, out []int, k int) int {
	size := k
	for _, n := range in[first:last] {
		size *= n
	}
	largest := 0
	for _, i := range order[:len(order)-1] {
		size = size / in[i] * out[i]
		largest = max(largest, size)
	}
	return largest
}

// run applies the modes in order (global factor indices in [first, last))
// to the contiguous tensor src whose modes first … last−1 have lengths
// in[first:last], times k trailing values, and writes the result to dst.
// The intermediate tensors ping-pong between a and b.
func (p *Product) run(order []int, first, last int, trans bool, in, out []int, k int, src, dst, a, b []float64) {
	var curBuf [16]int
	cur := append(curBuf[:0], in[first:last]...)
	for step, i := range order {
		L, R := 1, k
		for t := first; t < i; t++ {
			L *= cur[t-first]
		}
		for t := i + 1; t < first+len(cur); t++ {
			R *= cur[t-first]
		}
		m := out[i]
		var o []float64
		switch {
		case step == len(order)-1:
			o = dst
		case step%2 == 0:
			o = a[:L*m*R]
		default:
			o = b[:L*m*R]
		}
		p.mode(i, trans, L, R, src, o)
		cur[i-first] = m
		src = o
	}
}

// Cache blocking. When every factor is small and the tensor is larger than
// the caches, applying one mode at a time streams the whole tensor through
// memory d times. Instead, the trailing modes s…d−1 are applied to one
// contiguous block of at most blockValues values at a time (phase A), and
// the leading modes 0…s−1 to one gathered panel of c columns at a time
// (phase B): two passes over memory whatever d is.
// (Variables, not constants, so that the tests can shrink them.)
var (
	// blockValues bounds a block of phase A and a panel of phase B: 16 Ki
	// values (128 KiB) and its scratch copies stay in L2.
	blockValues = 1 << 14
	// blockedMin is the smallest tensor, in values, that takes the blocked
	// path: one whose input and output together outgrow the last-level
	// cache (8 MiB where its size is unknown). Smaller ones stay in cache
	// anyway, and there one mode at a time is 5 to 20% faster than the
	// gathers and scatters of the blocked path.
	blockedMin = max(kernels.CPUInfo().L3, 8<<20) / 16
)

// blocking decides whether to apply the product by cache blocking and
// returns the split s and panel width c.
func (p *Product) blocking(in, out []int, k int) (s, c int, ok bool) {
	d := len(p.f)
	if d < 3 {
		return 0, 0, false
	}
	nIn, nOut := k, k
	for i := range p.f {
		if !p.f[i].small() {
			return 0, 0, false
		}
		nIn *= in[i]
		nOut *= out[i]
	}
	if max(nIn, nOut) < blockedMin {
		return 0, 0, false
	}
	// The smallest s ≥ 1 whose trailing block fits.
	t := k
	s = d
	for s > 1 && t*max(in[s-1], out[s-1]) <= blockValues {
		s--
		t *= max(in[s], out[s])
	}
	if s == d {
		return 0, 0, false // even the last mode's block is too large
	}
	lead := 1
	for i := 0; i < s; i++ {
		lead *= max(in[i], out[i])
	}
	c = max(4, blockValues/lead) &^ 3
	return s, c, true
}

// applyBlocked applies the product with the cache blocking described above:
// phase A writes the trailing modes' result into w.a, phase B gathers
// panels of it, applies the leading modes and scatters the panels into dst.
func (p *Product) applyBlocked(dst, x []float64, k int, trans bool, w *Workspace, order, in, out []int, s, c int) {
	d := len(p.f)
	var leadBuf, trailBuf [16]int
	lead, trail := leadBuf[:0], trailBuf[:0]
	for _, i := range order {
		if i < s {
			lead = append(lead, i)
		} else {
			trail = append(trail, i)
		}
	}
	pIn, pOut, tIn, tOut := 1, 1, k, k
	for i := 0; i < s; i++ {
		pIn *= in[i]
		pOut *= out[i]
	}
	for i := s; i < d; i++ {
		tIn *= in[i]
		tOut *= out[i]
	}
	// Phase A: every contiguous block of tIn values, one per leading
	// index, through the trailing modes into mid.
	sizeA := scratchSize(trail, s, d, in, out, k)
	mid := grow(w.a, pIn*tOut)
	w.a = mid
	w.b = grow(w.b, sizeA)
	w.c = grow(w.c, sizeA)
	for q := 0; q < pIn; q++ {
		p.run(trail, s, d, trans, in, out, k, x[q*tIn:(q+1)*tIn], mid[q*tOut:(q+1)*tOut], w.b, w.c)
	}
	// Phase B: panels of c columns of the pIn×tOut matrix mid, gathered,
	// through the leading modes and scattered into the pOut×tOut dst.
	for c0 := 0; c0 < tOut; c0 += c {
		cw := min(c, tOut-c0)
		sizeB := scratchSize(lead, 0, s, in, out, cw)
		gIn, gOut := pIn*cw, pOut*cw
		w.b = grow(w.b, gIn)
		w.c = grow(w.c, sizeB)
		w.d = grow(w.d, gOut)
		g := w.b[:gIn]
		for q := 0; q < pIn; q++ {
			copy(g[q*cw:(q+1)*cw], mid[q*tOut+c0:q*tOut+c0+cw])
		}
		// The gathered input g is in w.b, the result goes to w.d, and
		// run ping-pongs between w.c and w.e.
		w.e = grow(w.e, sizeB)
		res := w.d[:gOut]
		p.run(lead, 0, s, trans, in, out, cw, g, res, w.c, w.e)
		for q := 0; q < pOut; q++ {
			copy(dst[q*tOut+c0:q*tOut+c0+cw], res[q*cw:(q+1)*cw])
		}
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
// panics. dst must not share memory with x.
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
// panics. dst must not share memory with x.
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
