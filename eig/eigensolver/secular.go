// Copyright ©2026 The matcalc Authors. All rights reserved.

package eigensolver

import "math"

// maxSecularIter bounds the iterations of secularRoot. Each iteration either
// takes a rational-interpolation step or halves the bracket, so the bound is
// generous: a double has 53 bits and the rational steps converge quadratically.
const maxSecularIter = 120

// secularRoot computes the i-th smallest root λ of the secular equation
//
//	f(λ) = 1/ρ + Σ_j z_j² / (d_j − λ) = 0,
//
// with d strictly increasing, every z_j nonzero and ρ > 0. The root lies in
// (d_i, d_{i+1}), or in (d_{k−1}, d_{k−1} + ρ‖z‖²] for the last one.
//
// It writes delta[j] = d_j − λ, computed as (d_j − d_o) − τ about the pole d_o
// nearer to the root, so that the differences keep high relative accuracy;
// the Gu–Eisenstat eigenvectors need exactly that. It returns λ = d_o + τ.
//
// The method is that of LAPACK's dlaed4 (Ren-Cang Li's rational
// interpolation): the poles left and right of the root are each replaced by
// one pole with a fitted weight, and the resulting quadratic is solved for
// the step. Steps that leave the bracket kept from the sign of f fall back
// to bisection, so the iteration always terminates.
func secularRoot(i int, d, z []float64, rho float64, delta []float64) (lam float64, ok bool) {
	k := len(d)
	if k == 1 {
		delta[0] = -rho * z[0] * z[0]
		return d[0] + rho*z[0]*z[0], true
	}
	rhoinv := 1 / rho

	// p and q are the poles on either side of the root; origin is the index
	// of the pole the shifted variable τ is measured from.
	var p, q, origin int
	var tau, lb, ub float64
	if i < k-1 {
		p, q = i, i+1
		gap := d[q] - d[p]
		mid := gap / 2
		// f at the midpoint, the two nearest poles apart.
		c := rhoinv
		for j := 0; j < k; j++ {
			if j != p && j != q {
				c += z[j] * z[j] / ((d[j] - d[p]) - mid)
			}
		}
		zp2, zq2 := z[p]*z[p], z[q]*z[q]
		w := c - zp2/mid + zq2/(gap-mid)
		if w > 0 {
			// The root is in the left half: measure from d_p.
			origin = p
			lb, ub = 0, mid
			tau = quadRoot(c*gap+zp2+zq2, zp2*gap, c)
		} else {
			origin = q
			lb, ub = -mid, 0
			tau = quadRoot(-c*gap+zp2+zq2, -zq2*gap, c)
		}
	} else {
		p, q = k-2, k-1
		origin = q
		var zz float64
		for _, v := range z {
			zz += v * v
		}
		lb, ub = 0, rho*zz
		// The two-pole model with the poles d_p, d_q and the rest of f
		// evaluated at the upper bound.
		c := rhoinv
		for j := 0; j < p; j++ {
			c += z[j] * z[j] / ((d[j] - d[q]) - ub)
		}
		zp2, zq2 := z[p]*z[p], z[q]*z[q]
		gap := d[q] - d[p]
		// Measured from d_q: Δ_p = −gap, Δ_q = 0.
		tau = quadRoot(-c*gap+zp2+zq2, -zq2*gap, c)
	}
	if !(tau > lb && tau < ub) {
		tau = lb + (ub-lb)/2
	}
	do := d[origin]

	const eps = 0x1p-53
	prevW := 0.0
	fixedWeight := i < k-1
	for iter := 0; iter < maxSecularIter; iter++ {
		// Evaluate f, its parts left (ψ, poles ≤ p) and right (φ, poles ≥ q)
		// of the root, their derivatives and a bound on the rounding error.
		// The differences are recomputed from τ at every step rather than
		// updated by η: after a large bisection step, accumulated updates
		// would lose the relative accuracy of the small ones.
		var psi, dpsi, errL float64
		for j := 0; j <= p; j++ {
			delta[j] = (d[j] - do) - tau
			t := z[j] / delta[j]
			psi += z[j] * t
			dpsi += t * t
			errL += psi
		}
		var phi, dphi, errR float64
		for j := k - 1; j >= q; j-- {
			delta[j] = (d[j] - do) - tau
			t := z[j] / delta[j]
			phi += z[j] * t
			dphi += t * t
			errR += phi
		}
		w := rhoinv + psi + phi
		dw := dpsi + dphi
		erretm := 8*(phi-psi) + math.Abs(errL) + errR + 2*rhoinv + math.Abs(tau)*dw
		if math.Abs(w) <= eps*erretm || w == 0 {
			return do + tau, true
		}
		if w < 0 {
			lb = math.Max(lb, tau)
		} else {
			ub = math.Min(ub, tau)
		}
		if ub-lb <= 4*eps*math.Max(math.Abs(lb), math.Abs(ub)) {
			return do + tau, true
		}

		// As dlaed4: interior roots start with the fixed-weight model and
		// switch to the middle way for good if its first step did not
		// reduce f tenfold on the side of the origin pole. The last root
		// always takes the middle way.
		if iter == 1 && i < k-1 {
			if origin == p {
				fixedWeight = -w <= math.Abs(prevW)/10
			} else {
				fixedWeight = w <= math.Abs(prevW)/10
			}
		}
		prevW = w

		dp, dq := delta[p], delta[q]
		var c float64
		switch {
		case fixedWeight && origin == p:
			c = w - dq*dw - (dp-dq)*(z[p]/dp)*(z[p]/dp)
		case fixedWeight:
			c = w - dp*dw - (dq-dp)*(z[q]/dq)*(z[q]/dq)
		default:
			c = w - dp*dpsi - dq*dphi
		}
		a := (dp+dq)*w - dp*dq*dw
		b := dp * dq * w
		eta := quadRoot(a, b, c)
		if w*eta >= 0 || math.IsNaN(eta) || math.IsInf(eta, 0) {
			eta = -w / dw // Newton's step, which has the right sign.
		}
		if t := tau + eta; !(t > lb && t < ub) {
			if w < 0 {
				eta = (ub - tau) / 2
			} else {
				eta = (lb - tau) / 2
			}
		}
		if eta == 0 {
			return do + tau, true
		}
		tau += eta
	}
	return do + tau, false
}

// quadRoot returns the root of c·η² − a·η + b = 0 that the secular
// iterations need, (a − √(a² − 4bc)) / 2c, in a form free of cancellation.
func quadRoot(a, b, c float64) float64 {
	disc := math.Sqrt(math.Abs(a*a - 4*b*c))
	if a > 0 {
		return 2 * b / (a + disc)
	}
	if c == 0 {
		if a == 0 {
			return 0
		}
		return b / a
	}
	return (a - disc) / (2 * c)
}
