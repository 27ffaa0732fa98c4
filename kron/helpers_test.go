package kron

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"testing"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/kernels"
)

func TestMain(m *testing.M) {
	fmt.Fprintf(os.Stderr, "%s\n", kernels.CPUInfo())
	os.Exit(m.Run())
}

// eachPath runs f as a subtest once for every kernel path this CPU runs.
func eachPath(t *testing.T, f func(t *testing.T)) {
	for _, p := range kernels.Available() {
		t.Run(p.String(), func(t *testing.T) {
			defer kernels.Use(p)()
			f(t)
		})
	}
}

func randDense(rng *rand.Rand, r, c int) *mat.Dense {
	d := make([]float64, r*c)
	for i := range d {
		d[i] = 2*rng.Float64() - 1
	}
	return mat.NewDense(r, c, d)
}

func randVec(rng *rand.Rand, n int) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = 2*rng.Float64() - 1
	}
	return v
}

// explicit forms ⊗Ai with gonum's mat.Dense.Kronecker, the oracle.
func explicit(fs ...mat.Matrix) *mat.Dense {
	k := mat.DenseCopyOf(fs[0])
	for _, f := range fs[1:] {
		var next mat.Dense
		next.Kronecker(k, f)
		k = &next
	}
	return k
}

// closeTo reports whether got and want agree to tol·(1 + max|want|) in every
// element.
func closeTo(got, want []float64, tol float64) bool {
	if len(got) != len(want) {
		return false
	}
	scale := 1.0
	for _, v := range want {
		scale = max(scale, math.Abs(v))
	}
	for i := range got {
		if !(math.Abs(got[i]-want[i]) <= tol*scale) {
			return false
		}
	}
	return true
}

func dot(x, y []float64) float64 { return floats.Dot(x, y) }

// centralDiff returns (f(x+h·v) − f(x−h·v)) / 2h for a vector function.
func centralDiff(f func(t float64) []float64, h float64) []float64 {
	p, m := f(h), f(-h)
	d := make([]float64, len(p))
	for i := range d {
		d[i] = (p[i] - m[i]) / (2 * h)
	}
	return d
}

// mustPanic checks that f panics with a message containing want.
func mustPanic(t *testing.T, name, want string, f func()) {
	t.Helper()
	defer func() {
		t.Helper()
		r := recover()
		s, _ := r.(string)
		if r == nil || !contains(s, want) {
			t.Errorf("%s: panic %v, want one containing %q", name, r, want)
		}
	}()
	f()
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}
