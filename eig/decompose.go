package eig

import (
	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc"
)

// decompose computes the eigenvalues of the symmetric matrix a in ascending
// order into dstVals (len n) and, when wantVectors is set, the orthonormal
// eigenvectors as the columns of dstVecs (n×n, already sized), so that
// a = dstVecs · diag(dstVals) · dstVecsᵀ.
//
// It is the only place the package calls an eigensolver: today gonum's
// mat.EigenSym (LAPACK dsyev: tridiagonal reduction and implicit QL/QR);
// the faster divide-and-conquer solver of eig/eigensolver replaces it here.
// The input holds no NaN or Inf (Factorize checks). A solver that does not
// converge returns an error matching matcalc.ErrNotConverged.
func decompose(dstVals []float64, dstVecs *mat.Dense, a mat.Symmetric, wantVectors bool) error {
	var es mat.EigenSym
	if !es.Factorize(a, wantVectors) {
		return &matcalc.Error{Op: "eig.(*Sym).Factorize", Err: matcalc.ErrNotConverged,
			Detail: "symmetric eigensolver (gonum EigenSym) failed"}
	}
	es.Values(dstVals)
	if wantVectors {
		es.VectorsTo(dstVecs)
	}
	return nil
}
