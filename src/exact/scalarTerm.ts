/** The term of an exact scalar (exact/scalar.ts), shared with its formatting (exact/scalarFormat.ts). */
import type { Rational } from './rational.js';

/** One term q·√r·π^{h/2}·e^{s}. */
export interface ScalarTerm {
  /** Rational coefficient, nonzero in a stored term. */
  readonly q: Rational;
  /** Squarefree radicand r ≥ 1. */
  readonly r: bigint;
  /** Power of √π (π^{h/2}); any integer. */
  readonly h: number;
  /** Exponent of e. */
  readonly s: Rational;
  /**
   * Factors Φ(b) (standard normal CDF) as the sorted multiset of their arguments b > 0;
   * absent (not an empty array) in a term without such factors.
   */
  readonly phi?: readonly Rational[];
}
