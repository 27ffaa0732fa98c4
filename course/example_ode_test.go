package course_test

import (
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/check"
	"github.com/matcalc/matcalc/ode"
)

// Topic 10: adjoint differentiation of an ODE solution. For dx/dt = A x
// stepped with RK4 and the loss L = ½‖x(T) − x*‖², the discrete adjoint
// starts from λ_N = x_N − x* and runs the steps backwards: each RK4 step
// pulls λ back through its four stages (k̄ᵢ = h bᵢ λ, ȳᵢ = Aᵀk̄ᵢ, Ā += k̄ᵢyᵢᵀ,
// …), giving ∇_{x(0)} L = λ₀ and ∇_A L = Σ k̄ᵢ yᵢᵀ: the whole gradient for
// the cost of about one more integration. The example checks both
// gradients against finite differences of the solver, and x(T) against the
// exact solution e^{TA} x(0).
func Example_odeAdjoint() {
	a := mat.NewDense(3, 3, []float64{
		-0.5, 1, 0,
		-1, -0.5, 0.3,
		0, 0.2, -0.1,
	})
	x0 := mat.NewVecDense(3, []float64{1, 0, 0.5})
	target := mat.NewVecDense(3, []float64{0, 0.5, 0.5})
	const T, steps = 2.0, 40

	solve := func(a mat.Matrix, x0 mat.Vector) *ode.Solution {
		var s ode.Solution
		if err := s.Solve(ode.Linear{}, ode.RK4, a, x0, T, steps); err != nil {
			panic(err)
		}
		return &s
	}
	loss := func(s *ode.Solution) float64 {
		var r mat.VecDense
		s.Final(&r)
		r.SubVec(&r, target)
		return mat.Dot(&r, &r) / 2
	}
	s := solve(a, x0)
	var xT, lam mat.VecDense
	s.Final(&xT)
	lam.SubVec(&xT, target) // ∂L/∂x(T)
	var x0Bar mat.VecDense
	var aBar mat.Dense
	s.VJP(&x0Bar, &aBar, &lam)

	var ta, e mat.Dense
	ta.Scale(T, a)
	e.Exp(&ta)
	var exact mat.VecDense
	exact.MulVec(&e, x0)
	exact.SubVec(&exact, &xT)
	fmt.Println("RK4 x(T) within 1e-6 of e^{TA}x(0):", mat.Norm(&exact, 2) < 1e-6)

	rA := check.Gradient(func(a mat.Matrix) float64 { return loss(solve(a, x0)) },
		func(dst *mat.Dense) { dst.CloneFrom(&aBar) }, a, nil)
	rX := check.Gradient(func(x mat.Matrix) float64 { return loss(solve(a, x.(*mat.Dense).ColView(0))) },
		func(dst *mat.Dense) { dst.CloneFrom(&x0Bar) }, mat.NewDense(3, 1, x0.RawVector().Data), nil)
	fmt.Println("adjoint gradients agree with finite differences:", rA.Pass, rX.Pass)
	fmt.Printf("L = %.6f\n", loss(s))
	fmt.Printf("∇_x(0) L = %.6f\n", mat.Formatted(rounded(x0Bar.T(), 9)))
	fmt.Printf("∇_A L = %.6f\n", mat.Formatted(rounded(&aBar, 9), mat.Prefix("        ")))
	// Output:
	// RK4 x(T) within 1e-6 of e^{TA}x(0): true
	// adjoint gradients agree with finite differences: true true
	// L = 0.313053
	// ∇_x(0) L = [ 0.313759   0.045721  -0.345141]
	// ∇_A L = ⎡ 0.302569  -0.196372   0.251584⎤
	//         ⎢-0.114267   0.241686  -0.234516⎥
	//         ⎣-0.288421   0.207145  -0.261878⎦
}

// lotkaVolterra is the predator–prey model dx/dt = αx − βxy,
// dy/dt = δxy − γy with θ = (α, β, γ, δ) as a 4×1 matrix: the user's model,
// with its derivatives for the solver.
type lotkaVolterra struct{}

func (lotkaVolterra) Func(dst *mat.VecDense, s mat.Vector, th mat.Matrix) {
	x, y := s.AtVec(0), s.AtVec(1)
	al, be, ga, de := th.At(0, 0), th.At(1, 0), th.At(2, 0), th.At(3, 0)
	dst.SetVec(0, al*x-be*x*y)
	dst.SetVec(1, de*x*y-ga*y)
}

func (lotkaVolterra) JVP(dst *mat.VecDense, s mat.Vector, th mat.Matrix, ds mat.Vector, dth mat.Matrix) {
	x, y := s.AtVec(0), s.AtVec(1)
	dx, dy := ds.AtVec(0), ds.AtVec(1)
	al, be, ga, de := th.At(0, 0), th.At(1, 0), th.At(2, 0), th.At(3, 0)
	f0 := al*dx - be*(dx*y+x*dy)
	f1 := de*(dx*y+x*dy) - ga*dy
	if dth != nil {
		f0 += dth.At(0, 0)*x - dth.At(1, 0)*x*y
		f1 += dth.At(3, 0)*x*y - dth.At(2, 0)*y
	}
	dst.SetVec(0, f0)
	dst.SetVec(1, f1)
}

func (lotkaVolterra) VJP(sBar *mat.VecDense, thBar *mat.Dense, s mat.Vector, th mat.Matrix, v mat.Vector) {
	x, y := s.AtVec(0), s.AtVec(1)
	v0, v1 := v.AtVec(0), v.AtVec(1)
	al, be, ga, de := th.At(0, 0), th.At(1, 0), th.At(2, 0), th.At(3, 0)
	sBar.SetVec(0, v0*(al-be*y)+v1*de*y)
	sBar.SetVec(1, -v0*be*x+v1*(de*x-ga))
	thBar.Set(0, 0, thBar.At(0, 0)+v0*x)
	thBar.Set(1, 0, thBar.At(1, 0)-v0*x*y)
	thBar.Set(2, 0, thBar.At(2, 0)-v1*y)
	thBar.Set(3, 0, thBar.At(3, 0)+v1*x*y)
}

// Topic 10, nonlinear: the Lotka–Volterra model stepped with RK4, and the
// gradient of L = ½‖x(T) − x*‖² with respect to its four parameters and
// the initial populations, by one backward sweep through the stored stages.
// The model's own derivatives are checked first (JVP against finite
// differences, VJP against the JVP), then the gradient of the solution.
func Example_odeAdjointNonlinear() {
	theta := mat.NewDense(4, 1, []float64{1.1, 0.4, 0.4, 0.1})
	x0 := mat.NewVecDense(2, []float64{10, 5})
	target := mat.NewVecDense(2, []float64{8, 6})
	const T, steps = 3.0, 60

	solve := func(th mat.Matrix, x0 mat.Vector) *ode.Solution {
		var s ode.Solution
		if err := s.Solve(lotkaVolterra{}, ode.RK4, th, x0, T, steps); err != nil {
			panic(err)
		}
		return &s
	}
	loss := func(s *ode.Solution) float64 {
		var r mat.VecDense
		s.Final(&r)
		r.SubVec(&r, target)
		return mat.Dot(&r, &r) / 2
	}
	// The model's derivatives in θ at x(0): JVP by finite differences, VJP
	// by the adjoint identity.
	m := lotkaVolterra{}
	f := func(dst *mat.Dense, th mat.Matrix) {
		var v mat.VecDense
		v.ReuseAsVec(2)
		m.Func(&v, x0, th)
		dst.CloneFrom(mat.NewDense(2, 1, v.RawVector().Data))
	}
	jvp := func(dst *mat.Dense, dth mat.Matrix) {
		v := mat.NewVecDense(2, nil)
		m.JVP(v, x0, theta, mat.NewVecDense(2, nil), dth)
		dst.CloneFrom(mat.NewDense(2, 1, v.RawVector().Data))
	}
	vjp := func(dst *mat.Dense, yBar mat.Matrix) {
		g := mat.NewDense(4, 1, nil)
		m.VJP(mat.NewVecDense(2, nil), g, x0, theta, yBar.(*mat.Dense).ColView(0))
		dst.CloneFrom(g)
	}
	dth := mat.NewDense(4, 1, []float64{0.5, -0.5, 0.5, 0.5})
	yBar := mat.NewDense(2, 1, []float64{0.6, 0.8})
	fmt.Println("model JVP, adjoint identity:", check.JVP(f, jvp, theta, dth, nil).Pass,
		check.Adjoint(jvp, vjp, dth, yBar, nil).Pass)

	s := solve(theta, x0)
	var xT, lam, x0Bar mat.VecDense
	var thBar mat.Dense
	s.Final(&xT)
	lam.SubVec(&xT, target)
	s.VJP(&x0Bar, &thBar, &lam)

	r := check.Gradient(func(th mat.Matrix) float64 { return loss(solve(th, x0)) },
		func(dst *mat.Dense) { dst.CloneFrom(&thBar) }, theta, nil)
	fmt.Println("∇_θ L agrees with finite differences:", r.Pass)
	// Forward sensitivities give the same numbers, one integration per parameter.
	var fwd [4]float64
	for i := range fwd {
		d := mat.NewDense(4, 1, nil)
		d.Set(i, 0, 1)
		var dxT mat.VecDense
		s.JVP(&dxT, mat.NewVecDense(2, nil), d)
		fwd[i] = mat.Dot(&lam, &dxT)
	}
	fmt.Printf("x(T) = (%.4f, %.4f), L = %.4f\n", xT.AtVec(0), xT.AtVec(1), loss(s))
	fmt.Printf("∇_θ L (adjoint) = %.5f\n", mat.Formatted(rounded(thBar.T(), 9)))
	fmt.Printf("∇_θ L (forward) = %.5f\n", mat.Formatted(rounded(mat.NewDense(1, 4, fwd[:]), 9)))
	fmt.Printf("∇_x(0) L        = %.5f\n", mat.Formatted(rounded(x0Bar.T(), 9)))
	// Output:
	// model JVP, adjoint identity: true true
	// ∇_θ L agrees with finite differences: true
	// x(T) = (0.5567, 3.4602), L = 30.9267
	// ∇_θ L (adjoint) = [-10.02340   50.16811   -8.56191   69.92817]
	// ∇_θ L (forward) = [-10.02340   50.16811   -8.56191   69.92817]
	// ∇_x(0) L        = [0.28491  2.25581]
}

// Topic 10: explicit Euler against RK4. The discrete adjoint gives the exact
// gradient of the computed x_N (finite differences of the solver agree with
// it to their own accuracy), and as the step shrinks that gradient tends to
// the gradient of the exact solution, here e^{TAᵀ}(x(T) − x*) for x(0), at
// the order of the method: the error falls 2× per halving of h for Euler
// and 16× for RK4.
func Example_odeEulerVsRK4() {
	a := mat.NewDense(2, 2, []float64{-0.2, 1, -1, -0.2})
	x0 := mat.NewVecDense(2, []float64{1, 0})
	target := mat.NewVecDense(2, []float64{0.5, 0.5})
	const T = 2.0

	var ta, e mat.Dense
	ta.Scale(T, a)
	e.Exp(&ta)
	var xExact, gExact mat.VecDense
	xExact.MulVec(&e, x0)
	gExact.SubVec(&xExact, target)
	gExact.MulVec(e.T(), &gExact) // the exact gradient in x(0)

	fmt.Println("method  steps  ‖x_N − x(T)‖  ‖∇ − ∇exact‖  gradient = FD")
	for _, m := range []ode.Method{ode.Euler, ode.RK4} {
		for _, steps := range []int{20, 40, 80} {
			solve := func(x0 mat.Vector) *ode.Solution {
				var s ode.Solution
				if err := s.Solve(ode.Linear{}, m, a, x0, T, steps); err != nil {
					panic(err)
				}
				return &s
			}
			loss := func(x mat.Matrix) float64 {
				var r mat.VecDense
				solve(x.(*mat.Dense).ColView(0)).Final(&r)
				r.SubVec(&r, target)
				return mat.Dot(&r, &r) / 2
			}
			s := solve(x0)
			var xT, lam, g, d mat.VecDense
			s.Final(&xT)
			lam.SubVec(&xT, target)
			s.VJP(&g, nil, &lam)
			d.SubVec(&xT, &xExact)
			errX := mat.Norm(&d, 2)
			d.SubVec(&g, &gExact)
			errG := mat.Norm(&d, 2)
			r := check.Gradient(loss, func(dst *mat.Dense) { dst.CloneFrom(mat.NewDense(2, 1, g.RawVector().Data)) },
				mat.NewDense(2, 1, x0.RawVector().Data), nil)
			fmt.Printf("%-6s  %5d  %12.1e  %12.1e  %v\n", m.Name, steps, errX, errG, r.Pass)
		}
	}
	// Output:
	// method  steps  ‖x_N − x(T)‖  ‖∇ − ∇exact‖  gradient = FD
	// Euler      20       7.4e-02       1.5e-01  true
	// Euler      40       3.6e-02       7.2e-02  true
	// Euler      80       1.8e-02       3.5e-02  true
	// RK4        20       1.3e-06       1.9e-06  true
	// RK4        40       7.8e-08       1.2e-07  true
	// RK4        80       4.8e-09       7.8e-09  true
}
