/**
 * Exact Gaussian integrals of polynomial × Gaussian pieces on intervals with rational ends:
 *
 *     E[P(z)·e^{az − sz²}·1{lo < z < hi}],   z ~ N(0,1), P rational, a, s ≥ 0 rational,
 *
 * the building block of the closed-form coefficients of p(z)·exp(az − sz²) and of the shifted
 * kinks, and of the exact norms. Completing the square (T = 1 + 2s, t = √T, μ = a/T):
 *
 *     az − (1+2s)z²/2 = −(T/2)(z − μ)² + a²/(2T),  so with z = μ + y/t, y ~ N(0,1):
 *     E[P(z)e^{az−sz²}1{z ∈ I}] = t^{−1}·e^{a²/(2T)}·E[P(μ + y/t)·1{y ∈ t(I − μ)}].
 *
 * On the whole line this is t^{−1}e^{a²/(2T)}·Σ_m P_m·E[X^m], X ~ N(μ, 1/T) (rational moments).
 * On a half-line or interval the ends t(lo − μ) must be rational, i.e. T a rational square;
 * otherwise the integral is not of ExactScalar shape (null). The half-line moments
 * U_n(c) = ∫_c^∞ yⁿφ(y)dy obey U_0 = 1 − Φ(c), U_1 = φ(c), U_n = c^{n−1}φ(c) + (n−1)U_{n−2}
 * (integration by parts with φ' = −yφ), Φ kept as an exact symbol (ExactScalar.normalCdf).
 */
import { ExactScalar } from '../exact/scalar.js';
import { Rational, doubleFactorial } from '../exact/rational.js';
import { isqrt } from '../exact/primes.js';
import { polyAdd, polyMul, type Polynomial } from '../poly/polynomial.js';

/** φ(b) = e^{−b²/2}/√(2π) for a rational b. */
export function normalDensity(b: Rational): ExactScalar {
  return ExactScalar.expRational(b.mul(b).div(Rational.of(-2)))
    .mul(ExactScalar.sqrtRational(Rational.of(1, 2)))
    .mul(ExactScalar.piPower(-1));
}

/** 1 − Φ(b) = P(z > b). */
export function upperTail(b: Rational): ExactScalar {
  return ExactScalar.one().sub(ExactScalar.normalCdf(b));
}

/** He_0(b), …, He_n(b) for a rational b (He_{k+1} = b·He_k − k·He_{k−1}). */
export function hermeValues(b: Rational, n: number): Rational[] {
  const out: Rational[] = [Rational.ONE];
  if (n >= 1) out.push(b);
  for (let k = 1; k < n; k++) out.push(b.mul(out[k]!).sub(Rational.of(k).mul(out[k - 1]!)));
  return out;
}

/** E[X^m], m = 0..n, for X ~ N(μ, v): M_m = μ·M_{m−1} + (m−1)·v·M_{m−2}. */
export function gaussianMoments(mu: Rational, v: Rational, n: number): Rational[] {
  const out: Rational[] = [Rational.ONE];
  if (n >= 1) out.push(mu);
  for (let m = 2; m <= n; m++)
    out.push(
      mu.mul(out[m - 1]!).add(
        Rational.of(m - 1)
          .mul(v)
          .mul(out[m - 2]!),
      ),
    );
  return out;
}

/** U_j(c) = ∫_c^∞ y^j φ(y) dy for j = 0..n. */
export function halfLineMoments(c: Rational, n: number): ExactScalar[] {
  const density = normalDensity(c);
  const out: ExactScalar[] = [upperTail(c)];
  if (n >= 1) out.push(density);
  for (let j = 2; j <= n; j++) out.push(density.scale(c.pow(j - 1)).add(out[j - 2]!.scale(Rational.of(j - 1))));
  return out;
}

/** √q when q ≥ 0 is the square of a rational, else null. */
export function rationalSqrt(q: Rational): Rational | null {
  if (q.sign() < 0) return null;
  const a = isqrt(q.num);
  const b = isqrt(q.den);
  return a * a === q.num && b * b === q.den ? Rational.of(a, b) : null;
}

/** An interval (lo, hi) of the line; null ends are −∞ / +∞. */
export interface Interval {
  readonly lo: Rational | null;
  readonly hi: Rational | null;
}

export const WHOLE_LINE: Interval = { lo: null, hi: null };

/** Σ_m P_m·E[X^m] for X ~ N(μ, v). */
function polynomialMean(P: Polynomial, mu: Rational, v: Rational): Rational {
  const M = gaussianMoments(mu, v, P.length - 1);
  let sum = Rational.ZERO;
  P.forEach((pm, m) => {
    if (!pm.isZero()) sum = sum.add(pm.mul(M[m]!));
  });
  return sum;
}

/** The Gaussian prefactor t^{−1}·e^{a²/(2T)}, T = 1 + 2s. */
export function gaussianPrefactor(a: Rational, s: Rational): ExactScalar {
  const T = Rational.ONE.add(s.mul(Rational.of(2)));
  return ExactScalar.sqrtRational(T.inv()).mul(ExactScalar.expRational(a.mul(a).div(T.mul(Rational.of(2)))));
}

/**
 * E[P(z)·e^{az − sz²}] over the whole line, as the rational R with value prefactor·R
 * (see gaussianPrefactor): R = E[P(X)], X ~ N(a/T, 1/T).
 */
export function gaussianMeanRational(P: Polynomial, a: Rational, s: Rational): Rational {
  const T = Rational.ONE.add(s.mul(Rational.of(2)));
  return polynomialMean(P, a.div(T), T.inv());
}

/**
 * E[P(z)·e^{az − sz²}·1{lo < z < hi}] exactly, or null when an end is finite and 1 + 2s is
 * not a rational square (the Gaussian CDF would be needed at an irrational point).
 */
export function gaussianExpectation(P: Polynomial, a: Rational, s: Rational, interval: Interval): ExactScalar | null {
  if (s.sign() < 0) throw new RangeError('gaussianExpectation needs s ≥ 0');
  if (P.length === 0) return ExactScalar.zero();
  if (interval.lo !== null && interval.hi !== null && interval.lo.compare(interval.hi) >= 0) return ExactScalar.zero();
  const prefactor = gaussianPrefactor(a, s);
  if (interval.lo === null && interval.hi === null) return prefactor.scale(gaussianMeanRational(P, a, s));
  const T = Rational.ONE.add(s.mul(Rational.of(2)));
  const t = rationalSqrt(T);
  if (t === null) return null;
  const mu = a.div(T);
  // Q(y) = P(μ + y/t) by Horner's scheme
  const shift: Polynomial = [mu, t.inv()];
  let Q: Polynomial = [];
  for (let m = P.length - 1; m >= 0; m--) Q = polyAdd(polyMul(Q, shift), P[m]!.isZero() ? [] : [P[m]!]);
  const n = Q.length - 1;
  const lower = interval.lo === null ? null : halfLineMoments(t.mul(interval.lo.sub(mu)), n);
  const upper = interval.hi === null ? null : halfLineMoments(t.mul(interval.hi.sub(mu)), n);
  let sum = ExactScalar.zero();
  for (let j = 0; j <= n; j++) {
    const qj = Q[j]!;
    if (qj.isZero()) continue;
    // ∫_L^H y^j φ = U_j(L) − U_j(H), with U_j(−∞) = E[y^j] and U_j(+∞) = 0
    const fromLo = lower ? lower[j]! : ExactScalar.rational(j % 2 === 0 ? Rational.of(doubleFactorial(j - 1)) : Rational.ZERO);
    const piece = upper ? fromLo.sub(upper[j]!) : fromLo;
    sum = sum.add(piece.scale(qj));
  }
  return prefactor.mul(sum);
}
