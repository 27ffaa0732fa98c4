package check

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// VJP checks a VJP of f at a for the cotangent yBar: vjp(yBar), the
// Ā = F'(a)*[Ȳ] under test, against the gradient of A ↦ <Ȳ, F(A)> by
// finite differences, entry by entry. This costs a step search per entry of
// a; for large matrices check the JVP with JVP and the VJP against it with
// Adjoint. If a implements mat.Symmetric, the symmetric part of vjp(yBar) is
// compared with the gradient in the space of symmetric matrices.
//
// VJP panics if yBar and f(a), or vjp(yBar) and a, differ in shape.
func VJP(f Func, vjp Map, a, yBar mat.Matrix, opts *Options) Result {
	var y mat.Dense
	f(&y, a)
	sameDims("check.VJP", "yBar", yBar, "f(a)", &y)
	var got mat.Dense
	vjp(&got, yBar)
	g := func(dst *mat.Dense, x mat.Matrix) {
		f(&y, x)
		dst.ReuseAs(1, 1)
		dst.Set(0, 0, Inner(yBar, &y))
	}
	return gradient("VJP", g, &got, a, opts)
}

// Gradient checks the gradient of a scalar function f at a: grad(dst), the
// ∇f(a) under test, against finite differences of f entry by entry. If a
// implements mat.Symmetric, the symmetric part of the gradient is compared
// with the gradient in the space of symmetric matrices.
//
// Gradient panics if the gradient and a differ in shape.
func Gradient(f Scalar, grad func(dst *mat.Dense), a mat.Matrix, opts *Options) Result {
	var got mat.Dense
	grad(&got)
	return gradient("Gradient", f.Func(), &got, a, opts)
}

// gradient compares got with the finite-difference gradient of the 1×1-valued
// g at a.
func gradient(name string, g Func, got *mat.Dense, a mat.Matrix, opts *Options) Result {
	sameDims("check."+name, "the gradient", got, "a", a)
	r, c := a.Dims()
	_, sym := a.(mat.Symmetric)
	if sym {
		symPart(got, got)
	}
	want := mat.NewDense(r, c, nil)
	var total reference
	var errMax float64
	var errSum, noiseSum sumSquares
	e := mat.NewDense(r, c, nil)
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			if sym && j < i {
				want.Set(i, j, want.At(j, i))
				continue
			}
			var dir mat.Matrix = e
			e.Set(i, j, 1)
			if sym {
				// sym(E_ij): the derivative along it is sym(G)_ij.
				e.Set(i, j, 0.5)
				e.Set(j, i, 0.5)
				if i == j {
					e.Set(i, i, 1)
				}
				dir = symView{e}
			}
			ref := newLine(g, a, dir).derivative(opts.formula(), opts.step(), opts.scale())
			e.Set(i, j, 0)
			if sym {
				e.Set(j, i, 0)
			}
			if rr, cc := ref.d.Dims(); rr != 1 || cc != 1 {
				panic(fmt.Sprintf("check.%s: f(a) is %d×%d, want 1×1", name, rr, cc))
			}
			want.Set(i, j, ref.d.At(0, 0))
			mult := 1.0
			if sym && i != j {
				mult = 2 // the entry stands for (i,j) and (j,i)
			}
			errSum.add(ref.err, mult)
			noiseSum.add(ref.noise, mult)
			if total.panicked == nil {
				total.panicked = ref.panicked
			}
			if ref.err >= errMax {
				errMax, total.step = ref.err, ref.step
			}
		}
	}
	total.err = errSum.norm()
	total.noise = noiseSum.norm()
	total.d = want
	return verdict(name, got, want, total, opts)
}

// symView presents a symmetric *mat.Dense as a mat.Symmetric.
type symView struct{ *mat.Dense }

func (s symView) SymmetricDim() int { r, _ := s.Dims(); return r }

// sumSquares accumulates √(Σ wᵢxᵢ²) without overflow, as LAPACK's dnrm2.
type sumSquares struct{ scale, ssq float64 }

func (s *sumSquares) add(x, w float64) {
	x = math.Abs(x)
	switch {
	case x == 0:
	case math.IsNaN(x) || math.IsInf(x, 0):
		s.scale, s.ssq = math.Inf(1), 1
	case x > s.scale:
		s.ssq = w + s.ssq*(s.scale/x)*(s.scale/x)
		s.scale = x
	default:
		s.ssq += w * (x / s.scale) * (x / s.scale)
	}
}

func (s *sumSquares) norm() float64 {
	if math.IsInf(s.scale, 1) {
		return math.Inf(1)
	}
	return s.scale * math.Sqrt(s.ssq)
}
