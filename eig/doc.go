// Package eig differentiates the symmetric eigenproblem A = V Λ Vᵀ and the
// spectral matrix functions f(A) = V f(Λ) Vᵀ, exactly, also at repeated and
// nearly repeated eigenvalues.
//
// # Usage
//
// Factorize once, then ask for derivatives; each costs a few matrix
// products of size n and never another decomposition:
//
//	var s eig.Sym
//	if err := s.Factorize(a, nil); err != nil { ... }
//	lam := s.Values(nil)
//	dLam := s.ValuesJVP(nil, dA)         // λ̇
//	s.ValuesVJP(&g, lamBar)              // V diag(λ̄) Vᵀ
//	s.VectorsJVP(&dV, dA)                // V̇
//	err = s.VectorsVJP(&g, lamBar, vBar) // eigenvector losses
//	err = s.FuncJVP(&dY, eig.Log, dA)    // d log(A)
//	ld, err := s.Trace(eig.Log)          // log det of an SPD matrix
//
// # Symmetric input
//
// A mat.Symmetric is used as given. Any other square mat.Matrix must be
// symmetric to Options.SymTol (relative to its largest entry, default
// 1e-10), else Factorize returns matcalc.ErrNotSymmetric; it is then
// replaced by sym(A) = (A + Aᵀ)/2. Every derivative is that of the function
// of sym(A): tangents dA and cotangents Ȳ are symmetrized, and gradients are
// symmetric matrices (the symmetric part of the unconstrained gradient). This
// is what JAX and PyTorch return when the input is symmetrized first; their
// eigh itself reads one triangle, so for a non-symmetric dA their JVP
// differs from ours by the antisymmetric part, and autograd and
// ChainRules.jl return a gradient on the stored triangle instead.
//
// # Conventions
//
// Eigenvalues are ascending. Each eigenvector's sign is arbitrary (the one
// the solver picked); eigenvector derivatives follow it and are taken in
// the gauge diag(VᵀV̇) = 0, so that columns keep unit norm. A loss that
// depends on the signs gets the gradient for the computed signs.
//
// # Repeated eigenvalues
//
// Consecutive eigenvalues closer than Options.ClusterTol·max|λ| (default
// 1e-10) form a degenerate cluster C. Then:
//
//   - Eigenvalue cotangents never divide by a gap: ValuesVJP is
//     V diag(λ̄) Vᵀ, the gradient when λ̄ is constant on each cluster.
//   - ValuesJVP returns, on a cluster, the ascending eigenvalues of the
//     cluster block V_Cᵀ dA V_C: the one-sided (t → 0⁺) derivative of the
//     ordered eigenvalues of A + t·dA (at I₂ with dA = [[0,1],[1,0]] it is [−1, 1],
//     where JAX and PyTorch return [0, 0]).
//   - VectorsVJP checks that the cotangent does not rotate the cluster's
//     basis (the cluster block of skew(VᵀV̄) vanishes to
//     Options.InvarianceTol relative to |V̄|) and then masks the cluster:
//     the exact gradient of a loss that depends on the cluster only through
//     its subspace. A loss that depends on the basis is refused with
//     matcalc.ErrDegenerate naming the cluster; JAX and PyTorch return NaN
//     or a silently wrong value there. Eigenvectors outside a cluster are
//     always differentiated exactly: diag(4,1,1) with a loss on the λ = 4
//     eigenvector has a finite gradient (JAX: NaN).
//   - VectorsJVP returns, for a cluster, the exact derivative of its
//     invariant subspace with the cluster's own rotation set to zero (the
//     individual eigenvectors of a cluster are not differentiable; the
//     subspace is): the adjoint of the masked VectorsVJP. It cannot see the
//     loss, so it does not refuse anything.
//   - ValueHVP and ValuesHVP refuse an eigenvalue inside a cluster with
//     distinct weights.
//   - Options.Broadening > 0 replaces 1/Δ by the Lorentzian Δ/(Δ² + ε²),
//     ε = Broadening·(λ_max − λ_min), for every pair: finite always, biased,
//     nothing refused. Neither JAX nor PyTorch offers it.
//
// Between the cluster tolerance and a gap of order one, eigenvector
// derivatives are the exact formula, with entries of size 1/gap and a
// relative accuracy of about eps·|A|/gap.
//
// # Spectral functions
//
// A Func gives f, f′, f″; the built-ins are Exp, Log, Sqrt and Pow(p).
// FuncJVP and FuncVJP use the Daleckiĭ–Kreĭn formula with the first divided
// differences Γ_ij = f[λ_i, λ_j] (the limit f′(λ_i) at ties), and FuncHVP the
// second divided differences, so they are exact at repeated eigenvalues.
// The built-ins compute divided differences in closed stable forms (exp:
// e^max·(−expm1(−d))/d; log: log1p(d/min)/d; sqrt: 1/(√a + √b); powers:
// min^p·expm1(p·log1p(d/min))/d; second differences by a Taylor series
// near ties). For a user's Func without Div, the quotient is used unless
// its estimated rounding error eps·|f|/h exceeds the estimated error
// h²|f‴|/12 of the trapezoid (f′(a) + f′(b))/2 (f‴ estimated from f″); with
// no D2F the switch is at a relative gap of cbrt(eps) (as ChainRules.jl).
// Second differences likewise, against the vertex average
// (f″(a) + f″(b) + f″(c))/6. The built-ins are accurate to a few ulps at
// every gap; the generic fallback to about 1e-10 (first) and 1e-7 (second
// divided differences) relative at the worst gaps, which supply a Func's
// Div and Div2 to improve.
//
// The trace functions tr f(A) (Trace, TraceGrad, TraceJVP, TraceHVP) give
// log det A as tr log A, with gradient A⁻¹ and Hessian dA ↦ −A⁻¹ dA A⁻¹.
//
// # Deliberate differences from JAX and PyTorch
//
//   - Input: we differentiate f(sym(A)) and refuse an input that is not
//     symmetric to a tolerance (ErrNotSymmetric). torch.linalg.eigh reads
//     one triangle and ignores the other silently; jax.numpy.linalg.eigh
//     symmetrizes by default (symmetrize_input=True), as we do, but never
//     refuses. Our gradients are symmetric; so are theirs after
//     symmetrization.
//   - ValuesJVP at a degenerate cluster returns the directional derivative
//     of the ordered eigenvalues (the sorted eigenvalues of V_Cᵀ dA V_C);
//     JAX and PyTorch return diag(Vᵀ dA V) in the solver's basis, which
//     depends on that basis (at I₂ with dA = [[0,1],[1,0]] they give
//     [0, 0], the truth is [−1, 1]).
//   - Eigenvector cotangents at a degenerate cluster: we mask the cluster
//     after checking that the loss does not depend on its basis, and
//     otherwise return ErrDegenerate; JAX and PyTorch divide by zero
//     (NaN/Inf, jax#669, jax#4646) or return a silently wrong gradient
//     (pytorch#47599). Optional Lorentzian broadening, which neither has.
//   - Eigenvector derivatives between clusters are exact: the λ = 4
//     eigenvector of diag(4,1,1) has a finite derivative (JAX: all NaN).
//   - Spectral functions are primitives with the Daleckiĭ–Kreĭn rule, exact
//     at repeated eigenvalues (√ at I, log of SPD with repeated
//     eigenvalues). In JAX and PyTorch they are compositions through eigh,
//     whose backward divides by zero there.
//   - Second order: ValueHVP and ValuesHVP refuse weights that differ inside
//     a cluster (the function is not twice differentiable there) instead of
//     returning NaN, and give the exact Hessian when they agree.
//   - The eigenvector gauge diag(VᵀV̇) = 0 and the sign of each column are
//     the same convention as JAX and PyTorch for real symmetric input.
//
// # Errors
//
// NaN or Inf in A is matcalc.ErrNaN; a non-symmetric input beyond the
// tolerance matcalc.ErrNotSymmetric; an eigensolver failure
// matcalc.ErrNotConverged; f, f′ or f″ not finite at an eigenvalue (log of
// a matrix with an eigenvalue ≤ 0, sqrt of one with a negative eigenvalue,
// or with a zero eigenvalue for the derivatives) matcalc.ErrDomain; a
// derivative that depends on the basis inside a cluster
// matcalc.ErrDegenerate. All are *matcalc.Error values. Shape misuse panics.
//
// # Cost
//
// Beyond the decomposition, in n×n GEMMs: first counted in flops
// (TestProductCosts asserts them on a BLAS without Dgemmt), then measured
// as CPU time against a mat.Dense.Mul of the same size on the same BLAS, one
// thread (BenchmarkEig; MATCALC_BENCH_BLAS=kernels runs it on matcalc's
// kernels). Every product goes through gonum's blas64. A product known to
// be symmetric computes its lower half only: with the BLAS's Dgemmt where
// it has one (kernels.Implementation does), half a GEMM plus the register
// tiles the diagonal crosses, otherwise by recursive halving on Dgemm,
// 1/2 + 16/n of a GEMM.
//
//	                         flops   measured on the kernels, n = 512 (256)
//	ValuesJVP                0.5     0.71 (0.77), all n eigenvalues together
//	ValuesVJP, FuncValue     0.5     0.61-0.64 (0.66-0.68)
//	TraceGrad                0.5     0.61 (0.67)
//	VectorsJVP, VectorsVJP   2.5     2.64-2.67 (2.74-2.77)
//	FuncJVP, FuncVJP         3       3.21 (3.40) for exp, 3.59 (4.23) for log
//	ValuesHVP, TraceHVP      3       3.25-3.42 (3.44-3.52)
//	ValueHVP                 O(n²)   0.13 (0.19)
//	FuncHVP                  6.5     7.76 (7.66)
//
// Beyond its 3 GEMMs of flops the spectral-function JVP pays its O(n²)
// work (the divided differences: a quotient per pair of distant
// eigenvalues, a series for exp or a log1p for log per pair of close ones;
// the Hadamard product; the mirrors) and the packing of its half products, which costs
// what a full product's does. At n = 64, where a GEMM takes 12 µs, the
// O(n²) work weighs more: 1.0-1.3 GEMMs for the eigenvalue derivatives,
// 3.2-3.5 for the eigenvector ones, 4.4 for FuncJVP.
package eig
