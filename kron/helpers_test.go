package kron

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/check"
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

// randVec returns a vector of n standard normal entries, from
// check.Gaussian.
func randVec(rng *rand.Rand, n int) []float64 {
	return check.Gaussian(rng, n, 1).RawMatrix().Data
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

// mustPanic checks that f panics with a message containing want.
func mustPanic(t *testing.T, name, want string, f func()) {
	t.Helper()
	defer func() {
		t.Helper()
		r := recover()
		s, _ := r.(string)
		if r == nil || !strings.Contains(s, want) {
			t.Errorf("%s: panic %v, want one containing %q", name, r, want)
		}
	}()
	f()
}
