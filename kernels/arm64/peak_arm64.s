//go:build arm64 && gc && !purego

#include "textflag.h"

// func FMAPeak(n int, x float64) float64
//
// Twelve accumulators V0–V11, the multiplicand x broadcast in V12: each trip
// issues 12 independent FMLAs, enough to cover a 4-cycle FMA latency on two
// to four 128-bit pipes. VFMLA is native in Go's assembler; the lane sum at
// the end uses scalar FADDD on the low lanes.
TEXT ·FMAPeak(SB), NOSPLIT, $0-24
	MOVD  n+0(FP), R0
	FMOVD x+8(FP), F12
	VDUP  V12.D[0], V12.D2
	VEOR  V0.B16, V0.B16, V0.B16
	VEOR  V1.B16, V1.B16, V1.B16
	VEOR  V2.B16, V2.B16, V2.B16
	VEOR  V3.B16, V3.B16, V3.B16
	VEOR  V4.B16, V4.B16, V4.B16
	VEOR  V5.B16, V5.B16, V5.B16
	VEOR  V6.B16, V6.B16, V6.B16
	VEOR  V7.B16, V7.B16, V7.B16
	VEOR  V8.B16, V8.B16, V8.B16
	VEOR  V9.B16, V9.B16, V9.B16
	VEOR  V10.B16, V10.B16, V10.B16
	VEOR  V11.B16, V11.B16, V11.B16

loop:
	CBZ   R0, done
	VFMLA V12.D2, V12.D2, V0.D2
	VFMLA V12.D2, V12.D2, V1.D2
	VFMLA V12.D2, V12.D2, V2.D2
	VFMLA V12.D2, V12.D2, V3.D2
	VFMLA V12.D2, V12.D2, V4.D2
	VFMLA V12.D2, V12.D2, V5.D2
	VFMLA V12.D2, V12.D2, V6.D2
	VFMLA V12.D2, V12.D2, V7.D2
	VFMLA V12.D2, V12.D2, V8.D2
	VFMLA V12.D2, V12.D2, V9.D2
	VFMLA V12.D2, V12.D2, V10.D2
	VFMLA V12.D2, V12.D2, V11.D2
	SUB   $1, R0
	B     loop

done:
	FADDD F1, F0, F0
	FADDD F2, F0, F0
	FADDD F3, F0, F0
	FADDD F4, F0, F0
	FADDD F5, F0, F0
	FADDD F6, F0, F0
	FADDD F7, F0, F0
	FADDD F8, F0, F0
	FADDD F9, F0, F0
	FADDD F10, F0, F0
	FADDD F11, F0, F0
	FMOVD F0, ret+16(FP)
	RET
