package tape_test

import (
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/check"
	"github.com/matcalc/matcalc/tape"
)

// record builds the loss ‖tanh(W X) − Y‖²_F + log|det W| for an n×n W and
// 2n samples.
func record(rnd *rand.Rand, n int) (*tape.Tape, *tape.Node, *tape.Node) {
	var t tape.Tape
	w := t.Var(check.Conditioned(rnd, n, 10))
	r := t.Sub(t.Tanh(t.Mul(w, t.Var(check.Gaussian(rnd, n, 2*n)))), t.Var(check.Gaussian(rnd, n, 2*n)))
	ld, err := t.LogDet(w)
	if err != nil {
		panic(err)
	}
	return &t, w, t.Add(t.Sum(t.Square(r)), ld)
}

// BenchmarkRecord is the forward evaluation, recorded, n = 64.
func BenchmarkRecord(b *testing.B) {
	rnd := rand.New(rand.NewPCG(1, 2))
	for b.Loop() {
		record(rnd, 64)
	}
}

// BenchmarkBackward is one reverse sweep: the gradient in all 4096 entries
// of W.
func BenchmarkBackward(b *testing.B) {
	t, _, loss := record(rand.New(rand.NewPCG(1, 2)), 64)
	for b.Loop() {
		t.Backward(loss)
	}
}

// BenchmarkJVP is one forward sweep: the derivative along one direction.
func BenchmarkJVP(b *testing.B) {
	rnd := rand.New(rand.NewPCG(1, 2))
	t, w, loss := record(rnd, 64)
	dirs := map[*tape.Node]mat.Matrix{w: check.Direction(rnd, 64, 64)}
	for b.Loop() {
		t.JVP(loss, dirs)
	}
}
