/**
 * Closed-form families: a link that is a finite sum Σ c_j·A_j of exact constants c_j times
 * atoms A_j ∈ {rational polynomial, exp(az), sin(az), cos(az), erf(az), sign, relu, |z|}
 * gets exact raw coefficients c_k = E[σ·He_k] (../shared/THEORY.md §2).
 */
import { ExactScalar } from '../exact/scalar.js';
import { Rational, doubleFactorial, factorial } from '../exact/rational.js';
import { hermeFromMonomials } from '../poly/hermiteE.js';
import { polyDegree, polyFromInts, polyMonomial, type Polynomial } from '../poly/polynomial.js';
import { exprToPolynomial } from '../expr/toPolynomial.js';
import { binary, call, type Expr } from '../expr/tree.js';
import { exactConstant } from './exactConstant.js';

export type Atom =
  | { readonly family: 'polynomial'; readonly polynomial: Polynomial }
  | { readonly family: 'exp' | 'sin' | 'cos' | 'erf'; readonly scale: Rational }
  | { readonly family: 'sign' | 'relu' | 'abs' };

export interface Term {
  readonly coefficient: ExactScalar;
  readonly atom: Atom;
}

/** σ = Σ coefficient·atom. */
export type ClosedForm = readonly Term[];

const one = () => ExactScalar.rational(Rational.ONE);
const poly = (p: Polynomial): Atom => ({ family: 'polynomial', polynomial: p });

/**
 * Decompose σ into closed-form atoms, or null when it is not such a sum.
 * @example closedFormOf(parseLink('relu(z) - 2*erf(z)')) // [1·relu, −2·erf(1·z)]
 */
export function closedFormOf(e: Expr): ClosedForm | null {
  const p = exprToPolynomial(e);
  if (p) return [{ coefficient: one(), atom: poly(p) }];
  const c = exactConstant(e);
  if (c) return [{ coefficient: c, atom: poly([Rational.ONE]) }];
  switch (e.kind) {
    case 'number':
    case 'constant':
    case 'variable':
    case 'symbol':
    case 'hermite':
      return null;
    case 'neg':
      return scaleForm(closedFormOf(e.arg), ExactScalar.rational(Rational.ONE.neg()));
    case 'add':
    case 'sub': {
      const a = closedFormOf(e.left);
      const b = a && closedFormOf(e.right);
      if (!a || !b) return null;
      return e.kind === 'add' ? [...a, ...b] : [...a, ...scaleForm(b, ExactScalar.rational(Rational.ONE.neg()))!];
    }
    case 'mul': {
      const cl = exactConstant(e.left);
      if (cl) return scaleForm(closedFormOf(e.right), cl);
      const cr = exactConstant(e.right);
      if (cr) return scaleForm(closedFormOf(e.left), cr);
      return productOfExponentials(closedFormOf(e.left), closedFormOf(e.right));
    }
    case 'div': {
      const c = exactConstant(e.right);
      if (!c || !c.isSingleTerm() || c.isZero()) return null;
      return scaleForm(closedFormOf(e.left), one().div(c));
    }
    case 'pow':
      return power(e.left, e.right);
    case 'call':
      return callForm(e.fn, e.args);
  }
}

function scaleForm(form: ClosedForm | null, c: ExactScalar): ClosedForm | null {
  return form && form.map((t) => ({ coefficient: t.coefficient.mul(c), atom: t.atom }));
}

/** exp(az)·exp(bz) = exp((a+b)z). */
function productOfExponentials(a: ClosedForm | null, b: ClosedForm | null): ClosedForm | null {
  if (!a || !b || a.length !== 1 || b.length !== 1) return null;
  const [ta, tb] = [a[0]!, b[0]!];
  if (ta.atom.family !== 'exp' || tb.atom.family !== 'exp') return null;
  return [{ coefficient: ta.coefficient.mul(tb.coefficient), atom: { family: 'exp', scale: ta.atom.scale.add(tb.atom.scale) } }];
}

/** exp(az)^n = exp(naz); |az|^{2m} = a^{2m}z^{2m}; sign(z)^n = sign(z) or 1 (a.e.). */
function power(base: Expr, exponent: Expr): ClosedForm | null {
  if (exponent.kind !== 'number' || !exponent.value.isInteger() || exponent.value.sign() <= 0) return null;
  const n = exponent.value.num;
  if (n > 1000n) return null;
  const form = closedFormOf(base);
  if (!form || form.length !== 1) return null;
  const t = form[0]!;
  const c = t.coefficient;
  if (!c.isSingleTerm()) return null;
  let cn = one();
  for (let i = 0n; i < n; i++) cn = cn.mul(c);
  switch (t.atom.family) {
    case 'exp':
      return [{ coefficient: cn, atom: { family: 'exp', scale: t.atom.scale.mul(Rational.of(n)) } }];
    case 'abs':
      if (n % 2n !== 0n) return null;
      return [{ coefficient: cn, atom: poly(polyMonomial(Number(n))) }];
    case 'sign':
      return [{ coefficient: cn, atom: n % 2n === 0n ? poly([Rational.ONE]) : t.atom }];
    default:
      return null;
  }
}

/** The argument as a·z with a rational and a ≠ 0, or null. */
function linearScale(arg: Expr): Rational | null {
  const p = exprToPolynomial(arg);
  if (!p || polyDegree(p) !== 1 || !p[0]!.isZero()) return null;
  return p[1]!;
}

function callForm(fn: string, args: readonly Expr[]): ClosedForm | null {
  if (fn === 'max' || fn === 'min') {
    // max(u, v) = v + relu(u − v);  min(u, v) = v − relu(v − u)
    const [u, v] = [args[0]!, args[1]!];
    const rest = closedFormOf(v);
    const kink = fn === 'max' ? closedFormOf(call('relu', binary('sub', u, v))) : scaleForm(closedFormOf(call('relu', binary('sub', v, u))), ExactScalar.rational(Rational.ONE.neg()));
    return rest && kink ? [...rest, ...kink] : null;
  }
  if (args.length !== 1) return null;
  const a = linearScale(args[0]!);
  if (!a) return exponentialOfAffine(fn, args[0]!);
  const abs = a.abs();
  const positive = a.sign() > 0;
  switch (fn) {
    case 'exp':
    case 'sin':
    case 'cos':
    case 'erf':
      return [{ coefficient: one(), atom: { family: fn, scale: a } }];
    case 'sinh':
    case 'cosh': {
      const half = ExactScalar.rational(Rational.of(1, 2));
      return [
        { coefficient: half, atom: { family: 'exp', scale: a } },
        { coefficient: fn === 'sinh' ? half.neg() : half, atom: { family: 'exp', scale: a.neg() } },
      ];
    }
    case 'sign':
      return [{ coefficient: ExactScalar.rational(Rational.of(positive ? 1 : -1)), atom: { family: 'sign' } }];
    case 'step':
      return [
        { coefficient: ExactScalar.rational(Rational.of(1, 2)), atom: poly([Rational.ONE]) },
        { coefficient: ExactScalar.rational(Rational.of(positive ? 1 : -1, 2)), atom: { family: 'sign' } },
      ];
    case 'abs':
      return [{ coefficient: ExactScalar.rational(abs), atom: { family: 'abs' } }];
    case 'relu':
      // relu(az) = |a|·relu(z) for a > 0, and |a|·(relu(z) − z) for a < 0
      return positive
        ? [{ coefficient: ExactScalar.rational(abs), atom: { family: 'relu' } }]
        : [
            { coefficient: ExactScalar.rational(abs), atom: { family: 'relu' } },
            { coefficient: ExactScalar.rational(abs.neg()), atom: poly(polyFromInts([0, 1])) },
          ];
    default:
      return null;
  }
}

/** exp(az + b) = e^b·exp(az) with a, b rational. */
function exponentialOfAffine(fn: string, arg: Expr): ClosedForm | null {
  if (fn !== 'exp') return null;
  const p = exprToPolynomial(arg);
  if (!p || polyDegree(p) !== 1) return null;
  return [{ coefficient: ExactScalar.expRational(p[0]!), atom: { family: 'exp', scale: p[1]! } }];
}

/** −1 to the power n. */
const alternating = (n: number): Rational => Rational.of(n % 2 === 0 ? 1 : -1);

/**
 * Raw coefficients c_k = E[A(z)·He_k(z)], k = 0..K, of one atom (../shared/THEORY.md §2):
 * exp(az): a^k e^{a²/2}; sin(az): odd k, (−1)^{(k−1)/2} a^k e^{−a²/2}; cos(az): even k,
 * (−1)^{k/2} a^k e^{−a²/2}; sign: odd k, √(2/π)(−1)^{(k−1)/2}(k−2)!!; relu: c_0 = 1/√(2π),
 * c_1 = 1/2, even k ≥ 2: (−1)^{(k−2)/2}(k−3)!!/√(2π); |z|: c_0 = √(2/π), even k ≥ 2:
 * √(2/π)(−1)^{(k−2)/2}(k−3)!!; erf(az): odd k, (2a/√(π(1+2a²)))(−2a²/(1+2a²))^{(k−1)/2}(k−2)!!.
 */
export function atomRawCoefficients(atom: Atom, maxDegree: number): ExactScalar[] {
  const out: ExactScalar[] = [];
  const zero = ExactScalar.zero();
  const sqrt2overPi = ExactScalar.sqrtRational(Rational.of(2)).mul(ExactScalar.piPower(-1));
  const inverseSqrt2Pi = ExactScalar.sqrtRational(Rational.of(1, 2)).mul(ExactScalar.piPower(-1));
  const u = atom.family === 'polynomial' ? hermeFromMonomials(atom.polynomial) : [];
  for (let k = 0; k <= maxDegree; k++) {
    const kOdd = k % 2 === 1;
    switch (atom.family) {
      case 'polynomial': {
        const uk = u[k];
        out.push(uk ? ExactScalar.rational(uk.mul(Rational.of(factorial(k)))) : zero);
        break;
      }
      case 'exp':
        out.push(ExactScalar.rational(atom.scale.pow(k)).mul(ExactScalar.expRational(atom.scale.mul(atom.scale).div(Rational.of(2)))));
        break;
      case 'sin':
      case 'cos': {
        const wanted = atom.family === 'sin' ? kOdd : !kOdd;
        const sign = alternating(atom.family === 'sin' ? (k - 1) / 2 : k / 2);
        out.push(wanted ? ExactScalar.rational(sign.mul(atom.scale.pow(k))).mul(ExactScalar.expRational(atom.scale.mul(atom.scale).div(Rational.of(-2)))) : zero);
        break;
      }
      case 'sign':
        out.push(kOdd ? sqrt2overPi.scale(alternating((k - 1) / 2).mul(Rational.of(doubleFactorial(k - 2)))) : zero);
        break;
      case 'relu':
        if (k === 0) out.push(inverseSqrt2Pi);
        else if (k === 1) out.push(ExactScalar.rational(Rational.of(1, 2)));
        else out.push(kOdd ? zero : inverseSqrt2Pi.scale(alternating((k - 2) / 2).mul(Rational.of(doubleFactorial(k - 3)))));
        break;
      case 'abs':
        if (k === 0) out.push(sqrt2overPi);
        else out.push(kOdd ? zero : sqrt2overPi.scale(alternating((k - 2) / 2).mul(Rational.of(doubleFactorial(k - 3)))));
        break;
      case 'erf': {
        if (!kOdd) {
          out.push(zero);
          break;
        }
        const a = atom.scale;
        const s = Rational.ONE.add(a.mul(a).mul(Rational.of(2)));
        const ratio = a.mul(a).mul(Rational.of(-2)).div(s);
        const rational = a.mul(Rational.of(2)).mul(ratio.pow((k - 1) / 2)).mul(Rational.of(doubleFactorial(k - 2)));
        out.push(ExactScalar.sqrtRational(s.inv()).mul(ExactScalar.piPower(-1)).scale(rational));
        break;
      }
    }
  }
  return out;
}

/** Raw coefficients c_k = E[σ He_k], k = 0..K, of a closed form, exactly. */
export function closedFormRawCoefficients(form: ClosedForm, maxDegree: number): ExactScalar[] {
  const total = new Array<ExactScalar>(maxDegree + 1).fill(ExactScalar.zero());
  for (const term of form) {
    const c = atomRawCoefficients(term.atom, maxDegree);
    for (let k = 0; k <= maxDegree; k++) total[k] = total[k]!.add(term.coefficient.mul(c[k]!));
  }
  return total;
}
