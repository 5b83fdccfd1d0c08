/**
 * Rational vectors over one common denominator, for bulk integer arithmetic:
 * q_i = N_i / D with D = lcm(den q_i). Integer work then yields M/D, reduced once
 * per result (one Lehmer gcd) instead of once per Rational operation.
 */

import { gcd, lcm } from './gcd.js';
import { Rational } from './rational.js';

export interface OverCommonDenominator {
  /** N_i = q_i · D (integers). */
  readonly numerators: bigint[];
  /** D = lcm of the denominators (1 for an empty or integer vector). */
  readonly denominator: bigint;
}

/** Write q_0, …, q_n as N_i / D over their least common denominator. */
export function overCommonDenominator(qs: readonly Rational[]): OverCommonDenominator {
  const seen = new Set<bigint>();
  let D = 1n;
  for (const q of qs) {
    const d = q.den;
    if (d === 1n || seen.has(d)) continue;
    seen.add(d);
    if (D % d !== 0n) D = lcm(D, d);
  }
  const numerators = qs.map((q) => (q.den === D ? q.num : q.num * (D / q.den)));
  return { numerators, denominator: D };
}

/** The reduced rational M / D for D > 0 (M/D is reduced by a single gcd). */
export function reduceOver(M: bigint, D: bigint): Rational {
  if (M === 0n) return Rational.ZERO;
  const g = gcd(M, D);
  return Rational.unsafeReduced(M / g, D / g);
}
