/**
 * The physicists' Hermite basis H_k (numpy.polynomial.hermite):
 *
 *     H_0 = 1, H_1 = 2z, H_{k+1} = 2z·H_k − 2k·H_{k−1},   H_k(z) = 2^{k/2}·He_k(√2·z),
 *     ∫ H_j H_k e^{−z²} dz = √π·2^k·k!·δ_jk.
 *
 * A coefficient vector b stands for Σ_k b_k H_k(z) — the same variable z as the monomials (no
 * rescaling of the argument). The basis change is the shared one of threeTermBasis.ts
 * (a = 2, c_k = 2k).
 */

import type { Rational } from '../exact/rational.js';
import type { Polynomial } from './polynomial.js';
import { ThreeTermBasis } from './threeTermBasis.js';

const H = new ThreeTermBasis({ name: 'herm', a: 2n, c: (k) => BigInt(2 * k) });

/**
 * Physicists' Hermite coefficients of a polynomial (numpy's poly2herm):
 * z^n = n!/2^n·Σ_m H_{n−2m}/(m!·(n−2m)!); z² = H_2/4 + 1/2.
 * @example hermFromMonomials(polyFromInts([0, 0, 1])).map(String) // ['1/2', '0', '1/4']
 */
export function hermFromMonomials(p: Polynomial): Rational[] {
  return H.fromMonomials(p);
}

/**
 * Monomial coefficients of Σ_k b_k H_k (numpy's herm2poly); H_1 = 2z.
 * @example monomialsFromHerm(polyFromInts([0, 1])).map(String) // ['0', '2']
 */
export function monomialsFromHerm(b: readonly Rational[]): Polynomial {
  return H.toMonomials(b);
}

/**
 * Monomial coefficients of H_k (memoised): H_3 = 8z³ − 12z.
 * @example hermPolynomial(3).map(String) // ['0', '-12', '0', '8']
 */
export function hermPolynomial(k: number): Polynomial {
  return H.polynomial(k);
}
