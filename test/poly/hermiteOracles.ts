/**
 * Independent routes between Hermite conventions, used only as oracles in tests (src converts
 * through src/analysis/conventions.ts).
 */
import { Rational, factorial } from '../../src/exact/rational.js';
import { ExactScalar } from '../../src/exact/scalar.js';
import { hermeFromMonomials } from '../../src/poly/hermiteE.js';
import { monomialsFromHerm } from '../../src/poly/hermiteH.js';

/** c_k = k!·u_k. */
export function rawFromProbabilists(u: readonly Rational[]): Rational[] {
  return u.map((x, k) => x.mul(Rational.of(factorial(k))));
}

/** u from b through the monomials: Σ b_k H_k → p → Σ u_k He_k. */
export function probabilistsFromPhysicists(b: readonly Rational[]): Rational[] {
  return hermeFromMonomials(monomialsFromHerm(b));
}

/**
 * b_j = 1/(2^j j!)·Σ_i (−1/4)^i c_{j+2i}/i! term by term in exact scalars, for raw coefficients
 * c_0..c_{N−1} of a polynomial of degree < N.
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
