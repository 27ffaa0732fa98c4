//go:build amd64 && gc && !purego

package kernels

import (
	"testing"

	"github.com/matcalc/matcalc/kernels/amd64"
)

// TestAVX2Kernels runs every generated AVX2 microkernel, the ones the
// dispatch does not use included, through the framework with block sizes
// small enough that small matrices cross every edge, on the packed, small
// and narrow paths.
func TestAVX2Kernels(t *testing.T) {
	if !hasAVX2FMA {
		t.Skip("CPU lacks AVX2 and FMA")
	}
	for _, k := range []struct {
		name    string
		mr, nr  int
		kern    func(kc int, alpha float64, a, b, c []float64, ldc int)
		strided func(kc int, alpha float64, a []float64, rsa, csa int, b []float64, ldb int, c []float64, ldc int)
	}{
		{"4x12", 4, 12, amd64.Kernel4x12, amd64.Kernel4x12Strided},
		{"6x8", 6, 8, amd64.Kernel6x8, amd64.Kernel6x8Strided},
	} {
		t.Run(k.name, func(t *testing.T) {
			packed := &gemmKernel{mr: k.mr, nr: k.nr, kern: k.kern, mc: 2 * k.mr, kc: 5, nc: 2 * k.nr}
			small := &gemmKernel{mr: k.mr, nr: k.nr, kern: k.kern, strided: k.strided, mc: 2 * k.mr, kc: 9, nc: 2 * k.nr}
			testFramework(t, packed)
			testFramework(t, small)
			defer func(s int) { smallMaxVolume = s }(smallMaxVolume)
			smallMaxVolume = 0
			testFramework(t, small) // narrow products leave A unpacked
		})
	}
}
