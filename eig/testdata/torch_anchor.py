# What PyTorch (1.13, python3-torch on Debian 12) returns in the cases the
# package documentation cites; no test reads this. Output, as run:
#   I2 eigenvalue JVP: [0.0, 0.0]
#   diag(4,1,1) grad: [[nan, nan, nan], [nan, nan, nan], [nan, nan, nan]]
#   sqrtm(I) via eigh grad: [[nan, nan, nan], [nan, nan, nan], [nan, nan, nan]]

import torch
torch.set_default_dtype(torch.float64)
# JVP at I2 with dA=[[0,1],[1,0]]
A = torch.eye(2)
dA = torch.tensor([[0.,1.],[1.,0.]])
_, jvp = torch.autograd.functional.jvp(lambda a: torch.linalg.eigh(a)[0], (A,), (dA,))
print("I2 eigenvalue JVP:", jvp.tolist())
# diag(4,1,1) loss on lambda=4 eigenvector
A = torch.diag(torch.tensor([4.,1.,1.])).requires_grad_()
w = torch.tensor([1.,1.,1.])
L, V = torch.linalg.eigh(A)
loss = (w @ V[:,2])**2
loss.backward()
print("diag(4,1,1) grad:", A.grad.tolist())
# sqrt(I) via eigh
A = torch.eye(3).requires_grad_()
L, V = torch.linalg.eigh(A)
S = V @ torch.diag(L.sqrt()) @ V.T
S.sum().backward()
print("sqrtm(I) via eigh grad:", A.grad.tolist())
