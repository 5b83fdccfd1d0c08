/**
 * Update oracles as sums of label powers, ψ_η(y, z) = Σ_k c_k(η)·y^k·g_k(z) (arXiv 2510.21020;
 * docs/theory.md §4), for student activation σ:
 * - online SGD: ψ = y·σ'(z)                              c_1 = 1, g_1 = σ'
 * - batch reuse (two steps on one sample, first with η): ψ = y·σ'(z + ηd·y·σ'(z)),
 *   c_k = (ηd)^{k−1}/(k−1)!, g_k = σ^{(k)}·(σ')^{k−1} (a Taylor series; it ends at deg σ for a polynomial)
 * - alternating (second layer first with η, a → a + η·y·σ(z)): ψ = a·y·σ'(z) + η·y²·σ(z)σ'(z).
 * Each c_k is a monomial c·η^a·d^b.
 */
import { Rational, factorial } from '../exact/rational.js';
import { derivativeOf, mul } from '../expr/derivative.js';
import { exprToPolynomial } from '../expr/toPolynomial.js';
import type { Expr } from '../expr/tree.js';

export type Algorithm = 'online' | 'batch-reuse' | 'alternating';
export const ALGORITHMS: readonly Algorithm[] = ['online', 'batch-reuse', 'alternating'];

export interface OracleTerm {
  /** The label power y^k. */
  readonly power: number;
  /** c_k = coefficient·η^etaPower·d^dPower. */
  readonly coefficient: Rational;
  readonly etaPower: number;
  readonly dPower: number;
  /** g_k(z). */
  readonly g: Expr;
}

export interface Oracle {
  readonly algorithm: Algorithm | 'custom';
  readonly terms: readonly OracleTerm[];
  /** Batch reuse with a non-polynomial student: the Taylor series is cut after this many terms. */
  readonly truncatedAt: number | null;
  readonly formula: string;
}

export const DEFAULT_BATCH_ORDER = 6;

function isZeroPolynomial(e: Expr): boolean {
  const p = exprToPolynomial(e);
  return p !== null && p.length === 0;
}

/**
 * @example oracleOf('alternating', parseLink('He3(z)'), { a: Rational.ONE }).terms.map(t => t.power) // [1, 2]
 */
export function oracleOf(algorithm: Algorithm, student: Expr, options: { a?: Rational; order?: number } = {}): Oracle {
  const dSigma = derivativeOf(student);
  switch (algorithm) {
    case 'online':
      return {
        algorithm,
        terms: [{ power: 1, coefficient: Rational.ONE, etaPower: 0, dPower: 0, g: dSigma }],
        truncatedAt: null,
        formula: "psi = y*sigma'(z)",
      };
    case 'alternating': {
      const a = options.a ?? Rational.ONE;
      return {
        algorithm,
        terms: [
          { power: 1, coefficient: a, etaPower: 0, dPower: 0, g: dSigma },
          { power: 2, coefficient: Rational.ONE, etaPower: 1, dPower: 0, g: mul(student, dSigma) },
        ],
        truncatedAt: null,
        formula: `psi = ${a.equals(Rational.ONE) ? '' : `${a.toString()}*`}y*sigma'(z) + eta*y^2*sigma(z)*sigma'(z)`,
      };
    }
    case 'batch-reuse': {
      const order = options.order ?? DEFAULT_BATCH_ORDER;
      const terms: OracleTerm[] = [];
      let derivative = dSigma; // σ^{(k)}
      let power: Expr | null = null; // (σ')^{k−1}
      let truncatedAt: number | null = null;
      for (let k = 1; ; k++) {
        if (isZeroPolynomial(derivative)) break;
        if (k > order) {
          truncatedAt = order;
          break;
        }
        const g = power === null ? derivative : mul(derivative, power);
        terms.push({ power: k, coefficient: Rational.of(1n, factorial(k - 1)), etaPower: k - 1, dPower: k - 1, g });
        power = power === null ? dSigma : mul(power, dSigma);
        derivative = derivativeOf(derivative);
      }
      return { algorithm, terms, truncatedAt, formula: "psi = y*sigma'(z + eta*d*y*sigma'(z))" };
    }
  }
}
