//go:build arm64 && gc && !purego

#include "textflag.h"
#include "tile_arm64.h"

// The 6×8 NEON DGEMM microkernel reading A and B where they lie, for the
// small-matrix path that does not pack. It is dgemm_arm64.s with strided
// loads: the tile and the 24 FMLA by element per k step are the same.
//
// Registers:
//
//	R0         k steps left
//	R2, R13    B and its row stride in bytes
//	R3, R4     C and its row stride in bytes
//	R6–R11     A's rows 0–5 of the tile, each advanced by R12 = csa·8 bytes
//	V0–V2      a[i*rsa + p*csa] for i < 6, two rows in each register
//	V3–V6      b[p*ldb : p*ldb+8]
//	V7         alpha in both lanes (only after the k loop)
//	V8–V31     the accumulators: row i of the tile in V(8+4i)–V(11+4i)
//
// Each k step issues seven loads (six single-lane LD1 of A, one LD1 of four
// q registers of B) and 24 FMLA by element: 0.42 vector loads per FMA, still
// well under the FMA issue time on the cores of dgemm_arm64.s.

// func dgemmKernel6x8Strided(kc int, alpha float64, a *float64, rsa, csa int, b *float64, ldb int, c *float64, ldc int)
TEXT ·dgemmKernel6x8Strided(SB), NOSPLIT|NOFRAME, $0-72
	MOVD kc+0(FP), R0
	MOVD a+16(FP), R6
	MOVD rsa+24(FP), R5
	MOVD csa+32(FP), R12
	MOVD b+40(FP), R2
	MOVD ldb+48(FP), R13
	MOVD c+56(FP), R3
	MOVD ldc+64(FP), R4
	LSL  $3, R5
	LSL  $3, R12
	LSL  $3, R13
	LSL  $3, R4
	ADD  R5, R6, R7
	ADD  R5, R7, R8
	ADD  R5, R8, R9
	ADD  R5, R9, R10
	ADD  R5, R10, R11

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
	VEOR V24.B16, V24.B16, V24.B16
	VEOR V25.B16, V25.B16, V25.B16
	VEOR V26.B16, V26.B16, V26.B16
	VEOR V27.B16, V27.B16, V27.B16
	VEOR V28.B16, V28.B16, V28.B16
	VEOR V29.B16, V29.B16, V29.B16
	VEOR V30.B16, V30.B16, V30.B16
	VEOR V31.B16, V31.B16, V31.B16

loop:
	VLD1.P (R6)(R12), V0.D[0]                      // a[0*rsa + p*csa]
	VLD1.P (R7)(R12), V0.D[1]                      // a[1*rsa + p*csa]
	VLD1.P (R8)(R12), V1.D[0]                      // a[2*rsa + p*csa]
	VLD1.P (R9)(R12), V1.D[1]                      // a[3*rsa + p*csa]
	VLD1.P (R10)(R12), V2.D[0]                     // a[4*rsa + p*csa]
	VLD1.P (R11)(R12), V2.D[1]                     // a[5*rsa + p*csa]
	VLD1.P (R2)(R13), [V3.D2, V4.D2, V5.D2, V6.D2] // b[p*ldb : p*ldb+8]
	// Row 0: c0[0:8] += b[p*ldb : p*ldb+8] * a[0*rsa+p*csa].
	WORD $0x4fc01068 // fmla v8.2d, v3.2d, v0.d[0]
	WORD $0x4fc01089 // fmla v9.2d, v4.2d, v0.d[0]
	WORD $0x4fc010aa // fmla v10.2d, v5.2d, v0.d[0]
	WORD $0x4fc010cb // fmla v11.2d, v6.2d, v0.d[0]
	// Row 1: c1[0:8] += b[p*ldb : p*ldb+8] * a[1*rsa+p*csa].
	WORD $0x4fc0186c // fmla v12.2d, v3.2d, v0.d[1]
	WORD $0x4fc0188d // fmla v13.2d, v4.2d, v0.d[1]
	WORD $0x4fc018ae // fmla v14.2d, v5.2d, v0.d[1]
	WORD $0x4fc018cf // fmla v15.2d, v6.2d, v0.d[1]
	// Row 2: c2[0:8] += b[p*ldb : p*ldb+8] * a[2*rsa+p*csa].
	WORD $0x4fc11070 // fmla v16.2d, v3.2d, v1.d[0]
	WORD $0x4fc11091 // fmla v17.2d, v4.2d, v1.d[0]
	WORD $0x4fc110b2 // fmla v18.2d, v5.2d, v1.d[0]
	WORD $0x4fc110d3 // fmla v19.2d, v6.2d, v1.d[0]
	// Row 3: c3[0:8] += b[p*ldb : p*ldb+8] * a[3*rsa+p*csa].
	WORD $0x4fc11874 // fmla v20.2d, v3.2d, v1.d[1]
	WORD $0x4fc11895 // fmla v21.2d, v4.2d, v1.d[1]
	WORD $0x4fc118b6 // fmla v22.2d, v5.2d, v1.d[1]
	WORD $0x4fc118d7 // fmla v23.2d, v6.2d, v1.d[1]
	// Row 4: c4[0:8] += b[p*ldb : p*ldb+8] * a[4*rsa+p*csa].
	WORD $0x4fc21078 // fmla v24.2d, v3.2d, v2.d[0]
	WORD $0x4fc21099 // fmla v25.2d, v4.2d, v2.d[0]
	WORD $0x4fc210ba // fmla v26.2d, v5.2d, v2.d[0]
	WORD $0x4fc210db // fmla v27.2d, v6.2d, v2.d[0]
	// Row 5: c5[0:8] += b[p*ldb : p*ldb+8] * a[5*rsa+p*csa].
	WORD $0x4fc2187c // fmla v28.2d, v3.2d, v2.d[1]
	WORD $0x4fc2189d // fmla v29.2d, v4.2d, v2.d[1]
	WORD $0x4fc218be // fmla v30.2d, v5.2d, v2.d[1]
	WORD $0x4fc218df // fmla v31.2d, v6.2d, v2.d[1]
	SUBS $1, R0
	BNE  loop

	// c[i*ldc : i*ldc+8] += alpha * accumulators of row i.
	ADD_TILE
	RET
