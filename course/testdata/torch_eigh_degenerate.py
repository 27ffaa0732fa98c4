#!/usr/bin/python3
"""What PyTorch's backward of eigh gives at degenerate eigenvalues.

The course examples Example_eigenvectorDegenerate and Example_degenerateCluster
(course/example_eig_test.go) say that automatic differentiation through eigh
returns NaN, or a wrong value, where eig.Sym.VectorsVJP returns the exact
gradient or matcalc.ErrDegenerate. This script shows what PyTorch does on the
same problems; the Go tests never run it.

Run with /usr/bin/python3 (Debian's python3-torch); its output with PyTorch
1.13 is recorded at the end of this file.
"""
import torch

torch.set_printoptions(precision=6)
d = torch.float64

# diag(4, 1, 1) and L = (c^T v)^2 with v the eigenvector of lambda = 4.
# The true gradient is [[0, 2/3, 1], [2/3, 0, 0], [1, 0, 0]].
a = torch.diag(torch.tensor([4.0, 1.0, 1.0], dtype=d)).requires_grad_()
c = torch.tensor([1.0, 2.0, 3.0], dtype=d)
lam, v = torch.linalg.eigh(a)
loss = (c @ v[:, 2]) ** 2
loss.backward()
print("diag(4,1,1), loss on the lambda=4 eigenvector: grad", a.grad.tolist())

# A = P^T diag(0.5, 1, 1, 2, 2) P with P the Householder reflector of
# u = (1, 2, 0, -1, 1), and L = tr(U^T M U) over the lambda = 1 cluster.
# The true L is 72/49 = 1.469388 and the Frobenius norm of the true
# (symmetric) gradient 5.148725 (Example_degenerateCluster).
u = torch.tensor([1.0, 2.0, 0.0, -1.0, 1.0], dtype=d)
p = torch.eye(5, dtype=d) - 2 * torch.outer(u, u) / (u @ u)
a0 = p.T @ torch.diag(torch.tensor([0.5, 1, 1, 2, 2], dtype=d)) @ p
a0 = (a0 + a0.T) / 2
m = torch.tensor([[1, 2, 0, 0, 1], [0, 3, -1, 0, 0], [2, 0, 1, 1, 0],
                  [0, 1, 0, -2, 1], [1, 0, 0, 1, 2]], dtype=d)
a = a0.clone().requires_grad_()
lam, v = torch.linalg.eigh(a)
uc = v[:, 1:3]
loss = torch.trace(uc.T @ m @ uc)
loss.backward()
g = (a.grad + a.grad.T) / 2
print("cluster loss tr(U^T M U):", loss.item(), "|sym grad|_F", torch.linalg.norm(g).item(),
      "finite:", bool(torch.isfinite(g).all()))

# Output with PyTorch 1.13 (python3-torch on Debian 12):
#
#   diag(4,1,1), loss on the lambda=4 eigenvector: grad [[nan, nan, nan], [nan, nan, nan], [nan, nan, nan]]
#   cluster loss tr(U^T M U): 1.4693877551020407 |sym grad|_F 5.158548351559466 finite: True
#
# The first gradient is NaN throughout, although the true one is finite; the
# second is finite but wrong (its norm is 5.1585, the true 5.1487): the
# solver's two eigenvalues of the cluster differ by rounding, and PyTorch
# divides by that difference.
