/**
 * Exact change of basis for a polynomial basis given by a three-term recurrence
 *
 *     P_0 = 1,  P_1 = a·z,  P_{k+1} = a·z·P_k − c_k·P_{k−1}   (a, c_k positive integers),
 *
 * as numpy.polynomial's polyutils does once for all its bases. Probabilists' He: a = 1, c_k = k;
 * physicists' H: a = 2, c_k = 2k. A coefficient vector v (lowest index first, trimmed) stands for
 * Σ_k v_k P_k. All loops run on integers over one common denominator (no Rational arithmetic in
 * the O(d²) work) and reduce each result once.
 */

import { overCommonDenominator, reduceOver } from '../exact/commonDenominator.js';
import { Rational } from '../exact/rational.js';
import { type Polynomial, polyTrim } from './polynomial.js';

/** The recurrence P_{k+1} = a·z·P_k − c_k·P_{k−1}, P_0 = 1, P_1 = a·z. */
export interface ThreeTermRecurrence {
  /** Prefix of error messages, e.g. 'herme' (numpy's module name). */
  readonly name: string;
  /** a, the factor of z. */
  readonly a: bigint;
  /** c_k for k ≥ 1. */
  readonly c: (k: number) => bigint;
}

export class ThreeTermBasis {
  /** cs[k] = c_k (cs[0] unused). */
  private readonly cs: bigint[] = [0n];
  /** Integer monomial coefficients of P_0, P_1, … computed so far. */
  private readonly integers: bigint[][];
  private readonly polynomials: Polynomial[] = [];

  constructor(private readonly recurrence: ThreeTermRecurrence) {
    this.integers = [[1n], [0n, recurrence.a]];
  }

  /** c_0..c_n (c_0 = 0 unused), cached. */
  private cUpTo(n: number): readonly bigint[] {
    for (let k = this.cs.length; k <= n; k++) this.cs.push(this.recurrence.c(k));
    return this.cs;
  }

  /**
   * Coefficients v with p = Σ_k v_k P_k, by Horner's scheme in the P basis, p ← z·p + p_n, using
   * z·P_k = (P_{k+1} + c_k·P_{k−1})/a. The running value is cur/(D·a^t).
   */
  fromMonomials(p: Polynomial): Rational[] {
    const A0 = polyTrim(p);
    if (A0.length === 0) return [];
    const { numerators: A, denominator: D } = overCommonDenominator(A0);
    const d = A.length - 1;
    const c = this.cUpTo(d);
    const a = this.recurrence.a;
    let cur: bigint[] = new Array<bigint>(d + 1).fill(0n);
    let next: bigint[] = new Array<bigint>(d + 1).fill(0n);
    cur[0] = A[d] as bigint;
    let len = 1; // cur holds coefficients 0..len−1
    let scale = 1n; // a^t
    for (let n = d - 1; n >= 0; n--) {
      // next = a·z·cur:  next[k] = cur[k−1] + c_{k+1}·cur[k+1]
      for (let k = 0; k <= len; k++) {
        const up = k >= 1 ? (cur[k - 1] as bigint) : 0n;
        const down = k + 1 < len ? (c[k + 1] as bigint) * (cur[k + 1] as bigint) : 0n;
        next[k] = up + down;
      }
      if (a !== 1n) scale *= a;
      next[0] = (next[0] as bigint) + (a === 1n ? (A[n] as bigint) : (A[n] as bigint) * scale);
      len++;
      const t = cur;
      cur = next;
      next = t;
    }
    const den = D * scale;
    const out: Rational[] = [];
    for (let k = 0; k <= d; k++) out.push(reduceOver(cur[k] as bigint, den));
    return polyTrim(out);
  }

  /**
   * Monomial coefficients of Σ_k v_k P_k, by Clenshaw's recurrence
   * B_k = v_k + a·z·B_{k+1} − c_{k+1}·B_{k+2}, p = B_0.
   */
  toMonomials(v: readonly Rational[]): Polynomial {
    const trimmed = polyTrim(v);
    if (trimmed.length === 0) return [];
    const { numerators: V, denominator: D } = overCommonDenominator(trimmed);
    const d = V.length - 1;
    const c = this.cUpTo(d + 1);
    const a = this.recurrence.a;
    const unit = a === 1n;
    let b1: bigint[] = []; // B_{k+1}, degree d − k − 1
    let b2: bigint[] = []; // B_{k+2}
    for (let k = d; k >= 0; k--) {
      const len = d - k + 1;
      const bk: bigint[] = new Array<bigint>(len);
      const ck = c[k + 1] as bigint;
      for (let i = 0; i < len; i++) {
        const up = i >= 1 ? (b1[i - 1] ?? 0n) : 0n;
        let x = unit ? up : a * up;
        const w = b2[i];
        if (w !== undefined && w !== 0n) x -= ck * w;
        bk[i] = x;
      }
      bk[0] = (bk[0] as bigint) + (V[k] as bigint);
      b2 = b1;
      b1 = bk;
    }
    return polyTrim(b1.map((x) => reduceOver(x, D)));
  }

  /** Monomial coefficients of P_k (memoised, frozen). */
  polynomial(k: number): Polynomial {
    if (!Number.isSafeInteger(k) || k < 0) throw new RangeError(`${this.recurrence.name}Polynomial: bad degree ${k}`);
    let p = this.polynomials[k];
    if (p === undefined) {
      p = Object.freeze(this.integerPolynomial(k).map((n) => Rational.of(n)));
      this.polynomials[k] = p;
    }
    return p;
  }

  private integerPolynomial(k: number): readonly bigint[] {
    const table = this.integers;
    const c = this.cUpTo(k);
    const a = this.recurrence.a;
    for (let j = table.length; j <= k; j++) {
      // P_j = a·z·P_{j−1} − c_{j−1}·P_{j−2}
      const p1 = table[j - 1] as bigint[];
      const p2 = table[j - 2] as bigint[];
      const m = c[j - 1] as bigint;
      const out: bigint[] = new Array<bigint>(j + 1).fill(0n);
      for (let i = 0; i < p1.length; i++) out[i + 1] = a * (p1[i] as bigint);
      for (let i = 0; i < p2.length; i++) out[i] = (out[i] as bigint) - m * (p2[i] as bigint);
      table.push(out);
    }
    return table[k] as bigint[];
  }
}
