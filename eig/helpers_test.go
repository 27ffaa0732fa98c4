package eig

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// Helpers shared by the tests: random matrices, finite differences and
// comparisons.

func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 7)) }

// randSym returns a symmetric matrix with N(0,1) entries.
func randSym(rng *rand.Rand, n int) *mat.SymDense {
	s := mat.NewSymDense(n, nil)
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			s.SetSym(i, j, rng.NormFloat64())
		}
	}
	return s
}

// randDense returns an n×n matrix with N(0,1) entries (not symmetric).
func randDense(rng *rand.Rand, n int) *mat.Dense {
	d := mat.NewDense(n, n, nil)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			d.Set(i, j, rng.NormFloat64())
		}
	}
	return d
}

// randSPD returns X Xᵀ + I for a Gaussian n×n X: positive definite, with
// eigenvalues from 1 to about 4n.
func randSPD(rng *rand.Rand, n int) *mat.SymDense {
	var spd mat.SymDense
	spd.SymOuterK(1, randDense(rng, n))
	for i := 0; i < n; i++ {
		spd.SetSym(i, i, spd.At(i, i)+1)
	}
	return &spd
}

// randOrth returns a random orthogonal matrix (the Q of a QR).
func randOrth(rng *rand.Rand, n int) *mat.Dense {
	var qr mat.QR
	qr.Factorize(randDense(rng, n))
	var q mat.Dense
	qr.QTo(&q)
	return &q
}

// withSpectrum returns Q diag(vals) Qᵀ as a SymDense (exactly symmetric).
func withSpectrum(q *mat.Dense, vals []float64) *mat.SymDense {
	n := len(vals)
	var t, a mat.Dense
	t.Mul(q, mat.NewDiagDense(n, vals))
	a.Mul(&t, q.T())
	s := mat.NewSymDense(n, nil)
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			s.SetSym(i, j, 0.5*(a.At(i, j)+a.At(j, i)))
		}
	}
	return s
}

// projector returns the orthogonal projector onto the span of the given
// columns of q.
func projector(q *mat.Dense, cols ...int) *mat.Dense {
	n, _ := q.Dims()
	p := mat.NewDense(n, n, nil)
	for _, c := range cols {
		var o mat.Dense
		o.Outer(1, q.ColView(c), q.ColView(c))
		p.Add(p, &o)
	}
	return p
}

// addScaled returns a + h·e as a SymDense (e symmetrized).
func addScaled(a mat.Matrix, h float64, e mat.Matrix) *mat.SymDense {
	n, _ := a.Dims()
	s := mat.NewSymDense(n, nil)
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			s.SetSym(i, j, a.At(i, j)+h*0.5*(e.At(i, j)+e.At(j, i)))
		}
	}
	return s
}

// fdMatrix returns the derivative of g at a in direction e by the
// fourth-order central difference with step h.
func fdMatrix(a, e mat.Matrix, h float64, g func(mat.Matrix) *mat.Dense) *mat.Dense {
	p1, m1 := g(addScaled(a, h, e)), g(addScaled(a, -h, e))
	p2, m2 := g(addScaled(a, 2*h, e)), g(addScaled(a, -2*h, e))
	r, c := p1.Dims()
	d := mat.NewDense(r, c, nil)
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			d.Set(i, j, (8*(p1.At(i, j)-m1.At(i, j))-(p2.At(i, j)-m2.At(i, j)))/(12*h))
		}
	}
	return d
}

// fdScalar is fdMatrix for a scalar function.
func fdScalar(a, e mat.Matrix, h float64, g func(mat.Matrix) float64) float64 {
	return (8*(g(addScaled(a, h, e))-g(addScaled(a, -h, e))) -
		(g(addScaled(a, 2*h, e)) - g(addScaled(a, -2*h, e)))) / (12 * h)
}

// inner returns the Frobenius inner product <x, y>.
func inner(x, y mat.Matrix) float64 {
	r, c := x.Dims()
	var s float64
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			s += x.At(i, j) * y.At(i, j)
		}
	}
	return s
}

// relDiff returns max|x − y| / max(max|y|, floor).
func relDiff(x, y mat.Matrix, floor float64) float64 {
	r, c := x.Dims()
	var d, m float64
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			d = math.Max(d, math.Abs(x.At(i, j)-y.At(i, j)))
			m = math.Max(m, math.Abs(y.At(i, j)))
		}
	}
	return d / math.Max(m, floor)
}

// allFinite reports whether m holds no NaN or Inf.
func allFinite(m mat.Matrix) bool {
	r, c := m.Dims()
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			if !finite(m.At(i, j)) {
				return false
			}
		}
	}
	return true
}

// checkClose fails the test if relDiff(got, want) > tol.
func checkClose(t *testing.T, name string, got, want mat.Matrix, tol float64) {
	t.Helper()
	if d := relDiff(got, want, 1e-300); !(d <= tol) {
		t.Errorf("%s: relative difference %.3g > %.3g\ngot  %v\nwant %v", name, d, tol,
			mat.Formatted(got, mat.Squeeze()), mat.Formatted(want, mat.Squeeze()))
	}
}

// checkScalar fails if |got − want| > tol·max(|want|, 1).
func checkScalar(t *testing.T, name string, got, want, tol float64) {
	t.Helper()
	if d := math.Abs(got - want); !(d <= tol*math.Max(math.Abs(want), 1)) {
		t.Errorf("%s: got %.17g, want %.17g (diff %.3g, tol %.3g)", name, got, want, d, tol)
	}
}

// mustFactor factorizes a or fails the test.
func mustFactor(t *testing.T, a mat.Matrix, opts *Options) *Sym {
	t.Helper()
	var s Sym
	if err := s.Factorize(a, opts); err != nil {
		t.Fatalf("Factorize: %v", err)
	}
	return &s
}

// alignedVectors returns the eigenvectors of a with each column's sign
// chosen to agree with ref.
func alignedVectors(a mat.Matrix, ref *mat.Dense) *mat.Dense {
	var s Sym
	if err := s.Factorize(a, nil); err != nil {
		panic(err)
	}
	var v mat.Dense
	s.Vectors(&v)
	n, _ := v.Dims()
	for j := 0; j < n; j++ {
		if mat.Dot(v.ColView(j), ref.ColView(j)) < 0 {
			for i := 0; i < n; i++ {
				v.Set(i, j, -v.At(i, j))
			}
		}
	}
	return &v
}

// blockExp returns the top-right n×n block of exp([[A, E], [0, A]]), the
// Fréchet derivative of the matrix exponential, by gonum's Padé expm.
func blockExp(a, e mat.Matrix) *mat.Dense {
	n, _ := a.Dims()
	b := mat.NewDense(2*n, 2*n, nil)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			b.Set(i, j, a.At(i, j))
			b.Set(n+i, n+j, a.At(i, j))
			b.Set(i, n+j, e.At(i, j))
		}
	}
	var x mat.Dense
	x.Exp(b)
	return mat.DenseCopyOf(x.Slice(0, n, n, 2*n))
}

// blockExp2 returns the second derivative of exp at a applied to (e, f):
// with T = exp([[A, E, 0], [0, A, F], [0, 0, A]]) it is T13(E, F) + T13(F, E).
func blockExp2(a, e, f mat.Matrix) *mat.Dense {
	n, _ := a.Dims()
	t13 := func(x, y mat.Matrix) *mat.Dense {
		b := mat.NewDense(3*n, 3*n, nil)
		for i := 0; i < n; i++ {
			for j := 0; j < n; j++ {
				for k := 0; k < 3; k++ {
					b.Set(k*n+i, k*n+j, a.At(i, j))
				}
				b.Set(i, n+j, x.At(i, j))
				b.Set(n+i, 2*n+j, y.At(i, j))
			}
		}
		var r mat.Dense
		r.Exp(b)
		return mat.DenseCopyOf(r.Slice(0, n, 2*n, 3*n))
	}
	var s mat.Dense
	s.Add(t13(e, f), t13(f, e))
	return &s
}

// symOf returns sym(m) as a Dense.
func symOf(m mat.Matrix) *mat.Dense { return symCopy(m) }
