package kernels

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/lapack"
	lapackgonum "gonum.org/v1/gonum/lapack/gonum"
	"gonum.org/v1/gonum/lapack/testlapack"
	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/check"
)

// ref is gonum's LAPACK, the reference LAPACK is compared with.
var ref lapackgonum.Implementation

// eachLAPACKPath runs f once for every path this CPU runs, with that path
// forced and Implementation installed as gonum's BLAS (as Install does).
func eachLAPACKPath(t *testing.T, f func(t *testing.T)) {
	defer blas64.Use(blas64.Implementation())
	blas64.Use(Implementation{})
	for _, p := range Available() {
		t.Run(p.String(), func(t *testing.T) {
			defer Use(p)()
			f(t)
		})
	}
}

// withLeaf runs f with getrfLeaf set to w.
func withLeaf(w int, f func()) {
	defer func(old int) { getrfLeaf = old }(getrfLeaf)
	getrfLeaf = w
	f()
}

// TestLAPACKConformance runs gonum's conformance tests for the routines
// LAPACK overrides, and for Dgetri and Dgetrs on its factors, on every path;
// Dgetrf also with leaves of 5 columns, so that its recursion splits every
// matrix of the suite. -short runs the first four only.
func TestLAPACKConformance(t *testing.T) {
	impl := LAPACK{}
	eachLAPACKPath(t, func(t *testing.T) {
		t.Run("Dgetf2", func(t *testing.T) { testlapack.Dgetf2Test(t, impl) })
		t.Run("Dgetrf", func(t *testing.T) { testlapack.DgetrfTest(t, impl) })
		t.Run("Dgecon", func(t *testing.T) { testlapack.DgeconTest(t, impl) })
		t.Run("Dpocon", func(t *testing.T) { testlapack.DpoconTest(t, impl) })
		if testing.Short() {
			return
		}
		t.Run("Dgetrf/leaf5", func(t *testing.T) { withLeaf(5, func() { testlapack.DgetrfTest(t, impl) }) })
		t.Run("Dgetri", func(t *testing.T) { testlapack.DgetriTest(t, impl) })
		t.Run("Dgetrs", func(t *testing.T) { testlapack.DgetrsTest(t, impl) })
	})
}

// getrfShapes are the m×n shapes of the LU tests: 0, 1, primes, both sides
// of the leaf widths used (5, 8, 32 and the default) and of their halvings,
// tall, wide and square.
func getrfShapes() [][2]int {
	shapes := [][2]int{
		{0, 0}, {0, 3}, {3, 0}, {1, 1}, {1, 7}, {7, 1}, {2, 2}, {3, 5}, {5, 3},
		{7, 7}, {8, 8}, {9, 9}, {13, 11}, {11, 13}, {16, 16}, {17, 17},
		{31, 31}, {32, 32}, {33, 33}, {37, 29}, {29, 37}, {64, 64}, {65, 65},
		{97, 97}, {100, 40}, {40, 100}, {130, 127},
	}
	if !testing.Short() {
		shapes = append(shapes, [][2]int{{257, 257}, {300, 200}, {200, 300}, {1000, 3}, {3, 1000}}...)
	}
	return shapes
}

// TestDgetrf checks Dgetrf and Dgetf2 on random matrices of every shape of
// getrfShapes, with and without padding between rows (NaN guards there and
// around the matrix must survive), for several leaf widths: the factors
// must reproduce A to the backward error bound of LU, L must be bounded by
// 1 (the pivot is the largest candidate), and pivots and factors must be
// those of gonum's Dgetrf.
func TestDgetrf(t *testing.T) {
	eachLAPACKPath(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(1, 2))
		leaves := []int{5, 8, 32}
		if !slices.Contains(leaves, getrfLeaf) {
			leaves = append(leaves, getrfLeaf)
		}
		for _, leaf := range leaves {
			for _, s := range getrfShapes() {
				for _, pad := range []int{0, 3} {
					m, n := s[0], s[1]
					name := fmt.Sprintf("leaf=%d/%dx%d/lda=%d", leaf, m, n, n+pad)
					a := newMatrix(rng, m, n, max(1, n+pad))
					withLeaf(leaf, func() {
						checkGetrf(t, name+"/Dgetrf", a, LAPACK.Dgetrf)
					})
					if leaf == getrfLeaf && max(m, n) <= 130 {
						checkGetrf(t, name+"/Dgetf2", a, LAPACK.Dgetf2)
					}
				}
			}
		}
	})
}

// checkGetrf factors a copy of a with f and checks the result as TestDgetrf
// describes.
func checkGetrf(t *testing.T, name string, a *matrix, f func(LAPACK, int, int, []float64, int, []int) bool) {
	t.Helper()
	m, n, mn := a.r, a.c, min(a.r, a.c)
	got := a.clone()
	ipiv := make([]int, mn)
	ok := f(LAPACK{}, m, n, got.data, got.ld, ipiv)
	got.checkGuards(t, name)
	if !ok {
		t.Errorf("%s: ok = false for a random matrix", name)
	}
	want := a.clone()
	wantPiv := make([]int, mn)
	wantOK := ref.Dgetrf(m, n, want.data, want.ld, wantPiv)
	if ok != wantOK {
		t.Errorf("%s: ok = %t, gonum's %t", name, ok, wantOK)
	}
	for k, p := range ipiv {
		if p != wantPiv[k] {
			t.Errorf("%s: ipiv[%d] = %d, gonum's %d", name, k, p, wantPiv[k])
			return
		}
	}
	var maxL, maxU float64
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			if i > j {
				maxL = math.Max(maxL, math.Abs(got.at(i, j)))
			} else {
				maxU = math.Max(maxU, math.Abs(got.at(i, j)))
			}
		}
	}
	if maxL > 1 {
		t.Errorf("%s: max |L[i,j]| = %v > 1: a pivot was not the largest candidate", name, maxL)
	}
	// The factors of partial pivoting reproduce A to rounding: gonum's and
	// these differ only in the order of the sums.
	if d := maxDiff(got, want); d > 1e-12*math.Max(maxU, 1) {
		t.Errorf("%s: factors differ from gonum's by %v (max |U| %v)", name, d, maxU)
	}
	checkPLU(t, name, a, got, ipiv)
}

// checkPLU checks that the LU factors in lu (from Dgetrf on a, with pivots
// ipiv) reproduce A elementwise within the backward error bound of
// Gaussian elimination, |P·L·U − A| ≤ γ_k·|L|·|U| with γ_k ≈ k·ε/2 and
// k = min(m, n) (Higham, Accuracy and Stability, Theorem 9.3), here with a
// margin of 4.
func checkPLU(t *testing.T, name string, a, lu *matrix, ipiv []int) {
	t.Helper()
	m, n, k := a.r, a.c, min(a.r, a.c)
	l := func(i, p int) float64 {
		switch {
		case i == p:
			return 1
		case i > p:
			return lu.at(i, p)
		}
		return 0
	}
	u := func(p, j int) float64 {
		if p <= j {
			return lu.at(p, j)
		}
		return 0
	}
	// pa is P⁻¹·A: A with the interchanges applied in order.
	pa := make([][]float64, m)
	for i := range pa {
		pa[i] = make([]float64, n)
		for j := range pa[i] {
			pa[i][j] = a.at(i, j)
		}
	}
	for q, p := range ipiv {
		if p < q || p >= m {
			t.Errorf("%s: ipiv[%d] = %d out of range [%d, %d)", name, q, p, q, m)
			return
		}
		pa[q], pa[p] = pa[p], pa[q]
	}
	gamma := 4 * float64(k+1) * 0x1p-53
	bad := 0
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			var s, abs float64
			for p := 0; p < min(k, i+1, j+1); p++ {
				s += l(i, p) * u(p, j)
				abs += math.Abs(l(i, p) * u(p, j))
			}
			if d := math.Abs(s - pa[i][j]); d > gamma*abs {
				if bad < 3 {
					t.Errorf("%s: (P·L·U)[%d,%d] = %v, A = %v: error %.3g > bound %.3g", name, i, j, s, pa[i][j], d, gamma*abs)
				}
				bad++
			}
		}
	}
}

// maxDiff returns the largest difference between the elements of x and y,
// +Inf if one is NaN and the other not.
func maxDiff(x, y *matrix) float64 {
	var d float64
	for i := 0; i < x.r; i++ {
		for j := 0; j < x.c; j++ {
			a, b := x.at(i, j), y.at(i, j)
			if math.IsNaN(a) != math.IsNaN(b) {
				return math.Inf(1)
			}
			if !math.IsNaN(a) {
				d = math.Max(d, math.Abs(a-b))
			}
		}
	}
	return d
}

// exactLU returns A = P0·L0·U0 for a random m×n matrix whose Gaussian
// elimination with partial pivoting is exact in floating point and has an
// exact zero pivot in each column of zeros: L0 is unit lower trapezoidal
// with entries k/8, |k| ≤ 7, below the diagonal (so the pivot is always
// unique: the row holding L0's 1), U0 upper trapezoidal with integer
// entries and diagonal ±2^e (so every division by a pivot is exact) or 0 in
// the columns of zeros, where L0's column is zero below the diagonal as
// well; P0 is a random permutation that fixes the rows of those columns.
// Every value met is a short dyadic fraction, so both gonum and LAPACK
// compute exactly L0 and U0, and the pivots of P0, which exactLU returns as
// ipiv.
func exactLU(rng *rand.Rand, m, n int, zeros []int) (a, lu *matrix, ipiv []int) {
	mn := min(m, n)
	isZero := make([]bool, mn)
	for _, j := range zeros {
		isZero[j] = true
	}
	lu = newMatrix(rng, m, n, n+2)
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			var v float64
			switch {
			case i > j && j < mn && !isZero[j]:
				v = float64(rng.IntN(15)-7) / 8
			case i == j && !isZero[j]:
				v = math.Ldexp(float64(1-2*rng.IntN(2)), rng.IntN(5)-2)
			case i < j:
				v = float64(rng.IntN(9) - 4)
			}
			lu.data[i*lu.ld+j] = v
		}
	}
	// A0 = L0·U0, exactly.
	a0 := make([][]float64, m)
	for i := range a0 {
		a0[i] = make([]float64, n)
		for j := range a0[i] {
			s := 0.0
			for p := 0; p < min(mn, i+1, j+1); p++ {
				l := 1.0
				if p < i {
					l = lu.at(i, p)
				}
				s += l * lu.at(p, j)
			}
			a0[i][j] = s
		}
	}
	// P0: a random permutation of the rows not fixed; row perm[i] of A0 is
	// row i of A.
	perm := make([]int, m)
	var free []int
	for i := range perm {
		perm[i] = i
		if i >= mn || !isZero[i] {
			free = append(free, i)
		}
	}
	shuffled := append([]int(nil), free...)
	rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	for k, i := range free {
		perm[i] = shuffled[k]
	}
	a = newMatrix(rng, m, n, n+2)
	for i := 0; i < m; i++ {
		copy(a.data[i*a.ld:i*a.ld+n], a0[perm[i]])
	}
	// Elimination brings the row holding L0's row q to position q, with the
	// first index on ties; the columns of zeros keep their row in place.
	ipiv = make([]int, mn)
	pos := append([]int(nil), perm...) // pos[i]: L0 row now at position i
	for q := 0; q < mn; q++ {
		ipiv[q] = q
		if isZero[q] {
			continue
		}
		for i := q; i < m; i++ {
			if pos[i] == q {
				ipiv[q] = i
			}
		}
		pos[q], pos[ipiv[q]] = pos[ipiv[q]], pos[q]
	}
	// Rows from mn down keep the order elimination leaves them in.
	want := lu.clone()
	for i := mn; i < m; i++ {
		copy(want.data[i*want.ld:i*want.ld+n], lu.data[pos[i]*lu.ld:pos[i]*lu.ld+n])
	}
	return a, want, ipiv
}

// TestDgetrfZeroPivots checks Dgetrf and Dgetf2 on matrices with exact zero
// pivots, built by exactLU so that elimination is exact: ok must be false,
// and the pivots and the factors must be exactly those of the construction
// and of gonum's Dgetf2.
func TestDgetrfZeroPivots(t *testing.T) {
	eachLAPACKPath(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(3, 4))
		for _, tc := range []struct {
			m, n  int
			zeros []int
		}{
			{1, 1, []int{0}},
			{2, 2, []int{0}},
			{3, 3, []int{2}},
			{5, 7, []int{0, 4}},
			{7, 5, []int{1, 4}},
			{12, 12, []int{0, 5, 6, 11}},
			{40, 40, []int{3, 17, 20, 39}},
			{70, 50, []int{0, 9, 31, 32, 49}},
			{50, 70, []int{8, 33, 49}},
		} {
			a, lu, wantPiv := exactLU(rng, tc.m, tc.n, tc.zeros)
			for _, leaf := range []int{5, getrfLeaf} {
				for _, f := range []struct {
					name string
					f    func(LAPACK, int, int, []float64, int, []int) bool
				}{
					{"Dgetrf", LAPACK.Dgetrf},
					{"Dgetf2", LAPACK.Dgetf2},
				} {
					name := fmt.Sprintf("%s/leaf=%d/%dx%d/zeros=%v", f.name, leaf, tc.m, tc.n, tc.zeros)
					got := a.clone()
					ipiv := make([]int, min(tc.m, tc.n))
					var ok bool
					withLeaf(leaf, func() { ok = f.f(LAPACK{}, tc.m, tc.n, got.data, got.ld, ipiv) })
					got.checkGuards(t, name)
					if ok {
						t.Errorf("%s: ok = true with an exact zero pivot", name)
					}
					ref := a.clone()
					refPiv := make([]int, len(ipiv))
					if lapackgonum.Implementation.Dgetf2(lapackgonum.Implementation{}, tc.m, tc.n, ref.data, ref.ld, refPiv) {
						t.Fatalf("%s: gonum's Dgetf2 ok = true: the test matrix is wrong", name)
					}
					for q := range ipiv {
						if ipiv[q] != wantPiv[q] || refPiv[q] != wantPiv[q] {
							t.Fatalf("%s: ipiv[%d] = %d, gonum's %d, constructed %d", name, q, ipiv[q], refPiv[q], wantPiv[q])
						}
					}
					if d := maxDiff(got, lu); d != 0 {
						t.Errorf("%s: factors differ from the constructed L0, U0 by %v", name, d)
					}
					if d := maxDiff(ref, lu); d != 0 {
						t.Fatalf("%s: gonum's factors differ from the constructed L0, U0 by %v: the test matrix is wrong", name, d)
					}
				}
			}
		}
	})
}

// TestDgetrfSubnormalPivot checks the division by a pivot below sfmin, the
// smallest normal number, which LAPACK does element by element instead of
// multiplying by the reciprocal (that would overflow): each element of L's
// column must be exactly the quotient. (gonum v0.17's Dgetf2 divides only
// the first element below such a pivot, repeatedly, so it is no oracle
// here.)
func TestDgetrfSubnormalPivot(t *testing.T) {
	eachLAPACKPath(t, func(t *testing.T) {
		col := []float64{-3e-310, 1e-310, 2.5e-311, 0, -7e-312}
		m := len(col)
		for _, f := range []struct {
			name string
			f    func(LAPACK, int, int, []float64, int, []int) bool
		}{
			{"Dgetrf", LAPACK.Dgetrf},
			{"Dgetf2", LAPACK.Dgetf2},
		} {
			rng := rand.New(rand.NewPCG(15, 16))
			a := newMatrix(rng, m, 3, 4)
			for i, v := range col {
				a.data[i*a.ld] = v
			}
			lu := a.clone()
			ipiv := make([]int, 3)
			if !f.f(LAPACK{}, m, 3, lu.data, lu.ld, ipiv) {
				t.Errorf("%s: ok = false", f.name)
			}
			lu.checkGuards(t, f.name)
			if ipiv[0] != 0 {
				t.Errorf("%s: ipiv[0] = %d, want 0", f.name, ipiv[0])
			}
			// L's first column, with the later interchanges applied.
			want := make([]float64, m)
			for i, v := range col {
				want[i] = v / col[0]
			}
			for k := 1; k < len(ipiv); k++ {
				want[k], want[ipiv[k]] = want[ipiv[k]], want[k]
			}
			for i := 1; i < m; i++ {
				if got := lu.at(i, 0); got != want[i] {
					t.Errorf("%s: L[%d,0] = %v, want %v", f.name, i, got, want[i])
				}
			}
		}
	})
}

// TestDgetrfLarge checks the case the LAPACK type was written for, n = 512
// with lda = 512, and a padded 300×300, against the backward error bound.
func TestDgetrfLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("large LU skipped in -short mode")
	}
	rng := rand.New(rand.NewPCG(5, 6))
	defer blas64.Use(blas64.Implementation())
	blas64.Use(Implementation{})
	for _, s := range [][3]int{{512, 512, 512}, {300, 300, 301}} {
		a := newMatrix(rng, s[0], s[1], s[2])
		lu := a.clone()
		ipiv := make([]int, min(s[0], s[1]))
		if !(LAPACK{}).Dgetrf(s[0], s[1], lu.data, lu.ld, ipiv) {
			t.Errorf("%v: ok = false", s)
		}
		lu.checkGuards(t, fmt.Sprint(s))
		checkPLU(t, fmt.Sprint(s), a, lu, ipiv)
	}
}

// geconCase is a square matrix for the Dgecon tests.
type geconCase struct {
	name string
	a    *mat.Dense
}

// geconCases returns random, ill-conditioned, singular and badly scaled
// matrices.
func geconCases(rng *rand.Rand) []geconCase {
	var cs []geconCase
	add := func(name string, a *mat.Dense) { cs = append(cs, geconCase{name, a}) }
	sizes := []int{1, 2, 3, 7, 31, 64, 65, 100}
	if !testing.Short() {
		sizes = append(sizes, 200)
	}
	for _, n := range sizes {
		add(fmt.Sprintf("gaussian/%d", n), check.Gaussian(rng, n, n))
	}
	for _, n := range []int{5, 40, 70} {
		for _, c := range []float64{1e3, 1e8, 1e12, 1e15} {
			add(fmt.Sprintf("cond=%g/%d", c, n), check.Conditioned(rng, n, c))
		}
	}
	// Exactly singular: a zero column, a zero row, two equal columns of
	// integers, the zero matrix.
	for _, n := range []int{1, 4, 33} {
		a := check.Gaussian(rng, n, n)
		for i := range n {
			a.Set(i, n/2, 0)
		}
		add(fmt.Sprintf("zerocol/%d", n), a)
		b := check.Gaussian(rng, n, n)
		for j := range n {
			b.Set(n-1, j, 0)
		}
		add(fmt.Sprintf("zerorow/%d", n), b)
		add(fmt.Sprintf("zero/%d", n), mat.NewDense(n, n, nil))
	}
	ints := mat.NewDense(6, 6, nil)
	for i := range 6 {
		for j := range 5 {
			ints.Set(i, j, float64(rng.IntN(7)-3))
		}
		ints.Set(i, 5, ints.At(i, 1))
	}
	add("equalcols/6", ints)
	// Badly scaled: rows or columns scaled by 1e±300 and 1e±150.
	for _, n := range []int{3, 20, 50} {
		for _, e := range []float64{300, 150} {
			a := check.Gaussian(rng, n, n)
			b := check.Gaussian(rng, n, n)
			c := check.Gaussian(rng, n, n)
			for i := range n {
				s := math.Pow(10, e*float64(2*(i%2)-1))
				for j := range n {
					a.Set(i, j, a.At(i, j)*s)
					b.Set(j, i, b.At(j, i)*s)
					c.Set(i, j, c.At(i, j)*math.Pow(10, e*(2*float64(i+j)/float64(2*n-2)-1)))
				}
			}
			add(fmt.Sprintf("rows1e%g/%d", e, n), a)
			add(fmt.Sprintf("cols1e%g/%d", e, n), b)
			add(fmt.Sprintf("graded1e%g/%d", e, n), c)
		}
		d := check.Gaussian(rng, n, n)
		d.Scale(1e300, d)
		add(fmt.Sprintf("all1e300/%d", n), d)
		e := check.Gaussian(rng, n, n)
		e.Scale(1e-300, e)
		add(fmt.Sprintf("all1e-300/%d", n), e)
	}
	// Triangular with a tiny diagonal and large entries above it: the
	// unscaled solves overflow and Dgecon must take Dlatrs.
	for _, n := range []int{4, 30} {
		u := mat.NewDense(n, n, nil)
		for i := range n {
			u.Set(i, i, 1e-200)
			for j := i + 1; j < n; j++ {
				u.Set(i, j, 1e100*(1+rng.Float64()))
			}
		}
		add(fmt.Sprintf("overflow/%d", n), u)
	}
	return cs
}

// checkRcond fails t unless the reciprocal condition estimate got is not
// NaN and agrees with gonum's want: exactly when either is 0, to 1e-10
// relative otherwise.
func checkRcond(t *testing.T, name string, got, want float64) {
	t.Helper()
	switch {
	case math.IsNaN(got):
		t.Errorf("%s: rcond = NaN, gonum's %v", name, want)
	case want == 0 || got == 0:
		if got != want {
			t.Errorf("%s: rcond = %v, gonum's %v", name, got, want)
		}
	case math.Abs(got-want) > 1e-10*want:
		t.Errorf("%s: rcond = %v, gonum's %v (relative difference %.2g)", name, got, want, math.Abs(got-want)/want)
	}
}

// TestDgecon compares Dgecon with gonum's on the LU factors of geconCases in
// both norms: the same estimate to a relative 1e-10 where it is finite and
// positive, the same 0 where gonum's is 0 (singular, or A⁻¹ overflows),
// never NaN for finite input, and for well-conditioned matrices an
// estimate within [κ/n, κ] of the true condition number κ computed from the
// explicit inverse (Dlacn2's estimate is a lower bound of ‖A⁻¹‖).
func TestDgecon(t *testing.T) {
	eachLAPACKPath(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(7, 8))
		for _, c := range geconCases(rng) {
			n, _ := c.a.Dims()
			lu := mat.DenseCopyOf(c.a).RawMatrix()
			ipiv := make([]int, n)
			ref.Dgetrf(n, n, lu.Data, lu.Stride, ipiv)
			for _, norm := range []lapack.MatrixNorm{lapack.MaxColumnSum, lapack.MaxRowSum} {
				name := fmt.Sprintf("%s/norm=%c", c.name, norm)
				anorm := ref.Dlange(norm, n, n, c.a.RawMatrix().Data, n, make([]float64, n))
				work := make([]float64, 4*n)
				iwork := make([]int, n)
				before := append([]float64(nil), lu.Data...)
				got := LAPACK{}.Dgecon(norm, n, lu.Data, lu.Stride, anorm, work, iwork)
				for i := range before {
					if math.Float64bits(before[i]) != math.Float64bits(lu.Data[i]) {
						t.Fatalf("%s: Dgecon modified A", name)
					}
				}
				want := ref.Dgecon(norm, n, lu.Data, lu.Stride, anorm, make([]float64, 4*n), make([]int, n))
				checkRcond(t, name, got, want)
				if cond := trueCond(c.a, norm); cond < 1e10 {
					if est := 1 / got; est > cond*(1+1e-6) || est < cond/float64(n) {
						t.Errorf("%s: condition estimate %v outside [κ/n, κ] for κ = %v", name, est, cond)
					}
				}
			}
		}
	})
}

// TestDpocon compares Dpocon with gonum's on the Cholesky factors, upper
// and lower, of symmetric positive definite matrices: well and badly
// conditioned, scaled by 1e±150 symmetrically, and on triangles that make
// the plain solves overflow or that have a zero on the diagonal. The
// estimates must agree as in TestDgecon and, for well-conditioned
// matrices, lie within [κ/n, κ] of the true 1-norm condition number.
func TestDpocon(t *testing.T) {
	eachLAPACKPath(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(13, 14))
		type pocase struct {
			name string
			a    *mat.SymDense // nil: t is already the factor
			t    *mat.Dense
		}
		var cs []pocase
		for _, n := range []int{1, 2, 7, 40, 65, 100} {
			for _, c := range []float64{1, 1e6, 1e12} {
				cs = append(cs, pocase{name: fmt.Sprintf("cond=%g/%d", c, n), a: check.SPD(rng, n, c)})
			}
			s := check.SPD(rng, n, 10)
			for i := range n {
				for j := i; j < n; j++ {
					e := 150 * (float64(i+j)/float64(max(2*n-2, 1))*2 - 1)
					s.SetSym(i, j, s.At(i, j)*math.Pow(10, e))
				}
			}
			cs = append(cs, pocase{name: fmt.Sprintf("graded1e150/%d", n), a: s})
		}
		for _, n := range []int{4, 30} {
			ov := mat.NewDense(n, n, nil)
			zd := mat.NewDense(n, n, nil)
			for i := range n {
				ov.Set(i, i, 1e-200)
				zd.Set(i, i, 1+rng.Float64())
				for j := i + 1; j < n; j++ {
					ov.Set(i, j, 1e100*(1+rng.Float64()))
					zd.Set(i, j, rng.NormFloat64())
				}
			}
			zd.Set(n/2, n/2, 0)
			cs = append(cs, pocase{name: fmt.Sprintf("overflow/%d", n), t: ov}, pocase{name: fmt.Sprintf("zerodiag/%d", n), t: zd})
		}
		for _, c := range cs {
			for _, ul := range []blas.Uplo{blas.Upper, blas.Lower} {
				name := fmt.Sprintf("%s/%c", c.name, ul)
				var n int
				var f []float64
				anorm := 1.0
				if c.a != nil {
					n = c.a.SymmetricDim()
					f = mat.DenseCopyOf(c.a).RawMatrix().Data
					anorm = ref.Dlansy(lapack.MaxColumnSum, ul, n, f, n, make([]float64, n))
					if !ref.Dpotrf(ul, n, f, n) {
						t.Fatalf("%s: not positive definite", name)
					}
				} else {
					n, _ = c.t.Dims()
					f = mat.DenseCopyOf(c.t).RawMatrix().Data
					if ul == blas.Lower {
						f = mat.DenseCopyOf(c.t.T()).RawMatrix().Data
					}
				}
				got := LAPACK{}.Dpocon(ul, n, f, n, anorm, make([]float64, 3*n), make([]int, n))
				want := ref.Dpocon(ul, n, f, n, anorm, make([]float64, 3*n), make([]int, n))
				checkRcond(t, name, got, want)
				if c.a == nil {
					continue
				}
				if cond := trueCond(mat.DenseCopyOf(c.a), lapack.MaxColumnSum); cond < 1e10 {
					if est := 1 / got; est > cond*(1+1e-6) || est < cond/float64(n) {
						t.Errorf("%s: condition estimate %v outside [κ/n, κ] for κ = %v", name, est, cond)
					}
				}
			}
		}
	})
}

// trueCond returns ‖A‖·‖A⁻¹‖ in the given norm with A⁻¹ computed
// explicitly by gonum, +Inf if A is singular to working precision.
func trueCond(a *mat.Dense, norm lapack.MatrixNorm) float64 {
	var inv mat.Dense
	if err := inv.Inverse(a); err != nil {
		return math.Inf(1)
	}
	n := mat.Norm
	if norm == lapack.MaxColumnSum {
		return n(a, 1) * n(&inv, 1)
	}
	return n(a, math.Inf(1)) * n(&inv, math.Inf(1))
}

// TestPlainSolves checks the unscaled triangular solves of Dgecon against
// gonum's Dtrsv on random well-scaled factors (to rounding), and that they
// report the overflow of the "overflow" matrices of geconCases and of an
// exactly singular U.
func TestPlainSolves(t *testing.T) {
	eachLAPACKPath(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(9, 10))
		for _, n := range []int{1, 2, 63, 64, 65, 130, 200} {
			lda := n + 5
			a := make([]float64, n*lda)
			for i := range n {
				for j := range n {
					a[i*lda+j] = rng.NormFloat64()
				}
				a[i*lda+i] = 4 + rng.Float64() // well-conditioned U
				for j := 0; j < i; j++ {
					a[i*lda+j] /= float64(n) // and L
				}
			}
			for _, noTrans := range []bool{true, false} {
				b := make([]float64, n)
				for i := range b {
					b[i] = rng.NormFloat64()
				}
				got := append([]float64(nil), b...)
				if !plainSolves(noTrans, n, a, lda, got) {
					t.Errorf("n=%d noTrans=%t: plainSolves reports overflow", n, noTrans)
				}
				want := append([]float64(nil), b...)
				bi := blas64.Implementation()
				if noTrans {
					bi.Dtrsv(blas.Lower, blas.NoTrans, blas.Unit, n, a, lda, want, 1)
					bi.Dtrsv(blas.Upper, blas.NoTrans, blas.NonUnit, n, a, lda, want, 1)
				} else {
					bi.Dtrsv(blas.Upper, blas.Trans, blas.NonUnit, n, a, lda, want, 1)
					bi.Dtrsv(blas.Lower, blas.Trans, blas.Unit, n, a, lda, want, 1)
				}
				for i := range want {
					if math.Abs(got[i]-want[i]) > 1e-12*(1+math.Abs(want[i])) {
						t.Errorf("n=%d noTrans=%t: x[%d] = %v, gonum's Dtrsv %v", n, noTrans, i, got[i], want[i])
						break
					}
				}
			}
		}
		for _, c := range geconCases(rng) {
			if c.name != "overflow/4" && c.name != "overflow/30" && c.name != "zerocol/33" {
				continue
			}
			n, _ := c.a.Dims()
			lu := mat.DenseCopyOf(c.a).RawMatrix()
			ref.Dgetrf(n, n, lu.Data, lu.Stride, make([]int, n))
			for _, noTrans := range []bool{true, false} {
				x := make([]float64, n)
				for i := range x {
					x[i] = 1
				}
				if plainSolves(noTrans, n, lu.Data, lu.Stride, x) {
					t.Errorf("%s noTrans=%t: plainSolves accepted %v", c.name, noTrans, x)
				}
			}
		}
	})
}

// TestInstallLU checks that mat.LU gives the same determinant, condition
// number and solution with Install as with gonum alone, and that restore
// puts gonum's BLAS back.
func TestInstallLU(t *testing.T) {
	before := blas64.Implementation()
	rng := rand.New(rand.NewPCG(11, 12))
	sizes := []int{1, 2, 5, 33, 100}
	if !testing.Short() {
		sizes = append(sizes, 512)
	}
	for _, n := range sizes {
		a := check.Gaussian(rng, n, n)
		b := check.Gaussian(rng, n, 2)
		var want, got mat.LU
		var wantX, gotX mat.Dense
		want.Factorize(a)
		if err := want.SolveTo(&wantX, false, b); err != nil {
			t.Fatalf("n=%d: gonum: %v", n, err)
		}
		restore := Install()
		got.Factorize(a)
		err := got.SolveTo(&gotX, false, b)
		restore()
		if err != nil {
			t.Fatalf("n=%d: installed: %v", n, err)
		}
		wd, ws := want.LogDet()
		gd, gs := got.LogDet()
		if ws != gs || math.Abs(gd-wd) > 1e-12*math.Max(1, math.Abs(wd)) {
			t.Errorf("n=%d: log|det| = %v sign %v, gonum's %v sign %v", n, gd, gs, wd, ws)
		}
		if wc, gc := want.Cond(), got.Cond(); math.Abs(gc-wc) > 1e-10*wc {
			t.Errorf("n=%d: Cond = %v, gonum's %v", n, gc, wc)
		}
		if !mat.EqualApprox(&gotX, &wantX, 1e-9) {
			t.Errorf("n=%d: solutions differ", n)
		}
	}
	if after := blas64.Implementation(); after != before {
		t.Errorf("restore left %T installed, want %T", after, before)
	}
	if _, ok := installedLAPACK.(lapackgonum.Implementation); !ok {
		t.Errorf("restore left %T installed, want gonum's LAPACK", installedLAPACK)
	}
}

// TestInstallNested checks that nested Installs restore in order.
func TestInstallNested(t *testing.T) {
	outer := Install()
	inner := Install()
	inner()
	if _, ok := installedLAPACK.(LAPACK); !ok {
		t.Errorf("inner restore uninstalled LAPACK")
	}
	if _, ok := blas64.Implementation().(Implementation); !ok {
		t.Errorf("inner restore uninstalled Implementation")
	}
	outer()
	if _, ok := installedLAPACK.(lapackgonum.Implementation); !ok {
		t.Errorf("outer restore left %T", installedLAPACK)
	}
}

// TestLAPACKPanics checks that invalid arguments panic with gonum's
// messages.
func TestLAPACKPanics(t *testing.T) {
	catch := func(f func()) (msg any) {
		defer func() { msg = recover() }()
		f()
		return nil
	}
	a := make([]float64, 9)
	for _, tc := range []struct {
		name     string
		got, ref func()
	}{
		{"Dgetrf/m<0", func() { LAPACK{}.Dgetrf(-1, 3, a, 3, nil) }, func() { ref.Dgetrf(-1, 3, a, 3, nil) }},
		{"Dgetrf/lda", func() { LAPACK{}.Dgetrf(3, 3, a, 2, make([]int, 3)) }, func() { ref.Dgetrf(3, 3, a, 2, make([]int, 3)) }},
		{"Dgetrf/shortA", func() { LAPACK{}.Dgetrf(3, 4, a, 4, make([]int, 3)) }, func() { ref.Dgetrf(3, 4, a, 4, make([]int, 3)) }},
		{"Dgetrf/ipiv", func() { LAPACK{}.Dgetrf(3, 3, a, 3, make([]int, 2)) }, func() { ref.Dgetrf(3, 3, a, 3, make([]int, 2)) }},
		{"Dgetf2/n<0", func() { LAPACK{}.Dgetf2(3, -1, a, 3, nil) }, func() { ref.Dgetf2(3, -1, a, 3, nil) }},
		{"Dgecon/norm", func() { LAPACK{}.Dgecon(lapack.MaxAbs, 3, a, 3, 1, make([]float64, 12), make([]int, 3)) },
			func() { ref.Dgecon(lapack.MaxAbs, 3, a, 3, 1, make([]float64, 12), make([]int, 3)) }},
		{"Dgecon/anorm", func() { LAPACK{}.Dgecon(lapack.MaxRowSum, 3, a, 3, -1, make([]float64, 12), make([]int, 3)) },
			func() { ref.Dgecon(lapack.MaxRowSum, 3, a, 3, -1, make([]float64, 12), make([]int, 3)) }},
		{"Dgecon/work", func() { LAPACK{}.Dgecon(lapack.MaxRowSum, 3, a, 3, 1, make([]float64, 11), make([]int, 3)) },
			func() { ref.Dgecon(lapack.MaxRowSum, 3, a, 3, 1, make([]float64, 11), make([]int, 3)) }},
	} {
		got, want := catch(tc.got), catch(tc.ref)
		if want == nil || got != want {
			t.Errorf("%s: panic %v, gonum's %v", tc.name, got, want)
		}
	}
	// The quick returns.
	if r := (LAPACK{}).Dgecon(lapack.MaxRowSum, 3, a, 3, 0, make([]float64, 12), make([]int, 3)); r != 0 {
		t.Errorf("Dgecon with anorm 0 = %v, want 0", r)
	}
	if r := (LAPACK{}).Dgecon(lapack.MaxRowSum, 3, a, 3, math.NaN(), make([]float64, 12), make([]int, 3)); !math.IsNaN(r) {
		t.Errorf("Dgecon with anorm NaN = %v, want NaN", r)
	}
	if r := (LAPACK{}).Dgecon(lapack.MaxRowSum, 0, nil, 1, 1, nil, nil); r != 1 {
		t.Errorf("Dgecon with n = 0 = %v, want 1", r)
	}
}
