//go:build arm64 && gc && !purego

package arm64

// The register tile of DgemmKernel: MR rows by NR columns of C.
const (
	MR = 6
	NR = 8
)

// DgemmKernel is the NEON DGEMM microkernel of the shared packing and
// blocking framework in package kernels. It computes
//
//	for i := 0; i < MR; i++ {
//		for j := 0; j < NR; j++ {
//			var s float64
//			for p := 0; p < kc; p++ {
//				s += a[p*MR+i] * b[p*NR+j]
//			}
//			c[i*ldc+j] += alpha * s
//		}
//	}
//
// where a is a packed micro-panel of A (kc columns of MR values each) and b a
// packed micro-panel of B (kc rows of NR values each). The sums are formed
// with fused multiply-adds in the order of p, and alpha is applied with one
// more fused multiply-add, so results differ from the loop above in rounding
// only.
//
// DgemmKernel panics if kc < 1, ldc < NR or a slice is too short.
func DgemmKernel(kc int, alpha float64, a, b, c []float64, ldc int) {
	if kc < 1 {
		panic("arm64.DgemmKernel: kc < 1")
	}
	if ldc < NR {
		panic("arm64.DgemmKernel: ldc < NR")
	}
	if len(a) < kc*MR || len(b) < kc*NR || len(c) < (MR-1)*ldc+NR {
		panic("arm64.DgemmKernel: slice too short")
	}
	raceKernel(kc, a, b, c, ldc)
	dgemmKernel6x8(kc, alpha, &a[0], &b[0], &c[0], ldc)
}

// dgemmKernel6x8 computes, in dgemm_arm64.s, with a, b and c indexed as the
// arrays they point into,
//
//	for i := 0; i < 6; i++ {
//		for j := 0; j < 8; j++ {
//			var s float64
//			for p := 0; p < kc; p++ {
//				s += a[p*6+i] * b[p*8+j]
//			}
//			c[i*ldc+j] += alpha * s
//		}
//	}
//
// It trusts its arguments: kc ≥ 1 and the arrays long enough, as DgemmKernel
// checks.
//
//go:noescape
func dgemmKernel6x8(kc int, alpha float64, a, b, c *float64, ldc int)

// DgemmKernelStrided is DgemmKernel reading A and B in place, for a
// small-matrix path that does not pack. It computes
//
//	for i := 0; i < MR; i++ {
//		for j := 0; j < NR; j++ {
//			var s float64
//			for p := 0; p < kc; p++ {
//				s += a[i*rsa+p*csa] * b[p*ldb+j]
//			}
//			c[i*ldc+j] += alpha * s
//		}
//	}
//
// so A may be row-major (rsa = lda, csa = 1), transposed (rsa = 1,
// csa = lda) or a packed micro-panel (rsa = 1, csa = MR), and B is kc rows
// of NR values with row stride ldb. Rounding is as in DgemmKernel.
//
// DgemmKernelStrided panics if kc < 1, rsa or csa < 0, ldb or ldc < NR, or
// a slice is too short.
func DgemmKernelStrided(kc int, alpha float64, a []float64, rsa, csa int, b []float64, ldb int, c []float64, ldc int) {
	if kc < 1 {
		panic("arm64.DgemmKernelStrided: kc < 1")
	}
	if rsa < 0 || csa < 0 {
		panic("arm64.DgemmKernelStrided: negative stride of A")
	}
	if ldb < NR || ldc < NR {
		panic("arm64.DgemmKernelStrided: ldb or ldc < NR")
	}
	if len(a) < (MR-1)*rsa+(kc-1)*csa+1 || len(b) < (kc-1)*ldb+NR || len(c) < (MR-1)*ldc+NR {
		panic("arm64.DgemmKernelStrided: slice too short")
	}
	raceStrided(kc, a, rsa, csa, b, ldb, c, ldc)
	dgemmKernel6x8Strided(kc, alpha, &a[0], rsa, csa, &b[0], ldb, &c[0], ldc)
}

// dgemmKernel6x8Strided computes, in strided_arm64.s, with a, b and c
// indexed as the arrays they point into,
//
//	for i := 0; i < 6; i++ {
//		for j := 0; j < 8; j++ {
//			var s float64
//			for p := 0; p < kc; p++ {
//				s += a[i*rsa+p*csa] * b[p*ldb+j]
//			}
//			c[i*ldc+j] += alpha * s
//		}
//	}
//
// It trusts its arguments, as DgemmKernelStrided checks them.
//
//go:noescape
func dgemmKernel6x8Strided(kc int, alpha float64, a *float64, rsa, csa int, b *float64, ldb int, c *float64, ldc int)
