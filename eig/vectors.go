package eig

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc"
)

// VectorsJVP stores into dst the derivative of the eigenvectors in the
// direction sym(dA),
//
//	V̇ = V (F ∘ (Vᵀ dA V)),  F_ij = 1/(λ_j − λ_i), F_ii = 0,
//
// in the gauge diag(VᵀV̇) = 0: each eigenvector keeps its unit norm and its
// sign (the sign of each computed eigenvector is arbitrary, and V̇ follows
// the one the solver picked).
//
// Inside a degenerate cluster the individual eigenvectors are not
// differentiable (the basis the solver picks in the cluster jumps under
// perturbation), but the cluster's invariant subspace is. There VectorsJVP
// sets F_ij = 0 for i and j in the cluster: V̇ is then the exact derivative
// of the subspace, in the gauge where the cluster block of VᵀV̇ vanishes
// too, so that it is exact for every function that depends on the cluster
// only through its subspace (projectors, tr(U_Cᵀ M U_C)), and it is the
// adjoint of VectorsVJP, which checks that invariance of the cotangent. A
// forward-mode loss that depends on the basis inside a cluster has no
// derivative there; VectorsJVP cannot see the loss and does not report it
// (use VectorsVJP, which does). Columns outside clusters are exact. With
// Options.Broadening set, F is broadened everywhere instead.
//
// Cost: 2.5 GEMMs (dA·V, the lower half of Vᵀ(dA V), and V·(F∘P)).
func (s *Sym) VectorsJVP(dst *mat.Dense, dA mat.Matrix) {
	const fn = "VectorsJVP"
	s.mustFactor(fn)
	s.checkSquare(dA, fn, "dA")
	s.useDense(dst, fn, "dst")
	n := s.n
	e := symCopy(dA)
	p := getScratch(n, n)
	toBasisLower(p, dst, s.vecs, e) // P = Vᵀ dA V: 1.5 GEMMs, dst as scratch
	// F∘P is antisymmetric: its lower triangle, then its upper one by
	// reflection.
	pr := p.RawMatrix()
	for i := 0; i < n; i++ {
		s.gapRow(i, pr.Data[i*pr.Stride:i*pr.Stride+i+1])
	}
	reflectLower(pr, -1)
	gemm(dst, s.vecs, false, p, false) // V (F∘P): 1 GEMM
	putScratch(p, e)
}

// VectorsVJP stores into dst the gradient of a loss L(λ, V) with cotangents
// λ̄ = ∂L/∂λ and V̄ = ∂L/∂V (column i of V̄ belongs to λ_i); either may be
// nil for zero:
//
//	Ā = V (diag(λ̄) + F ∘ skew(Vᵀ V̄)) Vᵀ,  F_ij = 1/(λ_j − λ_i), F_ii = 0,
//
// exactly symmetric. Eigenvalue-only cotangents never divide by a gap.
//
// Inside a degenerate cluster C the loss must not depend on the basis the
// solver chose in the cluster: VectorsVJP checks that the cluster block of
// skew(Vᵀ V̄), the rotation of the basis, vanishes to Options.InvarianceTol
// relative to |V̄|, and then masks it, which gives the exact, finite
// gradient of a loss that depends only on the cluster's subspace (such as
// tr(U_Cᵀ M U_C)). A loss that depends on the basis returns an error matching
// matcalc.ErrDegenerate naming the cluster, and dst is left unspecified.
// With Options.Broadening set, F is broadened and nothing is refused.
//
// Cost: 2.5 GEMMs (VᵀV̄, V·M and the lower half of (V M)·Vᵀ).
func (s *Sym) VectorsVJP(dst *mat.Dense, lamBar []float64, vBar mat.Matrix) error {
	const fn = "VectorsVJP"
	s.mustFactor(fn)
	if lamBar != nil {
		s.useVec(lamBar, fn, "lamBar")
	}
	s.useDense(dst, fn, "dst")
	n := s.n
	m := getScratch(n, n)
	mr := m.RawMatrix()
	if vBar == nil {
		for i := 0; i < n; i++ {
			clear(mr.Data[i*mr.Stride : i*mr.Stride+n])
		}
	} else {
		s.checkSquare(vBar, fn, "vBar")
		vb, ok := vBar.(*mat.Dense)
		if !ok {
			vb = getScratch(n, n)
			vb.Copy(vBar)
			defer putScratch(vb)
		}
		gemm(m, s.vecs, true, vb, false) // G = Vᵀ V̄: 1 GEMM
		if s.clustered && s.eps == 0 {
			total := mat.Norm(m, 2) // |V̄|
			skewLower(mr)
			if err := s.maskClusters(m, total, "eig.(*Sym).VectorsVJP", "the cotangent V̄"); err != nil {
				putScratch(m)
				return err
			}
		} else {
			skewLower(mr)
		}
		// M = F ∘ skew(G), symmetric since both factors are antisymmetric:
		// its lower triangle here, the upper one by reflection below.
		for i := 0; i < n; i++ {
			s.gapRow(i, mr.Data[i*mr.Stride:i*mr.Stride+i+1])
		}
	}
	if lamBar != nil {
		for i, l := range lamBar {
			mr.Data[i*mr.Stride+i] += l
		}
	}
	reflectLower(mr, 1)
	tmp := getScratch(n, n)
	fromBasis(dst, tmp, s.vecs, m) // 1.5 GEMMs
	putScratch(m, tmp)
	return nil
}

// gapRow multiplies row[j], j < i, by F_ij = 1/(λ_j − λ_i), or its
// Lorentzian broadening with Options.Broadening; without broadening the
// entries of i's cluster (the run [cluster[i], i)) are set to zero instead.
// row[i], the diagonal, is set to zero.
func (s *Sym) gapRow(i int, row []float64) {
	vi := s.vals[i]
	if s.eps > 0 {
		e2 := s.eps * s.eps
		for j := range row[:i] {
			d := s.vals[j] - vi
			row[j] *= d / (d*d + e2)
		}
	} else {
		end := s.cluster[i]
		for j := range row[:end] {
			row[j] /= s.vals[j] - vi
		}
		clear(row[end:i])
	}
	row[i] = 0
}

// maskClusters checks that the off-diagonal cluster blocks of x, of which
// only the strict lower triangle is read (skew(Vᵀ V̄), antisymmetric),
// vanish relative to total (|V̄|), and returns an ErrDegenerate error
// naming the first cluster where they do not. With broadening it checks
// nothing.
func (s *Sym) maskClusters(x *mat.Dense, total float64, op, what string) error {
	if s.eps > 0 {
		return nil
	}
	xr := x.RawMatrix()
	for lo := 0; lo < s.n; {
		hi := s.clusterEnd(lo)
		if hi-lo >= 2 {
			var off float64
			for i := lo; i < hi; i++ {
				for _, v := range xr.Data[i*xr.Stride+lo : i*xr.Stride+i] {
					off += 2 * v * v
				}
			}
			off = math.Sqrt(off)
			if off > s.invTol*total {
				return &matcalc.Error{Op: op, Err: matcalc.ErrDegenerate,
					Detail: fmt.Sprintf("%s rotates the basis of the cluster %s "+
						"(relative size %.3g > %.3g): the derivative depends on the basis chosen in the cluster",
						what, s.clusterName(lo, hi), off/total, s.invTol)}
			}
		}
		lo = hi
	}
	return nil
}
