package power

import (
	"github.com/matcalc/matcalc/check"
	"github.com/matcalc/matcalc/internal/testmat"
)

// The helpers shared with other packages' tests.
var (
	maxAbs    = testmat.MaxAbs
	relDiff   = testmat.RelDiff
	block     = testmat.Block
	sub       = testmat.Sub
	mustPanic = testmat.Panic
)

// fdTol bounds the tolerance of every finite-difference check: check
// derives the tolerance from the estimated error of the differences (four
// times it, floored at 1e-10), and with MaxRefErr = fdTol/4 a reference too
// inaccurate for a tolerance of fdTol fails the check as inconclusive.
const fdTol = 1e-7

// fdOpts are the options of every finite-difference check.
var fdOpts = &check.Options{MaxRefErr: fdTol / 4}
