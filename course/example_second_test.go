package course_test

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/check"
	"github.com/matcalc/matcalc/det"
	"github.com/matcalc/matcalc/inverse"
	"github.com/matcalc/matcalc/kron"
	"github.com/matcalc/matcalc/newton"
)

// Topic 13: the second derivative of ℓ(A) = log|det A| is a symmetric
// bilinear form. The first derivative is dℓ = tr(A⁻¹ dA), and differentiating
// it again in a second direction, with d(A⁻¹) = −A⁻¹ dA A⁻¹ (topic 8),
//
//	d²ℓ[E, F] = −tr(A⁻¹E A⁻¹F),
//
// symmetric in E and F because the trace is cyclic. The Hessian-vector
// product is the matrix H[E] with d²ℓ[E, F] = <H[E], F> for every F: the
// derivative of the gradient A⁻ᵀ along E, H[E] = −(A⁻¹E A⁻¹)ᵀ, which is
// det.LU.LogHVP. The example checks the bilinear form against a mixed second
// difference of ℓ, the HVP against finite differences of the gradient, and
// the whole Hessian, materialised by check.JacobianJVP from the HVP, against
// its Kronecker form −(A⁻¹ ⊗ A⁻ᵀ) K (topic 4), K the commutation matrix:
// vec(H[E]) = −vec(A⁻ᵀEᵀA⁻ᵀ) = −(A⁻¹ ⊗ A⁻ᵀ) vec(Eᵀ). For det itself the same
// steps give d²det[E, F] = det A·(tr(A⁻¹E) tr(A⁻¹F) − tr(A⁻¹E A⁻¹F)).
func Example_logDetHessian() {
	a := mat.NewDense(3, 3, []float64{
		2, 1, 0,
		-1, 3, 1,
		0, 2, 4,
	})
	e := mat.NewDense(3, 3, []float64{0, 1, 0, 0, 0, 0, 1, 0, -1})
	f := mat.NewDense(3, 3, []float64{1, 0, 0, 0, 0, 1, 0, -1, 0})
	var lu det.LU
	if err := lu.Factorize(a); err != nil {
		panic(err)
	}
	hvp := func(dst *mat.Dense, d mat.Matrix) {
		if err := lu.LogHVP(dst, d); err != nil {
			panic(err)
		}
	}
	var he, hf mat.Dense
	hvp(&he, e)
	hvp(&hf, f)

	var ai, aie, aif, p mat.Dense
	if err := inverse.Inverse(&ai, a); err != nil {
		panic(err)
	}
	aie.Mul(&ai, e)
	aif.Mul(&ai, f)
	p.Mul(&aie, &aif)
	formula := -mat.Trace(&p) // −tr(A⁻¹E A⁻¹F)

	// Mixed central second difference of ℓ along E and F.
	ell := func(s, t float64) float64 {
		var x mat.Dense
		x.Scale(s, e)
		x.Add(a, &x)
		x.Add(&x, scaled(t, f))
		v, _ := mat.LogDet(&x)
		return v
	}
	const h = 1e-4
	mixed := (ell(h, h) - ell(h, -h) - ell(-h, h) + ell(-h, -h)) / (4 * h * h)

	fmt.Printf("<H[E], F>          = %.6f\n", check.Inner(&he, f))
	fmt.Printf("<H[F], E>          = %.6f\n", check.Inner(&hf, e))
	fmt.Printf("−tr(A⁻¹E A⁻¹F)     = %.6f\n", formula)
	fmt.Println("mixed second difference agrees to 1e-6:", math.Abs(mixed-formula) < 1e-6)

	// The HVP is the derivative of the gradient: finite differences of A⁻ᵀ.
	grad := func(dst *mat.Dense, x mat.Matrix) {
		var g det.LU
		if err := g.Factorize(x); err != nil {
			panic(err)
		}
		if err := g.LogGrad(dst); err != nil {
			panic(err)
		}
	}
	fmt.Println("HVP agrees with finite differences of the gradient:", check.JVP(grad, hvp, a, e, nil).Pass)

	// The 9×9 Hessian, column by column from the HVP, against its Kronecker form.
	var hess, want, k, ait mat.Dense
	check.JacobianJVP(&hess, hvp, 3, 3)
	ait.CloneFrom(ai.T())
	kron.Kron(&want, &ai, &ait)
	kron.Dense(&k, kron.NewCommutation(3, 3))
	want.Mul(&want, &k)
	want.Scale(-1, &want)
	var ht mat.Dense
	ht.CloneFrom(hess.T())
	fmt.Println("Hessian equals −(A⁻¹ ⊗ A⁻ᵀ) K:", mat.EqualApprox(&hess, &want, 1e-14))
	fmt.Println("Hessian is symmetric:", mat.EqualApprox(&hess, &ht, 1e-14))

	// det's own Hessian, from det.LU.HVP, against the closed form.
	var dh mat.Dense
	lu.HVP(&dh, e)
	tre, trf := mat.Trace(&aie), mat.Trace(&aif)
	fmt.Printf("<Hdet[E], F>       = %.6f\n", check.Inner(&dh, f))
	fmt.Printf("closed form        = %.6f\n", lu.Det()*(tre*trf+formula))
	// Output:
	// <H[E], F>          = -0.055556
	// <H[F], E>          = -0.055556
	// −tr(A⁻¹E A⁻¹F)     = -0.055556
	// mixed second difference agrees to 1e-6: true
	// HVP agrees with finite differences of the gradient: true
	// Hessian equals −(A⁻¹ ⊗ A⁻ᵀ) K: true
	// Hessian is symmetric: true
	// <Hdet[E], F>       = -2.000000
	// closed form        = -2.000000
}

// Topic 13: Newton's method in optimization uses the second derivative:
// at X_k it minimizes the quadratic model f + <∇f, P> + ½ d²f[P, P], whose
// minimizer solves H[P] = −∇f, and steps to X_k + P. Newton–CG
// (newton.Minimize) never forms H: it solves for P by conjugate gradients
// with one Hessian-vector product per iteration.
//
// The problem is maximum likelihood for the precision matrix X = Σ⁻¹ of a
// Gaussian with sample covariance S: minimize over positive definite X
//
//	f(X) = tr(S X) − log det X,   ∇f = S − X⁻¹,   H[V] = X⁻¹ V X⁻¹,
//
// whose minimizer is X = S⁻¹. log det, its gradient X⁻¹ and its HVP
// −X⁻¹ V X⁻¹ come from det.Cholesky, which differentiates log det on the
// cone of positive definite matrices, where it is strictly concave, so f is
// strictly convex there. The Newton step is P = X − X S X, and the full step
// X₊ = 2X − X S X gives I − S X₊ = (I − S X)²: the error squares at every
// step, from any X₀ with ‖I − S X₀‖₂ < 1, such as X₀ = I for this S
// (eigenvalues 0.36, 0.70, 1.24). So Problem.Func is left nil and Minimize
// takes full steps. (With Func set, a line search on f guards the cone from
// a start farther away; but f changes by about ‖∇f‖² near the minimum, which
// is below the rounding of f once ‖∇f‖ is about √eps, so the line search
// cannot judge the last steps: that is where the full step is wanted.)
func Example_newtonLogDet() {
	s := mat.NewSymDense(3, []float64{
		1.0, 0.3, 0.0,
		0.3, 0.8, 0.2,
		0.0, 0.2, 0.5,
	})
	// upper reads X as a symmetric matrix from its upper triangle: the
	// iterates are symmetric, and det.Cholesky takes a mat.Symmetric.
	upper := func(x mat.Matrix) *mat.SymDense {
		n, _ := x.Dims()
		u := mat.NewSymDense(n, nil)
		for i := 0; i < n; i++ {
			for j := i; j < n; j++ {
				u.SetSym(i, j, x.At(i, j))
			}
		}
		return u
	}
	factor := func(x mat.Matrix) *det.Cholesky {
		var c det.Cholesky
		if err := c.Factorize(upper(x)); err != nil {
			panic(err) // X left the positive definite cone
		}
		return &c
	}
	grad := func(dst *mat.Dense, x mat.Matrix) { // S − X⁻¹
		var g mat.SymDense
		if err := factor(x).LogGrad(&g); err != nil {
			panic(err)
		}
		dst.Sub(s, &g)
	}
	hvp := func(dst *mat.Dense, x, v mat.Matrix) { // X⁻¹ V X⁻¹, minus the HVP of log det
		var h mat.SymDense
		if err := factor(x).LogHVP(&h, v); err != nil {
			panic(err)
		}
		dst.Scale(-1, &h)
	}
	x0 := mat.NewSymDense(3, []float64{1, 0, 0, 0, 1, 0, 0, 0, 1})

	// The HVP is the derivative of the gradient, checked at X₀ along a
	// symmetric direction.
	v := mat.NewSymDense(3, []float64{1, 2, 0, 2, -1, 1, 0, 1, 3})
	fmt.Println("HVP agrees with finite differences of ∇f:",
		check.JVP(grad, func(dst *mat.Dense, d mat.Matrix) { hvp(dst, x0, d) }, x0, v, nil).Pass)

	var x mat.Dense
	res, err := newton.Minimize(&x, newton.Problem{Grad: grad, HVP: hvp}, x0, nil)
	if err != nil {
		panic(err)
	}
	fmt.Println("step  ‖∇f(X_k)‖   r_k/r_{k−1}²")
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
	var sInv mat.Dense
	if err := inverse.Inverse(&sInv, s); err != nil {
		panic(err)
	}
	fmt.Println("X equals S⁻¹:", mat.EqualApprox(&x, &sInv, 1e-12))
	fmt.Printf("X = %.6f\n", mat.Formatted(rounded(&x, 9), mat.Prefix("    ")))
	// Output:
	// HVP agrees with finite differences of ∇f: true
	// step  ‖∇f(X_k)‖   r_k/r_{k−1}²
	//    0  7.42e-01
	//    1  2.67e-01   0.485
	//    2  7.57e-02   1.064
	//    3  1.07e-02   1.868
	//    4  2.97e-04   2.592
	//    5  2.44e-07   2.764
	//    6  < 1e-10
	// X equals S⁻¹: true
	// X = ⎡ 1.142857  -0.476190   0.190476⎤
	//     ⎢-0.476190   1.587302  -0.634921⎥
	//     ⎣ 0.190476  -0.634921   2.253968⎦
}
