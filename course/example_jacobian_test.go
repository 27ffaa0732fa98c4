package course_test

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/check"
)

// shoelace returns the area enclosed by the closed polygon through the
// points (xs[i], ys[i]).
func shoelace(xs, ys []float64) float64 {
	var s float64
	for i := range xs {
		j := (i + 1) % len(xs)
		s += xs[i]*ys[j] - xs[j]*ys[i]
	}
	return math.Abs(s) / 2
}

// Topic 3: the Jacobian of a map ℝ² → ℝ² is the 2×2 linear map that best
// approximates it near a point, and |det J| is how much it scales areas.
// A linear map M sends the unit square to the parallelogram spanned by its
// columns, of area |det M|. The map f(x, y) = (x² − y², 2xy) (the complex
// square z ↦ z²) has J = [[2x, −2y], [2y, 2x]], det J = 4(x² + y²); the
// image of a small square of side δ centred at p = (1, 1/2) has area
// ∫∫ det J = δ²(5 + 2δ²/3), so area/δ² → det J(p) = 5 as δ → 0.
func Example_jacobianArea() {
	p := mat.NewDense(2, 1, []float64{1, 0.5})
	f := func(dst *mat.Dense, v mat.Matrix) {
		x, y := v.At(0, 0), v.At(1, 0)
		if dst.IsEmpty() {
			dst.ReuseAs(2, 1)
		}
		dst.Set(0, 0, x*x-y*y)
		dst.Set(1, 0, 2*x*y)
	}
	jac := mat.NewDense(2, 2, []float64{2, -1, 1, 2}) // J(p)
	var jfd mat.Dense
	check.JacobianFD(&jfd, f, p, nil)
	fmt.Println("J(p) agrees with finite differences:", mat.EqualApprox(&jfd, jac, 1e-8))

	// The unit square under the linear map J: corners (0,0), (1,0), (1,1), (0,1).
	var xs, ys []float64
	for _, c := range [][2]float64{{0, 0}, {1, 0}, {1, 1}, {0, 1}} {
		xs = append(xs, jac.At(0, 0)*c[0]+jac.At(0, 1)*c[1])
		ys = append(ys, jac.At(1, 0)*c[0]+jac.At(1, 1)*c[1])
	}
	fmt.Printf("area of J·(unit square) = %.6f, det J = %.6f\n", shoelace(xs, ys), mat.Det(jac))

	// Small squares around p under f, their boundaries traced by k points a side.
	const k = 1000
	fmt.Println("    δ   area/δ²   5 + 2δ²/3")
	for _, delta := range []float64{0.5, 0.1, 0.01} {
		xs, ys = xs[:0], ys[:0]
		for side := 0; side < 4; side++ {
			for i := 0; i < k; i++ {
				s := float64(i)/k - 0.5
				var u, v float64 // the point of the square's boundary, from its centre
				switch side {
				case 0:
					u, v = s, -0.5
				case 1:
					u, v = 0.5, s
				case 2:
					u, v = -s, 0.5
				case 3:
					u, v = -0.5, -s
				}
				x, y := 1+delta*u, 0.5+delta*v
				// f(x, y) − f(p), so that the shoelace sums small numbers.
				xs = append(xs, (x*x-y*y)-0.75)
				ys = append(ys, 2*x*y-1)
			}
		}
		fmt.Printf("%5.2f  %8.5f  %9.5f\n", delta, shoelace(xs, ys)/(delta*delta), 5+2*delta*delta/3)
	}
	// Output:
	// J(p) agrees with finite differences: true
	// area of J·(unit square) = 5.000000, det J = 5.000000
	//     δ   area/δ²   5 + 2δ²/3
	//  0.50   5.16667    5.16667
	//  0.10   5.00667    5.00667
	//  0.01   5.00007    5.00007
}

// Topic 3: the Jacobian of a matrix function. For A = L U (Doolittle, no
// pivoting: L unit lower triangular), dA = dL U + L dU, so
// L⁻¹ dA U⁻¹ = L⁻¹dL + dU U⁻¹ splits into a strictly lower part L⁻¹dL and an
// upper part dU U⁻¹: dL = L·tril₋(L⁻¹ dA U⁻¹), dU = triu(L⁻¹ dA U⁻¹)·U.
// For a 2×2 A the factors hold four numbers, packed as LAPACK does in
// L + U − I = [[u11, u12], [l21, u22]], and the Jacobian of vec(A) ↦
// vec(L + U − I) is 4×4. By hand, from l21 = c/a, u22 = d − bc/a for
// A = [[a, b], [c, d]] and vec(A) = (a, c, b, d): its rows are
// (1, 0, 0, 0), (−c/a², 1/a, 0, 0), (0, 0, 1, 0), (bc/a², −b/a, −c/a, 1).
func Example_jacobianLU() {
	a := mat.NewDense(2, 2, []float64{4, 3, 2, 5}) // |a11| > |a21|: no pivoting
	packed := func(dst *mat.Dense, x mat.Matrix) { // L + U − I, from gonum's LU
		var lu mat.LU
		lu.Factorize(x)
		var l mat.TriDense
		var u mat.TriDense
		lu.LTo(&l)
		lu.UTo(&u)
		dst.CloneFrom(&l)
		dst.Add(dst, &u)
		for i := 0; i < 2; i++ {
			dst.Set(i, i, dst.At(i, i)-1)
		}
	}
	var lu mat.LU
	lu.Factorize(a)
	var lt, ut mat.TriDense
	lu.LTo(&lt)
	lu.UTo(&ut)
	var l, u mat.Dense
	l.CloneFrom(&lt)                             // [[1, 0], [1/2, 1]]
	u.CloneFrom(&ut)                             // [[4, 3], [0, 7/2]]
	jvp := func(dst *mat.Dense, dA mat.Matrix) { // dL + dU
		var li, ui, m mat.Dense
		if err := li.Inverse(&l); err != nil {
			panic(err)
		}
		if err := ui.Inverse(&u); err != nil {
			panic(err)
		}
		m.Product(&li, dA, &ui)
		low := mat.NewDense(2, 2, []float64{0, 0, m.At(1, 0), 0})
		up := mat.NewDense(2, 2, []float64{m.At(0, 0), m.At(0, 1), 0, m.At(1, 1)})
		var dl, du mat.Dense
		dl.Mul(&l, low)
		du.Mul(up, &u)
		dst.Add(&dl, &du)
	}
	var j, jfd mat.Dense
	check.JacobianJVP(&j, jvp, 2, 2)
	check.JacobianFD(&jfd, packed, a, nil)
	hand := mat.NewDense(4, 4, []float64{
		1, 0, 0, 0,
		-2.0 / 16, 1.0 / 4, 0, 0,
		0, 0, 1, 0,
		6.0 / 16, -3.0 / 4, -2.0 / 4, 1,
	})
	fmt.Println("agrees with the hand derivation:", mat.EqualApprox(&j, hand, 1e-15))
	fmt.Println("agrees with finite differences of gonum's LU:", mat.EqualApprox(&j, &jfd, 1e-8))
	fmt.Printf("%6.3f\n", mat.Formatted(rounded(&j, 9)))
	// Output:
	// agrees with the hand derivation: true
	// agrees with finite differences of gonum's LU: true
	// ⎡ 1.000   0.000   0.000   0.000⎤
	// ⎢-0.125   0.250   0.000   0.000⎥
	// ⎢ 0.000   0.000   1.000   0.000⎥
	// ⎣ 0.375  -0.750  -0.500   1.000⎦
}
