import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { overCommonDenominator, reduceOver } from '../../src/exact/commonDenominator.js';
import { Rational } from '../../src/exact/rational.js';

const rational = fc.tuple(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.bigInt({ min: 1n, max: 10n ** 12n })).map(([n, d]) => Rational.of(n, d));

describe('overCommonDenominator / reduceOver', () => {
  it('hand case: 1/2, 1/3, 5/6, 7 over 6', () => {
    const r = overCommonDenominator([Rational.of(1, 2), Rational.of(1, 3), Rational.of(5, 6), Rational.of(7)]);
    expect(r.denominator).toBe(6n);
    expect(r.numerators).toEqual([3n, 2n, 5n, 42n]);
    expect(overCommonDenominator([]).denominator).toBe(1n);
  });
  it('N_i / D gives back q_i, D is the least common denominator', () => {
    fc.assert(
      fc.property(fc.array(rational, { maxLength: 12 }), (qs) => {
        const { numerators, denominator } = overCommonDenominator(qs);
        numerators.forEach((n, i) => expect(reduceOver(n, denominator).equals(qs[i] as Rational)).toBe(true));
        for (const p of [2n, 3n, 5n, 7n]) {
          if (denominator % p === 0n) expect(qs.every((q) => (denominator / p) % q.den === 0n)).toBe(false);
        }
      }),
    );
  });
});
