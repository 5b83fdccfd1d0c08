// SeededRandom against an independent Python implementation of the documented algorithm
// (test/fixtures/stats/gen_stats.py), plus distribution checks.
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../src/stats/random.js';
import { fixture } from './fixture.js';

describe('SeededRandom', () => {
  it.each(fixture.random.map((r) => [r.seed, r] as const))('seed %d reproduces the Python reference stream', (seed, ref) => {
    const r = new SeededRandom(seed);
    expect(Array.from({ length: 5 }, () => r.nextUint32())).toEqual(ref.raw);
    expect(Array.from({ length: 5 }, () => r.uniform())).toEqual(ref.uniform.map(Number));
    expect([1, 2, 3, 10, 1000, 2 ** 31 + 1, 2 ** 32, 7].map((n) => r.integer(n))).toEqual(ref.integer);
  });

  it('is reproducible and seed-dependent', () => {
    const a = new SeededRandom(9);
    const b = new SeededRandom(9);
    const c = new SeededRandom(10);
    const xa = Array.from({ length: 20 }, () => a.uniform());
    expect(Array.from({ length: 20 }, () => b.uniform())).toEqual(xa);
    expect(Array.from({ length: 20 }, () => c.uniform())).not.toEqual(xa);
  });

  it('uniform() lies in [0, 1) with mean 1/2 and variance 1/12', () => {
    const r = new SeededRandom(1);
    const n = 200_000;
    let s = 0;
    let s2 = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = r.uniform();
      if (!(u >= 0 && u < 1)) outside++;
      s += u;
      s2 += u * u;
    }
    expect(outside).toBe(0);
    const mean = s / n;
    // Standard error of the mean is √(1/12/n) ≈ 6.5e-4: allow 5 standard errors.
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(s2 / n - mean * mean - 1 / 12)).toBeLessThan(2e-3);
  });

  it('integer(n) is uniform on {0..n−1} (chi-square, 9 dof)', () => {
    const r = new SeededRandom(77);
    const counts = new Array<number>(10).fill(0);
    const n = 100_000;
    for (let i = 0; i < n; i++) counts[r.integer(10)]!++;
    const chi2 = counts.reduce((acc, c) => acc + (c - n / 10) ** 2 / (n / 10), 0);
    // 99.9 % point of chi-square with 9 dof is 27.88.
    expect(chi2).toBeLessThan(27.88);
    expect(new SeededRandom(3).integer(1)).toBe(0);
  });

  it('rejects bad seeds and ranges', () => {
    expect(() => new SeededRandom(1.5)).toThrow(RangeError);
    expect(() => new SeededRandom(2 ** 60)).toThrow(RangeError);
    const r = new SeededRandom(0);
    expect(() => r.integer(0)).toThrow(RangeError);
    expect(() => r.integer(2.5)).toThrow(RangeError);
    expect(() => r.integer(2 ** 32 + 1)).toThrow(RangeError);
  });
});
