/**
 * A real number known either exactly (a rational) or numerically with an absolute error
 * bound, and polynomials in one scale variable t with such coefficients. μ_i(η) and
 * E[ψ_η²] are these: exact rational polynomials for polynomial links, numeric otherwise.
 */
import { Rational } from '../exact/rational.js';

export interface Uncertain {
  readonly exact: Rational | null;
  readonly value: number;
  readonly error: number;
}

export const exactly = (q: Rational): Uncertain => ({ exact: q, value: q.toNumber(), error: 0 });
export const ZERO: Uncertain = exactly(Rational.ZERO);

export function addU(a: Uncertain, b: Uncertain): Uncertain {
  if (a.exact && b.exact) return exactly(a.exact.add(b.exact));
  return { exact: null, value: a.value + b.value, error: a.error + b.error + 2 * Number.EPSILON * Math.abs(a.value + b.value) };
}

export function mulU(a: Uncertain, b: Uncertain): Uncertain {
  if (a.exact && b.exact) return exactly(a.exact.mul(b.exact));
  const value = a.value * b.value;
  return { exact: null, value, error: Math.abs(a.value) * b.error + Math.abs(b.value) * a.error + a.error * b.error + 2 * Number.EPSILON * Math.abs(value) };
}

/** Certainly zero (exact zero). */
export const isExactZero = (a: Uncertain): boolean => a.exact !== null && a.exact.isZero();

/** Zero for deciding exponents: exact zero, or |value| within its error and below `tolerance`. */
export function isNegligible(a: Uncertain, tolerance: number): boolean {
  return a.exact ? a.exact.isZero() : Math.abs(a.value) <= Math.max(tolerance, a.error);
}

/** c·η^eta·d^d. */
export interface EtaDTerm {
  readonly eta: number;
  readonly d: number;
  readonly c: Uncertain;
}

/** Σ c·η^a·d^b, merged by (a, b), sorted by a then b. */
export type EtaDPolynomial = readonly EtaDTerm[];

export function normalizeP(terms: readonly EtaDTerm[]): EtaDTerm[] {
  const merged = new Map<string, EtaDTerm>();
  for (const t of terms) {
    const key = `${t.eta},${t.d}`;
    const old = merged.get(key);
    merged.set(key, old ? { ...old, c: addU(old.c, t.c) } : t);
  }
  return [...merged.values()].sort((x, y) => x.eta - y.eta || x.d - y.d);
}

export function addP(a: EtaDPolynomial, b: EtaDPolynomial): EtaDTerm[] {
  return normalizeP([...a, ...b]);
}

export function mulP(a: EtaDPolynomial, b: EtaDPolynomial): EtaDTerm[] {
  return normalizeP(a.flatMap((x) => b.map((y) => ({ eta: x.eta + y.eta, d: x.d + y.d, c: mulU(x.c, y.c) }))));
}

/** p(η, d) with a first-order error bound. */
export function evaluateP(p: EtaDPolynomial, eta: number, d: number): { value: number; error: number } {
  let value = 0;
  let error = 0;
  for (const t of p) {
    const m = eta ** t.eta * d ** t.d;
    value += t.c.value * m;
    error += t.c.error * Math.abs(m);
  }
  return { value, error };
}

/** The terms whose coefficient is not negligible. */
export function supportP(p: EtaDPolynomial, tolerance: number): EtaDTerm[] {
  return p.filter((t) => !isNegligible(t.c, tolerance));
}

/** All coefficients exact. */
export const isExactP = (p: EtaDPolynomial): boolean => p.every((t) => t.c.exact !== null);

/** In mathjs syntax, e.g. "324*eta", "3 + 60264*eta^2*d^2"; numeric coefficients with 12 significant digits. */
export function formatP(p: EtaDPolynomial, tolerance = 0): string {
  const terms: string[] = [];
  for (const t of supportP(p, tolerance)) {
    const c = t.c;
    const coefficient = c.exact ? c.exact.toString() : Number(c.value.toPrecision(12)).toString();
    const factors = [t.eta > 0 ? (t.eta === 1 ? 'eta' : `eta^${t.eta}`) : '', t.d > 0 ? (t.d === 1 ? 'd' : `d^${t.d}`) : ''].filter(Boolean).join('*');
    if (!factors) terms.push(coefficient);
    else if (coefficient === '1') terms.push(factors);
    else if (coefficient === '-1') terms.push(`-${factors}`);
    else terms.push(`${c.exact && !c.exact.isInteger() ? `(${coefficient})` : coefficient}*${factors}`);
  }
  if (terms.length === 0) return '0';
  return terms.join(' + ').replace(/\+ -/g, '- ');
}
