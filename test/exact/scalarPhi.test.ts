/**
 * The exact symbol Φ(b) (standard normal CDF at a rational b) inside ExactScalar: its algebra
 * (Φ(0) = 1/2, Φ(−b) = 1 − Φ(b), products, canonical equality), its printing, and toNumber
 * against 40-digit mpmath tails Q(b) = 1 − Φ(b) from test/fixtures/closedForm/closed_forms.json,
 * and the square roots printed for norms (checked by evaluating the printed text with mathjs).
 */
import { readFileSync } from 'node:fs';
import { evaluate } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { Rational } from '../../src/exact/rational.js';
import { ExactScalar } from '../../src/exact/scalar.js';
import { sqrtScalarExact, sqrtScalarText } from '../../src/exact/scalarSqrt.js';

const q = (n: number, d = 1) => Rational.of(n, d);
const R = (n: number, d = 1) => ExactScalar.rational(q(n, d));
const one = ExactScalar.one();
const Phi = (n: number, d = 1) => ExactScalar.normalCdf(q(n, d));

const tails = (JSON.parse(readFileSync(new URL('../fixtures/closedForm/closed_forms.json', import.meta.url), 'utf8')) as { normalTail: Record<string, string> })
  .normalTail;

describe('Φ(b) as an exact symbol', () => {
  it('Φ(0) = 1/2 is a rational', () => {
    expect(Phi(0).toRational()?.equals(q(1, 2))).toBe(true);
    expect(Phi(0).hasNormalCdf()).toBe(false);
  });

  it('Φ(−b) = 1 − Φ(b), normalised to b > 0; Φ(b) + Φ(−b) = 1', () => {
    expect(Phi(-1).equals(one.sub(Phi(1)))).toBe(true);
    expect(Phi(-1).toString()).toBe('1 - Phi(1)');
    expect(Phi(-3, 2).add(Phi(3, 2)).equals(one)).toBe(true);
    expect(
      Phi(-1)
        .terms()
        .every((t) => t.phi === undefined || t.phi.every((b) => b.sign() > 0)),
    ).toBe(true);
    expect(Phi(1).equals(Phi(2))).toBe(false);
    expect(Phi(1).equals(one)).toBe(false);
    expect(Phi(1, 2).equals(ExactScalar.normalCdf(Rational.fromDecimalString('0.5')))).toBe(true);
  });

  it('equal values built along different routes compare equal', () => {
    const s2 = ExactScalar.sqrtRational(q(2));
    expect(
      Phi(1)
        .mul(s2)
        .mul(s2)
        .equals(Phi(1).scale(q(2))),
    ).toBe(true);
    expect(
      Phi(1)
        .mul(Phi(2))
        .equals(Phi(2).mul(Phi(1))),
    ).toBe(true);
    // (1 − Φ(1))² = 1 − 2Φ(1) + Φ(1)²
    const tail = one.sub(Phi(1));
    expect(tail.mul(tail).equals(one.sub(Phi(1).scale(q(2))).add(Phi(1).pow(2)))).toBe(true);
    // Φ(−1)·Φ(−2) expanded both ways
    expect(
      Phi(-1)
        .mul(Phi(-2))
        .equals(
          one
            .sub(Phi(1))
            .sub(Phi(2))
            .add(Phi(1).mul(Phi(2))),
        ),
    ).toBe(true);
    expect(Phi(1).sub(Phi(1)).isZero()).toBe(true);
    // e^{-1/2}·Φ(1) and π-powers stay separate monomials
    const e = ExactScalar.expRational(q(-1, 2));
    expect(e.mul(Phi(1)).div(e).equals(Phi(1))).toBe(true);
    expect(e.mul(Phi(1)).equals(Phi(1))).toBe(false);
  });

  it('a term with Φ has no inverse; toRational is null', () => {
    expect(() => one.div(Phi(1))).toThrow(RangeError);
    expect(() => Phi(1).pow(-1)).toThrow(RangeError);
    expect(Phi(1).toRational()).toBeNull();
    expect(Phi(1).isSingleTerm()).toBe(true);
    expect(
      Phi(1)
        .div(ExactScalar.sqrtRational(q(2)))
        .toString(),
    ).toBe('Phi(1)/sqrt(2)');
  });

  it('terms without Φ carry no phi field (the old shape)', () => {
    const x = ExactScalar.sqrtRational(q(2))
      .add(ExactScalar.expRational(q(1)))
      .mul(Phi(1).sub(Phi(1)).add(one));
    for (const t of x.terms()) expect('phi' in t).toBe(false);
    expect(x.terms()).toStrictEqual([
      { q: q(1), r: 2n, h: 0, s: q(0) },
      { q: q(1), r: 1n, h: 0, s: q(1) },
    ]);
  });

  it('prints Phi(b) / \\Phi(b), powers and coefficients', () => {
    expect(Phi(1).toString()).toBe('Phi(1)');
    expect(Phi(1, 2).scale(q(-3, 2)).toString()).toBe('-3*Phi(1/2)/2');
    expect(Phi(1, 2).pow(2).toString()).toBe('Phi(1/2)^2');
    expect(Phi(1).mul(Phi(2)).toString()).toBe('Phi(1)*Phi(2)');
    expect(one.sub(Phi(1)).toTex()).toBe('1 - \\Phi(1)');
    expect(Phi(1, 2).scale(q(1, 2)).toTex()).toBe('\\frac{\\Phi(\\frac{1}{2})}{2}');
    expect(Phi(2).pow(3).toTex()).toBe('\\Phi(2)^{3}');
    const phi1 = ExactScalar.expRational(q(-1, 2))
      .mul(ExactScalar.sqrtRational(q(1, 2)))
      .mul(ExactScalar.piPower(-1));
    expect(phi1.sub(one.sub(Phi(1))).toString()).toBe('exp(-1/2)/sqrt(2*pi) - 1 + Phi(1)');
  });

  it('toNumber: 1 − Φ(b) is the tail Q(b), accurate far out (no cancellation), Φ(b) = 1 − Q(b)', () => {
    for (const [b, ref] of Object.entries(tails)) {
      const x = Rational.parse(b);
      const tail = one.sub(ExactScalar.normalCdf(x));
      expect(Math.abs(tail.toNumber() / Number(ref) - 1), `1 - Phi(${b})`).toBeLessThan(1e-14);
      expect(Math.abs(ExactScalar.normalCdf(x.neg()).toNumber() / Number(ref) - 1), `Phi(-${b})`).toBeLessThan(1e-14);
      expect(Math.abs(ExactScalar.normalCdf(x).toNumber() - (1 - Number(ref)))).toBeLessThanOrEqual(Number.EPSILON);
      expect(tail.toNumberError()).toBeLessThan(1e-14 * Number(ref));
    }
    // (1 − Φ(10))² ≈ 5.8e-47, from 1 − 2Φ + Φ² without cancellation
    const t10 = one.sub(Phi(10));
    expect(Math.abs(t10.mul(t10).toNumber() / Number(tails['10']) ** 2 - 1)).toBeLessThan(1e-14);
  });

  it('toNumber of scalars without Φ is unchanged and toNumberError bounds the rounding', () => {
    const x = ExactScalar.sqrtRational(q(2)).add(R(1, 3)).add(ExactScalar.piPower(-1));
    expect(x.toNumber()).toBe(Math.SQRT2 + 1 / 3 + 1 / Math.sqrt(Math.PI));
    expect(x.toNumberError()).toBeGreaterThan(0);
    expect(x.toNumberError()).toBeLessThan(1e-14);
    expect(ExactScalar.zero().toNumberError()).toBe(0);
  });
});

describe('square roots of norms', () => {
  it('exact when the root is an ExactScalar', () => {
    expect(sqrtScalarText(R(1, 2))).toBe('1/sqrt(2)');
    expect(sqrtScalarExact(R(1, 2))!.equals(ExactScalar.sqrtRational(q(1, 2)))).toBe(true);
    expect(sqrtScalarText(R(9, 4))).toBe('3/2');
    expect(sqrtScalarText(ExactScalar.expRational(q(2)))).toBe('exp(1)');
    expect(sqrtScalarText(ExactScalar.piPower(-2).scale(q(2)))).toBe('sqrt(2/pi)');
    expect(sqrtScalarText(ExactScalar.zero())).toBe('0');
  });

  it('a fourth root when needed, e.g. 1/5^(1/4) = √(1/√5)', () => {
    expect(sqrtScalarText(ExactScalar.sqrtRational(q(1, 5)))).toBe('1/5^(1/4)');
    expect(sqrtScalarExact(ExactScalar.sqrtRational(q(1, 5)))).toBeNull();
    expect(sqrtScalarText(ExactScalar.piPower(1))).toBe('pi^(1/4)');
    expect(sqrtScalarText(ExactScalar.piPower(-1))).toBe('1/pi^(1/4)');
  });

  it('sqrt(…) of a sum or of a Φ term', () => {
    expect(sqrtScalarText(one.sub(Phi(1)))).toBe('sqrt(1 - Phi(1))');
    expect(sqrtScalarText(R(1).add(ExactScalar.sqrtRational(q(2))))).toBe('sqrt(1 + sqrt(2))');
  });

  it('the printed root squares back to the value (evaluated by mathjs)', () => {
    const failures: string[] = [];
    for (const n of [1, 2, 3, 5, 12, 48, 250])
      for (const d of [1, 2, 3, 7, 32, 405])
        for (const r of [1n, 2n, 3n, 5n, 6n, 10n])
          for (const h of [-3, -2, -1, 0, 1, 2, 3])
            for (const s of [q(0), q(-1, 2), q(3)]) {
              const x = ExactScalar.term(q(n, d), r, h, s);
              const text = sqrtScalarText(x);
              const value = evaluate(text) as number;
              if (!(Math.abs(value * value - x.toNumber()) <= 1e-13 * x.toNumber())) failures.push(`${x.toString()}: ${text} = ${value}`);
              if (text.includes('sqrt(') && text.startsWith('sqrt(') && !text.includes('^')) {
                // a plain sqrt(…) wrapper is only for sums and Φ terms
                if (sqrtScalarExact(x) === null) failures.push(`${x.toString()}: printed as ${text}`);
              }
            }
    expect(failures).toEqual([]);
  });
});
