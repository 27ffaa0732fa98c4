// Copyright ©2026 The matcalc Authors. All rights reserved.

package eigensolver

import (
	"math"
	"runtime"
	"sort"
	"sync"

	"gonum.org/v1/gonum/lapack"
	"gonum.org/v1/gonum/lapack/gonum"
)

// Cutoff is the size at or below which the divide-and-conquer solver hands a
// tridiagonal block to the implicit QL/QR method (gonum's Dsteqr) instead of
// splitting it further. LAPACK's dstedc uses 25.
const Cutoff = 32

// parallelMin is the smallest subproblem whose two halves are solved on
// separate goroutines.
const parallelMin = 96

// dc is the workspace of the tridiagonal divide-and-conquer solver. It is
// sized for n and reused across calls.
//
// A subproblem of size m at offset off in the recursion owns the region
// [off, off+m²) of every n²-sized buffer and the range [lo, hi) of every
// n-sized one. Children of a subproblem own disjoint parts of their parent's
// regions, and subproblems that run at the same time are never ancestor and
// descendant, so concurrent goroutines never share memory. A subproblem at
// depth t leaves its m×m eigenvector matrix in q[t%2]; its parent, at depth
// t−1, reads it from there and writes its own to the other buffer.
type dc struct {
	n    int
	leaf int // blocks of at most this size go to Dsteqr; Cutoff unless a test sets it

	failMerge bool // set by tests: every merge fails, to exercise the fallback
	failSteqr bool // set by tests: every implicit QL/QR fails too

	q       [2][]float64 // eigenvector matrices, alternating by depth
	gath    []float64    // the non-deflated columns, grouped by sparsity, then the deflated ones
	delta   []float64    // d_i − λ_j, then the eigenvectors of the rank-one update
	z       []float64    // the updating vector
	ds, zs  []float64    // d and z of the merge, sorted by d
	dl, zl  []float64    // the non-deflated poles and weights
	lam     []float64    // the roots of the secular equation
	zhat    []float64    // the Gu–Eisenstat weights
	perm    []int        // sorting permutation
	typ     []int8       // column sparsity: 1 top, 2 both, 3 bottom halves
	nd, dfl []int        // non-deflated and deflated columns of full
	pos     []int        // position of a non-deflated column in gath
	beta    []float64    // off-diagonal entries torn out at each split

	err error
	mu  sync.Mutex
}

// reset sizes the workspace for n, keeping allocations that are big enough.
func (w *dc) reset(n int) {
	w.n = n
	if w.leaf < 1 {
		w.leaf = Cutoff
	}
	nn := n * n
	w.q[0] = grow(w.q[0], nn)
	w.q[1] = grow(w.q[1], nn)
	w.gath = grow(w.gath, nn)
	w.delta = grow(w.delta, nn)
	w.z = grow(w.z, n)
	w.ds = grow(w.ds, n)
	w.zs = grow(w.zs, n)
	w.dl = grow(w.dl, n)
	w.zl = grow(w.zl, n)
	w.lam = grow(w.lam, n)
	w.zhat = grow(w.zhat, n)
	w.beta = grow(w.beta, n)
	w.perm = growInt(w.perm, n)
	w.nd = growInt(w.nd, n)
	w.dfl = growInt(w.dfl, n)
	w.pos = growInt(w.pos, n)
	if cap(w.typ) < n {
		w.typ = make([]int8, n)
	}
	w.typ = w.typ[:n]
	w.err = nil
}

func (w *dc) failed() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err != nil
}

func (w *dc) setErr(err error) {
	w.mu.Lock()
	if w.err == nil {
		w.err = err
	}
	w.mu.Unlock()
}

// solveBlock computes the eigenvalues and eigenvectors of the unreduced
// symmetric tridiagonal matrix with diagonal d and off-diagonal e, both
// already scaled to norm about one. On return d holds the eigenvalues, in no
// particular order, and q[0][:m*m] the m×m eigenvector matrix whose column c
// belongs to d[c]. e is destroyed.
func (w *dc) solveBlock(d, e []float64) error {
	m := len(d)
	w.reset(m)
	w.solve(d, e, 0, m, 0, 0)
	return w.err
}

// solve computes the eigenpairs of the subproblem d[lo:hi], e[lo:hi−1] at
// offset off and depth depth.
func (w *dc) solve(d, e []float64, lo, hi, off, depth int) {
	m := hi - lo
	qm := w.q[depth%2][off : off+m*m]
	if m <= w.leaf {
		if m == 1 {
			qm[0] = 1
			return
		}
		work := w.gath[off : off+2*m]
		ok := gonum.Implementation{}.Dsteqr(lapack.EVTridiag, m, d[lo:hi], e[lo:hi-1], qm, m, work)
		if !ok || w.failSteqr {
			w.setErr(notConverged("implicit QL/QR on a block of size %d did not converge", m))
		}
		return
	}
	mid := lo + m/2
	m1 := mid - lo
	// Tear T into diag(T1, T2) + |β| v vᵀ with v = e_{mid−1} + sign(β) e_mid.
	beta := e[mid-1]
	w.beta[mid] = beta
	d[mid-1] -= math.Abs(beta)
	d[mid] -= math.Abs(beta)
	if m >= parallelMin && runtime.GOMAXPROCS(0) > 1 {
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.solve(d, e, lo, mid, off, depth+1)
		}()
		w.solve(d, e, mid, hi, off+m1*m1, depth+1)
		wg.Wait()
	} else {
		w.solve(d, e, lo, mid, off, depth+1)
		w.solve(d, e, mid, hi, off+m1*m1, depth+1)
	}
	if w.failed() {
		return
	}
	w.merge(d, lo, mid, hi, off, depth)
}

// sortIndex sorts idx so that vals[idx[i]] is ascending.
func sortIndex(idx []int, vals []float64) {
	sort.Slice(idx, func(a, b int) bool { return vals[idx[a]] < vals[idx[b]] })
}

func grow(s []float64, n int) []float64 {
	if cap(s) < n {
		return make([]float64, n)
	}
	return s[:n]
}

func growInt(s []int, n int) []int {
	if cap(s) < n {
		return make([]int, n)
	}
	return s[:n]
}
