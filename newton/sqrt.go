package newton

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc"
)

// Sqrt sets dst to the principal square root of the square matrix a, the X
// with X² = a whose eigenvalues have positive real part, by the
// Denman–Beavers iteration
//
//	Y₀ = A, Z₀ = I,  Y_{k+1} = (Y_k + Z_k⁻¹)/2,  Z_{k+1} = (Z_k + Y_k⁻¹)/2,
//
// under which Y_k → A^{1/2} and Z_k → A^{−1/2} quadratically. It is Newton's
// method for X² = A (X_{k+1} = (X_k + X_k⁻¹A)/2, whose iterates equal Y_k in
// exact arithmetic) rewritten in coupled form, which is stable where the
// plain iteration amplifies rounding errors. Residuals[k] is the relative
// residual ‖Y_k² − A‖_F/‖A‖_F; the iteration stops when it is at most Tol
// (1e-12 by default), or when the relative change of Y stops falling at the
// level of rounding, which for an ill-conditioned a may leave a residual
// above Tol: about eps·κ(a)^{1/2} relative to ‖a^{1/2}‖².
// An empty dst is sized for the caller.
//
// The principal square root exists when a has no eigenvalue on the closed
// negative real axis. The zero matrix gives zero; for any other singular a
// the error matches matcalc.ErrSingular;
// for an iterate that turns singular (as for negative eigenvalues) or
// MaxIter steps without convergence, matcalc.ErrNotConverged; for NaN or
// Inf in a, matcalc.ErrNaN. dst then holds the last iterate. Sqrt panics if
// a is not square or dst has the wrong size.
func Sqrt(dst *mat.Dense, a mat.Matrix, opts *Options) (Result, error) {
	const op = "newton.Sqrt"
	n, c := a.Dims()
	if n != c {
		panic(fmt.Sprintf("%s: a is %d×%d, want a square matrix", op, n, c))
	}
	if dst.IsEmpty() {
		dst.ReuseAs(n, n)
	} else if r, c := dst.Dims(); r != n || c != n {
		panic(fmt.Sprintf("%s: dst is %d×%d, want %d×%d", op, r, c, n, n))
	}
	y := mat.DenseCopyOf(a)
	if !finiteMat(y) {
		return Result{}, &matcalc.Error{Op: op, Err: matcalc.ErrNaN}
	}
	z := mat.NewDense(n, n, nil)
	for i := 0; i < n; i++ {
		z.Set(i, i, 1)
	}
	var (
		res          Result
		yInv, zInv   mat.Dense
		yNext, check mat.Dense
	)
	defer dst.Copy(y)
	normA := mat.Norm(a, 2)
	if normA == 0 {
		res.Residuals = []float64{0}
		res.Converged = true
		return res, nil // √0 = 0
	}
	residual := func() float64 {
		check.Mul(y, y)
		check.Sub(&check, a)
		return mat.Norm(&check, 2) / normA
	}
	tol := opts.tol(0)
	prevRel := math.Inf(1)
	res.Residuals = append(res.Residuals, residual())
	for k := 0; ; k++ {
		if res.Residuals[k] <= tol {
			res.Converged = true
			return res, nil
		}
		if k == opts.maxIter() {
			return res, &matcalc.Error{Op: op, Err: matcalc.ErrNotConverged,
				Detail: fmt.Sprintf("relative residual %.3g after %d steps", res.Residuals[k], k)}
		}
		if err := yInv.Inverse(y); singular(err) {
			if k == 0 {
				return res, &matcalc.ConditionError{Op: op, Cond: math.Inf(1), Singular: true}
			}
			return res, &matcalc.Error{Op: op, Err: matcalc.ErrNotConverged,
				Detail: fmt.Sprintf("iterate %d is singular: a may have an eigenvalue on the closed negative real axis", k)}
		}
		if err := zInv.Inverse(z); singular(err) {
			return res, &matcalc.Error{Op: op, Err: matcalc.ErrNotConverged,
				Detail: fmt.Sprintf("iterate %d is singular: a may have an eigenvalue on the closed negative real axis", k)}
		}
		yNext.Add(y, &zInv)
		yNext.Scale(0.5, &yNext)
		z.Add(z, &yInv)
		z.Scale(0.5, z)
		check.Sub(&yNext, y)
		moved := mat.Norm(&check, 2)
		y.Copy(&yNext)
		res.Iterations++
		r := residual()
		res.Residuals = append(res.Residuals, r)
		if math.IsNaN(r) || math.IsInf(r, 0) {
			return res, &matcalc.Error{Op: op, Err: matcalc.ErrNotConverged,
				Detail: fmt.Sprintf("iterate %d is not finite", k+1)}
		}
		// Quadratic convergence roughly squares the relative change of Y at
		// every step; once it is small and stops falling, rounding has
		// taken over (the floor grows with the conditioning of a).
		rel := moved / mat.Norm(y, 2)
		if rel <= 8*eps*math.Sqrt(float64(n)) || (rel < 1e-5 && rel > prevRel/2) {
			res.Converged = true
			return res, nil
		}
		prevRel = rel
	}
}

// singular reports whether err from mat.Dense.Inverse means an exactly
// singular matrix; an ill-conditioned one is still inverted.
func singular(err error) bool {
	if err == nil {
		return false
	}
	c, ok := err.(mat.Condition)
	return !ok || math.IsInf(float64(c), 1)
}
