/**
 * Polynomials Σ c·η^a·d^b in the learning rate η and the dimension d with `Uncertain` coefficients:
 * μ_i(η, d) and E[ψ_η²] are these (docs/theory.md §4).
 */
import { addUncertain, isNegligible, type Uncertain } from './uncertainNumber.js';

/** c·η^eta·d^d. */
export interface EtaDTerm {
  readonly eta: number;
  readonly d: number;
  readonly c: Uncertain;
}

/** Σ c·η^a·d^b, merged by (a, b), sorted by a then b. */
export type EtaDPolynomial = readonly EtaDTerm[];

/** Merge terms with the same (a, b) and sort by a then b. */
export function normalizeEtaD(terms: readonly EtaDTerm[]): EtaDTerm[] {
  const merged = new Map<string, EtaDTerm>();
  for (const t of terms) {
    const key = `${t.eta},${t.d}`;
    const old = merged.get(key);
    merged.set(key, old ? { ...old, c: addUncertain(old.c, t.c) } : t);
  }
  return [...merged.values()].sort((x, y) => x.eta - y.eta || x.d - y.d);
}

export function addEtaD(a: EtaDPolynomial, b: EtaDPolynomial): EtaDTerm[] {
  return normalizeEtaD([...a, ...b]);
}

/** p(η, d) with a first-order error bound. */
export function evaluateEtaD(p: EtaDPolynomial, eta: number, d: number): { value: number; error: number } {
  let value = 0;
  let error = 0;
  for (const t of p) {
    const m = eta ** t.eta * d ** t.d;
    value += t.c.value * m;
    error += t.c.error * Math.abs(m);
  }
  return { value, error };
}

/** The terms whose coefficient is not negligible at `tolerance`. */
export function significantTerms(p: EtaDPolynomial, tolerance: number): EtaDTerm[] {
  return p.filter((t) => !isNegligible(t.c, tolerance));
}

/** All coefficients exact. */
export const isExactEtaD = (p: EtaDPolynomial): boolean => p.every((t) => t.c.exact !== null);

/** In mathjs syntax, e.g. "324*eta", "3 + 60264*eta^2*d^2"; numeric coefficients with 12 significant digits. */
export function formatEtaD(p: EtaDPolynomial, tolerance = 0): string {
  const terms: string[] = [];
  for (const t of significantTerms(p, tolerance)) {
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
