package crossarch_test

import (
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/eig"
)

// The eig item runs eig.Sym at size derivN, whose gonum Dsyev and changes of
// basis run on the BLAS that TestMain installs: the eigenvalues, ValuesJVP,
// FuncJVP of Exp, the eigenvectors and VectorsVJP.
//
// Eigenvectors are defined up to sign, and the solver may pick other signs
// on another path, so the item fixes a convention: each column of V is
// flipped so that its entry of largest magnitude is positive (V S, S a
// diagonal of signs). The eigenvector loss is <V̄, V S>, whose cotangent with
// respect to the solver's V is V̄ S, so VectorsVJP gets V̄ S and its gradient
// is that of a sign-independent loss.
//
// A = diag(i/4) + E with E symmetric and ‖E‖₂ ≈ 0.07 has eigenvalues in
// [0.01, 5.5] with gaps near 1/4 (the smallest 0.217 for this seed), so the
// eigenvectors are well conditioned (error ≈ ‖A‖·eps/gap ≈ 25·eps), and
// VectorsVJP, which divides by the gaps, stays within about 5·that. Results
// are bounded norm-wise at tolerance derivTol, three orders of magnitude
// above these errors; a wrong product is off by O(1).
func init() {
	workload = append(workload, seededItem("eig_sym", derivTol, func(in *inputs, o *outputs) {
		const n = derivN
		e := in.uniform(n, n)
		a := mat.NewSymDense(n, nil)
		for i := 0; i < n; i++ {
			for j := i; j < n; j++ {
				a.SetSym(i, j, 0.05*(e.At(i, j)+e.At(j, i))/math.Sqrt(n))
			}
			a.SetSym(i, i, a.At(i, i)+float64(i)/4)
		}
		var s eig.Sym
		if err := s.Factorize(a, nil); err != nil {
			panic(err)
		}
		if len(s.Clusters()) != 0 {
			panic("eig_sym: the test matrix has a degenerate cluster")
		}
		dA, vBar := in.uniform(n, n), in.uniform(n, n)
		lamBar := in.uniform(1, n).RawRowView(0)

		o.vec(s.Values(nil))
		o.vec(s.ValuesJVP(nil, dA))
		var dY mat.Dense
		if err := s.FuncJVP(&dY, eig.Exp, dA); err != nil {
			panic(err)
		}
		o.dense(&dY)

		var v mat.Dense
		s.Vectors(&v)
		for j := 0; j < n; j++ {
			var big float64
			for i := 0; i < n; i++ {
				if math.Abs(v.At(i, j)) > math.Abs(big) {
					big = v.At(i, j)
				}
			}
			if big < 0 {
				for i := 0; i < n; i++ {
					v.Set(i, j, -v.At(i, j))
					vBar.Set(i, j, -vBar.At(i, j))
				}
			}
		}
		o.dense(&v)
		var g mat.Dense
		if err := s.VectorsVJP(&g, lamBar, vBar); err != nil {
			panic(err)
		}
		o.dense(&g)
	}))
}
