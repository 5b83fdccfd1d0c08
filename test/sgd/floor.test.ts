// The bench's floors (bench/floor.generated.ts, from the chain loops' generator; the SIMD floors of
// every chain, bench/floorSimd.generated.ts) do the work of the engine's step and nothing else:
// checked against the engine's own loops (a second implementation of the same step), and the numpy
// script's locator skips when the file is absent.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { floorTwoChains } from '../../bench/floor.generated.js';
import { numpyScript, simdFloor } from '../../bench/floor.js';
import { stepChain, stepTwoChains } from '../../src/sgd/chainLoops.js';
import { engineInput } from '../../src/sgd/engineInput.js';
import { ScalarChain } from '../../src/sgd/scalarChain.js';
import type { SimdFloor } from '../../src/sgd/simdExports.js';
import type { RunOptions, SgdAlgorithm } from '../../src/sgd/types.js';

const he3 = (u: number) => u * (u * u - 3);
const dhe3 = (z: number) => 3 * (z * z - 1);

function options(d: number, gamma: number, seed: number): RunOptions {
  return {
    d,
    algorithm: { kind: 'online' },
    target: he3,
    student: he3,
    studentDerivative: dhe3,
    noise: 0,
    gamma,
    threshold: 2,
    maxSteps: 100_000,
    init: 'positive',
    engine: 'reduced',
    seed,
  };
}

describe('the floor of the chain step (bench)', () => {
  for (const [d, gamma] of [
    [16, 2e-3],
    [1024, 2e-5],
  ] as const) {
    it(`follows the engine's stepTwoChains on the same seeds to rounding (He3 online, d = ${d})`, () => {
      const chains = (seed: number) => [new ScalarChain(engineInput(options(d, gamma, seed))), new ScalarChain(engineInput(options(d, gamma, seed + 1)))];
      const [a, b] = chains(7) as [ScalarChain, ScalarChain];
      const [a2, b2] = chains(7) as [ScalarChain, ScalarChain];
      const m0 = [a.m, b.m];
      const k = 1000; // within one segment of the engine
      floorTwoChains(a, b, k, 3 * gamma);
      stepTwoChains(a2, b2, k);
      expect(a2.pos).toBe(k);
      // the chains moved (the comparison is not of two starting points) …
      expect(Math.abs(a.m - m0[0]!) + Math.abs(b.m - m0[1]!)).toBeGreaterThan(1e-3);
      // … the same way: same draws, same update (1/√(1 + e) against the engine's series, no clamp)
      expect(a.m).toBeCloseTo(a2.m, 12);
      expect(b.m).toBeCloseTo(b2.m, 12);
      expect(a.state[1]).toBeCloseTo(Math.sqrt(1 - a2.m * a2.m), 10);
      // the generators advanced by the same number of outputs
      expect(Array.from(a.rng.s)).toEqual(Array.from(a2.rng.s));
      expect(Array.from(b.rng.s)).toEqual(Array.from(b2.rng.s));
    });
  }

  // each SIMD floor against the engine's one-seed loop running that chain's rule, eight seeds
  const d = 1024;
  const gamma = 2e-5;
  const eta = 1 / d;
  const floors: [SimdFloor, SgdAlgorithm, number[]][] = [
    ['floor', { kind: 'online' }, [3 * gamma, 0, 0]],
    ['floor-batch-reuse', { kind: 'batch-reuse', eta }, [3 * eta, 3 * gamma, 0]],
    ['floor-alternating', { kind: 'alternating', eta, a: 1, secondLayer: 'reset' }, [3 * gamma, 1, eta]],
  ];
  for (const [kernel, algorithm, rates] of floors) {
    it(`${kernel} (eight lanes) follows the engine's ${algorithm.kind} chain on the same seeds to rounding`, () => {
      const seeds = Array.from({ length: 8 }, (_, i) => 21 + i);
      const lanes = seeds.map((seed) => new ScalarChain(engineInput(options(d, gamma, seed))));
      const reference = seeds.map((seed) => new ScalarChain(engineInput({ ...options(d, gamma, seed), algorithm })));
      const m0 = lanes.map((c) => c.m);
      const k = 1000; // within one segment of the engine
      simdFloor(kernel, 8).run(lanes, k, rates);
      for (const c of reference) stepChain(c, k);
      lanes.forEach((c, i) => {
        const r = reference[i]!;
        expect(r.pos).toBe(k);
        expect(Math.abs(c.m - m0[i]!)).toBeGreaterThan(1e-4); // the chain moved
        expect(c.m).toBeCloseTo(r.m, 11);
        expect(c.state[1]).toBeCloseTo(Math.sqrt(1 - r.m * r.m), 10);
        expect(Array.from(c.rng.s)).toEqual(Array.from(r.rng.s)); // the same draws
      });
    });
  }

  it('finds the numpy chain only where it exists', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sindex-floor-'));
    expect(numpyScript(join(dir, 'absent.py'))).toBeNull();
    const file = join(dir, 'reduced_numpy.py');
    writeFileSync(file, '');
    expect(numpyScript(file)).toBe(file);
  });
});
