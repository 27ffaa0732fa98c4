package eig

import (
	"sync"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"
)

// The matrix products of the package. Every product goes through blas64,
// that is through whatever BLAS is installed with blas64.Use, and the cost
// of each derivative is stated in these units:
//
//	one GEMM       an n×n by n×n product (2n³ flops), gemm
//	half a GEMM    a product known to be symmetric, of which symGemm computes
//	               the lower triangle only: by the BLAS's Dgemmt where it
//	               has one (kernels.Implementation does), otherwise by
//	               recursive halving, 1/2 + 16/n of a GEMM in flops
//
// so that V X Vᵀ and Vᵀ X V with X symmetric cost 1.5 GEMMs each.

// gemmter is the dgemmt extension of a BLAS (MKL's, OpenBLAS's, matcalc's
// kernels.Implementation): the ul triangle of C = alpha·op(A)·op(B) + beta·C
// for a square C, the rest of C untouched.
type gemmter interface {
	Dgemmt(ul blas.Uplo, tA, tB blas.Transpose, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int)
}

// gemm sets dst = op(a)·op(b), op transposing when the flag is set.
func gemm(dst, a *mat.Dense, ta bool, b *mat.Dense, tb bool) {
	blas64.Gemm(trans(ta), trans(tb), 1, a.RawMatrix(), b.RawMatrix(), 0, dst.RawMatrix())
}

func trans(t bool) blas.Transpose {
	if t {
		return blas.Trans
	}
	return blas.NoTrans
}

// symLeaf is the size below which symGemm computes a diagonal block in
// full: the lower half then costs 1/2 + 16/n of a GEMM in flops (0.53 at
// n = 512). Measured with gonum's BLAS it costs 0.6 to 0.65 of a GEMM at
// n = 256 and 512 (smaller calls run slower); leaves of 16 or 64 are no
// better.
const symLeaf = 32

// symGemm sets dst = op(a)·op(b) for a product the caller knows to be
// symmetric (up to rounding): it computes the lower triangle only, by
// recursive halving (the off-diagonal block of each half by one GEMM call,
// the diagonal blocks recursively, down to symLeaf), and mirrors it into the
// upper triangle, so that dst is exactly symmetric. dst is n×n and aliases
// neither input.
func symGemm(dst, a *mat.Dense, ta bool, b *mat.Dense, tb bool) {
	lowerHalf(dst, a, ta, b, tb)
	mirrorLower(dst.RawMatrix())
}

// lowerHalf sets the lower triangle of dst = op(a)·op(b), for a product the
// caller knows to be symmetric, leaving the strict upper triangle of dst
// unspecified. dst is n×n and aliases neither input.
func lowerHalf(dst, a *mat.Dense, ta bool, b *mat.Dense, tb bool) {
	ra, rb, rd := a.RawMatrix(), b.RawMatrix(), dst.RawMatrix()
	inner := ra.Cols
	if ta {
		inner = ra.Rows
	}
	if g, ok := blas64.Implementation().(gemmter); ok {
		g.Dgemmt(blas.Lower, trans(ta), trans(tb), rd.Rows, inner, 1, ra.Data, ra.Stride, rb.Data, rb.Stride, 0, rd.Data, rd.Stride)
		return
	}
	// block sets dst[r0:r1, c0:c1] = op(a)[r0:r1, :] · op(b)[:, c0:c1].
	block := func(r0, r1, c0, c1 int) {
		var sa, sb blas64.General
		if ta {
			sa = subGeneral(ra, 0, inner, r0, r1)
		} else {
			sa = subGeneral(ra, r0, r1, 0, inner)
		}
		if tb {
			sb = subGeneral(rb, c0, c1, 0, inner)
		} else {
			sb = subGeneral(rb, 0, inner, c0, c1)
		}
		blas64.Gemm(trans(ta), trans(tb), 1, sa, sb, 0, subGeneral(rd, r0, r1, c0, c1))
	}
	var lower func(lo, hi int)
	lower = func(lo, hi int) {
		if hi-lo <= symLeaf {
			block(lo, hi, lo, hi)
			return
		}
		mid := lo + (hi-lo)/2
		block(mid, hi, lo, mid)
		lower(lo, mid)
		lower(mid, hi)
	}
	lower(0, rd.Rows)
}

// trmmMin is the smallest order at which lowerTimes multiplies by the
// triangle with one Dtrmm: with matcalc's kernels a Dtrmm of order 64 took
// 15% longer than lowerGemm's three small GEMMs, at 256 and 512 it was 10%
// faster (ValuesJVP), and on gonum's BLAS it was faster from 64 on.
const trmmMin = 128

// lowerTimes sets dst = L·b for the lower triangle L of the square y (y
// must hold zeros above its diagonal), b and dst n×n: half a GEMM, by one
// Dtrmm on a copy of b from order trmmMin on, by lowerGemm below.
func lowerTimes(dst, y, b *mat.Dense) {
	n, _ := y.Dims()
	if n < trmmMin {
		lowerGemm(dst, y, b)
		return
	}
	dst.Copy(b)
	ry := y.RawMatrix()
	blas64.Trmm(blas.Left, blas.NoTrans, 1,
		blas64.Triangular{Uplo: blas.Lower, Diag: blas.NonUnit, N: n, Stride: ry.Stride, Data: ry.Data},
		dst.RawMatrix())
}

// lowerGemm sets dst = L·b for the lower triangle L of the square y (y must
// hold zeros above its diagonal), by recursive halving: the off-diagonal
// block of each half by one GEMM call, the diagonal blocks recursively, down
// to symLeaf. It costs 1/2 + 16/n of a GEMM in flops. dst is n×c and
// aliases neither input.
func lowerGemm(dst, y, b *mat.Dense) {
	ry, rb, rd := y.RawMatrix(), b.RawMatrix(), dst.RawMatrix()
	c := rb.Cols
	for i := 0; i < rd.Rows; i++ {
		clear(rd.Data[i*rd.Stride : i*rd.Stride+c])
	}
	// add sets dst[r0:r1, :] += y[r0:r1, c0:c1] · b[c0:c1, :].
	add := func(r0, r1, c0, c1 int) {
		blas64.Gemm(blas.NoTrans, blas.NoTrans, 1, subGeneral(ry, r0, r1, c0, c1),
			subGeneral(rb, c0, c1, 0, c), 1, subGeneral(rd, r0, r1, 0, c))
	}
	var rec func(lo, hi int)
	rec = func(lo, hi int) {
		if hi-lo <= symLeaf {
			add(lo, hi, lo, hi)
			return
		}
		mid := lo + (hi-lo)/2
		add(mid, hi, lo, mid)
		rec(lo, mid)
		rec(mid, hi)
	}
	rec(0, rd.Rows)
}

// subGeneral returns the view m[r0:r1, c0:c1].
func subGeneral(m blas64.General, r0, r1, c0, c1 int) blas64.General {
	return blas64.General{
		Rows:   r1 - r0,
		Cols:   c1 - c0,
		Stride: m.Stride,
		Data:   m.Data[r0*m.Stride+c0 : (r1-1)*m.Stride+c1],
	}
}

// mirrorTile is the side of the square tiles in which the mirrors and
// skewLower transpose. A column of a matrix whose rows are 4 KiB apart (n =
// 512) maps to one L1 set: walked whole it misses on every element, and the
// eight rows of an 8×8 tile just fit the set's eight ways (16 and 32
// measured 1.7× and 3× slower at n = 512).
const mirrorTile = 8

// mirrorWhole is the largest order byTiles walks row by row: the matrix
// then sits in L1 (8·64² bytes = 32 KiB) and tiles would only add calls.
const mirrorWhole = 64

// mirrorLower copies the strict lower triangle of the square m into its
// upper triangle.
func mirrorLower(m blas64.General) { reflectLower(m, 1) }

// reflectLower sets the strict upper triangle of the square m to sign times
// the transpose of its strict lower triangle: sign 1 makes m symmetric, −1
// antisymmetric (with a zero diagonal).
func reflectLower(m blas64.General, sign float64) {
	// Writing rows of the upper triangle, reading columns of the lower one,
	// measured faster than the other way round.
	ld := m.Stride
	byTiles(m.Rows, true, func(r, c0, c1 int) {
		row := m.Data[r*ld : r*ld+c1]
		for c := c0; c < c1; c++ {
			row[c] = sign * m.Data[c*ld+r]
		}
	})
}

// skewLower sets the strict lower triangle of the square m to that of
// skew(m) = (m − mᵀ)/2, reading its strict upper triangle, which it leaves
// as it was.
func skewLower(m blas64.General) { averageLower(m, -1) }

// symmetrize sets m = (m + mᵀ)/2 in place.
func symmetrize(m *mat.Dense) {
	raw := m.RawMatrix()
	averageLower(raw, 1)
	mirrorLower(raw)
}

// averageLower sets the strict lower triangle of the square m to that of
// (m + sign·mᵀ)/2, by tiles, reading the strict upper triangle and leaving
// it as it was.
func averageLower(m blas64.General, sign float64) {
	ld := m.Stride
	byTiles(m.Rows, false, func(r, c0, c1 int) {
		row := m.Data[r*ld : r*ld+c1]
		for c := c0; c < c1; c++ {
			row[c] = 0.5 * (row[c] + sign*m.Data[c*ld+r])
		}
	})
}

// byTiles calls f(r, c0, c1) for the segments [c0, c1) of the rows r of the
// strict lower (upper false) or strict upper triangle of an n×n matrix,
// tile by tile of mirrorTile × mirrorTile, so that the elements of the
// other triangle that f reads or writes by column stay in cache.
func byTiles(n int, upper bool, f func(r, c0, c1 int)) {
	if n <= mirrorWhole {
		for r := 0; r < n; r++ {
			if upper && r+1 < n {
				f(r, r+1, n)
			} else if !upper && r > 0 {
				f(r, 0, r)
			}
		}
		return
	}
	for r0 := 0; r0 < n; r0 += mirrorTile {
		r1 := min(n, r0+mirrorTile)
		first, last := 0, r0 // the tiles of columns that meet the triangle
		if upper {
			first, last = r0, n-1
		}
		for t0 := first; t0 <= last; t0 += mirrorTile {
			for r := r0; r < r1; r++ {
				c0, c1 := t0, min(t0+mirrorTile, n)
				if upper {
					c0 = max(c0, r+1)
				} else {
					c1 = min(c1, r)
				}
				if c0 < c1 {
					f(r, c0, c1)
				}
			}
		}
	}
}

// symCopy returns an n×n dense copy of sym(m) = (m + mᵀ)/2, reading the
// raw storage of a *mat.SymDense or *mat.Dense, in a work matrix from
// getScratch (which the caller may return with putScratch).
func symCopy(m mat.Matrix) *mat.Dense {
	n, _ := m.Dims()
	d := getScratch(n, n)
	dr := d.RawMatrix()
	switch m := m.(type) {
	case *mat.SymDense:
		raw := m.RawSymmetric() // upper triangle
		for i := 0; i < n; i++ {
			copy(dr.Data[i*dr.Stride+i:i*dr.Stride+n], raw.Data[i*raw.Stride+i:i*raw.Stride+n])
		}
		mirrorUpper(dr)
		return d
	case *mat.Dense:
		raw := m.RawMatrix()
		for i := 0; i < n; i++ {
			copy(dr.Data[i*dr.Stride:i*dr.Stride+n], raw.Data[i*raw.Stride:i*raw.Stride+n])
		}
	default:
		d.Copy(m)
		if _, ok := m.(mat.Symmetric); ok {
			return d
		}
	}
	symmetrize(d)
	return d
}

// mirrorUpper copies the strict upper triangle of the square m into its
// lower triangle.
func mirrorUpper(m blas64.General) {
	ld := m.Stride
	byTiles(m.Rows, false, func(r, c0, c1 int) {
		row := m.Data[r*ld : r*ld+c1]
		for c := c0; c < c1; c++ {
			row[c] = m.Data[c*ld+r]
		}
	})
}

// scratchPool holds the backing arrays of work matrices, so that the
// derivative methods do not allocate (and the runtime does not zero) n×n
// arrays on every call, while a Sym stays safe for concurrent use.
var scratchPool sync.Pool // of *[]float64

// getScratch returns an r×c matrix with unspecified contents; the caller
// writes every element before reading it, and returns it with putScratch.
func getScratch(r, c int) *mat.Dense {
	p, _ := scratchPool.Get().(*[]float64)
	if p == nil || cap(*p) < r*c {
		return mat.NewDense(r, c, make([]float64, r*c))
	}
	return mat.NewDense(r, c, (*p)[:r*c])
}

// putScratch returns work matrices from getScratch to the pool.
func putScratch(ms ...*mat.Dense) {
	for _, m := range ms {
		d := m.RawMatrix().Data
		scratchPool.Put(&d)
	}
}

// toBasis sets dst = Vᵀ X V for a symmetric X: 1.5 GEMMs. tmp is n×n
// scratch; neither dst nor tmp aliases x or v.
func toBasis(dst, tmp, v, x *mat.Dense) {
	gemm(tmp, x, false, v, false) // X V: 1 GEMM
	symGemm(dst, v, true, tmp, false)
}

// toBasisLower sets the lower triangle of dst = Vᵀ X V for a symmetric X,
// leaving its strict upper triangle unspecified: 1.5 GEMMs. tmp is n×n
// scratch; neither dst nor tmp aliases x or v.
func toBasisLower(dst, tmp, v, x *mat.Dense) {
	gemm(tmp, x, false, v, false) // X V: 1 GEMM
	lowerHalf(dst, v, true, tmp, false)
}

// fromBasis sets dst = V X Vᵀ for a symmetric X: 1.5 GEMMs. tmp is n×n
// scratch; neither dst nor tmp aliases x or v.
func fromBasis(dst, tmp, v, x *mat.Dense) {
	gemm(tmp, v, false, x, false) // V X: 1 GEMM
	symGemm(dst, tmp, false, v, true)
}
