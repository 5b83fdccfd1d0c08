/**
 * The four coefficient conventions of docs/theory.md §2.1 and every conversion between them.
 * For σ ∈ L²(N(0,1)), with He_k the probabilists' Hermite polynomials (E[He_j He_k] = k!·δ_jk):
 *
 *   orthonormal    α_k = E[σ h_k],  h_k = He_k/√k!        σ = Σ α_k h_k
 *   probabilists   u_k = E[σ He_k]/k! = α_k/√k!           σ = Σ u_k He_k
 *   raw            c_k = E[σ He_k] = α_k·√k!              σ = Σ (c_k/k!) He_k
 *   physicists     b_k                                    σ(z) = Σ b_k H_k(z),  H_k(z) = 2^{k/2} He_k(√2 z)
 *
 * (H_k is Mathematica's HermiteH.) The physicists' coefficients belong to another weight
 * (e^{−z²}), so b_k is a different expansion of the same function, not a multiple of α_k:
 *
 *   b_j = 1/(2^j·j!) · Σ_{i≥0} (−1/4)^i · c_{j+2i}/i!           (exact for polynomials)
 *   b_k = 2^{−k/2}·u_k(g) = 2^{−k/2}·α_k(g)/√k!,  g(x) = σ(x/√2)  (any σ, by quadrature of g).
 *
 * Their zeros are not those of α_k: exponents are always decided on α_k.
 */
import { overCommonDenominator, reduceOver } from '../exact/commonDenominator.js';
import { divideBySqrtFactorial, multiplyBySqrtFactorial } from '../exact/factorialFloat.js';
import { Rational, factorial } from '../exact/rational.js';
import { ExactScalar } from '../exact/scalar.js';
import { polyTrim } from '../poly/polynomial.js';

export type Convention = 'orthonormal' | 'probabilists' | 'raw' | 'physicists';
export const CONVENTIONS: readonly Convention[] = ['orthonormal', 'probabilists', 'raw', 'physicists'];

/** The conventions that are fixed multiples of α_k. */
export type ScaledConvention = Exclude<Convention, 'physicists'>;

// ---------- floating point ----------
// √k! enters as mantissa·2^exponent, so nothing overflows in between for k in the thousands;
// 0 or ±Infinity appear only when the result itself is out of the double range.

/**
 * The coefficient in `convention` from x = α_k: u_k = α_k/√k!, c_k = α_k·√k! (√3! = √6 below).
 * @example fromOrthonormal('raw', 3, 1) // 2.449489742783178
 */
export function fromOrthonormal(convention: ScaledConvention, k: number, x: number): number {
  switch (convention) {
    case 'orthonormal':
      return x;
    case 'probabilists':
      return divideBySqrtFactorial(x, k);
    case 'raw':
      return multiplyBySqrtFactorial(x, k);
  }
}

/**
 * b_k = 2^{−k/2}·x/√k! from x = α_k(g), g(x) = σ(x/√2) (an orthonormal coefficient of g, not of σ).
 * @example physicistsFromOrthonormal(2, 1) // 0.35355339059327373
 */
export function physicistsFromOrthonormal(k: number, x: number): number {
  return divideBySqrtFactorial(x, k) * 2 ** (-k / 2);
}

// ---------- exact ----------

const SQRT_FACTORIALS: ExactScalar[] = [];
/** √k!, memoised (its reduction factors k!). */
function sqrtFactorial(k: number): ExactScalar {
  return (SQRT_FACTORIALS[k] ??= ExactScalar.sqrtFactorial(k));
}

/**
 * The exact coefficient in `convention` from the exact raw coefficient c_k: α_k = c_k/√k!, u_k = c_k/k!.
 * @example exactInConvention(ExactScalar.rational(Rational.of(6)), 'orthonormal', 3).toString() // 'sqrt(6)'
 */
export function exactInConvention(raw: ExactScalar, convention: ScaledConvention, k: number): ExactScalar {
  switch (convention) {
    case 'raw':
      return raw;
    case 'orthonormal':
      return raw.div(sqrtFactorial(k));
    case 'probabilists':
      return raw.scale(Rational.of(1n, factorial(k)));
  }
}

/**
 * Physicists' coefficients b_0..b_K (all when K is omitted) of the polynomial Σ_k u_k He_k: with
 * c_k = k!·u_k, b_j = Σ_i (−1/4)^i·c_{j+2i}/(2^j·j!·i!). O(K·degree) integer work.
 * He_2 = H_2/4 − 1/2:
 * @example physicistsFromProbabilists([Rational.ZERO, Rational.ZERO, Rational.ONE]).map(String) // ['-1/2', '0', '1/4']
 */
export function physicistsFromProbabilists(u: readonly Rational[], K = u.length - 1): Rational[] {
  if (u.length === 0) return [];
  // over a common denominator: u_k = U_k/D, and (j+2i)!/(j!·i!) is an integer
  const { numerators: U, denominator: D } = overCommonDenominator(u);
  const out: Rational[] = [];
  for (let j = 0; j <= K && j < U.length; j++) {
    const N = Math.floor((U.length - 1 - j) / 2);
    let sum = 0n;
    // ratio = (j+2i)!/(j!·i!), updated from i − 1 to i by (j+2i−1)(j+2i)/i
    let ratio = 1n;
    for (let i = 0; i <= N; i++) {
      if (i > 0) ratio = (ratio * BigInt(j + 2 * i - 1) * BigInt(j + 2 * i)) / BigInt(i);
      const Uk = U[j + 2 * i]!;
      if (Uk === 0n) continue;
      const term = (Uk * ratio) << BigInt(2 * (N - i));
      sum += i % 2 === 0 ? term : -term;
    }
    out.push(reduceOver(sum, D << BigInt(j + 2 * N)));
  }
  return polyTrim(out);
}
