// Command _genkron generates matcalc's AVX2+FMA kernels for the mode products
// of Kronecker operators with small factors (kernels.KronMode) with avo.
//
// Regenerate from this directory with
//
//	go run . -pkg amd64 -out ../kron_amd64.s -stubs ../kron_amd64.go
//
// CI can run the same command and fail if the committed files change. This
// module is separate from the GEMM generator in ../_gen so that the two can
// evolve independently.
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
	kronWide()
	for m := 1; m <= maxWideM; m++ {
		kronWideM(m)
	}
	for nv := 1; nv <= maxNarrowNV; nv++ {
		kronNarrow(nv)
	}
	Generate()
}

// kronWide generates KronWide, the mode product vectorized along the
// contiguous trailing mode R: blocks of 16 columns (four YMM accumulators),
// then blocks of 4.
func kronWide() {
	TEXT("KronWide", NOSPLIT, "func(m, n int, a []float64, lda, L, R, w int, x, y []float64)")
	Doc(
		"KronWide computes, for l < L, i < m and r < w,",
		"",
		"\ty[(l*m+i)*R + r] = Σ_{j<n} a[i*lda+j] * x[(l*n+j)*R + r]",
		"",
		"the mode product of the m×n matrix A with the middle mode of the L×n×R",
		"tensor X, on the first w columns of every slice. It trusts its arguments:",
		"m, n, L ≥ 1, w is a multiple of 4 with 4 ≤ w ≤ R, the slices are long",
		"enough and x and y do not overlap. It needs AVX2 and FMA3.",
	)
	Pragma("noescape")

	lda := Load(Param("lda"), GP64())
	SHLQ(U8(3), lda)
	r8 := Load(Param("R"), GP64())
	SHLQ(U8(3), r8)
	xl := Load(Param("x").Base(), GP64())
	yl := Load(Param("y").Base(), GP64())
	lcount := Load(Param("L"), GP64())

	acc := []reg.VecVirtual{YMM(), YMM(), YMM(), YMM()}
	b := YMM()

	Label("wide_l")
	r := GP64()
	XORQ(r, r)

	// block emits the loop over i and j for one block of nv·4 columns at
	// byte offset r.
	block := func(nv int, tag string) {
		i := Load(Param("m"), GP64())
		ai := Load(Param("a").Base(), GP64())
		yp := GP64()
		LEAQ(Mem{Base: yl, Index: r, Scale: 1}, yp)
		Label("wide_i" + tag)
		for v := 0; v < nv; v++ {
			VXORPD(acc[v], acc[v], acc[v])
		}
		j := Load(Param("n"), GP64())
		aj := GP64()
		MOVQ(ai, aj)
		xp := GP64()
		LEAQ(Mem{Base: xl, Index: r, Scale: 1}, xp)
		Label("wide_j" + tag)
		VBROADCASTSD(Mem{Base: aj}, b)
		for v := 0; v < nv; v++ {
			VFMADD231PD(Mem{Base: xp, Disp: 32 * v}, b, acc[v])
		}
		ADDQ(U8(8), aj)
		ADDQ(r8, xp)
		DECQ(j)
		JNZ(LabelRef("wide_j" + tag))
		for v := 0; v < nv; v++ {
			VMOVUPD(acc[v], Mem{Base: yp, Disp: 32 * v})
		}
		ADDQ(lda, ai)
		ADDQ(r8, yp)
		DECQ(i)
		JNZ(LabelRef("wide_i" + tag))
		ADDQ(U32(32*nv), r)
	}

	w := GP64()
	Label("wide_r16")
	Load(Param("w"), w)
	SHLQ(U8(3), w)
	SUBQ(r, w)
	CMPQ(w, U32(128))
	JL(LabelRef("wide_r4"))
	block(4, "16")
	JMP(LabelRef("wide_r16"))

	Label("wide_r4")
	Load(Param("w"), w)
	SHLQ(U8(3), w)
	CMPQ(r, w)
	JGE(LabelRef("wide_next"))
	block(1, "4")
	JMP(LabelRef("wide_r4"))

	Label("wide_next")
	step := Load(Param("n"), GP64())
	IMULQ(r8, step)
	ADDQ(step, xl)
	Load(Param("m"), step)
	IMULQ(r8, step)
	ADDQ(step, yl)
	DECQ(lcount)
	JNZ(LabelRef("wide_l"))
	VZEROUPPER()
	RET()
}

// maxNarrowNV is the most YMM accumulators of a KronNarrowNV kernel: a row
// of up to 48 outputs, enough for A ⊗ I_R with A up to 16×16 and R ≤ 3.
const maxNarrowNV = 12

// maxWideM is the largest factor height with a register-blocked KronWideM
// kernel: m accumulators, one x vector and one broadcast fit in 16 YMM
// registers.
const maxWideM = 13

// kronWideM generates KronWideM, the mode product vectorized along the
// trailing mode with all m output rows of a block of columns accumulated in
// registers: every x vector is loaded once and meets m broadcasts of A, and
// the m rows are stored only after the last load of the block. (Storing row i
// before loading x again for row i+1 stalls on 4 KiB aliasing when the row
// stride R is a multiple of 512, as it is for factors of size 2 and 4.)
// Blocks are 8 columns wide (two YMM per row) when 2m+3 registers fit, else
// 4.
func kronWideM(m int) {
	name := fmt.Sprintf("KronWide%d", m)
	TEXT(name, NOSPLIT, "func(n int, ap []float64, L, R, w int, x, y []float64)")
	Doc(
		fmt.Sprintf("%s computes, for l < L, i < %d and r < w,", name, m),
		"",
		fmt.Sprintf("	y[(l*%d+i)*R + r] = Σ_{j<n} ap[j*%d+i] * x[(l*n+j)*R + r]", m, m),
		"",
		fmt.Sprintf("the mode product of the %d×n matrix A, packed by columns in ap, with", m),
		"the middle mode of the L×n×R tensor X, on the first w columns of every",
		"slice. It trusts its arguments: n, L ≥ 1, w is a multiple of 4 with",
		"4 ≤ w ≤ R, the slices are long enough and x and y do not overlap. It",
		"needs AVX2 and FMA3.",
	)
	Pragma("noescape")
	maxNV := 1
	if 2*m+3 <= 16 {
		maxNV = 2
	}
	r8 := Load(Param("R"), GP64())
	SHLQ(U8(3), r8)
	xl := Load(Param("x").Base(), GP64())
	yl := Load(Param("y").Base(), GP64())
	lcount := Load(Param("L"), GP64())
	acc := make([][]reg.VecVirtual, m)
	for i := range acc {
		acc[i] = []reg.VecVirtual{YMM(), YMM()}
	}
	xv := []reg.VecVirtual{YMM(), YMM()}
	b := YMM()

	Label("l")
	r := GP64()
	XORQ(r, r)
	block := func(nv int) {
		for i := range acc {
			for v := 0; v < nv; v++ {
				VXORPD(acc[i][v], acc[i][v], acc[i][v])
			}
		}
		j := Load(Param("n"), GP64())
		ap := Load(Param("ap").Base(), GP64())
		xp := GP64()
		LEAQ(Mem{Base: xl, Index: r, Scale: 1}, xp)
		tag := fmt.Sprint(nv)
		Label("j" + tag)
		for v := 0; v < nv; v++ {
			VMOVUPD(Mem{Base: xp, Disp: 32 * v}, xv[v])
		}
		for i := range acc {
			VBROADCASTSD(Mem{Base: ap, Disp: 8 * i}, b)
			for v := 0; v < nv; v++ {
				VFMADD231PD(xv[v], b, acc[i][v])
			}
		}
		ADDQ(U32(8*m), ap)
		ADDQ(r8, xp)
		DECQ(j)
		JNZ(LabelRef("j" + tag))
		yp := GP64()
		LEAQ(Mem{Base: yl, Index: r, Scale: 1}, yp)
		for i := range acc {
			for v := 0; v < nv; v++ {
				VMOVUPD(acc[i][v], Mem{Base: yp, Disp: 32 * v})
			}
			if i < m-1 {
				ADDQ(r8, yp)
			}
		}
		ADDQ(U32(32*nv), r)
	}
	w := GP64()
	if maxNV == 2 {
		Label("r8")
		Load(Param("w"), w)
		SHLQ(U8(3), w)
		SUBQ(r, w)
		CMPQ(w, U32(64))
		JL(LabelRef("r4"))
		block(2)
		JMP(LabelRef("r8"))
	}
	Label("r4")
	Load(Param("w"), w)
	SHLQ(U8(3), w)
	CMPQ(r, w)
	JGE(LabelRef("next"))
	block(1)
	JMP(LabelRef("r4"))

	Label("next")
	step := Load(Param("n"), GP64())
	IMULQ(r8, step)
	ADDQ(step, xl)
	IMUL3Q(U32(m), r8, step)
	ADDQ(step, yl)
	DECQ(lcount)
	JNZ(LabelRef("l"))
	VZEROUPPER()
	RET()
}

// kronNarrow generates KronNarrowNV, which multiplies every row of a
// row-major matrix by a small packed matrix held as nv YMM columns blocks:
// the mode product with a trailing mode too short to vectorize along.
func kronNarrow(nv int) {
	name := fmt.Sprintf("KronNarrow%d", nv)
	w := 4 * nv
	TEXT(name, NOSPLIT, "func(np, mp int, ct []float64, L int, x, y []float64)")
	Doc(
		fmt.Sprintf("%s computes, for l < L and c < %d,", name, w),
		"",
		fmt.Sprintf("\ty[l*mp + c] = Σ_{j<np} x[l*np+j] * ct[j*%d+c]", w),
		"",
		fmt.Sprintf("row by row in order, storing all %d values of each row, so that values", w),
		"past mp in row l land in row l+1 and are overwritten there. ct is a",
		fmt.Sprintf("packed np×%d matrix, zero past its used columns. It trusts its", w),
		"arguments: np, L ≥ 1, the slices are long enough (y holds",
		fmt.Sprintf("(L-1)*mp + %d values) and x and y do not overlap. It needs AVX2 and FMA3.", w),
	)
	Pragma("noescape")

	mp := Load(Param("mp"), GP64())
	SHLQ(U8(3), mp)
	xp := Load(Param("x").Base(), GP64())
	yp := Load(Param("y").Base(), GP64())
	lcount := Load(Param("L"), GP64())
	acc := make([]reg.VecVirtual, nv)
	for v := range acc {
		acc[v] = YMM()
	}
	b := YMM()

	Label("narrow_l")
	for v := range acc {
		VXORPD(acc[v], acc[v], acc[v])
	}
	j := Load(Param("np"), GP64())
	cp := Load(Param("ct").Base(), GP64())
	Label("narrow_j")
	VBROADCASTSD(Mem{Base: xp}, b)
	for v := range acc {
		VFMADD231PD(Mem{Base: cp, Disp: 32 * v}, b, acc[v])
	}
	ADDQ(U8(8), xp)
	ADDQ(U32(8*w), cp)
	DECQ(j)
	JNZ(LabelRef("narrow_j"))
	for v := range acc {
		VMOVUPD(acc[v], Mem{Base: yp, Disp: 32 * v})
	}
	ADDQ(mp, yp)
	DECQ(lcount)
	JNZ(LabelRef("narrow_l"))
	VZEROUPPER()
	RET()
}
