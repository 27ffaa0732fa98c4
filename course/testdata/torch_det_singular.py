#!/usr/bin/python3
"""What PyTorch's default backward of det gives at singular matrices.

The course example Example_detSingular (course/example_detinv_test.go) says
that PyTorch returns the zero matrix as the gradient of det at the singular
matrix [[1, 2], [2, 4]], whose true gradient is its cofactor matrix
[[4, -2], [-2, 1]]. This script shows it; the Go tests never run it.

Run with /usr/bin/python3 (Debian's python3-torch). With PyTorch 1.13 it
prints:

    [[1.0, 2.0], [2.0, 4.0]] det -0.0 grad [[0.0, -0.0], [-0.0, 0.0]]
    [[0.0, 1.0], [0.0, 1.0]] det -0.0 grad [[0.0, -0.0], [-0.0, 0.0]]
    4x4 upper shift det -0.0 grad [[0.0, -0.0, 0.0, 0.0], [0.0, 0.0, -0.0, 0.0], [0.0, 0.0, 0.0, -0.0], [-0.0, 0.0, 0.0, 0.0]]

against the cofactor matrices [[4, -2], [-2, 1]], [[1, 0], [-1, 0]] and,
for the shift, a single -1 at (4, 1).
"""
import torch

for m in ([[1.0, 2.0], [2.0, 4.0]], [[0.0, 1.0], [0.0, 1.0]]):
    a = torch.tensor(m, dtype=torch.float64, requires_grad=True)
    d = torch.linalg.det(a)
    d.backward()
    print(m, "det", d.item(), "grad", a.grad.tolist())

s = torch.diag(torch.ones(3, dtype=torch.float64), 1).requires_grad_()
d = torch.linalg.det(s)
d.backward()
print("4x4 upper shift det", d.item(), "grad", s.grad.tolist())
