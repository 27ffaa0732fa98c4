package tape

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// Tape records a computation on matrices as it runs, for differentiation in
// reverse mode (Backward, VJP) or forward mode (JVP). The zero value is an
// empty tape ready for use. A Tape is not safe for concurrent use.
type Tape struct {
	nodes []*Node
	flops Flops
}

// Flops counts floating-point operations: of the forward evaluation as it
// was recorded, and of all the tangent (JVP) and adjoint (Backward, VJP)
// sweeps run so far.
type Flops struct {
	Forward, Tangent, Adjoint int64
}

// Node is one value on a Tape: an input made by Var or the result of an
// operation.
type Node struct {
	t     *Tape
	id    int
	op    string
	value *mat.Dense
	in    []*Node

	// jvp returns the tangent of the node from the tangents of its inputs
	// (nil for zero) and the flops it spent, or nil if every input tangent
	// is zero.
	jvp func(tan []*mat.Dense) (*mat.Dense, int64)
	// vjp adds the node's adjoint pulled back to each input through add and
	// returns the flops it spent.
	vjp func(adj *mat.Dense, add func(i int, contrib *mat.Dense)) int64

	adj *mat.Dense // the adjoint after a reverse sweep, nil for zero
}

// Value returns the value of n. It must not be modified.
func (n *Node) Value() *mat.Dense { return n.value }

// Dims returns the shape of n's value.
func (n *Node) Dims() (r, c int) { return n.value.Dims() }

// Op returns the name of the operation that made n, "Var" for an input.
func (n *Node) Op() string { return n.op }

// Grad returns the gradient of the output of the last Backward (or the
// cotangent pulled back by the last VJP) with respect to n: a new matrix of
// n's shape, zero when n does not reach that output.
func (n *Node) Grad() *mat.Dense {
	r, c := n.Dims()
	g := mat.NewDense(r, c, nil)
	if n.adj != nil {
		g.Copy(n.adj)
	}
	return g
}

// Len returns the number of nodes on t.
func (t *Tape) Len() int { return len(t.nodes) }

// Flops returns the operation counts so far.
func (t *Tape) Flops() Flops { return t.flops }

// Var records an input: a copy of a, whose gradient Backward computes.
func (t *Tape) Var(a mat.Matrix) *Node {
	return t.push(&Node{op: "Var", value: mat.DenseCopyOf(a)}, 0)
}

func (t *Tape) push(n *Node, flops int64) *Node {
	n.t = t
	n.id = len(t.nodes)
	t.nodes = append(t.nodes, n)
	t.flops.Forward += flops
	return n
}

// mine panics unless every node belongs to t.
func (t *Tape) mine(op string, ns ...*Node) {
	for _, n := range ns {
		if n == nil || n.t != t {
			panic(fmt.Sprintf("tape.%s: node from another tape", op))
		}
	}
}

// Backward runs the reverse sweep from the scalar (1×1) out with seed 1, so
// that each node's Grad is the gradient of out with respect to it.
// It panics if out is not 1×1.
func (t *Tape) Backward(out *Node) {
	if r, c := out.Dims(); r != 1 || c != 1 {
		panic(fmt.Sprintf("tape.Backward: output is %d×%d, want 1×1 (use VJP)", r, c))
	}
	t.VJP(out, mat.NewDense(1, 1, []float64{1}))
}

// VJP runs the reverse sweep from out with cotangent seed: afterwards the
// Grad of each node n is the pullback (∂out/∂n)*[seed] under the Frobenius
// inner product. The sweep visits the nodes recorded before out from last to
// first, once each, and each visited operation applies its VJP: its cost is
// a small multiple of the forward evaluation, however many inputs there are.
// It panics if seed is not of out's shape.
func (t *Tape) VJP(out *Node, seed mat.Matrix) {
	t.mine("VJP", out)
	sameShape("VJP", "seed", seed, "out", out.value)
	for _, n := range t.nodes {
		n.adj = nil
	}
	out.adj = mat.DenseCopyOf(seed)
	for i := out.id; i >= 0; i-- {
		n := t.nodes[i]
		if n.adj == nil || n.vjp == nil {
			continue
		}
		t.flops.Adjoint += n.vjp(n.adj, func(k int, contrib *mat.Dense) {
			in := n.in[k]
			if in.adj == nil {
				in.adj = mat.DenseCopyOf(contrib) // contrib may be shared
				return
			}
			in.adj.Add(in.adj, contrib)
			r, c := contrib.Dims()
			t.flops.Adjoint += int64(r * c)
		})
	}
}

// JVP runs the forward (tangent) sweep to out from the tangents dirs of some
// nodes, usually inputs (the others have zero tangent), and returns the
// tangent of out: the directional derivative of out along dirs. It visits the
// nodes up to out in order, skipping those that no tangent reaches. It
// panics if a direction differs in shape from its node.
func (t *Tape) JVP(out *Node, dirs map[*Node]mat.Matrix) *mat.Dense {
	t.mine("JVP", out)
	tan := make([]*mat.Dense, out.id+1)
	for n, d := range dirs {
		t.mine("JVP", n)
		sameShape("JVP", "direction", d, n.op, n.value)
		if n.id <= out.id {
			tan[n.id] = mat.DenseCopyOf(d)
		}
	}
	for i := 0; i <= out.id; i++ {
		n := t.nodes[i]
		if n.jvp == nil || tan[i] != nil {
			continue
		}
		in := make([]*mat.Dense, len(n.in))
		any := false
		for k, m := range n.in {
			in[k] = tan[m.id]
			any = any || in[k] != nil
		}
		if !any {
			continue
		}
		var f int64
		tan[i], f = n.jvp(in)
		t.flops.Tangent += f
	}
	r, c := out.Dims()
	res := mat.NewDense(r, c, nil)
	if tan[out.id] != nil {
		res.Copy(tan[out.id])
	}
	return res
}

func sameShape(op, an string, a mat.Matrix, bn string, b mat.Matrix) {
	ar, ac := a.Dims()
	br, bc := b.Dims()
	if ar != br || ac != bc {
		panic(fmt.Sprintf("tape.%s: %s is %d×%d, %s is %d×%d", op, an, ar, ac, bn, br, bc))
	}
}
