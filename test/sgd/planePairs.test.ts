// Batch reuse (two projected sub-steps per sample) run two seeds at a time (stepTwoPlaneChains,
// through runChains) gives each seed exactly the trajectory of a replay written here from the
// hand-written pieces: ScalarChain.sample's draws and sphereStep.ts' stepOnSample.
import { describe, expect, it } from 'vitest';
import { runChains } from '../../src/sgd/chainScheduler.js';
import { engineInput } from '../../src/sgd/engineInput.js';
import { ScalarChain } from '../../src/sgd/scalarChain.js';
import { stepOnSample } from '../../src/sgd/sphereStep.js';
import type { RunOptions } from '../../src/sgd/types.js';

const he3 = (u: number) => u * (u * u - 3);
const dhe3 = (z: number) => 3 * (z * z - 1);

function options(d: number, seed: number, maxSteps: number, noise: number): RunOptions {
  return {
    d,
    algorithm: { kind: 'batch-reuse', eta: 2 / d },
    target: he3,
    student: he3,
    studentDerivative: dhe3,
    noise,
    gamma: 20 / d ** 1.5,
    threshold: 2, // never reached: every seed does maxSteps steps
    maxSteps,
    init: 'positive',
    engine: 'reduced',
    seed,
  };
}

/** m after maxSteps steps, replayed one sample at a time: sample() and stepOnSample, m clamped to [−1, 1]. */
function replay(o: RunOptions): number {
  const c = new ScalarChain(engineInput(o));
  const draws = new Float64Array(4);
  const plane = { m: 0, z: 0, p: 0, a: 1, b: 0 };
  const rule = c.rule;
  const sqrtNoise = Math.sqrt(o.noise);
  let m = c.m;
  for (let t = 0; t < o.maxSteps; t++) {
    c.sample(draws);
    const [z, xi, r, eps] = Array.from(draws) as [number, number, number, number];
    const u = m * z + Math.sqrt(1 - m * m) * xi;
    plane.m = m;
    plane.z = z;
    plane.p = xi * xi + r;
    if (!stepOnSample(plane, u, sqrtNoise > 0 ? he3(u) + sqrtNoise * eps : he3(u), rule)) throw new Error('replay diverged');
    m = Math.min(1, Math.max(-1, plane.m));
  }
  return m;
}

describe('batch reuse, two seeds at a time', () => {
  for (const [d, noise] of [
    [64, 0],
    [1024, 0.5],
  ] as const) {
    it(`each seed's overlap is the replay's, bit for bit (d = ${d}, Δ = ${noise})`, () => {
      const steps = 2500; // three segments
      const seeds = [11, 12, 13];
      const results = runChains(seeds.map((s) => engineInput(options(d, s, steps, noise))));
      for (const [i, s] of seeds.entries()) {
        const m = replay(options(d, s, steps, noise));
        expect(results[i]!.steps).toBe(steps);
        expect(results[i]!.finalOverlap).toBe(m);
      }
      // the chains moved: not a comparison of starting points
      const start = (s: number) => new ScalarChain(engineInput(options(d, s, steps, noise))).m;
      expect(results.some((r, i) => Math.abs(r.finalOverlap - start(seeds[i]!)) > 1e-3)).toBe(true);
    });
  }
});
