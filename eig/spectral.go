package eig

import (
	"math"

	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"
)

// FuncValue stores f(A) = V f(Λ) Vᵀ into dst, exactly symmetric. It returns
// an error matching matcalc.ErrDomain if f is not finite at an eigenvalue
// (the logarithm of a matrix with an eigenvalue ≤ 0, the square root of one
// with a negative eigenvalue).
//
// Cost: half a GEMM.
func (s *Sym) FuncValue(dst *mat.Dense, f Func) error {
	const fn = "FuncValue"
	s.mustFactor(fn)
	s.useDense(dst, fn, "dst")
	sp, err := s.newSpectrum(f, "eig.(*Sym).FuncValue", 0)
	if err != nil {
		return err
	}
	s.weightedOuter(dst, sp.f)
	return nil
}

// FuncJVP stores into dst the derivative of f(A) in the direction sym(dA),
// by the Daleckiĭ–Kreĭn formula
//
//	ḟ(A) = V (Γ ∘ (Vᵀ dA V)) Vᵀ,  Γ_ij = f[λ_i, λ_j],  Γ_ii = f′(λ_i).
//
// The divided differences have finite limits at ties, so the result is
// exact at repeated eigenvalues (for example the derivative of √A at A = I
// is dA/2); near ties they are computed stably, never as 0/0. FuncJVP
// returns an error matching matcalc.ErrDomain if f or f′ is not finite at
// an eigenvalue.
//
// Cost: three GEMMs (Vᵀ dA V and V (Γ∘P) Vᵀ, 1.5 each).
func (s *Sym) FuncJVP(dst *mat.Dense, f Func, dA mat.Matrix) error {
	const fn = "FuncJVP"
	s.mustFactor(fn)
	s.checkSquare(dA, fn, "dA")
	s.useDense(dst, fn, "dst")
	sp, err := s.newSpectrum(f, "eig.(*Sym).FuncJVP", 1)
	if err != nil {
		return err
	}
	s.sandwich(dst, sp.gamma(), symCopy(dA))
	return nil
}

// FuncVJP stores into dst the gradient of <Ȳ, f(A)>, which is
// V (Γ ∘ (Vᵀ sym(Ȳ) V)) Vᵀ: the derivative of f at a symmetric matrix is
// self-adjoint, so the VJP is the JVP applied to sym(Ȳ). Errors as
// FuncJVP.
//
// Cost: three GEMMs.
func (s *Sym) FuncVJP(dst *mat.Dense, f Func, yBar mat.Matrix) error {
	const fn = "FuncVJP"
	s.mustFactor(fn)
	s.checkSquare(yBar, fn, "yBar")
	s.useDense(dst, fn, "dst")
	sp, err := s.newSpectrum(f, "eig.(*Sym).FuncVJP", 1)
	if err != nil {
		return err
	}
	s.sandwich(dst, sp.gamma(), symCopy(yBar))
	return nil
}

// hvpNear is the relative gap |λ_i − λ_j| ≤ hvpNear·max|λ| below which
// FuncHVP sums the second divided differences directly instead of dividing
// by λ_i − λ_j: the quotient loses about eps/hvpNear of the result's norm.
const hvpNear = 1e-4

// FuncHVP stores into dst the derivative of FuncVJP(Ȳ) in the direction
// sym(dA), that is the second derivative of f(A) applied to (dA, Ȳ), by the
// second-order Daleckiĭ–Kreĭn formula: with E = Vᵀ sym(dA) V and
// Y = Vᵀ sym(Ȳ) V,
//
//	Vᵀ dst V = S,  S_ij = Σ_k f[λ_i, λ_k, λ_j] (E_ik Y_kj + Y_ik E_kj).
//
// It needs f.D2F. For eigenvalue pairs that are not close, S_ij is
// (K − Kᵀ)_ij/(λ_i − λ_j) with K = (Γ∘E)Y + (Γ∘Y)E (one product of n×2n by
// 2n×n), using f[λ_i, λ_k, λ_j] = (Γ_ik − Γ_kj)/(λ_i − λ_j); for close pairs
// (relative gap below 1e-4, including i = j) the sum over k is formed
// directly with stable second divided differences, O(n) per pair. Errors as
// FuncJVP, and f″ must be finite at the eigenvalues.
//
// Cost: 6.5 GEMMs (three changes of basis at 1.5 and K at 2) and O(n) per
// close pair.
func (s *Sym) FuncHVP(dst *mat.Dense, f Func, dA, yBar mat.Matrix) error {
	const fn = "FuncHVP"
	s.mustFactor(fn)
	s.checkSquare(dA, fn, "dA")
	s.checkSquare(yBar, fn, "yBar")
	s.useDense(dst, fn, "dst")
	sp, err := s.newSpectrum(f, "eig.(*Sym).FuncHVP", 2)
	if err != nil {
		return err
	}
	n := s.n
	g := sp.gamma()
	e := mat.NewDense(n, n, nil)
	y := mat.NewDense(n, n, nil)
	tmp := mat.NewDense(n, n, nil)
	toBasis(e, tmp, s.vecs, symCopy(dA))   // 1.5 GEMMs
	toBasis(y, tmp, s.vecs, symCopy(yBar)) // 1.5 GEMMs

	// L = [Γ∘E | Γ∘Y] (n×2n), R = [Y; E] (2n×n), K = L R: 2 GEMMs.
	l := mat.NewDense(n, 2*n, nil)
	r := mat.NewDense(2*n, n, nil)
	er, yr := e.RawMatrix(), y.RawMatrix()
	lr, rr := l.RawMatrix(), r.RawMatrix()
	for i := 0; i < n; i++ {
		erow, yrow := er.Data[i*er.Stride:i*er.Stride+n], yr.Data[i*yr.Stride:i*yr.Stride+n]
		lrow := lr.Data[i*lr.Stride : i*lr.Stride+2*n]
		grow := g[i*n : i*n+n]
		for j, gv := range grow {
			lrow[j] = gv * erow[j]
			lrow[n+j] = gv * yrow[j]
		}
		copy(rr.Data[i*rr.Stride:i*rr.Stride+n], yrow)
		copy(rr.Data[(n+i)*rr.Stride:(n+i)*rr.Stride+n], erow)
	}
	k := mat.NewDense(n, n, nil)
	gemm(k, l, false, r, false)

	sm := tmp // S, reusing the scratch
	sr, kr := sm.RawMatrix(), k.RawMatrix()
	near := hvpNear * s.scale
	for i := 0; i < n; i++ {
		for j := 0; j <= i; j++ {
			var v float64
			if d := s.vals[i] - s.vals[j]; math.Abs(d) > near {
				v = (kr.Data[i*kr.Stride+j] - kr.Data[j*kr.Stride+i]) / d
			} else {
				v = s.hvpDirect(sp, g, er, yr, i, j)
			}
			sr.Data[i*sr.Stride+j] = v
			sr.Data[j*sr.Stride+i] = v
		}
	}
	tmp2 := mat.NewDense(n, n, nil)
	fromBasis(dst, tmp2, s.vecs, sm) // 1.5 GEMMs
	return nil
}

// hvpDirect returns S_ij = Σ_k f[λ_i, λ_k, λ_j] (E_ik Y_kj + Y_ik E_kj) for a
// close pair (i, j). For each k it divides by the largest gap of the three
// eigenvalues, f[λ_k, λ_i, λ_j] = (Γ_ki − Γ_ij)/(λ_k − λ_j) or its mirror,
// when that gap is not small, and otherwise uses the vertex average
// (f″(λ_i) + f″(λ_j) + f″(λ_k))/6 for numerically equal eigenvalues and the
// stable dd2 in between.
func (s *Sym) hvpDirect(sp *spectrum, g []float64, er, yr blas64.General, i, j int) float64 {
	n := s.n
	li, lj := s.vals[i], s.vals[j]
	near := hvpNear * s.scale
	var sum float64
	for k := 0; k < n; k++ {
		lk := s.vals[k]
		dkj, dki := lk-lj, lk-li
		var d float64
		switch {
		case math.Abs(dkj) > near && math.Abs(dkj) >= math.Abs(dki):
			d = (g[k*n+i] - g[i*n+j]) / dkj
		case math.Abs(dki) > near:
			d = (g[k*n+j] - g[i*n+j]) / dki
		default:
			lo := math.Min(li, math.Min(lj, lk))
			hi := math.Max(li, math.Max(lj, lk))
			if hi-lo <= 1e-6*math.Max(math.Abs(lo), math.Abs(hi)) {
				d = (sp.d2f[i] + sp.d2f[j] + sp.d2f[k]) / 6
			} else {
				d = sp.dd2(i, k, j)
			}
		}
		eik, ykj := er.Data[i*er.Stride+k], yr.Data[k*yr.Stride+j]
		yik, ekj := yr.Data[i*yr.Stride+k], er.Data[k*er.Stride+j]
		sum += d * (eik*ykj + yik*ekj)
	}
	return sum
}
