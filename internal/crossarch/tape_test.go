package crossarch_test

import (
	"github.com/matcalc/matcalc/tape"
)

// The tape item records loss = <A⁻¹B, C> + log|det A| on a tape.Tape and
// runs Backward: the loss and its gradients with respect to A, B and C
// (Ā = −A⁻ᵀ C Xᵀ + A⁻ᵀ with X = A⁻¹B, B̄ = A⁻ᵀ C, C̄ = X), each through an LU
// and products on the BLAS that TestMain installs. A is well conditioned
// (cond < 5), so every result is within a small multiple of cond·n·eps of
// its norm-wise bound on any path; the tolerance is derivTol.
func init() {
	workload = append(workload, seededItem("tape_grad", derivTol, func(in *inputs, o *outputs) {
		const k = 5
		var t tape.Tape
		a := t.Var(in.nearIdentity(derivN))
		b := t.Var(in.uniform(derivN, k))
		c := t.Var(in.uniform(derivN, k))
		x, err := t.Solve(a, b)
		if err != nil {
			panic(err)
		}
		ld, err := t.LogDet(a)
		if err != nil {
			panic(err)
		}
		loss := t.Add(t.Inner(x, c), ld)
		t.Backward(loss)
		o.dense(loss.Value())
		o.dense(a.Grad())
		o.dense(b.Grad())
		o.dense(c.Grad())
	}))
}
