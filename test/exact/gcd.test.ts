import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gcd, lcm } from '../../src/exact/gcd.js';

/** Reference: plain Euclid. */
function euclid(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

describe('gcd (Lehmer)', () => {
  it('hand cases', () => {
    expect(gcd(0n, 0n)).toBe(0n);
    expect(gcd(0n, -5n)).toBe(5n);
    expect(gcd(12n, 18n)).toBe(6n);
    expect(gcd(-12n, 18n)).toBe(6n);
    expect(gcd(2n ** 200n * 3n, 2n ** 150n * 9n)).toBe(2n ** 150n * 3n);
    // consecutive Fibonacci numbers: the worst case for Euclid, gcd 1
    let [f0, f1] = [0n, 1n];
    for (let i = 0; i < 1500; i++) [f0, f1] = [f1, f0 + f1];
    expect(gcd(f1, f0)).toBe(1n);
  });

  it('agrees with Euclid on big random integers with a planted common factor', () => {
    const big = fc.bigInt({ min: -(2n ** 2500n), max: 2n ** 2500n });
    fc.assert(
      fc.property(big, big, fc.bigInt({ min: 1n, max: 2n ** 700n }), (a, b, g) => {
        expect(gcd(a * g, b * g)).toBe(euclid(a * g, b * g));
      }),
      { numRuns: 200 },
    );
  });

  it('lcm', () => {
    expect(lcm(4n, 6n)).toBe(12n);
    expect(lcm(-4n, 6n)).toBe(12n);
    expect(lcm(0n, 6n)).toBe(0n);
  });
});
