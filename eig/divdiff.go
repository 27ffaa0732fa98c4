package eig

import (
	"fmt"
	"math"

	"github.com/matcalc/matcalc"
)

const eps = 0x1p-52

// spectrum holds f, f′ and f″ at the eigenvalues, for the divided
// differences of a Func at the spectrum of a Sym.
type spectrum struct {
	fn          Func
	x           []float64 // the eigenvalues, ascending
	f, df, d2f  []float64 // f, f′, f″ at x; d2f is nil without D2F
	scale       float64   // max|λ|
	cbrtEpsRule bool      // no D2F: choose the Taylor form by the relative gap
	exp         bool      // f is exp (checked on the values): see gammaRow
}

// newSpectrum evaluates fn at the eigenvalues and checks that f (order 0),
// f′ (order ≥ 1) and f″ (order ≥ 2) are finite there; otherwise it returns
// an error matching matcalc.ErrDomain that names the eigenvalue.
func (s *Sym) newSpectrum(fn Func, op string, order int) (*spectrum, error) {
	if fn.F == nil || (order >= 1 && fn.DF == nil) {
		panic(op + ": Func needs F, and DF for derivatives")
	}
	if order >= 2 && fn.D2F == nil {
		panic(op + ": second-order derivatives need Func.D2F")
	}
	n := s.n
	sp := &spectrum{fn: fn, x: s.vals, scale: s.scale,
		f: make([]float64, n), df: make([]float64, n)}
	if fn.D2F != nil {
		sp.d2f = make([]float64, n)
	} else {
		sp.cbrtEpsRule = true
	}
	for i, x := range s.vals {
		sp.f[i] = fn.F(x)
		if fn.DF != nil {
			sp.df[i] = fn.DF(x)
		}
		if sp.d2f != nil {
			sp.d2f[i] = fn.D2F(x)
		}
		bad, what := "", ""
		switch {
		case !finite(sp.f[i]):
			bad, what = "f", fmt.Sprint(sp.f[i])
		case order >= 1 && !finite(sp.df[i]):
			bad, what = "f′", fmt.Sprint(sp.df[i])
		case order >= 2 && !finite(sp.d2f[i]):
			bad, what = "f″", fmt.Sprint(sp.d2f[i])
		}
		if bad != "" {
			return nil, &matcalc.Error{Op: op, Err: matcalc.ErrDomain,
				Detail: fmt.Sprintf("%s(λ_%d) = %s at λ_%d = %.6g", bad, i, what, i, x)}
		}
	}
	if fn.exp {
		// A copy of Exp with another F keeps the mark: trust it only if F
		// is exp at every eigenvalue.
		sp.exp = true
		for i, x := range s.vals {
			if sp.f[i] != math.Exp(x) {
				sp.exp = false
				break
			}
		}
	}
	return sp, nil
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// dd1 returns the first divided difference f[λ_i, λ_j].
func (sp *spectrum) dd1(i, j int) float64 {
	v, _ := sp.dd1e(i, j)
	return v
}

// dd1e returns f[λ_i, λ_j] and an estimate of its absolute error. Without
// Div it chooses between the quotient (f(a) − f(b))/(a − b), which loses
// about eps·|f|/h to rounding, and the trapezoid (f′(a) + f′(b))/2, which is
// off by h²|f‴|/12 with f‴ estimated as (f″(a) − f″(b))/h; without D2F, the
// trapezoid below a relative gap of cbrt(eps).
func (sp *spectrum) dd1e(i, j int) (v, err float64) {
	a, b := sp.x[i], sp.x[j]
	if sp.fn.Div != nil {
		v = sp.fn.Div(a, b)
		return v, 4 * eps * math.Abs(v)
	}
	taylor := 0.5 * (sp.df[i] + sp.df[j])
	h := math.Abs(a - b)
	if h == 0 {
		return taylor, eps * math.Abs(taylor)
	}
	naive := (sp.f[i] - sp.f[j]) / (a - b)
	eN := 4*eps*(math.Abs(sp.f[i])+math.Abs(sp.f[j]))/h + eps*math.Abs(naive)
	var eT float64
	if sp.cbrtEpsRule {
		m := math.Max(math.Abs(a), math.Abs(b))
		if h > 6e-6*m {
			return naive, eN
		}
		eT = (h / m) * (h / m) * math.Abs(taylor)
	} else {
		eT = h*math.Abs(sp.d2f[i]-sp.d2f[j])/12 + eps*math.Abs(taylor)
	}
	if eT < eN {
		return taylor, eT
	}
	return naive, eN
}

// dd2 returns the second divided difference f[λ_i, λ_j, λ_k]. Without Div2
// it chooses, by estimated error, between the quotient of first divided
// differences, which loses their errors over the spread H of the points,
// and the vertex average (f″(a) + f″(b) + f″(c))/6, which is off by about
// H²|f⁗| ≈ Δf″²/|f″| (Δf″ the spread of f″ over the points, which fits
// exponentials and powers).
func (sp *spectrum) dd2(i, j, k int) float64 {
	if sp.fn.Div2 != nil {
		return sp.fn.Div2(sp.x[i], sp.x[j], sp.x[k])
	}
	// Sort the indices by eigenvalue.
	if sp.x[i] > sp.x[j] {
		i, j = j, i
	}
	if sp.x[j] > sp.x[k] {
		j, k = k, j
	}
	if sp.x[i] > sp.x[j] {
		i, j = j, i
	}
	h := sp.x[k] - sp.x[i]
	avg := (sp.d2f[i] + sp.d2f[j] + sp.d2f[k]) / 3
	taylor := avg / 2
	if h == 0 {
		return taylor
	}
	lo, elo := sp.dd1e(i, j)
	hi, ehi := sp.dd1e(j, k)
	naive := (hi - lo) / h
	eN := (elo+ehi)/h + 4*eps*math.Abs(naive)
	spread := math.Max(sp.d2f[i], math.Max(sp.d2f[j], sp.d2f[k])) -
		math.Min(sp.d2f[i], math.Min(sp.d2f[j], sp.d2f[k]))
	eT := spread*spread/(12*math.Max(math.Abs(avg), spread)) + eps*math.Abs(taylor)
	if eT < eN {
		return taylor
	}
	return naive
}

// gamma returns the n×n matrix (row-major) of first divided differences
// Γ_ij = f[λ_i, λ_j], Γ_ii = f′(λ_i), exactly symmetric.
//
// Where the values f(λ_i) and f(λ_j) are far enough apart,
// |f_i| + |f_j| ≤ 4|f_i − f_j|, the quotient of the cached values is
// accurate to a few ulps whatever f is, and gamma takes it without calling
// Div; elsewhere it takes dd1.
func (sp *spectrum) gamma() []float64 {
	n := len(sp.x)
	g := make([]float64, n*n)
	for i := 0; i < n; i++ {
		sp.gammaRow(i, g[i*n:i*n+i+1])
		for j := 0; j < i; j++ {
			g[j*n+i] = g[i*n+j]
		}
	}
	return g
}

// gammaRow sets row[j] = Γ_ij for j ≤ i (row has i+1 elements), as gamma.
// For exp, with d = λ_i − λ_j ≥ 0 (ascending eigenvalues), it takes
// e^λ_j·expm1(d)/d below d = expm1RatioMax, from the cached e^λ_j and the
// series of expm1Ratio (within 2 ulps), and the quotient above it, where
// e^λ_i ≥ e^0.55·e^λ_j keeps it within a few ulps: no exp or expm1 per
// pair, which for a clustered spectrum is nearly every pair.
func (sp *spectrum) gammaRow(i int, row []float64) {
	fi, xi := sp.f[i], sp.x[i]
	if sp.exp {
		for j := range row[:i] {
			if d := xi - sp.x[j]; d < expm1RatioMax {
				row[j] = sp.f[j] * expm1Ratio(d)
			} else {
				row[j] = (fi - sp.f[j]) / d
			}
		}
		row[i] = sp.df[i]
		return
	}
	for j := range row[:i] {
		fj, xj := sp.f[j], sp.x[j]
		if df := fi - fj; math.Abs(fi)+math.Abs(fj) <= 4*math.Abs(df) && xi != xj {
			row[j] = df / (xi - xj)
		} else {
			row[j] = sp.dd1(i, j)
		}
	}
	row[i] = sp.df[i]
}
