/**
 * Kronecker's factor search over ℚ, exact: a factor g of degree k of a primitive integer
 * polynomial P takes integer values g(x_i) that divide P(x_i) at k + 1 integer points, and is the
 * interpolant of those values; trying every choice of divisors finds it or proves there is none.
 * Used for small degrees (a factorisation of a polynomial of degree ≤ 7 has a factor of degree
 * ≤ 3), so that an irreducible defining polynomial is proven irreducible by our own arithmetic.
 */
import { Rational } from '../exact/rational.js';
import { polyDegree, polyEvalRational, polyTrim, type Polynomial } from '../poly/polynomial.js';
import { divisors, polyDivMod, polyMonic, primitiveIntegerForm } from './univariate.js';

/** The polynomial of degree ≤ k through (x_i, y_i), i = 0..k (Lagrange, exact). */
function interpolate(xs: readonly bigint[], ys: readonly bigint[]): Rational[] {
  let result: Rational[] = [];
  for (let i = 0; i < xs.length; i++) {
    let basis: Rational[] = [Rational.ONE];
    let denominator = 1n;
    for (let j = 0; j < xs.length; j++) {
      if (j === i) continue;
      // basis *= (x − x_j)
      const next: Rational[] = Array.from({ length: basis.length + 1 }, () => Rational.ZERO);
      basis.forEach((c, m) => {
        next[m + 1] = next[m + 1]!.add(c);
        next[m] = next[m]!.sub(c.mul(Rational.of(xs[j]!)));
      });
      basis = next;
      denominator *= xs[i]! - xs[j]!;
    }
    const scale = Rational.of(ys[i]!, denominator);
    const term = basis.map((c) => c.mul(scale));
    result = Array.from({ length: Math.max(result.length, term.length) }, (_, m) => (result[m] ?? Rational.ZERO).add(term[m] ?? Rational.ZERO));
  }
  return polyTrim(result);
}

/**
 * A monic factor of p of degree 1..⌊deg/2⌋, or null when p is irreducible over ℚ; undefined when
 * the search would exceed `budget` candidate interpolants (then nothing is proven).
 * @example kroneckerFactor(polyFromInts([8505, 4725, 1350, 222, 21, 1])).map(String) // ['27', '6', '1']
 * @example kroneckerFactor(polyFromInts([315, 105, 15, 1])) // null
 */
export function kroneckerFactor(p: Polynomial, budget = 20_000): Rational[] | null | undefined {
  const n = polyDegree(p);
  if (n <= 1) return null;
  const integer = primitiveIntegerForm(p);
  const P: Polynomial = integer.map((c) => Rational.of(c));
  // integer points where P ≠ 0, smallest |P| first (fewer divisors to try)
  const points: { x: bigint; v: bigint }[] = [];
  for (let x = -12; x <= 12; x++) {
    const v = polyEvalRational(P, Rational.of(x));
    if (!v.isZero()) points.push({ x: BigInt(x), v: v.num });
  }
  points.sort((a, b) => ((a.v < 0n ? -a.v : a.v) < (b.v < 0n ? -b.v : b.v) ? -1 : 1));
  let tried = 0;
  for (let k = 1; k <= Math.floor(n / 2); k++) {
    if (points.length < k + 1) return undefined;
    const chosen = points.slice(0, k + 1);
    if (chosen.some((pt) => (pt.v < 0n ? -pt.v : pt.v) > 10n ** 14n)) return undefined; // too large to enumerate
    const options = chosen.map((pt, i) => {
      const ds = divisors(pt.v);
      return i === 0 ? ds : [...ds, ...ds.map((d) => -d)]; // g(x_0) > 0 without loss of generality (±g)
    });
    const total = options.reduce((t, o) => t * o.length, 1);
    if (tried + total > budget) return undefined;
    tried += total;
    const index = new Array<number>(k + 1).fill(0);
    for (let count = 0; count < total; count++) {
      const g = interpolate(
        chosen.map((c) => c.x),
        index.map((j, i) => options[i]![j]!),
      );
      if (polyDegree(g) === k && polyDivMod(P, g).remainder.every((c) => c.isZero())) return polyMonic(g);
      for (let i = 0; i <= k; i++) {
        if (++index[i]! < options[i]!.length) break;
        index[i] = 0;
      }
    }
  }
  return null;
}
