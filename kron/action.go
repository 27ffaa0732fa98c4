package kron

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// Action is the map (A, B, x) ↦ y = (A ⊗ B) x at one point, with its
// derivatives: what fitting a separable, Kronecker-structured model needs.
// For A m×n, B p×q and x of length n·q, view x as the row-major n×q matrix
// X (x[j*q+l] = X[j, l]); then y is the row-major m×p matrix
//
//	Y = A X Bᵀ,
//
// and
//
//	dY = dA X Bᵀ + A X dBᵀ + A dX Bᵀ              (JVP)
//	Ā  = Ȳ B Xᵀ,  B̄ = Ȳᵀ A X,  X̄ = Aᵀ Ȳ B        (VJP).
//
// In the package's vec convention (columns stacked) the same statement is
// x = vec(Z) for the q×n matrix Z = Xᵀ and y = vec(B Z Aᵀ), the identity
// (A ⊗ B) vec(Z) = vec(B Z Aᵀ). The products X Bᵀ and A X are computed once,
// on first use.
type Action struct {
	a, b, x *mat.Dense // A m×n, B p×q, X n×q
	xbt, ax *mat.Dense // X Bᵀ (n×p) and A X (m×q), cached
}

// NewAction returns the map (A, B, x) ↦ (A ⊗ B) x at (a, b, x); it copies
// its arguments. It panics if len(x) is not the number of columns of A ⊗ B.
func NewAction(a, b mat.Matrix, x []float64) *Action {
	m, n := a.Dims()
	p, q := b.Dims()
	if len(x) != n*q {
		panic(fmt.Sprintf("kron.NewAction: x has length %d, want %d for A %d×%d ⊗ B %d×%d", len(x), n*q, m, n, p, q))
	}
	return &Action{
		a: mat.DenseCopyOf(a),
		b: mat.DenseCopyOf(b),
		x: mat.NewDense(n, q, append([]float64(nil), x...)),
	}
}

func (f *Action) dims() (m, n, p, q int) {
	m, n = f.a.Dims()
	p, q = f.b.Dims()
	return
}

func (f *Action) cache() {
	if f.xbt != nil {
		return
	}
	f.xbt, f.ax = new(mat.Dense), new(mat.Dense)
	f.xbt.Mul(f.x, f.b.T())
	f.ax.Mul(f.a, f.x)
}

// vecOut checks or allocates a result vector of length r·c.
func vecOut(fn, name string, dst []float64, r, c int) []float64 {
	if dst == nil {
		return make([]float64, r*c)
	}
	if len(dst) != r*c {
		panic(fmt.Sprintf("%s: %s has length %d, want %d×%d = %d", fn, name, len(dst), r, c, r*c))
	}
	return dst
}

// Value returns y = (A ⊗ B) x in dst (allocated if nil; otherwise it must
// have length m·p).
func (f *Action) Value(dst []float64) []float64 {
	m, _, p, _ := f.dims()
	dst = vecOut("kron.(*Action).Value", "dst", dst, m, p)
	f.cache()
	mat.NewDense(m, p, dst).Mul(f.a, f.xbt)
	return dst
}

// JVP returns dy = (dA ⊗ B) x + (A ⊗ dB) x + (A ⊗ B) dx in dst (allocated
// if nil; otherwise it must have length m·p). A nil dA, dB or dx is a zero
// tangent. It panics if a tangent has the wrong shape.
func (f *Action) JVP(dst []float64, dA, dB mat.Matrix, dx []float64) []float64 {
	const fn = "kron.(*Action).JVP"
	m, n, p, q := f.dims()
	dst = vecOut(fn, "dst", dst, m, p)
	f.cache()
	dy := mat.NewDense(m, p, dst)
	dy.Zero()
	var t mat.Dense
	if dA != nil {
		checkShape(fn, "dA", dA, m, n)
		t.Mul(dA, f.xbt)
		dy.Add(dy, &t)
	}
	if dB != nil {
		checkShape(fn, "dB", dB, p, q)
		t.Reset()
		t.Mul(f.ax, dB.T())
		dy.Add(dy, &t)
	}
	if dx != nil {
		if len(dx) != n*q {
			panic(fmt.Sprintf("%s: dx has length %d, want %d", fn, len(dx), n*q))
		}
		var u mat.Dense
		u.Mul(f.a, mat.NewDense(n, q, dx))
		t.Reset()
		t.Mul(&u, f.b.T())
		dy.Add(dy, &t)
	}
	return dst
}

// VJP computes the cotangents of A, B and x for the cotangent ȳ of y
// (length m·p, the row-major m×p matrix Ȳ): Ā = Ȳ B Xᵀ into aBar,
// B̄ = Ȳᵀ A X into bBar and x̄ = (A ⊗ B)ᵀ ȳ = vec-row(Aᵀ Ȳ B) into xBar. A
// nil aBar, bBar or xBar is not computed; a zero-value aBar or bBar is
// sized; xBar must have length n·q. It panics on wrong shapes.
func (f *Action) VJP(aBar, bBar *mat.Dense, xBar, yBar []float64) {
	const fn = "kron.(*Action).VJP"
	m, n, p, q := f.dims()
	if len(yBar) != m*p {
		panic(fmt.Sprintf("%s: yBar has length %d, want %d", fn, len(yBar), m*p))
	}
	f.cache()
	yb := mat.NewDense(m, p, yBar)
	if aBar != nil {
		sizeDst(fn, "aBar", aBar, m, n)
		aBar.Mul(yb, f.xbt.T())
	}
	if bBar != nil {
		sizeDst(fn, "bBar", bBar, p, q)
		bBar.Mul(yb.T(), f.ax)
	}
	if xBar != nil {
		if len(xBar) != n*q {
			panic(fmt.Sprintf("%s: xBar has length %d, want %d", fn, len(xBar), n*q))
		}
		var u mat.Dense
		u.Mul(f.a.T(), yb)
		mat.NewDense(n, q, xBar).Mul(&u, f.b)
	}
}

func checkShape(fn, name string, a mat.Matrix, r, c int) {
	if ar, ac := a.Dims(); ar != r || ac != c {
		panic(fmt.Sprintf("%s: %s is %d×%d, want %d×%d", fn, name, ar, ac, r, c))
	}
}

// sizeDst sizes a zero-value dst to r×c and panics if dst has another size.
func sizeDst(fn, name string, dst *mat.Dense, r, c int) {
	if dst.IsEmpty() {
		dst.ReuseAs(r, c)
		return
	}
	checkShape(fn, name, dst, r, c)
}
