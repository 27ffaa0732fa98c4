package kron

import "sync"

// Workspace is the scratch space of Product.ApplyWork: buffers for the
// intermediate tensors of the mode products, grown on demand and kept for
// the next call. The zero value is ready to use. A Workspace must not be
// used by two calls at the same time.
type Workspace struct {
	a, b, c, d, e []float64
}

// workPool holds the workspaces of Product.ApplyTo.
var workPool = sync.Pool{New: func() any { return new(Workspace) }}

// grow returns s resliced to n elements, reallocating only if it is too
// small.
func grow(s []float64, n int) []float64 {
	if cap(s) < n {
		return make([]float64, n)
	}
	return s[:n]
}
