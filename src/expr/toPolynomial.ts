/**
 * Exact route: a tree that is a polynomial in z with rational coefficients becomes a
 * `Polynomial` (monomial basis, lowest degree first) — no floating point anywhere.
 */
import { OutOfRangeError } from '../errors.js';
import { Rational } from '../exact/rational.js';
import { hermePolynomial } from '../poly/hermiteE.js';
import { polyAdd, polyDegree, polyMonomial, polyMul, polyPow, polyScale, polySub, type Polynomial } from '../poly/polynomial.js';
import type { Expr } from './tree.js';

/** Highest polynomial degree handled exactly. */
export const MAX_POLYNOMIAL_DEGREE = 1000;

/**
 * The polynomial the tree spells, or null when it is not a rational polynomial in z.
 * @example exprToPolynomial(parseLink('He3(z)')).map(String) // ['0', '-3', '0', '1']
 */
export function exprToPolynomial(e: Expr): Polynomial | null {
  return convert(e);
}

/** Trees are immutable: each node's polynomial is computed once (null: not a polynomial). */
const cache = new WeakMap<Expr, Polynomial | null>();

function checkDegree(degree: number | bigint): void {
  if (BigInt(degree) > BigInt(MAX_POLYNOMIAL_DEGREE)) {
    throw new OutOfRangeError(`the polynomial has degree ${degree}, above the limit ${MAX_POLYNOMIAL_DEGREE}`);
  }
}

function convert(e: Expr): Polynomial | null {
  const known = cache.get(e);
  if (known !== undefined) return known;
  const p = convertNode(e);
  cache.set(e, p);
  return p;
}

function convertNode(e: Expr): Polynomial | null {
  switch (e.kind) {
    case 'number':
      return e.value.isZero() ? [] : [e.value];
    case 'constant':
    case 'symbol':
      return null;
    case 'variable':
      return [Rational.ZERO, Rational.ONE];
    case 'neg': {
      const p = convert(e.arg);
      return p && polyScale(p, Rational.ONE.neg());
    }
    case 'add':
    case 'sub':
    case 'mul': {
      const a = convert(e.left);
      if (!a) return null;
      const b = convert(e.right);
      if (!b) return null;
      if (e.kind === 'add') return polyAdd(a, b);
      if (e.kind === 'sub') return polySub(a, b);
      checkDegree(polyDegree(a) + polyDegree(b));
      if (polyDegree(a) === 0) return polyScale(b, a[0]!);
      if (polyDegree(b) === 0) return polyScale(a, b[0]!);
      return polyMul(a, b);
    }
    case 'div': {
      const a = convert(e.left);
      const b = convert(e.right);
      if (!a || !b || polyDegree(b) !== 0) return null;
      return polyScale(a, b[0]!.inv());
    }
    case 'pow': {
      const base = convert(e.left);
      const ex = convert(e.right);
      if (!base || !ex || polyDegree(ex) > 0) return null;
      const n = ex.length === 0 ? Rational.ZERO : ex[0]!;
      if (!n.isInteger() || n.sign() < 0) return null;
      checkDegree(BigInt(Math.max(polyDegree(base), 0)) * n.num);
      if (polyDegree(base) <= 0 && n.num > 4096n) return null; // a constant to a huge power: leave it to the numeric route
      if (isVariable(base)) return polyMonomial(Number(n.num));
      return polyPow(base, Number(n.num));
    }
    case 'call':
      return null;
    case 'hermite': {
      const arg = convert(e.arg);
      if (!arg) return null;
      checkDegree(Math.max(polyDegree(arg), 0) * e.degree);
      return compose(hermePolynomial(e.degree), arg);
    }
  }
}

function isVariable(p: Polynomial): boolean {
  return p.length === 2 && p[0]!.isZero() && p[1]!.equals(Rational.ONE);
}

/** p(q(z)) by Horner's rule in polynomial arithmetic. */
function compose(p: Polynomial, q: Polynomial): Polynomial {
  if (isVariable(q)) return p;
  let acc: Polynomial = [];
  for (let i = p.length - 1; i >= 0; i--) {
    acc = polyAdd(polyMul(acc, q), p[i]!.isZero() ? [] : [p[i]!]);
  }
  return acc;
}
