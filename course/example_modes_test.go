package course_test

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/check"
	"github.com/matcalc/matcalc/check/dual"
	"github.com/matcalc/matcalc/tape"
)

// Topic 9: forward mode with dual numbers. A dual number a + bε with ε² = 0
// carries a derivative through arithmetic: f(x + ε) = f(x) + f'(x)ε, because
// every operation applies its own derivative rule to the ε part (for a
// product, (a + bε)(c + dε) = ac + (ad + bc)ε). For f(x) = x² sin x + eˣ,
// f'(x) = 2x sin x + x² cos x + eˣ.
func Example_dualNumbers() {
	x := dual.New(1, 1) // 1 + 1·ε
	y := x.Mul(x).Mul(x.Sin()).Add(x.Exp())
	want := 2*math.Sin(1) + math.Cos(1) + math.E
	fmt.Printf("f(1)  = %.10f\n", y.Re)
	fmt.Printf("f'(1) = %.10f (by hand %.10f)\n", y.Eps[0], want)
	// Output:
	// f(1)  = 3.5597528133
	// f'(1) = 4.9415261039 (by hand 4.9415261039)
}

// Topic 9: the same derivative three ways for the output y = cᵀA⁻¹b of a
// linear model: forward mode by dual numbers (A + ε dA through an LU),
// forward mode on a computational graph (tape.JVP: one sweep per
// direction), and reverse mode on that graph (tape.Backward: one sweep for
// the whole gradient ∇_A y = −A⁻ᵀc (A⁻¹b)ᵀ, then <∇_A y, dA> for any dA).
func Example_forwardAndReverse() {
	a := mat.NewDense(3, 3, []float64{4, 1, 0, 1, 3, -1, 0, -1, 2})
	b := mat.NewDense(3, 1, []float64{1, 0, 2})
	c := mat.NewDense(1, 3, []float64{1, 1, 1})
	dA := mat.NewDense(3, 3, []float64{0, 1, 0, 0, 0, 0, 2, 0, -1})

	// Dual numbers: solve (A + ε dA) x = b in dual arithmetic.
	var xd dual.Matrix
	if err := xd.Solve(dual.NewMatrix(a, dA), dual.NewMatrix(b, mat.NewDense(3, 1, nil))); err != nil {
		panic(err)
	}
	var byDual float64
	for i := 0; i < 3; i++ {
		byDual += c.At(0, i) * xd.At(i, 0).Eps[0]
	}

	// The graph: y = c · Solve(A, b).
	var t tape.Tape
	av, bv, cv := t.Var(a), t.Var(b), t.Var(c)
	x, err := t.Solve(av, bv)
	if err != nil {
		panic(err)
	}
	y := t.Mul(cv, x)
	forward := t.JVP(y, map[*tape.Node]mat.Matrix{av: dA}).At(0, 0)
	t.Backward(y)
	reverse := check.Inner(av.Grad(), dA)

	fmt.Printf("y                = %.6f\n", y.Value().At(0, 0))
	fmt.Printf("dual numbers     = %.6f\n", byDual)
	fmt.Printf("tape, forward    = %.6f\n", forward)
	fmt.Printf("tape, reverse    = %.6f\n", reverse)
	fmt.Println("agree to 1e-14:", math.Abs(forward-byDual) < 1e-14 && math.Abs(reverse-byDual) < 1e-14)
	// Output:
	// y                = 1.666667
	// dual numbers     = 0.611111
	// tape, forward    = 0.611111
	// tape, reverse    = 0.611111
	// agree to 1e-14: true
}

// Topic 9: why reverse mode wins for a scalar loss with many parameters.
// The loss L(W) = ‖tanh(W X) − Y‖²_F has n² parameters. Forward mode gets
// one directional derivative per sweep, so the gradient takes n² tangent
// sweeps; reverse mode gets the whole gradient from one adjoint sweep of
// about twice the cost of evaluating L. The tape counts the flops of each
// sweep it runs (2mkn for an m×k by k×n product, one per entry for the
// elementwise operations); both gradients are computed and compared, and
// the smallest is also checked against finite differences.
func Example_reverseModeCost() {
	rnd := rand.New(rand.NewPCG(1, 2))
	const samples = 8
	fmt.Println("n   params  evaluate  reverse  forward (n² sweeps)")
	for _, n := range []int{4, 8, 16} {
		w := check.Gaussian(rnd, n, n)
		xs := check.Gaussian(rnd, n, samples)
		ys := check.Gaussian(rnd, n, samples)
		loss := func(t *tape.Tape, w mat.Matrix) (*tape.Node, *tape.Node) {
			wv := t.Var(w)
			r := t.Sub(t.Tanh(t.Mul(wv, t.Var(xs))), t.Var(ys))
			return wv, t.Sum(t.Square(r))
		}
		var t tape.Tape
		wv, l := loss(&t, w)
		eval := t.Flops().Forward

		t.Backward(l)
		rev := wv.Grad()

		fwd := mat.NewDense(n, n, nil)
		for i := 0; i < n; i++ {
			for j := 0; j < n; j++ {
				e := mat.NewDense(n, n, nil)
				e.Set(i, j, 1)
				fwd.Set(i, j, t.JVP(l, map[*tape.Node]mat.Matrix{wv: e}).At(0, 0))
			}
		}
		if !mat.EqualApprox(fwd, rev, 1e-12) {
			panic("forward and reverse gradients differ")
		}
		if n == 4 {
			f := func(w mat.Matrix) float64 {
				var t tape.Tape
				_, l := loss(&t, w)
				return l.Value().At(0, 0)
			}
			if r := check.Gradient(f, func(dst *mat.Dense) { dst.CloneFrom(rev) }, w, nil); !r.Pass {
				panic(r)
			}
		}
		fl := t.Flops()
		fmt.Printf("%-3d %6d  %8d  %7d  %8d\n", n, n*n, eval, fl.Adjoint, fl.Tangent)
	}
	// Output:
	// n   params  evaluate  reverse  forward (n² sweeps)
	// 4       16       384      672      6656
	// 8       64      1280     2368     86016
	// 16     256      4608     8832   1212416
}
