package power

import (
	"fmt"
	"math/bits"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc"
	"github.com/matcalc/matcalc/internal/dense"
	"github.com/matcalc/matcalc/inverse"
)

// Power is the integer power A^k of a square matrix, kept as the chain of
// products of binary powering so that its first and second derivatives cost
// O(log |k|) further products.
//
// For k ≥ 1 the chain powers M = A; for k ≤ −1 it powers M = A⁻¹, from an
// LU factorization; k = 0 gives the identity, whose derivatives are zero.
// Binary powering runs from the leading bit of m = |k|: R ← M, then for each
// further bit R ← R R, and R ← R M when the bit is set. Factorize keeps
// every intermediate R, so the derivatives never recompute a power: a JVP or
// VJP costs two n×n products per step, at most 4⌊log₂ m⌋ in all and
// 2(⌊log₂ m⌋ + popcount(m) − 1) exactly (28 for k = 1000), plus two for
// k < 0; an HVP costs eight per step, plus seven for k < 0.
//
// Every method reuses its workspace, so after a first call that sizes it,
// calls with the same n and k and right-sized destinations allocate nothing
// (up to the size where gonum's BLAS starts goroutines).
//
// The zero value is empty; methods other than Factorize panic until a
// Factorize has succeeded or reported only ill-conditioning. A Power is not
// safe for concurrent use: its methods share the workspace.
type Power struct {
	n, k  int
	valid bool

	ops  []bool      // ops[j]: multiply by M (true) or square (false)
	pows [][]float64 // pows[0] = M, pows[j+1] = pows[j] after ops[j]; the last is M^|k|

	lu   inverse.LU // the factorization of A when k < 0
	invA mat.Dense  // A⁻¹ when k < 0

	d [2][]float64 // first-order tangents, ping-pong
	g [2][]float64 // second direction of HVP, ping-pong
	h [2][]float64 // mixed second-order tangents of HVP, ping-pong
	t [6][]float64 // base tangents and temporaries

	in1, in2 []float64 // copies of inputs that are not mat.RawMatrixer
}

// Factorize computes A^k for the square matrix a, keeping the intermediate
// powers its derivatives need. It panics if a is not square.
//
// The error is nil when all went well. Otherwise it is
//   - a *matcalc.Error matching matcalc.ErrNaN when a has a NaN or ±Inf
//     element, for every k;
//   - for k < 0, the error of (*inverse.LU).Factorize with Op set to this
//     method: a *matcalc.ConditionError with Singular set when a is singular
//     (the receiver is then empty), or one carrying the condition estimate
//     when a is ill-conditioned (the power is still computed and kept);
//   - a *matcalc.Error matching matcalc.ErrOverflow when A^k overflows: an
//     element of the result is ±Inf or NaN though a is finite.
//
// After an error other than ill-conditioning the receiver is empty.
func (f *Power) Factorize(a mat.Matrix, k int) error {
	const op = "power.(*Power).Factorize"
	r, c := a.Dims()
	if r != c {
		panic(fmt.Sprintf("%s: a is %d×%d, want square", op, r, c))
	}
	n := r
	f.n, f.k, f.valid = n, k, false
	f.ops = f.ops[:0]
	if n == 0 {
		f.valid = true
		return nil
	}
	m0 := dense.General(dense.Grow(f.pow(0), n*n), n, n)
	dense.CopyFrom(m0, a)
	if i, j, ok := dense.Finite(m0); !ok {
		return &matcalc.Error{Op: op, Err: matcalc.ErrNaN,
			Detail: fmt.Sprintf("a[%d,%d] = %v", i, j, m0.Data[i*m0.Stride+j])}
	}
	if k == 0 {
		f.valid = true
		return nil
	}
	var cerr error
	if k < 0 {
		cerr = f.lu.Factorize(a)
		if ce, ok := cerr.(*matcalc.ConditionError); ok {
			cerr = &matcalc.ConditionError{Op: op, Cond: ce.Cond, Singular: ce.Singular}
			if ce.Singular {
				return cerr
			}
		} else if cerr != nil {
			return cerr
		}
		if r, _ := f.invA.Dims(); r != n {
			f.invA.Reset()
		}
		f.lu.Inverse(&f.invA)
		dense.CopyFrom(m0, &f.invA)
	}

	// The chain of binary powering from the leading bit of m = |k|.
	m := uint(k)
	if k < 0 {
		m = uint(-k)
	}
	for i := bits.Len(m) - 2; i >= 0; i-- {
		f.ops = append(f.ops, false)
		if m>>uint(i)&1 == 1 {
			f.ops = append(f.ops, true)
		}
	}
	for j, mulM := range f.ops {
		p := dense.General(f.pows[j], n, n)
		next := dense.General(dense.Grow(f.pow(j+1), n*n), n, n)
		if mulM {
			dense.Mul(blas.NoTrans, blas.NoTrans, 1, p, m0, 0, next)
		} else {
			dense.Mul(blas.NoTrans, blas.NoTrans, 1, p, p, 0, next)
		}
	}
	if i, j, ok := dense.Finite(f.value()); !ok {
		return &matcalc.Error{Op: op, Err: matcalc.ErrOverflow,
			Detail: fmt.Sprintf("A^%d overflows: element [%d,%d] is %v", k, i, j, f.value().Data[i*n+j])}
	}
	f.valid = true
	return cerr
}

// pow returns the buffer of pows[j], extending pows as needed.
func (f *Power) pow(j int) *[]float64 {
	for len(f.pows) <= j {
		f.pows = append(f.pows, nil)
	}
	return &f.pows[j]
}

// value returns M^|k|, the last matrix of the chain. It is valid for k ≠ 0.
func (f *Power) value() blas64.General {
	return dense.General(f.pows[len(f.ops)], f.n, f.n)
}

// Size returns n for the power of an n×n matrix.
func (f *Power) Size() int { return f.n }

// K returns the exponent k of the last Factorize.
func (f *Power) K() int { return f.k }

// Value stores A^k in dst: the identity for k = 0. A zero-value dst is sized
// n×n; any other shape panics.
func (f *Power) Value(dst *mat.Dense) {
	const op = "power.(*Power).Value"
	f.mustValid(op)
	d := dense.Output(dst, f.n, f.n, op, "dst")
	if f.n == 0 {
		return
	}
	if f.k == 0 {
		dense.Zero(d)
		for i := 0; i < f.n; i++ {
			d.Data[i*d.Stride+i] = 1
		}
		return
	}
	dense.CopyGeneral(d, f.value())
}

// mustValid panics naming op when the receiver holds no valid power.
func (f *Power) mustValid(op string) {
	if !f.valid {
		panic(op + ": no valid power (Factorize failed or was not called)")
	}
}
