package kernels

import (
	"testing"

	"gonum.org/v1/gonum/lapack/testlapack"
)

func TestPotrfConformance(t *testing.T) {
	impl := LAPACK{}
	eachLAPACKPath(t, func(t *testing.T) {
		t.Run("Dpotf2", func(t *testing.T) { testlapack.Dpotf2Test(t, impl) })
		t.Run("Dpotrf", func(t *testing.T) { testlapack.DpotrfTest(t, impl) })
	})
}
