#!/bin/sh
# Side-by-side timings of the eigensolver, single-threaded, on this machine:
# PyTorch's torch.linalg.eigh (LAPACK dsyevd on Debian's OpenBLAS), the
# eigensolver on gonum's BLAS (with the split into reduction, tridiagonal
# solver and back-transformation), on gonum's BLAS with OpenBLAS's Level 3
# (the shape of matcalc's kernels.Implementation), on OpenBLAS for every
# level, and gonum's mat.EigenSym. Report CPU time (cpu-ms): the machine is
# shared, and wall-clock times include waiting for a core.
#
#	sh eig/eigensolver/_bench/run.sh            # from the repository root
set -e
cd "$(dirname "$0")"
export OPENBLAS_NUM_THREADS=1 GOMAXPROCS=1 CGO_LDFLAGS=-lopenblas
echo "== torch"
/usr/bin/python3 torch_eigh.py 256 512 1024
echo "== gonum BLAS (split into reduce, tridiag, back: CPU ms)"
(cd .. && go test -run XXX -bench 'Factorize/(256|512|1024)$|Values/(256|512|1024)$|GonumEigenSym/(256|512)$' -benchtime=3x -count=1 . | grep Benchmark)
echo "== gonum BLAS + OpenBLAS Level 3"
BLAS=level3 go test -tags cblas -run XXX -bench 'Split/(Vectors|Values|Sterf|DC)/' -benchtime=3x -count=1 . | grep Benchmark
echo "== OpenBLAS"
go test -tags cblas -run XXX -bench 'Split/(Vectors|Values|Sterf|DC)/' -benchtime=3x -count=1 . | grep Benchmark
