#!/usr/bin/python3
"""Times torch.linalg.eigh (LAPACK dsyevd on Debian's OpenBLAS), the target
of the eigensolver, single-threaded, on random symmetric float64 matrices.

    OPENBLAS_NUM_THREADS=1 /usr/bin/python3 eig/eigensolver/_bench/torch_eigh.py

Prints the minimum and median over repeats, in ms of wall-clock and of
process CPU time (the machine is shared: CPU time is the fairer measure),
for values and vectors (eigh) and values only (eigvalsh).
"""
import statistics
import sys
import time

import torch

torch.set_num_threads(1)
sizes = [int(a) for a in sys.argv[1:]] or [256, 512, 1024]
print("torch", torch.__version__, "threads", torch.get_num_threads())
for n in sizes:
    g = torch.Generator().manual_seed(n)
    a = torch.randn(n, n, dtype=torch.float64, generator=g)
    a = (a + a.T) / 2
    for name, f in (("eigh", torch.linalg.eigh), ("eigvalsh", torch.linalg.eigvalsh)):
        f(a)  # warm up
        reps = max(3, int(2e8 / n**3))
        ts, cs = [], []
        for _ in range(reps):
            t0, c0 = time.perf_counter(), time.process_time()
            f(a)
            ts.append((time.perf_counter() - t0) * 1e3)
            cs.append((time.process_time() - c0) * 1e3)
        print(f"{name:9s} n={n:5d}  wall min {min(ts):8.2f} median {statistics.median(ts):8.2f} ms"
              f"  cpu min {min(cs):8.2f} median {statistics.median(cs):8.2f} ms  ({reps} runs)")
