package tape

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc"
)

// factorize returns the LU of the square a, or an error matching
// matcalc.ErrSingular if a is singular to working precision, or
// matcalc.ErrNaN for NaN or Inf in a.
func factorize(op string, a *mat.Dense) (*mat.LU, error) {
	n, c := a.Dims()
	if n != c {
		panic(fmt.Sprintf("tape.%s: a is %d×%d, want a square matrix", op, n, c))
	}
	for i := 0; i < n; i++ {
		for _, v := range a.RawRowView(i) {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, &matcalc.Error{Op: "tape." + op, Err: matcalc.ErrNaN}
			}
		}
	}
	var lu mat.LU
	lu.Factorize(a)
	if cond := lu.Cond(); math.IsInf(cond, 1) || cond*0x1p-53 >= 1 {
		return nil, &matcalc.ConditionError{Op: "tape." + op, Cond: cond, Singular: true}
	}
	return &lu, nil
}

func luFlops(n int) int64 { return int64(2 * n * n * n / 3) }

// solveFlops is the cost of the two triangular solves for k right-hand
// sides with an n×n LU.
func solveFlops(n, k int) int64 { return int64(2 * n * n * k) }

// Solve records X = a⁻¹b, the solution of a·X = b, by one LU of a that the
// derivative sweeps reuse: Ẋ = A⁻¹(Ḃ − Ȧ X), B̄ = A⁻ᵀ X̄, Ā = −B̄ Xᵀ.
// The error matches matcalc.ErrSingular if a is singular to working
// precision (or matcalc.ErrNaN for NaN or Inf in it); nothing is recorded
// then. Solve panics if a is not square or b has another number of rows.
func (t *Tape) Solve(a, b *Node) (*Node, error) {
	t.mine("Solve", a, b)
	n, _ := a.Dims()
	br, k := b.Dims()
	if ar, ac := a.Dims(); ar != ac || br != ar {
		panic(fmt.Sprintf("tape.Solve: a is %d×%d, b is %d×%d", ar, ac, br, k))
	}
	lu, err := factorize("Solve", a.value)
	if err != nil {
		return nil, err
	}
	var x mat.Dense
	if err := lu.SolveTo(&x, false, b.value); err != nil && !isCondition(err) {
		return nil, &matcalc.ConditionError{Op: "tape.Solve", Cond: math.Inf(1), Singular: true}
	}
	return t.push(&Node{op: "Solve", value: &x, in: []*Node{a, b},
		jvp: func(tan []*mat.Dense) (*mat.Dense, int64) {
			rhs := mat.NewDense(n, k, nil)
			var f int64
			if tan[1] != nil {
				rhs.Copy(tan[1])
			}
			if tan[0] != nil {
				var ax mat.Dense
				ax.Mul(tan[0], &x)
				rhs.Sub(rhs, &ax)
				f += 2*int64(n*n*k) + int64(n*k)
			}
			var d mat.Dense
			_ = lu.SolveTo(&d, false, rhs) // the LU was checked nonsingular
			return &d, f + solveFlops(n, k)
		},
		vjp: func(adj *mat.Dense, add func(int, *mat.Dense)) int64 {
			var bBar, aBar mat.Dense
			_ = lu.SolveTo(&bBar, true, adj)
			aBar.Mul(&bBar, x.T())
			aBar.Scale(-1, &aBar)
			add(0, &aBar)
			add(1, &bBar)
			return solveFlops(n, k) + 2*int64(n*k*n) + int64(n*n)
		},
	}, luFlops(n)+solveFlops(n, k)), nil
}

// Inverse records Y = a⁻¹: Ẏ = −Y Ȧ Y and Ā = −Yᵀ Ȳ Yᵀ. Errors and panics
// are those of Solve.
func (t *Tape) Inverse(a *Node) (*Node, error) {
	t.mine("Inverse", a)
	n, _ := a.Dims()
	lu, err := factorize("Inverse", a.value)
	if err != nil {
		return nil, err
	}
	y := mat.NewDense(n, n, nil)
	for i := 0; i < n; i++ {
		y.Set(i, i, 1)
	}
	if err := lu.SolveTo(y, false, y); err != nil && !isCondition(err) {
		return nil, &matcalc.ConditionError{Op: "tape.Inverse", Cond: math.Inf(1), Singular: true}
	}
	cube := int64(2 * n * n * n)
	return t.push(&Node{op: "Inverse", value: y, in: []*Node{a},
		jvp: func(tan []*mat.Dense) (*mat.Dense, int64) {
			var d mat.Dense
			d.Product(y, tan[0], y)
			d.Scale(-1, &d)
			return &d, 2*cube + int64(n*n)
		},
		vjp: func(adj *mat.Dense, add func(int, *mat.Dense)) int64 {
			var g mat.Dense
			g.Product(y.T(), adj, y.T())
			g.Scale(-1, &g)
			add(0, &g)
			return 2*cube + int64(n*n)
		},
	}, cube), nil
}

// LogDet records log|det a|, a 1×1 node, from an LU: its JVP is
// tr(A⁻¹Ȧ) = <A⁻ᵀ, Ȧ> and its VJP ȳ·A⁻ᵀ, with A⁻¹ formed from the LU once,
// on the first derivative sweep that needs it. Errors and panics are those
// of Solve: log|det| is −∞ at a singular matrix.
func (t *Tape) LogDet(a *Node) (*Node, error) {
	t.mine("LogDet", a)
	n, _ := a.Dims()
	lu, err := factorize("LogDet", a.value)
	if err != nil {
		return nil, err
	}
	logAbs, _ := lu.LogDet()
	var invT *mat.Dense // A⁻ᵀ
	grad := func() (*mat.Dense, int64) {
		if invT != nil {
			return invT, 0
		}
		invT = mat.NewDense(n, n, nil)
		for i := 0; i < n; i++ {
			invT.Set(i, i, 1)
		}
		_ = lu.SolveTo(invT, true, invT)
		return invT, int64(4 * n * n * n / 3)
	}
	return t.push(&Node{op: "LogDet", value: mat.NewDense(1, 1, []float64{logAbs}), in: []*Node{a},
		jvp: func(tan []*mat.Dense) (*mat.Dense, int64) {
			g, f := grad()
			return mat.NewDense(1, 1, []float64{inner(g, tan[0])}), f + 2*int64(n*n)
		},
		vjp: func(adj *mat.Dense, add func(int, *mat.Dense)) int64 {
			g, f := grad()
			var d mat.Dense
			d.Scale(adj.At(0, 0), g)
			add(0, &d)
			return f + int64(n*n)
		},
	}, luFlops(n)), nil
}

// isCondition reports whether err is gonum's warning of an ill-conditioned
// but nonsingular matrix, after which the result is still computed.
func isCondition(err error) bool {
	c, ok := err.(mat.Condition)
	return ok && !math.IsInf(float64(c), 1)
}
