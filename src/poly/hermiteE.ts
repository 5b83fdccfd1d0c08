/**
 * The probabilists' Hermite basis He_k (numpy.polynomial.hermite_e):
 *
 *     He_0 = 1, He_1 = z, He_{k+1} = z·He_k − k·He_{k−1},
 *     E[He_j He_k] = k!·δ_jk  for z ~ N(0, 1).
 *
 * A coefficient vector u (lowest index first, trimmed) stands for Σ_k u_k He_k, so
 * u_k = E[p·He_k]/k!  — the "probabilists'" convention of this project. The basis change is
 * the shared one of threeTermBasis.ts (a = 1, c_k = k); the linearisation is He's own.
 */

import { overCommonDenominator } from '../exact/commonDenominator.js';
import { Rational } from '../exact/rational.js';
import { type Polynomial, polyTrim } from './polynomial.js';
import { ThreeTermBasis } from './threeTermBasis.js';

const HE = new ThreeTermBasis({ name: 'herme', a: 1n, c: (k) => BigInt(k) });

/**
 * Probabilists' Hermite coefficients of a polynomial (numpy's poly2herme):
 * p = Σ_k u_k He_k with u_j = Σ_{n ≥ j, n − j even} p_n·C(n, j)·(n − j − 1)!!;
 * z + 2z² + 3z³ = 2 + 10 He_1 + 2 He_2 + 3 He_3.
 * @example hermeFromMonomials(polyFromInts([0, 1, 2, 3])).map(String) // ['2', '10', '2', '3']
 */
export function hermeFromMonomials(p: Polynomial): Rational[] {
  return HE.fromMonomials(p);
}

/**
 * Monomial coefficients of Σ_k u_k He_k (numpy's herme2poly); 1 + He_2 = z².
 * @example monomialsFromHerme(polyFromInts([1, 0, 1])).map(String) // ['0', '0', '1']
 */
export function monomialsFromHerme(u: readonly Rational[]): Polynomial {
  return HE.toMonomials(u);
}

/**
 * Monomial coefficients of He_k (memoised): He_4 = z⁴ − 6z² + 3.
 * @example hermePolynomial(4).map(String) // ['3', '0', '-6', '0', '1']
 */
export function hermePolynomial(k: number): Polynomial {
  return HE.polynomial(k);
}

/** BigInt(k) for small k, cached (the linearisation multiplies by indices a lot). */
const smallInts: bigint[] = [];
function big(k: number): bigint {
  for (let j = smallInts.length; j <= k; j++) smallInts.push(BigInt(j));
  return smallInts[k] as bigint;
}

/**
 * Product in the He basis by the linearisation formula
 * He_m·He_n = Σ_{r=0}^{min(m,n)} C(m, r)·C(n, r)·r!·He_{m+n−2r}; He_3² = He_6 + 9 He_4 + 18 He_2 + 6.
 * @example hermeMul(polyFromInts([0, 0, 0, 1]), polyFromInts([0, 0, 0, 1])).map(String) // ['6', '0', '18', '0', '9', '0', '1']
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
