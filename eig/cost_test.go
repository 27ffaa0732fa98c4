package eig

import (
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/internal/blascount"
)

// TestProductCosts counts the flops of the matrix products of each
// derivative on a BLAS without Dgemmt (so that the half products go through
// recursive halving on Dgemm) and checks them against the stated cost in
// GEMMs (2n³ flops each): full products plus half products, each half
// product 1/2 + 16/n of a GEMM (its diagonal leaves of 32 computed in
// full). The lower bound checks that the counter sees the products.
func TestProductCosts(t *testing.T) {
	n := 256
	if testing.Short() {
		n = 128
	}
	rng := newRand(60)
	a := randSym(rng, n)
	e := randSym(rng, n)
	spd := randSPD(rng, n)
	s := mustFactor(t, a, nil)
	sp := mustFactor(t, spd, nil)
	vBar := randDense(rng, n)
	lamBar := make([]float64, n)
	for i := range lamBar {
		lamBar[i] = rng.NormFloat64()
	}
	dst := mat.NewDense(n, n, nil)
	lam := make([]float64, n)
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	c, restore := blascount.Install()
	defer restore()
	gemm := 2 * float64(n) * float64(n) * float64(n)
	half := 0.5 + 16/float64(n)
	for _, tc := range []struct {
		name        string
		full, halfs int
		run         func()
	}{
		{"ValuesJVP", 0, 1, func() { s.ValuesJVP(lam, e) }},
		{"ValuesVJP", 0, 1, func() { s.ValuesVJP(dst, lamBar) }},
		{"VectorsJVP", 2, 1, func() { s.VectorsJVP(dst, e) }},
		{"VectorsVJP", 2, 1, func() { must(s.VectorsVJP(dst, lamBar, vBar)) }},
		{"FuncJVP/Exp", 2, 2, func() { must(s.FuncJVP(dst, Exp, e)) }},
		{"FuncVJP/Log", 2, 2, func() { must(sp.FuncVJP(dst, Log, vBar)) }},
		{"TraceHVP/Log", 2, 2, func() { must(sp.TraceHVP(dst, Log, e)) }},
	} {
		c.Reset()
		tc.run()
		got := c.GemmFlops / gemm
		want := float64(tc.full) + float64(tc.halfs)*half
		if got > want*(1+1e-12) || got < 0.99*(float64(tc.full)+0.5*float64(tc.halfs)) {
			t.Errorf("%s: %.4f GEMMs of products, want %d full + %d half = %.4f", tc.name, got, tc.full, tc.halfs, want)
		}
	}
}
