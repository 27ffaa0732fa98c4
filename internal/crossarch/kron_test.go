package crossarch_test

import (
	"hash/fnv"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/kron"
)

// The Kronecker items apply kron.Product with small factors, which runs as
// one kernels.KronMode call per factor: the AVX2 or NEON kernels on those
// paths, kernels/generic on the others. Each item applies the product and its
// transpose.
//
// Tolerance: a mode product with the m_i×n_i factor Ai (or its transpose)
// forms each value as a sum of at most k_i = max(m_i, n_i) terms, within
// (k_i+1)·eps of its magnitude bound; errors of the d steps add to first
// order, so one computation is within (Σ k_i + d)·eps·bound of the exact
// values and two within twice that. The bound of each value is that value
// computed with |Ai| and |x|, i.e. Σ|terms| of the exact sum. The tolerance
// is four times (Σ k_i + d)·eps: below 1e-13 for these shapes, where a
// wrong kernel is off by O(1).
func init() {
	workload = append(workload,
		// d = 2, rectangular factors, 3 right-hand sides: the trailing
		// mode R is 3·6 and 3 (the wide kernels, with odd widths).
		kronItem("kron_d2", 3, [][2]int{{5, 4}, {7, 6}}),
		// d = 5 with one right-hand side: the last factor runs with R = 1
		// (the narrow kernels) and odd m; the middle ones with R from 2 to
		// 90 and L from 3 to 60.
		kronItem("kron_d5", 1, [][2]int{{3, 4}, {5, 3}, {2, 2}, {4, 5}, {3, 3}}),
	)
}

// kronItem applies the product of factors of the given shapes (rows,
// columns), with entries uniform in [-1, 1), to x with k right-hand sides,
// and its transpose to y.
func kronItem(name string, k int, shapes [][2]int) item {
	h := fnv.New64a()
	h.Write([]byte(name))
	seed := h.Sum64()
	sum := len(shapes)
	for _, s := range shapes {
		sum += max(s[0], s[1])
	}
	return item{
		name: name,
		tol:  4 * float64(sum) * 0x1p-52,
		run: func() (got, bound, fingerprint []float64) {
			in := &inputs{rng: rand.New(rand.NewPCG(0x6d6174, seed))}
			fs := make([]mat.Matrix, len(shapes))
			abs := make([]mat.Matrix, len(shapes))
			for i, s := range shapes {
				a := in.uniform(s[0], s[1])
				var b mat.Dense
				b.Apply(func(_, _ int, v float64) float64 { return math.Abs(v) }, a)
				fs[i], abs[i] = a, &b
			}
			p, pAbs := kron.New(fs...), kron.New(abs...)
			r, c := p.Dims()
			x, y := in.uniform(c, k).RawMatrix().Data, in.uniform(r, k).RawMatrix().Data
			apply := func(q *kron.Product, trans bool, v []float64, abs bool) []float64 {
				n := r
				if trans {
					n = c
				}
				if abs {
					w := make([]float64, len(v))
					for i, e := range v {
						w[i] = math.Abs(e)
					}
					v = w
				}
				dst := make([]float64, n*k)
				q.ApplyTo(dst, v, k, trans)
				return dst
			}
			got = append(apply(p, false, x, false), apply(p, true, y, false)...)
			bound = append(apply(pAbs, false, x, true), apply(pAbs, true, y, true)...)
			return got, bound, in.all
		},
	}
}
