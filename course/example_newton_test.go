package course_test

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/check"
	"github.com/matcalc/matcalc/kron"
	"github.com/matcalc/matcalc/newton"
)

// sqrt2x2 is the closed form of the principal square root of a 2×2 matrix
// with positive determinant and trace: (A + sI)/t, s = √det A,
// t = √(tr A + 2s).
func sqrt2x2(a mat.Matrix) *mat.Dense {
	s := math.Sqrt(mat.Det(a))
	t := math.Sqrt(mat.Trace(a) + 2*s)
	return mat.NewDense(2, 2, []float64{
		(a.At(0, 0) + s) / t, a.At(0, 1) / t,
		a.At(1, 0) / t, (a.At(1, 1) + s) / t,
	})
}

// Topic 7: Newton's method is iterated linearization. To solve
// F(X) = X² − A = 0, replace F near X_k by its linearization
// F(X_k) + F'(X_k)[ΔX] with F'(X)[ΔX] = X ΔX + ΔX X (the product rule),
// solve that linear equation for ΔX and step. In vec form the Jacobian is
// the Kronecker sum I ⊗ X + Xᵀ ⊗ I (topic 4, where it is checked against the
// product rule), formed here with kron.Kron.
// Near the root the residual squares at each step (r_{k+1} ≈ C r_k²): the
// number of correct digits doubles.
func Example_newtonSystem() {
	a := mat.NewDense(2, 2, []float64{4, 1, -2, 3})
	id := mat.NewDiagDense(2, []float64{1, 1})
	sys := newton.System{
		F: func(dst *mat.VecDense, v mat.Vector) {
			var x, f mat.Dense
			check.Unvec(&x, 2, 2, v)
			f.Mul(&x, &x)
			f.Sub(&f, a)
			check.Vec(dst, &f)
		},
		Jacobian: func(dst *mat.Dense, v mat.Vector) { // I ⊗ X + Xᵀ ⊗ I
			var x, left, right mat.Dense
			check.Unvec(&x, 2, 2, v)
			kron.Kron(&left, id, &x)
			kron.Kron(&right, x.T(), id)
			dst.Add(&left, &right)
		},
	}
	x0 := mat.NewVecDense(4, []float64{1, 0, 0, 1}) // vec(I)
	var v mat.VecDense
	res, err := newton.Solve(&v, sys, x0, nil)
	if err != nil {
		panic(err)
	}
	fmt.Println("step  ‖X_k² − A‖  r_k/r_{k−1}²")
	for k, r := range res.Residuals {
		if r < 1e-10 { // below this, rounding decides the digits
			fmt.Printf("%4d  < 1e-10\n", k)
			break
		}
		if k == 0 {
			fmt.Printf("%4d  %.2e\n", k, r)
			continue
		}
		fmt.Printf("%4d  %.2e   %.3f\n", k, r, r/(res.Residuals[k-1]*res.Residuals[k-1]))
	}
	var x mat.Dense
	check.Unvec(&x, 2, 2, &v)
	fmt.Println("X equals the closed form (A + √det A·I)/√(tr A + 2√det A):", mat.EqualApprox(&x, sqrt2x2(a), 1e-14))
	fmt.Printf("X = %.6f\n", mat.Formatted(&x, mat.Prefix("    ")))
	// Output:
	// step  ‖X_k² − A‖  r_k/r_{k−1}²
	//    0  4.24e+00
	//    1  3.34e+00   0.185
	//    2  3.20e-01   0.029
	//    3  3.46e-03   0.034
	//    4  5.35e-07   0.045
	//    5  < 1e-10
	// X equals the closed form (A + √det A·I)/√(tr A + 2√det A): true
	// X = ⎡ 2.034230   0.262764⎤
	//     ⎣-0.525528   1.771465⎦
}

// Topic 7: the matrix square root by the Denman–Beavers iteration,
// Y_{k+1} = (Y_k + Z_k⁻¹)/2, Z_{k+1} = (Z_k + Y_k⁻¹)/2 from Y₀ = A, Z₀ = I:
// Newton's method for X² = A in a coupled form that stays stable (the plain
// iteration X_{k+1} = (X_k + X_k⁻¹A)/2 amplifies rounding errors when A is
// ill-conditioned). Y_k → A^{1/2} and Z_k → A^{−1/2}, quadratically.
func Example_newtonSqrt() {
	a := mat.NewDense(3, 3, []float64{
		5, 2, 0,
		2, 4, 1,
		0, 1, 3,
	})
	var x mat.Dense
	res, err := newton.Sqrt(&x, a, nil)
	if err != nil {
		panic(err)
	}
	fmt.Println("step  ‖Y_k² − A‖/‖A‖")
	for k, r := range res.Residuals {
		if r < 1e-10 {
			fmt.Printf("%4d  < 1e-10\n", k)
			break
		}
		fmt.Printf("%4d  %.2e\n", k, r)
	}
	// The oracle: A is symmetric, so A^{1/2} = V √Λ Vᵀ from its eigenvectors.
	var es mat.EigenSym
	if !es.Factorize(mat.NewSymDense(3, a.RawMatrix().Data), true) {
		panic("eigendecomposition failed")
	}
	var vecs, want mat.Dense
	es.VectorsTo(&vecs)
	lam := es.Values(nil)
	for i := range lam {
		lam[i] = math.Sqrt(lam[i])
	}
	want.Product(&vecs, mat.NewDiagDense(3, lam), vecs.T())
	fmt.Println("equals V √Λ Vᵀ:", mat.EqualApprox(&x, &want, 1e-13))
	// Output:
	// step  ‖Y_k² − A‖/‖A‖
	//    0  5.01e+00
	//    1  1.06e+00
	//    2  1.43e-01
	//    3  5.01e-03
	//    4  7.24e-06
	//    5  < 1e-10
	// equals V √Λ Vᵀ: true
}
