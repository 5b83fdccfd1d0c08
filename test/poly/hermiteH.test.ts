import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '../../src/exact/rational.js';
import { hermePolynomial } from '../../src/poly/hermiteE.js';
import { hermFromMonomials, hermPolynomial, monomialsFromHerm } from '../../src/poly/hermiteH.js';
import { polyEquals, polyFromInts, polyTrim } from '../../src/poly/polynomial.js';
import { fixture, rats } from '../exact/fixture.js';

const q = (n: number, d = 1) => Rational.of(n, d);
const eq = (a: readonly Rational[], b: readonly Rational[]) => a.length === b.length && a.every((x, i) => x.equals(b[i] as Rational));

describe('physicists H_k', () => {
  it('H_2 = 4z² − 2, H_3 = 8z³ − 12z', () => {
    expect(polyEquals(hermPolynomial(2), polyFromInts([-2, 0, 4]))).toBe(true);
    expect(polyEquals(hermPolynomial(3), polyFromInts([0, -12, 0, 8]))).toBe(true);
  });
  it.each(fixture.hermMonomials.map((c, k) => [k, c] as const))('H_%i matches sympy hermite', (k, c) => {
    expect(eq(hermPolynomial(k), rats(c))).toBe(true);
  });
  it('H_k(z) = 2^{k/2} He_k(√2 z): coefficient n is 2^{(k+n)/2} times that of He_k', () => {
    for (let k = 0; k <= 25; k++) {
      const he = hermePolynomial(k);
      const expected = he.map((c, n) => (c.isZero() ? c : c.mul(Rational.of(2n ** BigInt((k + n) / 2)))));
      expect(eq(hermPolynomial(k), expected)).toBe(true);
    }
  });
});

describe('hermFromMonomials (poly2herm)', () => {
  it('z² = H_2/4 + 1/2, z = H_1/2', () => {
    expect(eq(hermFromMonomials(polyFromInts([0, 0, 1])), [q(1, 2), q(0), q(1, 4)])).toBe(true);
    expect(eq(hermFromMonomials(polyFromInts([0, 1])), [q(0), q(1, 2)])).toBe(true);
    expect(hermFromMonomials([])).toEqual([]);
  });
  it('H_k ↦ e_k and round trips', () => {
    for (let k = 0; k <= 20; k++) {
      const e = [...Array<Rational>(k).fill(Rational.ZERO), Rational.ONE];
      expect(eq(hermFromMonomials(hermPolynomial(k)), e)).toBe(true);
      expect(polyEquals(monomialsFromHerm(e), hermPolynomial(k))).toBe(true);
    }
    const coeff = fc.tuple(fc.integer({ min: -99, max: 99 }), fc.integer({ min: 1, max: 30 })).map(([n, d]) => q(n, d));
    fc.assert(
      fc.property(fc.array(coeff, { maxLength: 30 }), (cs) => {
        const p = polyTrim(cs);
        expect(polyEquals(monomialsFromHerm(hermFromMonomials(p)), p)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
