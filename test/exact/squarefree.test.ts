import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { factorial } from '../../src/exact/combinatorics.js';
import { isqrt, primesUpTo } from '../../src/exact/primes.js';
import { sqrtFactorialParts, squarefreeDecomposition } from '../../src/exact/squarefree.js';
import { fixture } from './fixture.js';

/** Squarefree test by naive trial division (small n only). */
function isSquarefree(n: bigint): boolean {
  for (let p = 2n; p * p <= n; p++) if (n % (p * p) === 0n) return false;
  return true;
}

describe('primes and isqrt', () => {
  it('primesUpTo', () => {
    expect(primesUpTo(30)).toEqual([2, 3, 5, 7, 11, 13, 17, 19, 23, 29]);
    expect(primesUpTo(1)).toEqual([]);
    expect(primesUpTo(1000).length).toBe(168);
    expect(primesUpTo(65536).length).toBe(6542);
    expect(primesUpTo(2)).toEqual([2]);
  });
  it('isqrt(n)² ≤ n < (isqrt(n)+1)²', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 3000n }), (n) => {
        const s = isqrt(n);
        expect(s * s <= n && n < (s + 1n) * (s + 1n)).toBe(true);
      }),
    );
    expect(isqrt(10n ** 400n)).toBe(10n ** 200n);
    for (const k of [2n ** 26n - 1n, 2n ** 26n - 3n, 94906265n, 67108863n]) {
      expect(isqrt(k * k - 1n)).toBe(k - 1n);
      expect(isqrt(k * k)).toBe(k);
    }
  });
});

describe('squarefreeDecomposition', () => {
  it('hand cases', () => {
    expect(squarefreeDecomposition(72n)).toEqual({ outside: 6n, radicand: 2n, certified: true });
    expect(squarefreeDecomposition(1n)).toEqual({ outside: 1n, radicand: 1n, certified: true });
    expect(squarefreeDecomposition(40320n)).toEqual({ outside: 24n, radicand: 70n, certified: true });
    const p = 1000003n; // prime > 2^16
    const q = 999983n; // prime > 2^16
    expect(squarefreeDecomposition(p * p * 12n)).toEqual({ outside: 2n * p, radicand: 3n, certified: true });
    expect(squarefreeDecomposition(p * q)).toEqual({ outside: 1n, radicand: p * q, certified: true });
  });
  it('a repeated prime beyond the trial bound is not certified, but the value stays exact', () => {
    const p = 1000003n;
    const q = 999983n;
    const d = squarefreeDecomposition(p * p * q * 5n);
    expect(d.certified).toBe(false);
    expect(d.outside * d.outside * d.radicand).toBe(p * p * q * 5n);
  });
  it('n = outside²·radicand, radicand squarefree when certified (random n)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 9n }), fc.bigInt({ min: 1n, max: 1000n }), (a, b) => {
        const n = a * b * b;
        const d = squarefreeDecomposition(n);
        expect(d.outside * d.outside * d.radicand).toBe(n);
        expect(d.certified).toBe(true);
        expect(isSquarefree(d.radicand)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('sqrtFactorialParts (Legendre)', () => {
  it('8! = 2^7·3^2·5·7 → √(8!) = 24√70', () => {
    expect(sqrtFactorialParts(8)).toEqual({ outside: 24n, radicand: 70n });
  });
  it.each(fixture.sqrtFactorials)('k = $k matches sympy factorint', ({ k, outside, radicand }) => {
    const parts = sqrtFactorialParts(k);
    expect(parts.outside).toBe(BigInt(outside));
    expect(parts.radicand).toBe(BigInt(radicand));
    expect(parts.outside * parts.outside * parts.radicand).toBe(factorial(k));
  });
});
