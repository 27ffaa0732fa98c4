package det

import (
	"math"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/lapack"
	"gonum.org/v1/gonum/lapack/lapack64"
)

// The stable path for the cofactor matrix and its derivative. Take any
// factorization A = X D Y with D = diag(d) and X, Y invertible and well
// conditioned. cof is multiplicative and cof(M) = det(M)·M⁻ᵀ for invertible
// M, so with s = det(X)·det(Y)
//
//	cof(A) = s · X⁻ᵀ diag(π) Y⁻ᵀ,  π_i = Π_{j≠i} d_j,
//
// and, writing P = X⁻¹ E Y⁻¹, the derivative in direction E is
//
//	D cof(A)[E] = s · X⁻ᵀ K Y⁻ᵀ,  K_ii = Σ_{k≠i} P_kk π_ik,  K_ij = −P_ji π_ij (i ≠ j),
//
// with π_ij = Π_{k≠i,j} d_k. Neither formula divides by a d_i, so both hold
// at every matrix: at rank n−1 only π_n survives, at rank ≤ n−2 the
// cofactor matrix is exactly zero, at rank ≤ n−3 so is its derivative.
//
// Two factorizations serve. The default is QR with column pivoting,
// A P = Q R, R = D U₁ with U₁ unit upper triangular: X = Q, Y = U₁Pᵀ,
// X⁻ᵀ = Q, Y⁻ᵀ = U₁⁻ᵀPᵀ. Column pivoting keeps |R_ij| ≤ |R_ii| (so |U₁| ≤ 1)
// and pushes the small pivots to the end; with the rest of the path it
// costs about ten LU factorizations. When U₁⁻¹ nevertheless grows (QR with
// column pivoting can fail to reveal rank, as on Kahan's matrix), the SVD
// A = U Σ Vᵀ takes over: X = U, Y = Vᵀ, X⁻ᵀ = U, Y⁻ᵀ = Vᵀ, at the price of 80 to 150 LU
// factorizations with gonum's LAPACK.
//
// d_i at or below n·ε·max|d| are zero to working precision and are set to
// exactly zero (for QR the trailing block of R with them; both are
// backward perturbations of A of that size). The products π are formed as
// xfloats and brought to a common exponent before the matrix products, so
// they do not overflow or underflow on the way.

// twoSided holds A = X D Y as X⁻ᵀ, d and Y⁻ᵀ, and the scratch the formulas
// use.
type twoSided struct {
	n     int
	x, y  []float64 // X⁻ᵀ and Y⁻ᵀ, row-major n×n
	d     []float64 // the diagonal of D, tiny entries set to zero
	sign  float64   // det(X)·det(Y)
	pre   []xfloat  // pre[i] = Π_{k<i} d_k
	suf   []xfloat  // suf[i] = Π_{k>i} d_k
	tau   []float64
	jpvt  []int
	ipiv  []int
	work  []float64
	query [1]float64
}

// growthLimit bounds the entries of U₁⁻¹ in the QR path; above it the SVD
// takes over. Unit upper triangular U₁ with |U₁| ≤ 1 can have U₁⁻¹ as large
// as 2^(n−2), but in practice its entries stay below 2 (the largest in this
// package's tests is 1.75). A variable so that tests can force the
// fallback.
var growthLimit = 1e3

func (c *twoSided) reserve(n int) {
	c.n = n
	c.x = grow(c.x, n*n)
	c.y = grow(c.y, n*n)
	c.d = grow(c.d, n)
	c.ipiv = growInt(c.ipiv, n)
}

// factorizeQR computes the QR path's factorization of the row-major n×n
// matrix a, which it overwrites, using tmp (n×n) as scratch. It reports
// false when U₁⁻¹ grows beyond growthLimit.
func (c *twoSided) factorizeQR(a []float64, n int, tmp []float64) bool {
	c.reserve(n)
	c.tau = grow(c.tau, n)
	c.jpvt = growInt(c.jpvt, n)
	for i := range c.jpvt {
		c.jpvt[i] = -1
	}
	ga := general(n, a)
	lapack64.Geqp3(ga, c.jpvt, c.tau, c.query[:], -1)
	lw := int(c.query[0])
	lapack64.Orgqr(ga, c.tau, c.query[:], -1)
	c.work = grow(c.work, max(lw, int(c.query[0]), len(c.work)))
	lapack64.Geqp3(ga, c.jpvt, c.tau, c.work, len(c.work))

	// D and U₁ = D⁻¹R (rows of zero d_i are zero off the diagonal).
	var dmax float64
	for i := 0; i < n; i++ {
		dmax = max(dmax, math.Abs(a[i*n+i]))
	}
	tol := float64(n) * eps * dmax
	k := n // first index of the truncated block
	for i := 0; i < n; i++ {
		if math.Abs(a[i*n+i]) <= tol {
			k = i
			break
		}
	}
	clear(tmp[:n*n])
	for i := 0; i < n; i++ {
		tmp[i*n+i] = 1
		if i >= k {
			c.d[i] = 0
			continue
		}
		di := a[i*n+i]
		c.d[i] = di
		for j := i + 1; j < n; j++ {
			tmp[i*n+j] = a[i*n+j] / di
		}
	}
	// W = U₁⁻¹ in place.
	lapack64.Trtri(blas64.Triangular{Uplo: blas.Upper, Diag: blas.Unit, N: n, Stride: max(n, 1), Data: tmp})
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			if math.Abs(tmp[i*n+j]) > growthLimit {
				return false
			}
		}
	}
	// Y⁻ᵀ = Wᵀ Pᵀ: column jpvt[k] of Y⁻ᵀ is row k of W.
	for kk := 0; kk < n; kk++ {
		col := c.jpvt[kk]
		for i := 0; i < n; i++ {
			c.y[i*n+col] = tmp[kk*n+i]
		}
	}
	// X⁻ᵀ = Q, a product of reflectors, each of determinant −1 unless
	// its τ is 0 (the identity).
	lapack64.Orgqr(ga, c.tau, c.work, len(c.work))
	copy(c.x, a[:n*n])
	sign := 1.0
	for _, t := range c.tau {
		if t != 0 {
			sign = -sign
		}
	}
	c.sign = sign * permSign(c.jpvt, c.ipiv)
	c.products()
	return true
}

// permSign returns the sign of the permutation p, using seen (len(p)) as
// scratch.
func permSign(p []int, seen []int) float64 {
	for i := range seen {
		seen[i] = 0
	}
	s := 1.0
	for i := range p {
		if seen[i] != 0 {
			continue
		}
		l := 0
		for j := i; seen[j] == 0; j = p[j] {
			seen[j] = 1
			l++
		}
		if l%2 == 0 {
			s = -s
		}
	}
	return s
}

// factorizeSVD computes the SVD path's factorization of the row-major n×n
// matrix a, which it overwrites, using tmp (n×n) as scratch. It reports
// whether the SVD converged.
func (c *twoSided) factorizeSVD(a []float64, n int, tmp []float64) bool {
	c.reserve(n)
	ga := general(n, a)
	lapack64.Gesvd(lapack.SVDAll, lapack.SVDAll, ga, general(n, c.x), general(n, c.y), c.d, c.query[:], -1)
	c.work = grow(c.work, max(int(c.query[0]), len(c.work)))
	if !lapack64.Gesvd(lapack.SVDAll, lapack.SVDAll, ga, general(n, c.x), general(n, c.y), c.d, c.work, len(c.work)) {
		return false
	}
	tol := float64(n) * eps * c.d[0]
	for i, v := range c.d {
		if v <= tol {
			c.d[i] = 0
		}
	}
	c.sign = orthSign(c.x, n, tmp, c.ipiv) * orthSign(c.y, n, tmp, c.ipiv)
	c.products()
	return true
}

// products fills pre and suf from d.
func (c *twoSided) products() {
	n := c.n
	c.pre = growX(c.pre, n)
	c.suf = growX(c.suf, n)
	p := xf(1)
	for i := 0; i < n; i++ {
		c.pre[i] = p
		p = p.mul(xf(c.d[i]))
	}
	p = xf(1)
	for i := n - 1; i >= 0; i-- {
		c.suf[i] = p
		p = p.mul(xf(c.d[i]))
	}
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

// zeros returns the number of zero entries of d.
func (c *twoSided) zeros() int {
	z := 0
	for _, v := range c.d {
		if v == 0 {
			z++
		}
	}
	return z
}

// cof writes cof(A) into dst, using tmp (n×n) as scratch.
func (c *twoSided) cof(dst blas64.General, tmp []float64) {
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
			tmp[i*n+k] = c.x[i*n+k] * pk
		}
	}
	gemm(blas.NoTrans, blas.NoTrans, c.sign, general(n, tmp), general(n, c.y), dst)
	for i := 0; i < n; i++ {
		scaleBy(dst.Data[i*dst.Stride:i*dst.Stride+n], emax)
	}
}

// pi2 calls fn(i, j, π_ij) for every i < j.
func (c *twoSided) pi2(fn func(i, j int, p xfloat)) {
	n := c.n
	for i := 0; i < n; i++ {
		mid := xf(1)
		for j := i + 1; j < n; j++ {
			fn(i, j, c.pre[i].mul(mid).mul(c.suf[j]))
			mid = mid.mul(xf(c.d[j]))
		}
	}
}

// cofDeriv writes D cof(A)[E] into dst, using t1 and t2 (n×n) as scratch.
// E is read before dst is written, so the two may share storage.
func (c *twoSided) cofDeriv(dst, e blas64.General, t1, t2 []float64) {
	n := c.n
	if c.zeros() >= 3 || n < 2 {
		zero(dst, n)
		return
	}
	x, y := general(n, c.x), general(n, c.y)
	// P = X⁻¹ E Y⁻¹ = (X⁻ᵀ)ᵀ E (Y⁻ᵀ)ᵀ into t2.
	gemm(blas.Trans, blas.NoTrans, 1, x, e, general(n, t1))
	gemm(blas.NoTrans, blas.Trans, 1, general(n, t1), y, general(n, t2))
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
	// s · X⁻ᵀ K Y⁻ᵀ.
	gemm(blas.NoTrans, blas.NoTrans, 1, x, general(n, t1), general(n, t2))
	gemm(blas.NoTrans, blas.NoTrans, c.sign, general(n, t2), y, dst)
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
