// Copyright ©2026 The matcalc Authors. All rights reserved.

//go:build unix

package eigensolver

import "syscall"

// cpuTime returns the CPU time (user and system) the process has used, in
// ns: on a shared machine it measures the work of a single-threaded
// benchmark more faithfully than the wall clock.
func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
