/**
 * Closed-form families with a symbolic scale: σ = f(s·z), s ∈ ℚ[θ] a polynomial in the parameters,
 * f ∈ {exp, sin, cos, erf, relu, sign}. Raw coefficients c_k = E[f(sz) He_k(z)] (docs/theory.md §9),
 * from E[e^{tz} He_k] = t^k e^{t²/2}, Stein's lemma E[g He_k] = E[g′ He_{k−1}] and
 * E[e^{−bz²} He_{2j}] = (1 + 2b)^{−1/2}·(−b/(1 + 2b))^j·(2j)!/j!:
 *
 *   exp(sz)   c_k = s^k·e^{s²/2}
 *   sin(sz)   c_k = (−1)^{(k−1)/2}·s^k·e^{−s²/2}              (k odd; 0 for even k)
 *   cos(sz)   c_k = (−1)^{k/2}·s^k·e^{−s²/2}                  (k even; 0 for odd k)
 *   erf(sz)   c_{2j+1} = (2/√π)·(−1)^j·(2j)!/j!·s^{2j+1}·(1 + 2s²)^{−j−1/2}
 *   sign(sz)  c_{2j+1} = sign(s)·√(2/π)·(−1)^j·(2j − 1)!!
 *   relu(sz)  c_0 = |s|/√(2π), c_1 = s/2, c_k = |s|·(−1)^{k/2−1}·(k − 3)!!/√(2π) (k ≥ 2 even)
 *
 * (relu(sz) = |s|·relu(±z) and relu(−z) = relu(z) − z.) Every c_k with k = 1 (k = 2 for cos) is
 * nonzero exactly when s ≠ 0, and at s = 0 the link is the constant f(0).
 */
import { ExactScalar } from '../exact/scalar.js';
import { Rational, doubleFactorial, factorial } from '../exact/rational.js';
import type { Convention } from '../analysis/conventions.js';
import type { Expr } from '../expr/tree.js';
import { MPoly } from './mpoly.js';
import { zPolynomialOf } from './zpoly.js';

export type ScaledFamily = 'exp' | 'sin' | 'cos' | 'erf' | 'relu' | 'sign';
const FAMILIES: readonly string[] = ['exp', 'sin', 'cos', 'erf', 'relu', 'sign'];

/** f(s·z) recognised: the family and the scale s (not a constant). */
export interface ScaledLink {
  readonly family: ScaledFamily;
  readonly scale: MPoly;
}

/**
 * The family and scale of σ = f(s·z), or null.
 * @example scaledLinkOf(parseLink('sin(2*a*z)', { freeParameters: true })).scale.toString() // '2*a'
 */
export function scaledLinkOf(e: Expr): ScaledLink | null {
  if (e.kind !== 'call' || e.args.length !== 1 || !FAMILIES.includes(e.fn)) return null;
  const arg = zPolynomialOf(e.args[0]!);
  if (arg === null || arg.length !== 2 || !arg[0]!.isZero() || arg[1]!.constantValue() !== null) return null;
  return { family: e.fn as ScaledFamily, scale: arg[1]! };
}

/** c_k = constant·(s-part)·(transcendental part); null parts are 1. */
interface RawTerm {
  readonly constant: ExactScalar;
  /** s^power, |s| or sign(s). */
  readonly scale: { readonly kind: 'power'; readonly power: number } | { readonly kind: 'abs' | 'sign' };
  /** e.g. 'exp(1/2*a^2)'. */
  readonly transcendental: string | null;
}

function wrap(p: MPoly): string {
  return p.termList().length > 1 ? `(${p.toString()})` : p.toString();
}

function rawTerm(f: ScaledLink, k: number): RawTerm | null {
  const s = f.scale;
  const half = s.mul(s).scale(Rational.of(1, 2));
  const q = (n: bigint | number) => ExactScalar.rational(Rational.of(n));
  const sign = (j: number) => (j % 2 === 0 ? 1n : -1n);
  switch (f.family) {
    case 'exp':
      return { constant: q(1), scale: { kind: 'power', power: k }, transcendental: `exp(${half.toString()})` };
    case 'sin':
      return k % 2 === 1 ? { constant: q(sign((k - 1) / 2)), scale: { kind: 'power', power: k }, transcendental: `exp(${half.neg().toString()})` } : null;
    case 'cos':
      return k % 2 === 0 ? { constant: q(sign(k / 2)), scale: { kind: 'power', power: k }, transcendental: `exp(${half.neg().toString()})` } : null;
    case 'erf': {
      if (k % 2 === 0) return null;
      const j = (k - 1) / 2;
      const c = q(sign(j) * 2n * (factorial(2 * j) / factorial(j))).mul(ExactScalar.piPower(-1));
      const base = wrap(s.mul(s).scale(Rational.of(2)).add(MPoly.ONE));
      return { constant: c, scale: { kind: 'power', power: k }, transcendental: `${base}^(-${2 * j + 1}/2)` };
    }
    case 'sign': {
      if (k % 2 === 0) return null;
      const j = (k - 1) / 2;
      const c = q(sign(j) * (j === 0 ? 1n : doubleFactorial(2 * j - 1)))
        .mul(ExactScalar.sqrtRational(Rational.of(2)))
        .mul(ExactScalar.piPower(-1));
      return { constant: c, scale: { kind: 'sign' }, transcendental: null };
    }
    case 'relu': {
      const invSqrt2Pi = ExactScalar.sqrtRational(Rational.of(1, 2)).mul(ExactScalar.piPower(-1));
      if (k === 0) return { constant: invSqrt2Pi, scale: { kind: 'abs' }, transcendental: null };
      if (k === 1) return { constant: q(1).scale(Rational.of(1, 2)), scale: { kind: 'power', power: 1 }, transcendental: null };
      if (k % 2 === 1) return null;
      return {
        constant: invSqrt2Pi.scale(Rational.of(sign(k / 2 - 1) * (k === 2 ? 1n : doubleFactorial(k - 3)))),
        scale: { kind: 'abs' },
        transcendental: null,
      };
    }
  }
}

/**
 * The coefficient in `convention` (orthonormal α_k = c_k/√k!, probabilists u_k = c_k/k!, raw c_k) as text, or '0'.
 * @example scaledCoefficient(scaledLinkOf(parseLink('exp(a*z)', { freeParameters: true })), 2, 'raw') // 'a^2*exp(1/2*a^2)'
 */
export function scaledCoefficient(f: ScaledLink, k: number, convention: Convention): string {
  const t = rawTerm(f, k);
  if (t === null) return '0';
  const divisor =
    convention === 'orthonormal'
      ? ExactScalar.sqrtFactorial(k)
      : convention === 'probabilists'
        ? ExactScalar.rational(Rational.of(factorial(k)))
        : ExactScalar.one();
  let constant = t.constant.div(divisor);
  let scalePart: string | null = null;
  if (t.scale.kind === 'power') {
    const p = f.scale.pow(t.scale.power);
    const terms = p.termList();
    if (terms.length === 1) {
      // a single term c·a^m: c goes into the constant, (2a)^3 = 8·a^3
      constant = constant.scale(terms[0]![1]);
      const rest = p.scale(terms[0]![1].inv());
      scalePart = rest.constantValue() === null ? rest.toString() : null;
    } else scalePart = wrap(p);
  } else scalePart = `${t.scale.kind}(${f.scale.toString()})`;
  const factors = [scalePart, t.transcendental].filter((x): x is string => x !== null);
  if (factors.length === 0) return constant.toString();
  if (constant.equals(ExactScalar.one())) return factors.join('*');
  if (constant.equals(ExactScalar.one().neg())) return `-${factors.join('*')}`;
  return [constant.toString(), ...factors].join('*');
}

/** The information exponent of f at s ≠ 0: 2 for the even cos, else 1. */
export function scaledInformationExponent(f: ScaledLink): number {
  return f.family === 'cos' ? 2 : 1;
}

/**
 * p_i = IE(f(sz)^i) for s ≠ 0 where it is derived (else null): exp(sz)^i = exp(isz) → 1; relu^i has
 * c_1 = ±|s|^i E[z^{i+1}; z > 0] ≠ 0 → 1; cos^i is a positive combination of cos(msz), whose c_2 = −m²s²e^{−m²s²/2}
 * share one sign → 2; sign^i is sign (odd i, 1) or the constant 1 (even i, 'constant').
 */
export function scaledLabelPower(f: ScaledLink, i: number): number | 'constant' | null {
  if (i === 1) return scaledInformationExponent(f);
  switch (f.family) {
    case 'exp':
    case 'relu':
      return 1;
    case 'cos':
      return 2;
    case 'sign':
      return i % 2 === 1 ? 1 : 'constant';
    default:
      return null;
  }
}
