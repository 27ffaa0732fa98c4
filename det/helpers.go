package det

import (
	"sync"

	"gonum.org/v1/gonum/mat"
)

// One-call helpers: each factors a once, in a pooled factorization, and
// answers one question. To ask several questions of the same matrix, use LU
// or Cholesky directly.

var luPool = sync.Pool{New: func() any { return new(LU) }}

var cholPool = sync.Pool{New: func() any { return new(Cholesky) }}

func getLU() *LU { return luPool.Get().(*LU) }

func putLU(f *LU) {
	f.ok = false
	luPool.Put(f)
}

// Grad writes the gradient of det a, its cofactor matrix, into dst and
// returns det a. It is exact at singular matrices (see LU.Grad). An empty
// dst is sized; Grad panics if a is not square or dst has the wrong size.
// The error, for NaN or Inf in a, is that of LU.Factorize.
func Grad(dst *mat.Dense, a mat.Matrix) (float64, error) {
	f := getLU()
	defer putLU(f)
	if err := f.Factorize(a); err != nil {
		return 0, err
	}
	f.Grad(dst)
	return f.Det(), nil
}

// HVP writes into dst the Hessian of det a applied to dA (see LU.HVP).
func HVP(dst *mat.Dense, a, dA mat.Matrix) error {
	f := getLU()
	defer putLU(f)
	if err := f.Factorize(a); err != nil {
		return err
	}
	f.HVP(dst, dA)
	return nil
}

// LogDetGrad writes the gradient of log|det a|, a⁻ᵀ, into dst and returns
// log|det a| and the sign of det a. At a singular a it returns −Inf, 0 and
// the error of LU.LogGrad.
func LogDetGrad(dst *mat.Dense, a mat.Matrix) (logAbs, sign float64, err error) {
	f := getLU()
	defer putLU(f)
	if err := f.Factorize(a); err != nil {
		return 0, 0, err
	}
	logAbs, sign = f.LogDet()
	return logAbs, sign, f.LogGrad(dst)
}

// LogDetHVP writes into dst the Hessian of log|det a| applied to dA,
// −(a⁻¹ dA a⁻¹)ᵀ (see LU.LogHVP).
func LogDetHVP(dst *mat.Dense, a, dA mat.Matrix) error {
	f := getLU()
	defer putLU(f)
	if err := f.Factorize(a); err != nil {
		return err
	}
	return f.LogHVP(dst, dA)
}

// SPDLogDetGrad writes the gradient of log det a, a⁻¹, into dst for a
// symmetric positive definite a, through a Cholesky factorization, and
// returns log det a. Errors are those of Cholesky.Factorize and
// Cholesky.LogGrad.
func SPDLogDetGrad(dst *mat.SymDense, a mat.Symmetric) (float64, error) {
	c := cholPool.Get().(*Cholesky)
	defer cholPool.Put(c)
	if err := c.Factorize(a); err != nil {
		return 0, err
	}
	return c.LogDet(), c.LogGrad(dst)
}
