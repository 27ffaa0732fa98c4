// Package arm64 holds matcalc's NEON assembly kernels. Package kernels selects
// them on arm64, where NEON is baseline; nothing else imports this package.
//
// DgemmKernel is the GEMM microkernel of the packing and blocking framework in
// package kernels: a 6×8 register tile of C held in 24 of the 32 vector
// registers, updated by 24 FMLA-by-element per k step from 3 vectors of A and
// 4 of B (0.29 vector loads per FMA). Go's assembler lacks FMLA by element,
// so those instructions are WORDs with their GNU mnemonics in comments;
// TestWordEncodings checks every one against an encoder written from the Arm
// ARM and, when binutils-aarch64-linux-gnu is installed, against GNU as. The
// test runs on every GOARCH, since it only reads the assembly source.
//
// DgemmKernelStrided is the same tile reading A and B where they lie (A
// row-major, transposed or packed; B by rows with any stride), for a
// small-matrix path that does not pack.
//
// KronWide and KronNarrow are the kernels of kernels.KronMode, the mode
// product (I_L ⊗ A ⊗ I_R) x of a Kronecker operator with small factors, both
// on one assembly loop in register blocks of 4 rows by 8 columns (16 FMLA by
// element per step from 5 load instructions): KronWide vectorizes along the
// trailing mode R; KronNarrow serves R = 1 as X·Aᵀ with Aᵀ packed, blocked
// over 4 rows of X.
//
// The files that hold assembly build only with `arm64 && gc && !purego`, so
// the package is empty elsewhere.
package arm64
