package main

import (
	"fmt"

	"github.com/mmcloughlin/avo/attr"
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

// The Level 2 kernels: matrix-vector products and the rank-1 update on a
// row-major A. Each walks the rows of A in blocks of l2Rows (then one at a
// time), runs along a row 8 columns per step, then 4, then the last 1-3
// columns with masked loads and stores, which neither read nor write past
// the end of a row.

// l2Rows is the number of rows of A one step of GemvN and GemvT covers.
const l2Rows = 4

// l2Lanes is the table 0, 1, 2, 3 from which the tail mask is built.
var l2Lanes Mem

func level2Data() {
	l2Lanes = GLOBL("level2lanes", attr.RODATA|attr.NOPTR)
	for i := 0; i < 4; i++ {
		DATA(8*i, U64(uint64(i)))
	}
}

// tailMask returns a YMM register whose first n&3 lanes are all ones and
// the others zero: the mask of the masked loads and stores of a row's tail.
func tailMask(n reg.Register) reg.VecVirtual {
	rem := GP64()
	MOVQ(n, rem)
	ANDQ(U8(3), rem)
	mask := YMM()
	VMOVQ(rem, mask.AsX())
	VPBROADCASTQ(mask.AsX(), mask)
	VPCMPGTQ(l2Lanes, mask, mask)
	return mask
}

// rowBlock holds the addresses of r consecutive rows of A: rows 0-2 from
// p0 (with the stride register), row 3 from p3.
type rowBlock struct {
	r      int
	p0, p3 reg.GPVirtual
	ld     reg.Register // row stride in bytes
}

func newRowBlock(r int, a, ld reg.Register) rowBlock {
	b := rowBlock{r: r, p0: GP64(), ld: ld}
	MOVQ(a, b.p0)
	if r > 3 {
		b.p3 = GP64()
		LEAQ(Mem{Base: ld, Index: ld, Scale: 2}, b.p3)
		ADDQ(b.p0, b.p3)
	}
	return b
}

// at returns the address of row i of the block, disp bytes in.
func (b rowBlock) at(i, disp int) Mem {
	switch i {
	case 0:
		return Mem{Base: b.p0, Disp: disp}
	case 1, 2:
		return Mem{Base: b.p0, Index: b.ld, Scale: uint8(i), Disp: disp}
	default:
		return Mem{Base: b.p3, Disp: disp}
	}
}

func (b rowBlock) advance(bytes int) {
	ADDQ(U32(bytes), b.p0)
	if b.r > 3 {
		ADDQ(U32(bytes), b.p3)
	}
}

// gemvNKernel generates GemvN: y[i*incy] += alpha * (row i of A)·x.
func gemvNKernel() {
	TEXT("GemvN", NOSPLIT, "func(m, n int, alpha float64, a []float64, lda int, x, y []float64, incy int)")
	Doc(
		"GemvN computes, for i < m,",
		"",
		"\ty[i*incy] += alpha * Σ_{j<n} a[i*lda+j] * x[j]",
		"",
		"the product of a row-major m×n A with a contiguous x, into a y of",
		"stride incy. It trusts its arguments: m, n ≥ 1, incy ≥ 1 and every",
		"element named above is in its slice. It needs AVX2 and FMA3.",
	)
	Pragma("noescape")
	m := Load(Param("m"), GP64())
	n := Load(Param("n"), GP64())
	ap := Load(Param("a").Base(), GP64())
	lda := Load(Param("lda"), GP64())
	xp := Load(Param("x").Base(), GP64())
	yp := Load(Param("y").Base(), GP64())
	incy := Load(Param("incy"), GP64())
	SHLQ(U8(3), lda)
	SHLQ(U8(3), incy)
	alpha := YMM()
	VBROADCASTSD(NewParamAddr("alpha", 16), alpha)
	mask := tailMask(n)

	block := func(r int) {
		name := fmt.Sprintf("gemvn%d", r)
		rows := newRowBlock(r, ap, lda)
		xc := GP64()
		MOVQ(xp, xc)
		cnt := GP64()
		MOVQ(n, cnt)
		SHRQ(U8(3), cnt)
		acc := make([][2]reg.VecVirtual, r)
		for i := range acc {
			for v := range acc[i] {
				acc[i][v] = YMM()
				VXORPD(acc[i][v], acc[i][v], acc[i][v])
			}
		}
		JZ(LabelRef(name + "_four"))
		Label(name + "_eight")
		x0, x1 := YMM(), YMM()
		VMOVUPD(Mem{Base: xc}, x0)
		VMOVUPD(Mem{Base: xc, Disp: 32}, x1)
		for i := 0; i < r; i++ {
			VFMADD231PD(rows.at(i, 0), x0, acc[i][0])
			VFMADD231PD(rows.at(i, 32), x1, acc[i][1])
		}
		rows.advance(64)
		ADDQ(U8(64), xc)
		DECQ(cnt)
		JNZ(LabelRef(name + "_eight"))

		Label(name + "_four")
		TESTQ(U32(4), n)
		JZ(LabelRef(name + "_tail"))
		VMOVUPD(Mem{Base: xc}, x0)
		for i := 0; i < r; i++ {
			VFMADD231PD(rows.at(i, 0), x0, acc[i][0])
		}
		rows.advance(32)
		ADDQ(U8(32), xc)

		Label(name + "_tail")
		TESTQ(U32(3), n)
		JZ(LabelRef(name + "_sum"))
		VMASKMOVPD(Mem{Base: xc}, mask, x0)
		for i := 0; i < r; i++ {
			VMASKMOVPD(rows.at(i, 0), mask, x1)
			VFMADD231PD(x1, x0, acc[i][1])
		}

		Label(name + "_sum")
		for i := 0; i < r; i++ {
			VADDPD(acc[i][1], acc[i][0], acc[i][0])
		}
		if r == 4 {
			// [s0 s1 s2 s3] from the four accumulators.
			t0, t1 := acc[0][1], acc[2][1]
			VHADDPD(acc[1][0], acc[0][0], t0)
			VHADDPD(acc[3][0], acc[2][0], t1)
			lo := acc[0][0]
			VPERM2F128(U8(0x20), t1, t0, lo)
			VPERM2F128(U8(0x31), t1, t0, t1)
			VADDPD(t1, lo, lo)
			VMULPD(alpha, lo, lo)
			hi := acc[1][0]
			VEXTRACTF128(U8(1), lo, hi.AsX())
			yc := GP64()
			MOVQ(yp, yc)
			for lane := 0; lane < 4; lane++ {
				src := lo.AsX()
				if lane >= 2 {
					src = hi.AsX()
				}
				v := acc[2][0].AsX()
				if lane%2 == 0 {
					VADDSD(Mem{Base: yc}, src, v)
				} else {
					VPERMILPD(U8(1), src, v)
					VADDSD(Mem{Base: yc}, v, v)
				}
				VMOVSD(v, Mem{Base: yc})
				if lane < 3 {
					ADDQ(incy, yc)
				}
			}
		} else {
			s := acc[0][0]
			VEXTRACTF128(U8(1), s, acc[0][1].AsX())
			VADDPD(acc[0][1].AsX(), s.AsX(), s.AsX())
			VHADDPD(s.AsX(), s.AsX(), s.AsX())
			VMULSD(alpha.AsX(), s.AsX(), s.AsX())
			VADDSD(Mem{Base: yp}, s.AsX(), s.AsX())
			VMOVSD(s.AsX(), Mem{Base: yp})
		}
	}

	rowLoop("gemvn", m, lda, ap, yp, incy, block)

	Label("gemvn_done")
	VZEROUPPER()
	RET()
}

// gemvTKernel generates GemvT: y += alpha * Aᵀ x.
func gemvTKernel() {
	TEXT("GemvT", NOSPLIT, "func(m, n int, alpha float64, a []float64, lda int, x []float64, incx int, y []float64)")
	Doc(
		"GemvT computes, for j < n,",
		"",
		"\ty[j] += alpha * Σ_{i<m} a[i*lda+j] * x[i*incx]",
		"",
		"the product of the transpose of a row-major m×n A with an x of",
		"stride incx, into a contiguous y. It trusts its arguments: m, n ≥ 1,",
		"incx ≥ 1 and every element named above is in its slice. It needs AVX2",
		"and FMA3.",
	)
	Pragma("noescape")
	m := Load(Param("m"), GP64())
	n := Load(Param("n"), GP64())
	ap := Load(Param("a").Base(), GP64())
	lda := Load(Param("lda"), GP64())
	xp := Load(Param("x").Base(), GP64())
	incx := Load(Param("incx"), GP64())
	yp := Load(Param("y").Base(), GP64())
	SHLQ(U8(3), lda)
	SHLQ(U8(3), incx)
	alpha := YMM()
	VBROADCASTSD(NewParamAddr("alpha", 16), alpha)
	mask := tailMask(n)

	block := func(r int) {
		name := fmt.Sprintf("gemvt%d", r)
		rows := newRowBlock(r, ap, lda)
		s := make([]reg.VecVirtual, r)
		for i := range s {
			s[i] = YMM()
			VBROADCASTSD(Mem{Base: xp}, s[i])
			VMULPD(alpha, s[i], s[i])
			ADDQ(incx, xp)
		}
		yc := GP64()
		MOVQ(yp, yc)
		cnt := GP64()
		MOVQ(n, cnt)
		SHRQ(U8(3), cnt)
		JZ(LabelRef(name + "_four"))
		Label(name + "_eight")
		y0, y1 := YMM(), YMM()
		VMOVUPD(Mem{Base: yc}, y0)
		VMOVUPD(Mem{Base: yc, Disp: 32}, y1)
		for i := 0; i < r; i++ {
			VFMADD231PD(rows.at(i, 0), s[i], y0)
			VFMADD231PD(rows.at(i, 32), s[i], y1)
		}
		VMOVUPD(y0, Mem{Base: yc})
		VMOVUPD(y1, Mem{Base: yc, Disp: 32})
		rows.advance(64)
		ADDQ(U8(64), yc)
		DECQ(cnt)
		JNZ(LabelRef(name + "_eight"))

		Label(name + "_four")
		TESTQ(U32(4), n)
		JZ(LabelRef(name + "_tail"))
		VMOVUPD(Mem{Base: yc}, y0)
		for i := 0; i < r; i++ {
			VFMADD231PD(rows.at(i, 0), s[i], y0)
		}
		VMOVUPD(y0, Mem{Base: yc})
		rows.advance(32)
		ADDQ(U8(32), yc)

		Label(name + "_tail")
		TESTQ(U32(3), n)
		JZ(LabelRef(name + "_next"))
		VMASKMOVPD(Mem{Base: yc}, mask, y0)
		for i := 0; i < r; i++ {
			VMASKMOVPD(rows.at(i, 0), mask, y1)
			VFMADD231PD(y1, s[i], y0)
		}
		VMASKMOVPD(y0, mask, Mem{Base: yc})
		Label(name + "_next")
	}

	rowLoop("gemvt", m, lda, ap, nil, nil, block)

	Label("gemvt_done")
	VZEROUPPER()
	RET()
}

// rowLoop emits the walk over the m rows of A that GemvN and GemvT share:
// blocks of l2Rows rows by block(l2Rows), then single rows by block(1),
// advancing ap by lda bytes a row and, when yp is not nil, yp by incy bytes
// a row. It falls through to the label name+"_done", which the caller
// places.
func rowLoop(name string, m, lda, ap, yp, incy reg.Register, block func(rows int)) {
	CMPQ(m, U8(l2Rows))
	JL(LabelRef(name + "_rows1"))
	Label(name + "_rows4")
	block(4)
	step := GP64()
	LEAQ(Mem{Base: lda, Index: lda, Scale: 2}, step)
	ADDQ(lda, step)
	ADDQ(step, ap)
	if yp != nil {
		LEAQ(Mem{Base: incy, Index: incy, Scale: 2}, step)
		ADDQ(incy, step)
		ADDQ(step, yp)
	}
	SUBQ(U8(l2Rows), m)
	CMPQ(m, U8(l2Rows))
	JGE(LabelRef(name + "_rows4"))

	Label(name + "_rows1")
	TESTQ(m, m)
	JZ(LabelRef(name + "_done"))
	block(1)
	ADDQ(lda, ap)
	if yp != nil {
		ADDQ(incy, yp)
	}
	DECQ(m)
	JMP(LabelRef(name + "_rows1"))
}

// gerKernel generates Ger: A += alpha x yᵀ.
func gerKernel() {
	TEXT("Ger", NOSPLIT, "func(m, n int, alpha float64, x []float64, incx int, y, a []float64, lda int)")
	Doc(
		"Ger computes, for i < m and j < n,",
		"",
		"\ta[i*lda+j] += alpha * x[i*incx] * y[j]",
		"",
		"the rank-1 update of a row-major m×n A by an x of stride incx and a",
		"contiguous y. It trusts its arguments: m, n ≥ 1, incx ≥ 1 and every",
		"element named above is in its slice. It needs AVX2 and FMA3.",
	)
	Pragma("noescape")
	m := Load(Param("m"), GP64())
	n := Load(Param("n"), GP64())
	xp := Load(Param("x").Base(), GP64())
	incx := Load(Param("incx"), GP64())
	yp := Load(Param("y").Base(), GP64())
	ap := Load(Param("a").Base(), GP64())
	lda := Load(Param("lda"), GP64())
	SHLQ(U8(3), lda)
	SHLQ(U8(3), incx)
	alpha := YMM()
	VBROADCASTSD(NewParamAddr("alpha", 16), alpha)
	mask := tailMask(n)

	Label("ger_row")
	s := YMM()
	VBROADCASTSD(Mem{Base: xp}, s)
	VMULPD(alpha, s, s)
	ac, yc, cnt := GP64(), GP64(), GP64()
	MOVQ(ap, ac)
	MOVQ(yp, yc)
	MOVQ(n, cnt)
	SHRQ(U8(3), cnt)
	JZ(LabelRef("ger_four"))
	Label("ger_eight")
	t0, t1 := YMM(), YMM()
	VMOVUPD(Mem{Base: yc}, t0)
	VMOVUPD(Mem{Base: yc, Disp: 32}, t1)
	VFMADD213PD(Mem{Base: ac}, s, t0)
	VFMADD213PD(Mem{Base: ac, Disp: 32}, s, t1)
	VMOVUPD(t0, Mem{Base: ac})
	VMOVUPD(t1, Mem{Base: ac, Disp: 32})
	ADDQ(U8(64), ac)
	ADDQ(U8(64), yc)
	DECQ(cnt)
	JNZ(LabelRef("ger_eight"))

	Label("ger_four")
	TESTQ(U32(4), n)
	JZ(LabelRef("ger_tail"))
	VMOVUPD(Mem{Base: yc}, t0)
	VFMADD213PD(Mem{Base: ac}, s, t0)
	VMOVUPD(t0, Mem{Base: ac})
	ADDQ(U8(32), ac)
	ADDQ(U8(32), yc)

	Label("ger_tail")
	TESTQ(U32(3), n)
	JZ(LabelRef("ger_next"))
	VMASKMOVPD(Mem{Base: yc}, mask, t0)
	VMASKMOVPD(Mem{Base: ac}, mask, t1)
	VFMADD231PD(t0, s, t1)
	VMASKMOVPD(t1, mask, Mem{Base: ac})

	Label("ger_next")
	ADDQ(incx, xp)
	ADDQ(lda, ap)
	DECQ(m)
	JNZ(LabelRef("ger_row"))
	VZEROUPPER()
	RET()
}

// maxAbsKernel generates MaxAbs, the first pass of Idamax: the largest
// magnitude in x, NaNs ignored.
func maxAbsKernel() {
	TEXT("MaxAbs", NOSPLIT, "func(x []float64) float64")
	Doc(
		"MaxAbs returns the largest |x[i]|, ignoring NaNs (0 if x is empty or",
		"all NaN):",
		"",
		"\tm := 0.0",
		"\tfor _, v := range x {",
		"\t\tif math.Abs(v) > m {",
		"\t\t\tm = math.Abs(v)",
		"\t\t}",
		"\t}",
		"\treturn m",
		"",
		"It needs AVX2.",
	)
	Pragma("noescape")
	xp := Load(Param("x").Base(), GP64())
	n := Load(Param("x").Len(), GP64())
	absMask := YMM()
	VPCMPEQQ(absMask, absMask, absMask)
	VPSRLQ(U8(1), absMask, absMask)
	acc := make([]reg.VecVirtual, 4)
	for i := range acc {
		acc[i] = YMM()
		VXORPD(acc[i], acc[i], acc[i])
	}
	// acc = max(|v|, acc): VMAXPD returns its second source, acc, when |v|
	// is NaN.
	step := func(src Op, a reg.VecVirtual) {
		v := YMM()
		VANDPD(src, absMask, v)
		VMAXPD(a, v, a)
	}
	cnt := GP64()
	MOVQ(n, cnt)
	SHRQ(U8(4), cnt)
	JZ(LabelRef("maxabs_four"))
	Label("maxabs_sixteen")
	for i := range acc {
		step(Mem{Base: xp, Disp: 32 * i}, acc[i])
	}
	ADDQ(U8(128), xp)
	DECQ(cnt)
	JNZ(LabelRef("maxabs_sixteen"))

	Label("maxabs_four")
	MOVQ(n, cnt)
	ANDQ(U8(15), cnt)
	SHRQ(U8(2), cnt)
	JZ(LabelRef("maxabs_tail"))
	Label("maxabs_fourloop")
	step(Mem{Base: xp}, acc[0])
	ADDQ(U8(32), xp)
	DECQ(cnt)
	JNZ(LabelRef("maxabs_fourloop"))

	Label("maxabs_tail")
	TESTQ(U32(3), n)
	JZ(LabelRef("maxabs_sum"))
	mask := tailMask(n)
	v := YMM()
	VMASKMOVPD(Mem{Base: xp}, mask, v)
	step(v, acc[1])

	Label("maxabs_sum")
	VMAXPD(acc[1], acc[0], acc[0])
	VMAXPD(acc[3], acc[2], acc[2])
	VMAXPD(acc[2], acc[0], acc[0])
	h := acc[1]
	VEXTRACTF128(U8(1), acc[0], h.AsX())
	VMAXPD(h.AsX(), acc[0].AsX(), acc[0].AsX())
	VPERMILPD(U8(1), acc[0].AsX(), h.AsX())
	VMAXSD(h.AsX(), acc[0].AsX(), acc[0].AsX())
	VZEROUPPER()
	Store(acc[0].AsX(), ReturnIndex(0))
	RET()
}
