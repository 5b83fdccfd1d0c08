import fc from 'fast-check';
import { evaluate } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { Rational } from '../../src/exact/rational.js';
import {
  type Polynomial,
  polyAdd,
  polyDegree,
  polyDerivative,
  polyEquals,
  polyEval,
  polyEvalRational,
  polyFromInts,
  polyIsEven,
  polyIsOdd,
  polyMul,
  polyPow,
  polyScale,
  polySub,
  polyToString,
  polyToTex,
  polyTrim,
} from '../../src/poly/polynomial.js';

const q = (n: number, d = 1) => Rational.of(n, d);
const coeff = fc.tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: 1, max: 12 })).map(([n, d]) => q(n, d));
const poly = fc.array(coeff, { maxLength: 9 }).map((cs) => polyTrim(cs));
const point = fc.tuple(fc.integer({ min: -9, max: 9 }), fc.integer({ min: 1, max: 5 })).map(([n, d]) => q(n, d));

describe('polynomial arithmetic', () => {
  it('trimming and degree', () => {
    expect(polyFromInts([1, 0, 0])).toEqual([q(1)]);
    expect(polyFromInts([0, 0])).toEqual([]);
    expect(polyDegree([])).toBe(-1);
    expect(polyDegree(polyFromInts([0, 0, 3]))).toBe(2);
    expect(polySub(polyFromInts([1, 2]), polyFromInts([1, 2]))).toEqual([]);
  });

  it('hand products and powers', () => {
    expect(polyEquals(polyMul(polyFromInts([-1, 1]), polyFromInts([1, 1])), polyFromInts([-1, 0, 1]))).toBe(true);
    expect(polyEquals(polyPow(polyFromInts([-1, 1]), 3), polyFromInts([-1, 3, -3, 1]))).toBe(true);
    expect(polyEquals(polyPow(polyFromInts([5, 7]), 0), polyFromInts([1]))).toBe(true);
    expect(polyEquals(polyScale(polyFromInts([2, 4]), q(1, 2)), polyFromInts([1, 2]))).toBe(true);
    expect(polyEquals(polyDerivative(polyFromInts([5, 0, 3, 1])), polyFromInts([0, 6, 3]))).toBe(true);
    expect(polyMul([], polyFromInts([1]))).toEqual([]);
  });

  it('arithmetic commutes with exact evaluation (fast-check)', () => {
    fc.assert(
      fc.property(poly, poly, point, (p, r, x) => {
        const px = polyEvalRational(p, x);
        const rx = polyEvalRational(r, x);
        expect(polyEvalRational(polyAdd(p, r), x).equals(px.add(rx))).toBe(true);
        expect(polyEvalRational(polySub(p, r), x).equals(px.sub(rx))).toBe(true);
        expect(polyEvalRational(polyMul(p, r), x).equals(px.mul(rx))).toBe(true);
      }),
    );
    fc.assert(
      fc.property(poly, point, fc.integer({ min: 0, max: 5 }), (p, x, n) => {
        expect(polyEvalRational(polyPow(p, n), x).equals(polyEvalRational(p, x).pow(n))).toBe(true);
      }),
    );
  });

  it('results are trimmed', () => {
    fc.assert(
      fc.property(poly, poly, (p, r) => {
        for (const s of [polyAdd(p, r), polySub(p, r), polyMul(p, r)]) {
          if (s.length > 0) expect((s[s.length - 1] as Rational).isZero()).toBe(false);
        }
      }),
    );
  });

  it('floating evaluation', () => {
    expect(polyEval(polyFromInts([0, -3, 0, 1]), 2)).toBe(2);
    expect(polyEval([q(1, 3)], 10)).toBe(1 / 3);
    expect(polyEval([], 1)).toBe(0);
  });

  it('parity', () => {
    expect(polyIsEven(polyFromInts([3, 0, -6, 0, 1]))).toBe(true);
    expect(polyIsOdd(polyFromInts([3, 0, -6, 0, 1]))).toBe(false);
    expect(polyIsOdd(polyFromInts([0, -3, 0, 1]))).toBe(true);
    expect(polyIsEven([])).toBe(true);
    expect(polyIsOdd([])).toBe(true);
  });
});

describe('polynomial printing', () => {
  const cases: [Polynomial, string, string][] = [
    [polyFromInts([0, -3, 0, 1]), 'z^3 - 3*z', 'z^{3} - 3z'],
    [polyFromInts([3, 0, -6, 0, 1]), 'z^4 - 6*z^2 + 3', 'z^{4} - 6z^{2} + 3'],
    [[q(1), q(-1, 2), q(3, 4)], '3*z^2/4 - z/2 + 1', '\\frac{3}{4}z^{2} - \\frac{1}{2}z + 1'],
    [[q(-2, 3)], '-2/3', '-\\frac{2}{3}'],
    [polyFromInts([0, -1]), '-z', '-z'],
    [[], '0', '0'],
  ];
  it.each(cases)('%#: %s', (p, text, tex) => {
    expect(polyToString(p)).toBe(text);
    expect(polyToTex(p)).toBe(tex);
    for (const z of [-1.3, 0.4, 2.2]) {
      expect(evaluate(text, { z }) as number).toBeCloseTo(polyEval(p, z), 12);
    }
  });
  it('custom variable and random polynomials through mathjs', () => {
    expect(polyToString(polyFromInts([1, 1]), 'x')).toBe('x + 1');
    fc.assert(
      fc.property(poly, (p) => {
        const v = evaluate(polyToString(p), { z: 0.7 }) as number;
        expect(v).toBeCloseTo(polyEval(p, 0.7), 9);
      }),
    );
  });
});
