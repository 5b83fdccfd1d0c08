/**
 * Closed-form families: a link that is a finite sum Σ c_j·A_j of exact constants c_j times
 * atoms A_j ∈ {rational polynomial, exp(az), sin(az), cos(az), erf(az), sign, relu, |z|,
 * p(z)·exp(az − sz²), step(z − b), relu(z − b)} gets exact raw coefficients c_k = E[σ·He_k]
 * (docs/theory.md §2); the shifted kinks carry the normal CDF Φ(b) as an exact symbol.
 */
import { ExactScalar } from '../exact/scalar.js';
import { Rational, doubleFactorial, factorial } from '../exact/rational.js';
import { hermeFromMonomials } from '../poly/hermiteE.js';
import { polyAdd, polyDegree, polyEquals, polyFromInts, polyMonomial, polyMul, type Polynomial } from '../poly/polynomial.js';
import { MAX_POLYNOMIAL_DEGREE, exprToPolynomial } from '../expr/toPolynomial.js';
import { binary, call, type Expr } from '../expr/tree.js';
import { exactConstant } from './exactConstant.js';
import { gaussianMeanRational, gaussianPrefactor, hermeValues, normalDensity, upperTail } from './gaussianIntegrals.js';

export type Atom =
  | { readonly family: 'polynomial'; readonly polynomial: Polynomial }
  | { readonly family: 'exp' | 'sin' | 'cos' | 'erf'; readonly scale: Rational }
  | { readonly family: 'sign' | 'relu' | 'abs' }
  /** p(z)·exp(linear·z − quadratic·z²), quadratic ≥ 0 (in L² for every p). */
  | { readonly family: 'gaussian'; readonly polynomial: Polynomial; readonly linear: Rational; readonly quadratic: Rational }
  /** stepAt: 1{z > at}; reluAt: (z − at)₊. */
  | { readonly family: 'stepAt' | 'reluAt'; readonly at: Rational };

/** Most terms a product or power of sums may expand to before the link is left to quadrature. */
const MAX_TERMS = 256;
/** Highest integer power of a sum of Gaussian-type atoms expanded exactly. */
const MAX_POWER = 64;

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
 * @example closedFormOf(parseLink('relu(z) - 2*erf(z)')).length // 2
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
      const left = closedFormOf(e.left);
      const right = left && closedFormOf(e.right);
      return productOfExponentials(left, right) ?? productOfGaussians(left, right);
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

/** p(z)·exp(az − sz²) as (p, a, s) for the atoms of that shape (polynomial, exp, gaussian), else null. */
function gaussianParts(atom: Atom): { p: Polynomial; a: Rational; s: Rational } | null {
  switch (atom.family) {
    case 'polynomial':
      return { p: atom.polynomial, a: Rational.ZERO, s: Rational.ZERO };
    case 'exp':
      return { p: [Rational.ONE], a: atom.scale, s: Rational.ZERO };
    case 'gaussian':
      return { p: atom.polynomial, a: atom.linear, s: atom.quadratic };
    default:
      return null;
  }
}

/** The simplest atom for c·p(z)·exp(az − sz²): a polynomial, c'·exp(az), or a gaussian atom. */
function gaussianTerm(c: ExactScalar, p: Polynomial, a: Rational, s: Rational): Term {
  if (s.isZero() && a.isZero()) return { coefficient: c, atom: poly(p) };
  if (s.isZero() && p.length === 1) return { coefficient: c.mul(ExactScalar.rational(p[0]!)), atom: { family: 'exp', scale: a } };
  return { coefficient: c, atom: { family: 'gaussian', polynomial: p, linear: a, quadratic: s } };
}

function sameAtom(x: Atom, y: Atom): boolean {
  if (x.family === 'polynomial' && y.family === 'polynomial') return polyEquals(x.polynomial, y.polynomial);
  if (x.family === 'exp' && y.family === 'exp') return x.scale.equals(y.scale);
  if (x.family === 'gaussian' && y.family === 'gaussian') {
    return x.linear.equals(y.linear) && x.quadratic.equals(y.quadratic) && polyEquals(x.polynomial, y.polynomial);
  }
  return false;
}

/** Merge terms whose atoms are equal (Gaussian-type atoms only; others kept as they are). */
function mergeLikeAtoms(form: Term[]): Term[] {
  const out: Term[] = [];
  for (const t of form) {
    const i = out.findIndex((u) => sameAtom(u.atom, t.atom));
    if (i < 0) out.push(t);
    else out[i] = { coefficient: out[i]!.coefficient.add(t.coefficient), atom: t.atom };
  }
  return out.filter((t) => !t.coefficient.isZero());
}

/**
 * (Σ a_i·p_i e^{α_i z − s_i z²})·(Σ b_j·q_j e^{β_j z − t_j z²}), distributed, when every atom on
 * both sides is of that Gaussian type (polynomials, exp(az), p·exp(az − sz²)); else null.
 */
function productOfGaussians(a: ClosedForm | null, b: ClosedForm | null): ClosedForm | null {
  if (!a || !b || a.length * b.length > MAX_TERMS) return null;
  const out: Term[] = [];
  for (const ta of a) {
    const ga = gaussianParts(ta.atom);
    if (!ga) return null;
    for (const tb of b) {
      const gb = gaussianParts(tb.atom);
      if (!gb) return null;
      if (polyDegree(ga.p) + polyDegree(gb.p) > MAX_POLYNOMIAL_DEGREE) return null;
      out.push(gaussianTerm(ta.coefficient.mul(tb.coefficient), polyMul(ga.p, gb.p), ga.a.add(gb.a), ga.s.add(gb.s)));
    }
  }
  const merged = mergeLikeAtoms(out);
  return merged.length > MAX_TERMS ? null : merged;
}

/**
 * exp(az)^n = exp(naz); |az|^{2m} = a^{2m}z^{2m}; sign(z)^n = sign(z) or 1 (a.e.);
 * a sum of Gaussian-type atoms (p·exp(az − sz²)) to a power n ≤ 64, expanded.
 */
function power(base: Expr, exponent: Expr): ClosedForm | null {
  if (exponent.kind !== 'number' || !exponent.value.isInteger() || exponent.value.sign() <= 0) return null;
  const n = exponent.value.num;
  if (n > 1000n) return null;
  const form = closedFormOf(base);
  if (!form) return null;
  return singleAtomPower(form, n) ?? gaussianPower(form, n);
}

function gaussianPower(form: ClosedForm, n: bigint): ClosedForm | null {
  if (n > BigInt(MAX_POWER) || !form.every((t) => gaussianParts(t.atom))) return null;
  let acc: ClosedForm | null = form;
  for (let i = 1n; i < n && acc; i++) acc = productOfGaussians(acc, form);
  return acc;
}

function singleAtomPower(form: ClosedForm, n: bigint): ClosedForm | null {
  if (form.length !== 1) return null;
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

const rational = (q: Rational): ExactScalar => ExactScalar.rational(q);

/**
 * A kink function of a·z + c with c ≠ 0, written through the kink β = −c/a:
 * relu(az + c) = a·relu(z − β) (a > 0) or |a|·(relu(z − β) − (z − β)) (a < 0);
 * step(az + c) = step(z − β) or 1 − step(z − β); sign(az + c) = ±(2·step(z − β) − 1);
 * |az + c| = |a|·(2·relu(z − β) − (z − β)). Other functions: null.
 */
function shiftedKink(fn: string, a: Rational, c: Rational): ClosedForm | null {
  const beta = c.neg().div(a);
  const abs = a.abs();
  const positive = a.sign() > 0;
  const stepAt: Atom = { family: 'stepAt', at: beta };
  const reluAt: Atom = { family: 'reluAt', at: beta };
  // z − β
  const shifted: Polynomial = [beta.neg(), Rational.ONE];
  switch (fn) {
    case 'relu':
      return positive
        ? [{ coefficient: rational(abs), atom: reluAt }]
        : [
            { coefficient: rational(abs), atom: reluAt },
            { coefficient: rational(abs.neg()), atom: poly(shifted) },
          ];
    case 'step':
      return positive
        ? [{ coefficient: one(), atom: stepAt }]
        : [
            { coefficient: one(), atom: poly([Rational.ONE]) },
            { coefficient: rational(Rational.ONE.neg()), atom: stepAt },
          ];
    case 'sign': {
      const sign = Rational.of(positive ? 1 : -1);
      return [
        { coefficient: rational(sign.mul(Rational.of(2))), atom: stepAt },
        { coefficient: rational(sign.neg()), atom: poly([Rational.ONE]) },
      ];
    }
    case 'abs':
      return [
        { coefficient: rational(abs.mul(Rational.of(2))), atom: reluAt },
        { coefficient: rational(abs.neg()), atom: poly(shifted) },
      ];
    default:
      return null;
  }
}

/** exp(c + az − sz²) = e^c·exp(az − sz²) for a quadratic argument with s > 0. */
function gaussianOfQuadratic(fn: string, arg: Expr): ClosedForm | null {
  if (fn !== 'exp') return null;
  const p = exprToPolynomial(arg);
  if (!p || polyDegree(p) !== 2 || p[2]!.sign() >= 0) return null;
  return [gaussianTerm(ExactScalar.expRational(p[0]!), [Rational.ONE], p[1]!, p[2]!.neg())];
}

function callForm(fn: string, args: readonly Expr[]): ClosedForm | null {
  if (fn === 'max' || fn === 'min') {
    // max(u, v) = v + relu(u − v);  min(u, v) = v − relu(v − u)
    const [u, v] = [args[0]!, args[1]!];
    const rest = closedFormOf(v);
    const kink =
      fn === 'max'
        ? closedFormOf(call('relu', binary('sub', u, v)))
        : scaleForm(closedFormOf(call('relu', binary('sub', v, u))), ExactScalar.rational(Rational.ONE.neg()));
    return rest && kink ? [...rest, ...kink] : null;
  }
  if (args.length !== 1) return null;
  const a = linearScale(args[0]!);
  if (!a) return exponentialOfAffine(fn, args[0]!) ?? kinkOfAffine(fn, args[0]!) ?? gaussianOfQuadratic(fn, args[0]!);
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

/** A kink function (relu, step, sign, abs) of a·z + c with c ≠ 0 (see shiftedKink). */
function kinkOfAffine(fn: string, arg: Expr): ClosedForm | null {
  const p = exprToPolynomial(arg);
  if (!p || polyDegree(p) !== 1 || p[0]!.isZero()) return null;
  return shiftedKink(fn, p[1]!, p[0]!);
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
 * Raw coefficients c_k = E[A(z)·He_k(z)], k = 0..K, of one atom (docs/theory.md §2):
 * exp(az): a^k e^{a²/2}; sin(az): odd k, (−1)^{(k−1)/2} a^k e^{−a²/2}; cos(az): even k,
 * (−1)^{k/2} a^k e^{−a²/2}; sign: odd k, √(2/π)(−1)^{(k−1)/2}(k−2)!!; relu: c_0 = 1/√(2π),
 * c_1 = 1/2, even k ≥ 2: (−1)^{(k−2)/2}(k−3)!!/√(2π); |z|: c_0 = √(2/π), even k ≥ 2:
 * √(2/π)(−1)^{(k−2)/2}(k−3)!!; erf(az): odd k, (2a/√(π(1+2a²)))(−2a²/(1+2a²))^{(k−1)/2}(k−2)!!.
 * p(z)e^{az−sz²}: (1+2s)^{−1/2}e^{a²/(2(1+2s))}·E[p(X)He_k(X)], X ~ N(a/(1+2s), 1/(1+2s)) (see
 * gaussianIntegrals). step(z − b): c_0 = 1 − Φ(b), c_k = He_{k−1}(b)φ(b); relu(z − b):
 * c_0 = φ(b) − b(1 − Φ(b)), c_1 = 1 − Φ(b), c_k = He_{k−2}(b)φ(b) (k ≥ 2), from
 * ∫_b^∞ He_kφ = He_{k−1}(b)φ(b) (since (He_{k−1}φ)' = −He_kφ) and one integration by parts.
 */
export function atomRawCoefficients(atom: Atom, maxDegree: number): ExactScalar[] {
  if (atom.family === 'gaussian') return gaussianRawCoefficients(atom.polynomial, atom.linear, atom.quadratic, maxDegree);
  if (atom.family === 'stepAt' || atom.family === 'reluAt') return kinkRawCoefficients(atom.family, atom.at, maxDegree);
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
        out.push(
          wanted ? ExactScalar.rational(sign.mul(atom.scale.pow(k))).mul(ExactScalar.expRational(atom.scale.mul(atom.scale).div(Rational.of(-2)))) : zero,
        );
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
        const rational = a
          .mul(Rational.of(2))
          .mul(ratio.pow((k - 1) / 2))
          .mul(Rational.of(doubleFactorial(k - 2)));
        out.push(ExactScalar.sqrtRational(s.inv()).mul(ExactScalar.piPower(-1)).scale(rational));
        break;
      }
    }
  }
  return out;
}

/** c_k = E[p(z)e^{az−sz²}He_k(z)], k = 0..K, with p·He_k built by p·He_{k+1} = z·(p·He_k) − k·(p·He_{k−1}). */
function gaussianRawCoefficients(p: Polynomial, a: Rational, s: Rational, maxDegree: number): ExactScalar[] {
  const prefactor = gaussianPrefactor(a, s);
  const out: ExactScalar[] = [];
  let previous: Polynomial = [];
  let current: Polynomial = p;
  const z: Polynomial = [Rational.ZERO, Rational.ONE];
  for (let k = 0; k <= maxDegree; k++) {
    out.push(prefactor.scale(gaussianMeanRational(current, a, s)));
    const next = polyAdd(
      polyMul(z, current),
      previous.map((x) => x.mul(Rational.of(-k))),
    );
    previous = current;
    current = next;
  }
  return out;
}

function kinkRawCoefficients(family: 'stepAt' | 'reluAt', b: Rational, maxDegree: number): ExactScalar[] {
  const density = normalDensity(b);
  const tail = upperTail(b);
  const he = hermeValues(b, Math.max(0, maxDegree - 1));
  const out: ExactScalar[] = [];
  for (let k = 0; k <= maxDegree; k++) {
    if (family === 'stepAt') out.push(k === 0 ? tail : density.scale(he[k - 1]!));
    else if (k === 0) out.push(density.sub(tail.scale(b)));
    else out.push(k === 1 ? tail : density.scale(he[k - 2]!));
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
