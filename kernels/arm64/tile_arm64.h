// The epilogue the 6×8 NEON microkernels share: C += alpha · accumulators.
// Included by dgemm_arm64.s and strided_arm64.s; it holds no WORD.

// ADD_ROW adds alpha (broadcast in V7) times the accumulators a, b, c, d of
// one row of the tile to the 8 doubles of C at R3, through V0–V3.
#define ADD_ROW(a, b, c, d) \
	VLD1  (R3), [V0.D2, V1.D2, V2.D2, V3.D2]; \
	VFMLA a, V7.D2, V0.D2; \
	VFMLA b, V7.D2, V1.D2; \
	VFMLA c, V7.D2, V2.D2; \
	VFMLA d, V7.D2, V3.D2; \
	VST1  [V0.D2, V1.D2, V2.D2, V3.D2], (R3)

// ADD_TILE adds alpha (at alpha+8(FP)) times the 6×8 tile held in V8–V31,
// row i in V(8+4i)–V(11+4i), to C at R3 with row stride R4 bytes.
#define ADD_TILE \
	FMOVD alpha+8(FP), F7; \
	VDUP  V7.D[0], V7.D2; \
	ADD_ROW(V8.D2, V9.D2, V10.D2, V11.D2); \
	ADD   R4, R3; \
	ADD_ROW(V12.D2, V13.D2, V14.D2, V15.D2); \
	ADD   R4, R3; \
	ADD_ROW(V16.D2, V17.D2, V18.D2, V19.D2); \
	ADD   R4, R3; \
	ADD_ROW(V20.D2, V21.D2, V22.D2, V23.D2); \
	ADD   R4, R3; \
	ADD_ROW(V24.D2, V25.D2, V26.D2, V27.D2); \
	ADD   R4, R3; \
	ADD_ROW(V28.D2, V29.D2, V30.D2, V31.D2)
