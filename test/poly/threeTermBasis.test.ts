// The shared basis change on bases other than He and H, against their closed forms.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational, factorial } from '../../src/exact/rational.js';
import { polyEquals, polyTrim } from '../../src/poly/polynomial.js';
import { ThreeTermBasis } from '../../src/poly/threeTermBasis.js';

const q = (n: number | bigint, d: number | bigint = 1) => Rational.of(n, d);
const eq = (a: readonly Rational[], b: readonly Rational[]) => a.length === b.length && a.every((x, i) => x.equals(b[i] as Rational));
const coeff = fc.tuple(fc.integer({ min: -99, max: 99 }), fc.integer({ min: 1, max: 30 })).map(([n, d]) => q(n, d));
const vector = (maxLength: number) => fc.array(coeff, { maxLength }).map((cs) => polyTrim(cs));

describe('ThreeTermBasis', () => {
  it('c_k = 0: P_k = a^k z^k, so the coefficients are p_k/a^k', () => {
    const basis = new ThreeTermBasis({ name: 'scaled', a: 3n, c: () => 0n });
    expect(eq(basis.polynomial(4), [q(0), q(0), q(0), q(0), q(81)])).toBe(true);
    fc.assert(
      fc.property(vector(15), (p) => {
        expect(
          eq(
            basis.fromMonomials(p),
            p.map((x, k) => x.div(q(3n ** BigInt(k)))),
          ),
        ).toBe(true);
        expect(polyEquals(basis.toMonomials(basis.fromMonomials(p)), p)).toBe(true);
      }),
    );
  });
  it('a = 2, c_k = k + 3: round trips, and toMonomials is Σ v_k P_k', () => {
    // P_{k+1} = 2z·P_k − (k + 3)·P_{k−1}
    const basis = new ThreeTermBasis({ name: 'other', a: 2n, c: (k) => BigInt(k + 3) });
    // P_2 = 4z² − 4, P_3 = 2z·P_2 − 5·P_1 = 8z³ − 18z
    expect(eq(basis.polynomial(2), [q(-4), q(0), q(4)])).toBe(true);
    expect(eq(basis.polynomial(3), [q(0), q(-18), q(0), q(8)])).toBe(true);
    fc.assert(
      fc.property(vector(20), (v) => {
        expect(eq(basis.fromMonomials(basis.toMonomials(v)), v)).toBe(true);
        // Σ v_k P_k term by term
        let p: Rational[] = [];
        v.forEach((x, k) => {
          const pk = basis.polynomial(k);
          const n = Math.max(p.length, pk.length);
          p = Array.from({ length: n }, (_, i) => (p[i] ?? Rational.ZERO).add((pk[i] ?? Rational.ZERO).mul(x)));
        });
        expect(polyEquals(basis.toMonomials(v), polyTrim(p))).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
  it('He by the recurrence: z^n has He coefficients n!/(j!·2^m·m!), n − j = 2m', () => {
    const he = new ThreeTermBasis({ name: 'he', a: 1n, c: (k) => BigInt(k) });
    const n = 9;
    const zn = [...Array<Rational>(n).fill(Rational.ZERO), Rational.ONE];
    const expected = Array.from({ length: n + 1 }, (_, j) =>
      (n - j) % 2 === 0 ? q(factorial(n), factorial(j) * 2n ** BigInt((n - j) / 2) * factorial((n - j) / 2)) : Rational.ZERO,
    );
    expect(eq(he.fromMonomials(zn), expected)).toBe(true);
  });
  it('rejects a bad degree with the basis name', () => {
    const basis = new ThreeTermBasis({ name: 'herme', a: 1n, c: (k) => BigInt(k) });
    expect(() => basis.polynomial(-1)).toThrow('hermePolynomial: bad degree -1');
    expect(() => basis.polynomial(1.5)).toThrow(RangeError);
  });
});
