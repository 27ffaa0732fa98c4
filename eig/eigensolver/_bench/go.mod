module github.com/matcalc/matcalc/eig/eigensolver/_bench

go 1.26.0

replace github.com/matcalc/matcalc => ../../..

require (
	github.com/matcalc/matcalc v0.0.0
	gonum.org/v1/gonum v0.17.0
	gonum.org/v1/netlib v0.0.0-20190313105609-8cb42192e0e0
)

require golang.org/x/exp v0.0.0-20261113113407-e3970619a1a4 // indirect
