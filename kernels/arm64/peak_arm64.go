//go:build arm64 && gc && !purego

package arm64

// FMAPeak runs n iterations of 12 independent 2-wide fused multiply-adds
// (48 flops) with no memory traffic, and returns a value that depends on
// every chain. It measures the FMA throughput of one core:
//
//	var acc [12][2]float64
//	for range n {
//		for c := range acc {
//			for l := range acc[c] {
//				acc[c][l] = math.FMA(x, x, acc[c][l])
//			}
//		}
//	}
//	return Σ acc[c][0]
//
//go:noescape
func FMAPeak(n int, x float64) float64
