import { describe, expect, it } from 'vitest';
import { binomial, doubleFactorial, factorial } from '../../src/exact/rational.js';

describe('factorial, doubleFactorial, binomial', () => {
  it('hand values', () => {
    expect([0, 1, 2, 3, 4, 5, 10].map(factorial)).toEqual([1n, 1n, 2n, 6n, 24n, 120n, 3628800n]);
    expect(factorial(8)).toBe(40320n);
    expect([-1, 0, 1, 2, 3, 4, 5, 6, 7].map(doubleFactorial)).toEqual([1n, 1n, 1n, 2n, 3n, 8n, 15n, 48n, 105n]);
    expect(binomial(5, 2)).toBe(10n);
    expect(binomial(5, 0)).toBe(1n);
    expect(binomial(5, 6)).toBe(0n);
    expect(binomial(5, -1)).toBe(0n);
    expect(binomial(60, 30)).toBe(118264581564861424n);
  });

  it('identities: (2m)!! = 2^m m!, (2m−1)!!·(2m)!! = (2m)!, Pascal, Σ_k C(n,k) = 2^n', () => {
    for (let m = 0; m <= 60; m++) {
      expect(doubleFactorial(2 * m)).toBe(2n ** BigInt(m) * factorial(m));
      expect(doubleFactorial(2 * m - 1) * doubleFactorial(2 * m)).toBe(factorial(2 * m));
    }
    for (let n = 1; n <= 80; n++) {
      let sum = 0n;
      for (let k = 0; k <= n; k++) {
        sum += binomial(n, k);
        if (k >= 1) expect(binomial(n, k)).toBe(binomial(n - 1, k - 1) + binomial(n - 1, k));
      }
      expect(sum).toBe(2n ** BigInt(n));
    }
  });

  it('factorial(1000) has 2568 digits and rejects bad input', () => {
    expect(factorial(1000).toString().length).toBe(2568);
    expect(() => factorial(-1)).toThrow(RangeError);
    expect(() => factorial(2.5)).toThrow(TypeError);
    expect(() => doubleFactorial(-2)).toThrow(RangeError);
  });
});
