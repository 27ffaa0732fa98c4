// Copyright ©2026 The matcalc Authors. All rights reserved.

package eigensolver

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/lapack"
	"gonum.org/v1/gonum/lapack/gonum"
	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc"
)

// Eigen is the eigendecomposition A = V Λ Vᵀ of a real symmetric matrix, with
// the eigenvalues in ascending order. The zero value is ready to use; an
// Eigen reuses its workspace across calls to Factorize of the same or a
// smaller size. The workspace is about n² float64s for values only and 6n²
// with eigenvectors (48 MB at n = 1024). An Eigen is not safe for
// concurrent use; it uses up to GOMAXPROCS goroutines internally.
type Eigen struct {
	n          int
	ok         bool // the last factorization succeeded
	hasVectors bool

	values  []float64 // ascending eigenvalues
	vectors []float64 // n×n row-major; column j belongs to values[j]

	a      []float64 // the reduced matrix and its Householder vectors
	tau    []float64
	off    []float64 // off-diagonal of the tridiagonal matrix
	perm   []int
	tmp    []float64 // for a global column sort after a split
	sorted []float64
	saved  []float64 // a block's d and e, for the fallback
	tw     tridiagWork
	bw     backWork
	dc     dc
}

// Factorize computes the eigenvalues of the symmetric matrix a and, if
// wantVectors is true, its eigenvectors. Only the triangle a stores is read,
// as everywhere in gonum: a mat.Symmetric is symmetric by construction.
//
// The matrix is reduced to tridiagonal form by Householder reflections
// (blocked, GEMM-rich), the tridiagonal problem is solved by divide and
// conquer when eigenvectors are wanted and by the root-free QR method
// otherwise, and the eigenvectors are transformed back by blocked reflectors.
//
// NaN or Inf in a gives an error matching matcalc.ErrNaN; a tridiagonal
// iteration that does not converge gives one matching matcalc.ErrNotConverged.
// After an error the receiver holds no factorization.
func (e *Eigen) Factorize(a mat.Symmetric, wantVectors bool) error {
	n := a.SymmetricDim()
	e.reset(n)
	if n == 0 {
		e.ok, e.hasVectors = true, wantVectors
		return nil
	}
	anorm, err := e.load(a)
	if err != nil {
		return err
	}
	if n == 1 {
		e.values[0] = e.a[0]
		if wantVectors {
			e.vectors = grow(e.vectors, 1)
			e.vectors[0] = 1
		}
		e.ok, e.hasVectors = true, wantVectors
		return nil
	}
	sigma := scaling(anorm)
	if sigma != 1 {
		for i := range n {
			row := e.a[i*n : (i+1)*n]
			for j := range row {
				row[j] *= sigma
			}
		}
	}
	e.tridiagonalize()
	if err := e.solveTridiagonal(wantVectors); err != nil {
		return err
	}
	if wantVectors {
		e.backTransform()
	}
	if sigma != 1 {
		for i := range e.values {
			e.values[i] /= sigma
		}
	}
	e.ok, e.hasVectors = true, wantVectors
	return nil
}

// scaling returns the power of two by which a matrix of max-norm anorm is
// scaled so that squares of its entries neither overflow nor underflow, as
// LAPACK's dsyev does, or 1 if it needs none.
func scaling(anorm float64) float64 {
	const (
		safmin = 0x1p-1022
		eps    = 0x1p-53
	)
	rmin := math.Sqrt(safmin / eps)
	rmax := math.Sqrt(1 / (safmin / eps))
	switch {
	case anorm > 0 && anorm < rmin:
		return math.Exp2(math.Floor(math.Log2(rmin / anorm)))
	case anorm > rmax:
		return math.Exp2(math.Ceil(math.Log2(rmax / anorm)))
	}
	return 1
}

// FactorizeTridiagonal computes the eigenvalues and, if wantVectors is true,
// the eigenvectors of the symmetric tridiagonal matrix with diagonal d and
// off-diagonal offDiag (len(offDiag) = len(d)−1, or 0 when d is empty).
// d and offDiag are not modified. Errors are as for Factorize.
func (e *Eigen) FactorizeTridiagonal(d, offDiag []float64, wantVectors bool) error {
	n := len(d)
	if len(offDiag) != max(n-1, 0) {
		panic(fmt.Sprintf("eigensolver.(*Eigen).FactorizeTridiagonal: len(d) = %d, len(offDiag) = %d, want %d", n, len(offDiag), max(n-1, 0)))
	}
	e.reset(n)
	for i, v := range d {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nanError("eigensolver.(*Eigen).FactorizeTridiagonal", fmt.Sprintf("d[%d] = %v", i, v))
		}
	}
	for i, v := range offDiag {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nanError("eigensolver.(*Eigen).FactorizeTridiagonal", fmt.Sprintf("offDiag[%d] = %v", i, v))
		}
	}
	var anorm float64
	for _, v := range d {
		anorm = math.Max(anorm, math.Abs(v))
	}
	for _, v := range offDiag {
		anorm = math.Max(anorm, math.Abs(v))
	}
	sigma := scaling(anorm)
	for i, v := range d {
		e.values[i] = v * sigma
	}
	for i, v := range offDiag {
		e.off[i] = v * sigma
	}
	if n > 0 {
		if err := e.solveTridiagonal(wantVectors); err != nil {
			return err
		}
	}
	if sigma != 1 {
		for i := range e.values {
			e.values[i] /= sigma
		}
	}
	e.ok, e.hasVectors = true, wantVectors
	return nil
}

// reset sizes the receiver for an n×n problem and marks it empty.
func (e *Eigen) reset(n int) {
	e.n, e.ok, e.hasVectors = n, false, false
	e.values = grow(e.values, n)
	e.off = grow(e.off, max(n-1, 0))
}

// Size returns the order n of the factorized matrix.
func (e *Eigen) Size() int { return e.n }

// Values returns the eigenvalues in ascending order. If dst is nil a new
// slice is allocated; otherwise len(dst) must be n and the values are copied
// into it. Values panics if the receiver holds no factorization.
func (e *Eigen) Values(dst []float64) []float64 {
	if !e.ok {
		panic("eigensolver.(*Eigen).Values: no factorization")
	}
	if dst == nil {
		dst = make([]float64, e.n)
	}
	if len(dst) != e.n {
		panic(fmt.Sprintf("eigensolver.(*Eigen).Values: len(dst) = %d, want %d", len(dst), e.n))
	}
	copy(dst, e.values)
	return dst
}

// VectorsTo stores the orthonormal eigenvectors in the columns of dst, column
// j belonging to the j-th eigenvalue of Values. An empty dst is resized to
// n×n; a dst of another size panics, as does a receiver factorized without
// vectors. For n = 0 an empty dst is left empty.
func (e *Eigen) VectorsTo(dst *mat.Dense) {
	if !e.ok || !e.hasVectors {
		panic("eigensolver.(*Eigen).VectorsTo: eigenvectors were not computed")
	}
	n := e.n
	if dst.IsEmpty() {
		if n == 0 {
			return
		}
		dst.ReuseAs(n, n)
	} else if r, c := dst.Dims(); r != n || c != n {
		panic(fmt.Sprintf("eigensolver.(*Eigen).VectorsTo: dst is %d×%d, want %d×%d", r, c, n, n))
	}
	raw := dst.RawMatrix()
	for i := range n {
		copy(raw.Data[i*raw.Stride:i*raw.Stride+n], e.vectors[i*n:(i+1)*n])
	}
}

// load copies a into e.a in full, checking for NaN and Inf, and returns
// the largest magnitude of its entries.
func (e *Eigen) load(a mat.Symmetric) (float64, error) {
	n := e.n
	e.a = grow(e.a, n*n)
	if rs, ok := a.(mat.RawSymmetricer); ok {
		raw := rs.RawSymmetric()
		if raw.Uplo == blas.Upper {
			// Element (i, j), i ≥ j, is raw.Data[j*Stride+i]: copy by blocks
			// to keep both sides in cache.
			const bs = 64
			for jb := 0; jb < n; jb += bs {
				for ib := jb; ib < n; ib += bs {
					for j := jb; j < min(jb+bs, n); j++ {
						src := raw.Data[j*raw.Stride:]
						for i := max(ib, j); i < min(ib+bs, n); i++ {
							e.a[i*n+j] = src[i]
						}
					}
				}
			}
		} else {
			for i := range n {
				copy(e.a[i*n:i*n+i+1], raw.Data[i*raw.Stride:])
			}
		}
	} else {
		for i := range n {
			for j := 0; j <= i; j++ {
				e.a[i*n+j] = a.At(i, j)
			}
		}
	}
	var anorm float64
	for i := range n {
		for j, v := range e.a[i*n : i*n+i+1] {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return 0, nanError("eigensolver.(*Eigen).Factorize", fmt.Sprintf("element (%d, %d) is %v", i, j, v))
			}
			anorm = math.Max(anorm, math.Abs(v))
		}
	}
	// Mirror the lower triangle into the upper one, by blocks.
	const bs = 64
	for ib := 0; ib < n; ib += bs {
		for jb := ib; jb < n; jb += bs {
			for i := ib; i < min(ib+bs, n); i++ {
				row := e.a[i*n:]
				for j := max(jb, i+1); j < min(jb+bs, n); j++ {
					row[j] = e.a[j*n+i]
				}
			}
		}
	}
	return anorm, nil
}

// tridiagonalize reduces e.a, symmetric and stored in full, to the
// tridiagonal T = Qᵀ A Q, with the diagonal in e.values, the off-diagonal in
// e.off and Q as Householder reflectors below the subdiagonal of e.a.
func (e *Eigen) tridiagonalize() {
	n := e.n
	e.tau = grow(e.tau, n-1)
	sytrd(n, e.a, e.values, e.off, e.tau, &e.tw)
}

// backTransform overwrites e.vectors, the eigenvectors Z of T, with those of
// A: V = Q Z, by blocked reflectors.
func (e *Eigen) backTransform() {
	ormtr(e.n, e.a, e.tau, e.vectors, &e.bw)
}

// solveTridiagonal computes the eigenvalues (in e.values, ascending) and, if
// wantVectors, the eigenvectors (in e.vectors) of the tridiagonal matrix with
// diagonal e.values and off-diagonal e.off. e.off is destroyed.
func (e *Eigen) solveTridiagonal(wantVectors bool) error {
	n := e.n
	d, off := e.values, e.off
	impl := gonum.Implementation{}
	if !wantVectors {
		// Scale to norm about one: gonum's Dsterf panics when it has to
		// scale by itself (its Dlascl calls pass a row-major leading
		// dimension for a vector).
		var anorm float64
		for _, v := range d {
			anorm = math.Max(anorm, math.Abs(v))
		}
		for _, v := range off {
			anorm = math.Max(anorm, math.Abs(v))
		}
		if anorm == 0 {
			return nil
		}
		s := math.Exp2(-math.Round(math.Log2(anorm)))
		for i := range d {
			d[i] *= s
		}
		for i := range off {
			off[i] *= s
		}
		if !impl.Dsterf(n, d, off) {
			return notConverged("root-free QR on the tridiagonal matrix of order %d did not converge", n)
		}
		for i := range d {
			d[i] /= s
		}
		return nil
	}
	e.vectors = grow(e.vectors, n*n)
	z := e.vectors
	clear(z)
	const eps = 0x1p-53
	blocks := 0
	for start := 0; start < n; {
		// Split off an unreduced block at a negligible off-diagonal entry.
		end := start
		for end < n-1 && math.Abs(off[end]) > eps*math.Sqrt(math.Abs(d[end]))*math.Sqrt(math.Abs(d[end+1])) {
			end++
		}
		if err := e.solveUnreduced(start, end+1); err != nil {
			return err
		}
		blocks++
		start = end + 1
	}
	if blocks > 1 {
		// Sort all eigenpairs; each block is already sorted.
		e.perm = growInt(e.perm, n)
		for i := range e.perm {
			e.perm[i] = i
		}
		sortIndex(e.perm, d)
		e.tmp = grow(e.tmp, n*n)
		copy(e.tmp, z)
		e.sorted = grow(e.sorted, n)
		for c, p := range e.perm {
			e.sorted[c] = d[p]
		}
		copy(d, e.sorted)
		for r := range n {
			row, src := z[r*n:(r+1)*n], e.tmp[r*n:(r+1)*n]
			for c, p := range e.perm {
				row[c] = src[p]
			}
		}
	}
	return nil
}

// solveUnreduced solves the unreduced block [lo, hi) of the tridiagonal
// matrix by divide and conquer, writing its eigenvalues ascending into
// e.values[lo:hi] and its eigenvectors into the diagonal block of e.vectors.
func (e *Eigen) solveUnreduced(lo, hi int) error {
	n, m := e.n, hi-lo
	d := e.values[lo:hi]
	if m == 1 {
		e.vectors[lo*n+lo] = 1
		return nil
	}
	off := e.off[lo : hi-1]
	// Scale to norm one, as LAPACK's dstedc does.
	var scale float64
	for _, v := range d {
		scale = math.Max(scale, math.Abs(v))
	}
	for _, v := range off {
		scale = math.Max(scale, math.Abs(v))
	}
	for i := range d {
		d[i] /= scale
	}
	for i := range off {
		off[i] /= scale
	}
	w := &e.dc
	e.saved = grow(e.saved, 2*m-1)
	copy(e.saved, d)
	copy(e.saved[m:], off)
	if err := w.solveBlock(d, off); err != nil {
		// Fall back to the implicit QL/QR method on the whole block: slower,
		// but it converges where a secular equation did not.
		copy(d, e.saved[:m])
		copy(off, e.saved[m:])
		q := w.q[0][:m*m]
		work := w.gath[:2*m]
		if ok := (gonum.Implementation{}).Dsteqr(lapack.EVTridiag, m, d, off, q, m, work); !ok || w.failSteqr {
			return err
		}
	}
	perm := w.perm[:m]
	for i := range perm {
		perm[i] = i
	}
	sortIndex(perm, d)
	q := w.q[0][:m*m]
	for r := range m {
		row, src := e.vectors[(lo+r)*n+lo:(lo+r)*n+hi], q[r*m:(r+1)*m]
		for c, p := range perm {
			row[c] = src[p]
		}
	}
	vals := w.ds[:m]
	for c, p := range perm {
		vals[c] = d[p] * scale
	}
	copy(d, vals)
	return nil
}

func nanError(op, detail string) error {
	return &matcalc.Error{Op: op, Err: matcalc.ErrNaN, Detail: detail}
}

func notConverged(format string, args ...any) error {
	return &matcalc.Error{Op: "eigensolver.(*Eigen).Factorize", Err: matcalc.ErrNotConverged, Detail: fmt.Sprintf(format, args...)}
}
