package dual

import (
	"fmt"
	"math"

	"github.com/matcalc/matcalc"
)

// LU is the LU factorization with partial pivoting of a square dual matrix,
// P·A = L·U, run entry by entry in dual arithmetic so that L and U carry
// their derivatives. Pivots are chosen on the real parts.
type LU struct {
	n    int
	lu   *Matrix // L below the diagonal (unit diagonal implied), U on and above
	piv  []int   // row i of P·A is row piv[i] of A
	sign float64 // det P
}

// Factorize computes the LU factorization of the square a. It returns an
// error matching matcalc.ErrNaN for NaN or Inf in a, or matching
// matcalc.ErrSingular when a column has no nonzero real pivot; the
// factorization is then unusable.
func (f *LU) Factorize(a *Matrix) error {
	const op = "dual.(*LU).Factorize"
	if a.rows != a.cols {
		panic(fmt.Sprintf("%s: a is %d×%d, want square", op, a.rows, a.cols))
	}
	n, kd := a.rows, len(a.eps)
	f.n = n
	f.lu = new(Matrix)
	f.lu.CloneFrom(a)
	f.piv = make([]int, n)
	f.sign = 1
	for i := range f.piv {
		f.piv[i] = i
	}
	for _, s := range append([][]float64{a.re}, a.eps...) {
		for _, v := range s {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				f.n = 0
				return &matcalc.Error{Op: op, Err: matcalc.ErrNaN}
			}
		}
	}
	re, ep := f.lu.re, f.lu.eps
	for j := 0; j < n; j++ {
		p := j
		for i := j + 1; i < n; i++ {
			if math.Abs(re[i*n+j]) > math.Abs(re[p*n+j]) {
				p = i
			}
		}
		if re[p*n+j] == 0 {
			f.n = 0
			return &matcalc.ConditionError{Op: op, Cond: math.Inf(1), Singular: true}
		}
		if p != j {
			f.piv[p], f.piv[j] = f.piv[j], f.piv[p]
			f.sign = -f.sign
			for _, s := range append([][]float64{re}, ep...) {
				for c := 0; c < n; c++ {
					s[p*n+c], s[j*n+c] = s[j*n+c], s[p*n+c]
				}
			}
		}
		u := re[j*n+j]
		for i := j + 1; i < n; i++ {
			// l = a_ij / u_jj in dual arithmetic.
			l := re[i*n+j] / u
			re[i*n+j] = l
			for d := 0; d < kd; d++ {
				ep[d][i*n+j] = (ep[d][i*n+j] - l*ep[d][j*n+j]) / u
			}
			// a_ic −= l·u_jc for c > j.
			for c := j + 1; c < n; c++ {
				ujc := re[j*n+c]
				re[i*n+c] -= l * ujc
				for d := 0; d < kd; d++ {
					ep[d][i*n+c] -= ep[d][i*n+j]*ujc + l*ep[d][j*n+c]
				}
			}
		}
	}
	return nil
}

func (f *LU) valid(fn string) {
	if f.n == 0 || f.lu == nil {
		panic("dual.(*LU)." + fn + ": no valid factorization")
	}
}

// Det returns the determinant, the signed product of the pivots.
func (f *LU) Det() Number {
	f.valid("Det")
	d := New(f.sign, make([]float64, len(f.lu.eps))...)
	for j := 0; j < f.n; j++ {
		d = d.Mul(f.lu.At(j, j))
	}
	return d
}

// LogDet returns log|det A| as a dual number and the sign of det A, which
// has zero derivative.
func (f *LU) LogDet() (logAbs Number, sign float64) {
	f.valid("LogDet")
	l := New(0, make([]float64, len(f.lu.eps))...)
	sign = f.sign
	for j := 0; j < f.n; j++ {
		u := f.lu.At(j, j)
		if u.Re < 0 {
			sign = -sign
		}
		l = l.Add(u.Abs().Log())
	}
	return l, sign
}

// SolveTo sets dst to the solution X of A·X = b by forward and back
// substitution in dual arithmetic. b may have its own directions (then as
// many as A) or none. It panics if b does not have n rows.
func (f *LU) SolveTo(dst, b *Matrix) {
	f.valid("SolveTo")
	n := f.n
	if b.rows != n {
		panic(fmt.Sprintf("dual.(*LU).SolveTo: A is %d×%d, b is %d×%d", n, n, b.rows, b.cols))
	}
	kd := resultDirections("dual.(*LU).SolveTo", f.lu, b)
	m := b.cols
	x := newMatrix(n, m, kd)
	// x = P·b.
	for i := 0; i < n; i++ {
		copy(x.re[i*m:(i+1)*m], b.re[f.piv[i]*m:(f.piv[i]+1)*m])
		for d := 0; d < kd; d++ {
			if pb := b.part(d); pb != nil {
				copy(x.eps[d][i*m:(i+1)*m], pb[f.piv[i]*m:(f.piv[i]+1)*m])
			}
		}
	}
	re, ep := f.lu.re, f.lu.part
	// L·y = P·b, unit lower triangular.
	for i := 0; i < n; i++ {
		for j := 0; j < i; j++ {
			f.axpy(x, i, j, re[i*n+j], ep, i*n+j, kd)
		}
	}
	// U·x = y.
	for i := n - 1; i >= 0; i-- {
		for j := i + 1; j < n; j++ {
			f.axpy(x, i, j, re[i*n+j], ep, i*n+j, kd)
		}
		u := re[i*n+i]
		for c := 0; c < m; c++ {
			q := x.re[i*m+c] / u
			x.re[i*m+c] = q
			for d := 0; d < kd; d++ {
				var du float64
				if e := ep(d); e != nil {
					du = e[i*n+i]
				}
				x.eps[d][i*m+c] = (x.eps[d][i*m+c] - q*du) / u
			}
		}
	}
	*dst = *x
}

// axpy sets row i of x to row i minus l·(row j), with l the dual number of
// real part lre and parts ep(d)[at].
func (f *LU) axpy(x *Matrix, i, j int, lre float64, ep func(int) []float64, at, kd int) {
	m := x.cols
	for c := 0; c < m; c++ {
		xj := x.re[j*m+c]
		x.re[i*m+c] -= lre * xj
		for d := 0; d < kd; d++ {
			var dl float64
			if e := ep(d); e != nil {
				dl = e[at]
			}
			x.eps[d][i*m+c] -= dl*xj + lre*x.eps[d][j*m+c]
		}
	}
}

// Det returns the determinant of the square a in dual arithmetic: its real
// part is det(A) and its part along direction k is <cof(A), Ȧₖ>. The error is
// that of Factorize.
func Det(a *Matrix) (Number, error) {
	var f LU
	if err := f.Factorize(a); err != nil {
		return Number{}, err
	}
	return f.Det(), nil
}

// LogDet returns log|det a| in dual arithmetic and the sign of det a. The
// error is that of Factorize.
func LogDet(a *Matrix) (logAbs Number, sign float64, err error) {
	var f LU
	if err := f.Factorize(a); err != nil {
		return Number{}, 0, err
	}
	logAbs, sign = f.LogDet()
	return logAbs, sign, nil
}

// Solve sets m to the solution X of a·X = b in dual arithmetic. The error is
// that of Factorize, and m is left unchanged by one.
func (m *Matrix) Solve(a, b *Matrix) error {
	var f LU
	if err := f.Factorize(a); err != nil {
		return err
	}
	f.SolveTo(m, b)
	return nil
}

// Inverse sets m to the inverse of a in dual arithmetic. The error is that of
// Factorize, and m is left unchanged by one.
func (m *Matrix) Inverse(a *Matrix) error {
	return m.Solve(a, Identity(a.rows, 0))
}

// Pow sets m to aᵏ for an integer k by binary powering in dual arithmetic:
// the identity for k = 0, and the power of the inverse for k < 0, when the
// error is that of Factorize.
func (m *Matrix) Pow(a *Matrix, k int) error {
	if a.rows != a.cols {
		panic(fmt.Sprintf("dual.(*Matrix).Pow: a is %d×%d, want square", a.rows, a.cols))
	}
	base := new(Matrix)
	// |k| as unsigned: -k overflows for k = math.MinInt.
	e := uint(k)
	if k < 0 {
		if err := base.Inverse(a); err != nil {
			return err
		}
		e = -e
	} else {
		base.CloneFrom(a)
	}
	res := Identity(a.rows, len(a.eps))
	for e > 0 {
		if e&1 == 1 {
			res.Mul(res, base)
		}
		e >>= 1
		if e > 0 {
			base.Mul(base, base)
		}
	}
	*m = *res
	return nil
}
