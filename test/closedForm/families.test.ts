/**
 * Exact Hermite coefficients and exact norms of the Gaussian × polynomial family and of the
 * shifted kinks, against test/fixtures/closedForm/closed_forms.json (written by
 * gen_closed_forms.py there: sympy exact integration for the centred Gaussian × polynomial
 * links, 40-digit mpmath quadrature split at the kinks for the others), plus exact values
 * derived by hand in this file.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { closedFormOf, closedFormRawCoefficients } from '../../src/closedForm/families.js';
import { closedFormNormSquared } from '../../src/closedForm/norm.js';
import { Rational } from '../../src/exact/rational.js';
import { ExactScalar } from '../../src/exact/scalar.js';
import { parseLink } from '../../src/expr/parse.js';
import { classifyLink } from '../../src/analysis/hermiteCoefficients.js';

interface FixtureLink {
  readonly expr: string;
  readonly method: 'sympy' | 'mpmath';
  readonly raw: readonly string[];
  readonly normSquared: string;
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/closedForm/closed_forms.json', import.meta.url), 'utf8')) as {
  _meta: { maxDegree: number };
  links: FixtureLink[];
};

/** Relative tolerance of toNumber() against the 30-digit reference. */
const RELATIVE = 1e-13;
/** Links whose E[σ²] has no ExactScalar form (erf·erf involves arcsin). */
const NUMERIC_NORM = new Set(['erf(z)']);

const q = (n: number, d = 1) => Rational.of(n, d);
const R = (n: number, d = 1) => ExactScalar.rational(q(n, d));
const one = ExactScalar.one();
const Phi = (n: number, d = 1) => ExactScalar.normalCdf(q(n, d));
/** φ(b) = e^{−b²/2}/√(2π), built by hand. */
const density = (n: number, d = 1) =>
  ExactScalar.expRational(q(-n * n, 2 * d * d))
    .div(ExactScalar.sqrtRational(q(2)))
    .div(ExactScalar.piPower(1));

function within(got: number, want: number): boolean {
  return Math.abs(got - want) <= RELATIVE * Math.abs(want);
}

function formOf(text: string) {
  const form = closedFormOf(parseLink(text));
  if (!form) throw new Error(`${text} is not a closed form`);
  return form;
}

describe('closed-form fixture (sympy / 40-digit mpmath), c_0..c_12 and E[σ²]', () => {
  it('covers the required links', () => {
    const names = fixture.links.map((l) => l.expr);
    for (const needed of [
      'exp(-z^2)',
      'z^2*exp(-z^2)',
      '2*z^2*exp(-z^2) - 1',
      '(z^3 - 3*z)*exp(-z^2/2)',
      'z*exp(-z^2/2)',
      'exp(-z^2/2)*(z^2-1)',
      'relu(z - 1)',
      'relu(z + 0.5)',
      'relu(2*z - 1)',
      'abs(z - 1)',
      'step(z - 1)',
      'sign(z + 2)',
      'relu(-z + 1)',
      'max(z, 1)',
      'min(z, -0.5)',
      'relu(z) + relu(z - 1)',
      'relu(z)',
      'abs(z)',
      'sign(z)',
      'exp(z)',
      'sin(2*z) + cos(z)',
    ]) {
      expect(names).toContain(needed);
    }
    expect(fixture._meta.maxDegree).toBe(12);
  });

  it.each(fixture.links.map((l) => [l.expr, l] as const))('%s', (_name, link) => {
    const form = formOf(link.expr);
    expect(classifyLink(parseLink(link.expr))).toBe('closed-form');
    const raw = closedFormRawCoefficients(form, 12);
    const failures: string[] = [];
    link.raw.forEach((ref, k) => {
      const c = raw[k]!;
      if (ref === '0') {
        if (!c.isZero()) failures.push(`c_${k} = ${c.toString()} ≈ ${c.toNumber()}, expected an exact 0`);
      } else if (!within(c.toNumber(), Number(ref))) {
        failures.push(`c_${k} = ${c.toString()} ≈ ${c.toNumber()}, reference ${ref} (relative ${(c.toNumber() / Number(ref) - 1).toExponential(2)})`);
      }
    });
    const norm2 = closedFormNormSquared(form);
    if (NUMERIC_NORM.has(link.expr)) {
      if (norm2 !== null) failures.push(`E[σ²] should have no exact form, got ${norm2.toString()}`);
    } else if (norm2 === null) {
      failures.push('E[σ²] is not exact');
    } else if (!within(norm2.toNumber(), Number(link.normSquared))) {
      failures.push(`E[σ²] = ${norm2.toString()} ≈ ${norm2.toNumber()}, reference ${link.normSquared}`);
    }
    expect(failures).toEqual([]);
  });
});

describe('exact values derived by hand', () => {
  const raw = (text: string, k = 12) => closedFormRawCoefficients(formOf(text), k);

  it('relu(z − 1): c_0 = φ(1) − (1 − Φ(1)), c_1 = 1 − Φ(1), c_k = He_{k−2}(1)φ(1), c_4 = 0 (He_2(1) = 0)', () => {
    const c = raw('relu(z - 1)');
    expect(c[0]!.equals(density(1).sub(one.sub(Phi(1))))).toBe(true);
    expect(c[1]!.toString()).toBe('1 - Phi(1)');
    expect(c[1]!.toTex()).toBe('1 - \\Phi(1)');
    expect(c[2]!.toString()).toBe('exp(-1/2)/sqrt(2*pi)');
    expect(c[3]!.equals(density(1))).toBe(true); // He_1(1) = 1
    expect(c[4]!.isZero()).toBe(true);
    expect(c[5]!.equals(density(1).scale(q(-2)))).toBe(true); // He_3(1) = 1 − 3 = −2
    // ‖σ‖² = ∫_1^∞ (z − 1)²φ = (U_2 − 2U_1 + U_0)(1) = 2(1 − Φ(1)) − φ(1)
    expect(
      closedFormNormSquared(formOf('relu(z - 1)'))!.equals(
        R(2)
          .sub(Phi(1).scale(q(2)))
          .sub(density(1)),
      ),
    ).toBe(true);
  });

  it('step(z − 1) = relu(z − 1)′: c_0 = 1 − Φ(1), c_k = He_{k−1}(1)φ(1); ‖σ‖² = 1 − Φ(1)', () => {
    const c = raw('step(z - 1)');
    expect(c[0]!.equals(one.sub(Phi(1)))).toBe(true);
    expect(c[1]!.equals(density(1))).toBe(true);
    expect(c[3]!.isZero()).toBe(true); // He_2(1) = 0
    expect(closedFormNormSquared(formOf('step(z - 1)'))!.equals(one.sub(Phi(1)))).toBe(true);
  });

  it('relu(z + 1/2): c_1 = 1 − Φ(−1/2) = Φ(1/2); sign(z + 2): c_0 = 2Φ(2) − 1; relu(1 − z): c_1 = −Φ(1)', () => {
    expect(raw('relu(z + 0.5)')[1]!.toString()).toBe('Phi(1/2)');
    expect(raw('sign(z + 2)')[0]!.equals(Phi(2).scale(q(2)).sub(one))).toBe(true);
    expect(raw('relu(-z + 1)')[1]!.equals(Phi(1).neg())).toBe(true);
    // the same link written three ways
    for (const k of [0, 1, 2, 5]) {
      expect(raw('max(z, 1)')[k]!.equals(raw('1 + relu(z - 1)')[k]!)).toBe(true);
      expect(raw('abs(z - 1)')[k]!.equals(raw('2*relu(z - 1) - z + 1')[k]!)).toBe(true);
    }
  });

  it('Gaussian × polynomial: exp(−z²) has c_0 = 1/√3, c_2 = −2/(3√3); (He_3·e^{−z²/2}) has c_1 = −3/(4√2)', () => {
    const c = raw('exp(-z^2)');
    expect(c[0]!.equals(ExactScalar.sqrtRational(q(1, 3)))).toBe(true);
    expect(c[2]!.equals(ExactScalar.sqrtRational(q(1, 3)).scale(q(-2, 3)))).toBe(true);
    expect(c[1]!.isZero() && c[3]!.isZero()).toBe(true);
    // E[(z³ − 3z)e^{−z²/2}·z] = (1/√2)·E[w⁴ − 3w²], w ~ N(0, 1/2): (1/√2)(3/4 − 3/2)
    expect(raw('(z^3 - 3*z)*exp(-z^2/2)')[1]!.equals(ExactScalar.sqrtRational(q(1, 2)).scale(q(-3, 4)))).toBe(true);
    // E[e^{−2z²}] = 1/√5 and exp(−z²)² = exp(−2z²)
    expect(closedFormNormSquared(formOf('exp(-z^2)'))!.equals(ExactScalar.sqrtRational(q(1, 5)))).toBe(true);
    expect(raw('exp(-z^2)^2')[4]!.equals(raw('exp(-2*z^2)')[4]!)).toBe(true);
  });

  it('norms: relu 1/2, sign 1, exp(z) e², sin(2z) + cos(z) = (1 − e^{−8})/2 + (1 + e^{−2})/2', () => {
    const n = (t: string) => closedFormNormSquared(formOf(t))!;
    expect(n('relu(z)').equals(R(1, 2))).toBe(true);
    expect(n('sign(z)').equals(one)).toBe(true);
    expect(n('abs(z)').equals(one)).toBe(true);
    expect(n('exp(z)').equals(ExactScalar.expRational(q(2)))).toBe(true);
    const e = (s: number) => ExactScalar.expRational(q(s));
    expect(
      n('sin(2*z) + cos(z)').equals(
        R(1)
          .add(e(-2).scale(q(1, 2)))
          .sub(e(-8).scale(q(1, 2))),
      ),
    ).toBe(true);
    expect(closedFormNormSquared(formOf('erf(z)'))).toBeNull();
  });
});

describe('analyze on the new families', () => {
  it("analyze('relu(z - 1)'): class closed-form, every coefficient closed-form, exact norm", () => {
    const a = analyze('relu(z - 1)');
    expect(a.class).toBe('closed-form');
    expect(a.coefficients.every((c) => c.decidedBy === 'closed-form')).toBe(true);
    expect(a.coefficients[4]!.zero).toBe(true);
    expect(a.coefficients[1]!.exact).toBe('1 - Phi(1)');
    expect(a.normExact).not.toBeNull();
    expect(a.normExact).toContain('Phi(1)');
    const ref = fixture.links.find((l) => l.expr === 'relu(z - 1)')!;
    expect(Math.abs(a.norm - Math.sqrt(Number(ref.normSquared)))).toBeLessThan(1e-15);
    expect(a.normError).toBeLessThan(1e-14);
    expect(a.informationExponent).toBe(1);
  });

  it('relu(z): ‖σ‖ = 1/sqrt(2) exactly; exp(−z²): ‖σ‖ = 1/5^(1/4); erf(z) keeps the numeric norm', () => {
    const relu = analyze('relu(z)', { geDegree: 1 });
    expect(relu.normExact).toBe('1/sqrt(2)');
    expect(relu.norm).toBe(Math.SQRT1_2);
    expect(relu.normError).toBeLessThan(1e-15);
    const bump = analyze('exp(-z^2)', { geDegree: 1 });
    expect(bump.class).toBe('closed-form');
    expect(bump.normExact).toBe('1/5^(1/4)');
    expect(Math.abs(bump.norm - 5 ** -0.25)).toBeLessThan(1e-15);
    expect(bump.informationExponent).toBe(2);
    const erf = analyze('erf(z)', { geDegree: 1 });
    expect(erf.normExact).toBeNull();
    expect(erf.normError).toBeGreaterThan(0);
  });
});
