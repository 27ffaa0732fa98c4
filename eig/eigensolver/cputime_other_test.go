// Copyright ©2026 The matcalc Authors. All rights reserved.

//go:build !unix

package eigensolver

// cpuTime is not measured on this system.
func cpuTime() int64 { return 0 }
