// Log–log OLS slope: a hand-computed regression, an exact power law, numpy.polyfit + mpmath
// (test/fixtures/stats/gen_stats.py); the stratified bootstrap against the Python reference and
// the asymptotic variance of a median.
import { describe, expect, it } from 'vitest';
import { bootstrapSlope, logLogSlope } from '../../src/stats/fit.js';
import type { Observation } from '../../src/stats/kaplanMeier.js';
import { SeededRandom } from '../../src/stats/random.js';
import { fixture } from './fixture.js';

const pts = (ds: number[], meds: number[]) => ds.map((d, i) => ({ d, median: meds[i]!, lo: null, hi: null }));

describe('logLogSlope', () => {
  it('hand computation: x = ln d = 0..3, y = ln median = 1, 3, 2, 5', () => {
    // x̄ = 1.5, ȳ = 2.75, Sxx = 5, Sxy = 5.5 → b = 1.1, a = 1.1; residuals −0.1, 0.8, −1.3, 0.6,
    // RSS = 2.7, s² = 1.35, se = √(1.35/5) = √0.27; t_{0.975}(2) = (2p − 1)/√(2p(1 − p)) at
    // p = 0.975 (the closed form for ν = 2) = 4.302652729749464 (printed tables: 4.303).
    const fit = logLogSlope(pts([0, 1, 2, 3].map(Math.exp), [1, 3, 2, 5].map(Math.exp)));
    const t2 = 0.95 / Math.sqrt(2 * 0.975 * 0.025);
    expect(t2).toBeCloseTo(4.302652729749464, 14);
    expect(fit.slope).toBeCloseTo(1.1, 13);
    expect(fit.intercept).toBeCloseTo(1.1, 13);
    expect(fit.residualScale).toBeCloseTo(Math.sqrt(1.35), 13);
    expect(fit.ci[0]).toBeCloseTo(1.1 - t2 * Math.sqrt(0.27), 12);
    expect(fit.ci[1]).toBeCloseTo(1.1 + t2 * Math.sqrt(0.27), 12);
    expect(fit.points).toBe(4);
  });

  it('recovers an exact power law median = 3·d^1.5 with a zero-width interval', () => {
    const ds = [10, 30, 100, 300, 1000];
    const fit = logLogSlope(
      pts(
        ds,
        ds.map((d) => 3 * d ** 1.5),
      ),
    );
    expect(fit.slope).toBeCloseTo(1.5, 12);
    expect(fit.intercept).toBeCloseTo(Math.log(3), 11);
    expect(fit.residualScale).toBeLessThan(1e-12);
    expect(fit.ci[1] - fit.ci[0]).toBeLessThan(1e-10);
  });

  it('matches numpy.polyfit with the mpmath t quantile', () => {
    const f = fixture.fit;
    const fit = logLogSlope(pts(f.d, f.median));
    expect(fit.slope).toBeCloseTo(f.slope, 12);
    expect(fit.intercept).toBeCloseTo(f.intercept, 11);
    expect(fit.residualScale).toBeCloseTo(f.residualScale, 12);
    expect(fit.ci[0]).toBeCloseTo(f.lo, 11);
    expect(fit.ci[1]).toBeCloseTo(f.hi, 11);
  });

  it('has an unbounded interval with two points, and rejects degenerate input', () => {
    const fit = logLogSlope(pts([10, 100], [5, 500]));
    expect(fit.slope).toBeCloseTo(2, 13);
    expect(fit.ci).toEqual([-Infinity, Infinity]);
    expect(fit.residualScale).toBeNaN();
    expect(() => logLogSlope(pts([10], [5]))).toThrow(RangeError);
    expect(() => logLogSlope(pts([10, 10, 10], [5, 6, 7]))).toThrow(RangeError);
    expect(() => logLogSlope(pts([10, 20, 40], [5, 0, 7]))).toThrow(RangeError);
    expect(() => logLogSlope(pts([10, -20, 40], [5, 1, 7]))).toThrow(RangeError);
  });
});

const toMap = (runs: Record<string, Observation[]>): Map<number, Observation[]> => new Map(Object.entries(runs).map(([d, r]) => [Number(d), r]));

describe('bootstrapSlope', () => {
  it.each(fixture.slope.map((c) => [c.name, c] as const))('%s matches the Python reference', (_, ref) => {
    const got = bootstrapSlope(toMap(ref.runs), { resamples: ref.resamples, level: ref.level, seed: ref.seed });
    expect(got.slope).toBeCloseTo(ref.slope, 12);
    expect(got.ci[0]).toBeCloseTo(ref.lo!, 12);
    expect(got.ci[1]).toBeCloseTo(ref.hi!, 12);
    expect(got.nullResamples).toBe(ref.nullResamples);
    expect(got.points).toBe(ref.points);
    expect(got.censoredMedians).toBe(ref.censoredMedians);
  });

  it('gives a zero-width interval when every seed at a given d has the same time d²', () => {
    const runs = new Map([10, 20, 40].map((d) => [d, Array.from({ length: 7 }, () => ({ time: d * d, reached: true }))]));
    const r = bootstrapSlope(runs, { seed: 1, resamples: 200 });
    expect(r.slope).toBeCloseTo(2, 13);
    expect(r.ci[0]).toBeCloseTo(2, 13);
    expect(r.ci[1]).toBeCloseTo(2, 13);
    expect(r.medians.map((m) => m.median)).toEqual([100, 400, 1600]);
  });

  it('has the width asymptotic theory predicts for exponential hitting times', () => {
    // T ~ Exp with median d (rate λ = ln2/d). The sample median of n draws has variance
    // 1/(4n f(med)²) = 1/(nλ²), so Var ln(median) ≈ 1/(n ln²2), and Var slope = Var ln(median)/Sxx.
    const rng = new SeededRandom(2025);
    const ds = [100, 200, 400, 800, 1600];
    const n = 400;
    const runs = new Map(ds.map((d) => [d, Array.from({ length: n }, () => ({ time: (-d / Math.LN2) * Math.log(1 - rng.uniform()), reached: true }))]));
    const xs = ds.map(Math.log);
    const xbar = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sxx = xs.reduce((a, x) => a + (x - xbar) ** 2, 0);
    const half = 1.959963984540054 * Math.sqrt(1 / (n * Math.LN2 ** 2) / sxx);
    const r = bootstrapSlope(runs, { seed: 4, resamples: 2000 });
    const width = r.ci[1]! - r.ci[0]!;
    expect(width / (2 * half)).toBeGreaterThan(0.75);
    expect(width / (2 * half)).toBeLessThan(1.25);
    expect(Math.abs(r.slope! - 1)).toBeLessThan(2 * half); // the true slope is 1
  });

  it('leaves out a d whose median is censored, and gives no slope with fewer than 2 fitted d', () => {
    const ev = (t: number): Observation => ({ time: t, reached: true });
    const cens = (t: number): Observation => ({ time: t, reached: false });
    const runs = new Map<number, Observation[]>([
      [10, [ev(90), ev(100), ev(110)]],
      [20, [ev(380), ev(400), ev(420)]],
      [40, [ev(1500), cens(2000), cens(2000)]], // S = 2/3 after the only event: median censored
    ]);
    const r = bootstrapSlope(runs, { seed: 2, resamples: 100 });
    expect(r.points).toBe(2);
    expect(r.censoredMedians).toBe(1);
    expect(r.slope).toBeCloseTo(2, 13); // medians 100 and 400
    expect(r.medians[2]).toEqual({ d: 40, median: null });
    runs.delete(20);
    const none = bootstrapSlope(runs, { seed: 2, resamples: 100 });
    expect(none).toMatchObject({ slope: null, ci: [null, null], points: 1, censoredMedians: 1 });
  });

  it('nulls both ends when many resamples lose a median', () => {
    // At d = 40 one run of two reaches: a resample of it has no median when it draws the censored
    // run twice (probability 1/4; one of each gives S(1600) = 1/2, median 1600), far above 2.5 %.
    const ev = (t: number): Observation => ({ time: t, reached: true });
    const runs = new Map<number, Observation[]>([
      [10, [ev(100), ev(100)]],
      [20, [ev(400), ev(400)]],
      [40, [ev(1600), { time: 3000, reached: false }]],
    ]);
    const r = bootstrapSlope(runs, { seed: 6, resamples: 400 });
    expect(r.slope).toBeCloseTo(2, 13);
    expect(r.nullResamples / 400).toBeGreaterThan(0.18); // binomial(400, 1/4): mean 100, sd 8.7
    expect(r.nullResamples / 400).toBeLessThan(0.32);
    expect(r.ci).toEqual([null, null]);
  });

  it('validates its input', () => {
    expect(() => bootstrapSlope(new Map([[10, []]]), { seed: 1 })).toThrow(RangeError);
    expect(() => bootstrapSlope(new Map([[10, [{ time: 0, reached: true }]]]), { seed: 1 })).toThrow(RangeError);
    expect(() => bootstrapSlope(new Map([[-1, [{ time: 3, reached: true }]]]), { seed: 1 })).toThrow(RangeError);
  });
});
