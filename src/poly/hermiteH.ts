/**
 * The physicists' Hermite basis H_k (numpy.polynomial.hermite):
 *
 *     H_0 = 1, H_1 = 2z, H_{k+1} = 2z·H_k − 2k·H_{k−1},   H_k(z) = 2^{k/2}·He_k(√2·z),
 *     ∫ H_j H_k e^{−z²} dz = √π·2^k·k!·δ_jk.
 *
 * A coefficient vector b stands for Σ_k b_k H_k(z) — the same variable z as the
 * monomials (no rescaling of the argument). Example: z² = H_2/4 + 1/2.
 */

import { overCommonDenominator, reduceOver } from '../exact/commonDenominator.js';
import { Rational } from '../exact/rational.js';
import { type Polynomial, polyTrim } from './polynomial.js';

/**
 * Physicists' Hermite coefficients of a polynomial (numpy's poly2herm), by Horner's scheme
 * in the H basis with z·H_k = H_{k+1}/2 + k·H_{k−1}. Equivalently z^n = n!/2^n·Σ_m H_{n−2m}/(m!(n−2m)!).
 */
export function hermFromMonomials(p: Polynomial): Rational[] {
  const a = polyTrim(p);
  if (a.length === 0) return [];
  const { numerators: A, denominator: D } = overCommonDenominator(a);
  const d = A.length - 1;
  // cur / (D·2^t) is the running Horner value in the H basis.
  let cur: bigint[] = [A[d] as bigint];
  let t = 0;
  for (let n = d - 1; n >= 0; n--) {
    const next: bigint[] = new Array<bigint>(cur.length + 1).fill(0n);
    cur.forEach((c, k) => {
      if (c === 0n) return;
      // z·H_k = H_{k+1}/2 + k·H_{k−1}; the new scale is 2^(t+1)
      next[k + 1] = (next[k + 1] as bigint) + c;
      if (k >= 1) next[k - 1] = (next[k - 1] as bigint) + BigInt(2 * k) * c;
    });
    t++;
    next[0] = (next[0] as bigint) + ((A[n] as bigint) << BigInt(t));
    cur = next;
  }
  const two = 1n << BigInt(t);
  return polyTrim(cur.map((c) => reduceOver(c, D * two)));
}

/** Monomial coefficients of Σ_k b_k H_k, by Clenshaw: c_k = b_k + 2z·c_{k+1} − 2(k+1)·c_{k+2}, p = c_0. */
export function monomialsFromHerm(b: readonly Rational[]): Polynomial {
  const u = polyTrim(b);
  if (u.length === 0) return [];
  const { numerators: U, denominator: D } = overCommonDenominator(u);
  const d = U.length - 1;
  let c1: bigint[] = [];
  let c2: bigint[] = [];
  for (let k = d; k >= 0; k--) {
    const len = d - k + 1;
    const ck: bigint[] = new Array<bigint>(len);
    const m = BigInt(2 * (k + 1));
    for (let i = 0; i < len; i++) {
      let v = i >= 1 ? 2n * (c1[i - 1] ?? 0n) : 0n;
      const w = c2[i];
      if (w !== undefined && w !== 0n) v -= m * w;
      ck[i] = v;
    }
    ck[0] = (ck[0] as bigint) + (U[k] as bigint);
    c2 = c1;
    c1 = ck;
  }
  return polyTrim(c1.map((v) => reduceOver(v, D)));
}

const hermTable: Polynomial[] = [Object.freeze([Rational.ONE]), Object.freeze([Rational.ZERO, Rational.of(2)])];

/** Monomial coefficients of H_k: H_2 = 4z² − 2, H_3 = 8z³ − 12z (memoised). */
export function hermPolynomial(k: number): Polynomial {
  if (!Number.isSafeInteger(k) || k < 0) throw new RangeError(`hermPolynomial: bad degree ${k}`);
  for (let j = hermTable.length; j <= k; j++) {
    const p1 = hermTable[j - 1] as Polynomial;
    const p2 = hermTable[j - 2] as Polynomial;
    const two = Rational.of(2);
    const m = Rational.of(2 * (j - 1));
    const out: Rational[] = new Array<Rational>(j + 1).fill(Rational.ZERO);
    p1.forEach((c, i) => (out[i + 1] = c.mul(two)));
    p2.forEach((c, i) => (out[i] = (out[i] as Rational).sub(c.mul(m))));
    hermTable.push(Object.freeze(out));
  }
  return hermTable[k] as Polynomial;
}
