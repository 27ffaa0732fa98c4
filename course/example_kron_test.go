package course_test

import (
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/check"
	"github.com/matcalc/matcalc/kron"
)

// Topic 4: vectorization turns a linear map of matrices into a matrix.
// vec stacks the columns of X, and
//
//	vec(A X B) = (Bᵀ ⊗ A) vec(X),
//
// because column j of A X B is Σ_k B_kj A x_k (x_k the columns of X): block
// row j of Bᵀ ⊗ A times vec(X). kron.JacobianAXB is this operator applied
// through its factors, never formed (the "vec trick": two small products
// instead of one big one); kron.Kron forms it. Since X ↦ A X B is linear, it
// is its own derivative, so check.JacobianJVP, which builds the Jacobian
// column by column from the map itself, must give Bᵀ ⊗ A too; and the
// adjoint, the VJP, is the transpose B ⊗ Aᵀ: vec(Ȳ) ↦ vec(Aᵀ Ȳ Bᵀ). With
// integer matrices every product is exact, so all of these agree exactly.
func Example_vecKronecker() {
	a := mat.NewDense(2, 3, []float64{1, 2, 0, -1, 3, 1})
	x := mat.NewDense(3, 2, []float64{2, -1, 0, 1, 1, 3})
	b := mat.NewDense(2, 2, []float64{1, 2, 0, -1})

	var axb mat.Dense
	axb.Product(a, x, b)
	op := kron.JacobianAXB(a, b) // Bᵀ ⊗ A, 4×6
	byOperator := make([]float64, 4)
	op.ApplyTo(byOperator, kron.Vec(nil, x), 1, false)

	var formed, jac mat.Dense
	kron.Kron(&formed, b.T(), a)
	var byFormed mat.VecDense
	byFormed.MulVec(&formed, mat.NewVecDense(6, kron.Vec(nil, x)))
	check.JacobianJVP(&jac, func(dst *mat.Dense, dx mat.Matrix) { dst.Product(a, dx, b) }, 3, 2)

	// The adjoint: (Bᵀ ⊗ A)ᵀ vec(Ȳ) = vec(Aᵀ Ȳ Bᵀ).
	yBar := mat.NewDense(2, 2, []float64{1, -2, 3, 0})
	var atyb mat.Dense
	atyb.Product(a.T(), yBar, b.T())
	adj := make([]float64, 6)
	op.ApplyTo(adj, kron.Vec(nil, yBar), 1, true)

	fmt.Println("vec(A X B)                 =", kron.Vec(nil, &axb))
	fmt.Println("(Bᵀ ⊗ A) vec(X), operator  =", byOperator)
	fmt.Println("(Bᵀ ⊗ A) vec(X), formed    =", byFormed.RawVector().Data)
	fmt.Println("Jacobian of X ↦ AXB equals Bᵀ ⊗ A:", mat.Equal(&jac, &formed))
	fmt.Println("(Bᵀ ⊗ A)ᵀ vec(Ȳ) = vec(Aᵀ Ȳ Bᵀ):", mat.Equal(mat.NewVecDense(6, adj), mat.NewVecDense(6, kron.Vec(nil, &atyb))))
	fmt.Printf("Bᵀ ⊗ A =\n%v\n", mat.Formatted(rounded(&formed, 0))) // rounded: no −0
	// Output:
	// vec(A X B)                 = [2 -1 3 -9]
	// (Bᵀ ⊗ A) vec(X), operator  = [2 -1 3 -9]
	// (Bᵀ ⊗ A) vec(X), formed    = [2 -1 3 -9]
	// Jacobian of X ↦ AXB equals Bᵀ ⊗ A: true
	// (Bᵀ ⊗ A)ᵀ vec(Ȳ) = vec(Aᵀ Ȳ Bᵀ): true
	// Bᵀ ⊗ A =
	// ⎡ 1   2   0   0   0   0⎤
	// ⎢-1   3   1   0   0   0⎥
	// ⎢ 2   4   0  -1  -2   0⎥
	// ⎣-2   6   2   1  -3  -1⎦
}

// Topic 4: the Jacobian of A ↦ A². The product rule gives
// d(A²) = dA A + A dA, and vec turns each term into a Kronecker product:
// vec(A dA) = (I ⊗ A) vec(dA) and vec(dA A) = (Aᵀ ⊗ I) vec(dA), so
//
//	J = I ⊗ A + Aᵀ ⊗ I,
//
// the Kronecker sum of A and Aᵀ. Its eigenvalues are the sums λᵢ + λⱼ of
// eigenvalues of A (the eigenvectors are Kronecker products of those of A
// and Aᵀ), so J is singular exactly when two eigenvalues of A sum to zero
// (a zero eigenvalue included): at such an iterate, Newton's method for
// X² = B (topic 7), whose Jacobian this is, cannot take a step. Here J
// comes from the product rule by check.JacobianJVP, from the two Kronecker
// operators materialised by kron.Dense, from kron.Kron, and from finite
// differences.
func Example_kroneckerSquare() {
	a := mat.NewDense(2, 2, []float64{1, 2, 3, 4})
	id := mat.NewDiagDense(2, []float64{1, 1})
	square := func(dst *mat.Dense, x mat.Matrix) { dst.Mul(x, x) }
	productRule := func(dst *mat.Dense, dA mat.Matrix) { // dA A + A dA
		var t mat.Dense
		dst.Mul(dA, a)
		t.Mul(a, dA)
		dst.Add(dst, &t)
	}
	var jac, jfd, left, right, byOperator, byKron mat.Dense
	check.JacobianJVP(&jac, productRule, 2, 2)
	check.JacobianFD(&jfd, square, a, nil)
	kron.Dense(&left, kron.New(id, a))
	kron.Dense(&right, kron.New(a.T(), id))
	byOperator.Add(&left, &right)
	kron.Kron(&left, id, a)
	kron.Kron(&right, a.T(), id)
	byKron.Add(&left, &right)

	fmt.Printf("J =\n%v\n", mat.Formatted(&jac))
	fmt.Println("equals I ⊗ A + Aᵀ ⊗ I as operators:", mat.Equal(&jac, &byOperator))
	fmt.Println("equals I ⊗ A + Aᵀ ⊗ I formed:      ", mat.Equal(&jac, &byKron))
	fmt.Println("agrees with finite differences:    ", mat.EqualApprox(&jac, &jfd, 1e-8))

	// Eigenvalues of J against the sums λᵢ + λⱼ.
	eigenvalues := func(m mat.Matrix) []float64 {
		var e mat.Eigen
		if !e.Factorize(m, mat.EigenNone) {
			panic("eigendecomposition failed")
		}
		var re []float64
		for _, v := range e.Values(nil) {
			re = append(re, real(v)) // all real for this A
		}
		sort.Float64s(re)
		return re
	}
	lam := eigenvalues(a) // (5 ± √33)/2
	var sums []float64
	for _, li := range lam {
		for _, lj := range lam {
			sums = append(sums, li+lj)
		}
	}
	sort.Float64s(sums)
	got := eigenvalues(&jac)
	same := true
	for i := range got {
		same = same && math.Abs(got[i]-sums[i]) < 1e-10
	}
	fmt.Printf("eigenvalues of A: %.4f\n", lam)
	fmt.Printf("eigenvalues of J: %.4f\n", got)
	fmt.Println("equal to λᵢ + λⱼ:", same)
	// Output:
	// J =
	// ⎡2  2  3  0⎤
	// ⎢3  5  0  3⎥
	// ⎢2  0  5  2⎥
	// ⎣0  2  3  8⎦
	// equals I ⊗ A + Aᵀ ⊗ I as operators: true
	// equals I ⊗ A + Aᵀ ⊗ I formed:       true
	// agrees with finite differences:     true
	// eigenvalues of A: [-0.3723 5.3723]
	// eigenvalues of J: [-0.7446 5.0000 5.0000 10.7446]
	// equal to λᵢ + λⱼ: true
}

// Topic 4: the commutation matrix K(m, n) is the permutation with
// vec(Xᵀ) = K(m, n) vec(X) for every m×n X: the Jacobian of X ↦ Xᵀ. It is
// orthogonal, K(m, n)ᵀ = K(n, m), and it swaps the factors of a Kronecker
// product: K(p, m)(A ⊗ B)K(n, q) = B ⊗ A for A m×n and B p×q. It is what a
// transpose inside a product turns into: for the Gram map X ↦ XᵀX,
// d(XᵀX) = dXᵀ X + Xᵀ dX, and vec(dXᵀ X) = (Xᵀ ⊗ I) vec(dXᵀ), so
//
//	J = I ⊗ Xᵀ + (Xᵀ ⊗ I) K(m, n).
func Example_commutation() {
	const m, n = 2, 3
	var k, kt, kBack mat.Dense
	kron.Dense(&k, kron.NewCommutation(m, n))
	kron.Dense(&kBack, kron.NewCommutation(n, m))
	kt.CloneFrom(k.T())
	fmt.Printf("K(2, 3) =\n%v\n", mat.Formatted(&k))

	x := mat.NewDense(m, n, []float64{1, 2, 3, 4, 5, 6})
	var kx mat.VecDense
	kx.MulVec(&k, mat.NewVecDense(m*n, kron.Vec(nil, x)))
	fmt.Println("vec(X)    =", kron.Vec(nil, x))
	fmt.Println("K vec(X)  =", kx.RawVector().Data)
	fmt.Println("vec(Xᵀ)   =", kron.Vec(nil, x.T()))
	fmt.Println("K(2, 3)ᵀ = K(3, 2):", mat.Equal(&kt, &kBack))

	var jt mat.Dense
	check.JacobianJVP(&jt, func(dst *mat.Dense, dx mat.Matrix) { dst.CloneFrom(dx.T()) }, m, n)
	fmt.Println("Jacobian of X ↦ Xᵀ is K(2, 3):", mat.Equal(&jt, &k))

	// The swap: K(p, m)(A ⊗ B)K(n, q) = B ⊗ A, for A 2×3 and B 3×2.
	a := mat.NewDense(2, 3, []float64{1, -1, 2, 0, 3, 1})
	b := mat.NewDense(3, 2, []float64{2, 0, 1, 1, -2, 4})
	var ab, ba, k32, swapped mat.Dense
	kron.Kron(&ab, a, b)
	kron.Kron(&ba, b, a)
	kron.Dense(&k32, kron.NewCommutation(3, 2)) // K(p, m) = K(n, q) = K(3, 2) here
	swapped.Product(&k32, &ab, &k32)
	fmt.Println("K(p, m)(A ⊗ B)K(n, q) = B ⊗ A:", mat.Equal(&swapped, &ba))

	// The Gram map X ↦ XᵀX, 2×3 ↦ 3×3: its 9×6 Jacobian.
	gram := func(dst *mat.Dense, dx mat.Matrix) { // dXᵀ X + Xᵀ dX
		var t mat.Dense
		dst.Mul(dx.T(), x)
		t.Mul(x.T(), dx)
		dst.Add(dst, &t)
	}
	var jg, first, second mat.Dense
	check.JacobianJVP(&jg, gram, m, n)
	id := mat.NewDiagDense(n, []float64{1, 1, 1})
	kron.Kron(&first, id, x.T()) // I ⊗ Xᵀ
	kron.Kron(&second, x.T(), id)
	second.Mul(&second, &k) // (Xᵀ ⊗ I) K(m, n)
	first.Add(&first, &second)
	fmt.Println("Jacobian of X ↦ XᵀX is I ⊗ Xᵀ + (Xᵀ ⊗ I) K:", mat.Equal(&jg, &first))
	// Output:
	// K(2, 3) =
	// ⎡1  0  0  0  0  0⎤
	// ⎢0  0  1  0  0  0⎥
	// ⎢0  0  0  0  1  0⎥
	// ⎢0  1  0  0  0  0⎥
	// ⎢0  0  0  1  0  0⎥
	// ⎣0  0  0  0  0  1⎦
	// vec(X)    = [1 4 2 5 3 6]
	// K vec(X)  = [1 2 3 4 5 6]
	// vec(Xᵀ)   = [1 2 3 4 5 6]
	// K(2, 3)ᵀ = K(3, 2): true
	// Jacobian of X ↦ Xᵀ is K(2, 3): true
	// K(p, m)(A ⊗ B)K(n, q) = B ⊗ A: true
	// Jacobian of X ↦ XᵀX is I ⊗ Xᵀ + (Xᵀ ⊗ I) K: true
}
