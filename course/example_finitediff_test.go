package course_test

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/diff/fd"

	"github.com/matcalc/matcalc/check"
)

// Topic 5: finite differences. The forward difference (f(x+h) − f(x))/h has
// truncation error (h/2)|f″| and the central difference
// (f(x+h) − f(x−h))/(2h) has (h²/6)|f‴|, but both suffer roundoff of
// about eps·|f|/h from the cancellation in the numerator, which grows as h
// shrinks. The error is smallest near h ≈ √eps ≈ 1e-8 for the forward and
// h ≈ eps^(1/3) ≈ 6e-6 for the central difference (check.NominalStep),
// and grows again below: the "V" of the table, for f = √x at x = 2, where
// f'(2) = 1/(2√2).
//
// Every operation here is a single IEEE operation (sqrt, +, −, ÷), so the
// table is the same on every machine; the steps are literals for the same
// reason.
func Example_finiteDifferences() {
	f := math.Sqrt
	x := 2.0
	want := 0.5 / math.Sqrt(x)
	relErr := func(d float64) float64 { return math.Abs(d-want) / want }

	steps := []float64{1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10, 1e-11, 1e-12, 1e-13}
	fmt.Println("relative error of the differences of √x at 2")
	fmt.Println("    h  forward  central")
	bestF, bestC := 0, 0
	var errF, errC []float64
	for i, h := range steps {
		fwd := (f(x+h) - f(x)) / h
		cen := (f(x+h) - f(x-h)) / (2 * h)
		errF = append(errF, relErr(fwd))
		errC = append(errC, relErr(cen))
		if errF[i] < errF[bestF] {
			bestF = i
		}
		if errC[i] < errC[bestC] {
			bestC = i
		}
		fmt.Printf("%5.0e  %7.1e  %7.1e\n", h, errF[i], errC[i])
	}
	fmt.Printf("best step: forward %.0e (nominal %.1e), central %.0e (nominal %.1e)\n",
		steps[bestF], check.NominalStep(fd.Forward), steps[bestC], check.NominalStep(fd.Central))
	// Output:
	// relative error of the differences of √x at 2
	//     h  forward  central
	// 1e-01  1.2e-02  3.1e-04
	// 1e-02  1.2e-03  3.1e-06
	// 1e-03  1.2e-04  3.1e-08
	// 1e-04  1.2e-05  3.1e-10
	// 1e-05  1.3e-06  1.2e-11
	// 1e-06  1.3e-07  8.3e-11
	// 1e-07  1.8e-08  2.0e-09
	// 1e-08  1.1e-08  2.0e-08
	// 1e-09  5.1e-08  5.1e-08
	// 1e-10  1.8e-06  1.3e-06
	// 1e-11  4.0e-05  8.1e-06
	// 1e-12  1.7e-04  1.5e-04
	// 1e-13  1.4e-03  1.7e-03
	// best step: forward 1e-08 (nominal 1.5e-08), central 1e-05 (nominal 6.1e-06)
}
