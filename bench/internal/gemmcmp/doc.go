//go:build !(openblas && cgo)

// Command gemmcmp compares matcalc's Dgemm with OpenBLAS and gonum; it needs
// cgo and the openblas build tag:
//
//	apt-get install -y libopenblas-dev
//	go run -tags openblas ./bench/internal/gemmcmp
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "gemmcmp: build with -tags openblas (and cgo) to compare with OpenBLAS")
	os.Exit(2)
}
