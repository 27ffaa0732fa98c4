package kernels

import "gonum.org/v1/gonum/blas"

// validTrsm reports whether gonum's Dtrsm and Dtrmm accept the arguments
// (they check the same things), so that the blocked path never hides one of
// gonum's panics.
func validTrsm(s blas.Side, ul blas.Uplo, tA blas.Transpose, d blas.Diag, m, n int, a []float64, lda int, b []float64, ldb int) bool {
	if !validSide(s) || !validUplo(ul) || !validTrans(tA) || !validDiag(d) || m < 0 || n < 0 {
		return false
	}
	k := n
	if s == blas.Left {
		k = m
	}
	return lda >= max(1, k) && ldb >= max(1, n) &&
		(m == 0 || n == 0 || (minLenOK(len(a), k, k, lda) && minLenOK(len(b), m, n, ldb)))
}

// dtrsm solves op(A)·X = alpha·B (Left, A m×m) or X·op(A) = alpha·B (Right,
// A n×n) for X, which overwrites B, by recursion on halves of A: each half
// is solved in turn and its contribution removed from the other half of B
// with one GEMM. The arguments are valid.
func dtrsm(s blas.Side, ul blas.Uplo, tA blas.Transpose, d blas.Diag, m, n int, alpha float64, a []float64, lda int, b []float64, ldb int) {
	order := n
	if s == blas.Left {
		order = m
	}
	if order <= level3Leaf || m == 0 || n == 0 {
		native.Dtrsm(s, ul, tA, d, m, n, alpha, a, lda, b, ldb)
		return
	}
	h := split(order)
	a11, a22 := a, a[h*lda+h:]
	lower := lowerOp(ul, tA)
	if s == blas.Left {
		// op(A) = [A11 A12; A21 A22] with h rows in the first block.
		b1, b2 := b, b[h*ldb:]
		if lower {
			// X1 = A11⁻¹·alpha·B1; B2 = alpha·B2 − A21·X1; X2 = A22⁻¹·B2.
			dtrsm(s, ul, tA, d, h, n, alpha, a11, lda, b1, ldb)
			Dgemm(tA, blas.NoTrans, m-h, n, h, -1, a[opOff(tA, h, 0, lda):], lda, b1, ldb, alpha, b2, ldb)
			dtrsm(s, ul, tA, d, m-h, n, 1, a22, lda, b2, ldb)
			return
		}
		// X2 = A22⁻¹·alpha·B2; B1 = alpha·B1 − A12·X2; X1 = A11⁻¹·B1.
		dtrsm(s, ul, tA, d, m-h, n, alpha, a22, lda, b2, ldb)
		Dgemm(tA, blas.NoTrans, h, n, m-h, -1, a[opOff(tA, 0, h, lda):], lda, b2, ldb, alpha, b1, ldb)
		dtrsm(s, ul, tA, d, h, n, 1, a11, lda, b1, ldb)
		return
	}
	// Right: B = [B1 B2] with h columns in the first block.
	b1, b2 := b, b[h:]
	if lower {
		// X2 = alpha·B2·A22⁻¹; B1 = alpha·B1 − X2·A21; X1 = B1·A11⁻¹.
		dtrsm(s, ul, tA, d, m, n-h, alpha, a22, lda, b2, ldb)
		Dgemm(blas.NoTrans, tA, m, h, n-h, -1, b2, ldb, a[opOff(tA, h, 0, lda):], lda, alpha, b1, ldb)
		dtrsm(s, ul, tA, d, m, h, 1, a11, lda, b1, ldb)
		return
	}
	// X1 = alpha·B1·A11⁻¹; B2 = alpha·B2 − X1·A12; X2 = B2·A22⁻¹.
	dtrsm(s, ul, tA, d, m, h, alpha, a11, lda, b1, ldb)
	Dgemm(blas.NoTrans, tA, m, n-h, h, -1, b1, ldb, a[opOff(tA, 0, h, lda):], lda, alpha, b2, ldb)
	dtrsm(s, ul, tA, d, m, n-h, 1, a22, lda, b2, ldb)
}

// flip returns the other transpose: op(A)ᵀ is flip(op)(A).
func flip(tA blas.Transpose) blas.Transpose {
	if tA == blas.NoTrans {
		return blas.Trans
	}
	return blas.NoTrans
}

// onTranspose copies the m×n matrix B into a pooled n×m buffer as Bᵀ, calls
// f on it and copies the result back into B. The right-side triangular
// routines run as left-side ones on Bᵀ: on row-major data the left-side
// recursion's GEMMs and gonum's left-side leaves run on long rows, and were
// about 1.6× faster at n = 512 than the right-side ones, for an O(m·n) copy
// against O(m·n²) flops.
func onTranspose(m, n int, b []float64, ldb int, f func(bt []float64, ldt int)) {
	bp := symBuffers.Get().(*[]float64)
	bt := grow(*bp, m*n)
	transpose(bt, m, b, ldb, m, n)
	f(bt, m)
	transpose(b, ldb, bt, m, n, m)
	*bp = bt
	symBuffers.Put(bp)
}

// transpose sets dst[j*ldd+i] = src[i*lds+j] for i < r and j < c, in
// 8×8 blocks so that both sides stay in cache: the rows of a block of a
// matrix with a 4 KiB stride share one L1 set of eight ways (32×32 blocks
// measured 1.4× slower at 512×512).
func transpose(dst []float64, ldd int, src []float64, lds, r, c int) {
	const bs = 8
	for i0 := 0; i0 < r; i0 += bs {
		i1 := min(i0+bs, r)
		for j0 := 0; j0 < c; j0 += bs {
			j1 := min(j0+bs, c)
			for i := i0; i < i1; i++ {
				row := src[i*lds+j0 : i*lds+j1]
				for j, v := range row {
					dst[(j0+j)*ldd+i] = v
				}
			}
		}
	}
}
