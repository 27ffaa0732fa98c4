//go:build arm64 && gc && !purego

package arm64

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// guardBits is the payload of the NaN written around every slice and into
// the gaps between the rows of C; a stray write shows as a changed pattern.
const guardBits = 0x7ff8_dead_beef_0002

// guardLen is the number of guard values on each side of a slice.
const guardLen = 5

// guarded returns n values inside a buffer of guards, starting at an odd
// offset so that the data is not 16-byte aligned.
func guarded(n int) (buf, data []float64) {
	buf = make([]float64, n+2*guardLen)
	for i := range buf {
		buf[i] = math.Float64frombits(guardBits)
	}
	return buf, buf[guardLen : guardLen+n]
}

// kernelGo is the loop DgemmKernel's doc comment states, with the magnitude
// bound Σ|alpha a b| + |c| of each element for the tolerance.
func kernelGo(kc int, alpha float64, a, b, c []float64, ldc int) (bound []float64) {
	bound = make([]float64, MR*NR)
	for i := 0; i < MR; i++ {
		for j := 0; j < NR; j++ {
			var s, sa float64
			for p := 0; p < kc; p++ {
				s += a[p*MR+i] * b[p*NR+j]
				sa += math.Abs(a[p*MR+i] * b[p*NR+j])
			}
			bound[i*NR+j] = math.Abs(alpha)*sa + math.Abs(c[i*ldc+j])
			c[i*ldc+j] += alpha * s
		}
	}
	return bound
}

// TestDgemmKernel checks the assembly against kernelGo for k counts odd and
// even around the loop's unrolling, row strides with NaN guards in the gaps,
// and alpha special values. Each element must agree to (kc+2)·eps times its
// magnitude bound; the guards and the packed panels must be untouched.
func TestDgemmKernel(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	kcs := []int{1, 2, 3, 4, 5, 7, 8, 16, 31, 64, 255, 256, 257, 512, 1001}
	for _, kc := range kcs {
		for _, ldc := range []int{NR, NR + 1, 13, 64} {
			for _, alpha := range []float64{1, -1, 0.5, 0, -3.25} {
				checkKernel(t, rng, kc, ldc, alpha)
			}
		}
	}
}

func checkKernel(t *testing.T, rng *rand.Rand, kc, ldc int, alpha float64) {
	t.Helper()
	name := fmt.Sprintf("kc=%d ldc=%d alpha=%g", kc, ldc, alpha)
	aBuf, a := guarded(kc * MR)
	bBuf, b := guarded(kc * NR)
	cBuf, c := guarded((MR-1)*ldc + NR)
	for i := range a {
		a[i] = 2*rng.Float64() - 1
	}
	for i := range b {
		b[i] = 2*rng.Float64() - 1
	}
	for i := 0; i < MR; i++ {
		for j := 0; j < NR; j++ {
			c[i*ldc+j] = 2*rng.Float64() - 1
		}
	}
	a0 := append([]float64(nil), aBuf...)
	b0 := append([]float64(nil), bBuf...)
	want := append([]float64(nil), c...)
	bound := kernelGo(kc, alpha, a, b, want, ldc)

	DgemmKernel(kc, alpha, a, b, c, ldc)

	if !sameBits(aBuf, a0) {
		t.Errorf("%s: a or its guards modified", name)
	}
	if !sameBits(bBuf, b0) {
		t.Errorf("%s: b or its guards modified", name)
	}
	for k, v := range cBuf {
		off := k - guardLen
		inside := off >= 0 && off < len(c) && off%ldc < NR
		if !inside && math.Float64bits(v) != guardBits {
			t.Errorf("%s: guard of c at offset %d overwritten with %v", name, off, v)
		}
	}
	tol := float64(kc+2) * 0x1p-52
	bad := 0
	for i := 0; i < MR; i++ {
		for j := 0; j < NR; j++ {
			got, w := c[i*ldc+j], want[i*ldc+j]
			if !(math.Abs(got-w) <= tol*bound[i*NR+j]) {
				if bad < 3 {
					t.Errorf("%s: c[%d,%d] = %v, want %v", name, i, j, got, w)
				}
				bad++
			}
		}
	}
}

func sameBits(x, y []float64) bool {
	for i := range x {
		if math.Float64bits(x[i]) != math.Float64bits(y[i]) {
			return false
		}
	}
	return true
}

// FuzzDgemmKernel compares the assembly with kernelGo on random panels:
// kc in [1, 256], ldc in [NR, NR+63], any finite alpha.
func FuzzDgemmKernel(f *testing.F) {
	f.Add(uint8(0), uint8(0), 1.0, uint64(1))
	f.Add(uint8(6), uint8(5), -0.25, uint64(2))
	f.Add(uint8(255), uint8(63), 1e300, uint64(3))
	f.Fuzz(func(t *testing.T, kc, pad uint8, alpha float64, seed uint64) {
		if math.IsNaN(alpha) || math.IsInf(alpha, 0) {
			t.Skip()
		}
		checkKernel(t, rand.New(rand.NewPCG(seed, 5)), int(kc)+1, NR+int(pad%64), alpha)
	})
}

// TestDgemmKernelLanes checks that each product lands in its own element:
// with a and b one-hot, exactly one element of C changes, by exactly alpha.
func TestDgemmKernelLanes(t *testing.T) {
	const kc = 3
	for i := 0; i < MR; i++ {
		for j := 0; j < NR; j++ {
			for p := 0; p < kc; p++ {
				a := make([]float64, kc*MR)
				b := make([]float64, kc*NR)
				c := make([]float64, MR*NR)
				a[p*MR+i], b[p*NR+j] = 2, 3
				DgemmKernel(kc, 0.5, a, b, c, NR)
				for k, v := range c {
					want := 0.0
					if k == i*NR+j {
						want = 3
					}
					if v != want {
						t.Fatalf("a[%d,%d]=2, b[%d,%d]=3, alpha=0.5: c[%d,%d] = %v, want %v",
							p, i, p, j, k/NR, k%NR, v, want)
					}
				}
			}
		}
	}
}

// TestDgemmKernelPanics checks the argument checks of the Go wrapper.
func TestDgemmKernelPanics(t *testing.T) {
	s := make([]float64, 100)
	for _, c := range []struct {
		name string
		call func()
		want string
	}{
		{"kc", func() { DgemmKernel(0, 1, s, s, s, NR) }, "kc < 1"},
		{"ldc", func() { DgemmKernel(1, 1, s, s, s, NR-1) }, "ldc < NR"},
		{"a", func() { DgemmKernel(2, 1, s[:2*MR-1], s, s, NR) }, "slice too short"},
		{"b", func() { DgemmKernel(2, 1, s, s[:2*NR-1], s, NR) }, "slice too short"},
		{"c", func() { DgemmKernel(1, 1, s, s, s[:(MR-1)*9+NR-1], 9) }, "slice too short"},
	} {
		func() {
			defer func() {
				r, _ := recover().(string)
				if !strings.HasPrefix(r, "arm64.DgemmKernel: ") || !strings.Contains(r, c.want) {
					t.Errorf("%s: panic %q, want one containing %q", c.name, r, c.want)
				}
			}()
			c.call()
		}()
	}
}

// BenchmarkDgemmKernel measures the microkernel alone on panels that sit in
// L1, in flops (2·MR·NR·kc per call).
func BenchmarkDgemmKernel(b *testing.B) {
	for _, kc := range []int{64, 256} {
		b.Run(fmt.Sprintf("kc=%d", kc), func(b *testing.B) {
			a := make([]float64, kc*MR)
			bp := make([]float64, kc*NR)
			c := make([]float64, MR*NR)
			for i := range a {
				a[i] = 1e-3
			}
			for i := range bp {
				bp[i] = 1e-3
			}
			b.SetBytes(int64(2 * MR * NR * kc)) // "MB/s" reads as Mflop/s
			for b.Loop() {
				DgemmKernel(kc, 1, a, bp, c, NR)
			}
		})
	}
}
