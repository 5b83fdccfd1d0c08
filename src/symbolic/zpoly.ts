/**
 * A link that is a polynomial in z whose coefficients are polynomials over ℚ in the parameters:
 * σ(z) = Σ_n P_n(a, b, …)·z^n, stored as [P_0, P_1, …] (lowest degree first, trimmed). Its
 * probabilists' Hermite coefficients u_k = E[σ He_k]/k! are again such polynomials, by linearity
 * of the basis change: u_k = Σ_n P_n·[z^n]_k with [z^n]_k = C(n, k)·(n − k − 1)!! (n − k even).
 */
import { Rational } from '../exact/rational.js';
import { OutOfRangeError } from '../errors.js';
import type { Expr } from '../expr/tree.js';
import { hermeFromMonomials, hermePolynomial } from '../poly/hermiteE.js';
import { polyMonomial } from '../poly/polynomial.js';
import { MPoly } from './mpoly.js';

/** σ as Σ_n P_n z^n. */
export type ZPoly = readonly MPoly[];

/** Highest z-degree the symbolic path expands (σ^i included). */
const MAX_SYMBOLIC_DEGREE = 96;
/** Most parameter terms in one coefficient before the expansion is refused. */
const MAX_SYMBOLIC_TERMS = 20_000;

function trim(p: MPoly[]): MPoly[] {
  let n = p.length;
  while (n > 0 && p[n - 1]!.isZero()) n--;
  return p.slice(0, n);
}

function zAdd(p: ZPoly, q: ZPoly): MPoly[] {
  const out: MPoly[] = [];
  for (let i = 0; i < Math.max(p.length, q.length); i++) out.push((p[i] ?? MPoly.ZERO).add(q[i] ?? MPoly.ZERO));
  return trim(out);
}

function zScale(p: ZPoly, c: MPoly): MPoly[] {
  return trim(p.map((x) => x.mul(c)));
}

function checkSize(degree: number, p?: readonly MPoly[]): void {
  if (degree > MAX_SYMBOLIC_DEGREE)
    throw new OutOfRangeError(`the symbolic expansion has z-degree ${degree}, above the limit ${MAX_SYMBOLIC_DEGREE}; fix some parameters with --set`);
  for (const c of p ?? []) {
    if (c.termList().length > MAX_SYMBOLIC_TERMS)
      throw new OutOfRangeError(`a symbolic coefficient has more than ${MAX_SYMBOLIC_TERMS} terms; fix some parameters with --set`);
  }
}

export function zMul(p: ZPoly, q: ZPoly): MPoly[] {
  if (p.length === 0 || q.length === 0) return [];
  checkSize(p.length + q.length - 2);
  const out: MPoly[] = new Array<MPoly>(p.length + q.length - 1).fill(MPoly.ZERO);
  p.forEach((a, i) => {
    if (a.isZero()) return;
    q.forEach((b, j) => {
      if (!b.isZero()) out[i + j] = out[i + j]!.add(a.mul(b));
    });
  });
  return trim(out);
}

function zPow(p: ZPoly, n: number): MPoly[] {
  checkSize(Math.max(0, p.length - 1) * n);
  let acc: MPoly[] = [MPoly.ONE];
  for (let i = 0; i < n; i++) acc = zMul(acc, p);
  checkSize(acc.length - 1, acc);
  return acc;
}

/** p(q(z)) for a rational polynomial p (Horner). */
function composeRational(p: readonly Rational[], q: ZPoly): MPoly[] {
  let acc: MPoly[] = [];
  for (let i = p.length - 1; i >= 0; i--) acc = zAdd(zMul(acc, q), p[i]!.isZero() ? [] : [MPoly.constant(p[i]!)]);
  return acc;
}

/**
 * The polynomial in z (with parameter-polynomial coefficients) the tree spells, or null when it is
 * not one: a function call, π or e, a division by something other than a nonzero rational, a
 * non-integer or parameter-dependent exponent.
 * @example zPolynomialOf(parseLink('z^3 + a*z', { freeParameters: true })).map(String) // ['0', 'a', '0', '1']
 */
export function zPolynomialOf(e: Expr): MPoly[] | null {
  switch (e.kind) {
    case 'number':
      return e.value.isZero() ? [] : [MPoly.constant(e.value)];
    case 'constant':
    case 'call':
      return null;
    case 'variable':
      return [MPoly.ZERO, MPoly.ONE];
    case 'symbol':
      return [MPoly.variable(e.name)];
    case 'neg': {
      const p = zPolynomialOf(e.arg);
      return p && zScale(p, MPoly.constant(Rational.ONE.neg()));
    }
    case 'add':
    case 'sub':
    case 'mul': {
      const a = zPolynomialOf(e.left);
      const b = a && zPolynomialOf(e.right);
      if (!a || !b) return null;
      if (e.kind === 'add') return zAdd(a, b);
      if (e.kind === 'sub') return zAdd(a, zScale(b, MPoly.constant(Rational.ONE.neg())));
      return zMul(a, b);
    }
    case 'div': {
      const a = zPolynomialOf(e.left);
      const b = a && zPolynomialOf(e.right);
      if (!a || !b || b.length !== 1) return null;
      const q = b[0]!.constantValue();
      if (q === null || q.isZero()) return null;
      return zScale(a, MPoly.constant(q.inv()));
    }
    case 'pow': {
      const base = zPolynomialOf(e.left);
      const ex = base && zPolynomialOf(e.right);
      if (!base || !ex || ex.length > 1) return null;
      const n = ex.length === 0 ? Rational.ZERO : ex[0]!.constantValue();
      if (n === null || !n.isInteger() || n.sign() < 0 || n.num > BigInt(MAX_SYMBOLIC_DEGREE)) return null;
      return zPow(base, Number(n.num));
    }
    case 'hermite': {
      const arg = zPolynomialOf(e.arg);
      if (!arg) return null;
      checkSize(Math.max(0, arg.length - 1) * e.degree);
      return composeRational(hermePolynomial(e.degree), arg);
    }
  }
}

/**
 * Probabilists' coefficients u_0, u_1, … (u_k = E[σ He_k]/k!) of σ = Σ_n P_n z^n, each a polynomial
 * in the parameters. z³ + a·z = He_3 + (a + 3)·He_1:
 * @example probabilistsCoefficients(zPolynomialOf(parseLink('z^3 + a*z', { freeParameters: true }))).map(String) // ['0', 'a + 3', '0', '1']
 */
export function probabilistsCoefficients(p: ZPoly): MPoly[] {
  const out: MPoly[] = new Array<MPoly>(p.length).fill(MPoly.ZERO);
  p.forEach((c, n) => {
    if (c.isZero()) return;
    hermeFromMonomials(polyMonomial(n)).forEach((t, k) => {
      if (!t.isZero()) out[k] = out[k]!.add(c.scale(t));
    });
  });
  return trim(out);
}
