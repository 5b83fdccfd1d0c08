// Percentile bootstrap: replicates against an independent Python implementation driven by the
// same documented generator, with numpy.percentile (test/fixtures/stats/gen_stats.py); a
// hand-enumerable case; and the normal-theory interval of a mean.
import { describe, expect, it } from 'vitest';
import { bootstrapInterval, quantileSorted } from '../../src/stats/bootstrap.js';
import { kaplanMeierMedian, type Observation } from '../../src/stats/kaplanMeier.js';
import { SeededRandom } from '../../src/stats/random.js';
import { fixture } from './fixture.js';

const mean = (s: readonly number[]): number => s.reduce((a, b) => a + b, 0) / s.length;

describe('quantileSorted', () => {
  it('interpolates linearly like numpy.percentile', () => {
    // h = (n − 1)p: [1, 2, 3, 4] at p = 0.5 → h = 1.5 → 2.5; p = 0.1 → h = 0.3 → 1.3.
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0.1)).toBeCloseTo(1.3, 15);
    expect(quantileSorted([1, 2, 3, 4], 0)).toBe(1);
    expect(quantileSorted([1, 2, 3, 4], 1)).toBe(4);
    expect(quantileSorted([5], 0.3)).toBe(5);
  });
  it('handles infinite neighbours', () => {
    expect(quantileSorted([1, 2, Infinity], 0.5)).toBe(2); // h = 1 exactly
    expect(quantileSorted([1, 2, Infinity], 0.75)).toBe(Infinity);
    expect(quantileSorted([-Infinity, 2, 3], 0.25)).toBe(-Infinity);
    expect(() => quantileSorted([], 0.5)).toThrow(RangeError);
  });
});

describe('bootstrapInterval', () => {
  it.each(fixture.bootstrap.map((b) => [`${b.name} seed ${b.seed}`, b] as const))('%s matches the Python reference', (_, ref) => {
    const opts = { resamples: ref.resamples, level: ref.level, seed: ref.seed };
    const got =
      ref.name === 'mean' ? bootstrapInterval(ref.sample as number[], mean, opts) : bootstrapInterval(ref.sample as Observation[], kaplanMeierMedian, opts);
    for (const key of ['lo', 'hi', 'estimate'] as const) {
      const want = ref[key];
      if (want === null) expect(got[key]).toBeNull();
      else expect(got[key]).toBeCloseTo(want, 12);
    }
  });

  it('the KM-median reference has null resamples: hi is null once more than 2.5 % are censored', () => {
    const ref = fixture.bootstrap.find((b) => b.name === 'kmMedian' && b.level === 0.95)!;
    expect(ref.nullFraction).toBeGreaterThan(0.025);
    expect(ref.hi).toBeNull();
  });

  it('hand case: the mean of a resample of [1, 2] is 1, 1.5 or 2 with probabilities 1/4, 1/2, 1/4', () => {
    const r = bootstrapInterval([1, 2], mean, { resamples: 4000, seed: 3 });
    expect(r).toEqual({ lo: 1, hi: 2, estimate: 1.5 });
    // At level 0.4 the 30 % and 70 % points both fall in the middle atom.
    expect(bootstrapInterval([1, 2], mean, { resamples: 4000, level: 0.4, seed: 3 })).toEqual({ lo: 1.5, hi: 1.5, estimate: 1.5 });
  });

  it('is degenerate on a constant sample and null when the statistic always is', () => {
    expect(bootstrapInterval([4, 4, 4], mean, { seed: 1 })).toEqual({ lo: 4, hi: 4, estimate: 4 });
    expect(bootstrapInterval([1, 2, 3], () => null, { resamples: 50, seed: 1 })).toEqual({ lo: null, hi: null, estimate: null });
  });

  it('matches the normal-theory interval mean ± 1.96·s/√n for a large sample', () => {
    const rng = new SeededRandom(11);
    const n = 400;
    const sample = Array.from({ length: n }, () => rng.uniform() * 10);
    const m = mean(sample);
    const sd = Math.sqrt(sample.reduce((a, x) => a + (x - m) ** 2, 0) / (n - 1));
    const half = (1.959963984540054 * sd) / Math.sqrt(n);
    const r = bootstrapInterval(sample, mean, { resamples: 4000, seed: 12 });
    // Monte Carlo error of a 2.5 % point with B = 4000 is ~4 % of the half-width; allow 10 %.
    expect(Math.abs(r.lo! - (m - half))).toBeLessThan(0.1 * half);
    expect(Math.abs(r.hi! - (m + half))).toBeLessThan(0.1 * half);
  });

  it('is reproducible for a seed, and validates its options', () => {
    const s = [3, 1, 4, 1, 5, 9, 2, 6];
    expect(bootstrapInterval(s, mean, { seed: 8 })).toEqual(bootstrapInterval(s, mean, { seed: 8 }));
    expect(() => bootstrapInterval([], mean, { seed: 1 })).toThrow(RangeError);
    expect(() => bootstrapInterval(s, mean, { seed: 1, resamples: 0 })).toThrow(RangeError);
    expect(() => bootstrapInterval(s, mean, { seed: 1, level: 1 })).toThrow(RangeError);
    expect(() => bootstrapInterval(s, () => NaN, { seed: 1 })).toThrow(RangeError);
  });
});
