package det

import (
	"math"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/lapack"
	"gonum.org/v1/gonum/lapack/lapack64"
	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc"
)

// Cholesky is a Cholesky factorization A = UᵀU of a symmetric positive
// definite matrix, cached for log det A and its derivatives: the gradient
// A⁻¹, the JVP tr(A⁻¹dA) and the HVP −A⁻¹dA A⁻¹.
//
// Tangents dA may be any n×n mat.Matrix; log det is differentiated as a
// function on symmetric matrices, so only sym(dA) = (dA + dAᵀ)/2 counts, and
// gradients and HVPs come back symmetric, in a *mat.SymDense.
//
// For n ≤ 4 the storage is inside the Cholesky value, so that Factorize and
// the derivatives allocate nothing (given a right-sized dst); larger orders
// reuse the receiver's buffers. The zero value is ready for Factorize; a
// Cholesky is not safe for concurrent use.
type Cholesky struct {
	n      int
	ok     bool
	u      []float64 // U in the upper triangle, row-major
	logDet float64
	anorm  float64 // ‖A‖₁
	cond   float64 // κ₁(A), valid when invDone

	inv     []float64 // A⁻¹, full, row-major, valid when invDone
	invDone bool
	invOK   bool // A⁻¹ is finite

	t1, t2 []float64
	work   []float64

	arr struct {
		u, inv, t1, t2 [smallN * smallN]float64
		work           [smallN]float64
	}
}

func (c *Cholesky) reserve(n int) {
	c.n = n
	k := n * n
	if n <= smallN {
		c.u, c.inv, c.t1, c.t2 = c.arr.u[:k], c.arr.inv[:k], c.arr.t1[:k], c.arr.t2[:k]
		c.work = c.arr.work[:n]
		return
	}
	c.u = grow(c.u, k)
	c.work = grow(c.work, n)
}

// Factorize computes the Cholesky factorization of the symmetric matrix a,
// read from its upper triangle.
//
// If a holds a NaN or an Inf, Factorize returns a *matcalc.Error matching
// matcalc.ErrNaN; if a is not positive definite, one matching
// matcalc.ErrDomain (log det is defined here on the positive definite
// cone; use LU for any other matrix). After an error the receiver holds no
// factorization.
func (c *Cholesky) Factorize(a mat.Symmetric) error {
	const op = "det.(*Cholesky).Factorize"
	n := a.SymmetricDim()
	c.ok, c.invDone = false, false
	c.reserve(n)
	if rs, ok := a.(mat.RawSymmetricer); ok && rs.RawSymmetric().Uplo == blas.Upper {
		raw := rs.RawSymmetric()
		for i := 0; i < n; i++ {
			copy(c.u[i*n+i:(i+1)*n], raw.Data[i*raw.Stride+i:i*raw.Stride+n])
		}
	} else {
		for i := 0; i < n; i++ {
			for j := i; j < n; j++ {
				c.u[i*n+j] = a.At(i, j)
			}
		}
	}
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			if v := c.u[i*n+j]; math.IsNaN(v) || math.IsInf(v, 0) {
				return nanError(op, i, j, v)
			}
		}
	}
	s := blas64.Symmetric{Uplo: blas.Upper, N: n, Stride: max(n, 1), Data: c.u}
	c.anorm = lapack64.Lansy(lapack.MaxColumnSum, s, c.work)
	if _, ok := lapack64.Potrf(s); !ok {
		return &matcalc.Error{Op: op, Err: matcalc.ErrDomain, Detail: "matrix is not positive definite"}
	}
	var ld float64
	for i := 0; i < n; i++ {
		ld += math.Log(c.u[i*n+i])
	}
	c.logDet = 2 * ld
	c.ok = true
	return nil
}

func (c *Cholesky) mustFactorized(op string) {
	if !c.ok {
		panic(op + ": receiver holds no factorization")
	}
}

// Size returns the order n of the factorized matrix.
func (c *Cholesky) Size() int { return c.n }

// Cond returns the 1-norm condition number κ₁(A) = ‖A‖₁‖A⁻¹‖₁, exact,
// from A⁻¹, which Cond computes if no derivative has yet.
func (c *Cholesky) Cond() float64 {
	c.mustFactorized("det.(*Cholesky).Cond")
	c.ensureInv()
	return c.cond
}

// LogDet returns log det A = 2 Σ log U_ii, finite for every positive
// definite A (no product of pivots is formed).
func (c *Cholesky) LogDet() float64 {
	c.mustFactorized("det.(*Cholesky).LogDet")
	return c.logDet
}

// Det returns det A = exp(LogDet()), which over- or underflows when det A is
// outside the range of float64.
func (c *Cholesky) Det() float64 {
	c.mustFactorized("det.(*Cholesky).Det")
	return math.Exp(c.logDet)
}

// ensureInv computes the full A⁻¹ once.
func (c *Cholesky) ensureInv() {
	if c.invDone {
		return
	}
	n := c.n
	c.inv = grow(c.inv, n*n)
	copy(c.inv, c.u)
	t := blas64.Triangular{Uplo: blas.Upper, Diag: blas.NonUnit, N: n, Stride: max(n, 1), Data: c.inv}
	lapack64.Potri(t) // cannot fail: the diagonal of U is positive
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			c.inv[j*n+i] = c.inv[i*n+j]
		}
	}
	c.invOK = true
	for _, v := range c.inv {
		if math.IsInf(v, 0) || math.IsNaN(v) {
			c.invOK = false
			break
		}
	}
	c.cond = c.anorm * norm1(c.inv, n)
	if n == 0 {
		c.cond = 1
	}
	if !c.invOK {
		c.cond = math.Inf(1)
	}
	c.invDone = true
}

// condError returns a *matcalc.ConditionError when A is singular to working
// precision (condition number at or above 1/ε), else nil. A⁻¹ must have been
// computed; when it overflowed (Cond = +Inf) the callers write nothing.
func (c *Cholesky) condError(op string) error {
	if c.cond >= singularCond {
		return &matcalc.ConditionError{Op: op, Cond: c.cond, Singular: true}
	}
	return nil
}

// LogGrad writes into dst the gradient of log det A, A⁻¹. An empty dst is
// sized to n×n; LogGrad panics if dst is another size. When A is singular to
// working precision (Cond() ≥ 1/ε) LogGrad writes the computed A⁻¹ and
// returns a *matcalc.ConditionError matching matcalc.ErrSingular; if A⁻¹
// overflows, it writes nothing and the error has Cond = +Inf.
func (c *Cholesky) LogGrad(dst *mat.SymDense) error {
	return c.logVJP("det.(*Cholesky).LogGrad", dst, 1)
}

// LogVJP writes into dst the pullback of the cotangent ȳ of log det A,
// ȳ·A⁻¹. Errors are those of LogGrad.
func (c *Cholesky) LogVJP(dst *mat.SymDense, yBar float64) error {
	return c.logVJP("det.(*Cholesky).LogVJP", dst, yBar)
}

func (c *Cholesky) logVJP(op string, dst *mat.SymDense, yBar float64) error {
	c.mustFactorized(op)
	d := useSymDst(op, dst, c.n)
	c.ensureInv()
	if !c.invOK {
		return c.condError(op)
	}
	n := c.n
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			d.Data[i*d.Stride+j] = yBar*c.inv[i*n+j] + 0 // + 0 turns −0 into 0
		}
	}
	return c.condError(op)
}

// LogJVP returns the derivative of log det A in the direction dA,
// tr(A⁻¹dA) = <A⁻¹, sym(dA)>. LogJVP panics if dA is not n×n. Errors are
// those of LogGrad.
func (c *Cholesky) LogJVP(dA mat.Matrix) (float64, error) {
	const op = "det.(*Cholesky).LogJVP"
	c.mustFactorized(op)
	n := c.n
	c.t1 = grow(c.t1, n*n)
	e := readTangent(op, "dA", dA, n, c.t1)
	c.ensureInv()
	if !c.invOK {
		return 0, c.condError(op)
	}
	return inner(n, general(n, c.inv), e), c.condError(op)
}

// LogHVP writes into dst the Hessian of log det A applied to dA, the
// derivative of A⁻¹ in the direction sym(dA): −A⁻¹ sym(dA) A⁻¹. LogHVP
// panics if dst or dA is not n×n. Errors are those of LogGrad.
func (c *Cholesky) LogHVP(dst *mat.SymDense, dA mat.Matrix) error {
	const op = "det.(*Cholesky).LogHVP"
	c.mustFactorized(op)
	n := c.n
	c.t1, c.t2 = grow(c.t1, n*n), grow(c.t2, n*n)
	e := readTangent(op, "dA", dA, n, c.t2)
	// S = sym(dA) into t1.
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			c.t1[i*n+j] = 0.5 * (e.Data[i*e.Stride+j] + e.Data[j*e.Stride+i])
		}
	}
	d := useSymDst(op, dst, n)
	if n == 0 {
		return nil
	}
	c.ensureInv()
	if !c.invOK {
		return c.condError(op)
	}
	x := general(n, c.inv)
	if n <= smallN {
		mulSmall(c.t2, c.inv, general(n, c.t1), n)
		mulSmall(c.t1, c.t2, x, n)
	} else {
		gemm(blas.NoTrans, blas.NoTrans, 1, x, general(n, c.t1), general(n, c.t2))
		gemm(blas.NoTrans, blas.NoTrans, 1, general(n, c.t2), x, general(n, c.t1))
	}
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			d.Data[i*d.Stride+j] = -0.5 * (c.t1[i*n+j] + c.t1[j*n+i])
		}
	}
	return c.condError(op)
}
