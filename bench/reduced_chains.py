#!/usr/bin/env python3
"""The verifier's reduced chains of spherical SGD on He3 (student He3) in numpy, vectorised across
seeds: the yardstick of `npm run bench:floor` for each algorithm's own chain (bench/floor.ts).

A numpy programmer's best version of the same exact chain (docs/theory.md section 5), one per
algorithm, so that an algorithm that does more work per sample is compared with numpy doing that
same work. Per sample and seed: z, xi ~ N(0, 1), R ~ chi2_{d-2}; u = m z + sqrt(1 - m^2) xi is the
target's preactivation <theta*, x>, y = He3(u), p = xi^2 + R = |x|^2 - z^2, and a projected step
  m' = ((1 - c z) m + c u) / n,  n = sqrt(1 + c^2 p)   [w <- normalize(w + c (x - z w))]
with
  online       c = gamma y He3'(z)                       (one step)
  alternating  c = gamma (a + eta y He3(z)) y He3'(z)    (one step; second layer a reset to a0 = 1)
  batch-reuse  c0 = eta y He3'(z), then on the same sample c1 = gamma y He3'(z1) with
               z1 = (z + c0 p)/n0 (the preactivation after the first step) and p1 = p alpha^2,
               alpha = (1 - c0 z)/n0                       (two steps)
(custom psi = y*(3 z^2 - 3) is the online chain.) The online chain is written as in the team's
reduced_numpy.py, which `npm run bench:floor` also runs as the issue's fixed yardstick.

Random numbers are drawn in blocks of B samples; a seed whose m reaches thr is retired (m parked at
0, its step count recorded) and the arrays are compacted at block ends. Prints JSON: useful
sample-steps (the sum of per-seed samples, as sindex counts them), wall and CPU seconds, the
fraction of seeds that reached thr, and the median hitting time.
"""
import argparse, json, time
import numpy as np

p = argparse.ArgumentParser()
p.add_argument('--algorithm', choices=['online', 'batch-reuse', 'alternating'], default='online')
p.add_argument('--d', type=int, default=256)
p.add_argument('--seeds', type=int, default=1024)
p.add_argument('--gamma', type=float, default=None, help='default: 0.5*3/(108 d^1.5), --gamma auto for He3 online')
p.add_argument('--eta', type=float, default=None, help='batch reuse and alternating: default 1/d')
p.add_argument('--a', type=float, default=1.0, help='alternating: the second layer a0')
p.add_argument('--thr', type=float, default=0.5)
p.add_argument('--max-steps', type=int, default=10_000_000)
p.add_argument('--dtype', default='float64')
p.add_argument('--block', type=int, default=0)
p.add_argument('--seed', type=int, default=0)
a = p.parse_args()
dt = np.dtype(a.dtype)
f = dt.type
gamma = a.gamma if a.gamma is not None else 0.5 * 3 / (108 * a.d ** 1.5)
eta = a.eta if a.eta is not None else 1 / a.d
rng = np.random.default_rng(a.seed)
block = a.block or int(np.clip(2**18 // a.seeds, 8, 1024))  # keep a block's draws cache-sized
w0, c0 = time.perf_counter(), time.process_time()
g = rng.standard_normal(a.seeds)
m = (np.abs(g) / np.sqrt(g * g + rng.chisquare(a.d - 1, a.seeds))).astype(dt)  # |first coordinate| of a uniform point on S^{d-1}
ids = np.arange(a.seeds)
hit = np.full(a.seeds, a.max_steps, np.int64)
t = 0
thr, one, three, shape = f(a.thr), f(1), f(3), (a.d - 2) / 2
g3, e3, ea = f(3 * gamma), f(3 * eta), f(eta)


def online(m, z, x, P, G, _S):
    s = np.sqrt(one - m * m); sx = s * x
    u = m * z; u += sx
    c = u * u; c -= three; c *= u; c *= G                        # c = gamma y He3'(z)
    q = c * c; q *= P; q += one; np.sqrt(q, out=q)
    sx *= c; sx += m; sx /= q                                    # (m + c sqrt(1-m^2) xi)/n = ((1 - cz)m + cu)/n
    return sx


def alternating(m, z, x, P, G, S):
    s = np.sqrt(one - m * m); sx = s * x
    u = m * z; u += sx
    y = u * u; y -= three; y *= u                                # y = He3(u)
    c = S * y; c += f(a.a); c *= y; c *= G                       # c = gamma (a + eta y He3(z)) y He3'(z)
    q = c * c; q *= P; q += one; np.sqrt(q, out=q)
    sx *= c; sx += m; sx /= q
    return sx


def batch_reuse(m, z, x, P, G, _S):
    s = np.sqrt(one - m * m); sx = s * x
    u = m * z; u += sx
    y = u * u; y -= three; y *= u                                # y = He3(u)
    c = y * G                                                    # c0 = eta y He3'(z)
    n = c * c; n *= P; n += one; np.sqrt(n, out=n)
    al = c * z; np.subtract(one, al, out=al); al /= n            # alpha = (1 - c0 z)/n0
    m1 = sx * c; m1 += m; m1 /= n                                # m1 = ((1 - c0 z) m + c0 u)/n0 = (m + c0 sqrt(1-m^2) xi)/n0
    z1 = c * P; z1 += z; z1 /= n                                 # z1 = (z + c0 p)/n0
    p1 = al * al; p1 *= P                                        # p1 = p alpha^2
    c = z1 * z1; c -= one; c *= y; c *= g3                       # c1 = gamma y He3'(z1)
    n = c * c; n *= p1; n += one; np.sqrt(n, out=n)
    z1 *= c; np.subtract(one, z1, out=z1); z1 *= m1              # (1 - c1 z1) m1
    c *= u; z1 += c; z1 /= n                                     # m2 = ((1 - c1 z1) m1 + c1 u)/n1
    return z1


step = {'online': online, 'alternating': alternating, 'batch-reuse': batch_reuse}[a.algorithm]
first = e3 if a.algorithm == 'batch-reuse' else g3                # the first (only) step's rate times He3' = 3(z^2 - 1)
while ids.size and t < a.max_steps:
    B, n = min(block, a.max_steps - t), ids.size
    Z = rng.standard_normal((B, n), dtype=dt); X = rng.standard_normal((B, n), dtype=dt)
    P = rng.standard_gamma(shape, (B, n), dtype=dt); P *= 2; P += X * X   # xi^2 + R
    G = Z * Z; G -= one; G *= first                                        # rate * He3'(z)
    S = None
    if a.algorithm == 'alternating':
        S = Z * Z; S -= three; S *= Z; S *= ea                             # eta He3(z)
    for b in range(B):
        m = step(m, Z[b], X[b], P[b], G[b], None if S is None else S[b])
        if m.max() >= thr:                                                 # rare: record, park at 0
            j = np.flatnonzero(m >= thr); hit[ids[j]] = t + b + 1; m[j] = 0
    t += B
    keep = hit[ids] == a.max_steps
    if not keep.all():
        ids, m = ids[keep], m[keep]
wall, cpu = time.perf_counter() - w0, time.process_time() - c0
steps = int(np.minimum(hit, t).sum())
print(json.dumps(dict(algorithm=a.algorithm, d=a.d, seeds=a.seeds, dtype=a.dtype, gamma=gamma, eta=eta, steps=steps, wall=wall,
                      cpu=cpu, rate=steps / wall, cpu_rate=steps / cpu, reached=float((hit < a.max_steps).mean()),
                      median=float(np.median(hit)))))
