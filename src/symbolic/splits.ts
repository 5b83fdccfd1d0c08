/**
 * The case splits (src/symbolic/cases.ts) of IE, p* and p₂ = IE(E[y² | z]) of a link with free
 * parameters, as conditions rather than text, for the common refinement of src/symbolic/refine.ts.
 * The same lists as analyzeSymbolic: IE from (u_k, k), p₂ from the u_k of E[y² | z] = σ² + Δ,
 * p* by structure (odd z-powers → 1, then even ones → 2), and for f(s·z) the split s ≠ 0 / s = 0.
 */
import { conditionalLabelMoment } from '../analysis/labelPowers.js';
import { OutOfRangeError } from '../errors.js';
import { Rational } from '../exact/rational.js';
import type { Expr } from '../expr/tree.js';
import { type Case, caseSplit, type Ranked } from './cases.js';
import { type ScaledLink, scaledInformationExponent, scaledLabelPower, scaledLinkOf } from './scaledFamilies.js';
import { probabilistsCoefficients, type ZPoly, zPolynomialOf } from './zpoly.js';

export interface ExponentSplits {
  readonly informationExponent: readonly Case[];
  /** null with label noise (not decided symbolically). */
  readonly generativeExponent: readonly Case[] | null;
  /** null when it was not derived symbolically. */
  readonly p2: readonly Case[] | null;
}

/** The information exponent's split of σ = Σ_n P_n z^n: the first k ≥ 1 with u_k ≠ 0. */
export function informationExponentSplit(p: ZPoly): Case[] {
  const u = probabilistsCoefficients(p);
  return caseSplit(u.slice(1).map((polynomial, i) => ({ polynomial, value: i + 1 })));
}

/** The generative exponent by structure: 1 where some odd z-power survives, else 2 where σ is not constant. */
export function generativeExponentSplit(p: ZPoly): Case[] {
  const odd: Ranked[] = p.flatMap((polynomial, n) => (n % 2 === 1 ? [{ polynomial, value: 1 }] : []));
  const even: Ranked[] = p.flatMap((polynomial, n) => (n % 2 === 0 && n > 0 ? [{ polynomial, value: 2 }] : []));
  return caseSplit([...odd, ...even]);
}

/** The split of an exponent of f(s·z) whose value holds for s ≠ 0: `value` there, 'constant' at s = 0; null stays null. */
export function scaledSplit(f: ScaledLink, value: number | 'constant'): Case[];
export function scaledSplit(f: ScaledLink, value: number | 'constant' | null): Case[] | null;
export function scaledSplit(f: ScaledLink, value: number | 'constant' | null): Case[] | null {
  return value === null ? null : value === 'constant' ? [{ when: [], value }] : caseSplit([{ polynomial: f.scale, value }]);
}

/**
 * The splits of σ (a tree parsed with free parameters), or null when σ is neither a polynomial in z
 * and the parameters nor a closed form f(s·z).
 */
export function exponentSplits(sigma: Expr, noise: Rational = Rational.ZERO): ExponentSplits | null {
  const p = zPolynomialOf(sigma);
  if (p !== null) {
    let p2: Case[] | null = null;
    try {
      const m = zPolynomialOf(conditionalLabelMoment(sigma, 2, noise));
      p2 = m === null ? null : informationExponentSplit(m);
    } catch (e) {
      if (!(e instanceof OutOfRangeError)) throw e;
      p2 = null; // too large to expand: left out, as analyzeSymbolic does
    }
    return {
      informationExponent: informationExponentSplit(p),
      generativeExponent: noise.isZero() ? generativeExponentSplit(p) : null,
      p2,
    };
  }
  const f = scaledLinkOf(sigma);
  if (f === null) return null;
  const ie = scaledSplit(f, scaledInformationExponent(f));
  return {
    informationExponent: ie,
    generativeExponent: noise.isZero() ? ie : null,
    p2: noise.isZero() ? scaledSplit(f, scaledLabelPower(f, 2)) : null,
  };
}

/**
 * The splits of the label powers p_i = IE(E[y^i | z]), i = 1..count (null where not derived
 * symbolically), or null when σ is neither a polynomial in z and the parameters nor f(s·z).
 */
export function labelPowerSplits(sigma: Expr, count: number, noise: Rational = Rational.ZERO): (readonly Case[] | null)[] | null {
  const p = zPolynomialOf(sigma);
  const out: (readonly Case[] | null)[] = [];
  if (p !== null) {
    for (let i = 1; i <= count; i++) {
      try {
        const m = i === 1 && noise.isZero() ? p : zPolynomialOf(conditionalLabelMoment(sigma, i, noise));
        out.push(m === null ? null : informationExponentSplit(m));
      } catch (e) {
        if (!(e instanceof OutOfRangeError)) throw e;
        out.push(null); // too large to expand
      }
    }
    return out;
  }
  const f = scaledLinkOf(sigma);
  if (f === null) return null;
  for (let i = 1; i <= count; i++) {
    const v = noise.isZero() || i === 1 ? scaledLabelPower(f, i) : null;
    out.push(scaledSplit(f, v));
  }
  return out;
}
