package eigensolver

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestQuick(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{1, 2, 3, 10, 32, 33, 64, 65, 100, 200, 257} {
		a := mat.NewSymDense(n, nil)
		for i := 0; i < n; i++ {
			for j := i; j < n; j++ {
				a.SetSym(i, j, rnd.NormFloat64())
			}
		}
		var e Eigen
		if err := e.Factorize(a, true); err != nil {
			t.Fatal(err)
		}
		var v mat.Dense
		e.VectorsTo(&v)
		vals := e.Values(nil)
		var av, vl mat.Dense
		av.Mul(a, &v)
		vl.Mul(&v, mat.NewDiagDense(n, vals))
		av.Sub(&av, &vl)
		eps := 0x1p-52
		res := mat.Norm(&av, 1) / (mat.Norm(a, 1) * float64(n) * eps)
		var vtv mat.Dense
		vtv.Mul(v.T(), &v)
		for i := 0; i < n; i++ {
			vtv.Set(i, i, vtv.At(i, i)-1)
		}
		orth := mat.Norm(&vtv, 1) / (float64(n) * eps)
		var g mat.EigenSym
		g.Factorize(a, false)
		gv := g.Values(nil)
		var md float64
		for i := range gv {
			md = math.Max(md, math.Abs(gv[i]-vals[i]))
		}
		t.Logf("n=%d res=%.3g orth=%.3g maxdiff=%.3g", n, res, orth, md)
	}
}
