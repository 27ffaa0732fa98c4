package kron

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/check"
)

// shapeSets are the factor shapes of the operators under test: one to four
// factors, square and rectangular, small (KronMode) and large (Dgemm), and
// their mixture.
var shapeSets = [][][2]int{
	{{3, 4}},
	{{20, 17}},
	{{2, 2}, {3, 3}},
	{{3, 5}, {4, 2}},
	{{1, 3}, {4, 1}},
	{{17, 19}, {18, 20}},
	{{17, 5}, {3, 18}},
	{{2, 3}, {3, 2}, {2, 2}},
	{{4, 4}, {1, 1}, {3, 5}, {2, 2}},
	{{2, 2}, {18, 17}, {3, 2}},
	{{16, 16}, {2, 3}},
	{{5, 1}, {1, 5}, {7, 3}},
}

func randFactors(rng *rand.Rand, shapes [][2]int) []mat.Matrix {
	fs := make([]mat.Matrix, len(shapes))
	for i, s := range shapes {
		fs[i] = check.Gaussian(rng, s[0], s[1])
	}
	return fs
}

// TestProduct checks Product.ApplyTo against the explicit Kronecker product
// formed by gonum's mat.Dense.Kronecker, for M x and Mᵀ x with one and several
// right-hand sides, on every kernel path; and the adjoint identity
// <y, M x> = <Mᵀ y, x>.
func TestProduct(t *testing.T) {
	eachPath(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(1, 1))
		for _, shapes := range shapeSets {
			fs := randFactors(rng, shapes)
			p := New(fs...)
			want := explicit(fs...)
			r, c := p.Dims()
			if wr, wc := want.Dims(); r != wr || c != wc {
				t.Fatalf("%v: Dims %d×%d, want %d×%d", p, r, c, wr, wc)
			}
			applyAgrees(t, fmt.Sprintf("%v: ApplyTo", p), rng, want, []int{1, 3}, p.ApplyTo)
			x, y := randVec(rng, c), randVec(rng, r)
			mx, mty := make([]float64, r), make([]float64, c)
			p.ApplyTo(mx, x, 1, false)
			p.ApplyTo(mty, y, 1, true)
			if a, b := dot(y, mx), dot(mty, x); !closeTo([]float64{a}, []float64{b}, 1e-13) {
				t.Errorf("%v: <y, M x> = %v, <Mᵀ y, x> = %v", p, a, b)
			}
		}
	})
}

// applyAgrees checks apply, which sets dst to M x, or Mᵀ x when trans is
// set, for x of k columns, against the explicit M, want, for each k in ks:
// to 1e-13 relative to the largest entry (at least 1).
func applyAgrees(t *testing.T, name string, rng *rand.Rand, want *mat.Dense, ks []int, apply func(dst, x []float64, k int, trans bool)) {
	t.Helper()
	r, c := want.Dims()
	for _, k := range ks {
		for _, trans := range []bool{false, true} {
			rr, cc := r, c
			var w mat.Matrix = want
			if trans {
				rr, cc, w = c, r, want.T()
			}
			x := check.Gaussian(rng, cc, k)
			var ref mat.Dense
			ref.Mul(w, x)
			got := make([]float64, rr*k)
			apply(got, x.RawMatrix().Data, k, trans)
			if !closeTo(got, ref.RawMatrix().Data, 1e-13) {
				t.Errorf("%s k=%d trans=%t: differs from the explicit product", name, k, trans)
			}
		}
	}
}

// naiveModes applies ⊗Ai to x by the definition of the mode product, one
// mode at a time, with plain loops: the oracle for products too large to
// form.
func naiveModes(fs []*mat.Dense, x []float64) []float64 {
	dims := make([]int, len(fs))
	for i, f := range fs {
		_, dims[i] = f.Dims()
	}
	cur := slices.Clone(x)
	for i, f := range fs {
		m, n := f.Dims()
		L, R := 1, 1
		for t := 0; t < i; t++ {
			L *= dims[t]
		}
		for t := i + 1; t < len(fs); t++ {
			R *= dims[t]
		}
		next := make([]float64, L*m*R)
		for l := 0; l < L; l++ {
			for a := 0; a < m; a++ {
				for r := 0; r < R; r++ {
					var s float64
					for b := 0; b < n; b++ {
						s += f.At(a, b) * cur[(l*n+b)*R+r]
					}
					next[(l*m+a)*R+r] = s
				}
			}
		}
		cur, dims[i] = next, m
	}
	return cur
}

// TestProductManyFactors checks products of 8 to 12 small factors (the
// many-small-factors kernel's case) against naiveModes, on every path.
func TestProductManyFactors(t *testing.T) {
	cases := [][]int{{2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2}, {3, 2, 4, 3, 2, 4, 3, 2}, {4, 4, 4, 4, 4, 4, 4, 4}}
	if !testing.Short() {
		cases = append(cases, []int{2, 3, 2, 3, 2, 3, 2, 3, 2, 3}, []int{3, 3, 3, 3, 3, 3, 3, 3, 3},
			[]int{2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2})
	}
	eachPath(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(2, 2))
		for _, sizes := range cases {
			fs := make([]*mat.Dense, len(sizes))
			ms := make([]mat.Matrix, len(sizes))
			for i, s := range sizes {
				fs[i] = check.Gaussian(rng, s, s)
				ms[i] = fs[i]
			}
			p := New(ms...)
			_, c := p.Dims()
			x := randVec(rng, c)
			got := make([]float64, c)
			var w Workspace
			p.ApplyWork(got, x, 1, false, &w)
			if want := naiveModes(fs, x); !closeTo(got, want, 1e-12) {
				t.Errorf("sizes %v: ApplyWork differs from the naive mode products", sizes)
			}
		}
	})
}

// TestModeOrder checks that the mode order has the fewest flops of all
// orders, by brute force over the permutations.
func TestModeOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	for trial := 0; trial < 50; trial++ {
		d := 1 + rng.IntN(5)
		fs := make([]factor, d)
		for i := range fs {
			fs[i] = factor{m: 1 + rng.IntN(6), n: 1 + rng.IntN(6)}
		}
		for _, trans := range []bool{false, true} {
			cost := func(order []int) float64 {
				size := 1.0
				for _, f := range fs {
					if trans {
						size *= float64(f.m)
					} else {
						size *= float64(f.n)
					}
				}
				var flops float64
				for _, i := range order {
					m, n := float64(fs[i].m), float64(fs[i].n)
					if trans {
						m, n = n, m
					}
					flops += size * m
					size = size / n * m
				}
				return flops
			}
			best := cost(modeOrder(fs, trans))
			perm := make([]int, d)
			for i := range perm {
				perm[i] = i
			}
			var walk func(k int)
			walk = func(k int) {
				if k == d {
					if c := cost(perm); c < best*(1-1e-12) {
						t.Errorf("factors %v trans=%t: order %v costs %g, modeOrder's %g", fs, trans, perm, c, best)
					}
					return
				}
				for i := k; i < d; i++ {
					perm[k], perm[i] = perm[i], perm[k]
					walk(k + 1)
					perm[k], perm[i] = perm[i], perm[k]
				}
			}
			walk(0)
		}
	}
}

// TestProductMatrix checks At, Dense, MulVec and Mul against the explicit
// product.
func TestProductMatrix(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	for _, shapes := range shapeSets {
		fs := randFactors(rng, shapes)
		p := New(fs...)
		want := explicit(fs...)
		if !mat.EqualApprox(mat.DenseCopyOf(p), want, 1e-14) {
			t.Errorf("%v: At differs from the explicit product", p)
		}
		var d mat.Dense
		Dense(&d, p)
		if !mat.EqualApprox(&d, want, 1e-13) {
			t.Errorf("%v: Dense differs from the explicit product", p)
		}
		r, c := p.Dims()
		x := mat.NewVecDense(c, randVec(rng, c))
		var y, ref mat.VecDense
		p.MulVec(&y, false, x)
		ref.MulVec(want, x)
		if !mat.EqualApprox(&y, &ref, 1e-13) {
			t.Errorf("%v: MulVec differs", p)
		}
		// A strided destination and a non-Dense input.
		big := mat.NewDense(c+2, 5, nil)
		dst := big.Slice(1, c+1, 1, 4).(*mat.Dense)
		xt := check.Gaussian(rng, 3, r)
		p.Mul(dst, true, xt.T())
		var refM mat.Dense
		refM.Mul(want.T(), xt.T())
		if !mat.EqualApprox(dst, &refM, 1e-13) {
			t.Errorf("%v: Mul (trans, strided dst) differs", p)
		}
	}
}

// TestProductAllocs checks that repeated applications do not allocate.
func TestProductAllocs(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	for _, shapes := range [][][2]int{{{30, 30}, {20, 20}}, {{2, 2}, {3, 3}, {4, 4}, {2, 3}}, {{3, 3}, {3, 3}, {2, 2}}} {
		p := New(randFactors(rng, shapes)...)
		r, c := p.Dims()
		x, y := randVec(rng, c), make([]float64, r)
		var w Workspace
		p.ApplyWork(y, x, 1, false, &w)
		if n := testing.AllocsPerRun(10, func() { p.ApplyWork(y, x, 1, false, &w) }); n != 0 {
			t.Errorf("%v: ApplyWork allocates %v times per call", p, n)
		}
		if raceEnabled {
			continue // sync.Pool drops items under -race
		}
		if n := testing.AllocsPerRun(10, func() { p.ApplyTo(y, x, 1, false) }); n > 0.5 {
			t.Errorf("%v: ApplyTo allocates %v times per call", p, n)
		}
	}
}

// TestProductPanics checks that size mismatches panic naming the shapes.
func TestProductPanics(t *testing.T) {
	p := New(mat.NewDense(2, 3, nil), mat.NewDense(4, 5, nil))
	mustPanic(t, "short x", "x has length 14, want 15×1 = 15", func() { p.ApplyTo(make([]float64, 8), make([]float64, 14), 1, false) })
	mustPanic(t, "short dst trans", "dst has length 8, want 15×2 = 30", func() { p.ApplyTo(make([]float64, 8), make([]float64, 16), 2, true) })
	mustPanic(t, "MulVec", "x has length 3, want 15 for 2×3 ⊗ 4×5", func() { p.MulVec(&mat.VecDense{}, false, mat.NewVecDense(3, nil)) })
	mustPanic(t, "Mul dst", "dst is 2×2, want 8×1", func() { p.Mul(mat.NewDense(2, 2, nil), false, mat.NewDense(15, 1, nil)) })
	mustPanic(t, "no factors", "kron.New: no factors", func() { New() })
	mustPanic(t, "Kron empty", "kron.Kron: empty factor: A is 0×0, B is 2×2", func() { Kron(&mat.Dense{}, &mat.Dense{}, mat.NewDense(2, 2, nil)) })
	mustPanic(t, "At", "index (8, 0) out of range for 8×15", func() { p.At(8, 0) })
	if s := fmt.Sprint(p); s != "2×3 ⊗ 4×5" {
		t.Errorf("String = %q", s)
	}
}

// TestProductBlocked checks the cache-blocked path against the explicit
// product on small operators, by shrinking its block sizes so that every
// operator of three or more small factors takes it, with split points and
// panel widths (including a narrower last panel) all over the range.
func TestProductBlocked(t *testing.T) {
	defer func(bv, bm int) { blockValues, blockedMin = bv, bm }(blockValues, blockedMin)
	sets := [][][2]int{
		{{2, 3}, {3, 2}, {2, 2}},
		{{4, 4}, {1, 1}, {3, 5}, {2, 2}},
		{{5, 1}, {1, 5}, {7, 3}},
		{{3, 3}, {2, 2}, {2, 2}, {3, 3}, {2, 2}},
		{{2, 4}, {3, 3}, {4, 2}, {3, 1}},
	}
	eachPath(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(12, 12))
		for _, bv := range []int{8, 16, 24, 40, 100} {
			blockValues, blockedMin = bv, 1
			for _, shapes := range sets {
				fs := randFactors(rng, shapes)
				p := New(fs...)
				want := explicit(fs...)
				applyAgrees(t, fmt.Sprintf("%v blockValues=%d: blocked ApplyWork", p, bv), rng, want, []int{1, 2, 5},
					func(dst, x []float64, k int, trans bool) {
						var w Workspace
						p.ApplyWork(dst, x, k, trans, &w)
					})
			}
		}
		// The blocked path was taken.
		p := New(randFactors(rng, sets[3])...)
		in, out := []int{3, 2, 2, 3, 2}, []int{3, 2, 2, 3, 2}
		if _, _, ok := p.blocking(in, out, 1); !ok {
			t.Errorf("%v: blocking not used with blockValues=%d", p, blockValues)
		}
	})
}

// TestProductConcurrent applies one Product from several goroutines at
// once (run with -race): it is immutable and ApplyTo takes its scratch from
// a pool.
func TestProductConcurrent(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 13))
	for _, shapes := range [][][2]int{{{20, 20}, {18, 18}}, {{4, 4}, {4, 4}, {4, 4}, {4, 4}, {4, 4}, {4, 4}, {4, 4}, {4, 4}}} {
		p := New(randFactors(rng, shapes)...)
		r, c := p.Dims()
		x := randVec(rng, c)
		want := make([]float64, r)
		p.ApplyTo(want, x, 1, false)
		done := make(chan []float64)
		for g := 0; g < 4; g++ {
			go func() {
				y := make([]float64, r)
				for range 3 {
					p.ApplyTo(y, x, 1, false)
				}
				done <- y
			}()
		}
		for g := 0; g < 4; g++ {
			if y := <-done; !closeTo(y, want, 0) {
				t.Errorf("%v: concurrent ApplyTo differs", p)
			}
		}
	}
}
