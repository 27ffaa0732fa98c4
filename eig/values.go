package eig

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc"
	"github.com/matcalc/matcalc/eig/eigensolver"
)

// ValuesJVP stores into dst (length n; nil allocates) and returns the
// directional derivative of the ascending eigenvalues in the direction
// sym(dA): λ̇_i = v_iᵀ dA v_i for a simple eigenvalue. At a degenerate
// cluster the ordered eigenvalues are only directionally differentiable,
// and the derivative is the ascending eigenvalues of the cluster block
// V_Cᵀ dA V_C: at A = I₂ with dA = [[0,1],[1,0]] it is [−1, 1], where JAX
// and PyTorch return diag(Vᵀ dA V) in the basis the solver picked, [0, 0].
//
// Cost: half a GEMM (L·V for the lower triangle L of dA), n dot products,
// and per cluster of m eigenvalues an n×m product and an m×m eigenproblem.
func (s *Sym) ValuesJVP(dst []float64, dA mat.Matrix) []float64 {
	const fn = "ValuesJVP"
	s.mustFactor(fn)
	s.checkSquare(dA, fn, "dA")
	dst = s.useVec(dst, fn, "dst")
	n := s.n
	// With sym(dA) = L + Lᵀ, L its lower triangle with half the diagonal,
	// v_iᵀ dA v_i = 2 v_iᵀ L v_i.
	l := symCopy(dA)
	lr := l.RawMatrix()
	for i := 0; i < n; i++ {
		row := lr.Data[i*lr.Stride : i*lr.Stride+n]
		row[i] *= 0.5
		clear(row[i+1:])
	}
	w := getScratch(n, n)
	lowerTimes(w, l, s.vecs) // L V: half a GEMM
	vr, wr := s.vecs.RawMatrix(), w.RawMatrix()
	clear(dst)
	for k := 0; k < n; k++ {
		vk, wk := vr.Data[k*vr.Stride:k*vr.Stride+n], wr.Data[k*wr.Stride:k*wr.Stride+n]
		for i := range dst {
			dst[i] += vk[i] * wk[i]
		}
	}
	for i := range dst {
		dst[i] *= 2
	}
	putScratch(l, w)
	var e *mat.Dense
	for lo := 0; lo < n; {
		hi := s.clusterEnd(lo)
		if hi-lo >= 2 {
			if e == nil {
				e = symCopy(dA)
			}
			s.clusterValuesJVP(dst[lo:hi], lo, hi, e)
		}
		lo = hi
	}
	if e != nil {
		putScratch(e)
	}
	return dst
}

// clusterValuesJVP sets dst to the ascending eigenvalues of V_Cᵀ E V_C for
// the cluster C = [lo, hi) and the symmetric direction E.
func (s *Sym) clusterValuesJVP(dst []float64, lo, hi int, e *mat.Dense) {
	m := hi - lo
	vc := s.vecs.Slice(0, s.n, lo, hi)
	var ev, pc mat.Dense
	ev.Mul(e, vc)
	pc.Mul(vc.T(), &ev)
	sym := mat.NewSymDense(m, nil)
	for a := 0; a < m; a++ {
		for b := a; b < m; b++ {
			sym.SetSym(a, b, 0.5*(pc.At(a, b)+pc.At(b, a)))
		}
	}
	vals := make([]float64, m)
	var es eigensolver.Eigen
	if err := decompose(&es, vals, nil, sym, false); err != nil {
		// An m×m symmetric eigenproblem of finite numbers does not fail in
		// practice; keep the diagonal, the derivative in the computed
		// basis.
		return
	}
	copy(dst, vals)
}

// ValuesVJP stores into dst the gradient of Σ_i λ̄_i λ_i, that is
// V diag(λ̄) Vᵀ, exactly symmetric. It never divides by an eigenvalue gap.
// If λ̄ is constant on every degenerate cluster (such as Σλ_i = tr A, or any
// loss symmetric in the eigenvalues of each cluster) this is the gradient;
// otherwise the loss is not differentiable at A and the result is the
// gradient for the basis the solver picked inside the cluster, as JAX and
// PyTorch return.
//
// Cost: half a GEMM.
func (s *Sym) ValuesVJP(dst *mat.Dense, lamBar []float64) {
	const fn = "ValuesVJP"
	s.mustFactor(fn)
	s.useVec(lamBar, fn, "lamBar")
	s.useDense(dst, fn, "dst")
	s.weightedOuter(dst, lamBar)
}

// weightedOuter sets dst = V diag(w) Vᵀ: half a GEMM.
func (s *Sym) weightedOuter(dst *mat.Dense, w []float64) {
	t := getScratch(s.n, s.n)
	t.Copy(s.vecs)
	tr := t.RawMatrix()
	for k := 0; k < s.n; k++ {
		row := tr.Data[k*tr.Stride : k*tr.Stride+s.n]
		for i, wi := range w {
			row[i] *= wi
		}
	}
	symGemm(dst, t, false, s.vecs, true)
	putScratch(t)
}

// ValueHVP stores into dst the Hessian of the single eigenvalue λ_i applied
// to sym(dA), the derivative of its gradient v_i v_iᵀ:
//
//	dst = w v_iᵀ + v_i wᵀ,  w = Σ_{j≠i} v_j (v_jᵀ dA v_i)/(λ_i − λ_j).
//
// λ_i must be simple: inside a degenerate cluster λ_i is not twice
// differentiable and ValueHVP returns an error matching
// matcalc.ErrDegenerate (unless Options.Broadening is set, which replaces
// the reciprocal gaps by their Lorentzian).
//
// Cost: O(n²), two matrix-vector products.
func (s *Sym) ValueHVP(dst *mat.Dense, i int, dA mat.Matrix) error {
	const fn = "ValueHVP"
	s.mustFactor(fn)
	if i < 0 || i >= s.n {
		panic(fmt.Sprintf("eig.(*Sym).%s: index %d out of range [0, %d)", fn, i, s.n))
	}
	s.checkSquare(dA, fn, "dA")
	s.useDense(dst, fn, "dst")
	if s.eps == 0 {
		lo := s.cluster[i]
		if hi := s.clusterEnd(lo); hi-lo >= 2 {
			return &matcalc.Error{Op: "eig.(*Sym).ValueHVP", Err: matcalc.ErrDegenerate,
				Detail: fmt.Sprintf("λ_%d lies in the cluster %s, where it is not twice differentiable",
					i, s.clusterName(lo, hi))}
		}
	}
	e := symCopy(dA)
	vi := mat.NewVecDense(s.n, nil)
	vi.CopyVec(s.vecs.ColView(i))
	ev := mat.NewVecDense(s.n, nil)
	ev.MulVec(e, vi)
	p := mat.NewVecDense(s.n, nil)
	p.MulVec(s.vecs.T(), ev) // p_j = v_jᵀ dA v_i
	for j := 0; j < s.n; j++ {
		if j == i {
			p.SetVec(j, 0)
			continue
		}
		p.SetVec(j, p.AtVec(j)*s.recipGap(j, i))
	}
	w := mat.NewVecDense(s.n, nil)
	w.MulVec(s.vecs, p)
	wr, vr := w.RawVector().Data, vi.RawVector().Data
	d := dst.RawMatrix()
	for r := 0; r < s.n; r++ {
		row := d.Data[r*d.Stride : r*d.Stride+s.n]
		for c := range row {
			row[c] = wr[r]*vr[c] + vr[r]*wr[c]
		}
	}
	return nil
}

// ValuesHVP stores into dst the Hessian of Σ_i c_i λ_i applied to sym(dA),
// the derivative of the gradient V diag(c) Vᵀ:
//
//	dst = V (C ∘ (Vᵀ dA V)) Vᵀ,  C_ij = (c_i − c_j)/(λ_i − λ_j), C_ii = 0.
//
// Inside a degenerate cluster the weights must agree (to
// Options.InvarianceTol relative to max|c|): then C_ij = 0 there and the
// result is exact, since the sum over a cluster is a smooth function of A.
// Otherwise ValuesHVP returns an error matching matcalc.ErrDegenerate that
// names the cluster (unless Options.Broadening is set).
//
// Cost: three GEMMs.
func (s *Sym) ValuesHVP(dst *mat.Dense, c []float64, dA mat.Matrix) error {
	const fn = "ValuesHVP"
	s.mustFactor(fn)
	s.useVec(c, fn, "c")
	s.checkSquare(dA, fn, "dA")
	s.useDense(dst, fn, "dst")
	var cmax float64
	for _, ci := range c {
		cmax = math.Max(cmax, math.Abs(ci))
	}
	n := s.n
	cm := make([]float64, n*n)
	for i := 0; i < n; i++ {
		for j := 0; j < i; j++ {
			var v float64
			dc := c[i] - c[j]
			switch {
			case s.eps > 0:
				v = dc * s.recipGap(j, i)
			case s.sameCluster(i, j):
				if math.Abs(dc) > s.invTol*cmax {
					lo := s.cluster[i]
					return &matcalc.Error{Op: "eig.(*Sym).ValuesHVP", Err: matcalc.ErrDegenerate,
						Detail: fmt.Sprintf("weights c_%d = %g and c_%d = %g differ inside the cluster %s",
							j, c[j], i, c[i], s.clusterName(lo, s.clusterEnd(lo)))}
				}
			default:
				v = dc / (s.vals[i] - s.vals[j])
			}
			cm[i*n+j], cm[j*n+i] = v, v
		}
	}
	s.sandwich(dst, func(i int, row []float64) { copy(row, cm[i*n:]) }, symCopy(dA))
	return nil
}

// sandwich sets dst = V (C ∘ (Vᵀ E V)) Vᵀ for a symmetric n×n C given by
// rows: coef(i, row) sets row[j] = C_ij for j ≤ i. E is a symmetric work
// matrix from getScratch, which sandwich overwrites and returns to the pool. Cost: three GEMMs (E·V and V·(C∘P) in
// full, the lower halves of Vᵀ(E V) and (V (C∘P))·Vᵀ).
func (s *Sym) sandwich(dst *mat.Dense, coef func(i int, row []float64), e *mat.Dense) {
	n := s.n
	p := getScratch(n, n)
	toBasisLower(p, dst, s.vecs, e) // 1.5 GEMMs, dst as scratch
	pr := p.RawMatrix()
	c := make([]float64, n)
	for i := 0; i < n; i++ {
		coef(i, c[:i+1])
		row := pr.Data[i*pr.Stride : i*pr.Stride+i+1]
		for j, cj := range c[:i+1] {
			row[j] *= cj
		}
	}
	mirrorLower(pr)
	fromBasis(dst, e, s.vecs, p) // 1.5 GEMMs
	putScratch(p, e)
}

// recipGap returns F_ij = 1/(λ_j − λ_i), or its Lorentzian broadening
// Δ/(Δ² + ε²) when Options.Broadening is set.
func (s *Sym) recipGap(i, j int) float64 {
	d := s.vals[j] - s.vals[i]
	if s.eps > 0 {
		return d / (d*d + s.eps*s.eps)
	}
	return 1 / d
}

// clusterName describes the cluster [lo, hi) for error messages.
func (s *Sym) clusterName(lo, hi int) string {
	return fmt.Sprintf("λ_%d … λ_%d ≈ %.6g (indices %d to %d)", lo, hi-1, s.vals[lo], lo, hi-1)
}
