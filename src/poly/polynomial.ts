/**
 * Polynomials with exact rational coefficients in the monomial basis:
 * p(z) = Σ_n p[n]·z^n, lowest degree first, trimmed (no trailing zeros; the zero polynomial is []).
 */

import { overCommonDenominator } from '../exact/commonDenominator.js';
import { Rational } from '../exact/rational.js';

export type Polynomial = readonly Rational[];

/** Drop trailing zero coefficients. */
export function polyTrim(p: readonly Rational[]): Rational[] {
  let n = p.length;
  while (n > 0 && (p[n - 1] as Rational).isZero()) n--;
  return p.slice(0, n);
}

/** Integer coefficients, lowest degree first: polyFromInts([-3, 0, 1]) = z² − 3. */
export function polyFromInts(ns: readonly (number | bigint)[]): Polynomial {
  return polyTrim(ns.map((n) => Rational.of(n)));
}

/** z^n. */
export function polyMonomial(n: number): Polynomial {
  const p = new Array<Rational>(n + 1).fill(Rational.ZERO);
  p[n] = Rational.ONE;
  return p;
}

/** Degree; −1 for the zero polynomial. */
export function polyDegree(p: Polynomial): number {
  return p.length - 1;
}

function coeff(p: Polynomial, n: number): Rational {
  return p[n] ?? Rational.ZERO;
}

export function polyAdd(p: Polynomial, q: Polynomial): Polynomial {
  const n = Math.max(p.length, q.length);
  const out: Rational[] = [];
  for (let i = 0; i < n; i++) out.push(coeff(p, i).add(coeff(q, i)));
  return polyTrim(out);
}

export function polySub(p: Polynomial, q: Polynomial): Polynomial {
  const n = Math.max(p.length, q.length);
  const out: Rational[] = [];
  for (let i = 0; i < n; i++) out.push(coeff(p, i).sub(coeff(q, i)));
  return polyTrim(out);
}

/** q·p for a rational q. */
export function polyScale(p: Polynomial, q: Rational): Polynomial {
  if (q.isZero()) return [];
  return p.map((c) => c.mul(q));
}

/** p·q, by an integer convolution over common denominators (one reduction per coefficient). */
export function polyMul(p: Polynomial, q: Polynomial): Polynomial {
  if (p.length === 0 || q.length === 0) return [];
  const P = overCommonDenominator(p);
  const Q = overCommonDenominator(q);
  const out: bigint[] = new Array<bigint>(p.length + q.length - 1).fill(0n);
  P.numerators.forEach((a, i) => {
    if (a === 0n) return;
    Q.numerators.forEach((b, j) => {
      if (b !== 0n) out[i + j] = (out[i + j] as bigint) + a * b;
    });
  });
  const D = P.denominator * Q.denominator;
  return polyTrim(out.map((c) => Rational.of(c, D)));
}

/** p^n for an integer n ≥ 0 (p^0 = 1), by repeated squaring. */
export function polyPow(p: Polynomial, n: number): Polynomial {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`polyPow: exponent must be an integer ≥ 0, got ${n}`);
  let result: Polynomial = [Rational.ONE];
  let base = p;
  while (n > 0) {
    if (n % 2 === 1) result = polyMul(result, base);
    n = Math.floor(n / 2);
    if (n > 0) base = polyMul(base, base);
  }
  return result;
}

/** p'(z). */
export function polyDerivative(p: Polynomial): Polynomial {
  return p.slice(1).map((c, i) => c.mul(Rational.of(i + 1)));
}

/** p(z) in floating point (Horner); coefficients are rounded to doubles first. */
export function polyEval(p: Polynomial, z: number): number {
  let acc = 0;
  for (let n = p.length - 1; n >= 0; n--) acc = acc * z + (p[n] as Rational).toNumber();
  return acc;
}

/** p(z) exactly, for a rational z (Horner). */
export function polyEvalRational(p: Polynomial, z: Rational): Rational {
  let acc = Rational.ZERO;
  for (let n = p.length - 1; n >= 0; n--) acc = acc.mul(z).add(p[n] as Rational);
  return acc;
}

/** Only even powers (the zero polynomial is both even and odd). */
export function polyIsEven(p: Polynomial): boolean {
  return p.every((c, n) => n % 2 === 0 || c.isZero());
}

/** Only odd powers (the zero polynomial is both even and odd). */
export function polyIsOdd(p: Polynomial): boolean {
  return p.every((c, n) => n % 2 === 1 || c.isZero());
}

export function polyEquals(p: Polynomial, q: Polynomial): boolean {
  return p.length === q.length && p.every((c, n) => c.equals(q[n] as Rational));
}

/**
 * mathjs syntax, highest degree first: "z^3 - 3*z", "3*z^2/4 - z/2 + 1", "0" for the zero polynomial.
 * A coefficient ±a/b multiplies as a*z^n/b (factors 1 omitted).
 */
export function polyToString(p: Polynomial, variable = 'z'): string {
  const parts: string[] = [];
  for (let n = p.length - 1; n >= 0; n--) {
    const c = p[n] as Rational;
    if (c.isZero()) continue;
    const a = c.num < 0n ? -c.num : c.num;
    const factors: string[] = [];
    if (a !== 1n || n === 0) factors.push(a.toString());
    if (n === 1) factors.push(variable);
    else if (n > 1) factors.push(`${variable}^${n}`);
    let body = factors.join('*');
    if (c.den !== 1n) body += `/${c.den}`;
    const negative = c.num < 0n;
    parts.push(parts.length === 0 ? (negative ? `-${body}` : body) : negative ? ` - ${body}` : ` + ${body}`);
  }
  return parts.length === 0 ? '0' : parts.join('');
}

/** LaTeX, highest degree first: "z^{3} - 3z", "\frac{3}{4}z^{2} + 1". */
export function polyToTex(p: Polynomial, variable = 'z'): string {
  const parts: string[] = [];
  for (let n = p.length - 1; n >= 0; n--) {
    const c = p[n] as Rational;
    if (c.isZero()) continue;
    const a = c.abs();
    const power = n === 0 ? '' : n === 1 ? variable : `${variable}^{${n}}`;
    const coefficient = a.equals(Rational.ONE) && n > 0 ? '' : a.toTex();
    const body = coefficient + power;
    const negative = c.num < 0n;
    parts.push(parts.length === 0 ? (negative ? `-${body}` : body) : negative ? ` - ${body}` : ` + ${body}`);
  }
  return parts.length === 0 ? '0' : parts.join('');
}
