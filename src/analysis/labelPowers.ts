/**
 * Label powers p_i = IE(E[y^i | z]) (docs/theory.md §3). Noiseless, E[y^i | z] = σ(z)^i.
 * With Gaussian label noise of variance Δ, y = σ(z) + √Δ·ε and
 * E[y^i | z] = Σ_{j even ≤ i} C(i, j)·Δ^{j/2}·(j−1)!!·σ(z)^{i−j}.
 */
import { Rational, binomial, doubleFactorial } from '../exact/rational.js';
import { binary, num, type Expr } from '../expr/tree.js';

/**
 * The tree of E[y^i | z] for link `sigma` and noise variance `noise` (0 when noiseless).
 * `withConstant: false` leaves out the constant term Δ^{i/2}(i−1)!! (even i), which moves α_0 only:
 * the exponents are read on the rest, where a huge Δ does not drown the z-dependence in rounding.
 * @example exprToString(conditionalLabelMoment(parseLink('z'), 2, Rational.of(1, 10))) // 'z^2 + 1/10'
 */
export function conditionalLabelMoment(sigma: Expr, i: number, noise: Rational = Rational.ZERO, withConstant = true): Expr {
  const powerOf = (n: number): Expr => (n === 0 ? num(Rational.ONE) : n === 1 ? sigma : binary('pow', sigma, num(Rational.of(n))));
  let acc: Expr = powerOf(i);
  if (noise.isZero()) return acc;
  for (let j = 2; j <= i; j += 2) {
    const weight = Rational.of(binomial(i, j))
      .mul(noise.pow(j / 2))
      .mul(Rational.of(doubleFactorial(j - 1)));
    if (i === j && !withConstant) continue;
    acc = binary('add', acc, i === j ? num(weight) : binary('mul', num(weight), powerOf(i - j)));
  }
  return acc;
}
