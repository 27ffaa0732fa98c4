//go:build !race

package kernels

// raceEnabled reports whether the race detector is on.
const raceEnabled = false

// raceWriteTile tells the race detector that assembly writes a tile; a no-op
// without the race detector.
func raceWriteTile(s []float64, r, c, ld int) {}

// raceReadTile tells the race detector that assembly reads a tile; a no-op
// without the race detector.
func raceReadTile(s []float64, r, c, ld int) {}
