import fc from 'fast-check';
import { evaluate } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { Rational } from '../../src/exact/rational.js';
import { ExactScalar } from '../../src/exact/scalar.js';
import { relErr } from './fixture.js';

const q = (n: number | bigint, d: number | bigint = 1) => Rational.of(n, d);
const R = (n: number, d = 1) => ExactScalar.rational(q(n, d));
const sqrt = (n: number, d = 1) => ExactScalar.sqrtRational(q(n, d));
const pi = (h: number) => ExactScalar.piPower(h);
const exp = (n: number, d = 1) => ExactScalar.expRational(q(n, d));

/** [scalar, mathjs string, TeX, value computed by hand] */
const table: [ExactScalar, string, string, number][] = [
  [sqrt(1, 2).mul(pi(-1)), '1/sqrt(2*pi)', '\\frac{1}{\\sqrt{2\\pi}}', 1 / Math.sqrt(2 * Math.PI)],
  [sqrt(2).mul(pi(-1)), 'sqrt(2/pi)', '\\sqrt{\\frac{2}{\\pi}}', Math.sqrt(2 / Math.PI)],
  [R(1, 2), '1/2', '\\frac{1}{2}', 0.5],
  [exp(2).scale(q(3)), '3*exp(2)', '3e^{2}', 3 * Math.exp(2)],
  [R(-1, 4).mul(pi(-1)), '-1/(4*sqrt(pi))', '-\\frac{1}{4\\sqrt{\\pi}}', -1 / (4 * Math.sqrt(Math.PI))],
  [exp(1, 2), 'exp(1/2)', 'e^{\\frac{1}{2}}', Math.exp(0.5)],
  [R(2).add(sqrt(2)), '2 + sqrt(2)', '2 + \\sqrt{2}', 2 + Math.SQRT2],
  [ExactScalar.zero(), '0', '0', 0],
  [sqrt(1, 6), '1/sqrt(6)', '\\frac{1}{\\sqrt{6}}', 1 / Math.sqrt(6)],
  [sqrt(3, 2), 'sqrt(6)/2', '\\frac{\\sqrt{6}}{2}', Math.sqrt(6) / 2],
  [sqrt(1, 2), '1/sqrt(2)', '\\frac{1}{\\sqrt{2}}', Math.SQRT1_2],
  [R(-3), '-3', '-3', -3],
  [pi(2), 'pi', '\\pi', Math.PI],
  [pi(-4).scale(q(5, 3)), '5/(3*pi^2)', '\\frac{5}{3\\pi^{2}}', 5 / (3 * Math.PI ** 2)],
  [pi(3).scale(q(2)), '2*pi*sqrt(pi)', '2\\pi\\sqrt{\\pi}', 2 * Math.PI ** 1.5],
  [sqrt(1, 2).mul(pi(1)), 'sqrt(pi/2)', '\\sqrt{\\frac{\\pi}{2}}', Math.sqrt(Math.PI / 2)],
  [sqrt(3).mul(pi(-3)).scale(q(1, 5)), 'sqrt(3/pi)/(5*pi)', '\\frac{\\sqrt{\\frac{3}{\\pi}}}{5\\pi}', Math.sqrt(3 / Math.PI) / (5 * Math.PI)],
  [sqrt(1, 2).mul(pi(-1)).mul(exp(-1, 2)), 'exp(-1/2)/sqrt(2*pi)', '\\frac{e^{-\\frac{1}{2}}}{\\sqrt{2\\pi}}', Math.exp(-0.5) / Math.sqrt(2 * Math.PI)],
  [exp(1).mul(pi(2)), 'pi*exp(1)', '\\pi e', Math.PI * Math.E],
  [R(1).sub(sqrt(2, 3)), '1 - sqrt(6)/3', '1 - \\frac{\\sqrt{6}}{3}', 1 - Math.sqrt(2 / 3)],
  [R(-1, 2).sub(sqrt(1, 2).mul(pi(-1))), '-1/2 - 1/sqrt(2*pi)', '-\\frac{1}{2} - \\frac{1}{\\sqrt{2\\pi}}', -0.5 - 1 / Math.sqrt(2 * Math.PI)],
  [sqrt(8, 3).mul(pi(-1)), '2*sqrt(6/pi)/3', '\\frac{2\\sqrt{\\frac{6}{\\pi}}}{3}', Math.sqrt(8 / 3 / Math.PI)],
];

describe('ExactScalar printing', () => {
  it.each(table)('%s', (x, text, tex, value) => {
    expect(x.toString()).toBe(text);
    expect(x.toTex()).toBe(tex);
    // the hand-computed value matches the exact scalar ...
    if (value === 0) expect(x.toNumber()).toBe(0);
    else expect(relErr(x.toNumber(), value)).toBeLessThan(1e-15);
    // ... and the string means that value to mathjs
    const parsed = evaluate(text) as number;
    if (value === 0) expect(parsed).toBe(0);
    else expect(relErr(parsed, value)).toBeLessThan(1e-14);
  });
});

const monomial = fc
  .record({
    n: fc.integer({ min: -12, max: 12 }),
    d: fc.integer({ min: 1, max: 12 }),
    r: fc.constantFrom(1n, 2n, 3n, 5n, 6n, 30n),
    h: fc.integer({ min: -5, max: 5 }),
    s: fc.constantFrom(q(0), q(1, 2), q(-1, 2), q(3)),
  })
  .map(({ n, d, r, h, s }) => ExactScalar.term(q(n, d), r, h, s));

describe('ExactScalar.toString is a mathjs expression of the same value', () => {
  it('random sums of monomials', () => {
    fc.assert(
      fc.property(fc.array(monomial, { maxLength: 4 }), (ms) => {
        const x = ms.reduce((a, b) => a.add(b), ExactScalar.zero());
        const value = evaluate(x.toString()) as number;
        const scale = x.terms().reduce((acc, t) => acc + Math.abs(ExactScalar.term(t.q, t.r, t.h, t.s).toNumber()), 0);
        expect(Math.abs(value - x.toNumber())).toBeLessThanOrEqual(1e-14 * Math.max(scale, 1e-300));
      }),
      { numRuns: 300 },
    );
  });
});
