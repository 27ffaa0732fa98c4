package newton

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc"
)

// Problem is a smooth function to minimize over matrices of a fixed shape
// (a vector is a k×1 matrix), with its gradient and Hessian-vector product
// under the Frobenius inner product.
type Problem struct {
	// Func returns f(x). It may be nil (Minimize then takes full Newton
	// steps), and may return +Inf or NaN outside f's domain, which the line
	// search then avoids.
	Func func(x mat.Matrix) float64
	// Grad sets dst to ∇f(x). Minimize passes a dst of x's shape that
	// may hold an earlier gradient: Grad overwrites every element.
	Grad func(dst *mat.Dense, x mat.Matrix)
	// HVP sets dst to the Hessian of f at x applied to v: the directional
	// derivative of ∇f at x along v. dst has x's shape and may hold earlier
	// values: HVP overwrites every element.
	HVP func(dst *mat.Dense, x, v mat.Matrix)
}

// Minimize finds a local minimizer of p.Func from x0 by Newton's method with
// Hessian-vector products: each step solves H p = −∇f(x) by conjugate
// gradients to the relative tolerance min(1/10, ‖∇f‖_F), which keeps the
// convergence quadratic. Where CG meets nonpositive curvature (H not
// positive definite, far from a minimum) the system is shifted to
// (H + μI) p = −∇f with μ past the most negative Rayleigh quotient seen, as
// Levenberg–Marquardt does, and solved again. With Func set, a backtracking
// (Armijo) line search halves the step until f decreases enough, and
// rejects steps where f is not finite; the full Newton step is taken
// whenever it is acceptable, so Newton's quadratic convergence
// shows near the solution. Near the solution the decrease a step promises,
// about ‖∇f‖²/2, falls below the rounding error of f itself, and the Armijo
// test can no longer tell a good step from a bad one; there the line search
// uses the approximate Armijo condition of Hager and Zhang (2005): it
// accepts a step along which f changes by no more than 1e-6·|f| if the
// directional derivative at the new point, <∇f(x + αp), p>, is at most
// −0.8 times its value at x, which for a quadratic along the line is the
// Armijo condition with c₁ = 0.1 and which gradients resolve to far below
// the rounding of f. It stops when ‖∇f(x)‖_F ≤ Tol. dst is set to the last
// iterate; an empty dst is sized for the caller.
//
// The error matches matcalc.ErrNaN when the gradient or f(x0) is not finite
// and matcalc.ErrNotConverged when MaxIter steps were not enough or the line
// search failed. Minimize panics if Grad or HVP is nil or dst has the wrong
// shape.
func Minimize(dst *mat.Dense, p Problem, x0 mat.Matrix, opts *Options) (Result, error) {
	const op = "newton.Minimize"
	if p.Grad == nil || p.HVP == nil {
		panic(op + ": Problem needs Grad and HVP")
	}
	r, c := x0.Dims()
	if dst.IsEmpty() {
		dst.ReuseAs(r, c)
	} else if dr, dc := dst.Dims(); dr != r || dc != c {
		panic(fmt.Sprintf("%s: dst is %d×%d, want %d×%d", op, dr, dc, r, c))
	}
	x := mat.DenseCopyOf(x0)
	defer dst.Copy(x)
	var (
		res      Result
		g, gt    mat.Dense
		negG     mat.Dense
		step, xt mat.Dense
		fx       float64
		tol      float64
	)
	g.ReuseAs(r, c)
	gt.ReuseAs(r, c)
	if p.Func != nil {
		if fx = p.Func(x); math.IsNaN(fx) || math.IsInf(fx, 0) {
			return res, &matcalc.Error{Op: op, Err: matcalc.ErrNaN, Detail: "f(x0) is not finite"}
		}
	}
	haveG := false // whether g already holds ∇f(x), from the line search
	for k := 0; ; k++ {
		if !haveG {
			p.Grad(&g, x)
		}
		haveG = false
		gn := mat.Norm(&g, 2)
		res.Residuals = append(res.Residuals, gn)
		if math.IsNaN(gn) || math.IsInf(gn, 0) {
			return res, &matcalc.Error{Op: op, Err: matcalc.ErrNaN, Detail: fmt.Sprintf("∇f(x_%d) is not finite", k)}
		}
		if k == 0 {
			tol = opts.tol(gn)
		}
		if gn <= tol {
			res.Converged = true
			return res, nil
		}
		if k == opts.maxIter() {
			return res, &matcalc.Error{Op: op, Err: matcalc.ErrNotConverged,
				Detail: fmt.Sprintf("‖∇f‖ = %.3g after %d steps", gn, k)}
		}
		// Solve (H + μI) p = −∇f by CG, with μ = 0 unless H shows negative
		// curvature: then shift past the Rayleigh quotient found and retry.
		var mu float64
		hess := func(dst *mat.Dense, v mat.Matrix) {
			if dst.IsEmpty() {
				dst.ReuseAs(r, c)
			}
			p.HVP(dst, x, v)
			res.HVPs++
			if mu != 0 {
				dst.Add(dst, scaled(mu, v))
			}
		}
		negG.Scale(-1, &g)
		for try := 0; ; try++ {
			_, rq, err := cg(&step, hess, &negG, math.Min(0.1, gn), 10*r*c+10)
			if err == nil || !errors.Is(err, matcalc.ErrDomain) {
				break // converged, or the best CG could do in its iterations
			}
			if try == 60 {
				step.Copy(&negG) // give up on curvature: steepest descent
				break
			}
			mu = math.Max(2*(mu-rq), 1e-8*gn)
		}
		slope := inner(&g, &step)
		if slope >= 0 {
			step.Copy(&negG)
			slope = -gn * gn
		}
		alpha := 1.0
		if p.Func != nil {
			for {
				xt.Add(x, scaled(alpha, &step))
				ft := p.Func(&xt)
				if ft <= fx+armijoC1*alpha*slope && !math.IsNaN(ft) {
					fx = ft
					break
				}
				if ft <= fx+approxEpsF*math.Abs(fx) {
					// Armijo failed within the rounding of f: decide on the
					// directional derivative at x + αp instead, and keep
					// the gradient for the next step if the step is taken.
					p.Grad(&gt, &xt)
					if dt := inner(&gt, &step); dt <= (2*approxDelta-1)*slope {
						fx = ft
						g.Copy(&gt)
						haveG = true
						break
					}
				}
				if alpha *= 0.5; alpha < 1e-12 {
					return res, &matcalc.Error{Op: op, Err: matcalc.ErrNotConverged,
						Detail: fmt.Sprintf("the line search failed at step %d", k+1)}
				}
			}
			x.Copy(&xt)
		} else {
			x.Add(x, &step)
		}
		res.Iterations++
	}
}

// Constants of the line search of Minimize: the Armijo constant, and the
// tolerance on the change of f and the δ of the approximate Armijo
// condition of Hager and Zhang, "A new conjugate gradient method with
// guaranteed descent and an efficient line search", SIAM J. Optim. 16(1),
// 2005, section 4 (their ε = 1e-6 and δ = 0.1).
const (
	armijoC1    = 1e-4
	approxEpsF  = 1e-6
	approxDelta = 0.1
)

func scaled(a float64, m mat.Matrix) *mat.Dense {
	var s mat.Dense
	s.Scale(a, m)
	return &s
}

// inner returns the Frobenius inner product <a, b>.
func inner(a, b *mat.Dense) float64 {
	var s float64
	r, c := a.Dims()
	for i := 0; i < r; i++ {
		ar, br := a.RawRowView(i)[:c], b.RawRowView(i)[:c]
		for j := range ar {
			s += ar[j] * br[j]
		}
	}
	return s
}

// CG sets dst to the solution X of the linear system H(X) = b by conjugate
// gradients, for a symmetric positive definite linear map H on matrices of
// the shape of b given by apply (such as an HVP at a fixed point), under the
// Frobenius inner product. It starts from zero and stops when
// ‖b − H(X)‖_F ≤ tol·‖b‖_F, returning the number of iterations (H
// applications). An empty dst is sized for the caller.
//
// If H shows a direction of nonpositive curvature, CG stops, leaves in dst
// the iterate reached before it, and returns an error matching
// matcalc.ErrDomain; after maxIter iterations without convergence the error
// matches matcalc.ErrNotConverged.
func CG(dst *mat.Dense, apply func(dst *mat.Dense, v mat.Matrix), b mat.Matrix, tol float64, maxIter int) (int, error) {
	it, _, err := cg(dst, apply, b, tol, maxIter)
	return it, err
}

// cg is CG; at nonpositive curvature it also returns the Rayleigh quotient
// <d, H d>/<d, d> of the offending direction d.
func cg(dst *mat.Dense, apply func(dst *mat.Dense, v mat.Matrix), b mat.Matrix, tol float64, maxIter int) (int, float64, error) {
	const op = "newton.CG"
	r, c := b.Dims()
	if dst.IsEmpty() {
		dst.ReuseAs(r, c)
	} else if dr, dc := dst.Dims(); dr != r || dc != c {
		panic(fmt.Sprintf("%s: dst is %d×%d, want %d×%d", op, dr, dc, r, c))
	}
	dst.Zero()
	res := mat.DenseCopyOf(b)
	dir := mat.DenseCopyOf(b)
	var hd mat.Dense
	rr := inner(res, res)
	normB := math.Sqrt(rr)
	bound := tol * tol * rr
	for it := 0; ; it++ {
		if rr <= bound {
			return it, 0, nil
		}
		if it == maxIter {
			return it, 0, &matcalc.Error{Op: op, Err: matcalc.ErrNotConverged,
				Detail: fmt.Sprintf("relative residual %.3g after %d iterations", math.Sqrt(rr)/normB, it)}
		}
		apply(&hd, dir)
		curv := inner(dir, &hd)
		if !(curv > 0) {
			return it + 1, curv / inner(dir, dir), &matcalc.Error{Op: op, Err: matcalc.ErrDomain,
				Detail: fmt.Sprintf("nonpositive curvature %.3g at iteration %d", curv, it+1)}
		}
		alpha := rr / curv
		dst.Add(dst, scaled(alpha, dir))
		res.Sub(res, scaled(alpha, &hd))
		rrNext := inner(res, res)
		dir.Scale(rrNext/rr, dir)
		dir.Add(dir, res)
		rr = rrNext
	}
}
