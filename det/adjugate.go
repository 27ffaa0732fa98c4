package det

import (
	"math"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/lapack"
	"gonum.org/v1/gonum/lapack/lapack64"
)

// The SVD path for the cofactor matrix and its derivative. With
// A = U Σ Vᵀ and s = det(U)·det(V),
//
//	cof(A) = s · U diag(π) Vᵀ,  π_i = Π_{j≠i} σ_j,
//
// and, writing P = Uᵀ E V, the derivative in direction E is
//
//	D cof(A)[E] = s · U K Vᵀ,  K_ii = Σ_{k≠i} P_kk π_ik,  K_ij = −P_ji π_ij (i ≠ j),
//
// with π_ij = Π_{k≠i,j} σ_k. Neither formula divides by a singular value, so
// both hold at every matrix: at rank n−1 only π_n survives, at rank ≤ n−2
// the cofactor matrix is exactly zero, at rank ≤ n−3 so is its derivative.
// Singular values at or below n·ε·σ_max are zero to working precision and
// are set to exactly zero. The products are formed as xfloats and brought to
// a common exponent before the matrix products, so they do not overflow or
// underflow on the way.

// svdCof holds the SVD of A and the scratch its formulas use.
type svdCof struct {
	n     int
	u, vt []float64 // U and Vᵀ, row-major n×n
	s     []float64 // singular values, descending, tiny ones set to zero
	sign  float64   // det(U)·det(V)
	pre   []xfloat  // pre[i] = Π_{k<i} σ_k
	suf   []xfloat  // suf[i] = Π_{k>i} σ_k
	work  []float64
	ipiv  []int
	query [1]float64
}

// factorize computes the SVD of the row-major n×n matrix a, which it
// overwrites, using tmp (n×n) as scratch. It reports whether the SVD
// converged.
func (c *svdCof) factorize(a []float64, n int, tmp []float64) bool {
	c.n = n
	c.u = grow(c.u, n*n)
	c.vt = grow(c.vt, n*n)
	c.s = grow(c.s, n)
	c.ipiv = growInt(c.ipiv, n)
	lapack64.Gesvd(lapack.SVDAll, lapack.SVDAll, general(n, a), general(n, c.u), general(n, c.vt), c.s, c.query[:], -1)
	c.work = grow(c.work, int(c.query[0]))
	if !lapack64.Gesvd(lapack.SVDAll, lapack.SVDAll, general(n, a), general(n, c.u), general(n, c.vt), c.s, c.work, len(c.work)) {
		return false
	}
	tol := float64(n) * eps * c.s[0]
	for i, v := range c.s {
		if v <= tol {
			c.s[i] = 0
		}
	}
	c.sign = orthSign(c.u, n, tmp, c.ipiv) * orthSign(c.vt, n, tmp, c.ipiv)
	c.pre = growX(c.pre, n)
	c.suf = growX(c.suf, n)
	p := xf(1)
	for i := 0; i < n; i++ {
		c.pre[i] = p
		p = p.mul(xf(c.s[i]))
	}
	p = xf(1)
	for i := n - 1; i >= 0; i-- {
		c.suf[i] = p
		p = p.mul(xf(c.s[i]))
	}
	return true
}

// orthSign returns det(q) = ±1 for the orthogonal row-major n×n matrix q,
// from an LU factorization of a copy in tmp.
func orthSign(q []float64, n int, tmp []float64, ipiv []int) float64 {
	copy(tmp, q[:n*n])
	lapack64.Getrf(general(n, tmp), ipiv)
	s := 1.0
	for i := 0; i < n; i++ {
		if ipiv[i] != i {
			s = -s
		}
		if tmp[i*n+i] < 0 {
			s = -s
		}
	}
	return s
}

// zeros returns the number of zero singular values.
func (c *svdCof) zeros() int {
	z := 0
	for _, v := range c.s {
		if v == 0 {
			z++
		}
	}
	return z
}

// cof writes cof(A) into dst, using tmp (n×n) as scratch.
func (c *svdCof) cof(dst blas64.General, tmp []float64) {
	n := c.n
	zero(dst, n)
	if c.zeros() >= 2 {
		return
	}
	// π_i in a common scale 2^emax.
	emax := math.MinInt
	for i := 0; i < n; i++ {
		if p := c.pre[i].mul(c.suf[i]); p.m != 0 {
			emax = max(emax, p.e)
		}
	}
	for k := 0; k < n; k++ {
		pk := c.pre[k].mul(c.suf[k]).scaleTo(emax)
		for i := 0; i < n; i++ {
			tmp[i*n+k] = c.u[i*n+k] * pk
		}
	}
	gemm(blas.NoTrans, blas.NoTrans, c.sign, general(n, tmp), general(n, c.vt), dst)
	for i := 0; i < n; i++ {
		scaleBy(dst.Data[i*dst.Stride:i*dst.Stride+n], emax)
	}
}

// pi2 calls fn(i, j, π_ij) for every i < j.
func (c *svdCof) pi2(fn func(i, j int, p xfloat)) {
	n := c.n
	for i := 0; i < n; i++ {
		mid := xf(1)
		for j := i + 1; j < n; j++ {
			fn(i, j, c.pre[i].mul(mid).mul(c.suf[j]))
			mid = mid.mul(xf(c.s[j]))
		}
	}
}

// cofDeriv writes D cof(A)[E] into dst, using t1 and t2 (n×n) as scratch.
// E is read before dst is written, so the two may share storage.
func (c *svdCof) cofDeriv(dst, e blas64.General, t1, t2 []float64) {
	n := c.n
	if c.zeros() >= 3 || n < 2 {
		zero(dst, n)
		return
	}
	u, vt := general(n, c.u), general(n, c.vt)
	// P = Uᵀ E V into t2.
	gemm(blas.Trans, blas.NoTrans, 1, u, e, general(n, t1))
	gemm(blas.NoTrans, blas.Trans, 1, general(n, t1), vt, general(n, t2))
	emax := math.MinInt
	c.pi2(func(i, j int, p xfloat) {
		if p.m != 0 {
			emax = max(emax, p.e)
		}
	})
	if emax == math.MinInt {
		zero(dst, n)
		return
	}
	// K into t1.
	for i := range t1[:n*n] {
		t1[i] = 0
	}
	c.pi2(func(i, j int, p xfloat) {
		q := p.scaleTo(emax)
		t1[i*n+i] += t2[j*n+j] * q
		t1[j*n+j] += t2[i*n+i] * q
		t1[i*n+j] = -t2[j*n+i] * q
		t1[j*n+i] = -t2[i*n+j] * q
	})
	// s · U K Vᵀ.
	gemm(blas.NoTrans, blas.NoTrans, 1, u, general(n, t1), general(n, t2))
	gemm(blas.NoTrans, blas.NoTrans, c.sign, general(n, t2), vt, dst)
	for i := 0; i < n; i++ {
		scaleBy(dst.Data[i*dst.Stride:i*dst.Stride+n], emax)
	}
}

// zero sets the n×n matrix g to zero.
func zero(g blas64.General, n int) {
	for i := 0; i < n; i++ {
		clear(g.Data[i*g.Stride : i*g.Stride+n])
	}
}

func growX(buf []xfloat, n int) []xfloat {
	if cap(buf) < n {
		return make([]xfloat, n)
	}
	return buf[:n]
}

// eps is the machine epsilon of float64, the gap between 1 and the next float64.
const eps = 0x1p-52
