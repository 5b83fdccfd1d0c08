/**
 * The probabilists' Hermite basis He_k (numpy.polynomial.hermite_e):
 *
 *     He_0 = 1, He_1 = z, He_{k+1} = z·He_k − k·He_{k−1},
 *     E[He_j He_k] = k!·δ_jk  for z ~ N(0, 1).
 *
 * A coefficient vector u (lowest index first, trimmed) stands for Σ_k u_k He_k, so
 * u_k = E[p·He_k]/k!  — the "probabilists'" convention of this project.
 *
 * All conversions run on integers over one common denominator (no Rational
 * arithmetic in the O(d²) loops) and reduce each result once.
 */

import { overCommonDenominator, reduceOver } from '../exact/commonDenominator.js';
import { Rational } from '../exact/rational.js';
import { type Polynomial, polyTrim } from './polynomial.js';

/** BigInt(k) for small k, cached (the loops multiply by indices a lot). */
const smallInts: bigint[] = [];
function big(k: number): bigint {
  for (let j = smallInts.length; j <= k; j++) smallInts.push(BigInt(j));
  return smallInts[k] as bigint;
}

/**
 * Probabilists' Hermite coefficients of a polynomial (numpy's poly2herme):
 * p = Σ_k u_k He_k with u_j = Σ_{n ≥ j, n − j even} a_n·C(n, j)·(n − j − 1)!!.
 * Computed by Horner's scheme in the He basis, p ← z·p + a_n, using z·He_k = He_{k+1} + k·He_{k−1}.
 * Example: z + 2z² + 3z³ = 2 + 10 He_1 + 2 He_2 + 3 He_3.
 */
export function hermeFromMonomials(p: Polynomial): Rational[] {
  const a = polyTrim(p);
  if (a.length === 0) return [];
  const { numerators: A, denominator: D } = overCommonDenominator(a);
  const d = A.length - 1;
  let cur: bigint[] = new Array<bigint>(d + 1).fill(0n);
  let next: bigint[] = new Array<bigint>(d + 1).fill(0n);
  cur[0] = A[d] as bigint;
  let len = 1; // cur holds He-coefficients 0..len−1
  for (let n = d - 1; n >= 0; n--) {
    // next = z·cur:  next[k] = cur[k−1] + (k+1)·cur[k+1]
    for (let k = 0; k <= len; k++) {
      const up = k >= 1 ? (cur[k - 1] as bigint) : 0n;
      const down = k + 1 < len ? big(k + 1) * (cur[k + 1] as bigint) : 0n;
      next[k] = up + down;
    }
    next[0] = (next[0] as bigint) + (A[n] as bigint);
    len++;
    const t = cur;
    cur = next;
    next = t;
  }
  const out: Rational[] = [];
  for (let k = 0; k <= d; k++) out.push(reduceOver(cur[k] as bigint, D));
  return polyTrim(out);
}

/**
 * Monomial coefficients of Σ_k u_k He_k (numpy's herme2poly), by Clenshaw's recurrence
 * b_k = u_k + z·b_{k+1} − (k+1)·b_{k+2}, p = b_0.
 */
export function monomialsFromHerme(u: readonly Rational[]): Polynomial {
  const c = polyTrim(u);
  if (c.length === 0) return [];
  const { numerators: U, denominator: D } = overCommonDenominator(c);
  const d = U.length - 1;
  let b1: bigint[] = []; // b_{k+1}, degree d − k − 1
  let b2: bigint[] = []; // b_{k+2}
  for (let k = d; k >= 0; k--) {
    const len = d - k + 1;
    const bk: bigint[] = new Array<bigint>(len);
    const kk = big(k + 1);
    for (let i = 0; i < len; i++) {
      let v = i >= 1 ? (b1[i - 1] ?? 0n) : 0n;
      const w = b2[i];
      if (w !== undefined && w !== 0n) v -= kk * w;
      bk[i] = v;
    }
    bk[0] = (bk[0] as bigint) + (U[k] as bigint);
    b2 = b1;
    b1 = bk;
  }
  return polyTrim(b1.map((v) => reduceOver(v, D)));
}

const hermeIntegerTable: bigint[][] = [[1n], [0n, 1n]];
const hermeTable: Polynomial[] = [];

/** Integer monomial coefficients of He_k (memoised). */
function hermeIntegers(k: number): readonly bigint[] {
  for (let j = hermeIntegerTable.length; j <= k; j++) {
    // He_j = z·He_{j−1} − (j−1)·He_{j−2}
    const p1 = hermeIntegerTable[j - 1] as bigint[];
    const p2 = hermeIntegerTable[j - 2] as bigint[];
    const m = big(j - 1);
    const out: bigint[] = new Array<bigint>(j + 1).fill(0n);
    for (let i = 0; i < p1.length; i++) out[i + 1] = p1[i] as bigint;
    for (let i = 0; i < p2.length; i++) out[i] = (out[i] as bigint) - m * (p2[i] as bigint);
    hermeIntegerTable.push(out);
  }
  return hermeIntegerTable[k] as bigint[];
}

/** Monomial coefficients of He_k: He_3 = z³ − 3z, He_4 = z⁴ − 6z² + 3 (memoised). */
export function hermePolynomial(k: number): Polynomial {
  if (!Number.isSafeInteger(k) || k < 0) throw new RangeError(`hermePolynomial: bad degree ${k}`);
  let p = hermeTable[k];
  if (p === undefined) {
    p = Object.freeze(hermeIntegers(k).map((n) => Rational.of(n)));
    hermeTable[k] = p;
  }
  return p;
}

/**
 * Product in the He basis by the linearisation formula
 * He_m·He_n = Σ_{r=0}^{min(m,n)} C(m, r)·C(n, r)·r!·He_{m+n−2r}.
 * Example: He_3² = He_6 + 9 He_4 + 18 He_2 + 6.
 */
export function hermeMul(a: readonly Rational[], b: readonly Rational[]): Rational[] {
  const x = polyTrim(a);
  const y = polyTrim(b);
  if (x.length === 0 || y.length === 0) return [];
  const X = overCommonDenominator(x);
  const Y = overCommonDenominator(y);
  const out: bigint[] = new Array<bigint>(x.length + y.length - 1).fill(0n);
  X.numerators.forEach((xm, m) => {
    if (xm === 0n) return;
    Y.numerators.forEach((yn, n) => {
      if (yn === 0n) return;
      const base = xm * yn;
      let w = 1n; // C(m, r)·C(n, r)·r!
      for (let r = 0; r <= Math.min(m, n); r++) {
        out[m + n - 2 * r] = (out[m + n - 2 * r] as bigint) + base * w;
        w = (w * big(m - r) * big(n - r)) / big(r + 1);
      }
    });
  });
  const D = X.denominator * Y.denominator;
  return polyTrim(out.map((v) => Rational.of(v, D)));
}
