import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bitLength, frexp, ldexp, log2Ratio, ratioMantExp } from '../../src/exact/float.js';

describe('bitLength', () => {
  it('matches the binary string length', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 3000n), max: 2n ** 3000n }), (n) => {
        const abs = n < 0n ? -n : n;
        expect(bitLength(n)).toBe(abs === 0n ? 0 : abs.toString(2).length);
      }),
    );
    for (const k of [0, 1, 31, 32, 33, 52, 53, 54, 63, 64, 65, 1000]) {
      expect(bitLength(2n ** BigInt(k))).toBe(k + 1);
      expect(bitLength(2n ** BigInt(k) - 1n)).toBe(k);
    }
  });
});

describe('ldexp', () => {
  it('scales by powers of two exactly in the normal range', () => {
    expect(ldexp(1.5, 10)).toBe(1536);
    expect(ldexp(1, 1023)).toBe(2 ** 1023);
    expect(ldexp(2 ** 1000, -2000)).toBe(2 ** -1000);
    expect(ldexp(2 ** -1000, 2000)).toBe(2 ** 1000);
    expect(ldexp(1, 1024)).toBe(Infinity);
    expect(ldexp(-1, 5000)).toBe(-Infinity);
    expect(ldexp(1, -1074)).toBe(2 ** -1074);
    expect(ldexp(1, -1076)).toBe(0);
  });
});

describe('ratioMantExp', () => {
  it('agrees with double division for small operands (correct rounding)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 }), fc.integer({ min: 1, max: 2 ** 31 }), (a, b) => {
        const { m, e } = ratioMantExp(BigInt(a), BigInt(b));
        expect(m).toBeGreaterThanOrEqual(1);
        expect(m).toBeLessThanOrEqual(2);
        expect(m * 2 ** e).toBe(a / b);
      }),
    );
  });
  it('rounds huge quotients correctly: (2^60 + 2^7 + 1)/2^60 rounds up, (2^60 + 2^7)/2^60 ties to even', () => {
    const den = 2n ** 60n;
    expect(ratioMantExp(den + 2n ** 7n + 1n, den).m).toBe(1 + 2 ** -52);
    expect(ratioMantExp(den + 2n ** 7n, den).m).toBe(1);
    // with thousands of bits on both sides
    const big = 7n ** 2000n;
    const r = ratioMantExp(big * 3n, big * 2n);
    expect(r.m).toBe(1.5);
    expect(r.e).toBe(0);
  });
  it('log2Ratio of 2^5000/3^100', () => {
    expect(log2Ratio(2n ** 5000n, 3n ** 100n)).toBeCloseTo(5000 - 100 * Math.log2(3), 10);
  });
});

describe('frexp', () => {
  it('splits positive doubles', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-300, max: 1e300, noNaN: true }), (x) => {
        const { m, e } = frexp(x);
        expect(m).toBeGreaterThanOrEqual(1);
        expect(m).toBeLessThan(2);
        expect(ldexp(m, e)).toBe(x);
      }),
    );
    expect(frexp(2 ** -1074)).toEqual({ m: 1, e: -1074 });
  });
});
