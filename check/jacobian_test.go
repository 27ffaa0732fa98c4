package check_test

import (
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/check"
)

// The Jacobians below are in the column-major vec convention: vec stacks
// columns, so vec(A X B) = (Bᵀ ⊗ A) vec(X), and the Jacobian of F: m×n → p×q
// is (p·q)×(m·n) with J[i+j·p, k+l·m] = ∂F_ij/∂A_kl.

func TestVec(t *testing.T) {
	a := mat.NewDense(2, 3, []float64{1, 2, 3, 4, 5, 6})
	var v mat.VecDense
	check.Vec(&v, a)
	want := []float64{1, 4, 2, 5, 3, 6} // the columns stacked
	if !mat.Equal(&v, mat.NewVecDense(6, want)) {
		t.Errorf("Vec: got %v, want %v", v.RawVector().Data, want)
	}
	// vec of a row-major matrix is the raw data of its transpose.
	var at mat.Dense
	at.CloneFrom(a.T())
	if !mat.Equal(&v, mat.NewVecDense(6, at.RawMatrix().Data)) {
		t.Errorf("Vec is not the raw data of the transpose")
	}
	var back mat.Dense
	check.Unvec(&back, 2, 3, &v)
	if !mat.Equal(&back, a) {
		t.Errorf("Unvec(Vec(a)) = %v, want %v", mat.Formatted(&back), mat.Formatted(a))
	}

	// vec(A X B) = (Bᵀ ⊗ A) vec(X), directly.
	rnd := rand.New(rand.NewPCG(2, 1))
	A, X, B := check.Gaussian(rnd, 2, 3), check.Gaussian(rnd, 3, 4), check.Gaussian(rnd, 4, 5)
	var axb, k mat.Dense
	axb.Product(A, X, B)
	k.Kronecker(B.T(), A)
	var vx, vaxb, kvx mat.VecDense
	check.Vec(&vx, X)
	check.Vec(&vaxb, &axb)
	kvx.MulVec(&k, &vx)
	if !mat.EqualApprox(&kvx, &vaxb, 1e-12) {
		t.Errorf("vec(AXB) ≠ (Bᵀ ⊗ A) vec(X)")
	}
}

func TestJacobianSquare(t *testing.T) {
	rnd := rand.New(rand.NewPCG(2, 2))
	for _, n := range []int{1, 2, 4} {
		a := check.Gaussian(rnd, n, n)
		// I ⊗ A + Aᵀ ⊗ I.
		var want, k mat.Dense
		want.Kronecker(eye(n), a)
		k.Kronecker(a.T(), eye(n))
		want.Add(&want, &k)

		var fromJVP, fromVJP, fromFD mat.Dense
		check.JacobianJVP(&fromJVP, squareJVP(a), n, n)
		check.JacobianVJP(&fromVJP, squareVJP(a), n, n)
		errFD := check.JacobianFD(&fromFD, square, a, nil)
		if !mat.EqualApprox(&fromJVP, &want, 1e-13) {
			t.Errorf("n=%d: Jacobian from the JVP\n%v\nwant I ⊗ A + Aᵀ ⊗ I\n%v", n, mat.Formatted(&fromJVP), mat.Formatted(&want))
		}
		if !mat.EqualApprox(&fromVJP, &want, 1e-13) {
			t.Errorf("n=%d: Jacobian from the VJP\n%v\nwant\n%v", n, mat.Formatted(&fromVJP), mat.Formatted(&want))
		}
		var d mat.Dense
		d.Sub(&fromFD, &want)
		if e := mat.Norm(&d, 2); e > 1e-10*mat.Norm(&want, 2) || e > 4*errFD+1e-13 {
			t.Errorf("n=%d: Jacobian by differences off by %g (estimated %g)", n, e, errFD)
		}
		// A missing term is visible in the Jacobian too.
		var wrong mat.Dense
		check.JacobianJVP(&wrong, squareJVPMissing(a), n, n)
		if mat.EqualApprox(&wrong, &want, 1e-3) {
			t.Errorf("n=%d: the Jacobian of a JVP with a missing term matches", n)
		}
	}
}

func TestJacobianAXB(t *testing.T) {
	rnd := rand.New(rand.NewPCG(2, 3))
	// X ↦ A X B for X 3×4, A 2×3, B 4×5: the Jacobian is Bᵀ ⊗ A, 10×12.
	A, B := check.Gaussian(rnd, 2, 3), check.Gaussian(rnd, 4, 5)
	x := check.Gaussian(rnd, 3, 4)
	f := func(dst *mat.Dense, x mat.Matrix) { dst.Product(A, x, B) }
	jvp := check.Map(f) // linear: the JVP is the map itself
	vjp := func(dst *mat.Dense, yBar mat.Matrix) { dst.Product(A.T(), yBar, B.T()) }
	var want mat.Dense
	want.Kronecker(B.T(), A)

	var fromJVP, fromVJP, fromFD mat.Dense
	check.JacobianJVP(&fromJVP, jvp, 3, 4)
	check.JacobianVJP(&fromVJP, vjp, 2, 5)
	check.JacobianFD(&fromFD, f, x, nil)
	for _, c := range []struct {
		name string
		j    *mat.Dense
	}{{"JVP", &fromJVP}, {"VJP", &fromVJP}, {"FD", &fromFD}} {
		if r, cc := c.j.Dims(); r != 10 || cc != 12 {
			t.Fatalf("%s: Jacobian is %d×%d, want 10×12", c.name, r, cc)
		}
		if !mat.EqualApprox(c.j, &want, 1e-12) {
			t.Errorf("Jacobian of AXB from the %s\n%v\nwant Bᵀ ⊗ A\n%v", c.name, mat.Formatted(c.j), mat.Formatted(&want))
		}
	}
	// The row-major vec (gonum's raw data) would give A ⊗ Bᵀ instead: make
	// sure the convention is not that.
	var rowMajor mat.Dense
	rowMajor.Kronecker(A, B.T())
	if mat.EqualApprox(&fromJVP, &rowMajor, 1e-3) {
		t.Errorf("the Jacobian is in the row-major convention")
	}
	expect(t, "AXB JVP", check.JVP(f, jvp, x, check.Direction(rnd, 3, 4), nil), true)
	expect(t, "AXB VJP", check.VJP(f, vjp, x, check.Direction(rnd, 2, 5), nil), true)
	wrongVJP := func(dst *mat.Dense, yBar mat.Matrix) { dst.Product(A.T(), yBar, B.T()); dst.Scale(-1, dst) }
	expect(t, "AXB VJP wrong sign", check.VJP(f, wrongVJP, x, check.Direction(rnd, 2, 5), nil), false)
	expect(t, "AXB adjoint", check.Adjoint(jvp, vjp, check.Direction(rnd, 3, 4), check.Direction(rnd, 2, 5), nil), true)
}
