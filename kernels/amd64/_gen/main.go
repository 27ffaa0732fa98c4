// Command _gen generates matcalc's AVX2+FMA GEMM microkernels, the FMA
// throughput loop and the Level 2 kernels (level2.go) with avo.
//
// Regenerate from this directory with
//
//	go run . -out ../gemm_amd64.s -stubs ../gemm_amd64.go
//
// (or `go generate ./kernels/amd64` from the repository root). CI runs the
// same command and fails if the committed files change.
//
// go.mod requires the main module through a replace so that avo can load
// package amd64 for the stubs; `go mod tidy` drops that requirement because
// nothing imports it, so keep it when tidying.
package main

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

func main() {
	Package("github.com/matcalc/matcalc/kernels/amd64")
	ConstraintExpr("amd64,gc,!purego")
	packedKernel(4, 3)
	packedKernel(6, 2)
	stridedKernel(4, 3)
	stridedKernel(6, 2)
	peakKernel()
	level2Data()
	gemvNKernel()
	gemvTKernel()
	gerKernel()
	maxAbsKernel()
	Generate()
}

// peakChains is the number of independent FMA chains of FMAPeak: enough to
// cover the FMA latency (4 cycles) at two FMAs per cycle, with room to spare.
const peakChains = 12

// peakKernel generates FMAPeak, the loop that measures the FMA throughput of
// one core: peakChains independent chains of VFMADD231PD on YMM registers,
// no memory traffic.
func peakKernel() {
	TEXT("FMAPeak", NOSPLIT, "func(n int, x float64) float64")
	Doc(
		"FMAPeak runs n iterations of 12 independent 4-wide fused multiply-adds",
		"(96 flops) with no memory traffic, and returns a value that depends on",
		"every one of them. It measures the FMA throughput of one core:",
		"",
		"\tvar acc [12][4]float64",
		"\tfor range n {",
		"\t\tfor c := range acc {",
		"\t\t\tfor l := range acc[c] {",
		"\t\t\t\tacc[c][l] = math.FMA(x, x, acc[c][l])",
		"\t\t\t}",
		"\t\t}",
		"\t}",
		"\treturn Σ acc[c][0]",
	)
	n := Load(Param("n"), GP64())
	x := ymm(peakChains)
	VBROADCASTSD(NewParamAddr("x", 8), x)
	for c := 0; c < peakChains; c++ {
		VXORPD(ymm(c), ymm(c), ymm(c))
	}
	Label("peakloop")
	TESTQ(n, n)
	JZ(LabelRef("peakdone"))
	for c := 0; c < peakChains; c++ {
		VFMADD231PD(x, x, ymm(c))
	}
	DECQ(n)
	JMP(LabelRef("peakloop"))
	Label("peakdone")
	for c := 1; c < peakChains; c++ {
		VADDPD(ymm(c), ymm(0), ymm(0))
	}
	VZEROUPPER()
	MOVSD(reg.X0, NewParamAddr("ret", 16))
	RET()
}

// ymm returns the physical YMM register with the given number.
func ymm(i int) reg.VecPhysical {
	return []reg.VecPhysical{
		reg.Y0, reg.Y1, reg.Y2, reg.Y3, reg.Y4, reg.Y5, reg.Y6, reg.Y7,
		reg.Y8, reg.Y9, reg.Y10, reg.Y11, reg.Y12, reg.Y13, reg.Y14, reg.Y15,
	}[i]
}

// unroll is the number of k steps in one trip of the main loop.
const unroll = 4

// prefetchA is how many bytes ahead of its use the packed A micro-panel is
// prefetched into L1.
const prefetchA = 512

// packedKernel generates KernelMRxNR for the microkernel contract of package
// kernels: an mr×(4·nv) register tile, mr·nv YMM accumulators, nv loads of B
// and mr broadcasts of A per k step.
func packedKernel(mr, nv int) {
	nr := 4 * nv
	if mr*nv+nv+1 > 16 {
		panic("tile does not fit in 16 YMM registers")
	}
	name := fmt.Sprintf("Kernel%dx%d", mr, nr)
	TEXT(name, NOSPLIT, "func(kc int, alpha float64, a, b, c []float64, ldc int)")
	Doc(
		fmt.Sprintf("%s computes, for i < %d and j < %d,", name, mr, nr),
		"",
		fmt.Sprintf("\tc[i*ldc+j] += alpha * Σ_{p<kc} a[p*%d+i] * b[p*%d+j]", mr, nr),
		"",
		fmt.Sprintf("where a holds kc packed columns of %d values of A and b kc packed rows", mr),
		fmt.Sprintf("of %d values of B. It trusts its arguments: kc ≥ 1, len(a) ≥ %d·kc,", nr, mr),
		fmt.Sprintf("len(b) ≥ %d·kc and c holds %d rows of %d values with row stride ldc.", nr, mr, nr),
		"It needs AVX2 and FMA3.",
	)
	Pragma("noescape")

	kc := Load(Param("kc"), GP64())
	ap := Load(Param("a").Base(), GP64())
	bp := Load(Param("b").Base(), GP64())
	cp := Load(Param("c").Base(), GP64())
	ldc := Load(Param("ldc"), GP64())
	SHLQ(U8(3), ldc)

	acc := make([][]reg.VecPhysical, mr)
	for i := range acc {
		acc[i] = make([]reg.VecPhysical, nv)
		for v := range acc[i] {
			acc[i][v] = ymm(i*nv + v)
			VXORPD(acc[i][v], acc[i][v], acc[i][v])
		}
	}
	bv := make([]reg.VecPhysical, nv)
	for v := range bv {
		bv[v] = ymm(mr*nv + v)
	}
	var tmp []reg.VecPhysical
	for r := mr*nv + nv; r < 16; r++ {
		tmp = append(tmp, ymm(r))
	}

	Comment("Prefetch the tile of C, which is read once at the end.")
	row := GP64()
	MOVQ(cp, row)
	for i := 0; i < mr; i++ {
		PREFETCHT0(Mem{Base: row})
		PREFETCHT0(Mem{Base: row, Disp: nr*8 - 8})
		if i < mr-1 {
			ADDQ(ldc, row)
		}
	}

	step := func(u int) {
		for v := range bv {
			VMOVUPD(Mem{Base: bp, Disp: (u*nr + 4*v) * 8}, bv[v])
		}
		for i := 0; i < mr; i++ {
			t := tmp[(u*mr+i)%len(tmp)]
			VBROADCASTSD(Mem{Base: ap, Disp: (u*mr + i) * 8}, t)
			for v := range bv {
				VFMADD231PD(bv[v], t, acc[i][v])
			}
		}
	}

	n := GP64()
	MOVQ(kc, n)
	SHRQ(U8(2), n)
	ANDQ(U8(unroll-1), kc)
	TESTQ(n, n)
	JZ(LabelRef(name + "_tail"))

	Label(name + "_loop")
	for u := 0; u < unroll; u++ {
		step(u)
		if off := u * mr * 8; off%64 == 0 || (off+mr*8)/64 != off/64 {
			PREFETCHT0(Mem{Base: ap, Disp: prefetchA + (off/64)*64})
		}
	}
	ADDQ(U32(unroll*mr*8), ap)
	ADDQ(U32(unroll*nr*8), bp)
	DECQ(n)
	JNZ(LabelRef(name + "_loop"))

	Label(name + "_tail")
	TESTQ(kc, kc)
	JZ(LabelRef(name + "_store"))
	Label(name + "_tailloop")
	step(0)
	ADDQ(U32(mr*8), ap)
	ADDQ(U32(nr*8), bp)
	DECQ(kc)
	JNZ(LabelRef(name + "_tailloop"))

	Label(name + "_store")
	Comment("c += alpha * acc")
	alpha := bv[0]
	VBROADCASTSD(NewParamAddr("alpha", 8), alpha)
	for i := 0; i < mr; i++ {
		for v := 0; v < nv; v++ {
			m := Mem{Base: cp, Disp: 32 * v}
			VFMADD213PD(m, alpha, acc[i][v])
			VMOVUPD(acc[i][v], m)
		}
		if i < mr-1 {
			ADDQ(ldc, cp)
		}
	}
	VZEROUPPER()
	RET()
}

// stridedKernel generates KernelMRxNRStrided: the same tile as packedKernel
// but reading A and B where they lie, for the small-matrix path that does
// not pack: element (i, p) of the A panel is a[i*rsa+p*csa] and row p of
// the B panel starts at b[p*ldb].
func stridedKernel(mr, nv int) {
	nr := 4 * nv
	if mr%3 != 0 && mr != 4 {
		panic("row addressing supports mr = 3, 4, 6")
	}
	name := fmt.Sprintf("Kernel%dx%dStrided", mr, nr)
	TEXT(name, NOSPLIT, "func(kc int, alpha float64, a []float64, rsa, csa int, b []float64, ldb int, c []float64, ldc int)")
	Doc(
		fmt.Sprintf("%s computes, for i < %d and j < %d,", name, mr, nr),
		"",
		"\tc[i*ldc+j] += alpha * Σ_{p<kc} a[i*rsa+p*csa] * b[p*ldb+j]",
		"",
		"reading A and B in place: it is the microkernel of the small-matrix path",
		"that packs nothing. It trusts its arguments: kc ≥ 1 and every element",
		"named above is in its slice. It needs AVX2 and FMA3.",
	)
	Pragma("noescape")

	kc := Load(Param("kc"), GP64())
	ap := Load(Param("a").Base(), GP64())
	rs := Load(Param("rsa"), GP64())
	cs := Load(Param("csa"), GP64())
	bp := Load(Param("b").Base(), GP64())
	ldb := Load(Param("ldb"), GP64())
	cp := Load(Param("c").Base(), GP64())
	ldc := Load(Param("ldc"), GP64())
	SHLQ(U8(3), rs)
	SHLQ(U8(3), cs)
	SHLQ(U8(3), ldb)
	SHLQ(U8(3), ldc)
	// Rows 0-2 are addressed from ap, rows 3-5 from ap3 = ap + 3·rsa (row 3
	// of a 4-row tile too).
	ap3 := GP64()
	LEAQ(Mem{Base: rs, Index: rs, Scale: 2}, ap3)
	ADDQ(ap, ap3)
	rowAddr := func(i int) Mem {
		base := ap
		if i >= 3 {
			base, i = ap3, i-3
		}
		if i == 0 {
			return Mem{Base: base}
		}
		return Mem{Base: base, Index: rs, Scale: uint8(i)}
	}

	acc := make([][]reg.VecPhysical, mr)
	for i := range acc {
		acc[i] = make([]reg.VecPhysical, nv)
		for v := range acc[i] {
			acc[i][v] = ymm(i*nv + v)
			VXORPD(acc[i][v], acc[i][v], acc[i][v])
		}
	}
	bv := make([]reg.VecPhysical, nv)
	for v := range bv {
		bv[v] = ymm(mr*nv + v)
	}
	var tmp []reg.VecPhysical
	for r := mr*nv + nv; r < 16; r++ {
		tmp = append(tmp, ymm(r))
	}

	Label(name + "_loop")
	for v := range bv {
		VMOVUPD(Mem{Base: bp, Disp: 32 * v}, bv[v])
	}
	for i := 0; i < mr; i++ {
		t := tmp[i%len(tmp)]
		VBROADCASTSD(rowAddr(i), t)
		for v := range bv {
			VFMADD231PD(bv[v], t, acc[i][v])
		}
	}
	ADDQ(cs, ap)
	ADDQ(cs, ap3)
	ADDQ(ldb, bp)
	DECQ(kc)
	JNZ(LabelRef(name + "_loop"))

	Comment("c += alpha * acc")
	alpha := bv[0]
	VBROADCASTSD(NewParamAddr("alpha", 8), alpha)
	for i := 0; i < mr; i++ {
		for v := 0; v < nv; v++ {
			m := Mem{Base: cp, Disp: 32 * v}
			VFMADD213PD(m, alpha, acc[i][v])
			VMOVUPD(acc[i][v], m)
		}
		if i < mr-1 {
			ADDQ(ldc, cp)
		}
	}
	VZEROUPPER()
	RET()
}
