// Closed forms f(s·z) with a symbolic scale against the numeric-parameter analysis (`analyze` with the
// parameter bound, as --set does: closed forms or quadrature with an error bound), evaluated at
// several values of the parameter, and the case split "IE for s ≠ 0, constant at s = 0" checked the same way.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { Rational } from '../../src/exact/rational.js';
import { compileExpr } from '../../src/expr/compile.js';
import { parseLink } from '../../src/expr/parse.js';
import { analyzeSymbolic } from '../../src/symbolic/analyzeSymbolic.js';

/** The value of a coefficient's text at a = value (the text is in the link language, z-free). */
function valueAt(text: string, value: string): number {
  return compileExpr(parseLink(text, { parameters: new Map([['a', Rational.parse(value)]]) }))(0);
}

const LINKS = ['exp(a*z)', 'sin(a*z)', 'cos(a*z)', 'erf(a*z)', 'relu(a*z)', 'sign(a*z)', 'sin(2*a*z)', 'exp(-a*z/3)'];

describe('closed forms with a symbolic scale', () => {
  for (const link of LINKS) {
    it(`${link}: α_k, k ≤ 7, at a = 3/2, −7/10 and 1/5 against the numeric analysis`, () => {
      const r = analyzeSymbolic(link, { maxDegree: 7 });
      for (const a of ['3/2', '-7/10', '1/5']) {
        const numeric = analyze(link, { parameters: new Map([['a', Rational.parse(a)]]), maxDegree: 7, geDegree: 0, powers: 1 });
        for (const c of r.coefficients) {
          const want = numeric.coefficients[c.k]!;
          const got = valueAt(c.exact, a);
          expect(Math.abs(got - want.orthonormal), `${link} α_${c.k} at a = ${a}: ${c.exact}`).toBeLessThanOrEqual(want.error + 1e-12 * (1 + Math.abs(got)));
        }
        const ie = r.informationExponent.cases[0]!;
        expect(ie.when).toBe('a != 0');
        expect(numeric.informationExponent).toBe(ie.value);
      }
      // at a = 0 the link is the constant f(0): no information exponent
      expect(r.informationExponent.cases[1]).toMatchObject({ when: 'a = 0', value: null, note: 'constant' });
      expect(analyze(link, { parameters: new Map([['a', Rational.ZERO]]), geDegree: 0, powers: 1 }).informationExponent).toBe(null);
    });
  }

  it('hand-derived: exp(a z) has c_k = a^k e^{a²/2} (raw), sin(a z) IE 1 and cos(a z) IE 2 off a = 0', () => {
    expect(analyzeSymbolic('exp(a*z)', { convention: 'raw', maxDegree: 3 }).coefficients.map((c) => c.exact)).toEqual([
      'exp(1/2*a^2)',
      'a*exp(1/2*a^2)',
      'a^2*exp(1/2*a^2)',
      'a^3*exp(1/2*a^2)',
    ]);
    expect(analyzeSymbolic('sin(a*z)').informationExponent.generic).toBe(1);
    expect(analyzeSymbolic('cos(a*z)').informationExponent.generic).toBe(2);
    expect(analyzeSymbolic('cos(a*z)').generativeExponent!.generic).toBe(2);
  });

  it('label powers where derived: exp → 1, cos → 2, sign^2 ≡ 1 constant; sin^2 left to --set', () => {
    expect(analyzeSymbolic('exp(a*z)').labelPowers.map((p) => p.exponent?.generic)).toEqual([1, 1, 1, 1]);
    expect(analyzeSymbolic('cos(a*z)').labelPowers.map((p) => p.exponent?.generic)).toEqual([2, 2, 2, 2]);
    expect(analyzeSymbolic('sign(a*z)').labelPowers[1]!.exponent!.cases).toMatchObject([{ when: 'all', note: 'constant' }]);
    expect(analyzeSymbolic('sin(a*z)').labelPowers[1]!.exponent).toBeNull();
    const numeric = (link: string) =>
      analyze(link, { parameters: new Map([['a', Rational.of(6, 5)]]), geDegree: 0 }).labelPowers.map((p) => p.informationExponent);
    expect(numeric('exp(a*z)')).toEqual([1, 1, 1, 1]);
    expect(numeric('cos(a*z)')).toEqual([2, 2, 2, 2]);
    expect(numeric('relu(a*z)')).toEqual([1, 1, 1, 1]);
    expect(numeric('sign(a*z)')).toEqual([1, null, 1, null]);
  });
});
