package kron

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc"
)

// LU is the factorization of a Kronecker product of square factors through
// one LU factorization per factor: (⊗Ai)⁻¹ = ⊗Ai⁻¹ and
// det(⊗Ai) = Π det(Ai)^(N/ni), with N = Π ni. Factorizing d factors
// of size n costs about d·(2/3)n³ flops instead of (2/3)N³.
type LU struct {
	p  *Product
	lu []mat.LU
	// singular is the error of Factorize, returned by Solve.
	singular error
}

// Factorize computes the LU factorization of every factor of p. It panics if
// a factor is not square. If a factor is singular to working precision
// (condition number above 1/ε) it returns a *matcalc.Error that matches
// matcalc.ErrSingular and names the factor; Det and LogDet are still valid
// then, Solve is not. A factor holding NaN or Inf is an error matching
// matcalc.ErrNaN.
func (f *LU) Factorize(p *Product) error {
	for i, fi := range p.f {
		if fi.m != fi.n {
			panic(fmt.Sprintf("kron.(*LU).Factorize: factor %d is %d×%d, not square", i, fi.m, fi.n))
		}
	}
	f.p = p
	f.lu = make([]mat.LU, len(p.f))
	var err error
	for i := range p.f {
		fi := &p.f[i]
		if err == nil && !allFinite(fi.a) {
			err = &matcalc.Error{Op: "kron.(*LU).Factorize", Err: matcalc.ErrNaN,
				Detail: fmt.Sprintf("factor %d (%d×%d)", i, fi.m, fi.n)}
		}
		f.lu[i].Factorize(mat.NewDense(fi.m, fi.n, fi.a))
		if c := f.lu[i].Cond(); err == nil && !(c < 1/eps) {
			err = &matcalc.Error{Op: "kron.(*LU).Factorize", Err: matcalc.ErrSingular,
				Detail: fmt.Sprintf("factor %d (%d×%d) has condition number %.3g", i, fi.m, fi.n, c)}
		}
	}
	f.singular = err
	return err
}

const eps = 0x1p-52

// Solve computes dst = (⊗Ai)⁻¹ x, or (⊗Ai)⁻ᵀ x when trans is true, for x with
// k right-hand sides stored row-major (N×k). Each factor is applied as one
// multi-right-hand-side LU solve, with the tensor's modes permuted so that
// the factor's mode comes first; the scratch space comes from the pool that
// Product.ApplyTo uses. It returns the error of Factorize if a factor is
// singular, and panics if the lengths do not match. dst and x must not
// overlap.
func (f *LU) Solve(dst, x []float64, k int, trans bool) error {
	if f.p == nil {
		panic("kron.(*LU).Solve: not factorized")
	}
	p := f.p
	checkApply("kron.(*LU).Solve", p.rows, p.cols, dst, x, k, false)
	if f.singular != nil {
		return f.singular
	}
	if k == 0 {
		return nil
	}
	size := p.rows * k
	w := workPool.Get().(*Workspace)
	defer workPool.Put(w)
	w.a, w.b = grow(w.a, size), grow(w.b, size)
	bufA, bufB := w.a, w.b
	copy(dst, x)
	for i := range p.f {
		n := p.f[i].n
		L := 1
		for t := 0; t < i; t++ {
			L *= p.f[t].n
		}
		R := size / (L * n)
		// dst is L×n×R; bufA becomes n×L×R, so that the factor's mode
		// is the row index of an n×(L·R) right-hand side.
		permute(bufA, dst, L, n, R)
		b := mat.NewDense(n, L*R, bufA)
		s := mat.NewDense(n, L*R, bufB)
		if err := f.lu[i].SolveTo(s, trans, b); err != nil {
			if _, ok := err.(mat.Condition); !ok {
				return &matcalc.Error{Op: "kron.(*LU).Solve", Err: matcalc.ErrSingular,
					Detail: fmt.Sprintf("factor %d: %v", i, err)}
			}
		}
		permute(dst, bufB, n, L, R)
	}
	return nil
}

// permute copies the L×n×R tensor src into dst as the n×L×R tensor with
// dst[j, l, r] = src[l, j, r].
func permute(dst, src []float64, L, n, R int) {
	for l := 0; l < L; l++ {
		for j := 0; j < n; j++ {
			copy(dst[(j*L+l)*R:(j*L+l+1)*R], src[(l*n+j)*R:(l*n+j+1)*R])
		}
	}
}

// LogDet returns the log of the absolute value of det(⊗Ai) and its sign,
// Σ (N/ni)·log|det Ai| and Π sign(det Ai)^(N/ni), from the factors' LU. For
// a singular product it returns -Inf and sign 0.
func (f *LU) LogDet() (logAbs, sign float64) {
	if f.p == nil {
		panic("kron.(*LU).LogDet: not factorized")
	}
	return logDetFrom(f.p, func(i int) (float64, float64) { return f.lu[i].LogDet() })
}

// Det returns det(⊗Ai), computed as sign·exp(LogDet); it over- or underflows
// for large products, where LogDet does not.
func (f *LU) Det() float64 {
	l, s := f.LogDet()
	return s * math.Exp(l)
}

// LogDet returns the log of the absolute value of det(A1 ⊗ … ⊗ Ad) and its
// sign from the factors' determinants: for square Ai of size ni and
// N = Π ni, log|det| = Σ (N/ni)·log|det Ai|. It panics if a factor is not
// square. For a singular product it returns -Inf and sign 0; a factor with
// NaN or Inf entries gives NaN for both (LU.Factorize returns a typed error
// instead).
func LogDet(p *Product) (logAbs, sign float64) {
	for i, fi := range p.f {
		if fi.m != fi.n {
			panic(fmt.Sprintf("kron.LogDet: factor %d is %d×%d, not square", i, fi.m, fi.n))
		}
	}
	return logDetFrom(p, func(i int) (float64, float64) {
		fi := &p.f[i]
		return mat.LogDet(mat.NewDense(fi.m, fi.n, fi.a))
	})
}

func logDetFrom(p *Product, factorLogDet func(i int) (float64, float64)) (logAbs, sign float64) {
	sign = 1
	for i, fi := range p.f {
		l, s := factorLogDet(i)
		if math.IsNaN(l) || math.IsNaN(s) || math.IsInf(l, 1) {
			return math.NaN(), math.NaN()
		}
		if math.IsInf(l, -1) || s == 0 {
			return math.Inf(-1), 0
		}
		e := p.rows / fi.n // the exponent N/ni
		logAbs += float64(e) * l
		if s < 0 && e%2 == 1 {
			sign = -sign
		}
	}
	return logAbs, sign
}

// allFinite reports whether s holds neither NaN nor ±Inf.
func allFinite(s []float64) bool {
	for _, v := range s {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}
