/**
 * The four coefficient conventions of docs/theory.md §2: orthonormal α_k = E[σ h_k]
 * (h_k = He_k/√k!), probabilists u_k = E[σ He_k]/k! = α_k/√k!, raw c_k = E[σ He_k] = α_k·√k!,
 * and physicists b_k with σ(z) = Σ b_k H_k(z), H_k(z) = 2^{k/2} He_k(√2 z) (Mathematica's HermiteH).
 *
 * The physicists' coefficients are those of a different weight (e^{−z²}); with g(x) = σ(x/√2),
 * b_k = ∫σ H_k e^{−z²}dz/(√π 2^k k!) = 2^{−k/2}·u_k(g). Their zeros are not those of α_k:
 * exponents are always decided on α_k.
 */
import { ExactScalar } from '../exact/scalar.js';
import { Rational, factorial } from '../exact/rational.js';
import { divideBySqrtFactorial, multiplyBySqrtFactorial } from '../exact/factorialFloat.js';

export type Convention = 'orthonormal' | 'probabilists' | 'raw' | 'physicists';
export const CONVENTIONS: readonly Convention[] = ['orthonormal', 'probabilists', 'raw', 'physicists'];

/** The conventions that are fixed multiples of α_k. */
export type ScaledConvention = Exclude<Convention, 'physicists'>;

/** The coefficient in `convention` from an orthonormal value x = α_k (√k! scaled without overflow). */
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

/** b_k = 2^{−k/2}·α_k(g)/√k! from x = α_k(g), g(x) = σ(x/√2). */
export function physicistsFromOrthonormal(k: number, x: number): number {
  return divideBySqrtFactorial(x, k) * Math.pow(2, -k / 2);
}

const SQRT_FACTORIALS: ExactScalar[] = [];
/** √k!, memoised (its reduction factors k!). */
function sqrtFactorial(k: number): ExactScalar {
  return (SQRT_FACTORIALS[k] ??= ExactScalar.sqrtFactorial(k));
}

/** The exact coefficient in `convention` from the exact raw coefficient c_k. */
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
