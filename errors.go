package matcalc

import (
	"errors"
	"fmt"
)

// Sentinel errors for numerical trouble. Every error returned by a matcalc
// package matches one of these under errors.Is.
var (
	// ErrSingular reports a matrix that is singular to working precision.
	ErrSingular = errors.New("matcalc: matrix is singular")
	// ErrIllConditioned reports a matrix whose condition number makes the
	// result unreliable. The result is still returned; see ConditionError.
	ErrIllConditioned = errors.New("matcalc: matrix is ill-conditioned")
	// ErrNaN reports NaN or Inf in an input.
	ErrNaN = errors.New("matcalc: NaN or Inf in input")
	// ErrNotConverged reports an iterative method that did not converge.
	ErrNotConverged = errors.New("matcalc: no convergence")
	// ErrNotSymmetric reports input to a symmetric routine that is not
	// symmetric within the routine's stated tolerance.
	ErrNotSymmetric = errors.New("matcalc: matrix is not symmetric")
	// ErrDegenerate reports a derivative that does not exist because it
	// depends on the basis chosen inside a cluster of equal eigenvalues.
	ErrDegenerate = errors.New("matcalc: derivative undefined at degenerate eigenvalues")
	// ErrOverflow reports a result too large to represent in float64, such
	// as a high power of a matrix with spectral radius above one.
	ErrOverflow = errors.New("matcalc: result overflows")
	// ErrDomain reports input outside a function's domain, such as the
	// logarithm of a matrix with a negative eigenvalue.
	ErrDomain = errors.New("matcalc: input outside the function's domain")
)

// ConditionError reports a result computed from an ill-conditioned or singular
// matrix. It matches ErrIllConditioned (or ErrSingular when Singular is set)
// under errors.Is. Cond is the estimate of the 1-norm condition number, +Inf
// for an exactly singular matrix.
type ConditionError struct {
	Op       string  // the operation, e.g. "inverse.Factorize"
	Cond     float64 // condition number estimate
	Singular bool    // whether the matrix is singular to working precision
}

func (e *ConditionError) Error() string {
	if e.Singular {
		return fmt.Sprintf("%s: matrix is singular (condition number %.3g)", e.Op, e.Cond)
	}
	return fmt.Sprintf("%s: matrix is ill-conditioned (condition number %.3g)", e.Op, e.Cond)
}

// Is reports whether target is ErrIllConditioned, or ErrSingular for a
// singular matrix.
func (e *ConditionError) Is(target error) bool {
	if target == ErrIllConditioned {
		return true
	}
	return e.Singular && target == ErrSingular
}

// Error wraps a sentinel with the operation that met it and detail for the
// caller, such as the index of a cluster or of a factor. It matches its
// sentinel under errors.Is.
type Error struct {
	Op     string // the operation, e.g. "eig.VectorsVJP"
	Err    error  // one of the sentinels above
	Detail string // what went wrong, for people
}

func (e *Error) Error() string {
	if e.Detail == "" {
		return e.Op + ": " + e.Err.Error()
	}
	return e.Op + ": " + e.Err.Error() + ": " + e.Detail
}

// Unwrap returns the sentinel.
func (e *Error) Unwrap() error { return e.Err }
