package ode

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc"
)

// Solution is the numerical solution of dx/dt = f(x, θ) by an explicit
// Runge–Kutta method over a fixed number of equal steps. It keeps the stage
// points of every step (s·n·steps numbers for s stages), so that JVP and VJP
// differentiate the computed x_N exactly without integrating f again.
// The zero value is ready for Solve.
type Solution struct {
	sys    System
	method Method
	theta  *mat.Dense
	n      int
	steps  int
	h      float64
	ys     []float64 // stage points y_i of step k at ((k·s)+i)·n
	final  []float64 // x_N
}

// Solve integrates dx/dt = f(x, θ) from x(0) = x0 over [0, t] in the given
// number of equal steps of the method m, keeping what the derivatives need.
// θ and x0 are copied; a system without parameters may take a 1×1 zero θ
// and ignore it. It returns an error matching matcalc.ErrNaN if x0 or θ holds
// NaN or Inf, and one matching matcalc.ErrOverflow if the solution overflows
// (then the Solution is unusable).
//
// Solve panics if steps < 1, t is not finite, or m is not an explicit
// tableau.
func (s *Solution) Solve(sys System, m Method, theta mat.Matrix, x0 mat.Vector, t float64, steps int) error {
	if steps < 1 || math.IsNaN(t) || math.IsInf(t, 0) {
		panic(fmt.Sprintf("ode.(*Solution).Solve: t = %g, steps = %d", t, steps))
	}
	if !m.valid() {
		panic(fmt.Sprintf("ode.(*Solution).Solve: method %q is not an explicit Runge–Kutta tableau", m.Name))
	}
	n := x0.Len()
	*s = Solution{sys: sys, method: m, theta: mat.DenseCopyOf(theta), n: n, steps: steps, h: t / float64(steps)}
	x := make([]float64, n)
	for i := range x {
		x[i] = x0.AtVec(i)
	}
	if !finite(x) || !finite(s.theta.RawMatrix().Data) {
		s.sys = nil
		return &matcalc.Error{Op: "ode.Solve", Err: matcalc.ErrNaN, Detail: "in x0 or θ"}
	}
	st := m.Stages()
	s.ys = make([]float64, steps*st*n)
	k := make([]float64, st*n)
	h := s.h
	for step := 0; step < steps; step++ {
		for i := 0; i < st; i++ {
			y := s.stage(step, i)
			copy(y, x)
			for j := 0; j < i; j++ {
				if c := h * m.A[i][j]; c != 0 {
					floats.AddScaled(y, c, k[j*n:(j+1)*n])
				}
			}
			s.sys.Func(mat.NewVecDense(n, k[i*n:(i+1)*n]), mat.NewVecDense(n, y), s.theta)
		}
		for i := 0; i < st; i++ {
			if c := h * m.B[i]; c != 0 {
				floats.AddScaled(x, c, k[i*n:(i+1)*n])
			}
		}
		if !finite(x) {
			s.sys = nil
			return &matcalc.Error{Op: "ode.Solve", Err: matcalc.ErrOverflow,
				Detail: fmt.Sprintf("the solution overflowed at step %d of %d", step+1, steps)}
		}
	}
	s.final = x
	return nil
}

// stage returns the storage of stage point i of step k.
func (s *Solution) stage(k, i int) []float64 {
	off := (k*s.method.Stages() + i) * s.n
	return s.ys[off : off+s.n]
}

// Steps returns the number of steps N and the step size h.
func (s *Solution) Steps() (n int, h float64) {
	s.mustSolved("Steps")
	return s.steps, s.h
}

// Final sets dst to the final state x_N ≈ x(T). An empty dst is sized for
// the caller; one of another length panics.
func (s *Solution) Final(dst *mat.VecDense) {
	s.mustSolved("Final")
	s.At(dst, s.steps)
}

// At sets dst to the state x_k after k steps, 0 ≤ k ≤ N, the approximation
// of x(k·h). An empty dst is sized for the caller; one of another length
// panics.
func (s *Solution) At(dst *mat.VecDense, k int) {
	s.mustSolved("At")
	if k < 0 || k > s.steps {
		panic(fmt.Sprintf("ode.(*Solution).At: step %d outside [0, %d]", k, s.steps))
	}
	src := s.final
	if k < s.steps {
		src = s.stage(k, 0) // the first stage of an explicit method is x_k
	}
	sizeVec("ode.(*Solution).At", "dst", dst, s.n)
	for i, v := range src {
		dst.SetVec(i, v)
	}
}

// JVP sets dst to the derivative of x_N in the direction (dx0, dθ): the
// forward sensitivity, computed by the tangent linear model of the method
// along the stored stages. dTheta may be nil for zero. An empty dst is sized
// for the caller.
//
// JVP panics if dx0 or dTheta does not match x0 or θ in shape.
func (s *Solution) JVP(dst *mat.VecDense, dx0 mat.Vector, dTheta mat.Matrix) {
	const op = "ode.(*Solution).JVP"
	s.mustSolved("JVP")
	n, st, h := s.n, s.method.Stages(), s.h
	if dx0.Len() != n {
		panic(fmt.Sprintf("%s: dx0 has length %d, want %d", op, dx0.Len(), n))
	}
	if dTheta != nil {
		sameShape(op, "dTheta", dTheta, s.theta)
	}
	dx := make([]float64, n)
	for i := range dx {
		dx[i] = dx0.AtVec(i)
	}
	dy := make([]float64, n)
	dk := make([]float64, st*n)
	for step := 0; step < s.steps; step++ {
		for i := 0; i < st; i++ {
			copy(dy, dx)
			for j := 0; j < i; j++ {
				if c := h * s.method.A[i][j]; c != 0 {
					floats.AddScaled(dy, c, dk[j*n:(j+1)*n])
				}
			}
			y := mat.NewVecDense(n, s.stage(step, i))
			s.sys.JVP(mat.NewVecDense(n, dk[i*n:(i+1)*n]), y, s.theta, mat.NewVecDense(n, dy), dTheta)
		}
		for i := 0; i < st; i++ {
			if c := h * s.method.B[i]; c != 0 {
				floats.AddScaled(dx, c, dk[i*n:(i+1)*n])
			}
		}
	}
	sizeVec(op, "dst", dst, n)
	for i, v := range dx {
		dst.SetVec(i, v)
	}
}

// VJP sets x0Bar and thetaBar to the gradient of a loss L(x_N) with respect
// to x(0) and θ, given xTBar = ∂L/∂x_N: the discrete adjoint, one backward
// sweep over the stored steps (see the package documentation). Either dst
// may be nil when that part is not wanted; an empty one is sized for the
// caller.
//
// VJP panics if xTBar has the wrong length or a dst the wrong shape.
func (s *Solution) VJP(x0Bar *mat.VecDense, thetaBar *mat.Dense, xTBar mat.Vector) {
	const op = "ode.(*Solution).VJP"
	s.mustSolved("VJP")
	n, st, h := s.n, s.method.Stages(), s.h
	if xTBar.Len() != n {
		panic(fmt.Sprintf("%s: xTBar has length %d, want %d", op, xTBar.Len(), n))
	}
	r, c := s.theta.Dims()
	tBar := mat.NewDense(r, c, nil)
	lam := make([]float64, n)
	for i := range lam {
		lam[i] = xTBar.AtVec(i)
	}
	xBar := make([]float64, n)
	kBar := make([]float64, st*n)
	yBar := make([]float64, n)
	for step := s.steps - 1; step >= 0; step-- {
		copy(xBar, lam)
		for i := 0; i < st; i++ {
			kb := kBar[i*n : (i+1)*n]
			for p := range kb {
				kb[p] = h * s.method.B[i] * lam[p]
			}
		}
		for i := st - 1; i >= 0; i-- {
			kb := kBar[i*n : (i+1)*n]
			if allZero(kb) {
				continue // this stage does not reach the output: nothing to pull back
			}
			y := mat.NewVecDense(n, s.stage(step, i))
			s.sys.VJP(mat.NewVecDense(n, yBar), tBar, y, s.theta, mat.NewVecDense(n, kb))
			floats.Add(xBar, yBar)
			for j := 0; j < i; j++ {
				if a := h * s.method.A[i][j]; a != 0 {
					floats.AddScaled(kBar[j*n:(j+1)*n], a, yBar)
				}
			}
		}
		lam, xBar = xBar, lam
	}
	if x0Bar != nil {
		sizeVec(op, "x0Bar", x0Bar, n)
		for i, v := range lam {
			x0Bar.SetVec(i, v)
		}
	}
	if thetaBar != nil {
		if thetaBar.IsEmpty() {
			thetaBar.ReuseAs(r, c)
		}
		sameShape(op, "thetaBar", thetaBar, s.theta)
		thetaBar.Copy(tBar)
	}
}

func (s *Solution) mustSolved(fn string) {
	if s.sys == nil {
		panic("ode.(*Solution)." + fn + ": no successful Solve")
	}
}

func finite(x []float64) bool {
	for _, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

func allZero(x []float64) bool {
	for _, v := range x {
		if v != 0 {
			return false
		}
	}
	return true
}

func sizeVec(op, name string, v *mat.VecDense, n int) {
	if v.IsEmpty() {
		v.ReuseAsVec(n)
		return
	}
	if v.Len() != n {
		panic(fmt.Sprintf("%s: %s has length %d, want %d", op, name, v.Len(), n))
	}
}

func sameShape(op, name string, a, want mat.Matrix) {
	r, c := a.Dims()
	wr, wc := want.Dims()
	if r != wr || c != wc {
		panic(fmt.Sprintf("%s: %s is %d×%d, want %d×%d", op, name, r, c, wr, wc))
	}
}
