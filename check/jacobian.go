package check

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// Vec sets dst to vec(a), the columns of a stacked: a_ij lands at index
// i + j·m for an m×n a. An empty dst is sized for the caller; one of another
// length panics.
func Vec(dst *mat.VecDense, a mat.Matrix) {
	m, n := a.Dims()
	if dst.IsEmpty() {
		dst.ReuseAsVec(m * n)
	} else if dst.Len() != m*n {
		panic(fmt.Sprintf("check.Vec: dst has length %d, a is %d×%d", dst.Len(), m, n))
	}
	for j := 0; j < n; j++ {
		for i := 0; i < m; i++ {
			dst.SetVec(i+j*m, a.At(i, j))
		}
	}
}

// Unvec sets dst to the m×n matrix whose vec is v, the inverse of Vec. An
// empty dst is sized for the caller; a wrong-sized one panics. The argument
// order (dst, shape, data) is kron.Unvec's.
func Unvec(dst *mat.Dense, m, n int, v mat.Vector) {
	if v.Len() != m*n {
		panic(fmt.Sprintf("check.Unvec: v has length %d, want %d×%d", v.Len(), m, n))
	}
	sizeDst("check.Unvec", dst, m, n)
	for j := 0; j < n; j++ {
		for i := 0; i < m; i++ {
			dst.Set(i, j, v.AtVec(i+j*m))
		}
	}
}

// JacobianJVP sets dst to the Jacobian of the function whose JVP at a point
// is jvp, for inputs of m×n: column i + j·m of dst is vec(jvp(E_ij)). For an
// output of p×q, dst is (p·q)×(m·n). It costs m·n JVPs. An empty dst is sized
// for the caller; a wrong-sized one panics.
func JacobianJVP(dst *mat.Dense, jvp Map, m, n int) {
	e := mat.NewDense(m, n, nil)
	var y mat.Dense
	var col mat.VecDense
	for j := 0; j < n; j++ {
		for i := 0; i < m; i++ {
			e.Set(i, j, 1)
			jvp(&y, e)
			e.Set(i, j, 0)
			p, q := y.Dims()
			if i == 0 && j == 0 {
				sizeDst("check.JacobianJVP", dst, p*q, m*n)
			}
			if p*q != dst.RawMatrix().Rows {
				panic(fmt.Sprintf("check.JacobianJVP: jvp(E_%d%d) has %d entries, want %d", i, j, p*q, dst.RawMatrix().Rows))
			}
			col.Reset()
			Vec(&col, &y)
			dst.SetCol(i+j*m, col.RawVector().Data)
		}
	}
}

// JacobianVJP sets dst to the Jacobian of the function whose VJP at a point
// is vjp, for outputs of p×q: row i + j·p of dst is vec(vjp(E_ij))ᵀ. For an
// input of m×n, dst is (p·q)×(m·n). It costs p·q VJPs. An empty dst is sized
// for the caller; a wrong-sized one panics.
func JacobianVJP(dst *mat.Dense, vjp Map, p, q int) {
	e := mat.NewDense(p, q, nil)
	var x mat.Dense
	var row mat.VecDense
	for j := 0; j < q; j++ {
		for i := 0; i < p; i++ {
			e.Set(i, j, 1)
			vjp(&x, e)
			e.Set(i, j, 0)
			m, n := x.Dims()
			if i == 0 && j == 0 {
				sizeDst("check.JacobianVJP", dst, p*q, m*n)
			}
			if m*n != dst.RawMatrix().Cols {
				panic(fmt.Sprintf("check.JacobianVJP: vjp(E_%d%d) has %d entries, want %d", i, j, m*n, dst.RawMatrix().Cols))
			}
			row.Reset()
			Vec(&row, &x)
			dst.SetRow(i+j*p, row.RawVector().Data)
		}
	}
}

// JacobianFD sets dst to the finite-difference Jacobian of f at a, column by
// column: column i + j·m is the derivative along E_ij, taken as JVP takes its
// reference (opts may be nil). It returns the estimated error of dst in the
// Frobenius norm. An empty dst is sized for the caller; a wrong-sized one
// panics.
func JacobianFD(dst *mat.Dense, f Func, a mat.Matrix, opts *Options) (err float64) {
	m, n := a.Dims()
	e := mat.NewDense(m, n, nil)
	var col mat.VecDense
	var sum sumSquares
	for j := 0; j < n; j++ {
		for i := 0; i < m; i++ {
			e.Set(i, j, 1)
			ref := newLine(f, a, e).derivative(opts.formula(), opts.step(), opts.scale())
			e.Set(i, j, 0)
			p, q := ref.d.Dims()
			if i == 0 && j == 0 {
				sizeDst("check.JacobianFD", dst, p*q, m*n)
			}
			col.Reset()
			Vec(&col, ref.d)
			dst.SetCol(i+j*m, col.RawVector().Data)
			sum.add(ref.err, 1)
		}
	}
	return sum.norm()
}

// sizeDst sizes an empty dst as r×c and panics, naming fn, if a non-empty one
// has another size.
func sizeDst(fn string, dst *mat.Dense, r, c int) {
	if dst.IsEmpty() {
		dst.ReuseAs(r, c)
		return
	}
	if rr, cc := dst.Dims(); rr != r || cc != c {
		panic(fmt.Sprintf("%s: dst is %d×%d, want %d×%d", fn, rr, cc, r, c))
	}
}
