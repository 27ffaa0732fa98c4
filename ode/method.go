package ode

// Method is an explicit Runge–Kutta method, given by its Butcher tableau:
// stage i evaluates f at x + h Σ_{j<i} A[i][j] k_j, and the step is
// x + h Σ_i B[i] k_i. A must be strictly lower triangular (the method
// explicit), which Solve checks, and Σ B[i] = 1 for consistency, which is
// the user's business.
type Method struct {
	Name string      // for messages, e.g. "RK4"
	A    [][]float64 // s×s, strictly lower triangular
	B    []float64   // s weights
}

// Stages returns the number of stages s of m.
func (m Method) Stages() int { return len(m.B) }

// The methods of the course. Each is a value that may be copied; do not
// modify their tableaux.
var (
	// Euler is the explicit Euler method x' = x + h f(x): first order,
	// one stage.
	Euler = Method{Name: "Euler", A: [][]float64{{0}}, B: []float64{1}}

	// Heun is the explicit trapezoidal rule: second order, two stages.
	Heun = Method{Name: "Heun", A: [][]float64{{0, 0}, {1, 0}}, B: []float64{0.5, 0.5}}

	// RK4 is the classical fourth-order Runge–Kutta method, four stages.
	RK4 = Method{
		Name: "RK4",
		A: [][]float64{
			{0, 0, 0, 0},
			{0.5, 0, 0, 0},
			{0, 0.5, 0, 0},
			{0, 0, 1, 0},
		},
		B: []float64{1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6},
	}
)

// valid reports whether m is an explicit, consistent tableau.
func (m Method) valid() bool {
	s := len(m.B)
	if s == 0 || len(m.A) != s {
		return false
	}
	for i, row := range m.A {
		if len(row) != s {
			return false
		}
		for j := i; j < s; j++ {
			if row[j] != 0 {
				return false
			}
		}
	}
	return true
}
