// Hermite values against the explicit polynomials He_k and He_k/√k!.
import { describe, expect, it } from 'vitest';
import { orthonormalHermite, probabilistsHermite } from '../../src/numeric/hermite.js';

const explicit = [
  () => 1,
  (x: number) => x,
  (x: number) => (x * x - 1) / Math.sqrt(2),
  (x: number) => (x ** 3 - 3 * x) / Math.sqrt(6),
  (x: number) => (x ** 4 - 6 * x * x + 3) / Math.sqrt(24),
  (x: number) => (x ** 5 - 10 * x ** 3 + 15 * x) / Math.sqrt(120),
];

describe('orthonormalHermite', () => {
  it('matches He_k/√k! from h_0 and from h_1', () => {
    for (const x of [-2.3, -0.4, 0, 0.7, 3.1]) {
      const all = new Float64Array(6);
      orthonormalHermite(x, all);
      const fromOne = new Float64Array(5);
      orthonormalHermite(x, fromOne, 1);
      explicit.forEach((f, k) => {
        expect(all[k]).toBeCloseTo(f(x), 12);
        if (k >= 1) expect(fromOne[k - 1]).toBeCloseTo(f(x), 12);
      });
    }
  });
});

describe('probabilistsHermite', () => {
  it('matches He_k = √k!·h_k for k ≤ 5, and is exact on small integers', () => {
    const sqrtFactorial = [1, 1, Math.sqrt(2), Math.sqrt(6), Math.sqrt(24), Math.sqrt(120)];
    for (const x of [-2.3, -0.4, 0, 0.7, 3.1]) {
      explicit.forEach((f, k) => expect(probabilistsHermite(k, x)).toBeCloseTo(sqrtFactorial[k]! * f(x), 11));
    }
    expect(probabilistsHermite(3, 2)).toBe(2);
    expect(probabilistsHermite(4, 3)).toBe(81 - 54 + 3);
  });
});
