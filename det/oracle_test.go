package det

import (
	"math/big"
)

// An exact oracle: every float64 is a rational number, so det, the cofactor
// matrix, its derivative and A⁻¹ of the matrix the test holds can be
// computed exactly with math/big and rounded once at the end. It shares no
// code and no algorithm with the package.

// ratMat converts the row-major n×n float64 matrix a to exact rationals.
func ratMat(a []float64, n int) []*big.Rat {
	r := make([]*big.Rat, n*n)
	for i, v := range a {
		r[i] = new(big.Rat).SetFloat64(v)
	}
	return r
}

// ratDet returns det a by Gaussian elimination on a copy.
func ratDet(a []*big.Rat, n int) *big.Rat {
	m := make([]*big.Rat, n*n)
	for i := range a {
		m[i] = new(big.Rat).Set(a[i])
	}
	d := big.NewRat(1, 1)
	t := new(big.Rat)
	for k := 0; k < n; k++ {
		p := -1
		for i := k; i < n; i++ {
			if m[i*n+k].Sign() != 0 {
				p = i
				break
			}
		}
		if p < 0 {
			return new(big.Rat)
		}
		if p != k {
			for j := 0; j < n; j++ {
				m[k*n+j], m[p*n+j] = m[p*n+j], m[k*n+j]
			}
			d.Neg(d)
		}
		piv := m[k*n+k]
		d.Mul(d, piv)
		for i := k + 1; i < n; i++ {
			if m[i*n+k].Sign() == 0 {
				continue
			}
			l := new(big.Rat).Quo(m[i*n+k], piv)
			for j := k; j < n; j++ {
				m[i*n+j].Sub(m[i*n+j], t.Mul(l, m[k*n+j]))
			}
		}
	}
	return d
}

// ratCof returns the cofactor matrix of a: det(a)·a⁻ᵀ when a is invertible,
// else from its minors.
func ratCof(a []*big.Rat, n int) []*big.Rat {
	c := make([]*big.Rat, n*n)
	if n == 1 {
		c[0] = big.NewRat(1, 1)
		return c
	}
	if d := ratDet(a, n); d.Sign() != 0 {
		inv := ratInv(a, n)
		for i := 0; i < n; i++ {
			for j := 0; j < n; j++ {
				c[i*n+j] = new(big.Rat).Mul(d, inv[j*n+i])
			}
		}
		return c
	}
	minor := make([]*big.Rat, (n-1)*(n-1))
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			k := 0
			for r := 0; r < n; r++ {
				for s := 0; s < n; s++ {
					if r != i && s != j {
						minor[k] = a[r*n+s]
						k++
					}
				}
			}
			d := ratDet(minor, n-1)
			if (i+j)%2 == 1 {
				d.Neg(d)
			}
			c[i*n+j] = d
		}
	}
	return c
}

// ratCofDeriv returns d/dt cof(a + t·e) at t = 0. Each entry of cof(a + t·e)
// is a polynomial of degree at most n−1 in t; it is interpolated exactly at
// t = 0, 1, …, n−1 and the interpolant differentiated at 0.
func ratCofDeriv(a, e []*big.Rat, n int) []*big.Rat {
	out := make([]*big.Rat, n*n)
	for i := range out {
		out[i] = new(big.Rat)
	}
	if n < 2 {
		return out
	}
	pts := n
	for k := 0; k < pts; k++ {
		// L_k'(0) for the Lagrange basis on the nodes 0..pts-1.
		w := new(big.Rat)
		for j := 0; j < pts; j++ {
			if j == k {
				continue
			}
			term := big.NewRat(1, 1)
			for m := 0; m < pts; m++ {
				if m == k || m == j {
					continue
				}
				term.Mul(term, big.NewRat(int64(-m), 1))
			}
			w.Add(w, term)
		}
		den := big.NewRat(1, 1)
		for m := 0; m < pts; m++ {
			if m != k {
				den.Mul(den, big.NewRat(int64(k-m), 1))
			}
		}
		w.Quo(w, den)
		if w.Sign() == 0 {
			continue
		}
		at := make([]*big.Rat, n*n)
		tk := big.NewRat(int64(k), 1)
		for i := range at {
			at[i] = new(big.Rat).Add(a[i], new(big.Rat).Mul(tk, e[i]))
		}
		c := ratCof(at, n)
		for i := range out {
			out[i].Add(out[i], new(big.Rat).Mul(w, c[i]))
		}
	}
	return out
}

// ratInv returns a⁻¹ by Gauss–Jordan elimination, or nil if a is singular.
func ratInv(a []*big.Rat, n int) []*big.Rat {
	m := make([]*big.Rat, n*2*n)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			m[i*2*n+j] = new(big.Rat).Set(a[i*n+j])
			m[i*2*n+n+j] = new(big.Rat)
		}
		m[i*2*n+n+i].SetInt64(1)
	}
	w := 2 * n
	t := new(big.Rat)
	for k := 0; k < n; k++ {
		p := -1
		for i := k; i < n; i++ {
			if m[i*w+k].Sign() != 0 {
				p = i
				break
			}
		}
		if p < 0 {
			return nil
		}
		for j := 0; j < w; j++ {
			m[k*w+j], m[p*w+j] = m[p*w+j], m[k*w+j]
		}
		piv := new(big.Rat).Set(m[k*w+k])
		for j := 0; j < w; j++ {
			m[k*w+j].Quo(m[k*w+j], piv)
		}
		for i := 0; i < n; i++ {
			if i == k || m[i*w+k].Sign() == 0 {
				continue
			}
			l := new(big.Rat).Set(m[i*w+k])
			for j := 0; j < w; j++ {
				m[i*w+j].Sub(m[i*w+j], t.Mul(l, m[k*w+j]))
			}
		}
	}
	inv := make([]*big.Rat, n*n)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			inv[i*n+j] = m[i*w+n+j]
		}
	}
	return inv
}

// ratMul returns the product of two n×n rational matrices.
func ratMul(a, b []*big.Rat, n int) []*big.Rat {
	c := make([]*big.Rat, n*n)
	t := new(big.Rat)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			s := new(big.Rat)
			for k := 0; k < n; k++ {
				s.Add(s, t.Mul(a[i*n+k], b[k*n+j]))
			}
			c[i*n+j] = s
		}
	}
	return c
}

// floats rounds a rational matrix to float64.
func floats(r []*big.Rat) []float64 {
	f := make([]float64, len(r))
	for i, v := range r {
		f[i], _ = v.Float64()
	}
	return f
}

// ratTranspose returns the transpose of an n×n rational matrix.
func ratTranspose(a []*big.Rat, n int) []*big.Rat {
	t := make([]*big.Rat, n*n)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			t[j*n+i] = a[i*n+j]
		}
	}
	return t
}

// exact holds the oracle's answers for one matrix.
type exact struct {
	det    float64
	cof    []float64 // gradient of det
	inv    []float64 // A⁻¹, nil if singular
	cofDer []float64 // Hessian of det applied to e
	logHVP []float64 // −(A⁻¹ e A⁻¹)ᵀ, nil if singular
}

// oracle computes the exact answers for a and the direction e (which may be
// nil to skip the second-order ones).
func oracle(a, e []float64, n int) exact {
	ra := ratMat(a, n)
	var x exact
	x.det, _ = ratDet(ra, n).Float64()
	x.cof = floats(ratCof(ra, n))
	inv := ratInv(ra, n)
	if inv != nil {
		x.inv = floats(inv)
	}
	if e != nil {
		re := ratMat(e, n)
		x.cofDer = floats(ratCofDeriv(ra, re, n))
		if inv != nil {
			p := ratMul(ratMul(inv, re, n), inv, n)
			for _, v := range p {
				v.Neg(v)
			}
			x.logHVP = floats(ratTranspose(p, n))
		}
	}
	return x
}
