package course_test

import (
	"fmt"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/check"
)

// Topic 14, in part: a random unit vector drawn uniformly from the sphere.
// A standard Gaussian vector z has the density (2π)^(−n/2) exp(−‖z‖²/2),
// which depends on ‖z‖ only, so it is invariant under rotations, and so is
// the law of its direction z/‖z‖: that is the uniform law on the sphere, and
// check.UnitVector draws it. Normalizing a vector drawn uniformly from the
// cube [−1, 1]ⁿ instead gives a law that favours the directions of the
// cube's corners. Two consequences of uniformity are checked on the samples:
// on the sphere in ℝ³ the height u₃ is uniform on [−1, 1] (Archimedes'
// hat-box theorem), so each quarter of [−1, 1] holds a quarter of the
// samples; and in every dimension E[u uᵀ] = I/n, so n·uᵀAu is an unbiased
// estimate of tr A (Hutchinson's estimator, which with A⁻¹dA in place of A
// estimates d log det = tr(A⁻¹dA) from solves with A alone). The
// normalized cube passes that second test too, by its symmetries (signs and
// permutations of the coordinates), but not the first.
func Example_unitSphere() {
	const n, samples = 3, 40000
	rnd := rand.New(rand.NewPCG(1, 2))
	cube := func() *mat.VecDense {
		v := mat.NewVecDense(n, nil)
		for i := 0; i < n; i++ {
			v.SetVec(i, 2*rnd.Float64()-1)
		}
		v.ScaleVec(1/mat.Norm(v, 2), v)
		return v
	}
	a := mat.NewDense(n, n, []float64{2, 1, 0, -1, 3, 1, 0, 2, 4}) // tr A = 9
	for _, method := range []struct {
		name string
		draw func() *mat.VecDense
	}{
		{"Gaussian, normalized (check.UnitVector)", func() *mat.VecDense { return check.UnitVector(rnd, n) }},
		{"cube, normalized", cube},
	} {
		var bins [4]int
		var sum, chi2 float64
		for s := 0; s < samples; s++ {
			u := method.draw()
			bins[min(int((u.AtVec(2)+1)*2), 3)]++
			var au mat.VecDense
			au.MulVec(a, u)
			sum += n * mat.Dot(u, &au)
		}
		// Pearson's χ² of the four bins against equal counts; with 3 degrees
		// of freedom it exceeds 16.3 with probability 0.001 under uniformity.
		for _, c := range bins {
			d := float64(c) - samples/4
			chi2 += d * d / (samples / 4)
		}
		fmt.Println(method.name)
		fmt.Printf("  fractions of u₃ in the quarters of [−1, 1]: %.2f %.2f %.2f %.2f\n",
			float64(bins[0])/samples, float64(bins[1])/samples, float64(bins[2])/samples, float64(bins[3])/samples)
		fmt.Println("  uniform by the χ² test at level 0.001:", chi2 < 16.3)
		fmt.Printf("  mean of n·uᵀAu = %.1f (tr A = %.0f)\n", sum/samples, mat.Trace(a))
	}
	// Output:
	// Gaussian, normalized (check.UnitVector)
	//   fractions of u₃ in the quarters of [−1, 1]: 0.25 0.25 0.25 0.25
	//   uniform by the χ² test at level 0.001: true
	//   mean of n·uᵀAu = 9.0 (tr A = 9)
	// cube, normalized
	//   fractions of u₃ in the quarters of [−1, 1]: 0.28 0.22 0.22 0.28
	//   uniform by the χ² test at level 0.001: false
	//   mean of n·uᵀAu = 9.0 (tr A = 9)
}
