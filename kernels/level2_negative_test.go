package kernels

import (
	"math"
	"testing"
)

// TestDgerNegativeIncrements checks Implementation.Dger with negative
// increments on every path, the generic fallback included (gonum v0.17's
// amd64 Dger silently does nothing there), against the BLAS definition:
// a negative increment walks the vector from its end.
func TestDgerNegativeIncrements(t *testing.T) {
	const m, n = 3, 2
	for _, inc := range [][2]int{{-1, 1}, {1, -1}, {-2, -3}} {
		incX, incY := inc[0], inc[1]
		x := make([]float64, 1+(m-1)*abs(incX))
		y := make([]float64, 1+(n-1)*abs(incY))
		for i := range x {
			x[i] = float64(i + 1)
		}
		for i := range y {
			y[i] = float64(10 * (i + 1))
		}
		want := make([]float64, m*n)
		for i := 0; i < m; i++ {
			for j := 0; j < n; j++ {
				want[i*n+j] = 1 + 0.5*x[vecIndex(i, m, incX)]*y[vecIndex(j, n, incY)]
			}
		}
		forEachPath(t, func(t *testing.T, p Path) {
			a := []float64{1, 1, 1, 1, 1, 1}
			Implementation{}.Dger(m, n, 0.5, x, incX, y, incY, a, n)
			for i := range a {
				if !(math.Abs(a[i]-want[i]) <= 1e-14) {
					t.Errorf("incX=%d incY=%d: A = %v, want %v", incX, incY, a, want)
					break
				}
			}
		})
	}
}
