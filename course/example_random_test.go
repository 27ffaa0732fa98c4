package course_test

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/check"
)

// Topic 12: derivatives of random functions. For x = μ + L z with
// z ~ N(0, I), the gradient of E[f(x)] with respect to μ can be estimated
// two ways from the same samples:
//
//	reparameterization: ∇_μ E[f(μ + Lz)] = E[∇f(μ + Lz)]
//	score function:     ∇_μ E[f(x)] = E[f(x) ∇_μ log p(x)] = E[f(x) L⁻ᵀz]
//
// Both are unbiased; the first differentiates f, the second only
// evaluates it, and pays in variance. For f(x) = exp(aᵀx) the answer is
// known: E[f] = exp(aᵀμ + ½‖Lᵀa‖²) and ∇_μ E[f] = a·E[f].
func Example_reparameterization() {
	a := mat.NewVecDense(2, []float64{0.5, -0.3})
	mu := mat.NewVecDense(2, []float64{0.2, 0.1})
	l := mat.NewDense(2, 2, []float64{1, 0, 0.5, 0.8})
	f := func(x mat.Vector) float64 { return math.Exp(mat.Dot(a, x)) }

	var lta mat.VecDense
	lta.MulVec(l.T(), a)
	ef := math.Exp(mat.Dot(a, mu) + mat.Dot(&lta, &lta)/2)
	want := [2]float64{a.AtVec(0) * ef, a.AtVec(1) * ef}

	var lInvT mat.Dense
	if err := lInvT.Inverse(l.T()); err != nil {
		panic(err)
	}
	rnd := rand.New(rand.NewPCG(1, 2))
	const samples = 20000
	var sumR, sumS, sqR, sqS [2]float64
	z := mat.NewVecDense(2, nil)
	var x, score mat.VecDense
	for k := 0; k < samples; k++ {
		z.SetVec(0, rnd.NormFloat64())
		z.SetVec(1, rnd.NormFloat64())
		x.MulVec(l, z)
		x.AddVec(&x, mu)
		fx := f(&x)
		score.MulVec(&lInvT, z)
		for i := 0; i < 2; i++ {
			r := a.AtVec(i) * fx // ∇f(x) = a·f(x)
			s := fx * score.AtVec(i)
			sumR[i] += r
			sqR[i] += r * r
			sumS[i] += s
			sqS[i] += s * s
		}
	}
	// The per-sample gradient of the reparameterized f(μ + Lz) in μ, checked
	// at the last sample by finite differences.
	last := mat.VecDenseCopyOf(z)
	g := check.Gradient(func(m mat.Matrix) float64 {
		var x mat.VecDense
		x.MulVec(l, last)
		x.AddVec(&x, m.(*mat.Dense).ColView(0))
		return f(&x)
	}, func(dst *mat.Dense) {
		dst.CloneFrom(mat.NewDense(2, 1, []float64{a.AtVec(0) * f(&x), a.AtVec(1) * f(&x)}))
	}, mat.NewDense(2, 1, mu.RawVector().Data), nil)
	fmt.Println("∇_μ f(μ + Lz) = a·f(x) agrees with finite differences:", g.Pass)

	fmt.Printf("exact         ∇_μ E[f] = (%.3f, %.3f)\n", want[0], want[1])
	var within [2]bool
	for _, est := range []struct {
		name    string
		sum, sq [2]float64
	}{{"reparameterization", sumR, sqR}, {"score function", sumS, sqS}} {
		var mean, vari [2]float64
		ok := true
		for i := 0; i < 2; i++ {
			mean[i] = est.sum[i] / samples
			vari[i] = est.sq[i]/samples - mean[i]*mean[i]
			se := math.Sqrt(vari[i] / samples)
			ok = ok && math.Abs(mean[i]-want[i]) < 4*se
		}
		within[0], within[1] = within[1], ok
		fmt.Printf("%-18s    mean (%.3f, %.3f), variance per sample (%.3f, %.3f)\n",
			est.name, mean[0], mean[1], vari[0], vari[1])
	}
	fmt.Println("both means within 4 standard errors of the exact gradient:", within[0] && within[1])
	// Output:
	// ∇_μ f(μ + Lz) = a·f(x) agrees with finite differences: true
	// exact         ∇_μ E[f] = (0.587, -0.352)
	// reparameterization    mean (0.587, -0.352), variance per sample (0.069, 0.025)
	// score function        mean (0.589, -0.338), variance per sample (3.665, 2.978)
	// both means within 4 standard errors of the exact gradient: true
}

// flat formats a 2×2 matrix on one line, [a b; c d], to three decimals.
func flat(m mat.Matrix) string {
	return fmt.Sprintf("[%6.3f %6.3f; %6.3f %6.3f]", m.At(0, 0), m.At(0, 1), m.At(1, 0), m.At(1, 1))
}

// Topic 12, the scale: the gradient in L of E[f(μ + Lz)] for the same
// f(x) = exp(aᵀx). Reparameterization gives E[∇f(x) zᵀ] = E[f(x) a zᵀ];
// the score of N(μ, LLᵀ) in L is L⁻ᵀ(zzᵀ − I), giving E[f(x) L⁻ᵀ(zzᵀ − I)].
// The exact gradient is E[f]·a aᵀL, since E[f] = exp(aᵀμ + ½‖Lᵀa‖²).
// The example compares the total variance (summed over the entries of L).
func Example_reparameterizationScale() {
	a := mat.NewVecDense(2, []float64{0.5, -0.3})
	mu := mat.NewVecDense(2, []float64{0.2, 0.1})
	l := mat.NewDense(2, 2, []float64{1, 0, 0.5, 0.8})

	var lta mat.VecDense
	lta.MulVec(l.T(), a)
	ef := math.Exp(mat.Dot(a, mu) + mat.Dot(&lta, &lta)/2)
	var want mat.Dense
	want.Outer(ef, a, &lta) // E[f]·a (Lᵀa)ᵀ = E[f]·a aᵀ L

	var lInvT mat.Dense
	if err := lInvT.Inverse(l.T()); err != nil {
		panic(err)
	}
	rnd := rand.New(rand.NewPCG(3, 4))
	const samples = 20000
	var sumR, sumS, sqR, sqS mat.Dense
	for _, m := range []*mat.Dense{&sumR, &sumS, &sqR, &sqS} {
		m.ReuseAs(2, 2)
	}
	z := mat.NewVecDense(2, nil)
	var x mat.VecDense
	for k := 0; k < samples; k++ {
		z.SetVec(0, rnd.NormFloat64())
		z.SetVec(1, rnd.NormFloat64())
		x.MulVec(l, z)
		x.AddVec(&x, mu)
		fx := math.Exp(mat.Dot(a, &x))
		var r, s, zz mat.Dense
		r.Outer(fx, a, z) // f(x) a zᵀ
		zz.Outer(1, z, z)
		zz.Set(0, 0, zz.At(0, 0)-1)
		zz.Set(1, 1, zz.At(1, 1)-1)
		s.Mul(&lInvT, &zz)
		s.Scale(fx, &s) // f(x) L⁻ᵀ(zzᵀ − I)
		sumR.Add(&sumR, &r)
		sumS.Add(&sumS, &s)
		r.MulElem(&r, &r)
		s.MulElem(&s, &s)
		sqR.Add(&sqR, &r)
		sqS.Add(&sqS, &s)
	}
	report := func(name string, sum, sq *mat.Dense) {
		var mean, v mat.Dense
		mean.Scale(1.0/samples, sum)
		v.MulElem(&mean, &mean)
		v.Scale(-1, &v)
		var m2 mat.Dense
		m2.Scale(1.0/samples, sq)
		v.Add(&v, &m2)
		var se mat.Dense // standard errors of the mean
		se.Apply(func(_, _ int, x float64) float64 { return math.Sqrt(x / samples) }, &v)
		ok := true
		for i := 0; i < 2; i++ {
			for j := 0; j < 2; j++ {
				ok = ok && math.Abs(mean.At(i, j)-want.At(i, j)) < 4*se.At(i, j)
			}
		}
		fmt.Printf("%-18s  %s  total variance %6.3f  within 4 s.e.: %v\n", name, flat(&mean), mat.Sum(&v), ok)
	}
	fmt.Printf("%-18s  %s\n", "exact", flat(&want))
	report("reparameterization", &sumR, &sqR)
	report("score function", &sumS, &sqS)
	// Output:
	// exact               [ 0.205 -0.141; -0.123  0.084]
	// reparameterization  [ 0.203 -0.140; -0.122  0.084]  total variance  1.442  within 4 s.e.: true
	// score function      [ 0.199 -0.155; -0.129  0.105]  total variance 29.155  within 4 s.e.: true
}
