module github.com/matcalc/matcalc/kernels/amd64/_gen

go 1.26.0

replace github.com/matcalc/matcalc => ../../..

require (
	golang.org/x/mod v0.42.0 // indirect
	golang.org/x/sync v0.24.0 // indirect
	golang.org/x/tools v0.52.0 // indirect
)

require github.com/mmcloughlin/avo v0.6.0

require github.com/matcalc/matcalc v0.0.0-00010101000000-000000000000
