/**
 * `analyzeSymbolic`: a link with free parameters, analysed exactly as a function of them (issue 15).
 * For σ(z) = Σ_n P_n(a, b, …)·z^n with the P_n polynomials over ℚ: every Hermite coefficient as a
 * polynomial in the parameters (times the convention's √k! factor), the information exponent and
 * the label powers p_i = IE(E[y^i | z]) as case splits (src/symbolic/cases.ts), and the generative
 * exponent by structure (1 where σ is not even in z, 2 where it is even and not constant). The result
 * is plain data (JSON-ready); `conditionText` gives each case's `when`.
 */
import { DomainError, OutOfRangeError, ParseError } from '../errors.js';
import { Rational, factorial } from '../exact/rational.js';
import { ExactScalar } from '../exact/scalar.js';
import type { Convention } from '../analysis/conventions.js';
import { conditionalLabelMoment } from '../analysis/labelPowers.js';
import { identifierTokens } from '../expr/names.js';
import { parseLink } from '../expr/parse.js';
import { parityOf, type Parity } from '../expr/parity.js';
import { exprToString, type Expr } from '../expr/tree.js';
import { freeParametersOf } from './freeParameters.js';
import type { Case, CaseValue } from './cases.js';
import { conditionTex, conditionText, rootTexts, type Atom } from './condition.js';
import type { MPoly } from './mpoly.js';
import { scaledCoefficient, scaledInformationExponent, scaledLabelPower, scaledLinkOf, type ScaledLink } from './scaledFamilies.js';
import { generativeExponentSplit, informationExponentSplit, scaledSplit } from './splits.js';
import { probabilistsCoefficients, zPolynomialOf, type ZPoly } from './zpoly.js';

export interface SymbolicOptions {
  /** Parameters fixed to numbers (`--set`); the others stay free. */
  readonly parameters?: ReadonlyMap<string, Rational>;
  /** 'orthonormal' (default), 'probabilists' or 'raw'. */
  readonly convention?: Convention;
  /** Label powers i = 1..powers (default 4). */
  readonly powers?: number;
  /** Label-noise variance Δ ≥ 0 (rational). */
  readonly noise?: Rational;
  /** Coefficients k = 0..maxDegree of a closed form f(s·z) (default 12; a polynomial gives all of its). */
  readonly maxDegree?: number;
}

/** One Hermite coefficient as an expression in the parameters. */
export interface SymbolicCoefficient {
  readonly k: number;
  /** In the chosen convention, input syntax: 'a + 3', 'sqrt(2)*(a + 1)'. */
  readonly exact: string;
  readonly tex: string;
  /** The parameters it depends on. */
  readonly parameters: readonly string[];
  /** u_k = E[σ He_k]/k!, a polynomial in the parameters. */
  readonly probabilists: string;
  /** True when it vanishes for every parameter value. */
  readonly identicallyZero: boolean;
}

/** A condition atom in JSON form. */
export type AtomJson =
  | { readonly kind: 'zero' | 'nonzero'; readonly polynomial: string }
  | { readonly kind: 'in' | 'notIn'; readonly parameter: string; readonly roots: readonly string[] };

/** One case of a case split: `value` where `when` holds (null: σ is constant there, or unresolved). */
export interface SymbolicCase {
  readonly when: string;
  /** The same condition in LaTeX. */
  readonly whenTex: string;
  readonly atoms: readonly AtomJson[];
  readonly value: number | null;
  readonly note: 'constant' | 'unresolved' | null;
}

export interface SymbolicExponent {
  readonly cases: readonly SymbolicCase[];
  /** The value for generic parameters (the first case), null when σ is constant for all values. */
  readonly generic: number | null;
}

export interface SymbolicLabelPower {
  readonly power: number;
  readonly expression: string;
  /** The case split, or null when it was not computed (then `note` says why). */
  readonly exponent: SymbolicExponent | null;
  readonly note: string | null;
}

export interface SymbolicAnalysis {
  readonly input: string;
  readonly expression: string;
  readonly parameters: readonly string[];
  readonly convention: Convention;
  /** σ in powers of z, each coefficient a polynomial in the parameters: 'z^3 + a*z'; null for a closed form f(s·z). */
  readonly polynomial: string | null;
  readonly degree: number | null;
  /** Parity in z that holds for every parameter value (structural; 'none' = not certified). */
  readonly parity: Parity;
  readonly coefficients: readonly SymbolicCoefficient[];
  readonly informationExponent: SymbolicExponent;
  readonly labelPowers: readonly SymbolicLabelPower[];
  /** By structure, noiseless only (null with noise). */
  readonly generativeExponent: SymbolicExponent | null;
  readonly notes: readonly string[];
}

/** The tree with every parameter replaced by π, a stand-in for an arbitrary real constant. */
function withStandIns(e: Expr): Expr {
  switch (e.kind) {
    case 'symbol':
      return { kind: 'constant', name: 'pi' };
    case 'number':
    case 'constant':
    case 'variable':
      return e;
    case 'neg':
      return { kind: 'neg', arg: withStandIns(e.arg) };
    case 'hermite':
      return { ...e, arg: withStandIns(e.arg) };
    case 'add':
    case 'sub':
    case 'mul':
    case 'div':
    case 'pow':
      return { kind: e.kind, left: withStandIns(e.left), right: withStandIns(e.right) };
    case 'call':
      return { ...e, args: e.args.map(withStandIns) };
  }
}

/**
 * Parity in z that holds for every value of the parameters: the structural rules of
 * src/expr/parity.ts treat a parameter like any z-free constant.
 * @example parityForEveryValue(parseLink('tanh(a*z)', { freeParameters: true })) // 'odd'
 */
export function parityForEveryValue(e: Expr): Parity {
  return parityOf(withStandIns(e));
}

/** The smallest call (or π, e, division, power) holding a parameter that keeps σ from being a polynomial in z and the parameters. */
function obstacle(e: Expr): Expr | null {
  if (zPolynomialOf(e) !== null) return null;
  const children: Expr[] = e.kind === 'neg' || e.kind === 'hermite' ? [e.arg] : e.kind === 'call' ? [...e.args] : 'left' in e ? [e.left, e.right] : [];
  for (const c of children) {
    const o = obstacle(c);
    if (o !== null) return o;
  }
  return e;
}

function atomJson(a: Atom): AtomJson {
  switch (a.kind) {
    case 'zero':
    case 'nonzero':
      return { kind: a.kind, polynomial: a.polynomial.toString() };
    case 'in':
    case 'notIn':
      return { kind: a.kind, parameter: a.parameter, roots: rootTexts(a.parameter, a.roots) };
  }
}

function exponentOf(cases: readonly Case[]): SymbolicExponent {
  const out = cases.map((c) => ({
    when: conditionText(c.when),
    whenTex: conditionTex(c.when),
    atoms: c.when.map(atomJson),
    value: typeof c.value === 'number' ? c.value : null,
    note: typeof c.value === 'number' ? null : (c.value as Exclude<CaseValue, number>),
  }));
  return { cases: out, generic: out[0]?.value ?? null };
}

/** α_k = √k!·u_k, u_k, or c_k = k!·u_k as text and TeX. */
function inConvention(u: MPoly, k: number, convention: Convention): { exact: string; tex: string } {
  if (convention === 'probabilists') return { exact: u.toString(), tex: u.toTex() };
  if (convention === 'raw') {
    const c = u.scale(Rational.of(factorial(k)));
    return { exact: c.toString(), tex: c.toTex() };
  }
  const root = ExactScalar.sqrtFactorial(k);
  const [term] = root.terms();
  const outside = term!.q;
  const radicand = term!.r;
  const scaled = u.scale(outside);
  const q = scaled.constantValue();
  if (q !== null) {
    const s = ExactScalar.rational(q).mul(ExactScalar.sqrtRational(Rational.of(radicand)));
    return { exact: s.toString(), tex: s.toTex() };
  }
  if (radicand === 1n) return { exact: scaled.toString(), tex: scaled.toTex() };
  const single = scaled.termList().length === 1;
  return {
    exact: `sqrt(${radicand})*${single ? scaled.toString() : `(${scaled.toString()})`}`,
    tex: `\\sqrt{${radicand}}\\,${single ? scaled.toTex() : `\\left(${scaled.toTex()}\\right)`}`,
  };
}

/** σ in powers of z with parenthesised parameter coefficients. */
function zPolynomialText(p: ZPoly): string {
  const parts: string[] = [];
  for (let n = p.length - 1; n >= 0; n--) {
    const c = p[n]!;
    if (c.isZero()) continue;
    const power = n === 0 ? '' : n === 1 ? 'z' : `z^${n}`;
    const q = c.constantValue();
    if (n === 0) parts.push(c.termList().length > 1 ? `(${c.toString()})` : c.toString());
    else if (q !== null) parts.push(q.equals(Rational.ONE) ? power : q.equals(Rational.ONE.neg()) ? `-${power}` : `${q.toString()}*${power}`);
    else parts.push(c.termList().length > 1 ? `(${c.toString()})*${power}` : `${c.toString()}*${power}`);
  }
  return parts.length === 0 ? '0' : parts.join(' + ').replace(/\+ -/g, '- ');
}

/** σ = f(s·z) of src/symbolic/scaledFamilies.ts: closed-form coefficients, exponents where s ≠ 0, constant where s = 0. */
function analyzeScaled(
  source: string,
  sigma: Expr,
  f: ScaledLink,
  parameters: readonly string[],
  convention: Convention,
  maxDegree: number,
  powers: number,
  noise: Rational,
): SymbolicAnalysis {
  const coefficients: SymbolicCoefficient[] = [];
  for (let k = 0; k <= maxDegree; k++) {
    const exact = scaledCoefficient(f, k, convention);
    coefficients.push({
      k,
      exact,
      tex: exact,
      parameters: exact === '0' ? [] : f.scale.variables(),
      probabilists: scaledCoefficient(f, k, 'probabilists'),
      identicallyZero: exact === '0',
    });
  }
  const split = (value: number | 'constant'): SymbolicExponent => exponentOf(scaledSplit(f, value));
  const ie = split(scaledInformationExponent(f));
  const labelPowers: SymbolicLabelPower[] = [];
  for (let i = 1; i <= powers; i++) {
    const expression = exprToString(conditionalLabelMoment(sigma, i, noise));
    const v = noise.isZero() ? scaledLabelPower(f, i) : i === 1 ? scaledInformationExponent(f) : null;
    labelPowers.push(
      v === null
        ? { power: i, expression, exponent: null, note: `not derived symbolically for ${f.family}(s·z)${noise.isZero() ? '' : ' with label noise'}; use --set` }
        : { power: i, expression, exponent: split(v), note: null },
    );
  }
  return {
    input: source,
    expression: exprToString(sigma),
    parameters,
    convention,
    polynomial: null,
    degree: null,
    parity: parityForEveryValue(sigma),
    coefficients,
    informationExponent: ie,
    labelPowers,
    // p* ≤ IE = 1 gives 1; cos is even (λ_1 = 0) with IE 2, so 2
    generativeExponent: noise.isZero() ? ie : null,
    notes: [
      `closed form: σ = ${f.family}(s·z) with s = ${f.scale.toString()} (docs/theory.md §9)`,
      ...(noise.isZero() ? [] : ['generative exponent with label noise: not decided symbolically (use --set)']),
    ],
  };
}

/** The ParseError for a link that is not a polynomial in z and the parameters, at the parameter (or the call) in the way. */
function notPolynomial(source: string, sigma: Expr, parameters: readonly string[]): ParseError {
  const o = obstacle(sigma)!;
  const inside = freeParametersOf(o)[0];
  const what = o.kind === 'call' ? `${o.fn}(…)` : exprToString(o);
  const parity = parityForEveryValue(sigma);
  const exact =
    parity === 'none'
      ? ''
      : `; exact for every ${parameters.join(', ')}: σ is ${parity} in z, so α_k = 0 for every ${parity === 'even' ? 'odd' : 'even'} k ≥ 1`;
  const tokens = identifierTokens(source);
  const callAt = o.kind === 'call' ? (tokens.find((t) => t.text === o.fn)?.position ?? -1) : -1;
  if (o.kind === 'constant') {
    return new ParseError(
      `σ contains ${o.name}: the symbolic analysis takes coefficients that are polynomials over ℚ in the parameters (no π or e)${exact}`,
      source,
      tokens.find((t) => t.text === o.name)?.position ?? null,
      `give ${parameters.map((v) => `--set ${v}=…`).join(' ')}`,
    );
  }
  if (inside === undefined) {
    return new ParseError(
      `σ contains ${what}, which is not a polynomial in z: the symbolic analysis takes polynomials in z whose coefficients are polynomials in the parameters${exact}`,
      source,
      callAt >= 0 ? callAt : null,
      `give ${parameters.map((v) => `--set ${v}=…`).join(' ')}`,
    );
  }
  const position = tokens.find((t) => t.text === inside && t.position > callAt)?.position ?? null;
  return new ParseError(
    `the parameter '${inside}' enters through ${what}, which sindex cannot expand exactly in the parameters${exact}`,
    source,
    position,
    `give it a value with --set ${inside}=…`,
  );
}

/**
 * The symbolic analysis of a link with free parameters (a ParseError when σ is not a polynomial in
 * z and the parameters, pointing at the parameter and stating the parity that holds for every value).
 * @example analyzeSymbolic('z^3 + a*z').informationExponent.cases.map((c) => `${c.value} if ${c.when}`) // ['1 if a != -3', '3 if a = -3']
 */
export function analyzeSymbolic(source: string, options: SymbolicOptions = {}): SymbolicAnalysis {
  const convention = options.convention ?? 'orthonormal';
  if (convention === 'physicists')
    throw new OutOfRangeError(
      'the symbolic analysis gives orthonormal, probabilists or raw coefficients; --convention physicists needs --set for every parameter',
    );
  const powers = options.powers ?? 4;
  const noise = options.noise ?? Rational.ZERO;
  const sigma = parseLink(source, { parameters: options.parameters, freeParameters: true });
  const parameters = freeParametersOf(sigma);
  if (parameters.length === 0) throw new DomainError('the link has no free parameter: use the numeric analysis');
  const p = zPolynomialOf(sigma);
  if (p === null) {
    const scaled = scaledLinkOf(sigma);
    if (scaled === null) throw notPolynomial(source, sigma, parameters);
    return analyzeScaled(source, sigma, scaled, parameters, convention, options.maxDegree ?? 12, powers, noise);
  }
  const u = probabilistsCoefficients(p);
  const coefficients: SymbolicCoefficient[] = u.map((c, k) => ({
    k,
    ...inConvention(c, k, convention),
    parameters: c.variables(),
    probabilists: c.toString(),
    identicallyZero: c.isZero(),
  }));
  const labelPowers: SymbolicLabelPower[] = [];
  for (let i = 1; i <= powers; i++) {
    const moment = conditionalLabelMoment(sigma, i, noise);
    try {
      const mp = i === 1 && noise.isZero() ? p : zPolynomialOf(moment)!;
      labelPowers.push({ power: i, expression: exprToString(moment), exponent: exponentOf(informationExponentSplit(mp)), note: null });
    } catch (e) {
      if (!(e instanceof OutOfRangeError) || i === 1) throw e;
      labelPowers.push({ power: i, expression: exprToString(moment), exponent: null, note: `not computed: ${e.message}` });
    }
  }
  const notes = [
    'exact: polynomial in z with coefficients polynomial in the parameters over ℚ',
    ...(parameters.length > 1 ? ['equations in several parameters are not checked for real solutions'] : []),
  ];
  return {
    input: source,
    expression: exprToString(sigma),
    parameters,
    convention,
    polynomial: zPolynomialText(p),
    degree: p.length - 1,
    parity: parityForEveryValue(sigma),
    coefficients,
    informationExponent: labelPowers[0]!.exponent!,
    labelPowers,
    generativeExponent: noise.isZero() ? exponentOf(generativeExponentSplit(p)) : null,
    notes: noise.isZero() ? notes : [...notes, 'generative exponent with label noise: not decided symbolically (use --set)'],
  };
}

export { freeParametersOf, hasFreeParameters } from './freeParameters.js';
