// Two seeds stepped in turn give each seed exactly the result it has alone (runSeed), whatever
// it is paired with, in whichever slot, and however the scheduler's run is cut into budgets.
import { describe, expect, it } from 'vitest';
import { engineInput } from '../../src/sgd/engineInput.js';
import { seedFor } from '../../src/sgd/rng.js';
import { ChainScheduler, runChains } from '../../src/sgd/scalarChain.js';
import { runSeed, type RunOptions, type RunResult } from '../../src/sgd/simulate.js';
import { ALGORITHMS, onlineGamma, options } from './helpers.js';

const d = 32;
const base = (over: Partial<RunOptions>): RunOptions => options({ d, algorithm: { kind: 'online' }, gamma: onlineGamma(d) * 2, engine: 'reduced', seed: 1, maxSteps: 30_000, ...over });

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
