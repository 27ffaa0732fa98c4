package kron

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc"
)

// symTol is the relative tolerance of the symmetry check in
// EigenSym.Factorize: |A[i,j] − A[j,i]| ≤ symTol·max|A|.
const symTol = 1e-12

// EigenSym is the eigendecomposition of a symmetric Kronecker product
// ⊗Ai = Q diag(λ) Qᵀ from its factors' eigendecompositions Ai = Qi Λi Qiᵀ
// (gonum's EigenSym): Q = ⊗Qi is again a Kronecker product and
// λ = λ1 ⊗ … ⊗ λd, the products of one eigenvalue of each factor. A product
// of d factors of size n costs d eigendecompositions of size n.
type EigenSym struct {
	values  [][]float64
	vectors []*mat.Dense
	n       int
}

// Factorize computes the eigendecomposition of every factor of p. It panics
// if a factor is not square, returns a *matcalc.Error matching
// matcalc.ErrNaN if a factor holds NaN or Inf, and a *matcalc.Error matching
// matcalc.ErrNotSymmetric if a factor is not symmetric within a relative
// 1e-12 (the symmetric part of a factor is used otherwise) and one matching
// matcalc.ErrNotConverged if gonum's eigensolver fails on a factor; each
// names the factor.
func (e *EigenSym) Factorize(p *Product) error {
	*e = EigenSym{n: p.rows}
	for i := range p.f {
		fi := &p.f[i]
		if fi.m != fi.n {
			panic(fmt.Sprintf("kron.(*EigenSym).Factorize: factor %d is %d×%d, not square", i, fi.m, fi.n))
		}
		n := fi.n
		if !allFinite(fi.a) {
			*e = EigenSym{}
			return &matcalc.Error{Op: "kron.(*EigenSym).Factorize", Err: matcalc.ErrNaN,
				Detail: fmt.Sprintf("factor %d (%d×%d)", i, n, n)}
		}
		var big, asym float64
		for _, v := range fi.a {
			big = max(big, math.Abs(v))
		}
		sym := mat.NewSymDense(n, nil)
		for r := 0; r < n; r++ {
			for c := r; c < n; c++ {
				u, l := fi.a[r*n+c], fi.a[c*n+r]
				asym = max(asym, math.Abs(u-l))
				sym.SetSym(r, c, (u+l)/2)
			}
		}
		if !(asym <= symTol*big) {
			*e = EigenSym{}
			return &matcalc.Error{Op: "kron.(*EigenSym).Factorize", Err: matcalc.ErrNotSymmetric,
				Detail: fmt.Sprintf("factor %d (%d×%d): |A[i,j] − A[j,i]| up to %.3g, max|A| = %.3g", i, n, n, asym, big)}
		}
		var es mat.EigenSym
		if !es.Factorize(sym, true) {
			*e = EigenSym{}
			return &matcalc.Error{Op: "kron.(*EigenSym).Factorize", Err: matcalc.ErrNotConverged,
				Detail: fmt.Sprintf("factor %d (%d×%d)", i, n, n)}
		}
		q := new(mat.Dense)
		es.VectorsTo(q)
		e.values = append(e.values, es.Values(nil))
		e.vectors = append(e.vectors, q)
	}
	return nil
}

// Values returns the N eigenvalues of the product in Kronecker order:
// value c, for c = c1·n2·…·nd + … + cd, is λ1[c1]·…·λd[cd], and column c
// of Vectors is its eigenvector. They are not sorted. If dst is nil a new
// slice is allocated; otherwise it must have length N.
func (e *EigenSym) Values(dst []float64) []float64 {
	if e.values == nil {
		panic("kron.(*EigenSym).Values: not factorized")
	}
	if dst == nil {
		dst = make([]float64, e.n)
	} else if len(dst) != e.n {
		panic(fmt.Sprintf("kron.(*EigenSym).Values: dst has length %d, want %d", len(dst), e.n))
	}
	dst[0] = 1
	size := 1
	for _, v := range e.values {
		// dst[:size] holds λ1 ⊗ … ⊗ λ(t−1); expand it by v in place,
		// from the back so that nothing is overwritten before it is read.
		for c := size - 1; c >= 0; c-- {
			x := dst[c]
			for j := len(v) - 1; j >= 0; j-- {
				dst[c*len(v)+j] = x * v[j]
			}
		}
		size *= len(v)
	}
	return dst
}

// FactorValues returns a copy of the eigenvalues of factor i, ascending.
func (e *EigenSym) FactorValues(i int) []float64 {
	return append([]float64(nil), e.values[i]...)
}

// Vectors returns the orthogonal eigenvector matrix Q = Q1 ⊗ … ⊗ Qd as a
// Product, never formed; ⊗Ai = Q diag(Values) Qᵀ.
func (e *EigenSym) Vectors() *Product {
	if e.values == nil {
		panic("kron.(*EigenSym).Vectors: not factorized")
	}
	fs := make([]mat.Matrix, len(e.vectors))
	for i, q := range e.vectors {
		fs[i] = q
	}
	return New(fs...)
}
