/**
 * The sweep over d (multiIndexSweep.ts): its bookkeeping against the runs it reports (censoring,
 * the OLS slope of the reported medians recomputed by hand), and the fitted slopes against the
 * leap's prediction d^{max(L−1, 1)} (arXiv 2302.11055; docs/theory.md §8): leap 1 (z1 + z1·z2,
 * γ = 0.1/d) gives a slope near 1; leap 3 (z1·z2·z3, σ = z³, γ = 0.3·d^{−3/2}, the step size at
 * which the escape is drift-driven for information exponent 3) a slope near 2 (d = 100..400).
 */
import { describe, expect, it } from 'vitest';
import { OutOfRangeError } from '../../src/errors.js';
import { analyzeMultiIndex } from '../../src/multiIndex/analyzeMulti.js';
import { leapSlope, multiIndexSweep, type MultiIndexSweepOptions } from '../../src/sgd/multiIndexSweep.js';

const staircaseLink: Omit<MultiIndexSweepOptions, 'ds' | 'seeds'> = {
  directions: 2,
  target: (z) => z[0]! + z[0]! * z[1]!,
  activationDerivative: (z) => 1 + 2 * z,
  noise: 0,
  gamma: (d) => 0.1 / d,
  threshold: 0.5,
  maxSteps: 1_000_000,
  baseSeed: 3,
  resamples: 300,
};

describe('multiIndexSweep', () => {
  it('observations are the runs’ hits (censored at steps), and the slope is the OLS slope of ln median on ln d', () => {
    const s = multiIndexSweep({ ...staircaseLink, ds: [60, 30], seeds: 40, maxSteps: 150, time: 2 });
    expect([...s.runs.keys()]).toEqual([30, 60]);
    let censored = 0;
    for (const [d, runs] of s.runs) {
      const obs = s.observations.get(d)!;
      runs.forEach((run, i) => {
        const h = run.directionHits[1]!;
        expect(obs[i]).toEqual(h === null ? { time: run.steps, reached: false } : { time: Math.max(h, 1), reached: true });
        if (h === null) censored++;
      });
    }
    expect(censored).toBeGreaterThan(0);
    const m = s.fit.medians.filter((x) => x.median !== null) as { d: number; median: number }[];
    if (m.length === 2) expect(s.fit.slope).toBeCloseTo(Math.log(m[1]!.median / m[0]!.median) / Math.log(m[1]!.d / m[0]!.d), 12);
    else expect(s.fit.slope).toBeNull();
  });

  it('leap 1 (z1 + z1·z2): fitted slope near leapSlope(1) = 1 over d = 100..800', () => {
    expect(analyzeMultiIndex('z1 + z1*z2').leap).toBe(1);
    const s = multiIndexSweep({ ...staircaseLink, ds: [100, 200, 400, 800], seeds: 100 });
    expect(s.fit.points).toBe(4);
    expect(Math.abs(s.fit.slope! - leapSlope(1))).toBeLessThan(0.1);
  });

  it('leap 3 (z1·z2·z3, σ = z³, γ = 0.3·d^{−3/2}): fitted slope near leapSlope(3) = 2, well above 1', () => {
    expect(analyzeMultiIndex('z1*z2*z3').leap).toBe(3);
    const s = multiIndexSweep({
      ds: [100, 200, 400],
      directions: 3,
      target: (z) => z[0]! * z[1]! * z[2]!,
      activationDerivative: (z) => 3 * z * z,
      noise: 0,
      gamma: (d) => 0.3 / d ** 1.5,
      threshold: 0.5,
      maxSteps: 20_000_000,
      seeds: 40,
      baseSeed: 7,
      resamples: 300,
    });
    expect(s.fit.censoredMedians).toBe(0);
    expect(Math.abs(s.fit.slope! - leapSlope(3))).toBeLessThan(0.3);
  });

  it('validation', () => {
    expect(() => multiIndexSweep({ ...staircaseLink, ds: [50, 50], seeds: 2 })).toThrow(OutOfRangeError);
    expect(() => multiIndexSweep({ ...staircaseLink, ds: [50, 60], seeds: 0 })).toThrow(/seeds must be an integer ≥ 1/);
    expect(() => multiIndexSweep({ ...staircaseLink, ds: [50, 60], seeds: 2, time: 3 })).toThrow(/time must be 'subspace' or a direction 1..2/);
  });
});
