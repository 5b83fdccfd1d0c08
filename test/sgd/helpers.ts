/** Shared fixtures of the SGD engine tests: He₃ as link and student, γ from docs/theory.md §4. */
import { ksTwoSample, type KsResult } from '../../src/sgd/ks.js';
import { seedFor } from '../../src/sgd/rng.js';
import { runSeed, type RunOptions, type SgdAlgorithm } from '../../src/sgd/simulate.js';

export const he3 = (z: number): number => z * z * z - 3 * z;
export const dhe3 = (z: number): number => 3 * z * z - 3;

/** γ = 0.5·μ₃/(E[ψ²]·d^{3/2}), μ₃ = 3, E[ψ²] = 108 (online SGD on He₃, docs/theory.md §4). */
export const onlineGamma = (d: number): number => (0.5 * 3) / (108 * d ** 1.5);

/** One instance of every oracle, at parameters where each term matters. */
export const ALGORITHMS: Record<string, SgdAlgorithm> = {
  online: { kind: 'online' },
  'batch-reuse': { kind: 'batch-reuse', eta: 0.3 },
  'alternating reset': { kind: 'alternating', eta: 0.2, a: 0.7, secondLayer: 'reset' },
  'alternating carry': { kind: 'alternating', eta: 0.2, a: 0.7, secondLayer: 'carry' },
  custom: { kind: 'custom', psi: (y, z) => Math.tanh(y) * z * z + 0.1 * y },
};

export function options(over: Partial<RunOptions> & Pick<RunOptions, 'd' | 'algorithm' | 'gamma' | 'engine' | 'seed'>): RunOptions {
  return {
    target: he3,
    student: he3,
    studentDerivative: dhe3,
    noise: 0,
    threshold: 0.5,
    maxSteps: 100_000,
    init: 'positive',
    ...over,
  };
}

/**
 * Gauss–Hermite rule for E[f(Z)], Z ~ N(0,1): n nodes and weights (summing to 1), exact for
 * polynomials of degree ≤ 2n − 1. Physicists' nodes by Newton's method on the orthonormal
 * recurrence (Numerical Recipes' gauher), then scaled by √2 and weights by 1/√π.
 */
export function gaussHermite(n: number): { x: Float64Array; w: Float64Array } {
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  const m = Math.floor((n + 1) / 2);
  let z = 0;
  for (let i = 0; i < m; i++) {
    if (i === 0) z = Math.sqrt(2 * n + 1) - 1.85575 * (2 * n + 1) ** -0.16667;
    else if (i === 1) z -= (1.14 * n ** 0.426) / z;
    else if (i === 2) z = 1.86 * z - 0.86 * x[0]!;
    else if (i === 3) z = 1.91 * z - 0.91 * x[1]!;
    else z = 2 * z - x[i - 2]!;
    let pp = 0;
    for (let it = 0; it < 100; it++) {
      let p1 = Math.PI ** -0.25;
      let p2 = 0;
      for (let j = 1; j <= n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = z * Math.sqrt(2 / j) * p2 - Math.sqrt((j - 1) / j) * p3;
      }
      pp = Math.sqrt(2 * n) * p2;
      const dz = p1 / pp;
      z -= dz;
      if (Math.abs(dz) < 1e-15 * Math.max(1, Math.abs(z))) break;
    }
    x[i] = z;
    x[n - 1 - i] = -z;
    w[i] = w[n - 1 - i] = 2 / (pp * pp);
  }
  for (let i = 0; i < n; i++) {
    x[i] = x[i]! * Math.SQRT2;
    w[i] = w[i]! / Math.sqrt(Math.PI);
  }
  return { x, w };
}

/**
 * Hitting times of the reduced and the full engine on disjoint seed sets (seedFor(base, i) and
 * seedFor(base + 1, i)), compared by a two-sample KS test; censored runs are +∞ in both.
 */
export function compareEngines(
  base: number,
  seeds: number,
  o: Omit<RunOptions, 'engine' | 'seed'>,
): { ks: KsResult; reduced: (number | null)[]; full: (number | null)[]; medianReduced: number; medianFull: number } {
  const hits = (engine: 'reduced' | 'full', b: number) => Array.from({ length: seeds }, (_, i) => runSeed({ ...o, engine, seed: seedFor(b, i) }).hit);
  const reduced = hits('reduced', base);
  const full = hits('full', base + 1);
  const median = (xs: (number | null)[]) => [...xs].map((x) => x ?? Infinity).sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { ks: ksTwoSample(reduced, full), reduced, full, medianReduced: median(reduced), medianFull: median(full) };
}
