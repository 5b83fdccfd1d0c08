/**
 * Square roots of ExactScalars, for printing norms ‖σ‖ = √E[σ²].
 *
 * A single term x = q·√r·π^{h/2}·e^{s} (q > 0, no Φ factor) has
 * √x = (q²r)^{1/4}·π^{h/4}·e^{s/2}. Writing the numerator and denominator of q²r as o⁴·w²·f
 * (f squarefree) gives √x = (o_N/o_D)·√(w_N/w_D)·π^{⌊h/2⌋/2}·e^{s/2}·(f_N/f_D)^{1/4}·π^{±1/4}:
 * an ExactScalar when no fourth root is left (relu: √(1/2) = 1/sqrt(2)), else that ExactScalar
 * times a fourth root (exp(−z²): √(1/√5) = 1/5^(1/4)). Anything else is printed sqrt(x).
 */

import { Rational } from './rational.js';
import { ExactScalar } from './scalar.js';
import { squarefreeDecomposition } from './squarefree.js';

/** n = o⁴·w²·f with f squarefree (and w squarefree): fourth-power extraction. */
function fourthPowerParts(n: bigint): { o: bigint; w: bigint; f: bigint } {
  const first = squarefreeDecomposition(n); // n = outside²·radicand
  const second = squarefreeDecomposition(first.outside); // outside = o²·w
  return { o: second.outside, w: second.radicand, f: first.radicand };
}

interface Root {
  /** The ExactScalar part. */
  readonly exact: ExactScalar;
  /** Fourth-root factors upstairs and downstairs ('pi' for π). */
  readonly num: readonly string[];
  readonly den: readonly string[];
}

function rootOfTerm(x: ExactScalar): Root | null {
  if (!x.isSingleTerm() || x.hasNormalCdf()) return null;
  const t = x.terms()[0]!;
  if (t.q.sign() <= 0) return null;
  const q2r = t.q.mul(t.q).mul(Rational.of(t.r));
  const N = fourthPowerParts(q2r.num);
  const D = fourthPowerParts(q2r.den);
  const odd = t.h % 2 !== 0;
  const piHalfPower = odd ? (t.h - Math.sign(t.h)) / 2 : t.h / 2;
  const exact = ExactScalar.rational(Rational.of(N.o, D.o))
    .mul(ExactScalar.sqrtRational(Rational.of(N.w, D.w)))
    .mul(ExactScalar.piPower(piHalfPower))
    .mul(ExactScalar.expRational(t.s.div(Rational.of(2))));
  const num: string[] = [];
  const den: string[] = [];
  if (N.f !== 1n) num.push(N.f.toString());
  if (D.f !== 1n) den.push(D.f.toString());
  if (odd) (t.h > 0 ? num : den).push('pi');
  return { exact, num, den };
}

/** √x as an ExactScalar when it is one (x a single term, see the file comment), else null. */
export function sqrtScalarExact(x: ExactScalar): ExactScalar | null {
  if (x.isZero()) return ExactScalar.zero();
  const root = rootOfTerm(x);
  return root && root.num.length === 0 && root.den.length === 0 ? root.exact : null;
}

const fourthRoot = (factors: readonly string[]): string => (factors.length === 1 ? `${factors[0]}^(1/4)` : `(${factors.join('*')})^(1/4)`);

/**
 * √x in mathjs syntax, x ≥ 0: "1/sqrt(2)", "exp(1)", "1/5^(1/4)", "sqrt(3)/5/5^(1/4)",
 * "3^(1/4)*sqrt(7/pi)/4" (operators left to right: the fourth roots multiply the whole), or
 * "sqrt(2 - 2*Phi(1) - …)" for a sum or a term with a Φ factor.
 */
export function sqrtScalarText(x: ExactScalar): string {
  if (x.isZero()) return '0';
  const root = rootOfTerm(x);
  if (!root) return `sqrt(${x.toString()})`;
  const exact = root.exact.toString();
  if (root.num.length === 0 && root.den.length === 0) return exact;
  const top = root.num.length === 0 ? exact : exact === '1' ? fourthRoot(root.num) : `${fourthRoot(root.num)}*${exact}`;
  return root.den.length === 0 ? top : `${top}/${fourthRoot(root.den)}`;
}
