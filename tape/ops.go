package tape

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

func size(m mat.Matrix) int64 {
	r, c := m.Dims()
	return int64(r * c)
}

// Add records a + b.
func (t *Tape) Add(a, b *Node) *Node {
	t.mine("Add", a, b)
	sameShape("Add", "a", a.value, "b", b.value)
	var v mat.Dense
	v.Add(a.value, b.value)
	return t.push(&Node{op: "Add", value: &v, in: []*Node{a, b},
		jvp: func(tan []*mat.Dense) (*mat.Dense, int64) {
			switch {
			case tan[0] == nil:
				return tan[1], 0
			case tan[1] == nil:
				return tan[0], 0
			}
			var d mat.Dense
			d.Add(tan[0], tan[1])
			return &d, size(&d)
		},
		vjp: func(adj *mat.Dense, add func(int, *mat.Dense)) int64 {
			add(0, adj)
			add(1, adj)
			return 0
		},
	}, size(&v))
}

// Sub records a − b.
func (t *Tape) Sub(a, b *Node) *Node {
	t.mine("Sub", a, b)
	sameShape("Sub", "a", a.value, "b", b.value)
	var v mat.Dense
	v.Sub(a.value, b.value)
	return t.push(&Node{op: "Sub", value: &v, in: []*Node{a, b},
		jvp: func(tan []*mat.Dense) (*mat.Dense, int64) {
			var d mat.Dense
			switch {
			case tan[1] == nil:
				return tan[0], 0
			case tan[0] == nil:
				d.Scale(-1, tan[1])
			default:
				d.Sub(tan[0], tan[1])
			}
			return &d, size(&d)
		},
		vjp: func(adj *mat.Dense, add func(int, *mat.Dense)) int64 {
			var neg mat.Dense
			neg.Scale(-1, adj)
			add(0, adj)
			add(1, &neg)
			return size(adj)
		},
	}, size(&v))
}

// Scale records f·a for a constant f.
func (t *Tape) Scale(f float64, a *Node) *Node {
	t.mine("Scale", a)
	var v mat.Dense
	v.Scale(f, a.value)
	return t.push(&Node{op: "Scale", value: &v, in: []*Node{a},
		jvp: func(tan []*mat.Dense) (*mat.Dense, int64) {
			var d mat.Dense
			d.Scale(f, tan[0])
			return &d, size(&d)
		},
		vjp: func(adj *mat.Dense, add func(int, *mat.Dense)) int64 {
			var g mat.Dense
			g.Scale(f, adj)
			add(0, &g)
			return size(&g)
		},
	}, size(&v))
}

// Mul records the product a·b: d(AB) = dA B + A dB, Ā = Ȳ Bᵀ, B̄ = Aᵀ Ȳ.
func (t *Tape) Mul(a, b *Node) *Node {
	t.mine("Mul", a, b)
	m, k := a.Dims()
	k2, n := b.Dims()
	if k != k2 {
		panic(fmt.Sprintf("tape.Mul: a is %d×%d, b is %d×%d", m, k, k2, n))
	}
	var v mat.Dense
	v.Mul(a.value, b.value)
	prod := int64(2 * m * k * n)
	return t.push(&Node{op: "Mul", value: &v, in: []*Node{a, b},
		jvp: func(tan []*mat.Dense) (*mat.Dense, int64) {
			var d mat.Dense
			var f int64
			if tan[0] != nil {
				d.Mul(tan[0], b.value)
				f += prod
			}
			if tan[1] != nil {
				var e mat.Dense
				e.Mul(a.value, tan[1])
				f += prod
				if d.IsEmpty() {
					return &e, f
				}
				d.Add(&d, &e)
				f += int64(m * n)
			}
			return &d, f
		},
		vjp: func(adj *mat.Dense, add func(int, *mat.Dense)) int64 {
			var ga, gb mat.Dense
			ga.Mul(adj, b.value.T())
			gb.Mul(a.value.T(), adj)
			add(0, &ga)
			add(1, &gb)
			return 2 * prod
		},
	}, prod)
}

// T records the transpose aᵀ.
func (t *Tape) T(a *Node) *Node {
	t.mine("T", a)
	v := mat.DenseCopyOf(a.value.T())
	return t.push(&Node{op: "T", value: v, in: []*Node{a},
		jvp: func(tan []*mat.Dense) (*mat.Dense, int64) {
			return mat.DenseCopyOf(tan[0].T()), 0
		},
		vjp: func(adj *mat.Dense, add func(int, *mat.Dense)) int64 {
			add(0, mat.DenseCopyOf(adj.T()))
			return 0
		},
	}, 0)
}

// Hadamard records the elementwise product a ∘ b.
func (t *Tape) Hadamard(a, b *Node) *Node {
	t.mine("Hadamard", a, b)
	sameShape("Hadamard", "a", a.value, "b", b.value)
	var v mat.Dense
	v.MulElem(a.value, b.value)
	return t.push(&Node{op: "Hadamard", value: &v, in: []*Node{a, b},
		jvp: func(tan []*mat.Dense) (*mat.Dense, int64) {
			var d mat.Dense
			var f int64
			if tan[0] != nil {
				d.MulElem(tan[0], b.value)
				f += size(&d)
			}
			if tan[1] != nil {
				var e mat.Dense
				e.MulElem(a.value, tan[1])
				f += size(&e)
				if d.IsEmpty() {
					return &e, f
				}
				d.Add(&d, &e)
				f += size(&e)
			}
			return &d, f
		},
		vjp: func(adj *mat.Dense, add func(int, *mat.Dense)) int64 {
			var ga, gb mat.Dense
			ga.MulElem(adj, b.value)
			gb.MulElem(adj, a.value)
			add(0, &ga)
			add(1, &gb)
			return 2 * size(adj)
		},
	}, size(&v))
}

// Apply records the elementwise function f applied to a, with its
// derivative df: the JVP is df(A) ∘ Ȧ and the VJP df(A) ∘ Ȳ. name labels the
// node. Each evaluation of f or df counts as one flop.
func (t *Tape) Apply(name string, a *Node, f, df func(float64) float64) *Node {
	t.mine("Apply", a)
	r, c := a.Dims()
	v := mat.NewDense(r, c, nil)
	v.Apply(func(_, _ int, x float64) float64 { return f(x) }, a.value)
	var deriv *mat.Dense // df(A), computed on the first derivative sweep
	dA := func() *mat.Dense {
		if deriv == nil {
			deriv = mat.NewDense(r, c, nil)
			deriv.Apply(func(_, _ int, x float64) float64 { return df(x) }, a.value)
		}
		return deriv
	}
	return t.push(&Node{op: name, value: v, in: []*Node{a},
		jvp: func(tan []*mat.Dense) (*mat.Dense, int64) {
			var d mat.Dense
			d.MulElem(dA(), tan[0])
			return &d, 2 * size(&d)
		},
		vjp: func(adj *mat.Dense, add func(int, *mat.Dense)) int64 {
			var g mat.Dense
			g.MulElem(dA(), adj)
			add(0, &g)
			return 2 * size(&g)
		},
	}, size(v))
}

// Tanh records the elementwise hyperbolic tangent of a.
func (t *Tape) Tanh(a *Node) *Node {
	return t.Apply("Tanh", a, math.Tanh, func(x float64) float64 {
		y := math.Tanh(x)
		return 1 - y*y
	})
}

// Exp records the elementwise exponential of a.
func (t *Tape) Exp(a *Node) *Node { return t.Apply("Exp", a, math.Exp, math.Exp) }

// Square records the elementwise square of a.
func (t *Tape) Square(a *Node) *Node {
	return t.Apply("Square", a, func(x float64) float64 { return x * x }, func(x float64) float64 { return 2 * x })
}

// Trace records the trace of the square a, a 1×1 node: the JVP is tr(Ȧ)
// and the VJP ȳ·I.
func (t *Tape) Trace(a *Node) *Node {
	t.mine("Trace", a)
	n, c := a.Dims()
	if n != c {
		panic(fmt.Sprintf("tape.Trace: a is %d×%d, want a square matrix", n, c))
	}
	v := mat.NewDense(1, 1, []float64{mat.Trace(a.value)})
	return t.push(&Node{op: "Trace", value: v, in: []*Node{a},
		jvp: func(tan []*mat.Dense) (*mat.Dense, int64) {
			return mat.NewDense(1, 1, []float64{mat.Trace(tan[0])}), int64(n)
		},
		vjp: func(adj *mat.Dense, add func(int, *mat.Dense)) int64 {
			g := mat.NewDense(n, n, nil)
			for i := 0; i < n; i++ {
				g.Set(i, i, adj.At(0, 0))
			}
			add(0, g)
			return 0
		},
	}, int64(n))
}

// Sum records the sum of the entries of a, a 1×1 node.
func (t *Tape) Sum(a *Node) *Node {
	t.mine("Sum", a)
	r, c := a.Dims()
	v := mat.NewDense(1, 1, []float64{mat.Sum(a.value)})
	return t.push(&Node{op: "Sum", value: v, in: []*Node{a},
		jvp: func(tan []*mat.Dense) (*mat.Dense, int64) {
			return mat.NewDense(1, 1, []float64{mat.Sum(tan[0])}), size(tan[0])
		},
		vjp: func(adj *mat.Dense, add func(int, *mat.Dense)) int64 {
			g := mat.NewDense(r, c, nil)
			for i := 0; i < r; i++ {
				for j := 0; j < c; j++ {
					g.Set(i, j, adj.At(0, 0))
				}
			}
			add(0, g)
			return 0
		},
	}, size(a.value))
}

// Inner records the Frobenius inner product <a, b> = tr(aᵀb), a 1×1 node.
func (t *Tape) Inner(a, b *Node) *Node {
	t.mine("Inner", a, b)
	sameShape("Inner", "a", a.value, "b", b.value)
	v := mat.NewDense(1, 1, []float64{inner(a.value, b.value)})
	return t.push(&Node{op: "Inner", value: v, in: []*Node{a, b},
		jvp: func(tan []*mat.Dense) (*mat.Dense, int64) {
			var s float64
			var f int64
			if tan[0] != nil {
				s += inner(tan[0], b.value)
				f += 2 * size(b.value)
			}
			if tan[1] != nil {
				s += inner(a.value, tan[1])
				f += 2 * size(a.value)
			}
			return mat.NewDense(1, 1, []float64{s}), f
		},
		vjp: func(adj *mat.Dense, add func(int, *mat.Dense)) int64 {
			var ga, gb mat.Dense
			ga.Scale(adj.At(0, 0), b.value)
			gb.Scale(adj.At(0, 0), a.value)
			add(0, &ga)
			add(1, &gb)
			return 2 * size(a.value)
		},
	}, 2*size(a.value))
}

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
