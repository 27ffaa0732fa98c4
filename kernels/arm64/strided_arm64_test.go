//go:build arm64 && gc && !purego

package arm64

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// stridedGo is the loop DgemmKernelStrided's doc comment states, with the
// magnitude bound Σ|alpha a b| + |c| of each element for the tolerance.
func stridedGo(kc int, alpha float64, a []float64, rsa, csa int, b []float64, ldb int, c []float64, ldc int) (bound []float64) {
	bound = make([]float64, MR*NR)
	for i := 0; i < MR; i++ {
		for j := 0; j < NR; j++ {
			var s, sa float64
			for p := 0; p < kc; p++ {
				x := a[i*rsa+p*csa] * b[p*ldb+j]
				s += x
				sa += math.Abs(x)
			}
			bound[i*NR+j] = math.Abs(alpha)*sa + math.Abs(c[i*ldc+j])
			c[i*ldc+j] += alpha * s
		}
	}
	return bound
}

// TestDgemmKernelStrided checks the strided assembly against stridedGo with
// A row-major, transposed and packed, padded strides of B and C, and k
// counts from 1 up. Every element of A and B the kernel must not read is a
// NaN guard, so a stray read shows as NaN in C; the guards of C must be
// untouched and A and B unmodified.
func TestDgemmKernelStrided(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 6))
	for _, kc := range []int{1, 2, 3, 5, 8, 17, 64, 257} {
		layouts := [][2]int{
			{kc, 1}, {kc + 3, 1}, // row-major A, lda = kc and kc+3
			{1, MR}, {1, MR + 5}, // transposed A (packed when csa = MR)
		}
		for _, l := range layouts {
			for _, ldb := range []int{NR, NR + 3} {
				for _, ldc := range []int{NR, 11} {
					checkStrided(t, rng, kc, l[0], l[1], ldb, ldc, []float64{1, -0.5, 3}[rng.IntN(3)])
				}
			}
		}
	}
}

func checkStrided(t *testing.T, rng *rand.Rand, kc, rsa, csa, ldb, ldc int, alpha float64) {
	t.Helper()
	name := fmt.Sprintf("kc=%d rsa=%d csa=%d ldb=%d ldc=%d alpha=%g", kc, rsa, csa, ldb, ldc, alpha)
	aBuf, a := guarded((MR-1)*rsa + (kc-1)*csa + 1)
	bBuf, b := guarded((kc-1)*ldb + NR)
	cBuf, c := guarded((MR-1)*ldc + NR)
	for i := 0; i < MR; i++ {
		for p := 0; p < kc; p++ {
			a[i*rsa+p*csa] = 2*rng.Float64() - 1
		}
	}
	for p := 0; p < kc; p++ {
		for j := 0; j < NR; j++ {
			b[p*ldb+j] = 2*rng.Float64() - 1
		}
	}
	for i := 0; i < MR; i++ {
		for j := 0; j < NR; j++ {
			c[i*ldc+j] = 2*rng.Float64() - 1
		}
	}
	a0 := append([]float64(nil), aBuf...)
	b0 := append([]float64(nil), bBuf...)
	want := append([]float64(nil), c...)
	bound := stridedGo(kc, alpha, a, rsa, csa, b, ldb, want, ldc)

	DgemmKernelStrided(kc, alpha, a, rsa, csa, b, ldb, c, ldc)

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

// FuzzDgemmKernelStrided compares the strided assembly with stridedGo on
// random layouts: kc in [1, 128], A row-major or transposed with padding.
func FuzzDgemmKernelStrided(f *testing.F) {
	f.Add(uint8(0), uint8(0), uint8(0), uint8(0), uint64(1))
	f.Add(uint8(9), uint8(1), uint8(7), uint8(2), uint64(2))
	f.Fuzz(func(t *testing.T, kc, trans, pad, padBC uint8, seed uint64) {
		k := int(kc%128) + 1
		rsa, csa := k+int(pad%8), 1
		if trans%2 == 1 {
			rsa, csa = 1, MR+int(pad%8)
		}
		checkStrided(t, rand.New(rand.NewPCG(seed, 8)), k, rsa, csa, NR+int(padBC%4), NR+int(padBC/4%4), -1.5)
	})
}

// TestDgemmKernelStridedPacked checks that on a packed micro-panel
// (rsa = 1, csa = MR; ldb = NR) the strided kernel computes what
// DgemmKernel does, to rounding.
func TestDgemmKernelStridedPacked(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for _, kc := range []int{1, 4, 33} {
		a := make([]float64, kc*MR)
		b := make([]float64, kc*NR)
		for i := range a {
			a[i] = 2*rng.Float64() - 1
		}
		for i := range b {
			b[i] = 2*rng.Float64() - 1
		}
		c1 := make([]float64, MR*NR)
		c2 := make([]float64, MR*NR)
		DgemmKernel(kc, 0.5, a, b, c1, NR)
		DgemmKernelStrided(kc, 0.5, a, 1, MR, b, NR, c2, NR)
		for i := range c1 {
			if math.Abs(c1[i]-c2[i]) > float64(kc)*0x1p-52 {
				t.Errorf("kc=%d: element %d: packed %v, strided %v", kc, i, c1[i], c2[i])
			}
		}
	}
}

// TestDgemmKernelStridedPanics checks the argument checks of the wrapper.
func TestDgemmKernelStridedPanics(t *testing.T) {
	s := make([]float64, 200)
	for _, c := range []struct {
		name string
		call func()
		want string
	}{
		{"kc", func() { DgemmKernelStrided(0, 1, s, 1, MR, s, NR, s, NR) }, "kc < 1"},
		{"rsa", func() { DgemmKernelStrided(1, 1, s, -1, MR, s, NR, s, NR) }, "negative stride"},
		{"ldb", func() { DgemmKernelStrided(1, 1, s, 1, MR, s, NR-1, s, NR) }, "ldb or ldc < NR"},
		{"a", func() { DgemmKernelStrided(3, 1, s[:(MR-1)*4+2*1], 4, 1, s, NR, s, NR) }, "slice too short"},
		{"b", func() { DgemmKernelStrided(3, 1, s, 1, MR, s[:2*NR+NR-1], NR, s, NR) }, "slice too short"},
		{"c", func() { DgemmKernelStrided(1, 1, s, 1, MR, s, NR, s[:(MR-1)*9+NR-1], 9) }, "slice too short"},
	} {
		func() {
			defer func() {
				r, _ := recover().(string)
				if !strings.HasPrefix(r, "arm64.DgemmKernelStrided: ") || !strings.Contains(r, c.want) {
					t.Errorf("%s: panic %q, want one containing %q", c.name, r, c.want)
				}
			}()
			c.call()
		}()
	}
}

// BenchmarkDgemmKernelStrided measures the strided microkernel on a
// row-major A, in flops as BenchmarkDgemmKernel.
func BenchmarkDgemmKernelStrided(b *testing.B) {
	const kc = 64
	a := make([]float64, MR*kc)
	bp := make([]float64, kc*NR)
	c := make([]float64, MR*NR)
	b.SetBytes(int64(2 * MR * NR * kc))
	for b.Loop() {
		DgemmKernelStrided(kc, 1, a, kc, 1, bp, NR, c, NR)
	}
}
