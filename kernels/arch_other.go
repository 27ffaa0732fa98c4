//go:build !(amd64 || arm64) || !gc || purego

package kernels

// archImpls returns the assembly implementations this CPU runs, best first:
// none in this build.
func archImpls() []*impl { return nil }

func archFeatures() []string { return nil }
