package newton

import "math"

// Options tunes an iteration. A nil *Options, or a zero field, takes the
// default.
type Options struct {
	// Tol is the tolerance on the residual: ‖F(x)‖₂ for Solve, the relative
	// residual ‖X² − A‖_F/‖A‖_F for Sqrt, ‖∇f(x)‖_F for Minimize. Zero means
	// 1e-12 for Sqrt, and 1e-12·max(1, r₀) with r₀ the first residual for
	// Solve and Minimize.
	Tol float64

	// MaxIter bounds the number of Newton steps. Zero means 50.
	MaxIter int
}

func (o *Options) tol(r0 float64) float64 {
	if o != nil && o.Tol > 0 {
		return o.Tol
	}
	return 1e-12 * math.Max(1, r0)
}

func (o *Options) maxIter() int {
	if o != nil && o.MaxIter > 0 {
		return o.MaxIter
	}
	return 50
}

// Result is the history of an iteration.
type Result struct {
	// Iterations is the number of Newton steps taken.
	Iterations int
	// Residuals holds the residual of every iterate, x_0 to x_Iterations,
	// in the norm Options.Tol names.
	Residuals []float64
	// Converged reports whether the last residual met the tolerance, or
	// the iterate stopped moving at the level of rounding.
	Converged bool
	// HVPs counts the Hessian-vector products of Minimize (zero
	// elsewhere), and JVPs the Jacobian-vector products Solve made to
	// build Jacobians from a System's JVP.
	HVPs, JVPs int
}

// eps is the unit roundoff of float64.
const eps = 0x1p-53
