/**
 * Exact route of a multi-index link: a tree that is a polynomial in z1..zr with rational
 * coefficients becomes a sparse polynomial (exponent vector → rational), and then its product
 * Hermite expansion Σ_k u_k Π_s He_{k_s}(z_s), one variable at a time with the BigInt basis
 * change of src/poly/hermiteE.ts (z^a = Σ_j [z^a]_j He_j, so Π_s z_s^{a_s} expands as the tensor
 * product of the per-variable rows). No floating point anywhere.
 */
import { OutOfRangeError } from '../errors.js';
import { Rational } from '../exact/rational.js';
import { hermeFromMonomials, hermePolynomial } from '../poly/hermiteE.js';
import { polyMonomial } from '../poly/polynomial.js';
import type { Expr } from '../expr/tree.js';
import { directionOf } from './variables.js';

/** Exponent vector (a_1..a_r) → coefficient; keys are the exponents joined by ','. Zero terms are absent. */
export type MultiPolynomial = ReadonlyMap<string, Rational>;

/** Highest total degree handled exactly, and most terms of an intermediate polynomial. */
export const MAX_MULTI_DEGREE = 60;
export const MAX_MULTI_TERMS = 20_000;

export const keyOf = (k: readonly number[]): string => k.join(',');
export const indexOf = (key: string): number[] => key.split(',').map(Number);

function add(a: MultiPolynomial, b: MultiPolynomial, sign: 1 | -1 = 1): MultiPolynomial {
  const out = new Map(a);
  for (const [key, c] of b) {
    const v = (out.get(key) ?? Rational.ZERO).add(sign === 1 ? c : c.neg());
    if (v.isZero()) out.delete(key);
    else out.set(key, v);
  }
  return out;
}

function scale(a: MultiPolynomial, q: Rational): MultiPolynomial {
  if (q.isZero()) return new Map();
  return new Map([...a].map(([key, c]) => [key, c.mul(q)]));
}

function degree(a: MultiPolynomial): number {
  let d = -1;
  for (const key of a.keys())
    d = Math.max(
      d,
      indexOf(key).reduce((s, x) => s + x, 0),
    );
  return d;
}

function mul(a: MultiPolynomial, b: MultiPolynomial): MultiPolynomial {
  if (degree(a) + degree(b) > MAX_MULTI_DEGREE) throw new OutOfRangeError(`the polynomial has total degree above the limit ${MAX_MULTI_DEGREE}`);
  const out = new Map<string, Rational>();
  for (const [ka, ca] of a) {
    const ia = indexOf(ka);
    for (const [kb, cb] of b) {
      const key = keyOf(ia.map((x, i) => x + indexOf(kb)[i]!));
      const v = (out.get(key) ?? Rational.ZERO).add(ca.mul(cb));
      if (v.isZero()) out.delete(key);
      else out.set(key, v);
    }
  }
  if (out.size > MAX_MULTI_TERMS) throw new OutOfRangeError(`the polynomial has more than ${MAX_MULTI_TERMS} terms`);
  return out;
}

function constant(q: Rational, r: number): MultiPolynomial {
  return q.isZero() ? new Map() : new Map([[keyOf(new Array<number>(r).fill(0)), q]]);
}

/** p^n by repeated squaring. */
function power(p: MultiPolynomial, n: number, r: number): MultiPolynomial {
  let acc = constant(Rational.ONE, r);
  let base = p;
  for (let m = n; m > 0; m >>= 1) {
    if (m & 1) acc = mul(acc, base);
    if (m > 1) base = mul(base, base);
  }
  return acc;
}

/**
 * The polynomial in z1..zr a tree spells, or null when it is not one.
 * @example multiPolynomialOf(parseLink('z1*z2 - 1/2', { variables: 'multi' }), 2)?.get('1,1')?.toString() // '1'
 */
export function multiPolynomialOf(e: Expr, r: number): MultiPolynomial | null {
  const convert = (n: Expr): MultiPolynomial | null => {
    switch (n.kind) {
      case 'number':
        return constant(n.value, r);
      case 'constant':
      case 'variable':
      case 'call':
        return null;
      case 'symbol': {
        const k = directionOf(n);
        if (k === null || k > r) return null;
        const a = new Array<number>(r).fill(0);
        a[k - 1] = 1;
        return new Map([[keyOf(a), Rational.ONE]]);
      }
      case 'neg': {
        const p = convert(n.arg);
        return p && scale(p, Rational.ONE.neg());
      }
      case 'add':
      case 'sub':
      case 'mul': {
        const a = convert(n.left);
        const b = a && convert(n.right);
        if (!a || !b) return null;
        return n.kind === 'add' ? add(a, b) : n.kind === 'sub' ? add(a, b, -1) : mul(a, b);
      }
      case 'div': {
        const a = convert(n.left);
        const b = a && convert(n.right);
        if (!a || !b || degree(b) > 0 || b.size !== 1) return null;
        return scale(a, [...b.values()][0]!.inv());
      }
      case 'pow': {
        const base = convert(n.left);
        const ex = base && convert(n.right);
        if (!base || !ex || degree(ex) > 0) return null;
        const q = ex.size === 0 ? Rational.ZERO : [...ex.values()][0]!;
        if (!q.isInteger() || q.sign() < 0 || Math.max(degree(base), 1) * Number(q.num) > MAX_MULTI_DEGREE) return null;
        return power(base, Number(q.num), r);
      }
      case 'hermite': {
        const arg = convert(n.arg);
        if (!arg || Math.max(degree(arg), 1) * n.degree > MAX_MULTI_DEGREE) return null;
        // Horner's rule on He_k's monomial coefficients
        const c = hermePolynomial(n.degree);
        let acc: MultiPolynomial = new Map();
        for (let i = c.length - 1; i >= 0; i--) acc = add(mul(acc, arg), constant(c[i]!, r));
        return acc;
      }
    }
  };
  return convert(e);
}

/**
 * The product-Hermite coefficients u_k of p = Σ_k u_k Π_s He_{k_s}(z_s) (probabilists'
 * convention per variable, docs/theory.md §2.1), keyed by the multi-index k; zeros are absent.
 * z1²·z2 = He_2(z1)He_1(z2) + He_1(z2):
 * @example [...hermeOfMultiPolynomial(multiPolynomialOf(parseLink('z1^2*z2', { variables: 'multi' }), 2)).entries()].map(([k, u]) => `${k}:${u}`) // ['0,1:1', '2,1:1']
 */
export function hermeOfMultiPolynomial(p: MultiPolynomial): Map<string, Rational> {
  const rows = new Map<number, Rational[]>(); // z^a in the He basis
  const row = (a: number) => {
    let v = rows.get(a);
    if (!v) rows.set(a, (v = hermeFromMonomials(polyMonomial(a))));
    return v;
  };
  const out = new Map<string, Rational>();
  for (const [key, c] of p) {
    const a = indexOf(key);
    let partial: [number[], Rational][] = [[[], c]];
    for (const as of a) {
      const next: [number[], Rational][] = [];
      row(as).forEach((u, j) => {
        if (u.isZero()) return;
        for (const [k, v] of partial) next.push([[...k, j], v.mul(u)]);
      });
      partial = next;
    }
    for (const [k, v] of partial) {
      const kk = keyOf(k);
      const sum = (out.get(kk) ?? Rational.ZERO).add(v);
      if (sum.isZero()) out.delete(kk);
      else out.set(kk, sum);
    }
  }
  return new Map([...out].sort(([a], [b]) => compareMultiIndex(indexOf(a), indexOf(b))));
}

/** Graded order: total degree first, then lexicographic. */
export function compareMultiIndex(a: readonly number[], b: readonly number[]): number {
  const da = a.reduce((s, x) => s + x, 0);
  const db = b.reduce((s, x) => s + x, 0);
  if (da !== db) return da - db;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}
