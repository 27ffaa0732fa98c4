package course_test

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/check"
)

// Topic 11: calculus of variations. The functional
// J[u] = ∫₀¹ (½u'² + ½u²) dx with u(0) = 0, u(1) = 1 has the
// Euler–Lagrange equation −u″ + u = 0, solved by u = sinh x / sinh 1.
// Discretized on N intervals of width h,
//
//	J_h(u) = Σᵢ (u_{i+1} − u_i)²/(2h) + Σᵢ h u_i²/2,
//
// its gradient in the interior values is
// ∂J_h/∂u_i = h·[(2u_i − u_{i−1} − u_{i+1})/h² + u_i]: h times the discrete
// Euler–Lagrange residual −u″ + u. Gradient descent drives that residual
// to zero; the minimizer approximates the exact solution to O(h²).
//
// The gradient depends on the inner product (topic 6): plain descent uses
// the Euclidean one and needs thousands of steps, because J_h is badly
// conditioned (≈ 4/(π²h²)); descent in the discrete H¹ product
// <u, v>_K = uᵀKv, K the matrix of −d²/dx² + 1 times h, takes the gradient
// K⁻¹∇J_h and, J_h being quadratic with Hessian K, converges at once.
func Example_variations() {
	const n = 20 // intervals
	h := 1.0 / n
	bc0, bc1 := 0.0, 1.0
	full := func(u mat.Matrix) []float64 { // with the boundary values
		v := make([]float64, n+1)
		v[0], v[n] = bc0, bc1
		for i := 1; i < n; i++ {
			v[i] = u.At(i-1, 0)
		}
		return v
	}
	energy := func(u mat.Matrix) float64 {
		v := full(u)
		var s float64
		for i := 0; i < n; i++ {
			d := v[i+1] - v[i]
			s += d * d / (2 * h)
		}
		for i := 1; i < n; i++ {
			s += h * v[i] * v[i] / 2
		}
		return s
	}
	grad := func(dst *mat.Dense, u mat.Matrix) {
		v := full(u)
		for i := 1; i < n; i++ {
			dst.Set(i-1, 0, (2*v[i]-v[i-1]-v[i+1])/h+h*v[i])
		}
	}
	elResidual := func(u mat.Matrix) float64 { // max |−u'' + u| over the nodes
		var g mat.Dense
		g.ReuseAs(n-1, 1)
		grad(&g, u)
		return mat.Norm(&g, math.Inf(1)) / h
	}

	u := mat.NewDense(n-1, 1, nil) // start from u = 0 inside
	var g mat.Dense
	g.ReuseAs(n-1, 1)
	grad(&g, u)
	fmt.Println("gradient agrees with finite differences:",
		check.Gradient(energy, func(dst *mat.Dense) { dst.CloneFrom(&g) }, u, nil).Pass)

	// Euclidean gradient descent with step 1/L, L = 4/h + h ≥ ‖Hessian‖.
	step := 1 / (4/h + h)
	iters := 0
	for ; elResidual(u) > 1e-8; iters++ {
		grad(&g, u)
		g.Scale(step, &g)
		u.Sub(u, &g)
	}
	fmt.Printf("Euclidean descent: %d steps to |−u'' + u| ≤ 1e-8\n", iters)

	// H¹ descent: the gradient K⁻¹∇J_h, K = tridiag(−1/h, 2/h + h, −1/h).
	k := mat.NewSymDense(n-1, nil)
	for i := 0; i < n-1; i++ {
		k.SetSym(i, i, 2/h+h)
		if i+1 < n-1 {
			k.SetSym(i, i+1, -1/h)
		}
	}
	var chol mat.Cholesky
	if !chol.Factorize(k) {
		panic("K is not positive definite")
	}
	w := mat.NewDense(n-1, 1, nil)
	itersH1 := 0
	for ; elResidual(w) > 1e-8; itersH1++ {
		var gk mat.Dense
		g.Zero()
		grad(&g, w)
		if err := chol.SolveTo(&gk, &g); err != nil {
			panic(err)
		}
		w.Sub(w, &gk)
	}
	fmt.Printf("H¹ descent: %d step(s)\n", itersH1)

	mid := u.At(n/2-1, 0) // u(1/2)
	exact := math.Sinh(0.5) / math.Sinh(1)
	fmt.Printf("u(1/2) = %.5f, exact sinh(1/2)/sinh(1) = %.5f, difference %.1e\n", mid, exact, mid-exact)
	fmt.Println("the two minimizers agree:", mat.EqualApprox(u, w, 1e-9))
	// Output:
	// gradient agrees with finite differences: true
	// Euclidean descent: 2979 steps to |−u'' + u| ≤ 1e-8
	// H¹ descent: 1 step(s)
	// u(1/2) = 0.44342, exact sinh(1/2)/sinh(1) = 0.44341, difference 1.1e-05
	// the two minimizers agree: true
}
