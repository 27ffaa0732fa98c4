package eig

import (
	"gonum.org/v1/gonum/mat"
)

// Trace returns tr f(A) = Σ_i f(λ_i): with Log it is log det A of a
// symmetric positive definite A. It returns an error matching
// matcalc.ErrDomain if f is not finite at an eigenvalue.
//
// Cost: O(n).
func (s *Sym) Trace(f Func) (float64, error) {
	s.mustFactor("Trace")
	sp, err := s.newSpectrum(f, "eig.(*Sym).Trace", 0)
	if err != nil {
		return 0, err
	}
	var sum float64
	for _, v := range sp.f {
		sum += v
	}
	return sum, nil
}

// TraceGrad stores into dst the gradient of tr f(A), V diag(f′(λ)) Vᵀ
// (which is f′(A); A⁻¹ for Log), exactly symmetric. The VJP of tr f(A) for
// a cotangent t̄ is t̄ times it. Errors as Trace, with f′ finite too.
//
// Cost: half a GEMM.
func (s *Sym) TraceGrad(dst *mat.Dense, f Func) error {
	const fn = "TraceGrad"
	s.mustFactor(fn)
	s.useDense(dst, fn, "dst")
	sp, err := s.newSpectrum(f, "eig.(*Sym).TraceGrad", 1)
	if err != nil {
		return err
	}
	s.weightedOuter(dst, sp.df)
	return nil
}

// TraceJVP returns the derivative of tr f(A) in the direction sym(dA),
// Σ_i f′(λ_i) v_iᵀ dA v_i = <f′(A), dA>. Errors as TraceGrad.
//
// Cost: half a GEMM (the gradient) and n² multiply-adds; for many
// directions, compute TraceGrad once and take inner products with it.
func (s *Sym) TraceJVP(f Func, dA mat.Matrix) (float64, error) {
	const fn = "TraceJVP"
	s.mustFactor(fn)
	s.checkSquare(dA, fn, "dA")
	var g mat.Dense
	if err := s.TraceGrad(&g, f); err != nil {
		return 0, err
	}
	var sum float64
	for i := 0; i < s.n; i++ {
		for j := 0; j < s.n; j++ {
			sum += g.At(i, j) * dA.At(i, j)
		}
	}
	// The gradient is symmetric, so <G, dA> = <G, sym(dA)>.
	return sum, nil
}

// TraceHVP stores into dst the Hessian of tr f(A) applied to sym(dA), the
// derivative of f′(A) in that direction, by the Daleckiĭ–Kreĭn formula for
// f′:
//
//	dst = V (Γ′ ∘ (Vᵀ dA V)) Vᵀ,  Γ′_ij = f′[λ_i, λ_j],  Γ′_ii = f″(λ_i).
//
// For Log it is −A⁻¹ dA A⁻¹. It needs f.D2F (and uses f.DivDF when set).
// Errors as TraceGrad, with f″ finite too.
//
// Cost: three GEMMs.
func (s *Sym) TraceHVP(dst *mat.Dense, f Func, dA mat.Matrix) error {
	const fn = "TraceHVP"
	s.mustFactor(fn)
	s.checkSquare(dA, fn, "dA")
	s.useDense(dst, fn, "dst")
	if f.D2F == nil {
		panic("eig.(*Sym).TraceHVP: second-order derivatives need Func.D2F")
	}
	if _, err := s.newSpectrum(f, "eig.(*Sym).TraceHVP", 2); err != nil {
		return err
	}
	sp, err := s.newSpectrum(f.prime(), "eig.(*Sym).TraceHVP", 1)
	if err != nil {
		return err
	}
	s.sandwich(dst, sp.gammaRow, symCopy(dA))
	return nil
}
