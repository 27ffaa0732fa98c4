package eig

import (
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// TestOptionsNotFinite checks that a NaN or infinite option panics with a
// message naming it, instead of silently disabling the symmetry check or the
// clustering (which let Inf/NaN derivatives through at repeated eigenvalues).
func TestOptionsNotFinite(t *testing.T) {
	a := mat.NewDense(3, 3, []float64{4, 0, 0, 0, 1, 0, 0, 0, 1})
	for _, c := range []struct {
		name string
		o    Options
	}{
		{"SymTol", Options{SymTol: math.NaN()}},
		{"ClusterTol", Options{ClusterTol: math.NaN()}},
		{"InvarianceTol", Options{InvarianceTol: math.Inf(1)}},
		{"Broadening", Options{Broadening: math.NaN()}},
	} {
		func() {
			defer func() {
				r := recover()
				if s, _ := r.(string); !strings.Contains(s, "Options."+c.name) {
					t.Errorf("%s: panic %v, want one naming Options.%s", c.name, r, c.name)
				}
			}()
			var s Sym
			_ = s.Factorize(a, &c.o)
		}()
	}
}
