package kernels

import (
	"testing"

	"gonum.org/v1/gonum/lapack/testlapack"
)

func TestLAPACKConformance(t *testing.T) {
	impl := LAPACK{}
	for _, p := range Available() {
		t.Run(p.String(), func(t *testing.T) {
			defer Use(p)()
			t.Run("Dgetf2", func(t *testing.T) { testlapack.Dgetf2Test(t, impl) })
			t.Run("Dgetrf", func(t *testing.T) { testlapack.DgetrfTest(t, impl) })
			t.Run("Dgecon", func(t *testing.T) { testlapack.DgeconTest(t, impl) })
			t.Run("Dgetri", func(t *testing.T) { testlapack.DgetriTest(t, impl) })
			t.Run("Dgetrs", func(t *testing.T) { testlapack.DgetrsTest(t, impl) })
		})
	}
}
