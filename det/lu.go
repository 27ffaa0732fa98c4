package det

import (
	"math"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/lapack"
	"gonum.org/v1/gonum/lapack/lapack64"
	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc"
)

// The derivatives of det switch from the LU formulas to the stable ones of
// the package documentation on the 1-norm condition number κ₁(A) = ‖A‖₁‖A⁻¹‖₁ (Cond),
// computed exactly from the A⁻¹ that the LU formulas need anyway.
//
// The LU formula for the gradient, cof(A) = det(A)·A⁻ᵀ, stays accurate to a
// few ulps far into the ill-conditioned range (the large part of A⁻¹ is
// what det(A) cancels; measured up to κ = 1e17 with the small pivot first,
// last or anywhere), so Grad, JVP and VJP leave it only at GradCondLimit,
// where A is singular to working precision, or at an exactly zero pivot.
// The LU formula for the HVP, det(A)·(tr(A⁻¹E)A⁻ᵀ − A⁻ᵀEᵀA⁻ᵀ), cancels
// terms of size 1/σ_min² and loses about log10(κ) digits, so HVP leaves it
// at HVPCondLimit, keeping at least about 9 digits.
//
// The stable formulas, from QR with column pivoting (or the SVD when that
// fails to reveal the rank), lose only about log10(σ_1/σ_{n−1}) digits for
// the gradient and log10(σ_1/σ_{n−2}) for the HVP, and are exact at rank
// n−1; with gonum's LAPACK they cost about 10 LU factorizations at n = 128
// and 512, the SVD 80 to 150. For n ≤ 4 none of these is used: the
// derivatives of det are the explicit polynomials.
const (
	GradCondLimit = 1 / eps
	HVPCondLimit  = 1e6
)

// singularCond is the condition number at and above which a matrix is
// singular to working precision: the derivatives of log|det| report a
// *matcalc.ConditionError from there on.
const singularCond = 1 / eps

// LU is an LU factorization of a square matrix A with partial pivoting,
// cached with everything the derivatives of det A and of log|det A| share.
// Factorize once, then ask for the value, the gradient, and any number of
// JVPs and HVPs; the first derivative asked for computes A⁻¹ (and, for an
// ill-conditioned A, a rank-revealing factorization) and the others reuse
// it.
//
// For n ≤ 4 LU takes a small-matrix path whose storage is inside the LU
// value, so that Factorize and the derivatives allocate nothing (given a
// right-sized dst), and whose derivatives of det are the exact polynomials
// (expansion by minors). Larger orders reuse the receiver's buffers and,
// after the first use, allocate nothing of their own either.
//
// The zero value is ready for Factorize. An LU is not safe for concurrent
// use: its derivative methods fill caches.
type LU struct {
	n     int
	ok    bool // holds a factorization
	small bool // n ≤ smallN

	a     []float64 // A, row-major
	lu    []float64 // L and U, row-major, as Getrf leaves them
	ipiv  []int
	det   xfloat  // det A, signed
	anorm float64 // ‖A‖₁
	cond  float64 // κ₁(A), valid when invDone; +Inf if A has no inverse

	inv     []float64 // A⁻¹, valid when invDone && invOK
	invDone bool
	invOK   bool

	cof     []float64 // cof(A), valid when cofDone
	cofDone bool

	stable     twoSided // A = X D Y for the stable path
	stableKind int      // pathQR or pathSVD once computed, else 0

	force int // if nonzero, the path for the derivatives of det (tests)

	t1, t2, te []float64 // n×n scratch
	work       []float64

	arr struct { // backing storage for n ≤ smallN
		a, lu, inv, cof, t1, t2, te [smallN * smallN]float64
		ipiv                        [smallN]int
	}
}

// The paths for the derivatives of det.
const (
	pathPoly = iota + 1 // n ≤ smallN: explicit polynomials
	pathLU              // cof = det·A⁻ᵀ
	pathQR              // cof = s·Q diag(π) U₁⁻ᵀPᵀ, falling back to pathSVD
	pathSVD             // cof = s·U diag(π) Vᵀ
)

// pathFor returns the path for a derivative of det that leaves the LU
// formula at the condition number limit.
func (f *LU) pathFor(limit float64) int {
	switch {
	case f.force != 0:
		if f.force == pathLU && !f.ensureInv() {
			return pathQR
		}
		return f.force
	case f.small:
		return pathPoly
	case !f.ensureInv() || f.cond >= limit:
		return pathQR
	}
	return pathLU
}

// reserve points the buffers at storage for order n.
func (f *LU) reserve(n int) {
	f.n = n
	f.small = n <= smallN
	if f.small {
		k := n * n
		f.a, f.lu, f.inv, f.cof = f.arr.a[:k], f.arr.lu[:k], f.arr.inv[:k], f.arr.cof[:k]
		f.t1, f.t2, f.te = f.arr.t1[:k], f.arr.t2[:k], f.arr.te[:k]
		f.ipiv = f.arr.ipiv[:n]
		return
	}
	k := n * n
	f.a = grow(f.a, k)
	f.lu = grow(f.lu, k)
	f.ipiv = growInt(f.ipiv, n)
	f.work = grow(f.work, n)
}

// Factorize computes the LU factorization of the square matrix a. A
// singular a is no error: its determinant is 0 and its cofactor matrix is
// still the gradient.
//
// Factorize panics if a is not square. If a holds a NaN or an Inf it
// returns a *matcalc.Error matching matcalc.ErrNaN and the receiver holds no
// factorization.
func (f *LU) Factorize(a mat.Matrix) error {
	const op = "det.(*LU).Factorize"
	n := checkSquare(op, a)
	f.ok = false
	f.invDone, f.cofDone, f.stableKind = false, false, 0
	f.reserve(n)
	if err := loadSquare(op, f.a, a, n); err != nil {
		return err
	}
	copy(f.lu, f.a)
	if f.small {
		f.anorm = norm1(f.a, n)
		luSmall(f.lu, f.ipiv, n)
	} else {
		f.anorm = lapack64.Lange(lapack.MaxColumnSum, general(n, f.a), f.work)
		lapack64.Getrf(general(n, f.lu), f.ipiv)
	}
	d := xf(1)
	for i := 0; i < n; i++ {
		d = d.mul(xf(f.lu[i*n+i]))
		if f.ipiv[i] != i {
			d.m = -d.m
		}
	}
	f.det = d
	if f.small {
		f.ensureInv() // a few dozen flops; gives Cond
	}
	f.ok = true
	return nil
}

// mustFactorized panics with op's name when the receiver holds no
// factorization.
func (f *LU) mustFactorized(op string) {
	if !f.ok {
		panic(op + ": receiver holds no factorization")
	}
}

// Size returns the order n of the factorized matrix.
func (f *LU) Size() int { return f.n }

// Cond returns the 1-norm condition number κ₁(A) = ‖A‖₁‖A⁻¹‖₁, +Inf when
// a pivot is exactly zero. It is exact, from A⁻¹, which Cond computes if no
// derivative has yet (about the cost of one more factorization for n > 4).
func (f *LU) Cond() float64 {
	f.mustFactorized("det.(*LU).Cond")
	f.ensureInv()
	return f.cond
}

// Det returns det A. The product of the pivots is formed with an extended
// exponent, so Det over- or underflows only when det A itself is outside the
// range of float64; LogDet never does.
func (f *LU) Det() float64 {
	f.mustFactorized("det.(*LU).Det")
	return f.det.float()
}

// LogDet returns log|det A| and the sign of det A: −Inf and 0 when a pivot
// is exactly zero (as NumPy and PyTorch slogdet; gonum's mat.LU.LogDet
// returns a sign of ±1 there).
func (f *LU) LogDet() (logAbs, sign float64) {
	f.mustFactorized("det.(*LU).LogDet")
	if f.det.m == 0 {
		return math.Inf(-1), 0
	}
	return f.det.log(), math.Copysign(1, f.det.m)
}

// ensureInv computes A⁻¹ once and reports whether A has an inverse (no zero
// pivot and a finite result).
func (f *LU) ensureInv() bool {
	if f.invDone {
		return f.invOK
	}
	f.invDone = true
	n := f.n
	f.cond = math.Inf(1)
	if f.det.m == 0 {
		f.invOK = false
		return false
	}
	f.inv = grow(f.inv, n*n)
	if f.small {
		invSmall(f.inv, f.lu, f.ipiv, n)
		f.invOK = true
		f.cond = f.anorm * norm1(f.inv, n)
		return true
	}
	// A⁻¹ = A⁻¹·I by the two triangular solves of the LU with n right-hand
	// sides: 2n³ flops in two Level 3 Dtrsm calls, which on matcalc's kernels
	// take half the time of Getri's n³ flops in a mix of Level 2 and 3.
	clear(f.inv)
	for i := 0; i < n; i++ {
		f.inv[i*n+i] = 1
	}
	lapack64.Getrs(blas.NoTrans, general(n, f.lu), general(n, f.inv), f.ipiv)
	f.invOK = true
	for _, v := range f.inv {
		if math.IsInf(v, 0) || math.IsNaN(v) {
			f.invOK = false
			break
		}
	}
	if f.invOK {
		f.cond = f.anorm * norm1(f.inv, n)
	}
	return f.invOK
}

// ensureStable computes once the factorization A = X D Y of the stable
// path: QR with column pivoting, or the SVD when path is pathSVD or the QR
// factorization does not reveal the rank.
func (f *LU) ensureStable(path int) {
	if f.stableKind == path || (path == pathQR && f.stableKind == pathSVD) {
		return
	}
	n := f.n
	f.t1, f.t2 = grow(f.t1, n*n), grow(f.t2, n*n)
	if path == pathQR {
		copy(f.t1, f.a)
		if f.stable.factorizeQR(f.t1, n, f.t2) {
			f.stableKind = pathQR
			return
		}
	}
	copy(f.t1, f.a)
	if !f.stable.factorizeSVD(f.t1, n, f.t2) {
		panic("det: the SVD of a finite matrix did not converge")
	}
	f.stableKind = pathSVD
}

// ensureCof computes cof(A) once, on the path pathFor chooses.
func (f *LU) ensureCof() {
	if f.cofDone {
		return
	}
	n := f.n
	f.cof = grow(f.cof, n*n)
	switch path := f.pathFor(GradCondLimit); path {
	case pathPoly:
		cofPoly(f.cof, f.a, n)
	case pathQR, pathSVD:
		f.ensureStable(path)
		f.stable.cof(general(n, f.cof), f.t2)
	case pathLU:
		// cof = det·A⁻ᵀ, scaled by the mantissa and then the exponent.
		for i := 0; i < n; i++ {
			for j := 0; j < n; j++ {
				f.cof[i*n+j] = f.det.m * f.inv[j*n+i]
			}
		}
		scaleBy(f.cof, f.det.e)
	}
	f.cofDone = true
}

// Grad writes into dst the gradient of det A, the cofactor matrix cof(A) =
// adj(A)ᵀ, which equals det(A)·A⁻ᵀ when A is invertible and is exact and
// finite at every matrix: at rank n−1 it is the nonzero rank-one matrix of
// the mathematics, at rank ≤ n−2 it is exactly zero.
//
// An empty dst is sized to n×n; Grad panics if dst is another size.
func (f *LU) Grad(dst *mat.Dense) {
	const op = "det.(*LU).Grad"
	f.mustFactorized(op)
	d := useDst(op, dst, f.n)
	f.ensureCof()
	copyTo(d, f.cof, f.n, 1)
}

// VJP writes into dst the pullback of the cotangent ȳ of det A, ȳ·cof(A).
// An empty dst is sized to n×n; VJP panics if dst is another size.
func (f *LU) VJP(dst *mat.Dense, yBar float64) {
	const op = "det.(*LU).VJP"
	f.mustFactorized(op)
	d := useDst(op, dst, f.n)
	f.ensureCof()
	copyTo(d, f.cof, f.n, yBar)
}

// JVP returns the derivative of det A in the direction dA, <cof(A), dA>.
// The first derivative computes cof(A); every further JVP costs O(n²).
// JVP panics if dA is not n×n.
func (f *LU) JVP(dA mat.Matrix) float64 {
	const op = "det.(*LU).JVP"
	f.mustFactorized(op)
	n := f.n
	f.te = grow(f.te, n*n)
	e := readTangent(op, "dA", dA, n, f.te)
	f.ensureCof()
	return inner(n, general(n, f.cof), e)
}

// HVP writes into dst the Hessian of det A applied to dA, which is the
// derivative of cof(A) in the direction dA. For a well-conditioned A it is
// det(A)·(tr(A⁻¹dA)·A⁻ᵀ − A⁻ᵀdAᵀA⁻ᵀ); for an ill-conditioned or singular A
// it comes from the stable factorization (for n ≤ 4, from the polynomial)
// and is exact there too: nonzero at rank n−2, exactly zero at rank ≤ n−3.
//
// An empty dst is sized to n×n; HVP panics if dst or dA is not n×n. dst may
// be dA.
func (f *LU) HVP(dst *mat.Dense, dA mat.Matrix) {
	const op = "det.(*LU).HVP"
	f.mustFactorized(op)
	n := f.n
	f.te = grow(f.te, n*n)
	e := readTangent(op, "dA", dA, n, f.te)
	d := useDst(op, dst, n)
	if n == 0 {
		return
	}
	switch path := f.pathFor(HVPCondLimit); path {
	case pathPoly:
		if e.Stride != n || &e.Data[0] != &f.te[0] {
			for i := 0; i < n; i++ {
				copy(f.te[i*n:(i+1)*n], e.Data[i*e.Stride:i*e.Stride+n])
			}
		}
		cofDerivPoly(f.t1, f.a, f.te, n)
		copyTo(d, f.t1, n, 1)
	case pathQR, pathSVD:
		f.ensureStable(path)
		f.stable.cofDeriv(d, e, f.t1, f.t2)
	case pathLU:
		f.t1, f.t2 = grow(f.t1, n*n), grow(f.t2, n*n)
		x := general(n, f.inv)
		t := innerT(n, x, e) // tr(A⁻¹ dA)
		gemm(blas.NoTrans, blas.NoTrans, 1, x, e, general(n, f.t1))
		gemm(blas.NoTrans, blas.NoTrans, 1, general(n, f.t1), x, general(n, f.t2))
		// dst = det · (t·A⁻¹ − A⁻¹ dA A⁻¹)ᵀ.
		for i := 0; i < n; i++ {
			row := d.Data[i*d.Stride : i*d.Stride+n]
			for j := range row {
				row[j] = f.det.m * (t*f.inv[j*n+i] - f.t2[j*n+i])
			}
			scaleBy(row, f.det.e)
		}
	}
}

// singularError returns the error the derivatives of log|det| report for a
// singular or nearly singular A, or nil.
func (f *LU) singularError(op string) error {
	if f.cond >= singularCond {
		return &matcalc.ConditionError{Op: op, Cond: f.cond, Singular: true}
	}
	return nil
}

// logInv computes A⁻¹ for the derivatives of log|det A|. When A has no
// inverse it returns a *matcalc.ConditionError with Cond = +Inf and ok false.
func (f *LU) logInv(op string) (ok bool, err error) {
	if !f.ensureInv() {
		return false, &matcalc.ConditionError{Op: op, Cond: math.Inf(1), Singular: true}
	}
	return true, f.singularError(op)
}

// LogGrad writes into dst the gradient of log|det A|, A⁻ᵀ.
//
// At an exactly singular A (a zero pivot; LogDet returns −Inf) the gradient
// does not exist: LogGrad leaves dst unchanged (sized if it was empty) and
// returns a *matcalc.ConditionError matching matcalc.ErrSingular with Cond
// = +Inf. When the condition number κ₁(A) is at or above 1/ε (singular to
// working precision) LogGrad writes the computed A⁻ᵀ and returns the same
// error with κ₁(A).
func (f *LU) LogGrad(dst *mat.Dense) error {
	return f.logVJP("det.(*LU).LogGrad", dst, 1)
}

// LogVJP writes into dst the pullback of the cotangent ȳ of log|det A|,
// ȳ·A⁻ᵀ. Errors are those of LogGrad.
func (f *LU) LogVJP(dst *mat.Dense, yBar float64) error {
	return f.logVJP("det.(*LU).LogVJP", dst, yBar)
}

func (f *LU) logVJP(op string, dst *mat.Dense, yBar float64) error {
	f.mustFactorized(op)
	d := useDst(op, dst, f.n)
	ok, err := f.logInv(op)
	if !ok {
		return err
	}
	n := f.n
	for i := 0; i < n; i++ {
		row := d.Data[i*d.Stride : i*d.Stride+n]
		for j := range row {
			row[j] = yBar * f.inv[j*n+i]
		}
	}
	return err
}

// LogJVP returns the derivative of log|det A| in the direction dA,
// tr(A⁻¹dA); every JVP after the first costs O(n²). At an exactly singular A
// it returns 0 and the error of LogGrad. LogJVP panics if dA is not n×n.
func (f *LU) LogJVP(dA mat.Matrix) (float64, error) {
	const op = "det.(*LU).LogJVP"
	f.mustFactorized(op)
	n := f.n
	f.te = grow(f.te, n*n)
	e := readTangent(op, "dA", dA, n, f.te)
	ok, err := f.logInv(op)
	if !ok {
		return 0, err
	}
	return innerT(n, general(n, f.inv), e), err
}

// LogHVP writes into dst the Hessian of log|det A| applied to dA, the
// derivative of A⁻ᵀ in the direction dA: −(A⁻¹ dA A⁻¹)ᵀ. Errors are those of
// LogGrad. LogHVP panics if dst or dA is not n×n; dst may be dA.
func (f *LU) LogHVP(dst *mat.Dense, dA mat.Matrix) error {
	const op = "det.(*LU).LogHVP"
	f.mustFactorized(op)
	n := f.n
	f.te = grow(f.te, n*n)
	e := readTangent(op, "dA", dA, n, f.te)
	d := useDst(op, dst, n)
	ok, err := f.logInv(op)
	if !ok {
		return err
	}
	if n == 0 {
		return err
	}
	f.t1, f.t2 = grow(f.t1, n*n), grow(f.t2, n*n)
	x := general(n, f.inv)
	if f.small {
		mulSmall(f.t1, f.inv, e, n)
		mulSmall(f.t2, f.t1, x, n)
	} else {
		gemm(blas.NoTrans, blas.NoTrans, 1, x, e, general(n, f.t1))
		gemm(blas.NoTrans, blas.NoTrans, 1, general(n, f.t1), x, general(n, f.t2))
	}
	copyTo(d, transposeInPlace(f.t2, n), n, -1)
	return err
}

// copyTo writes alpha·src (row-major n×n) into dst.
func copyTo(dst blas64.General, src []float64, n int, alpha float64) {
	for i := 0; i < n; i++ {
		row := dst.Data[i*dst.Stride : i*dst.Stride+n]
		for j, v := range src[i*n : (i+1)*n] {
			row[j] = alpha * v
		}
	}
}

// transposeInPlace transposes the row-major n×n matrix x and returns it.
func transposeInPlace(x []float64, n int) []float64 {
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			x[i*n+j], x[j*n+i] = x[j*n+i], x[i*n+j]
		}
	}
	return x
}

// mulSmall writes the product of the row-major n×n matrix a and the n×n
// matrix b into dst; it serves the small path, where a BLAS call costs more
// than the product.
func mulSmall(dst, a []float64, b blas64.General, n int) {
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			var s float64
			for k := 0; k < n; k++ {
				s += a[i*n+k] * b.Data[k*b.Stride+j]
			}
			dst[i*n+j] = s
		}
	}
}
