/**
 * Exact real numbers of the shape met in closed-form Hermite coefficients:
 *
 *     x = Σ_t q_t · √r_t · π^{h_t/2} · e^{s_t} · Φ(b_{t,1})···Φ(b_{t,n_t})
 *
 * with q_t, s_t rational, r_t a squarefree positive integer, h_t an integer, and Φ the
 * standard normal CDF at rationals b > 0 (n_t ≥ 0; most terms have none). Φ(0) = 1/2 and
 * Φ(−b) = 1 − Φ(b) are reduced on construction (ExactScalar.normalCdf), so only b > 0 is
 * stored, as a sorted multiset.
 * Terms with the same (r, h, s, Φ-factors) are merged, zero coefficients dropped, and the
 * terms kept in canonical order (terms without Φ first, then by the Φ-factors; within equal
 * Φ-factors by s, then h in the order 0, −1, 1, −2, 2, …, then r), so equal values built
 * along different routes compare equal.
 *
 * isZero() means "no terms": a certified zero. (Distinct monomials √r·π^{h/2}·e^s·ΠΦ(b)
 * are taken to be linearly independent over Q; no known identity contradicts this.)
 *
 * Radicands: products keep r squarefree without factoring (√r₁·√r₂ = g·√(r₁r₂/g²),
 * g = gcd(r₁, r₂)). Only sqrtRational factors, by trial division; see
 * squarefreeDecomposition for the rare case where a radicand cannot be certified
 * squarefree — the value is still exact, only canonicality may suffer.
 */

import { ldexp, ratioMantExp } from './float.js';
import { gcd } from './gcd.js';
import { Rational } from './rational.js';
import { formatScalar, formatScalarTex } from './scalarFormat.js';
import type { ScalarTerm } from './scalarTerm.js';

export type { ScalarTerm };
import { sqrtFactorialParts, squarefreeDecomposition } from './squarefree.js';
import { expMantExp, piPowerMantExp } from './transcendental.js';
import { normalUpperTailMantExp } from './normalTail.js';

const NO_PHI: readonly Rational[] = Object.freeze([]);

function phiOf(t: ScalarTerm): readonly Rational[] {
  return t.phi ?? NO_PHI;
}

/** Lexicographic order of Φ-argument lists, shorter first. */
function comparePhi(a: readonly Rational[], b: readonly Rational[]): number {
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < a.length; i++) {
    const c = a[i]!.compare(b[i]!);
    if (c !== 0) return c;
  }
  return 0;
}

function phiKey(phi: readonly Rational[]): string {
  return phi.map((b) => `${b.num}/${b.den}`).join(',');
}

/** The term with the Φ-factors `phi` (sorted), omitting the field when there are none. */
function withPhi(t: ScalarTerm, phi: readonly Rational[]): ScalarTerm {
  const { phi: _drop, ...rest } = t;
  return phi.length === 0 ? rest : { ...rest, phi: Object.freeze([...phi]) };
}

function checkInteger(n: number, what: string): void {
  if (!Number.isSafeInteger(n)) throw new TypeError(`${what}: ${n} is not an integer`);
}

function hRank(h: number): number {
  return h >= 0 ? 2 * h : -2 * h - 1;
}

function compareTerms(a: ScalarTerm, b: ScalarTerm): number {
  if (a.phi !== undefined || b.phi !== undefined) {
    const cp = comparePhi(phiOf(a), phiOf(b));
    if (cp !== 0) return cp;
  }
  const cs = a.s.compare(b.s);
  if (cs !== 0) return cs;
  const ch = hRank(a.h) - hRank(b.h);
  if (ch !== 0) return ch;
  return a.r < b.r ? -1 : a.r > b.r ? 1 : 0;
}

function termKey(t: ScalarTerm): string {
  const base = `${t.r}|${t.h}|${t.s.num}/${t.s.den}`;
  return t.phi === undefined ? base : `${base}|${phiKey(t.phi)}`;
}

/** Merge equal monomials, drop zeros, sort. */
function normalise(terms: readonly ScalarTerm[]): ScalarTerm[] {
  const merged = new Map<string, ScalarTerm>();
  for (const t of terms) {
    if (t.q.isZero()) continue;
    const key = termKey(t);
    const old = merged.get(key);
    merged.set(key, old === undefined ? t : { ...old, q: old.q.add(t.q) });
  }
  const out: ScalarTerm[] = [];
  for (const t of merged.values()) if (!t.q.isZero()) out.push(t);
  return out.sort(compareTerms);
}

/** Product of two terms; keeps the radicand squarefree via gcd. */
function mulTerms(a: ScalarTerm, b: ScalarTerm): ScalarTerm {
  const g = gcd(a.r, b.r);
  const r = (a.r / g) * (b.r / g);
  const product: ScalarTerm = { q: a.q.mul(b.q).mul(Rational.of(g)), r, h: a.h + b.h, s: a.s.add(b.s) };
  if (a.phi === undefined && b.phi === undefined) return product;
  return withPhi(
    product,
    [...phiOf(a), ...phiOf(b)].sort((x, y) => x.compare(y)),
  );
}

/** 1/t = (1/(q·r))·√r·π^{−h/2}·e^{−s}; a term with a factor Φ(b) has no inverse here (RangeError). */
function invTerm(t: ScalarTerm): ScalarTerm {
  if (t.phi !== undefined) throw new RangeError('ExactScalar: division by a term with a factor Phi(b) is not supported');
  return { q: t.q.mul(Rational.of(t.r)).inv(), r: t.r, h: -t.h, s: t.s.neg() };
}

/** |t| as m·2^e, m ∈ [1, 16): every factor is brought to mantissa/exponent form first. */
function termMagnitude(t: ScalarTerm): { m: number; e: number } {
  const q = ratioMantExp(t.q.num < 0n ? -t.q.num : t.q.num, t.q.den);
  let m = q.m;
  let e = q.e;
  if (t.r !== 1n) {
    const r = ratioMantExp(t.r, 1n);
    const odd = ((r.e % 2) + 2) % 2;
    m *= Math.sqrt(r.m * 2 ** odd);
    e += (r.e - odd) / 2;
  }
  if (t.h !== 0) {
    const p = piPowerMantExp(t.h);
    m *= p.m;
    e += p.e;
  }
  if (!t.s.isZero()) {
    const p = expMantExp(t.s);
    m *= p.m;
    e += p.e;
  }
  return { m, e };
}

/**
 * Σ q·M·ΠΦ(b_i) rewritten exactly with Φ(b) = 1 − Q(b) (Q the upper tail) and like terms merged,
 * so that 1 − Φ(b) becomes Q(b) before any rounding: [(term without Φ, its tails Q(b_j))].
 */
function expandTails(list: readonly ScalarTerm[]): { base: ScalarTerm; tails: readonly Rational[] }[] {
  const merged = new Map<string, { base: ScalarTerm; tails: readonly Rational[] }>();
  const put = (base: ScalarTerm, tails: readonly Rational[]): void => {
    const key = `${termKey(base)}#${phiKey(tails)}`;
    const old = merged.get(key);
    merged.set(key, old === undefined ? { base, tails } : { base: { ...old.base, q: old.base.q.add(base.q) }, tails });
  };
  for (const t of list) {
    const phi = phiOf(t);
    const { phi: _drop, ...plain } = t;
    // Π(1 − Q(b_i)) = Σ_S (−1)^{|S|} Π_{i∈S} Q(b_i)
    for (let mask = 0; mask < 2 ** phi.length; mask++) {
      const tails: Rational[] = [];
      for (let i = 0; i < phi.length; i++) if ((mask >> i) & 1) tails.push(phi[i]!);
      put(tails.length % 2 === 0 ? plain : { ...plain, q: plain.q.neg() }, tails);
    }
  }
  return [...merged.values()].filter((x) => !x.base.q.isZero());
}

/** |t|·ΠQ(b) as m·2^e. */
function tailTermMagnitude(base: ScalarTerm, tails: readonly Rational[]): { m: number; e: number } {
  let { m, e } = termMagnitude(base);
  for (const b of tails) {
    const p = normalUpperTailMantExp(b);
    m *= p.m;
    e += p.e;
  }
  return { m, e };
}

/** Most Φ-factors in one term for which toNumber expands Π(1 − Q) (2^n terms). */
const MAX_EXPANDED_PHI = 12;

export class ExactScalar {
  private readonly list: readonly ScalarTerm[];

  private constructor(terms: readonly ScalarTerm[]) {
    this.list = Object.freeze(terms.map((t) => Object.freeze(t)));
  }

  private static fromTerms(terms: readonly ScalarTerm[]): ExactScalar {
    return new ExactScalar(normalise(terms));
  }

  private static readonly ZERO_: ExactScalar = new ExactScalar([]);
  private static readonly ONE_: ExactScalar = new ExactScalar([{ q: Rational.ONE, r: 1n, h: 0, s: Rational.ZERO }]);

  /** 0 (no terms). */
  static zero(): ExactScalar {
    return ExactScalar.ZERO_;
  }

  /** 1. */
  static one(): ExactScalar {
    return ExactScalar.ONE_;
  }

  /** The rational q. */
  static rational(q: Rational): ExactScalar {
    return ExactScalar.fromTerms([{ q, r: 1n, h: 0, s: Rational.ZERO }]);
  }

  /**
   * √q for a rational q ≥ 0: √(a/b) = √(ab)/b, then squares are pulled out of ab by trial
   * division (see squarefreeDecomposition: if a huge repeated prime factor escapes, the value is
   * still exact and only the canonical form is affected).
   */
  static sqrtRational(q: Rational): ExactScalar {
    if (q.sign() < 0) throw new RangeError(`sqrtRational of a negative number ${q}`);
    if (q.isZero()) return ExactScalar.ZERO_;
    const { outside, radicand } = squarefreeDecomposition(q.num * q.den);
    return ExactScalar.fromTerms([{ q: Rational.of(outside, q.den), r: radicand, h: 0, s: Rational.ZERO }]);
  }

  /** √(k!) reduced by Legendre's formula: √(8!) = 24√70. */
  static sqrtFactorial(k: number): ExactScalar {
    const { outside, radicand } = sqrtFactorialParts(k);
    return ExactScalar.fromTerms([{ q: Rational.of(outside), r: radicand, h: 0, s: Rational.ZERO }]);
  }

  /** π^{h/2} for an integer h (h = 1: √π, h = −2: 1/π). */
  static piPower(h: number): ExactScalar {
    checkInteger(h, 'ExactScalar.piPower');
    return ExactScalar.fromTerms([{ q: Rational.ONE, r: 1n, h, s: Rational.ZERO }]);
  }

  /** e^{s} for a rational s. */
  static expRational(s: Rational): ExactScalar {
    return ExactScalar.fromTerms([{ q: Rational.ONE, r: 1n, h: 0, s }]);
  }

  /**
   * Φ(b), the standard normal CDF at a rational b: a symbol for b > 0, 1/2 for b = 0, and
   * 1 − Φ(−b) for b < 0 (so equal values built either way compare equal). Printed `Phi(b)`.
   */
  static normalCdf(b: Rational): ExactScalar {
    if (b.isZero()) return ExactScalar.rational(Rational.of(1, 2));
    if (b.sign() < 0) return ExactScalar.ONE_.sub(ExactScalar.normalCdf(b.neg()));
    return ExactScalar.fromTerms([{ q: Rational.ONE, r: 1n, h: 0, s: Rational.ZERO, phi: Object.freeze([b]) }]);
  }

  /** The single term q·√r·π^{h/2}·e^{s}; r ≥ 1 need not be squarefree (it is reduced here). */
  static term(q: Rational, r: bigint = 1n, h = 0, s: Rational = Rational.ZERO): ExactScalar {
    checkInteger(h, 'ExactScalar.term');
    if (r < 1n) throw new RangeError('ExactScalar.term: radicand must be ≥ 1');
    const { outside, radicand } = squarefreeDecomposition(r);
    return ExactScalar.fromTerms([{ q: q.mul(Rational.of(outside)), r: radicand, h, s }]);
  }

  add(o: ExactScalar): ExactScalar {
    if (o.list.length === 0) return this;
    if (this.list.length === 0) return o;
    return ExactScalar.fromTerms([...this.list, ...o.list]);
  }

  sub(o: ExactScalar): ExactScalar {
    return this.add(o.neg());
  }

  neg(): ExactScalar {
    return new ExactScalar(this.list.map((t) => ({ ...t, q: t.q.neg() })));
  }

  /** q·this. */
  scale(q: Rational): ExactScalar {
    if (q.isZero()) return ExactScalar.ZERO_;
    return new ExactScalar(this.list.map((t) => ({ ...t, q: t.q.mul(q) })));
  }

  mul(o: ExactScalar): ExactScalar {
    const out: ScalarTerm[] = [];
    for (const a of this.list) for (const b of o.list) out.push(mulTerms(a, b));
    return ExactScalar.fromTerms(out);
  }

  /** this / o, for o a single term without a Φ factor (RangeError for 0, a sum of several terms, or Φ). */
  div(o: ExactScalar): ExactScalar {
    const t = o.list[0];
    if (t === undefined) throw new RangeError('ExactScalar: division by zero');
    if (o.list.length > 1) throw new RangeError('ExactScalar: division by a sum of several terms is not supported');
    const inv = invTerm(t);
    return ExactScalar.fromTerms(this.list.map((a) => mulTerms(a, inv)));
  }

  /** this^n for an integer n; n < 0 needs a single term. 0^0 = 1. */
  pow(n: number): ExactScalar {
    checkInteger(n, 'ExactScalar.pow');
    if (n < 0) return ExactScalar.ONE_.div(this).pow(-n);
    let result: ExactScalar = ExactScalar.ONE_;
    let base: ExactScalar = this;
    while (n > 0) {
      if (n % 2 === 1) result = result.mul(base);
      n = Math.floor(n / 2);
      if (n > 0) base = base.mul(base);
    }
    return result;
  }

  /** True iff there are no terms (a certified zero). */
  isZero(): boolean {
    return this.list.length === 0;
  }

  isSingleTerm(): boolean {
    return this.list.length === 1;
  }

  /** The terms in canonical order (frozen). */
  terms(): readonly ScalarTerm[] {
    return this.list;
  }

  /** The value as a Rational when it is one (including 0), else null. */
  toRational(): Rational | null {
    if (this.list.length === 0) return Rational.ZERO;
    const t = this.list[0] as ScalarTerm;
    return this.list.length === 1 && t.r === 1n && t.h === 0 && t.s.isZero() && t.phi === undefined ? t.q : null;
  }

  /** True iff some term carries a factor Φ(b). */
  hasNormalCdf(): boolean {
    return this.list.some((t) => t.phi !== undefined);
  }

  /** Structural equality of the canonical forms. */
  equals(o: ExactScalar): boolean {
    if (this.list.length !== o.list.length) return false;
    return this.list.every((a, i) => {
      const b = o.list[i] as ScalarTerm;
      return a.r === b.r && a.h === b.h && a.q.equals(b.q) && a.s.equals(b.s) && comparePhi(phiOf(a), phiOf(b)) === 0;
    });
  }

  /**
   * Floating value. Each term is evaluated as a product of mantissa/exponent pairs, so huge and
   * tiny factors (q = 2^4000/1000!, √(1000!), π^{500}, e^{−800}) combine without overflow, with
   * relative error ~1e-15 per term (e^s and π^{h/2} use an exact-rational Cody–Waite reduction).
   * The terms are then summed in floating point: cancellation between terms is not compensated.
   * Terms with factors Φ(b) are first rewritten exactly with Φ(b) = 1 − Q(b) and merged, so
   * 1 − Φ(8) is evaluated as Q(8) ≈ 6.2e-16 (see normalUpperTailMantExp), not as a difference.
   */
  toNumber(): number {
    if (this.hasNormalCdf()) return this.expandedSum().value;
    let sum = 0;
    for (const t of this.list) {
      const { m, e } = termMagnitude(t);
      sum += ldexp(t.q.sign() < 0 ? -m : m, e);
    }
    return sum;
  }

  /**
   * A bound on |toNumber() − value|: (6 + n)·ε·Σ|terms| over the n terms that are summed
   * (each term is accurate to a few ulps; the summation adds one rounding per term).
   */
  toNumberError(): number {
    if (this.hasNormalCdf()) return this.expandedSum().error;
    let abs = 0;
    for (const t of this.list) {
      const { m, e } = termMagnitude(t);
      abs += ldexp(m, e);
    }
    return (6 + this.list.length) * Number.EPSILON * abs;
  }

  /**
   * log10 |value| and the sign, also beyond the range of a double (e^{1250}, 1000·e^{−500000}): each
   * term's magnitude is kept as mantissa·2^exponent and the sum is taken relative to the largest.
   * null when the terms cancel below that resolution (or there are none).
   */
  log10Abs(): { log10: number; negative: boolean } | null {
    const parts = this.hasNormalCdf()
      ? expandTails(this.list).map(({ base, tails }) => ({ ...tailTermMagnitude(base, tails), negative: base.q.sign() < 0 }))
      : this.list.map((t) => ({ ...termMagnitude(t), negative: t.q.sign() < 0 }));
    if (parts.length === 0) return null;
    const top = Math.max(...parts.map((x) => x.e));
    let sum = 0;
    for (const x of parts) sum += (x.negative ? -x.m : x.m) * 2 ** Math.max(-1100, x.e - top);
    if (sum === 0) return null;
    return { log10: Math.log10(Math.abs(sum)) + top * 0.3010299956639812, negative: sum < 0 };
  }

  /**
   * The value in scientific notation with `digits` significant digits, beyond the range of a double too.
   * @example ExactScalar.expRational(Rational.of(1250)).toScientific(4) // '7.381e+542'
   */
  toScientific(digits = 6): string {
    const l = this.log10Abs();
    return l === null ? '0' : scientificFromLog10(l.log10, l.negative, digits);
  }

  private expandedSum(): { value: number; error: number } {
    if (this.list.some((t) => phiOf(t).length > MAX_EXPANDED_PHI)) {
      // Too many factors to expand: evaluate Φ(b) = 1 − Q(b) directly (no cancellation control).
      let value = 0;
      let abs = 0;
      for (const t of this.list) {
        const { phi: _drop, ...plain } = t;
        const { m, e } = termMagnitude(plain);
        let x = ldexp(m, e);
        for (const b of phiOf(t)) {
          const q = normalUpperTailMantExp(b);
          x *= 1 - ldexp(q.m, q.e);
        }
        value += t.q.sign() < 0 ? -x : x;
        abs += x;
      }
      return { value, error: (6 + MAX_EXPANDED_PHI + this.list.length) * Number.EPSILON * abs };
    }
    const parts = expandTails(this.list);
    let value = 0;
    let abs = 0;
    for (const { base, tails } of parts) {
      const { m, e } = tailTermMagnitude(base, tails);
      const x = ldexp(m, e);
      value += base.q.sign() < 0 ? -x : x;
      abs += x;
    }
    return { value, error: (8 + parts.length) * Number.EPSILON * abs };
  }

  /**
   * A mathjs expression, e.g. "1/sqrt(2*pi)", "sqrt(2/pi)", "-1/(4*sqrt(pi))", "2 + sqrt(2)",
   * "1 - Phi(1)" (Phi = the standard normal CDF, not a mathjs built-in). See formatScalar.
   */
  toString(): string {
    return formatScalar(this.list);
  }

  /** LaTeX, e.g. "\frac{1}{\sqrt{2\pi}}", "\sqrt{\frac{2}{\pi}}", "3e^{2}", "1 - \Phi(1)". */
  toTex(): string {
    return formatScalarTex(this.list);
  }
}

/** m·10^e from log10 |x| and the sign: '7.381e+542'. */
export function scientificFromLog10(log10: number, negative: boolean, digits = 6): string {
  let exponent = Math.floor(log10);
  let mantissa = Number((10 ** (log10 - exponent)).toPrecision(digits));
  if (mantissa >= 10) {
    mantissa /= 10;
    exponent += 1;
  }
  const m = `${negative ? '-' : ''}${String(mantissa)}`;
  return exponent === 0 ? m : `${m}e${exponent > 0 ? '+' : ''}${exponent}`;
}
