// Symbolic case splits of parameter families (issue 15), each against exceptional sets derived by
// hand below and against the numeric-parameter analysis (`analyze` with the parameters bound, as
// `--set` does) at every rational exceptional value and at a generic value. Irrational exceptional
// values are checked exactly instead: the coefficient polynomial is 0 modulo the minimal polynomial.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { Rational } from '../../src/exact/rational.js';
import { polyFromInts } from '../../src/poly/polynomial.js';
import { analyzeSymbolic, type SymbolicExponent } from '../../src/symbolic/analyzeSymbolic.js';
import { unicodeCondition } from '../../src/symbolic/condition.js';
import { MPoly } from '../../src/symbolic/mpoly.js';
import { polyDivMod } from '../../src/symbolic/univariate.js';
import { probabilistsCoefficients, zPolynomialOf } from '../../src/symbolic/zpoly.js';
import { parseLink } from '../../src/expr/parse.js';

type Values = Record<string, string>;

/** The exponents of the numeric analysis with every parameter bound. */
function numeric(link: string, values: Values) {
  const parameters = new Map(Object.entries(values).map(([k, v]) => [k, Rational.parse(v)]));
  const a = analyze(link, { parameters, maxDegree: 16 });
  return { ie: a.informationExponent, powers: a.labelPowers.map((p) => p.informationExponent), ge: a.generativeExponent };
}

/** [value or note, when] of each case. */
function cases(e: SymbolicExponent): [number | string, string][] {
  return e.cases.map((c) => [c.value ?? c.note!, c.when]);
}

/** The value of the case split at a point, decided by the test from the hand-derived rule. */
function check(link: string, points: { values: Values; ie: number | null; p2?: number | null; ge?: number | null }[]) {
  for (const p of points) {
    const n = numeric(link, p.values);
    expect(n.ie, `${link} at ${JSON.stringify(p.values)}: IE`).toBe(p.ie);
    if (p.p2 !== undefined) expect(n.powers[1], `${link} at ${JSON.stringify(p.values)}: p_2`).toBe(p.p2);
    if (p.ge !== undefined) expect(n.ge, `${link} at ${JSON.stringify(p.values)}: GE`).toBe(p.ge);
  }
}

/** u_k of the link as a polynomial in its only parameter `v`, reduced modulo `m` (integer coefficients, lowest first). */
function remainderModulo(link: string, k: number, v: string, m: number[]): string[] {
  const u = probabilistsCoefficients(zPolynomialOf(parseLink(link, { freeParameters: true }))!);
  const coefficients = (u[k] ?? MPoly.ZERO).univariate(v)!;
  return polyDivMod(coefficients, polyFromInts(m)).remainder.map(String);
}

describe('one parameter, rational exceptional values', () => {
  it('z^3 + a*z: z³ = He_3 + 3He_1, so u_1 = a + 3: IE 1 for a ≠ −3, 3 at a = −3', () => {
    const r = analyzeSymbolic('z^3 + a*z');
    expect(r.coefficients[1]).toMatchObject({ exact: 'a + 3', parameters: ['a'] });
    expect(r.coefficients[3]!.exact).toBe('sqrt(6)');
    expect(cases(r.informationExponent)).toEqual([
      [1, 'a != -3'],
      [3, 'a = -3'],
    ]);
    // σ odd for every a: not even, so p* = 1 everywhere (σ is never constant: z³ survives)
    expect(cases(r.generativeExponent!)).toEqual([[1, 'all']]);
    check('z^3 + a*z', [
      { values: { a: '-3' }, ie: 3, ge: 1 },
      { values: { a: '2' }, ie: 1, ge: 1 },
    ]);
  });

  it('He4(z) + c*He3(z): IE 3 and GE 1 for c ≠ 0; IE 4 and GE 2 at c = 0', () => {
    const r = analyzeSymbolic('He4(z) + c*He3(z)');
    expect(r.coefficients[3]!.exact).toBe('sqrt(6)*c');
    expect(r.coefficients[4]!.exact).toBe('2*sqrt(6)');
    expect(cases(r.informationExponent)).toEqual([
      [3, 'c != 0'],
      [4, 'c = 0'],
    ]);
    expect(cases(r.generativeExponent!)).toEqual([
      [1, 'c != 0'],
      [2, 'c = 0'],
    ]);
    check('He4(z) + c*He3(z)', [
      { values: { c: '0' }, ie: 4, ge: 2 },
      { values: { c: '1/3' }, ie: 3, ge: 1 },
    ]);
  });

  it('z^2 + b*z: p_2 = IE(σ²) = 1 unless b = 0 (σ² = z⁴ + 2bz³ + b²z², u_1(σ²) = 6b), then 2', () => {
    const r = analyzeSymbolic('z^2 + b*z');
    expect(cases(r.labelPowers[1]!.exponent!)).toEqual([
      [1, 'b != 0'],
      [2, 'b = 0'],
    ]);
    expect(cases(r.informationExponent)).toEqual([
      [1, 'b != 0'],
      [2, 'b = 0'],
    ]);
    check('z^2 + b*z', [
      { values: { b: '0' }, ie: 2, p2: 2, ge: 2 },
      { values: { b: '-5' }, ie: 1, p2: 1, ge: 1 },
    ]);
  });

  it('(a*z)^3 = a³z³: IE 1 for a ≠ 0; σ ≡ 0 (constant) at a = 0', () => {
    const r = analyzeSymbolic('(a*z)^3');
    expect(r.coefficients[1]!.exact).toBe('3*a^3');
    expect(cases(r.informationExponent)).toEqual([
      [1, 'a != 0'],
      ['constant', 'a = 0'],
    ]);
    check('(a*z)^3', [
      { values: { a: '0' }, ie: null },
      { values: { a: '7/2' }, ie: 1 },
    ]);
  });

  it('(a^2 - 1)*z + (a - 1)*He2(z) + He4(z): IE 1 off ±1, 2 at a = −1 (u_2 = −2), 4 at a = 1 (u_1 = u_2 = u_3 = 0)', () => {
    const link = '(a^2 - 1)*z + (a - 1)*He2(z) + He4(z)';
    expect(cases(analyzeSymbolic(link).informationExponent)).toEqual([
      [1, 'a != -1 and a != 1'],
      [2, 'a = -1'],
      [4, 'a = 1'],
    ]);
    check(link, [
      { values: { a: '-1' }, ie: 2 },
      { values: { a: '1' }, ie: 4, ge: 2 },
      { values: { a: '3' }, ie: 1 },
    ]);
  });

  it('(a^3 - 2)*z + z^3: u_1 = a³ + 1 = (a + 1)(a² − a + 1), one real root: IE 3 at a = −1 only', () => {
    const link = '(a^3 - 2)*z + z^3';
    expect(cases(analyzeSymbolic(link).informationExponent)).toEqual([
      [1, 'a != -1'],
      [3, 'a = -1'],
    ]);
    check(link, [
      { values: { a: '-1' }, ie: 3 },
      { values: { a: '1' }, ie: 1 },
    ]);
  });

  it('(a^2 + 1)*z + z^2: u_1 = a² + 1 has no real root, so IE = 1 for every real a', () => {
    expect(cases(analyzeSymbolic('(a^2 + 1)*z + z^2').informationExponent)).toEqual([[1, 'all']]);
    check('(a^2 + 1)*z + z^2', [{ values: { a: '0' }, ie: 1 }]);
  });
});

describe('one parameter, irrational exceptional values', () => {
  it('(a^2 - 2)*z + He3(z): IE 1 except a = ±√2, where it is 3', () => {
    const link = '(a^2 - 2)*z + He3(z)';
    const r = analyzeSymbolic(link);
    expect(r.coefficients[1]!.exact).toBe('a^2 - 2');
    expect(cases(r.informationExponent)).toEqual([
      [1, 'a != -sqrt(2) and a != sqrt(2)'],
      [3, 'a = -sqrt(2) or a = sqrt(2)'],
    ]);
    // exactly at ±√2: u_1 ≡ 0 and u_2 ≡ 0 modulo a² − 2, u_3 = 1 is not
    expect(remainderModulo(link, 1, 'a', [-2, 0, 1])).toEqual([]);
    expect(remainderModulo(link, 2, 'a', [-2, 0, 1])).toEqual([]);
    expect(remainderModulo(link, 3, 'a', [-2, 0, 1])).toEqual(['1']);
    // rationals next to √2 are generic
    check(link, [
      { values: { a: '14142/10000' }, ie: 1 },
      { values: { a: '-14143/10000' }, ie: 1 },
    ]);
  });

  it('(a^2 - a - 1)*z + He2(z): IE 1 except at the golden ratio and its conjugate (1 ± √5)/2, where it is 2', () => {
    const link = '(a^2 - a - 1)*z + He2(z)';
    expect(cases(analyzeSymbolic(link).informationExponent)).toEqual([
      [1, 'a != 1/2 - sqrt(5)/2 and a != 1/2 + sqrt(5)/2'],
      [2, 'a = 1/2 - sqrt(5)/2 or a = 1/2 + sqrt(5)/2'],
    ]);
    expect(remainderModulo(link, 1, 'a', [-1, -1, 1])).toEqual([]);
    expect(remainderModulo(link, 2, 'a', [-1, -1, 1])).toEqual(['1']);
    check(link, [{ values: { a: '1618/1000' }, ie: 1 }]);
  });

  it('(a^3 - 2)*z + He3(z): IE 3 only at the real cube root of 2, given by a^3 − 2 and an isolating interval', () => {
    const link = '(a^3 - 2)*z + He3(z)';
    const ie = analyzeSymbolic(link).informationExponent;
    expect(ie.cases.map((c) => c.value)).toEqual([1, 3]);
    const atom = ie.cases[1]!.atoms[0]!;
    expect(atom.kind).toBe('in');
    const text = (atom as { roots: readonly string[] }).roots[0]!;
    const m = /^root of a\^3 - 2 in \((-?\d+\/\d+), (-?\d+\/\d+)\]/.exec(text);
    expect(m).not.toBeNull();
    const [lo, hi] = [Rational.parse(m![1]!), Rational.parse(m![2]!)];
    // 2^{1/3} is inside: lo³ < 2 ≤ hi³ (a³ − 2 is increasing)
    expect(lo.pow(3).compare(Rational.of(2))).toBe(-1);
    expect(hi.pow(3).compare(Rational.of(2))).toBe(1);
    expect(remainderModulo(link, 1, 'a', [-2, 0, 0, 1])).toEqual([]);
    check(link, [
      { values: { a: lo.toString() }, ie: 1 },
      { values: { a: hi.toString() }, ie: 1 },
    ]);
  });
});

describe('several parameters', () => {
  it('a*z^2 + b*z: IE 1 for b ≠ 0; 2 for b = 0, a ≠ 0; σ ≡ 0 at a = b = 0', () => {
    const r = analyzeSymbolic('a*z^2 + b*z');
    expect(r.parameters).toEqual(['a', 'b']);
    expect(cases(r.informationExponent)).toEqual([
      [1, 'b != 0'],
      [2, 'b = 0 and a != 0'],
      ['constant', 'b = 0 and a = 0'],
    ]);
    check('a*z^2 + b*z', [
      { values: { a: '1', b: '1' }, ie: 1 },
      { values: { a: '0', b: '2' }, ie: 1 },
      { values: { a: '-2', b: '0' }, ie: 2, ge: 2 },
      { values: { a: '0', b: '0' }, ie: null },
    ]);
  });

  it('(a + 2*b)*z + He3(z): IE 1 off the line a = −2b, 3 on it', () => {
    const r = analyzeSymbolic('(a + 2*b)*z + He3(z)');
    expect(cases(r.informationExponent)).toEqual([
      [1, 'a != -2*b'],
      [3, 'a = -2*b'],
    ]);
    check('(a + 2*b)*z + He3(z)', [
      { values: { a: '2', b: '-1' }, ie: 3 },
      { values: { a: '-1/2', b: '1/4' }, ie: 3 },
      { values: { a: '1', b: '1' }, ie: 1 },
    ]);
  });

  it('z^4 + a*z^2 + b: u_2 = a + 6 (z⁴ = He_4 + 6He_2 + 3, z² = He_2 + 1), b only moves u_0: IE 2 for a ≠ −6, 4 at a = −6; even: p* = 2', () => {
    const r = analyzeSymbolic('z^4 + a*z^2 + b');
    expect(r.coefficients[0]!.exact).toBe('a + b + 3');
    expect(cases(r.informationExponent)).toEqual([
      [2, 'a != -6'],
      [4, 'a = -6'],
    ]);
    expect(cases(r.generativeExponent!)).toEqual([[2, 'all']]);
    check('z^4 + a*z^2 + b', [
      { values: { a: '-6', b: '5' }, ie: 4, ge: 2 },
      { values: { a: '1', b: '0' }, ie: 2, ge: 2 },
    ]);
  });

  it('a*He1(z) + b*He2(z) + c*He3(z): IE 1 for a ≠ 0, 2 for a = 0 ≠ b, 3 for a = b = 0 ≠ c, constant at 0', () => {
    const link = 'a*He1(z) + b*He2(z) + c*He3(z)';
    expect(cases(analyzeSymbolic(link).informationExponent)).toEqual([
      [1, 'a != 0'],
      [2, 'a = 0 and b != 0'],
      [3, 'a = 0 and b = 0 and c != 0'],
      ['constant', 'a = 0 and b = 0 and c = 0'],
    ]);
    check(link, [
      { values: { a: '1', b: '0', c: '0' }, ie: 1 },
      { values: { a: '0', b: '-1', c: '1' }, ie: 2 },
      { values: { a: '0', b: '0', c: '1' }, ie: 3 },
      { values: { a: '0', b: '0', c: '0' }, ie: null },
    ]);
  });

  it('a*b*z + z^2: a monomial condition splits into a = 0 and (a ≠ 0, b = 0)', () => {
    expect(cases(analyzeSymbolic('a*b*z + z^2').informationExponent)).toEqual([
      [1, 'a*b != 0'],
      [2, 'a = 0'],
      [2, 'a != 0 and b = 0'],
    ]);
    check('a*b*z + z^2', [
      { values: { a: '0', b: '3' }, ie: 2 },
      { values: { a: '3', b: '0' }, ie: 2 },
      { values: { a: '3', b: '3' }, ie: 1 },
    ]);
  });
});

describe('bound and free parameters together', () => {
  it('--set fixes one parameter, the other stays free', () => {
    const r = analyzeSymbolic('a*z^2 + b*z', { parameters: new Map([['a', Rational.of(2)]]) });
    expect(r.parameters).toEqual(['b']);
    expect(cases(r.informationExponent)).toEqual([
      [1, 'b != 0'],
      [2, 'b = 0'],
    ]);
  });

  it('conventions: probabilists u_k and raw c_k = k!·u_k', () => {
    expect(analyzeSymbolic('z^3 + a*z', { convention: 'probabilists' }).coefficients.map((c) => c.exact)).toEqual(['0', 'a + 3', '0', '1']);
    expect(analyzeSymbolic('z^3 + a*z', { convention: 'raw' }).coefficients.map((c) => c.exact)).toEqual(['0', 'a + 3', '0', '6']);
    // α_2 = √2·u_2, u_2(z² + bz... ) = 1 for z²: α_2 = √2, as the numeric analysis prints it
    expect(analyzeSymbolic('z^2 + b*z').coefficients[2]!.exact).toBe(analyze('z^2 + 3*z').coefficients[2]!.exact);
  });
});

describe('terminal rendering of conditions', () => {
  it('pairs ±r in a list of roots and writes √ and −', () => {
    expect(unicodeCondition('a != -sqrt(3) and a != -sqrt(2) and a != sqrt(2) and a != sqrt(3)')).toBe('a ≠ ±√3 and a ≠ ±√2');
    expect(unicodeCondition('a = -3')).toBe('a = −3');
    expect(unicodeCondition('b = 0 and a != 0')).toBe('b = 0 and a ≠ 0');
  });
});
