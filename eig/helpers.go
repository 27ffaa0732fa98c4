package eig

import "gonum.org/v1/gonum/mat"

// Apply stores f(A) = V f(Λ) Vᵀ into dst for a symmetric a (the convention
// and errors of Factorize and FuncValue). It is a one-off helper: to ask for
// derivatives too, keep a Sym.
func Apply(dst *mat.Dense, f Func, a mat.Matrix) error {
	var s Sym
	if err := s.Factorize(a, nil); err != nil {
		return err
	}
	return s.FuncValue(dst, f)
}

// TraceOf returns tr f(A) = Σ f(λ_i) for a symmetric a, such as
// log det A = TraceOf(Log, a) for a symmetric positive definite a. It is a
// one-off helper around Sym.Trace.
func TraceOf(f Func, a mat.Matrix) (float64, error) {
	var s Sym
	if err := s.Factorize(a, nil); err != nil {
		return 0, err
	}
	return s.Trace(f)
}
