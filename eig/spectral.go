package eig

import (
	"math"

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
	s.sandwich(dst, sp.gammaRow, symCopy(dA))
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
	s.sandwich(dst, sp.gammaRow, symCopy(yBar))
	return nil
}

// hvpNear is the relative gap |λ_i − λ_j| ≤ hvpNear·max|λ| below which
// FuncHVP does not divide by λ_i − λ_j: the quotient loses about
// eps/hvpNear of the result's norm.
const hvpNear = 1e-4

// FuncHVP stores into dst the derivative of FuncVJP(Ȳ) in the direction
// sym(dA), that is the second derivative of f(A) applied to (dA, Ȳ), by the
// second-order Daleckiĭ–Kreĭn formula: with E = Vᵀ sym(dA) V and
// Y = Vᵀ sym(Ȳ) V,
//
//	Vᵀ dst V = S,  S_ij = Σ_k f[λ_i, λ_k, λ_j] (E_ik Y_kj + Y_ik E_kj).
//
// It needs f.D2F. The eigenvalues are grouped into runs with consecutive
// gaps below 1e-4·max|λ|. For i and j in different groups, S_ij is
// (K − Kᵀ)_ij/(λ_i − λ_j) with K = (Γ∘E)Y + (Γ∘Y)E (one product of n×2n by
// 2n×n), using f[λ_i, λ_k, λ_j] = (Γ_ik − Γ_kj)/(λ_i − λ_j). Inside a group
// the sum is split into k outside the group, again by products (of the
// group's size m by n − m), and k inside it, by the vertex average
// (f″_i + f″_j + f″_k)/6 for a group of numerically equal eigenvalues (two
// products of size m) or by the stable second divided differences (O(m³))
// otherwise. Errors as FuncJVP, and f″ must be finite at the eigenvalues.
//
// Cost: 6.5 GEMMs (three changes of basis at 1.5 and K at 2), plus for each
// group of m eigenvalues about 4m²(n − m) + 2m³ flops.
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
	e, y, tmp := getScratch(n, n), getScratch(n, n), getScratch(n, n)
	da, yb := symCopy(dA), symCopy(yBar)
	toBasis(e, tmp, s.vecs, da) // 1.5 GEMMs
	toBasis(y, tmp, s.vecs, yb) // 1.5 GEMMs
	putScratch(da, yb)

	// L = [Γ∘E | Γ∘Y] (n×2n), R = [Y; E] (2n×n), K = L R: 2 GEMMs.
	l, r := getScratch(n, 2*n), getScratch(2*n, n)
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
	k := getScratch(n, n)
	gemm(k, l, false, r, false)
	putScratch(l, r)

	sm := tmp // S, reusing the scratch
	sr, kr := sm.RawMatrix(), k.RawMatrix()
	// Groups: runs of eigenvalues with consecutive gaps ≤ near. Pairs in
	// different groups are at least near apart and divide K − Kᵀ by their
	// gap; pairs inside a group take hvpGroup.
	near := hvpNear * s.scale
	group := make([]int, n) // start of i's group
	for i := 1; i < n; i++ {
		if s.vals[i]-s.vals[i-1] <= near {
			group[i] = group[i-1]
		} else {
			group[i] = i
		}
	}
	for i := 0; i < n; i++ {
		for j := 0; j < group[i]; j++ {
			v := (kr.Data[i*kr.Stride+j] - kr.Data[j*kr.Stride+i]) / (s.vals[i] - s.vals[j])
			sr.Data[i*sr.Stride+j] = v
			sr.Data[j*sr.Stride+i] = v
		}
	}
	for lo := 0; lo < n; {
		hi := lo + 1
		for hi < n && group[hi] == lo {
			hi++
		}
		s.hvpGroup(sm, sp, g, e, y, lo, hi)
		lo = hi
	}
	fromBasis(dst, k, s.vecs, sm) // 1.5 GEMMs, K as scratch
	putScratch(e, y, tmp, k)
	return nil
}

// hvpGroup sets the block G×G, G = [lo, hi), of
//
//	S_ij = Σ_k f[λ_i, λ_k, λ_j] (E_ik Y_kj + Y_ik E_kj)
//
// for a group of eigenvalues whose neighbours outside are more than near
// away. The sum splits in two:
//
//   - k outside G: f[λ_i, λ_k, λ_j] = (Γ_ki − Γ_ij)/(λ_k − λ_j), with
//     |λ_k − λ_j| > near, so that with Ŷ_kj = Y_kj/(λ_k − λ_j) and
//     Ê_kj = E_kj/(λ_k − λ_j) the part is
//     [(Γ∘E)Ŷ + (Γ∘Y)Ê]_ij − Γ_ij [EŶ + YÊ]_ij over k ∉ G: four products of
//     m×(n−m) by (n−m)×m, m = |G|.
//   - k inside G: for a tight group (spread ≤ 1e-6 relative) the vertex
//     average (f″_i + f″_j + f″_k)/6, which makes the part
//     (f″_i + f″_j)/6·(EY + YE)_ij + (EDY + YDE)_ij/6, D = diag(f″), two
//     products of size m; otherwise the stable dd2 per triple, O(m³).
//
// A group of one eigenvalue costs O(n).
func (s *Sym) hvpGroup(sm *mat.Dense, sp *spectrum, g []float64, e, y *mat.Dense, lo, hi int) {
	n, m := s.n, hi-lo
	er, yr, sr := e.RawMatrix(), y.RawMatrix(), sm.RawMatrix()
	lam := s.vals
	if m == 1 {
		i := lo
		var sum float64
		for k := 0; k < n; k++ {
			var d float64
			if k == i {
				d = sp.d2f[i] / 2
			} else {
				d = (g[k*n+i] - g[i*n+i]) / (lam[k] - lam[i])
			}
			sum += 2 * d * er.Data[i*er.Stride+k] * yr.Data[k*yr.Stride+i]
		}
		sr.Data[i*sr.Stride+i] = sum
		return
	}

	// The part over k outside G, by gathering the outside indices.
	out := n - m
	blk := mat.NewDense(m, m, nil)
	if out > 0 {
		ge := mat.NewDense(m, out, nil) // (Γ∘E)[G, out]
		gy := mat.NewDense(m, out, nil) // (Γ∘Y)[G, out]
		eo := mat.NewDense(m, out, nil) // E[G, out]
		yo := mat.NewDense(m, out, nil) // Y[G, out]
		yh := mat.NewDense(out, m, nil) // Ŷ[out, G]
		eh := mat.NewDense(out, m, nil) // Ê[out, G]
		for a := 0; a < m; a++ {
			i := lo + a
			c := 0
			for k := 0; k < n; k++ {
				if k == lo {
					k = hi - 1
					continue
				}
				ev, yv, gv := er.Data[i*er.Stride+k], yr.Data[i*yr.Stride+k], g[i*n+k]
				ge.Set(a, c, gv*ev)
				gy.Set(a, c, gv*yv)
				eo.Set(a, c, ev)
				yo.Set(a, c, yv)
				d := lam[k] - lam[i]
				yh.Set(c, a, yr.Data[k*yr.Stride+i]/d)
				eh.Set(c, a, er.Data[k*er.Stride+i]/d)
				c++
			}
		}
		var t1, t2, t mat.Dense
		t1.Mul(ge, yh)
		t.Mul(gy, eh)
		t1.Add(&t1, &t)
		t2.Mul(eo, yh)
		t.Mul(yo, eh)
		t2.Add(&t2, &t)
		for a := 0; a < m; a++ {
			for b := 0; b < m; b++ {
				blk.Set(a, b, t1.At(a, b)-g[(lo+a)*n+lo+b]*t2.At(a, b))
			}
		}
	}

	// The part over k inside G.
	lmin, lmax := lam[lo], lam[hi-1]
	if lmax-lmin <= 1e-6*math.Max(math.Abs(lmin), math.Abs(lmax)) {
		eg := mat.NewDense(m, m, nil)
		yg := mat.NewDense(m, m, nil)
		ydg := mat.NewDense(m, m, nil) // D·Y_GG
		for a := 0; a < m; a++ {
			for b := 0; b < m; b++ {
				ev, yv := er.Data[(lo+a)*er.Stride+lo+b], yr.Data[(lo+a)*yr.Stride+lo+b]
				eg.Set(a, b, ev)
				yg.Set(a, b, yv)
				ydg.Set(a, b, sp.d2f[lo+a]*yv)
			}
		}
		var m1, m2 mat.Dense
		m1.Mul(eg, yg)  // E Y over G
		m2.Mul(eg, ydg) // E D Y over G
		for a := 0; a < m; a++ {
			for b := 0; b < m; b++ {
				v := (sp.d2f[lo+a]+sp.d2f[lo+b])/6*(m1.At(a, b)+m1.At(b, a)) +
					(m2.At(a, b)+m2.At(b, a))/6
				blk.Set(a, b, blk.At(a, b)+v)
			}
		}
	} else {
		for a := 0; a < m; a++ {
			for b := 0; b <= a; b++ {
				i, j := lo+a, lo+b
				var sum float64
				for k := lo; k < hi; k++ {
					d := sp.dd2(i, k, j)
					sum += d * (er.Data[i*er.Stride+k]*yr.Data[k*yr.Stride+j] +
						yr.Data[i*yr.Stride+k]*er.Data[k*er.Stride+j])
				}
				blk.Set(a, b, blk.At(a, b)+sum)
				if a != b {
					blk.Set(b, a, blk.At(b, a)+sum)
				}
			}
		}
	}
	// The exact block is symmetric; the products above are so only to
	// rounding.
	for a := 0; a < m; a++ {
		for b := 0; b <= a; b++ {
			v := 0.5 * (blk.At(a, b) + blk.At(b, a))
			sr.Data[(lo+a)*sr.Stride+lo+b] = v
			sr.Data[(lo+b)*sr.Stride+lo+a] = v
		}
	}
}
