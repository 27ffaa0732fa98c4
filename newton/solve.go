package newton

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc"
)

// System is a nonlinear system F(x) = 0 with F: ℝⁿ → ℝⁿ and its derivative,
// given as the Jacobian or as a JVP. If both are set, Jacobian is used.
type System struct {
	// F sets dst, of length n, to F(x).
	F func(dst *mat.VecDense, x mat.Vector)
	// Jacobian sets dst, n×n, to the Jacobian J_ij = ∂F_i/∂x_j at x.
	Jacobian func(dst *mat.Dense, x mat.Vector)
	// JVP sets dst to the directional derivative J(x)·dx.
	JVP func(dst *mat.VecDense, x, dx mat.Vector)
}

// Solve finds a root of sys.F by Newton's method from x0: it solves the
// linearization J(x_k) Δ = −F(x_k) by LU and steps to x_{k+1} = x_k + Δ,
// until ‖F(x_k)‖₂ ≤ Tol or the step falls below rounding (‖Δ‖ ≤ 4·eps·‖x‖).
// It sets dst to the last iterate; an empty dst is sized for the caller.
//
// The error matches matcalc.ErrSingular (a *matcalc.ConditionError) when a
// Jacobian is singular to working precision, matcalc.ErrNaN when F or the
// Jacobian has NaN or Inf, and matcalc.ErrNotConverged when MaxIter steps
// were not enough. Solve panics if sys has neither Jacobian nor JVP, or if
// dst has the wrong length.
func Solve(dst *mat.VecDense, sys System, x0 mat.Vector, opts *Options) (Result, error) {
	const op = "newton.Solve"
	if sys.F == nil || (sys.Jacobian == nil && sys.JVP == nil) {
		panic(op + ": System needs F and a Jacobian or a JVP")
	}
	n := x0.Len()
	if dst.IsEmpty() {
		dst.ReuseAsVec(n)
	} else if dst.Len() != n {
		panic(fmt.Sprintf("%s: dst has length %d, want %d", op, dst.Len(), n))
	}
	x := mat.VecDenseCopyOf(x0)
	var (
		res  Result
		fx   = mat.NewVecDense(n, nil)
		jac  = mat.NewDense(n, n, nil)
		step mat.VecDense
		lu   mat.LU
	)
	defer dst.CopyVec(x)
	var tol float64
	for k := 0; ; k++ {
		sys.F(fx, x)
		r := mat.Norm(fx, 2)
		res.Residuals = append(res.Residuals, r)
		if math.IsNaN(r) || math.IsInf(r, 0) {
			return res, &matcalc.Error{Op: op, Err: matcalc.ErrNaN, Detail: fmt.Sprintf("F(x_%d) is not finite", k)}
		}
		if k == 0 {
			tol = opts.tol(r)
		}
		if r <= tol {
			res.Converged = true
			return res, nil
		}
		if k == opts.maxIter() {
			return res, &matcalc.Error{Op: op, Err: matcalc.ErrNotConverged,
				Detail: fmt.Sprintf("‖F‖ = %.3g after %d steps", r, k)}
		}
		if sys.Jacobian != nil {
			sys.Jacobian(jac, x)
		} else {
			jacobianFromJVP(jac, sys.JVP, x)
			res.JVPs += n
		}
		if !finiteMat(jac) {
			return res, &matcalc.Error{Op: op, Err: matcalc.ErrNaN, Detail: fmt.Sprintf("the Jacobian at x_%d is not finite", k)}
		}
		lu.Factorize(jac)
		if err := step.SolveVec(&lu, fx); err != nil {
			return res, &matcalc.ConditionError{Op: op, Cond: lu.Cond(), Singular: true}
		}
		x.SubVec(x, &step)
		res.Iterations++
		if mat.Norm(&step, 2) <= 4*eps*mat.Norm(x, 2) {
			// The iterate no longer moves: x is a root to working precision.
			sys.F(fx, x)
			res.Residuals = append(res.Residuals, mat.Norm(fx, 2))
			res.Converged = true
			return res, nil
		}
	}
}

// jacobianFromJVP sets the columns of jac to J(x)·e_j.
func jacobianFromJVP(jac *mat.Dense, jvp func(dst *mat.VecDense, x, dx mat.Vector), x mat.Vector) {
	n := x.Len()
	e := mat.NewVecDense(n, nil)
	col := mat.NewVecDense(n, nil)
	for j := 0; j < n; j++ {
		e.SetVec(j, 1)
		jvp(col, x, e)
		e.SetVec(j, 0)
		jac.SetCol(j, col.RawVector().Data)
	}
}

func finiteMat(a *mat.Dense) bool {
	r, c := a.Dims()
	for i := 0; i < r; i++ {
		for _, v := range a.RawRowView(i)[:c] {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return false
			}
		}
	}
	return true
}
