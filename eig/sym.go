package eig

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc"
	"github.com/matcalc/matcalc/eig/eigensolver"
)

// Default tolerances of Options. Each is relative; see Options for what it
// is relative to.
const (
	// DefaultSymTol is the default Options.SymTol: an input that is not a
	// mat.Symmetric may differ from its transpose by this much relative to
	// its largest entry.
	DefaultSymTol = 1e-10
	// DefaultClusterTol is the default Options.ClusterTol: eigenvalues
	// closer than this times max|λ| form a degenerate cluster.
	DefaultClusterTol = 1e-10
	// DefaultInvarianceTol is the default Options.InvarianceTol: the part of
	// an eigenvector cotangent that rotates a cluster's basis may be this
	// large relative to the whole before the derivative is declared
	// undefined.
	DefaultInvarianceTol = 1e-8
)

// Options tune Factorize. The zero value (or a nil *Options) selects the
// defaults. Factorize panics if a field is NaN or infinite.
type Options struct {
	// SymTol is the symmetry tolerance for an input that does not implement
	// mat.Symmetric: Factorize accepts A when
	// max|A_ij − A_ji| ≤ SymTol·max|A_ij| and factors sym(A) = (A + Aᵀ)/2.
	// Zero selects DefaultSymTol; a negative value skips the check.
	SymTol float64

	// ClusterTol groups eigenvalues into degenerate clusters: consecutive
	// eigenvalues with λ_{i+1} − λ_i ≤ ClusterTol·max|λ| belong to one
	// cluster. Derivatives that would divide by λ_j − λ_i inside a cluster
	// are masked (when the loss is invariant to the basis of the cluster)
	// or refused with matcalc.ErrDegenerate. Zero selects DefaultClusterTol;
	// a negative value makes only exactly equal eigenvalues a cluster.
	ClusterTol float64

	// InvarianceTol is the tolerance of the invariance checks inside a
	// cluster: of an eigenvector cotangent V̄ (VectorsVJP), relative to |V̄|,
	// and of eigenvalue weights (ValuesHVP), relative to max|c|. Zero
	// selects DefaultInvarianceTol.
	InvarianceTol float64

	// Broadening, when positive, replaces 1/(λ_j − λ_i) in the eigenvector
	// derivatives by the Lorentzian Δ/(Δ² + ε²), Δ = λ_j − λ_i, with
	// ε = Broadening·(λ_max − λ_min) (or Broadening·max|λ| if all
	// eigenvalues are equal, or Broadening if A = 0). The result is finite
	// for every spectrum but biased; no cluster is checked or refused.
	// Zero (the default) gives the exact derivatives.
	Broadening float64
}

// Sym is the eigendecomposition A = V Λ Vᵀ of a real symmetric matrix, with
// the eigenvalues λ_0 ≤ λ_1 ≤ … ≤ λ_{n−1} ascending and V orthogonal, and the
// derivatives of the eigenvalues, of the eigenvectors and of spectral matrix
// functions V f(Λ) Vᵀ at A.
//
// Factorize once, then ask for any number of derivatives: each costs a few
// matrix products of size n and never another decomposition. A Sym is not
// safe for concurrent use by several goroutines.
type Sym struct {
	n    int
	vals []float64
	vecs *mat.Dense

	scale float64 // max|λ|
	// clusters partitions 0..n−1 into runs of (nearly) equal eigenvalues;
	// cluster[i] is the index of the first eigenvalue of i's run.
	cluster []int
	// clustered reports whether some run has two or more eigenvalues.
	clustered bool

	clusterTol float64
	invTol     float64
	eps        float64 // broadening width (absolute); 0 for exact

	solver eigensolver.Eigen // the decomposition's workspace, reused
}

// Factorize computes the eigendecomposition of the symmetric matrix a.
//
// If a implements mat.Symmetric it is used as given. Otherwise a must be
// square (Factorize panics if not) and symmetric within opts.SymTol; it is
// then replaced by sym(a) = (a + aᵀ)/2, and every derivative is that of the
// function of sym(a) (see the package documentation).
//
// Factorize returns an error matching matcalc.ErrNaN if a holds NaN or Inf,
// matcalc.ErrNotSymmetric if a is not symmetric within the tolerance, and
// matcalc.ErrNotConverged if the eigensolver fails. After an error the
// receiver holds no factorization and its other methods panic.
func (s *Sym) Factorize(a mat.Matrix, opts *Options) error {
	const op = "eig.(*Sym).Factorize"
	*s = Sym{}
	var o Options
	if opts != nil {
		o = *opts
	}
	for _, f := range []struct {
		name string
		v    float64
	}{{"SymTol", o.SymTol}, {"ClusterTol", o.ClusterTol}, {"InvarianceTol", o.InvarianceTol}, {"Broadening", o.Broadening}} {
		if math.IsNaN(f.v) || math.IsInf(f.v, 0) {
			panic(fmt.Sprintf("%s: Options.%s is %v, want a finite number", op, f.name, f.v))
		}
	}
	r, c := a.Dims()
	if r != c {
		panic(fmt.Sprintf("%s: a is %d×%d, want square", op, r, c))
	}
	n := r
	if n == 0 {
		panic(op + ": a is 0×0")
	}

	sa, isSym := a.(mat.Symmetric)
	var maxAbs float64
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			v := a.At(i, j)
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return &matcalc.Error{Op: op, Err: matcalc.ErrNaN,
					Detail: fmt.Sprintf("a[%d,%d] = %v", i, j, v)}
			}
			maxAbs = math.Max(maxAbs, math.Abs(v))
		}
	}
	if !isSym {
		tol := o.SymTol
		if tol == 0 {
			tol = DefaultSymTol
		}
		sd := mat.NewSymDense(n, nil)
		var worst float64
		for i := 0; i < n; i++ {
			for j := i; j < n; j++ {
				aij, aji := a.At(i, j), a.At(j, i)
				worst = math.Max(worst, math.Abs(aij-aji))
				sd.SetSym(i, j, 0.5*(aij+aji))
			}
		}
		if tol >= 0 && worst > tol*maxAbs {
			return &matcalc.Error{Op: op, Err: matcalc.ErrNotSymmetric,
				Detail: fmt.Sprintf("max|a_ij − a_ji| = %.3g > %.3g·max|a_ij| = %.3g",
					worst, tol, tol*maxAbs)}
		}
		sa = sd
	}

	vals := make([]float64, n)
	vecs := mat.NewDense(n, n, nil)
	if err := decompose(&s.solver, vals, vecs, sa, true); err != nil {
		return err
	}
	for _, v := range vals {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return &matcalc.Error{Op: op, Err: matcalc.ErrNotConverged,
				Detail: "eigensolver returned a non-finite eigenvalue"}
		}
	}

	s.n = n
	s.vals = vals
	s.vecs = vecs
	s.scale = math.Max(math.Abs(vals[0]), math.Abs(vals[n-1]))

	s.clusterTol = o.ClusterTol
	if s.clusterTol == 0 {
		s.clusterTol = DefaultClusterTol
	}
	s.invTol = o.InvarianceTol
	if s.invTol <= 0 {
		s.invTol = DefaultInvarianceTol
	}
	if o.Broadening > 0 {
		spread := vals[n-1] - vals[0]
		switch {
		case spread > 0:
			s.eps = o.Broadening * spread
		case s.scale > 0:
			s.eps = o.Broadening * s.scale
		default:
			s.eps = o.Broadening
		}
	}

	s.cluster = make([]int, n)
	s.clustered = false
	gap := math.Max(s.clusterTol, 0) * s.scale
	for i := 1; i < n; i++ {
		if vals[i]-vals[i-1] <= gap {
			s.cluster[i] = s.cluster[i-1]
			s.clustered = true
		} else {
			s.cluster[i] = i
		}
	}
	return nil
}

// mustFactor panics if the receiver holds no factorization.
func (s *Sym) mustFactor(op string) {
	if s.n == 0 {
		panic("eig.(*Sym)." + op + ": no factorization")
	}
}

// Size returns n, the order of the factorized matrix.
func (s *Sym) Size() int {
	s.mustFactor("Size")
	return s.n
}

// Values stores the eigenvalues λ_0 ≤ … ≤ λ_{n−1} into dst and returns it.
// A nil dst is allocated; otherwise it must have length n.
func (s *Sym) Values(dst []float64) []float64 {
	s.mustFactor("Values")
	dst = s.useVec(dst, "Values", "dst")
	copy(dst, s.vals)
	return dst
}

// Vectors stores the orthonormal eigenvectors into the columns of dst, so
// that column i belongs to λ_i. Each column is determined only up to its
// sign, and inside a degenerate cluster only up to a rotation of the
// cluster's basis; see the package documentation.
func (s *Sym) Vectors(dst *mat.Dense) {
	s.mustFactor("Vectors")
	s.useDense(dst, "Vectors", "dst")
	dst.Copy(s.vecs)
}

// Clusters returns the degenerate clusters as half-open index ranges
// [lo, hi) of the ascending eigenvalues with hi − lo ≥ 2. Eigenvalues in a
// cluster are equal to within Options.ClusterTol·max|λ|.
func (s *Sym) Clusters() [][2]int {
	s.mustFactor("Clusters")
	var out [][2]int
	for lo := 0; lo < s.n; {
		hi := s.clusterEnd(lo)
		if hi-lo >= 2 {
			out = append(out, [2]int{lo, hi})
		}
		lo = hi
	}
	return out
}

// clusterEnd returns the end (exclusive) of the cluster starting at lo.
func (s *Sym) clusterEnd(lo int) int {
	hi := lo + 1
	for hi < s.n && s.cluster[hi] == s.cluster[lo] {
		hi++
	}
	return hi
}

// sameCluster reports whether λ_i and λ_j belong to one cluster.
func (s *Sym) sameCluster(i, j int) bool { return s.cluster[i] == s.cluster[j] }

// useVec returns dst sized n, allocating a nil one and panicking on a wrong
// length.
func (s *Sym) useVec(dst []float64, fn, name string) []float64 {
	if dst == nil {
		return make([]float64, s.n)
	}
	if len(dst) != s.n {
		panic(fmt.Sprintf("eig.(*Sym).%s: len(%s) = %d, want %d", fn, name, len(dst), s.n))
	}
	return dst
}

// useDense sizes an empty dst n×n and panics on a wrong-sized one.
func (s *Sym) useDense(dst *mat.Dense, fn, name string) {
	if dst.IsEmpty() {
		dst.ReuseAs(s.n, s.n)
		return
	}
	r, c := dst.Dims()
	if r != s.n || c != s.n {
		panic(fmt.Sprintf("eig.(*Sym).%s: %s is %d×%d, want %d×%d", fn, name, r, c, s.n, s.n))
	}
}

// checkSquare panics unless m is n×n.
func (s *Sym) checkSquare(m mat.Matrix, fn, name string) {
	r, c := m.Dims()
	if r != s.n || c != s.n {
		panic(fmt.Sprintf("eig.(*Sym).%s: %s is %d×%d, want %d×%d", fn, name, r, c, s.n, s.n))
	}
}
