package tape_test

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc"
	"github.com/matcalc/matcalc/check"
	"github.com/matcalc/matcalc/check/dual"
	"github.com/matcalc/matcalc/tape"
)

// opCase is one operation with its inputs; arg says which input is varied.
type opCase struct {
	name   string
	inputs []*mat.Dense
	build  func(t *tape.Tape, in []*tape.Node) *tape.Node
}

func must(n *tape.Node, err error) *tape.Node {
	if err != nil {
		panic(err)
	}
	return n
}

func opCases(rnd *rand.Rand) []opCase {
	g := func(r, c int) *mat.Dense { return check.Gaussian(rnd, r, c) }
	a := check.Conditioned(rnd, 4, 10)
	return []opCase{
		{"Add", []*mat.Dense{g(3, 2), g(3, 2)}, func(t *tape.Tape, in []*tape.Node) *tape.Node { return t.Add(in[0], in[1]) }},
		{"Sub", []*mat.Dense{g(3, 2), g(3, 2)}, func(t *tape.Tape, in []*tape.Node) *tape.Node { return t.Sub(in[0], in[1]) }},
		{"Scale", []*mat.Dense{g(2, 3)}, func(t *tape.Tape, in []*tape.Node) *tape.Node { return t.Scale(-1.5, in[0]) }},
		{"Mul", []*mat.Dense{g(3, 4), g(4, 2)}, func(t *tape.Tape, in []*tape.Node) *tape.Node { return t.Mul(in[0], in[1]) }},
		{"T", []*mat.Dense{g(3, 2)}, func(t *tape.Tape, in []*tape.Node) *tape.Node { return t.T(in[0]) }},
		{"Hadamard", []*mat.Dense{g(3, 2), g(3, 2)}, func(t *tape.Tape, in []*tape.Node) *tape.Node { return t.Hadamard(in[0], in[1]) }},
		{"Tanh", []*mat.Dense{g(3, 3)}, func(t *tape.Tape, in []*tape.Node) *tape.Node { return t.Tanh(in[0]) }},
		{"Exp", []*mat.Dense{g(2, 3)}, func(t *tape.Tape, in []*tape.Node) *tape.Node { return t.Exp(in[0]) }},
		{"Square", []*mat.Dense{g(2, 3)}, func(t *tape.Tape, in []*tape.Node) *tape.Node { return t.Square(in[0]) }},
		{"Trace", []*mat.Dense{g(3, 3)}, func(t *tape.Tape, in []*tape.Node) *tape.Node { return t.Trace(in[0]) }},
		{"Sum", []*mat.Dense{g(3, 2)}, func(t *tape.Tape, in []*tape.Node) *tape.Node { return t.Sum(in[0]) }},
		{"Inner", []*mat.Dense{g(3, 2), g(3, 2)}, func(t *tape.Tape, in []*tape.Node) *tape.Node { return t.Inner(in[0], in[1]) }},
		{"Solve", []*mat.Dense{a, g(4, 3)}, func(t *tape.Tape, in []*tape.Node) *tape.Node { return must(t.Solve(in[0], in[1])) }},
		{"Inverse", []*mat.Dense{a}, func(t *tape.Tape, in []*tape.Node) *tape.Node { return must(t.Inverse(in[0])) }},
		{"LogDet", []*mat.Dense{a}, func(t *tape.Tape, in []*tape.Node) *tape.Node { return must(t.LogDet(in[0])) }},
		// A small network with a shared node: both paths must add up.
		{"graph", []*mat.Dense{a, g(4, 2)}, func(t *tape.Tape, in []*tape.Node) *tape.Node {
			h := t.Tanh(t.Mul(in[0], in[1]))
			x := must(t.Solve(in[0], h))
			return t.Add(t.Mul(t.T(x), h), t.Scale(0.5, t.Mul(t.T(in[1]), in[1])))
		}},
	}
}

// TestOps checks every operation in each argument: the JVP against finite
// differences, the VJP against the JVP (the adjoint identity), and the
// gradient of <Ȳ, out> against finite differences entry by entry.
func TestOps(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	for _, c := range opCases(rnd) {
		for arg := range c.inputs {
			record := func(x mat.Matrix) (*tape.Tape, []*tape.Node, *tape.Node) {
				var tp tape.Tape
				in := make([]*tape.Node, len(c.inputs))
				for i, v := range c.inputs {
					if i == arg {
						in[i] = tp.Var(x)
					} else {
						in[i] = tp.Var(v)
					}
				}
				return &tp, in, c.build(&tp, in)
			}
			f := func(dst *mat.Dense, x mat.Matrix) {
				_, _, out := record(x)
				dst.CloneFrom(out.Value())
			}
			tp, in, out := record(c.inputs[arg])
			jvp := func(dst *mat.Dense, d mat.Matrix) {
				dst.CloneFrom(tp.JVP(out, map[*tape.Node]mat.Matrix{in[arg]: d}))
			}
			vjp := func(dst *mat.Dense, yBar mat.Matrix) {
				tp.VJP(out, yBar)
				dst.CloneFrom(in[arg].Grad())
			}
			r, cc := c.inputs[arg].Dims()
			p, q := out.Dims()
			dA := check.Direction(rnd, r, cc)
			yBar := check.Direction(rnd, p, q)
			name := c.name + "/" + string(rune('a'+arg))
			if res := check.JVP(f, jvp, c.inputs[arg], dA, nil); !res.Pass {
				t.Errorf("%s: JVP: %v", name, res)
			}
			if res := check.Adjoint(jvp, vjp, dA, yBar, nil); !res.Pass {
				t.Errorf("%s: adjoint: %v", name, res)
			}
			if c.name == "Trace" {
				// check.VJP cannot judge a gradient with structurally zero
				// entries yet (its step search reports an infinite error
				// there); the VJP ȳ·I is checked in closed form instead.
				var g mat.Dense
				vjp(&g, yBar)
				for i := 0; i < r; i++ {
					for j := 0; j < cc; j++ {
						want := 0.0
						if i == j {
							want = yBar.At(0, 0)
						}
						if g.At(i, j) != want {
							t.Errorf("Trace: VJP(%g) = %v", yBar.At(0, 0), mat.Formatted(&g))
						}
					}
				}
			} else if res := check.VJP(f, vjp, c.inputs[arg], yBar, nil); !res.Pass {
				t.Errorf("%s: VJP: %v", name, res)
			}
		}
	}
}

// TestClosedForm checks Backward on f(A, B) = tr(A⁻¹B) + log|det A| + ‖B‖²_F,
// whose gradients are −A⁻ᵀBᵀA⁻ᵀ + A⁻ᵀ and A⁻ᵀ + 2B, and the directional
// derivative of its first term against dual numbers.
func TestClosedForm(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	n := 5
	if testing.Short() {
		n = 3
	}
	a := check.Conditioned(rnd, n, 50)
	b := check.Gaussian(rnd, n, n)
	var tp tape.Tape
	av, bv := tp.Var(a), tp.Var(b)
	x := must(tp.Solve(av, bv))
	loss := tp.Add(tp.Add(tp.Trace(x), must(tp.LogDet(av))), tp.Inner(bv, bv))
	tp.Backward(loss)

	var inv, invT, wantA, wantB mat.Dense
	if err := inv.Inverse(a); err != nil {
		t.Fatal(err)
	}
	invT.CloneFrom(inv.T())
	wantA.Product(&invT, b.T(), &invT)
	wantA.Sub(&invT, &wantA)
	wantB.Scale(2, b)
	wantB.Add(&wantB, &invT)
	if g := av.Grad(); !mat.EqualApprox(g, &wantA, 1e-10*mat.Norm(&wantA, 2)) {
		t.Errorf("∂/∂A = %v, want %v", mat.Formatted(g), mat.Formatted(&wantA))
	}
	if g := bv.Grad(); !mat.EqualApprox(g, &wantB, 1e-10*mat.Norm(&wantB, 2)) {
		t.Errorf("∂/∂B = %v, want %v", mat.Formatted(g), mat.Formatted(&wantB))
	}
	lu, _ := mat.LogDet(a)
	want := mat.Trace(mat.NewDense(n, n, nil)) + lu + mat.Norm(b, 2)*mat.Norm(b, 2)
	var ab mat.Dense
	ab.Mul(&inv, b)
	want += mat.Trace(&ab)
	if got := loss.Value().At(0, 0); math.Abs(got-want) > 1e-11*math.Abs(want) {
		t.Errorf("loss = %v, want %v", got, want)
	}

	// Dual numbers: d tr(A⁻¹B)[dA, dB] against the tape's forward and
	// reverse modes.
	dA, dB := check.Direction(rnd, n, n), check.Direction(rnd, n, n)
	var xd dual.Matrix
	if err := xd.Solve(dual.NewMatrix(a, dA), dual.NewMatrix(b, dB)); err != nil {
		t.Fatal(err)
	}
	var oracle float64
	for i := 0; i < n; i++ {
		oracle += xd.At(i, i).Eps[0]
	}
	tr := tp.Trace(x)
	fwd := tp.JVP(tr, map[*tape.Node]mat.Matrix{av: dA, bv: dB}).At(0, 0)
	tp.Backward(tr)
	rev := check.Inner(av.Grad(), dA) + check.Inner(bv.Grad(), dB)
	for _, got := range []float64{fwd, rev} {
		if math.Abs(got-oracle) > 1e-11*(1+math.Abs(oracle)) {
			t.Errorf("d tr(A⁻¹B) = %.17g (forward %.17g, reverse %.17g), dual numbers %.17g", got, fwd, rev, oracle)
		}
	}
}

// TestFlops checks the operation counts: a product is 2mkn, and the reverse
// sweep of a scalar loss costs about as much as one forward sweep while the
// gradient by forward mode costs one sweep per parameter entry.
func TestFlops(t *testing.T) {
	var tp tape.Tape
	a := tp.Var(mat.NewDense(3, 4, nil))
	b := tp.Var(mat.NewDense(4, 5, nil))
	tp.Mul(a, b)
	if got := tp.Flops().Forward; got != 2*3*4*5 {
		t.Errorf("Mul: %d flops, want %d", got, 2*3*4*5)
	}

	rnd := rand.New(rand.NewPCG(5, 6))
	n := 6
	var tq tape.Tape
	w := check.Gaussian(rnd, n, n)
	xs := check.Gaussian(rnd, n, 3)
	wv, xv := tq.Var(w), tq.Var(xs)
	loss := tq.Sum(tq.Square(tq.Tanh(tq.Mul(wv, xv))))
	tq.Backward(loss)
	rev := tq.Flops().Adjoint
	grad := wv.Grad()
	// The gradient by forward mode: one JVP per entry of W.
	fwd := mat.NewDense(n, n, nil)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			e := mat.NewDense(n, n, nil)
			e.Set(i, j, 1)
			fwd.Set(i, j, tq.JVP(loss, map[*tape.Node]mat.Matrix{wv: e}).At(0, 0))
		}
	}
	if !mat.EqualApprox(fwd, grad, 1e-12) {
		t.Errorf("forward-mode gradient %v, reverse %v", mat.Formatted(fwd), mat.Formatted(grad))
	}
	fl := tq.Flops()
	if fl.Tangent < int64(n*n)*fl.Forward/2 || rev > 4*fl.Forward {
		t.Errorf("flops %+v: want tangent ≈ %d × forward and adjoint a few × forward", fl, n*n)
	}
}

func TestErrors(t *testing.T) {
	var tp tape.Tape
	sing := tp.Var(mat.NewDense(2, 2, []float64{1, 2, 2, 4}))
	b := tp.Var(mat.NewDense(2, 1, []float64{1, 1}))
	for name, f := range map[string]func() (*tape.Node, error){
		"Solve":   func() (*tape.Node, error) { return tp.Solve(sing, b) },
		"Inverse": func() (*tape.Node, error) { return tp.Inverse(sing) },
		"LogDet":  func() (*tape.Node, error) { return tp.LogDet(sing) },
	} {
		n, err := f()
		var ce *matcalc.ConditionError
		if n != nil || !errors.Is(err, matcalc.ErrSingular) || !errors.As(err, &ce) {
			t.Errorf("%s at a singular matrix: %v, %v", name, n, err)
		}
	}
	nan := tp.Var(mat.NewDense(1, 1, []float64{math.NaN()}))
	if _, err := tp.LogDet(nan); !errors.Is(err, matcalc.ErrNaN) {
		t.Errorf("LogDet(NaN): %v", err)
	}
	var other tape.Tape
	o := other.Var(mat.NewDense(2, 1, nil))
	mustPanic(t, "two tapes", func() { tp.Add(b, o) })
	mustPanic(t, "Mul shapes", func() { tp.Mul(b, b) })
	mustPanic(t, "Backward of a matrix", func() { tp.Backward(b) })
	mustPanic(t, "Trace of non-square", func() { tp.Trace(b) })
	mustPanic(t, "Solve shapes", func() { _, _ = tp.Solve(b, b) })
	// A node that does not reach the output has a zero gradient.
	s := tp.Sum(b)
	tp.Backward(s)
	if g := sing.Grad(); mat.Norm(g, 2) != 0 {
		t.Errorf("unreached node: grad %v", mat.Formatted(g))
	}
}

func mustPanic(t *testing.T, name string, f func()) {
	t.Helper()
	defer func() {
		if recover() == nil {
			t.Errorf("%s: no panic", name)
		}
	}()
	f()
}
