// Package arm64 holds matcalc's NEON assembly kernels. Package kernels selects
// them on arm64, where NEON is baseline; nothing else imports this package.
// The files that hold assembly build only with `arm64 && gc && !purego`, so
// the package is empty elsewhere.
package arm64
