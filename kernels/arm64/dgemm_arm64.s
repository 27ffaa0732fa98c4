//go:build arm64 && gc && !purego

#include "textflag.h"
#include "tile_arm64.h"

// The 6×8 NEON DGEMM microkernel.
//
// Registers:
//
//	R0         k steps left
//	R1, R2     the packed micro-panels of A and B
//	R3, R4     C and its row stride in bytes
//	R5         a row of C to prefetch
//	V0–V2      a[p*6 : p*6+6], two rows of the tile in each register
//	V3–V6      b[p*8 : p*8+8]
//	V7         alpha in both lanes (only after the k loop)
//	V8–V31     the accumulators: row i of the tile in V(8+4i)–V(11+4i)
//
// Each k step issues two load instructions (one LD1 of three and one of four
// q registers: 7 vector loads, 112 bytes) and 24 FMLA by element, each a
// 2-double FMA of a whole vector of B by one lane of A: 0.29 vector loads per
// FMA, 48 multiply-adds per 7 loaded vectors. Go's assembler has no FMLA by
// element, so those are WORDs, each commented with its GNU mnemonic and
// checked against GNU as by TestWordEncodings.
//
// Throughput, argued from the code (no arm64 hardware has run it): on
// Neoverse N1 (Graviton 2, Ampere Altra: two 128-bit FMA pipes, two load
// pipes, FMLA latency 4) a k step needs 12 cycles of FMA issue against about
// 3.5 cycles of loads, and each accumulator is updated every 12 cycles, so
// the loop is bound by the FMA pipes alone: 100% of peak in theory. On
// Neoverse V1/V2 and Apple's performance cores (four 128-bit FMA pipes, three
// load pipes) it is 6 cycles of FMAs against about 2.5 of loads, accumulators
// 6 cycles apart: again FMA-bound. Loop overhead is 2 instructions per 2 k
// steps. The work outside the loop (12 prefetches, 24 zeroings, 6 rows of C
// read, updated and written) is about 2% of a call at kc = 256. The loop is
// not scheduled for in-order cores (Cortex-A53/A55), which stall briefly on
// each step's loads.

// func dgemmKernel6x8(kc int, alpha float64, a, b, c *float64, ldc int)
TEXT ·dgemmKernel6x8(SB), NOSPLIT|NOFRAME, $0-48
	MOVD  kc+0(FP), R0
	MOVD  a+16(FP), R1
	MOVD  b+24(FP), R2
	MOVD  c+32(FP), R3
	MOVD  ldc+40(FP), R4
	LSL   $3, R4

	// Prefetch the tile of C for writing: it is read and written only after
	// the k loop, by which time the prefetches have landed. A row of 8
	// doubles spans at most two cache lines.
	MOVD R3, R5
	PRFM (R5), PSTL1KEEP
	PRFM 56(R5), PSTL1KEEP
	ADD  R4, R5
	PRFM (R5), PSTL1KEEP
	PRFM 56(R5), PSTL1KEEP
	ADD  R4, R5
	PRFM (R5), PSTL1KEEP
	PRFM 56(R5), PSTL1KEEP
	ADD  R4, R5
	PRFM (R5), PSTL1KEEP
	PRFM 56(R5), PSTL1KEEP
	ADD  R4, R5
	PRFM (R5), PSTL1KEEP
	PRFM 56(R5), PSTL1KEEP
	ADD  R4, R5
	PRFM (R5), PSTL1KEEP
	PRFM 56(R5), PSTL1KEEP

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

	// The loop runs two k steps per iteration. For odd kc it rounds the
	// count up and enters at the second step.
	TBZ  $0, R0, loop
	ADD  $1, R0
	B    second

loop:
	VLD1.P 48(R1), [V0.D2, V1.D2, V2.D2]       // a[p*6 : p*6+6]
	VLD1.P 64(R2), [V3.D2, V4.D2, V5.D2, V6.D2] // b[p*8 : p*8+8]
	// Row 0: c0[0:8] += b[p*8 : p*8+8] * a[p*6+0].
	WORD $0x4fc01068 // fmla v8.2d, v3.2d, v0.d[0]
	WORD $0x4fc01089 // fmla v9.2d, v4.2d, v0.d[0]
	WORD $0x4fc010aa // fmla v10.2d, v5.2d, v0.d[0]
	WORD $0x4fc010cb // fmla v11.2d, v6.2d, v0.d[0]
	// Row 1: c1[0:8] += b[p*8 : p*8+8] * a[p*6+1].
	WORD $0x4fc0186c // fmla v12.2d, v3.2d, v0.d[1]
	WORD $0x4fc0188d // fmla v13.2d, v4.2d, v0.d[1]
	WORD $0x4fc018ae // fmla v14.2d, v5.2d, v0.d[1]
	WORD $0x4fc018cf // fmla v15.2d, v6.2d, v0.d[1]
	// Row 2: c2[0:8] += b[p*8 : p*8+8] * a[p*6+2].
	WORD $0x4fc11070 // fmla v16.2d, v3.2d, v1.d[0]
	WORD $0x4fc11091 // fmla v17.2d, v4.2d, v1.d[0]
	WORD $0x4fc110b2 // fmla v18.2d, v5.2d, v1.d[0]
	WORD $0x4fc110d3 // fmla v19.2d, v6.2d, v1.d[0]
	// Row 3: c3[0:8] += b[p*8 : p*8+8] * a[p*6+3].
	WORD $0x4fc11874 // fmla v20.2d, v3.2d, v1.d[1]
	WORD $0x4fc11895 // fmla v21.2d, v4.2d, v1.d[1]
	WORD $0x4fc118b6 // fmla v22.2d, v5.2d, v1.d[1]
	WORD $0x4fc118d7 // fmla v23.2d, v6.2d, v1.d[1]
	// Row 4: c4[0:8] += b[p*8 : p*8+8] * a[p*6+4].
	WORD $0x4fc21078 // fmla v24.2d, v3.2d, v2.d[0]
	WORD $0x4fc21099 // fmla v25.2d, v4.2d, v2.d[0]
	WORD $0x4fc210ba // fmla v26.2d, v5.2d, v2.d[0]
	WORD $0x4fc210db // fmla v27.2d, v6.2d, v2.d[0]
	// Row 5: c5[0:8] += b[p*8 : p*8+8] * a[p*6+5].
	WORD $0x4fc2187c // fmla v28.2d, v3.2d, v2.d[1]
	WORD $0x4fc2189d // fmla v29.2d, v4.2d, v2.d[1]
	WORD $0x4fc218be // fmla v30.2d, v5.2d, v2.d[1]
	WORD $0x4fc218df // fmla v31.2d, v6.2d, v2.d[1]

second:
	VLD1.P 48(R1), [V0.D2, V1.D2, V2.D2]       // a[p*6 : p*6+6]
	VLD1.P 64(R2), [V3.D2, V4.D2, V5.D2, V6.D2] // b[p*8 : p*8+8]
	// Row 0: c0[0:8] += b[p*8 : p*8+8] * a[p*6+0].
	WORD $0x4fc01068 // fmla v8.2d, v3.2d, v0.d[0]
	WORD $0x4fc01089 // fmla v9.2d, v4.2d, v0.d[0]
	WORD $0x4fc010aa // fmla v10.2d, v5.2d, v0.d[0]
	WORD $0x4fc010cb // fmla v11.2d, v6.2d, v0.d[0]
	// Row 1: c1[0:8] += b[p*8 : p*8+8] * a[p*6+1].
	WORD $0x4fc0186c // fmla v12.2d, v3.2d, v0.d[1]
	WORD $0x4fc0188d // fmla v13.2d, v4.2d, v0.d[1]
	WORD $0x4fc018ae // fmla v14.2d, v5.2d, v0.d[1]
	WORD $0x4fc018cf // fmla v15.2d, v6.2d, v0.d[1]
	// Row 2: c2[0:8] += b[p*8 : p*8+8] * a[p*6+2].
	WORD $0x4fc11070 // fmla v16.2d, v3.2d, v1.d[0]
	WORD $0x4fc11091 // fmla v17.2d, v4.2d, v1.d[0]
	WORD $0x4fc110b2 // fmla v18.2d, v5.2d, v1.d[0]
	WORD $0x4fc110d3 // fmla v19.2d, v6.2d, v1.d[0]
	// Row 3: c3[0:8] += b[p*8 : p*8+8] * a[p*6+3].
	WORD $0x4fc11874 // fmla v20.2d, v3.2d, v1.d[1]
	WORD $0x4fc11895 // fmla v21.2d, v4.2d, v1.d[1]
	WORD $0x4fc118b6 // fmla v22.2d, v5.2d, v1.d[1]
	WORD $0x4fc118d7 // fmla v23.2d, v6.2d, v1.d[1]
	// Row 4: c4[0:8] += b[p*8 : p*8+8] * a[p*6+4].
	WORD $0x4fc21078 // fmla v24.2d, v3.2d, v2.d[0]
	WORD $0x4fc21099 // fmla v25.2d, v4.2d, v2.d[0]
	WORD $0x4fc210ba // fmla v26.2d, v5.2d, v2.d[0]
	WORD $0x4fc210db // fmla v27.2d, v6.2d, v2.d[0]
	// Row 5: c5[0:8] += b[p*8 : p*8+8] * a[p*6+5].
	WORD $0x4fc2187c // fmla v28.2d, v3.2d, v2.d[1]
	WORD $0x4fc2189d // fmla v29.2d, v4.2d, v2.d[1]
	WORD $0x4fc218be // fmla v30.2d, v5.2d, v2.d[1]
	WORD $0x4fc218df // fmla v31.2d, v6.2d, v2.d[1]
	SUBS $2, R0
	BNE  loop

	// c[i*ldc : i*ldc+8] += alpha * accumulators of row i.
	ADD_TILE
	RET
