package kernels

import "gonum.org/v1/gonum/blas"

// packA copies op(A)[ic:ic+mb, pc:pc+kb] into dst as ⌈mb/mr⌉ micro-panels;
// micro-panel r holds dst[r*mr*kb + p*mr + i] = op(A)[ic+r*mr+i, pc+p], with
// zeros past row mb.
func packA(dst []float64, aTrans bool, a []float64, lda, ic, pc, mb, kb, mr int) {
	for ir := 0; ir < mb; ir += mr {
		mw := min(mr, mb-ir)
		panel := dst[ir*kb : ir*kb+kb*mr]
		if aTrans {
			// op(A)[i, p] = a[p*lda+i]: row p of a holds the panel's column p.
			copyPanel(panel, mr, mw, a[pc*lda+ic+ir:], lda, kb)
		} else {
			gatherPanel(panel, mr, mw, a[(ic+ir)*lda+pc:], lda, kb)
		}
	}
}

// packTriangle rewrites packed micro-panels of a triangular operand so that
// its elements outside the triangle ul are zero and, if unit, its diagonal
// is one, whatever the stored matrix holds there. The panels are those of
// packB: ⌈w/r⌉ micro-panels of r columns, panel q holding
// dst[q*r*kb + p*r + j] for the kb rows p and the columns q*r + j of a block
// of op(B) whose element [0, 0] lies on diagonal d (row minus column); ul
// is the triangle of op(B), blas.Lower keeping p − j ≥ −d. packA's panels
// of op(A) are the same layout for op(A)ᵀ, of the other triangle.
func packTriangle(dst []float64, ul blas.Uplo, unit bool, d, kb, w, r int) {
	for jr := 0; jr < w; jr += r {
		panel := dst[jr*kb : jr*kb+kb*r]
		for j := 0; j < min(r, w-jr); j++ {
			pd := jr + j - d           // the row of the diagonal in column j
			z0, z1 := max(0, pd+1), kb // upper: zero below the diagonal
			if ul == blas.Lower {
				z0, z1 = 0, min(kb, max(0, pd))
			}
			for p := z0; p < z1; p++ {
				panel[p*r+j] = 0
			}
			if unit && pd >= 0 && pd < kb {
				panel[pd*r+j] = 1
			}
		}
	}
}

// other returns the other triangle.
func other(ul blas.Uplo) blas.Uplo {
	if ul == blas.Lower {
		return blas.Upper
	}
	return blas.Lower
}

// packB copies op(B)[pc:pc+kb, jc:jc+nb] into dst as ⌈nb/nr⌉ micro-panels;
// micro-panel r holds dst[r*nr*kb + p*nr + j] = op(B)[pc+p, jc+r*nr+j], with
// zeros past column nb.
func packB(dst []float64, bTrans bool, b []float64, ldb, pc, jc, kb, nb, nr int) {
	for jr := 0; jr < nb; jr += nr {
		nw := min(nr, nb-jr)
		panel := dst[jr*kb : jr*kb+kb*nr]
		if bTrans {
			// op(B)[p, j] = b[j*ldb+p]: row j of b holds the panel's column j.
			gatherPanel(panel, nr, nw, b[(jc+jr)*ldb+pc:], ldb, kb)
		} else {
			copyPanel(panel, nr, nw, b[pc*ldb+jc+jr:], ldb, kb)
		}
	}
}

// copyPanel sets panel[p*w+i] = src[p*ld+i] for p < kb and i < valid, and
// zero for valid ≤ i < w: kb rows of valid contiguous values each. Rows of
// 4, 6 or 8 values are copied element by element: a call of copy (memmove)
// per short row costs more than the copy.
func copyPanel(panel []float64, w, valid int, src []float64, ld, kb int) {
	if valid < w {
		for p := 0; p < kb; p++ {
			row := panel[p*w : p*w+w]
			copy(row, src[p*ld:p*ld+valid])
			clear(row[valid:])
		}
		return
	}
	switch w {
	case 8:
		for p := 0; p < kb; p++ {
			d, s := panel[p*8:p*8+8], src[p*ld:p*ld+8]
			d[0], d[1], d[2], d[3] = s[0], s[1], s[2], s[3]
			d[4], d[5], d[6], d[7] = s[4], s[5], s[6], s[7]
		}
	case 6:
		for p := 0; p < kb; p++ {
			d, s := panel[p*6:p*6+6], src[p*ld:p*ld+6]
			d[0], d[1], d[2], d[3], d[4], d[5] = s[0], s[1], s[2], s[3], s[4], s[5]
		}
	case 4:
		for p := 0; p < kb; p++ {
			d, s := panel[p*4:p*4+4], src[p*ld:p*ld+4]
			d[0], d[1], d[2], d[3] = s[0], s[1], s[2], s[3]
		}
	default:
		for p := 0; p < kb; p++ {
			copy(panel[p*w:p*w+w], src[p*ld:p*ld+w])
		}
	}
}

// gatherPanel sets panel[p*w+i] = src[i*ld+p] for p < kb and i < valid, and
// zero for valid ≤ i < w: a transpose of valid contiguous rows of kb values.
func gatherPanel(panel []float64, w, valid int, src []float64, ld, kb int) {
	panel = panel[:kb*w]
	// Full panels of the register tiles in use, in one pass over the panel.
	switch {
	case valid == 6 && w == 6:
		r0, r1, r2 := src[:kb], src[ld:ld+kb], src[2*ld:2*ld+kb]
		r3, r4, r5 := src[3*ld:3*ld+kb], src[4*ld:4*ld+kb], src[5*ld:5*ld+kb]
		for p, v := range r0 {
			d := panel[p*6 : p*6+6]
			d[0], d[1], d[2], d[3], d[4], d[5] = v, r1[p], r2[p], r3[p], r4[p], r5[p]
		}
		return
	case valid == 8 && w == 8:
		r0, r1, r2, r3 := src[:kb], src[ld:ld+kb], src[2*ld:2*ld+kb], src[3*ld:3*ld+kb]
		r4, r5, r6, r7 := src[4*ld:4*ld+kb], src[5*ld:5*ld+kb], src[6*ld:6*ld+kb], src[7*ld:7*ld+kb]
		for p, v := range r0 {
			d := panel[p*8 : p*8+8]
			d[0], d[1], d[2], d[3] = v, r1[p], r2[p], r3[p]
			d[4], d[5], d[6], d[7] = r4[p], r5[p], r6[p], r7[p]
		}
		return
	}
	i := 0
	for ; i+4 <= valid; i += 4 {
		r0 := src[i*ld : i*ld+kb]
		r1 := src[(i+1)*ld : (i+1)*ld+kb]
		r2 := src[(i+2)*ld : (i+2)*ld+kb]
		r3 := src[(i+3)*ld : (i+3)*ld+kb]
		for p, v := range r0 {
			d := panel[p*w+i : p*w+i+4]
			d[0], d[1], d[2], d[3] = v, r1[p], r2[p], r3[p]
		}
	}
	for ; i < valid; i++ {
		for p, v := range src[i*ld : i*ld+kb] {
			panel[p*w+i] = v
		}
	}
	if valid < w {
		for p := 0; p < kb; p++ {
			clear(panel[p*w+valid : p*w+w])
		}
	}
}
