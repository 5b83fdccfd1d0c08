import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational, factorial } from '../../src/exact/rational.js';
import { ExactScalar } from '../../src/exact/scalar.js';
import { fixture, relErr } from './fixture.js';

const q = (n: number | bigint, d: number | bigint = 1) => Rational.of(n, d);
const R = (n: number | bigint, d: number | bigint = 1) => ExactScalar.rational(q(n, d));
const sqrt = (n: number | bigint, d: number | bigint = 1) => ExactScalar.sqrtRational(q(n, d));

describe('ExactScalar: exact algebra', () => {
  it('√2·√2 = 2, √6/√3 = √2, √2·√3 = √6, √8 = 2√2', () => {
    expect(sqrt(2).mul(sqrt(2)).equals(R(2))).toBe(true);
    expect(sqrt(6).div(sqrt(3)).equals(sqrt(2))).toBe(true);
    expect(sqrt(2).mul(sqrt(3)).equals(sqrt(6))).toBe(true);
    expect(sqrt(8).equals(R(2).mul(sqrt(2)))).toBe(true);
    expect(
      sqrt(6)
        .mul(sqrt(10))
        .equals(R(2).mul(sqrt(15))),
    ).toBe(true);
  });

  it('√(a/b) = √(ab)/b with squares extracted', () => {
    expect(sqrt(1, 2).terms()).toEqual([{ q: q(1, 2), r: 2n, h: 0, s: q(0) }]);
    expect(sqrt(8, 9).terms()).toEqual([{ q: q(2, 3), r: 2n, h: 0, s: q(0) }]);
    expect(sqrt(9, 4).equals(R(3, 2))).toBe(true);
    expect(sqrt(0).isZero()).toBe(true);
    expect(() => sqrt(-1)).toThrow(RangeError);
  });

  it('√(8!) = 24√70', () => {
    expect(ExactScalar.sqrtFactorial(8).terms()).toEqual([{ q: q(24), r: 70n, h: 0, s: q(0) }]);
    expect(ExactScalar.sqrtFactorial(8).equals(sqrt(40320))).toBe(true);
    expect(ExactScalar.sqrtFactorial(0).equals(ExactScalar.one())).toBe(true);
  });

  it('√(k!)² = k! and √(k!)/√((k−1)!) = √k for k ≤ 120', () => {
    for (let k = 1; k <= 120; k++) {
      const s = ExactScalar.sqrtFactorial(k);
      expect(s.mul(s).equals(ExactScalar.rational(Rational.of(factorial(k))))).toBe(true);
      expect(s.div(ExactScalar.sqrtFactorial(k - 1)).equals(sqrt(k))).toBe(true);
    }
  });

  it('merges like terms, drops zeros, canonical order (rational first)', () => {
    expect(
      sqrt(2)
        .add(sqrt(2))
        .equals(R(2).mul(sqrt(2))),
    ).toBe(true);
    expect(sqrt(2).sub(sqrt(2)).isZero()).toBe(true);
    const a = sqrt(2).add(R(2));
    const b = R(2).add(sqrt(2));
    expect(a.equals(b)).toBe(true);
    expect(a.terms().map((t) => t.r)).toEqual([1n, 2n]);
    expect(ExactScalar.zero().isZero()).toBe(true);
    expect(a.isSingleTerm()).toBe(false);
    expect(sqrt(2).isSingleTerm()).toBe(true);
  });

  it('π and e powers combine', () => {
    const invSqrt2Pi = sqrt(1, 2).mul(ExactScalar.piPower(-1)); // 1/√(2π)
    expect(invSqrt2Pi.pow(2).equals(R(1, 2).mul(ExactScalar.piPower(-2)))).toBe(true);
    expect(ExactScalar.piPower(1).mul(ExactScalar.piPower(1)).terms()).toEqual([{ q: q(1), r: 1n, h: 2, s: q(0) }]);
    const e = ExactScalar.expRational(q(1, 2));
    expect(e.mul(e).equals(ExactScalar.expRational(q(1)))).toBe(true);
    expect(e.div(e).equals(ExactScalar.one())).toBe(true);
    expect(e.pow(-2).equals(ExactScalar.expRational(q(-1)))).toBe(true);
    expect(
      ExactScalar.term(q(3), 12n, 1, q(2)).equals(
        R(6)
          .mul(sqrt(3))
          .mul(ExactScalar.piPower(1))
          .mul(ExactScalar.expRational(q(2))),
      ),
    ).toBe(true);
  });

  it('division by zero or by a sum is refused', () => {
    expect(() => R(1).div(ExactScalar.zero())).toThrow(RangeError);
    expect(() => R(1).div(R(1).add(sqrt(2)))).toThrow(RangeError);
  });

  it('toRational', () => {
    expect(R(3, 4).toRational()?.equals(q(3, 4))).toBe(true);
    expect(ExactScalar.zero().toRational()?.isZero()).toBe(true);
    expect(sqrt(2).toRational()).toBeNull();
  });
});

// Random scalars built from a small alphabet of monomials
const monomial = fc
  .record({
    n: fc.integer({ min: -9, max: 9 }),
    d: fc.integer({ min: 1, max: 6 }),
    r: fc.constantFrom(1n, 2n, 3n, 5n, 6n, 10n),
    h: fc.integer({ min: -3, max: 3 }),
    s: fc.constantFrom(q(0), q(1, 2), q(-1), q(2)),
  })
  .map(({ n, d, r, h, s }) => ExactScalar.term(q(n, d), r, h, s));
const scalar = fc.array(monomial, { maxLength: 3 }).map((ts) => ts.reduce((a, b) => a.add(b), ExactScalar.zero()));

describe('ExactScalar: ring laws (fast-check)', () => {
  it('commutative, associative, distributive; agrees with floating point', () => {
    fc.assert(
      fc.property(scalar, scalar, scalar, (a, b, c) => {
        expect(a.add(b).equals(b.add(a))).toBe(true);
        expect(a.mul(b).equals(b.mul(a))).toBe(true);
        expect(
          a
            .mul(b)
            .mul(c)
            .equals(a.mul(b.mul(c))),
        ).toBe(true);
        expect(a.mul(b.add(c)).equals(a.mul(b).add(a.mul(c)))).toBe(true);
        expect(a.sub(a).isZero()).toBe(true);
        const x = a.mul(b).toNumber();
        const y = a.toNumber() * b.toNumber();
        expect(Math.abs(x - y)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(y)) * 100);
      }),
    );
  });
  it('single-term division inverts multiplication', () => {
    fc.assert(
      fc.property(scalar, monomial, (a, m) => {
        if (m.isZero()) return;
        expect(a.mul(m).div(m).equals(a)).toBe(true);
      }),
    );
  });
  it('scale and neg', () => {
    fc.assert(
      fc.property(scalar, fc.integer({ min: -5, max: 5 }), (a, k) => {
        expect(a.scale(q(k)).equals(a.mul(R(k)))).toBe(true);
        expect(a.neg().equals(a.scale(q(-1)))).toBe(true);
      }),
    );
  });
});

describe('ExactScalar.toNumber', () => {
  it('small values against Math', () => {
    expect(sqrt(2).toNumber()).toBe(Math.SQRT2);
    expect(relErr(sqrt(1, 2).mul(ExactScalar.piPower(-1)).toNumber(), 1 / Math.sqrt(2 * Math.PI))).toBeLessThan(3e-16);
    expect(relErr(sqrt(2).mul(ExactScalar.piPower(-1)).toNumber(), Math.sqrt(2 / Math.PI))).toBeLessThan(3e-16);
    expect(relErr(ExactScalar.expRational(q(2)).scale(q(3)).toNumber(), 3 * Math.exp(2))).toBeLessThan(3e-16);
    expect(relErr(R(2).add(sqrt(2)).toNumber(), 2 + Math.SQRT2)).toBeLessThan(3e-16);
    expect(relErr(ExactScalar.piPower(7).toNumber(), Math.PI ** 3.5)).toBeLessThan(1e-15);
    expect(ExactScalar.zero().toNumber()).toBe(0);
    expect(relErr(R(-1, 4).mul(ExactScalar.piPower(-1)).toNumber(), -1 / (4 * Math.sqrt(Math.PI)))).toBeLessThan(3e-16);
  });

  const big = fixture.bigValues;
  const f1000 = Rational.of(factorial(1000));
  it('2^4000/1000! · √(1000!) (mpmath)', () => {
    const x = ExactScalar.rational(Rational.of(2n ** 4000n).div(f1000)).mul(ExactScalar.sqrtFactorial(1000));
    expect(x.isSingleTerm()).toBe(true);
    expect(relErr(x.toNumber(), Number(big.twoPow4000OverSqrtFactorial1000))).toBeLessThan(2e-15);
  });
  it('√(1000!)·10^-1200 (mpmath)', () => {
    const x = ExactScalar.sqrtFactorial(1000).scale(Rational.of(1n, 10n ** 1200n));
    expect(relErr(x.toNumber(), Number(big.sqrtFactorial1000TimesTenPowMinus1200))).toBeLessThan(2e-15);
  });
  it('10^350·e^{-800} and π^{1001/2}·10^{-250} (mpmath)', () => {
    const x = ExactScalar.term(Rational.of(10n ** 350n), 1n, 0, q(-800));
    expect(relErr(x.toNumber(), Number(big.tenPow350TimesExpMinus800))).toBeLessThan(2e-15);
    const y = ExactScalar.term(Rational.of(1n, 10n ** 250n), 1n, 1001);
    expect(relErr(y.toNumber(), Number(big.piPow1001Over2TimesTenPowMinus250))).toBeLessThan(2e-15);
  });
  it('e^{±10^20} saturate to Infinity and 0', () => {
    expect(ExactScalar.expRational(Rational.of(10n ** 20n)).toNumber()).toBe(Infinity);
    expect(ExactScalar.expRational(Rational.of(-(10n ** 20n))).toNumber()).toBe(0);
    expect(ExactScalar.expRational(q(-746)).toNumber()).toBe(0);
    expect(relErr(ExactScalar.expRational(q(-700)).toNumber(), Math.exp(-700))).toBeLessThan(1e-15);
    expect(relErr(ExactScalar.expRational(q(709)).toNumber(), Math.exp(709))).toBeLessThan(1e-15);
  });
  it('φ(1) = e^{-1/2}/√(2π) (mpmath)', () => {
    const x = ExactScalar.expRational(q(-1, 2)).mul(sqrt(1, 2)).mul(ExactScalar.piPower(-1));
    expect(relErr(x.toNumber(), Number(big.phiAtOne))).toBeLessThan(3e-16);
  });
  it('√(k!) for k up to 1000 (mpmath), overflowing only when the value does', () => {
    for (const { k, mantissa, exponent10 } of fixture.sqrtFactorialValues) {
      const x = ExactScalar.sqrtFactorial(k).scale(Rational.of(1n, 10n ** BigInt(exponent10)));
      expect(relErr(x.toNumber(), Number(mantissa))).toBeLessThan(2e-15);
      expect(Number.isFinite(ExactScalar.sqrtFactorial(k).toNumber())).toBe(exponent10 < 308);
    }
  });
});
