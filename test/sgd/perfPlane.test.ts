// Batch reuse through runChains runs the generated, unrolled two-sub-step loop (stepTwoPlaneChains) on
// pairs of seeds (and the fifth seed alone); one seed alone (runChain) runs stepOneChain's general
// sub-step loop (planeSteps, any number of sub-steps).
// Two implementations of sphereStep.ts' arithmetic: each seed's record must be the same bit for bit,
// through hits, censoring and divergences (an overflowing first or second sub-step).
import { describe, expect, it } from 'vitest';
import { runChain, runChains } from '../../src/sgd/chainScheduler.js';
import { engineInput } from '../../src/sgd/engineInput.js';
import { ScalarChain } from '../../src/sgd/scalarChain.js';
import type { RunOptions } from '../../src/sgd/types.js';

const he3 = (u: number) => u * (u * u - 3);
const dhe3 = (z: number) => 3 * (z * z - 1);

function options(d: number, seed: number, eta: number, gamma: number, threshold: number, noise: number): RunOptions {
  return {
    d,
    algorithm: { kind: 'batch-reuse', eta },
    target: he3,
    student: he3,
    studentDerivative: dhe3,
    noise,
    gamma,
    threshold,
    maxSteps: 5000,
    init: 'positive',
    engine: 'reduced',
    seed,
  };
}

describe('batch reuse: the unrolled two-seed loop against the one-seed loop', () => {
  const cases: [string, number, number, number, number, number][] = [
    // name, d, η, γ, τ, Δ
    ['hits', 64, 4 / 64, 80 / 64 ** 1.5, 0.3, 0],
    ['label noise, hits and censoring', 256, 4 / 256, 100 / 256 ** 1.5, 0.2, 0.5],
    // c₀²p overflows on the first sample: n₀ = ∞
    ['divergence in the first sub-step', 64, 1e160, 1, 0.5, 0],
    // c₀ small, c₁ = γ·y·σ'(z₁) overflows: n₀ finite, n₁ = ∞
    ['divergence in the second sub-step', 64, 1e-3, 1e160, 0.5, 0],
  ];
  for (const [name, d, eta, gamma, tau, noise] of cases) {
    it(`each seed's record is the one-seed record, bit for bit (${name})`, () => {
      const seeds = [21, 22, 23, 24, 25];
      const paired = runChains(seeds.map((s) => engineInput(options(d, s, eta, gamma, tau, noise))));
      const alone = seeds.map((s) => runChain(new ScalarChain(engineInput(options(d, s, eta, gamma, tau, noise)))));
      expect(paired).toEqual(alone);
      if (name.startsWith('divergence')) expect(alone.every((r) => r.diverged !== null)).toBe(true);
      // some seed hits τ, and some runs past its first segment (1024 steps)
      else expect(alone.some((r) => r.hit !== null) && alone.some((r) => r.steps > 1024)).toBe(true);
    });
  }
});
