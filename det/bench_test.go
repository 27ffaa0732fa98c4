package det

import (
	"math/rand/v2"
	"strconv"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/matcalc/matcalc/check"
)

// Benchmarks at n = 16, 128, 512. The LU ones measure each derivative's
// cost against the factorization it reuses: Factorize alone; Factorize plus
// the first derivative (which computes A⁻¹ or the SVD); and each further
// JVP or HVP on a factorization whose caches are warm. The Helper and Gonum
// ones compare a one-call helper with the same result computed with gonum's
// mat directly.
//
//	go test -run '^$' -bench . -benchtime 200ms ./det/

var benchSizes = []int{16, 128, 512}

func benchMatrices(n int) (a, e *mat.Dense, spd *mat.SymDense) {
	rng := rand.New(rand.NewPCG(1, uint64(n)))
	return dense(n, randMat(rng, n)), dense(n, randMat(rng, n)), check.SPD(rng, n, 100)
}

// illConditioned returns an n×n matrix with σ_min = 1e-9 (condition about
// 1e9), whose HVP takes the SVD path.
func illConditioned(n int) *mat.Dense {
	rng := rand.New(rand.NewPCG(2, uint64(n)))
	s := make([]float64, n)
	for i := range s {
		s[i] = 1 + rng.Float64()
	}
	s[n/2] = 1e-9
	return dense(n, withSingularValues(rng, s))
}

func BenchmarkLU(b *testing.B) {
	for _, n := range benchSizes {
		a, e, _ := benchMatrices(n)
		dst := mat.NewDense(n, n, nil)
		sz := "/n=" + strconv.Itoa(n)
		var f LU
		b.Run("Factorize"+sz, func(b *testing.B) {
			for b.Loop() {
				f.Factorize(a)
			}
		})
		b.Run("Factorize+Grad"+sz, func(b *testing.B) {
			for b.Loop() {
				f.Factorize(a)
				f.Grad(dst)
			}
		})
		b.Run("Factorize+LogGrad"+sz, func(b *testing.B) {
			for b.Loop() {
				f.Factorize(a)
				f.LogGrad(dst)
			}
		})
		f.Factorize(a)
		f.Grad(dst)
		b.Run("JVP"+sz, func(b *testing.B) {
			for b.Loop() {
				f.JVP(e)
			}
		})
		b.Run("LogJVP"+sz, func(b *testing.B) {
			for b.Loop() {
				f.LogJVP(e)
			}
		})
		b.Run("VJP"+sz, func(b *testing.B) {
			for b.Loop() {
				f.VJP(dst, 2)
			}
		})
		b.Run("HVP"+sz, func(b *testing.B) {
			for b.Loop() {
				f.HVP(dst, e)
			}
		})
		b.Run("LogHVP"+sz, func(b *testing.B) {
			for b.Loop() {
				f.LogHVP(dst, e)
			}
		})
	}
}

// BenchmarkLUStable measures the stable path: at condition 1e9 >
// HVPCondLimit the HVP takes it, so Factorize plus the first HVP includes
// QR with column pivoting, and each further HVP is four products; the
// gradient's stable path is forced, through QR and through the SVD.
func BenchmarkLUStable(b *testing.B) {
	for _, n := range benchSizes {
		a := illConditioned(n)
		_, e, _ := benchMatrices(n)
		dst := mat.NewDense(n, n, nil)
		sz := "/n=" + strconv.Itoa(n)
		var f LU
		b.Run("Factorize+HVP"+sz, func(b *testing.B) {
			for b.Loop() {
				f.Factorize(a)
				f.HVP(dst, e)
			}
		})
		f.Factorize(a)
		f.HVP(dst, e)
		b.Run("HVP"+sz, func(b *testing.B) {
			for b.Loop() {
				f.HVP(dst, e)
			}
		})
		for _, p := range []struct {
			name string
			path int
		}{{"QR", pathQR}, {"SVD", pathSVD}} {
			b.Run("Factorize+Grad/"+p.name+sz, func(b *testing.B) {
				var f LU
				f.force = p.path
				for b.Loop() {
					f.Factorize(a)
					f.Grad(dst)
				}
			})
		}
	}
}

func BenchmarkCholesky(b *testing.B) {
	for _, n := range benchSizes {
		_, e, spd := benchMatrices(n)
		dst := mat.NewSymDense(n, nil)
		sz := "/n=" + strconv.Itoa(n)
		var c Cholesky
		b.Run("Factorize"+sz, func(b *testing.B) {
			for b.Loop() {
				c.Factorize(spd)
			}
		})
		b.Run("Factorize+LogGrad"+sz, func(b *testing.B) {
			for b.Loop() {
				c.Factorize(spd)
				c.LogGrad(dst)
			}
		})
		c.Factorize(spd)
		c.LogGrad(dst)
		b.Run("LogJVP"+sz, func(b *testing.B) {
			for b.Loop() {
				c.LogJVP(e)
			}
		})
		b.Run("LogHVP"+sz, func(b *testing.B) {
			for b.Loop() {
				c.LogHVP(dst, e)
			}
		})
	}
}

// BenchmarkHelper runs the one-call helpers, each with a fresh dst as a
// one-off caller would.
func BenchmarkHelper(b *testing.B) {
	for _, n := range benchSizes {
		a, e, spd := benchMatrices(n)
		sz := "/n=" + strconv.Itoa(n)
		b.Run("Grad"+sz, func(b *testing.B) {
			for b.Loop() {
				var g mat.Dense
				Grad(&g, a)
			}
		})
		b.Run("LogDetGrad"+sz, func(b *testing.B) {
			for b.Loop() {
				var g mat.Dense
				LogDetGrad(&g, a)
			}
		})
		b.Run("HVP"+sz, func(b *testing.B) {
			for b.Loop() {
				var h mat.Dense
				HVP(&h, a, e)
			}
		})
		b.Run("SPDLogDetGrad"+sz, func(b *testing.B) {
			for b.Loop() {
				var g mat.SymDense
				SPDLogDetGrad(&g, spd)
			}
		})
	}
}

// BenchmarkGonum computes the helpers' results with gonum's mat directly:
// an LU, its determinant and A⁻¹ by a solve with the identity; for the HVP
// two more products; and mat.Cholesky with InverseTo.
func BenchmarkGonum(b *testing.B) {
	for _, n := range benchSizes {
		a, e, spd := benchMatrices(n)
		sz := "/n=" + strconv.Itoa(n)
		id := mat.NewDiagDense(n, nil)
		for i := 0; i < n; i++ {
			id.SetDiag(i, 1)
		}
		inverse := func(lu *mat.LU, dst *mat.Dense) {
			if err := lu.SolveTo(dst, false, id); err != nil {
				b.Fatal(err)
			}
		}
		b.Run("Grad"+sz, func(b *testing.B) {
			for b.Loop() {
				var lu mat.LU
				var inv, g mat.Dense
				lu.Factorize(a)
				inverse(&lu, &inv)
				g.Scale(lu.Det(), inv.T())
			}
		})
		b.Run("LogDetGrad"+sz, func(b *testing.B) {
			for b.Loop() {
				var lu mat.LU
				var inv, g mat.Dense
				lu.Factorize(a)
				lu.LogDet()
				inverse(&lu, &inv)
				g.CloneFrom(inv.T())
			}
		})
		b.Run("HVP"+sz, func(b *testing.B) {
			for b.Loop() {
				var lu mat.LU
				var x, t1, t2, h mat.Dense
				lu.Factorize(a)
				d := lu.Det()
				inverse(&lu, &x)
				t1.Mul(&x, e)
				t2.Mul(&t1, &x)
				tr := mat.Trace(&t1)
				h.Scale(tr, &x)
				h.Sub(&h, &t2)
				h.Scale(d, h.T())
			}
		})
		b.Run("SPDLogDetGrad"+sz, func(b *testing.B) {
			for b.Loop() {
				var c mat.Cholesky
				var g mat.SymDense
				c.Factorize(spd)
				c.LogDet()
				c.InverseTo(&g)
			}
		})
	}
}
