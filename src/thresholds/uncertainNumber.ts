/**
 * A real number known either exactly (a rational) or numerically with an absolute error bound:
 * the coefficients of μ_i(η, d) and E[ψ_η²], exact for polynomial links, numeric otherwise.
 */
import { Rational } from '../exact/rational.js';

export interface Uncertain {
  readonly exact: Rational | null;
  readonly value: number;
  readonly error: number;
}

export const exactly = (q: Rational): Uncertain => ({ exact: q, value: q.toNumber(), error: 0 });
export const ZERO: Uncertain = exactly(Rational.ZERO);

/** a + b, exact when both are; else with the rounding of the sum added to the bound. */
export function addUncertain(a: Uncertain, b: Uncertain): Uncertain {
  if (a.exact && b.exact) return exactly(a.exact.add(b.exact));
  return { exact: null, value: a.value + b.value, error: a.error + b.error + 2 * Number.EPSILON * Math.abs(a.value + b.value) };
}

/** a·b, exact when both are; else |a|·δb + |b|·δa + δa·δb plus rounding. */
export function mulUncertain(a: Uncertain, b: Uncertain): Uncertain {
  if (a.exact && b.exact) return exactly(a.exact.mul(b.exact));
  const value = a.value * b.value;
  return { exact: null, value, error: Math.abs(a.value) * b.error + Math.abs(b.value) * a.error + a.error * b.error + 2 * Number.EPSILON * Math.abs(value) };
}

/** Zero for deciding exponents: exact zero, or |value| within its error and below `tolerance`. */
export function isNegligible(a: Uncertain, tolerance: number): boolean {
  return a.exact ? a.exact.isZero() : Math.abs(a.value) <= Math.max(tolerance, a.error);
}
