/**
 * Coefficient conventions for the Hermite expansion of f under z ~ N(0, 1).
 * With He_k the probabilists' polynomials (E[He_j He_k] = k!·δ_jk):
 *
 *   raw            c_k = E[f·He_k]
 *   probabilists   u_k = c_k / k!          f = Σ u_k He_k
 *   orthonormal    α_k = c_k / √k!         f = Σ α_k h_k,  h_k = He_k/√k!
 *   physicists     b_k                     f = Σ b_k H_k(z),  H_k(z) = 2^{k/2} He_k(√2 z)
 *
 * The physicists' expansion is of the same function of the same z (no rescaled argument).
 * Closed form, from He_n = Σ_i (−1)^i·n!/(2^n·i!·(n−2i)!)·H_{n−2i}:
 *
 *   b_j = 1/(2^j·j!) · Σ_{i≥0} (−1/4)^i · c_{j+2i} / i!.
 */

import { factorial } from '../exact/combinatorics.js';
import { overCommonDenominator, reduceOver } from '../exact/commonDenominator.js';
import { divideByFactorial, divideBySqrtFactorial, factorialMantExp, multiplyBySqrtFactorial } from '../exact/factorialFloat.js';
import { ldexp } from '../exact/float.js';
import { Rational } from '../exact/rational.js';
import { ExactScalar } from '../exact/scalar.js';
import { hermeFromMonomials, monomialsFromHerme } from './hermiteE.js';
import { hermFromMonomials, monomialsFromHerm } from './hermiteH.js';
import { polyTrim } from './polynomial.js';

type Numbers = Float64Array | readonly number[];

// ---------- exact ----------

/** c_k = k!·u_k. */
export function rawFromProbabilists(u: readonly Rational[]): Rational[] {
  return u.map((x, k) => x.mul(Rational.of(factorial(k))));
}

/** u_k = c_k / k!. */
export function probabilistsFromRawExact(c: readonly Rational[]): Rational[] {
  return c.map((x, k) => x.div(Rational.of(factorial(k))));
}

/**
 * Physicists' coefficients b_0..b_K (all when K is omitted) of Σ_k u_k He_k: with raw c_k = k!·u_k,
 * b_j = Σ_i (−1/4)^i·c_{j+2i}/(2^j·j!·i!), O(K·degree) work.
 * @example physicistsFromProbabilists([Rational.ZERO, Rational.ZERO, Rational.ONE]) // He_2 = z² − 1 = H_2/4 − 1/2: [−1/2, 0, 1/4]
 */
export function physicistsFromProbabilists(u: readonly Rational[], K = u.length - 1): Rational[] {
  if (u.length === 0) return [];
  // over a common denominator: u_k = U_k/D, and (j+2i)!/(j!·i!) is an integer
  const { numerators: U, denominator: D } = overCommonDenominator(u);
  const out: Rational[] = [];
  for (let j = 0; j <= K && j < U.length; j++) {
    const N = Math.floor((U.length - 1 - j) / 2);
    let sum = 0n;
    // ratio = (j+2i)!/(j!·i!), updated from i to i + 1 by (j+2i+1)(j+2i+2)/(i+1)
    let ratio = 1n;
    for (let i = 0; i <= N; i++) {
      if (i > 0) ratio = (ratio * BigInt(j + 2 * i - 1) * BigInt(j + 2 * i)) / BigInt(i);
      const Uk = U[j + 2 * i]!;
      if (Uk === 0n) continue;
      const term = Uk * ratio << BigInt(2 * (N - i));
      sum += i % 2 === 0 ? term : -term;
    }
    out.push(reduceOver(sum, D << BigInt(j + 2 * N)));
  }
  return polyTrim(out);
}

/** Inverse of physicistsFromProbabilists: u from b. */
export function probabilistsFromPhysicists(b: readonly Rational[]): Rational[] {
  return hermeFromMonomials(monomialsFromHerm(b));
}

/** α_k = c_k / √k! for exact scalar coefficients. */
export function orthonormalFromRawExact(c: readonly ExactScalar[]): ExactScalar[] {
  return c.map((x, k) => (x.isZero() ? x : x.div(ExactScalar.sqrtFactorial(k))));
}

/** c_k = α_k·√k! for exact scalar coefficients. */
export function rawFromOrthonormalExact(alpha: readonly ExactScalar[]): ExactScalar[] {
  return alpha.map((x, k) => x.mul(ExactScalar.sqrtFactorial(k)));
}

/**
 * b_j = 1/(2^j j!)·Σ_i (−1/4)^i c_{j+2i}/i! for exact scalar raw coefficients c_0..c_{N−1}.
 * Exact when f is a polynomial of degree < N; for an infinite series the terms beyond N are
 * missing, so b_j is a truncation (worst for j near N).
 */
export function physicistsFromRawExact(c: readonly ExactScalar[]): ExactScalar[] {
  const out: ExactScalar[] = [];
  for (let j = 0; j < c.length; j++) {
    let sum = ExactScalar.zero();
    for (let i = 0; j + 2 * i < c.length; i++) {
      const w = Rational.of(i % 2 === 0 ? 1n : -1n, (1n << BigInt(2 * i)) * factorial(i));
      sum = sum.add((c[j + 2 * i] as ExactScalar).scale(w));
    }
    out.push(sum.scale(Rational.of(1n, (1n << BigInt(j)) * factorial(j))));
  }
  return out;
}

// ---------- floating point ----------
// k!, √k! enter as mantissa·2^exponent (exact BigInt factorials, correctly rounded), so no
// intermediate overflows for k in the thousands; 0 / ±Infinity appear only when the result itself
// is out of the double range.

/** α_k = c_k / √k!. */
export function orthonormalFromRaw(c: Numbers): number[] {
  return Array.from(c, (x, k) => divideBySqrtFactorial(x, k));
}

/** c_k = α_k·√k!. */
export function rawFromOrthonormal(alpha: Numbers): number[] {
  return Array.from(alpha, (x, k) => multiplyBySqrtFactorial(x, k));
}

/** u_k = c_k / k!. */
export function probabilistsFromRaw(c: Numbers): number[] {
  return Array.from(c, (x, k) => divideByFactorial(x, k));
}

/**
 * Physicists' coefficients from raw ones in floating point:
 * b_j = 2^{−j}/j!·Σ_i (−1/4)^i·c_{j+2i}/i!, summed over the indices present.
 *
 * Conditioning: the sum alternates, so the relative error of b_j is about
 * 1e-16·κ_j with κ_j = Σ_i |c_{j+2i}|/(4^i i!) / |Σ_i (−1/4)^i c_{j+2i}/i!|.
 * For an L² function (|c_k| ≲ √k!) the terms behave like (j/4)^i/i!, so κ_j can reach
 * ~e^{j/4}: fine for j ≤ 40 (κ ≲ 2·10⁴), meaningless for j in the hundreds. Non-finite inputs
 * propagate (Infinity − Infinity gives NaN). Use physicistsFromRawExact / physicistsFromProbabilists
 * when exact coefficients are available.
 */
export function physicistsFromRawNumeric(c: Numbers): number[] {
  const n = c.length;
  const out: number[] = [];
  for (let j = 0; j < n; j++) {
    let sum = 0;
    for (let i = 0; j + 2 * i < n; i++) {
      const x = c[j + 2 * i] as number;
      if (x === 0) continue;
      // x·(−1)^i / (4^i·i!) with i! = m·2^e
      const f = factorialMantExp(i);
      const term = ldexp(x / f.m, -f.e - 2 * i);
      sum += i % 2 === 0 ? term : -term;
    }
    const g = factorialMantExp(j);
    out.push(ldexp(sum / g.m, -g.e - j));
  }
  return out;
}
