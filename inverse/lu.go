package inverse

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/lapack"
	"gonum.org/v1/gonum/lapack/lapack64"
	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc"
	"github.com/matcalc/matcalc/internal/dense"
)

// ConditionTolerance is the condition number above which Factorize reports a
// matrix as ill-conditioned. It is gonum's mat.ConditionTolerance, so inverse
// and gonum's mat agree on which matrices they flag.
const ConditionTolerance = mat.ConditionTolerance

// LU is the LU factorization with partial pivoting, A = P L U, of a square
// matrix A, and the source of A⁻¹, of solutions X = A⁻¹B and of their first
// and second derivatives.
//
// Factorize once, then ask for as many values and derivatives as needed: the
// LU is computed once, and A⁻¹ is computed on the first call that needs it
// and cached. Every method reuses its workspace, so after a first call that
// sizes the workspace, calls with the same shapes and right-sized
// destinations allocate nothing (for n×n inputs up to a size where gonum's
// BLAS starts goroutines).
//
// The zero value is an empty factorization; methods other than Factorize
// panic until a Factorize has succeeded or reported only ill-conditioning.
// An LU is not safe for concurrent use: its methods share the workspace.
type LU struct {
	n     int
	lu    []float64 // L and U, row-major n×n, as left by lapack64.Getrf
	ipiv  []int     // row interchanges
	cond  float64   // 1-norm condition number estimate
	valid bool      // lu holds the factors of a nonsingular matrix

	inv    []float64 // A⁻¹, row-major n×n, when hasInv
	hasInv bool

	work  []float64 // lapack workspace: Lange, Gecon
	iwork []int     // Gecon workspace

	w1, w2, w3, w4 []float64 // temporaries
	in1, in2       []float64 // copies of inputs that are not mat.RawMatrixer
}

// Factorize computes the LU factorization of the square matrix a and
// estimates its condition number. It panics if a is not square.
//
// The error is nil for a well-conditioned matrix. Otherwise it is
//   - a *matcalc.Error matching matcalc.ErrNaN when a has a NaN or ±Inf
//     element; the receiver is then left empty;
//   - a *matcalc.ConditionError with Singular set, matching
//     matcalc.ErrSingular, when a is singular to working precision: a zero
//     pivot, a reciprocal condition estimate that underflows to zero (n > 4)
//     or an inverse that overflows (n ≤ 4). The receiver is then empty:
//     there is no inverse to return and no NaN is ever produced;
//   - a *matcalc.ConditionError matching matcalc.ErrIllConditioned, carrying
//     the estimate, when the condition number exceeds ConditionTolerance. The
//     factorization is kept and every method works, but results may have
//     lost all accuracy, as with gonum's mat.Condition.
func (f *LU) Factorize(a mat.Matrix) error {
	const op = "inverse.(*LU).Factorize"
	r, c := a.Dims()
	if r != c {
		panic(fmt.Sprintf("%s: a is %d×%d, want square", op, r, c))
	}
	n := r
	f.n = n
	f.valid = false
	f.hasInv = false
	f.cond = math.Inf(1)
	if n == 0 {
		f.cond = 0
		f.valid = true
		return nil
	}
	lu := dense.General(dense.Grow(&f.lu, n*n), n, n)
	dense.CopyFrom(lu, a)
	if i, j, ok := dense.Finite(lu); !ok {
		return &matcalc.Error{Op: op, Err: matcalc.ErrNaN,
			Detail: fmt.Sprintf("a[%d,%d] = %v", i, j, lu.Data[i*lu.Stride+j])}
	}
	if cap(f.ipiv) < n {
		f.ipiv = make([]int, n)
		f.iwork = make([]int, n)
	}
	f.ipiv = f.ipiv[:n]
	f.iwork = f.iwork[:n]
	work := dense.Grow(&f.work, max(4*n, len(f.work)))

	var anorm float64
	if n <= dense.SmallMax {
		anorm = norm1(lu)
	} else {
		anorm = lapack64.Lange(lapack.MaxColumnSum, lu, work)
	}
	if !getrf(lu, f.ipiv) {
		return &matcalc.ConditionError{Op: op, Cond: math.Inf(1), Singular: true}
	}
	if n <= dense.SmallMax {
		// The exact condition number from the explicit inverse.
		y := f.inverse()
		f.cond = anorm * norm1(y)
		if _, _, ok := dense.Finite(y); !ok || math.IsInf(f.cond, 1) {
			f.hasInv = false
			f.cond = math.Inf(1)
			return &matcalc.ConditionError{Op: op, Cond: f.cond, Singular: true}
		}
	} else {
		rcond := lapack64.Gecon(lapack.MaxColumnSum, lu, anorm, work, f.iwork)
		if rcond == 0 || math.IsNaN(rcond) {
			return &matcalc.ConditionError{Op: op, Cond: math.Inf(1), Singular: true}
		}
		f.cond = 1 / rcond
	}
	f.valid = true
	if f.cond > ConditionTolerance {
		return &matcalc.ConditionError{Op: op, Cond: f.cond}
	}
	return nil
}

// Size returns n for the factorization of an n×n matrix.
func (f *LU) Size() int { return f.n }

// Cond returns the 1-norm condition number ‖A‖₁‖A⁻¹‖₁ found by the last
// Factorize: +Inf when A was singular, 0 for a 0×0 matrix. It is LAPACK's
// estimate (as in gonum's mat.LU.Cond) for n > 4 and exact for n ≤ 4.
func (f *LU) Cond() float64 { return f.cond }

// Inverse stores A⁻¹ in dst. A zero-value dst is sized n×n; any other shape
// panics. Inverse panics if the receiver holds no valid factorization.
func (f *LU) Inverse(dst *mat.Dense) {
	const op = "inverse.(*LU).Inverse"
	f.mustValid(op)
	d := dense.Output(dst, f.n, f.n, op, "dst")
	if f.n == 0 {
		return
	}
	dense.CopyGeneral(d, f.inverse())
}

// mustValid panics naming op when the receiver holds no valid factorization.
func (f *LU) mustValid(op string) {
	if !f.valid {
		panic(op + ": no valid factorization (Factorize failed or was not called)")
	}
}

// factors returns the LU factors as left by lapack64.Getrf.
func (f *LU) factors() blas64.General { return dense.General(f.lu, f.n, f.n) }

// inverse returns A⁻¹, computing it from the factors on first use.
func (f *LU) inverse() blas64.General {
	n := f.n
	y := dense.General(dense.Grow(&f.inv, n*n), n, n)
	if f.hasInv {
		return y
	}
	f.hasInv = true
	// A⁻¹ = A⁻¹·I by the two triangular solves of the LU with n right-hand
	// sides: 2n³ flops in two Level 3 Dtrsm calls, which on matcalc's kernels
	// take half the time of Getri's n³ flops in a mix of Level 2 and 3.
	dense.Zero(y)
	for i := 0; i < n; i++ {
		y.Data[i*n+i] = 1
	}
	getrs(blas.NoTrans, f.factors(), y, f.ipiv)
	return y
}
