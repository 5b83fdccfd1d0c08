// Two seeds stepped in turn give each seed exactly the result it has alone (runSeed), whatever
// it is paired with, in whichever slot, and however the scheduler's run is cut into budgets.
import { describe, expect, it } from 'vitest';
import { engineInput } from '../../src/sgd/engineInput.js';
import { seedFor } from '../../src/sgd/rng.js';
import { ChainScheduler, runChains } from '../../src/sgd/chainScheduler.js';
import { invSqrt1p } from '../../src/sgd/chainLoops.js';
import { ScalarChain } from '../../src/sgd/scalarChain.js';
import { stepOnSample } from '../../src/sgd/sphereStep.js';
import { chiSquaredCdf } from './gammaLaw.js';
import { runSeed, type RunOptions, type RunResult } from '../../src/sgd/simulate.js';
import { ALGORITHMS, he3, onlineGamma, options } from './helpers.js';

const d = 32;
const base = (over: Partial<RunOptions>): RunOptions =>
  options({ d, algorithm: { kind: 'online' }, gamma: onlineGamma(d) * 2, engine: 'reduced', seed: 1, maxSteps: 30_000, ...over });

/** A mixed bag: hits, censored runs, divergences, noise, every algorithm, starts above τ, maxSteps 0. */
function mixedRuns(): RunOptions[] {
  const runs: RunOptions[] = [];
  for (let i = 0; i < 12; i++) runs.push(base({ seed: seedFor(3, i) }));
  for (let i = 0; i < 4; i++) runs.push(base({ seed: seedFor(4, i), maxSteps: 700 + 37 * i })); // censored mid-block
  runs.push(base({ seed: 5, gamma: 1e300 })); // diverges at step 1
  runs.push(base({ seed: 6, algorithm: { kind: 'custom', psi: (y, z) => (Math.abs(z) > 3.5 ? NaN : y * z * 0.01) } })); // diverges later
  for (let i = 0; i < 3; i++) runs.push(base({ seed: seedFor(7, i), noise: 0.25 }));
  for (const algorithm of Object.values(ALGORITHMS)) runs.push(base({ seed: 8, algorithm, gamma: 0.01, maxSteps: 5000 }));
  runs.push(base({ seed: 9, threshold: 0.01 })); // the start is likely above τ
  runs.push(base({ seed: 10, maxSteps: 0 }));
  runs.push(base({ seed: 11, d: 2 }));
  return runs;
}

describe('ChainScheduler', () => {
  const runs = mixedRuns();
  const alone = runs.map((o) => runSeed(o));

  it('gives every seed its result alone, in order and reversed (other partners, other slots)', () => {
    const inputs = runs.map(engineInput);
    expect(runChains(inputs)).toEqual(alone);
    expect(runChains([...inputs].reverse())).toEqual([...alone].reverse());
    // the bag really is mixed
    expect(alone.some((r) => r.hit !== null)).toBe(true);
    expect(alone.some((r) => r.hit === null && r.diverged === null && r.steps > 0)).toBe(true);
    expect(alone.filter((r) => r.diverged !== null).length).toBeGreaterThanOrEqual(2);
  });

  it('gives the same results when its run is cut into small budgets, and reports each seed once', () => {
    const jobs = runs.map((o, k) => ({ input: engineInput(o), k }));
    const got = new Map<number, RunResult>();
    let i = 0;
    const s = new ChainScheduler(
      () => jobs[i++] ?? null,
      (job, r) => {
        expect(got.has(job.k)).toBe(false);
        got.set(job.k, r);
      },
    );
    let calls = 0;
    while (!s.run(3000)) calls++;
    expect(calls).toBeGreaterThan(10);
    expect(jobs.map((_, k) => got.get(k))).toEqual(alone);
  });
});

describe('the one-step fast path of the chain', () => {
  it('invSqrt1p(e) is 1/√(1 + e) to rounding on both series ranges and beyond; NaN for ∞ and NaN', () => {
    for (let k = 0; k <= 4000; k++) {
      const e = 2 ** (-40 + (k / 4000) * 45); // 2⁻⁴⁰ … 2⁵
      expect(Math.abs(invSqrt1p(e) * Math.sqrt(1 + e) - 1)).toBeLessThan(4e-16);
    }
    expect(invSqrt1p(0)).toBe(1);
    expect(invSqrt1p(Infinity)).toBeNaN();
    expect(invSqrt1p(NaN)).toBeNaN();
  });

  it('follows the generic projected step (stepOnSample) on the same draws, step by step, to rounding', () => {
    // a second chain of the same seed replays the draws (its start, then sample() each step) with the generic step
    const d = 40;
    const gamma = 0.002; // e = c²p reaches past 2⁻¹⁰, so all three branches of invSqrt1p are used
    for (const seed of [1, 2, 3]) {
      const steps = 3000;
      const o = base({ seed, d, gamma, maxSteps: steps, threshold: 2 });
      const chain = runSeed(o);
      const replay = new ScalarChain(engineInput(o));
      let m = replay.m;
      const rule = engineInput(o).rules();
      const s = { m: 0, z: 0, p: 0, a: 1, b: 0 };
      const draws = new Float64Array(4);
      for (let j = 0; j < steps; j++) {
        replay.sample(draws);
        const [z, xi, r] = draws as unknown as [number, number, number];
        const u = m * z + Math.sqrt(1 - m * m) * xi;
        s.m = m;
        s.z = z;
        s.p = xi * xi + r;
        expect(stepOnSample(s, u, he3(u), rule)).toBe(true);
        m = s.m;
      }
      expect(chain.steps).toBe(steps);
      expect(chain.finalOverlap).toBeCloseTo(m, 12);
    }
  });
});

describe('ScalarChain.sample', () => {
  it('draws z, ξ, ε ~ N(0, 1) and R ~ χ²_{d−2}, independent: distribution functions (core, wedges, tails) and the correlations of a step', () => {
    const d = 64;
    const k = d - 2;
    const chain = new ScalarChain(engineInput(base({ d, seed: 99, noise: 0.5, maxSteps: 10 })));
    const draws = new Float64Array(4);
    const n = 2_000_000;
    const normalPoints: [number, number][] = [
      [-4, 3.167124e-5],
      [-1, 0.1586553],
      [0.5, 0.6914625],
      [3.9, 0.9999519],
    ];
    const below = [0, 1, 3].map(() => new Float64Array(normalPoints.length));
    const chiPoints = [0.5 * k, k, 1.5 * k, 2 * k];
    const chiBelow = new Float64Array(chiPoints.length);
    let zxi = 0;
    let zr = 0;
    let xir = 0;
    let zeps = 0;
    for (let i = 0; i < n; i++) {
      chain.sample(draws);
      const [z, xi, r, eps] = draws as unknown as [number, number, number, number];
      [z, xi, eps].forEach((v, c) => normalPoints.forEach(([q], p) => v <= q && below[c]![p]!++));
      chiPoints.forEach((q, p) => r <= q && chiBelow[p]!++);
      zxi += z * xi;
      zr += z * (r - k);
      xir += xi * (r - k);
      zeps += z * eps;
    }
    const within = (got: number, p: number, label: string) => expect(Math.abs(got / n - p), label).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n) + 1e-7);
    ['z', 'ξ', 'ε'].forEach((name, c) => normalPoints.forEach(([q, p], j) => within(below[c]![j]!, p, `${name}: Φ(${q})`)));
    chiPoints.forEach((q, j) => within(chiBelow[j]!, chiSquaredCdf(k, q), `R: P(χ²_${k} ≤ ${q})`));
    expect(Math.abs(zxi / n)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(zeps / n)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(zr / n) / Math.sqrt(2 * k)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(xir / n) / Math.sqrt(2 * k)).toBeLessThan(5 / Math.sqrt(n));
  });
});
