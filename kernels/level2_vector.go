package kernels

import "math"

// Idamax returns the index of the first element of largest magnitude among
// the n elements of x with increment incX, with the semantics of gonum's
// Idamax (a NaN in x[0] gives 0; other NaNs are passed over). On a path with
// Level 2 kernels a contiguous x takes two vector passes: the largest
// magnitude, then the first element that has it.
func (Implementation) Idamax(n int, x []float64, incX int) int {
	return idamax(active.Load().level2, n, x, incX)
}

// idamax is Idamax on the kernels k (nil: gonum's Idamax).
func idamax(k *level2Kernels, n int, x []float64, incX int) int {
	if k == nil || incX != 1 || n < 2 || len(x) < n {
		return native.Idamax(n, x, incX)
	}
	x = x[:n]
	if math.IsNaN(x[0]) {
		return 0
	}
	raceReadTile(x, 1, n, 1)
	m := k.maxAbs(x)
	for i, v := range x {
		if math.Abs(v) == m {
			return i
		}
	}
	return 0 // not reached: some |x[i]| is m
}

// aliasStride is the increment, in elements, of which Dscal's batched path
// takes the multiples: with a stride of 512 bytes or a multiple of it, every
// eighth element or closer has the same low 12 address bits as an earlier
// one, and the store-to-load forwarding check then stalls loads behind the
// stores in flight. Elsewhere gonum's loop is faster.
const aliasStride = 64

// Dscal computes x = alpha * x for the n elements of x with increment incX,
// with the semantics of gonum's Dscal. On a path with Level 2 kernels an x
// whose increment is a multiple of aliasStride (a column of a row-major
// matrix with 512 columns, as in LU's unblocked panel) is read in batches
// before it is written, which avoids the store-to-load stalls of a stride
// that is a multiple of 4 KiB: three times faster at n = 512.
func (Implementation) Dscal(n int, alpha float64, x []float64, incX int) {
	dscal(active.Load().level2, n, alpha, x, incX)
}

// dscal is Dscal on the kernels k (nil: gonum's Dscal).
func dscal(k *level2Kernels, n int, alpha float64, x []float64, incX int) {
	if k == nil || incX < 2 || incX%aliasStride != 0 || n < 1 || alpha == 0 || (n-1)*incX >= len(x) {
		native.Dscal(n, alpha, x, incX)
		return
	}
	k.scalInc(n, alpha, x, incX)
}
