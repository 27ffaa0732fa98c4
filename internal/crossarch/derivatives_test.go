package crossarch_test

import (
	"hash/fnv"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/inverse"
	"github.com/matcalc/matcalc/power"
)

// derivTol is the tolerance of the derivative items, relative to the largest
// magnitude of each result matrix. Their inputs are well conditioned
// (cond(A) < 5) and of size 23, so two correct computations agree to within
// about cond·|k|·n·eps ≈ 1e-13 relative (the paths in fact agree to about
// 1e-15); a wrong product is off by O(1).
const derivTol = 1e-12

// derivN is the size of the derivative items: prime, larger than the small
// paths of inverse/ and power/ (n ≤ 4), so their products run on the BLAS
// that TestMain installs, with edge tiles in both directions on every kernel.
const derivN = 23

func init() {
	workload = append(workload,
		denseItem("inverse", func(in *inputs) []*mat.Dense {
			var f inverse.LU
			if err := f.Factorize(in.nearIdentity(derivN)); err != nil {
				panic(err)
			}
			dA, yBar := in.uniform(derivN, derivN), in.uniform(derivN, derivN)
			var y, dY, aBar, aDot mat.Dense
			f.Inverse(&y)
			f.JVP(&dY, dA)
			f.VJP(&aBar, yBar)
			f.HVP(&aDot, dA, yBar)
			return []*mat.Dense{&y, &dY, &aBar, &aDot}
		}),
		denseItem("inverse_solve", func(in *inputs) []*mat.Dense {
			const k = 5
			var f inverse.LU
			if err := f.Factorize(in.nearIdentity(derivN)); err != nil {
				panic(err)
			}
			b, dA, dB, xBar := in.uniform(derivN, k), in.uniform(derivN, derivN), in.uniform(derivN, k), in.uniform(derivN, k)
			var x, dX, aBar, bBar, aDot, bDot mat.Dense
			f.Solve(&x, b)
			f.SolveJVP(&dX, dA, dB, &x)
			f.SolveVJP(&aBar, &bBar, xBar, &x)
			f.SolveHVP(&aDot, &bDot, dA, dB, xBar, &x)
			return []*mat.Dense{&x, &dX, &aBar, &bBar, &aDot, &bDot}
		}),
		denseItem("power_7", func(in *inputs) []*mat.Dense { return powerItem(in, 7) }),
		denseItem("power_-3", func(in *inputs) []*mat.Dense { return powerItem(in, -3) }),
	)
}

func powerItem(in *inputs, k int) []*mat.Dense {
	var f power.Power
	if err := f.Factorize(in.nearIdentity(derivN), k); err != nil {
		panic(err)
	}
	dA, yBar := in.uniform(derivN, derivN), in.uniform(derivN, derivN)
	var y, dY, aBar, aDot mat.Dense
	f.Value(&y)
	f.JVP(&dY, dA)
	f.VJP(&aBar, yBar)
	f.HVP(&aDot, dA, yBar)
	return []*mat.Dense{&y, &dY, &aBar, &aDot}
}

// inputs generates an item's seeded inputs and records them for the
// fingerprint.
type inputs struct {
	rng *rand.Rand
	all []float64
}

// uniform returns an r×c matrix of values uniform in [-1, 1).
func (in *inputs) uniform(r, c int) *mat.Dense {
	x := make([]float64, r*c)
	for i := range x {
		x[i] = 2*in.rng.Float64() - 1
	}
	in.all = append(in.all, x...)
	return mat.NewDense(r, c, x)
}

// nearIdentity returns I + R/(2√n) with R uniform: its singular values lie
// within about 0.6 of 1, so cond(A) < 5 and powers neither blow up nor vanish.
func (in *inputs) nearIdentity(n int) *mat.Dense {
	a := in.uniform(n, n)
	a.Scale(0.5/math.Sqrt(float64(n)), a)
	for i := 0; i < n; i++ {
		a.Set(i, i, a.At(i, i)+1)
	}
	return a
}

// denseItem makes an item of results that are matrices, seeded by its name,
// with each value's bound the largest magnitude in its matrix (a norm-wise
// bound) and tolerance derivTol.
func denseItem(name string, f func(in *inputs) []*mat.Dense) item {
	return seededItem(name, derivTol, func(in *inputs, o *outputs) {
		for _, m := range f(in) {
			o.dense(m)
		}
	})
}

// seededItem makes an item seeded by its name whose results f appends to o,
// each with its bound.
func seededItem(name string, tol float64, f func(in *inputs, o *outputs)) item {
	h := fnv.New64a()
	h.Write([]byte(name))
	seed := h.Sum64()
	return item{
		name: name,
		tol:  tol,
		run: func() (got, bound, fingerprint []float64) {
			in := &inputs{rng: rand.New(rand.NewPCG(0x6d6174, seed))}
			var o outputs
			f(in, &o)
			return o.got, o.bound, in.all
		},
	}
}

// outputs collects an item's results and the bound of each.
type outputs struct {
	got, bound []float64
}

// dense appends the values of m, each bounded by the largest magnitude in m.
func (o *outputs) dense(m *mat.Dense) {
	r, c := m.Dims()
	var scale float64
	for i := 0; i < r; i++ {
		for _, v := range m.RawRowView(i)[:c] {
			scale = max(scale, math.Abs(v))
		}
	}
	for i := 0; i < r; i++ {
		o.got = append(o.got, m.RawRowView(i)[:c]...)
		for range c {
			o.bound = append(o.bound, scale)
		}
	}
}

// vec appends the values of v, each bounded by the largest magnitude in v.
func (o *outputs) vec(v []float64) {
	var scale float64
	for _, x := range v {
		scale = max(scale, math.Abs(x))
	}
	o.got = append(o.got, v...)
	for range v {
		o.bound = append(o.bound, scale)
	}
}

// scalar appends v with the bound scale.
func (o *outputs) scalar(v, scale float64) {
	o.got = append(o.got, v)
	o.bound = append(o.bound, scale)
}
