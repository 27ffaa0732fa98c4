package eig

import (
	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/eig/eigensolver"
)

// decompose computes the eigenvalues of the symmetric matrix a in ascending
// order into dstVals (len n) and, when wantVectors is set, the orthonormal
// eigenvectors as the columns of dstVecs (n×n, already sized), so that
// a = dstVecs · diag(dstVals) · dstVecsᵀ. es holds the solver's workspace,
// reused across calls.
//
// It is the only place the package calls an eigensolver: the divide-and-
// conquer solver of eig/eigensolver (Householder tridiagonalization, Cuppen's
// method with deflation, blocked back-transformation), which runs its
// matrix products on the BLAS installed with blas64.Use. The tests of
// eig/eigensolver compare it with gonum's mat.EigenSym. The input holds no
// NaN or Inf (Factorize checks); a solver that does not converge returns an
// error matching matcalc.ErrNotConverged.
func decompose(es *eigensolver.Eigen, dstVals []float64, dstVecs *mat.Dense, a mat.Symmetric, wantVectors bool) error {
	if err := es.Factorize(a, wantVectors); err != nil {
		return err
	}
	es.Values(dstVals)
	if wantVectors {
		es.VectorsTo(dstVecs)
	}
	return nil
}
