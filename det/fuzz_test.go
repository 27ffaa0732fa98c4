package det

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// FuzzGrad checks the gradient and HVP of det on small integer matrices,
// often singular, against the exact oracle, on every path: the polynomial
// (n ≤ 4), and LU, QR and SVD for n = 5 and 6 (the bytes are reused
// cyclically). Integer inputs make the exact answers integers, so the
// bounds are those of TestAgainstOracle with the rank decided exactly.
func FuzzGrad(f *testing.F) {
	f.Add(uint8(2), []byte{0, 1, 0, 1})
	f.Add(uint8(4), []byte{0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0})
	f.Add(uint8(5), []byte{1, 2, 3, 4, 5, 2, 4, 6, 8, 10})
	f.Add(uint8(6), []byte{7, 0, 0, 3, 250, 9, 1})
	f.Fuzz(func(t *testing.T, order uint8, data []byte) {
		n := int(order%6) + 1
		if len(data) == 0 {
			return
		}
		a, e := make([]float64, n*n), make([]float64, n*n)
		for i := range a {
			a[i] = float64(int8(data[i%len(data)]) % 4)
			e[i] = float64(int8(data[(3*i+1)%len(data)]) % 3)
		}
		o := oracle(a, e, n)
		s := singularValues(n, a)
		C := 100 * float64(n) * eps
		paths := []int{0}
		if n > smallN {
			paths = []int{pathLU, pathQR, pathSVD}
		}
		for _, p := range paths {
			var lu LU
			lu.force = p
			if err := lu.Factorize(dense(n, a)); err != nil {
				t.Fatal(err)
			}
			var g, h mat.Dense
			lu.Grad(&g)
			lu.HVP(&h, dense(n, e))
			hb := C * ratio(s, n-3)
			if lu.pathFor(HVPCondLimit) == pathLU {
				hb = C * lu.Cond()
			}
			checkMat(t, "Grad", raw(&g), o.cof, C*ratio(s, n-2), C*math.Pow(s[0], float64(n-1)))
			checkMat(t, "HVP", raw(&h), o.cofDer, hb, C*math.Pow(s[0], float64(n-2))*norm(e))
		}
	})
}
