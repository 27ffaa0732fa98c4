//go:build !race

package kron

// raceEnabled reports a -race build, where sync.Pool drops items on purpose.
const raceEnabled = false
