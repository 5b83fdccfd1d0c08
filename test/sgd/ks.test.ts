import { describe, expect, it } from 'vitest';
import { kolmogorovSurvival, ksTwoSample } from '../../src/sgd/ks.js';
import { Rng } from '../../src/sgd/rng.js';

describe('kolmogorovSurvival Q(λ) = P(K > λ)', () => {
  it('matches reference values (scipy.stats.kstwobign.sf)', () => {
    const ref: [number, number][] = [
      [0.3, 0.9999906941986655],
      [0.5, 0.9639452436648751],
      [0.8, 0.5441424115741981],
      [0.8275735551899077, 0.5], // median
      [1.0, 0.26999967167735456],
      [1.2238478702170825, 0.1],
      [1.3580986393225505, 0.05],
      [1.5, 0.022217962616525127],
      [1.6276236115189504, 0.01],
      [2.0, 0.0006709252557796953],
      [3.0, 3.045995948942526e-8],
    ];
    for (const [l, q] of ref) expect(kolmogorovSurvival(l), `λ = ${l}`).toBeCloseTo(q, 12);
    expect(kolmogorovSurvival(0)).toBe(1);
    expect(kolmogorovSurvival(-1)).toBe(1);
    expect(kolmogorovSurvival(40)).toBe(0);
  });

  it('the two series agree where they meet (λ = 1)', () => {
    expect(Math.abs(kolmogorovSurvival(1 - 1e-12) - kolmogorovSurvival(1))).toBeLessThan(1e-11);
  });
});

describe('ksTwoSample', () => {
  it('statistic and Stephens-corrected p-value on a small example', () => {
    const a = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const b = [3.5, 5.5, 7.5, 9.5, 11, 12, 13, 14];
    const r = ksTwoSample(a, b);
    expect(r.statistic).toBeCloseTo(0.525, 14); // scipy.stats.ks_2samp
    expect(r.pValue).toBeCloseTo(0.11377109594515153, 12); // kstwobign.sf((√nₑ + 0.12 + 0.11/√nₑ)·D)
    expect(ksTwoSample(b, a).statistic).toBe(r.statistic);
  });

  it('ties, identical samples and censored (null = +∞) values', () => {
    expect(ksTwoSample([1, 1, 2], [1, 1, 2])).toMatchObject({ statistic: 0, pValue: 1 });
    expect(ksTwoSample([1, 2, 3], [4, 5, 6]).statistic).toBe(1);
    expect(ksTwoSample([1, 1, 1, 2], [1, 2, 2, 2]).statistic).toBeCloseTo(0.5, 14);
    // censored runs are +∞ in both samples: they tie
    expect(ksTwoSample([1, null, null], [1, Infinity, null]).statistic).toBe(0);
    expect(ksTwoSample([1, 2, null, null], [1, 2, 3, 4]).statistic).toBeCloseTo(0.5, 14);
    expect(() => ksTwoSample([], [1])).toThrow(RangeError);
    expect(() => ksTwoSample([NaN], [1])).toThrow(RangeError);
  });

  it('is calibrated under the null and has power against a shift', () => {
    const rng = new Rng(11);
    const sample = (n: number, shift: number) => Array.from({ length: n }, () => rng.normal() + shift);
    let rejections = 0;
    const reps = 300;
    for (let i = 0; i < reps; i++) if (ksTwoSample(sample(200, 0), sample(150, 0)).pValue < 0.05) rejections++;
    expect(rejections / reps).toBeGreaterThan(0.01);
    expect(rejections / reps).toBeLessThan(0.1);
    expect(ksTwoSample(sample(400, 0), sample(400, 0.5)).pValue).toBeLessThan(1e-6);
  });
});
