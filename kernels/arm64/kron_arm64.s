//go:build arm64 && gc && !purego

#include "textflag.h"

// The NEON kernel of the mode product of Kronecker operators with small
// factors (kernels.KronMode). kronWide computes L products Y_l = A·X_l of an
// m×n matrix A with n×w slices X_l, where rows of X_l and Y_l are contiguous
// and lie at strides ldx and ldy, and slices at strides sx and sy; see
// kron_arm64.go for the loop. y = (I_L ⊗ A ⊗ I_R) x is the case ldx = ldy =
// R (vectorized along the trailing mode), and for R = 1 the product X·Aᵀ of
// the L×n matrix X with a packed Aᵀ is the case L = 1 with A := X.
//
// A block of output is 4 rows of A by 8 columns of the slice, held in 16
// accumulators; each step j loads one value of each of the 4 rows of A into
// two vector lanes (four single-lane LD1, post-incremented along the rows),
// 8 values of row j of X_l (one LD1 of four q registers, post-incremented by
// ldx) and issues 16 FMLA by element: 5 load instructions for 32
// multiply-adds. The rows left over when m is not a multiple of 4 run one at
// a time (4 FMLA per step), and columns past the last block of 8 run in
// blocks of 2 (4 FMLA per step for 4 rows, 1 for a single row). Every output
// element is one chain of fused multiply-adds in the order of j, whatever
// block computed it, so overlapping blocks recompute the same bits.
//
// Go's assembler has no FMLA by element, so those instructions are WORDs,
// each commented with its GNU mnemonic and checked by TestWordEncodings.

// func kronWide(m, n int, a *float64, lda, L int, x *float64, sx, ldx int, y *float64, sy, ldy, w int)
//
// Registers:
//
//	R0, R1     m and n
//	R2, R3     A and its row stride in bytes
//	R4         slices left
//	R5         ldx in bytes: the row stride of X_l
//	R6         w in bytes
//	R7, R8     X_l and Y_l
//	R9         the first column of the block, in bytes
//	R10        rows of A left in the block of columns
//	R11, R12   the block's first row of A and of Y_l
//	R13–R16    rows of A, advanced along j
//	R17        row j of X_l at column r
//	R19        steps j left
//	R20, R21   sx and sy in bytes: the strides from X_l to X_{l+1}, Y_l to Y_{l+1}
//	R22        scratch
//	R23        ldy in bytes: the row stride of Y_l
//	V0, V1     a[i*lda+j] of the block's rows i, two in each register
//	V4–V7      x[j*ldx+r : j*ldx+r+8]
//	V8–V23     the accumulators: row k of the block in V(8+4k)–V(11+4k)
//	           for blocks of 8 columns, in V(8+k) for blocks of 2
TEXT ·kronWide(SB), NOSPLIT|NOFRAME, $0-96
	MOVD m+0(FP), R0
	MOVD n+8(FP), R1
	MOVD a+16(FP), R2
	MOVD lda+24(FP), R3
	MOVD L+32(FP), R4
	MOVD x+40(FP), R7
	MOVD sx+48(FP), R20
	MOVD ldx+56(FP), R5
	MOVD y+64(FP), R8
	MOVD sy+72(FP), R21
	MOVD ldy+80(FP), R23
	MOVD w+88(FP), R6
	LSL  $3, R3
	LSL  $3, R20
	LSL  $3, R5
	LSL  $3, R21
	LSL  $3, R23
	LSL  $3, R6

wide_l:
	MOVD $0, R9

wide_c8:
	// Blocks of 8 columns while at least 8 are left.
	SUB  R9, R6, R22
	CMP  $64, R22
	BLT  wide_c2
	MOVD R0, R10
	MOVD R2, R11
	ADD  R9, R8, R12

wide_c8_r4:
	CMP  $4, R10
	BLT  wide_c8_r1
	VEOR V8.B16, V8.B16, V8.B16
	VEOR V9.B16, V9.B16, V9.B16
	VEOR V10.B16, V10.B16, V10.B16
	VEOR V11.B16, V11.B16, V11.B16
	VEOR V12.B16, V12.B16, V12.B16
	VEOR V13.B16, V13.B16, V13.B16
	VEOR V14.B16, V14.B16, V14.B16
	VEOR V15.B16, V15.B16, V15.B16
	VEOR V16.B16, V16.B16, V16.B16
	VEOR V17.B16, V17.B16, V17.B16
	VEOR V18.B16, V18.B16, V18.B16
	VEOR V19.B16, V19.B16, V19.B16
	VEOR V20.B16, V20.B16, V20.B16
	VEOR V21.B16, V21.B16, V21.B16
	VEOR V22.B16, V22.B16, V22.B16
	VEOR V23.B16, V23.B16, V23.B16
	MOVD R11, R13
	ADD  R3, R13, R14
	ADD  R3, R14, R15
	ADD  R3, R15, R16
	ADD  R9, R7, R17
	MOVD R1, R19

wide_c8_r4_j:
	VLD1.P 8(R13), V0.D[0]                         // a[(i+0)*lda + j]
	VLD1.P 8(R14), V0.D[1]                         // a[(i+1)*lda + j]
	VLD1.P 8(R15), V1.D[0]                         // a[(i+2)*lda + j]
	VLD1.P 8(R16), V1.D[1]                         // a[(i+3)*lda + j]
	VLD1.P (R17)(R5), [V4.D2, V5.D2, V6.D2, V7.D2] // x[j*ldx+r : j*ldx+r+8]
	// Row 0: y0[r:r+8] += a[0*lda+j] * x[j*ldx+r : j*ldx+r+8].
	WORD $0x4fc01088 // fmla v8.2d, v4.2d, v0.d[0]
	WORD $0x4fc010a9 // fmla v9.2d, v5.2d, v0.d[0]
	WORD $0x4fc010ca // fmla v10.2d, v6.2d, v0.d[0]
	WORD $0x4fc010eb // fmla v11.2d, v7.2d, v0.d[0]
	// Row 1: y1[r:r+8] += a[1*lda+j] * x[j*ldx+r : j*ldx+r+8].
	WORD $0x4fc0188c // fmla v12.2d, v4.2d, v0.d[1]
	WORD $0x4fc018ad // fmla v13.2d, v5.2d, v0.d[1]
	WORD $0x4fc018ce // fmla v14.2d, v6.2d, v0.d[1]
	WORD $0x4fc018ef // fmla v15.2d, v7.2d, v0.d[1]
	// Row 2: y2[r:r+8] += a[2*lda+j] * x[j*ldx+r : j*ldx+r+8].
	WORD $0x4fc11090 // fmla v16.2d, v4.2d, v1.d[0]
	WORD $0x4fc110b1 // fmla v17.2d, v5.2d, v1.d[0]
	WORD $0x4fc110d2 // fmla v18.2d, v6.2d, v1.d[0]
	WORD $0x4fc110f3 // fmla v19.2d, v7.2d, v1.d[0]
	// Row 3: y3[r:r+8] += a[3*lda+j] * x[j*ldx+r : j*ldx+r+8].
	WORD $0x4fc11894 // fmla v20.2d, v4.2d, v1.d[1]
	WORD $0x4fc118b5 // fmla v21.2d, v5.2d, v1.d[1]
	WORD $0x4fc118d6 // fmla v22.2d, v6.2d, v1.d[1]
	WORD $0x4fc118f7 // fmla v23.2d, v7.2d, v1.d[1]
	SUBS $1, R19
	BNE  wide_c8_r4_j
	VST1 [V8.D2, V9.D2, V10.D2, V11.D2], (R12)
	ADD  R23, R12
	VST1 [V12.D2, V13.D2, V14.D2, V15.D2], (R12)
	ADD  R23, R12
	VST1 [V16.D2, V17.D2, V18.D2, V19.D2], (R12)
	ADD  R23, R12
	VST1 [V20.D2, V21.D2, V22.D2, V23.D2], (R12)
	ADD  R23, R12
	ADD  R3<<2, R11
	SUB  $4, R10
	B    wide_c8_r4

wide_c8_r1:
	CBZ  R10, wide_c8_next
	VEOR V8.B16, V8.B16, V8.B16
	VEOR V9.B16, V9.B16, V9.B16
	VEOR V10.B16, V10.B16, V10.B16
	VEOR V11.B16, V11.B16, V11.B16
	MOVD R11, R13
	ADD  R9, R7, R17
	MOVD R1, R19

wide_c8_r1_j:
	VLD1.P 8(R13), V0.D[0]                         // a[i*lda + j]
	VLD1.P (R17)(R5), [V4.D2, V5.D2, V6.D2, V7.D2] // x[j*ldx+r : j*ldx+r+8]
	WORD $0x4fc01088 // fmla v8.2d, v4.2d, v0.d[0]
	WORD $0x4fc010a9 // fmla v9.2d, v5.2d, v0.d[0]
	WORD $0x4fc010ca // fmla v10.2d, v6.2d, v0.d[0]
	WORD $0x4fc010eb // fmla v11.2d, v7.2d, v0.d[0]
	SUBS $1, R19
	BNE  wide_c8_r1_j
	VST1 [V8.D2, V9.D2, V10.D2, V11.D2], (R12)
	ADD  R23, R12
	ADD  R3, R11
	SUB  $1, R10
	B    wide_c8_r1

wide_c8_next:
	ADD $64, R9
	B   wide_c8

wide_c2:
	// Blocks of 2 columns up to w.
	CMP  R6, R9
	BGE  wide_next
	MOVD R0, R10
	MOVD R2, R11
	ADD  R9, R8, R12

wide_c2_r4:
	CMP  $4, R10
	BLT  wide_c2_r1
	VEOR V8.B16, V8.B16, V8.B16
	VEOR V9.B16, V9.B16, V9.B16
	VEOR V10.B16, V10.B16, V10.B16
	VEOR V11.B16, V11.B16, V11.B16
	MOVD R11, R13
	ADD  R3, R13, R14
	ADD  R3, R14, R15
	ADD  R3, R15, R16
	ADD  R9, R7, R17
	MOVD R1, R19

wide_c2_r4_j:
	VLD1.P 8(R13), V0.D[0]       // a[(i+0)*lda + j]
	VLD1.P 8(R14), V0.D[1]       // a[(i+1)*lda + j]
	VLD1.P 8(R15), V1.D[0]       // a[(i+2)*lda + j]
	VLD1.P 8(R16), V1.D[1]       // a[(i+3)*lda + j]
	VLD1.P (R17)(R5), [V4.D2]    // x[j*ldx+r : j*ldx+r+2]
	WORD $0x4fc01088 // fmla v8.2d, v4.2d, v0.d[0]
	WORD $0x4fc01889 // fmla v9.2d, v4.2d, v0.d[1]
	WORD $0x4fc1108a // fmla v10.2d, v4.2d, v1.d[0]
	WORD $0x4fc1188b // fmla v11.2d, v4.2d, v1.d[1]
	SUBS $1, R19
	BNE  wide_c2_r4_j
	VST1 [V8.D2], (R12)
	ADD  R23, R12
	VST1 [V9.D2], (R12)
	ADD  R23, R12
	VST1 [V10.D2], (R12)
	ADD  R23, R12
	VST1 [V11.D2], (R12)
	ADD  R23, R12
	ADD  R3<<2, R11
	SUB  $4, R10
	B    wide_c2_r4

wide_c2_r1:
	CBZ  R10, wide_c2_next
	VEOR V8.B16, V8.B16, V8.B16
	MOVD R11, R13
	ADD  R9, R7, R17
	MOVD R1, R19

wide_c2_r1_j:
	VLD1.P 8(R13), V0.D[0]       // a[i*lda + j]
	VLD1.P (R17)(R5), [V4.D2]    // x[j*ldx+r : j*ldx+r+2]
	WORD $0x4fc01088 // fmla v8.2d, v4.2d, v0.d[0]
	SUBS $1, R19
	BNE  wide_c2_r1_j
	VST1 [V8.D2], (R12)
	ADD  R23, R12
	ADD  R3, R11
	SUB  $1, R10
	B    wide_c2_r1

wide_c2_next:
	ADD $16, R9
	B   wide_c2

wide_next:
	ADD  R20, R7
	ADD  R21, R8
	SUBS $1, R4
	BNE  wide_l
	RET
