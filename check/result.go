package check

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"gonum.org/v1/gonum/mat"
)

// Entry is one entry of a checked derivative: the value under test against
// the reference.
type Entry struct {
	Row, Col  int
	Got, Want float64
}

// Diff returns Got − Want.
func (e Entry) Diff() float64 { return e.Got - e.Want }

// Result is the verdict of one check.
type Result struct {
	// Check names the check: "JVP", "VJP", "Gradient", "Directional" or
	// "Adjoint".
	Check string
	// Pass reports whether RelErr ≤ Tol and the reference was accurate
	// enough to judge.
	Pass bool
	// RelErr is ‖got − want‖_F / max(‖got‖_F, ‖want‖_F), or for Adjoint
	// |<Ȳ, J dA> − <Jᵀ Ȳ, dA>| over the Cauchy–Schwarz bound of both.
	RelErr float64
	// Tol is the relative tolerance the verdict used.
	Tol float64
	// RefErr is the estimated relative error of the finite-difference
	// reference (zero for Adjoint).
	RefErr float64
	// Step is the relative step of the finite differences (for VJP and
	// Gradient, the step of the entry with the largest estimated error);
	// zero for Adjoint.
	Step float64
	// Worst lists the entries that disagree most, worst first.
	Worst []Entry
	// Note explains a verdict that needs it, such as an inconclusive
	// reference, or gives the two inner products of Adjoint.
	Note string
}

// String describes the verdict on one line and, for a failure, the entries
// that disagree most, one per line.
func (r Result) String() string {
	var b strings.Builder
	verdict, cmp := "ok", "≤"
	if !r.Pass {
		verdict = "FAIL"
		if !(r.RelErr <= r.Tol) {
			cmp = ">"
		}
	}
	fmt.Fprintf(&b, "check.%s: %s: relative error %.3g %s tolerance %.3g", r.Check, verdict, r.RelErr, cmp, r.Tol)
	if r.Step != 0 {
		fmt.Fprintf(&b, " (step %.3g, reference error %.3g)", r.Step, r.RefErr)
	}
	if r.Note != "" {
		b.WriteString("; " + r.Note)
	}
	if !r.Pass {
		for _, e := range r.Worst {
			fmt.Fprintf(&b, "\n\t(%d,%d): got %.10g, want %.10g, diff %.3g", e.Row, e.Col, e.Got, e.Want, e.Diff())
		}
	}
	return b.String()
}

// verdict compares got with the reference want.
func verdict(name string, got, want *mat.Dense, ref reference, opts *Options) Result {
	res := Result{Check: name, Step: ref.step}
	diff := dist(got, want)
	scale := math.Max(math.Max(frob(got), frob(want)), opts.scale())
	res.Worst = worst(got, want, opts.worst())

	switch {
	case scale == 0:
		res.RelErr = 0
	case math.IsNaN(diff) || math.IsInf(diff, 0):
		res.RelErr = math.Inf(1)
	default:
		res.RelErr = diff / scale
	}
	res.RefErr = ref.err / math.Max(scale, math.SmallestNonzeroFloat64)
	zero := frob(want) <= safety*ref.err && ref.err <= 100*ref.noise
	if scale == 0 {
		res.RefErr = 0
	}

	if tol := opts.tol(); tol > 0 {
		res.Tol = tol
	} else {
		res.Tol = math.Max(safety*res.RefErr, minTol)
	}
	res.Pass = res.RelErr <= res.Tol
	switch {
	case math.IsNaN(ref.err) || math.IsInf(ref.err, 0):
		res.Pass = false
		res.Note = "the finite differences are not finite: f is not smooth or not defined near a"
		if ref.panicked != nil {
			res.Note += fmt.Sprintf(" (f panicked near a: %v)", ref.panicked)
		}
	case zero && scale != 0:
		res.Note = fmt.Sprintf("the derivative is zero to within the rounding of the differences (%.3g)", ref.err)
	case res.RefErr > opts.maxRefErr():
		res.Pass = false
		res.Note = fmt.Sprintf("inconclusive: the finite differences have relative error %.3g > MaxRefErr %.3g at a (is a ill-conditioned? try the dual package)", res.RefErr, opts.maxRefErr())
	}
	return res
}

// worst returns the n entries with the largest |got − want|, worst first.
func worst(got, want *mat.Dense, n int) []Entry {
	if n == 0 {
		return nil
	}
	r, c := got.Dims()
	all := make([]Entry, 0, r*c)
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			e := Entry{Row: i, Col: j, Got: got.At(i, j), Want: want.At(i, j)}
			if e.Diff() != 0 {
				all = append(all, e)
			}
		}
	}
	sort.SliceStable(all, func(i, j int) bool {
		di, dj := math.Abs(all[i].Diff()), math.Abs(all[j].Diff())
		if math.IsNaN(di) {
			return !math.IsNaN(dj)
		}
		return di > dj
	})
	if len(all) > n {
		all = all[:n]
	}
	return all
}
