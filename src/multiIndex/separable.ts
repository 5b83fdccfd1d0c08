/**
 * Product structure of a multi-index link: g = Σ_j c_j Π_s f_{j,s}(z_s), each factor a function of
 * one direction, read off the tree by distributing products over sums and by the identities
 *
 *     sign(a·b) = sign(a)·sign(b),  |a·b| = |a|·|b|,  sign(−a) = −sign(a),  |−a| = |a|,
 *     e^{a + b} = e^a·e^b.
 *
 * Then E[g Π_s h_{k_s}(z_s)] = Σ_j c_j Π_s E[f_{j,s} h_{k_s}] (independent coordinates), so every
 * coefficient is a sum of products of single-index coefficients (src/analysis/).
 */
import { Rational } from '../exact/rational.js';
import type { Expr } from '../expr/tree.js';
import { directionsOf } from './variables.js';
import { multiPolynomialOf } from './polynomial.js';

/** c · Π_s f_s(z_s); `factors` maps a direction s (1-based) to the tree of f_s (a function of zs only). */
export interface SeparableTerm {
  readonly coefficient: Rational;
  readonly factors: ReadonlyMap<number, Expr>;
}

/** Most terms after distributing products. */
export const MAX_SEPARABLE_TERMS = 64;

/** The rational value of a tree without directions, or null (π, e, √2… are not rational). */
function rationalOf(e: Expr): Rational | null {
  const p = multiPolynomialOf(e, 1);
  if (!p) return null;
  return p.size === 0 ? Rational.ZERO : p.size === 1 && p.has('0') ? p.get('0')! : null;
}

function product(a: readonly SeparableTerm[], b: readonly SeparableTerm[]): SeparableTerm[] | null {
  if (a.length * b.length > MAX_SEPARABLE_TERMS) return null;
  const out: SeparableTerm[] = [];
  for (const x of a) {
    for (const y of b) {
      const factors = new Map(x.factors);
      for (const [s, f] of y.factors) {
        const g = factors.get(s);
        factors.set(s, g ? { kind: 'mul', left: g, right: f } : f);
      }
      out.push({ coefficient: x.coefficient.mul(y.coefficient), factors });
    }
  }
  return out;
}

const negate = (terms: readonly SeparableTerm[]): SeparableTerm[] => terms.map((t) => ({ ...t, coefficient: t.coefficient.neg() }));

/**
 * The link as a sum of products of one-direction factors, or null when the tree does not show one.
 * @example separableTerms(parseLink('sign(z1*z2*z3)', { variables: 'multi' }))?.length // 1
 * @example separableTerms(parseLink('tanh(z1 + z2)', { variables: 'multi' })) // null
 */
export function separableTerms(e: Expr): SeparableTerm[] | null {
  const directions = directionsOf(e);
  if (directions.length === 0) {
    const q = rationalOf(e);
    return q === null ? null : q.isZero() ? [] : [{ coefficient: q, factors: new Map() }];
  }
  if (directions.length === 1) {
    const q = rationalOf(e);
    if (q !== null) return q.isZero() ? [] : [{ coefficient: q, factors: new Map() }];
    return [{ coefficient: Rational.ONE, factors: new Map([[directions[0]!, e]]) }];
  }
  switch (e.kind) {
    case 'neg': {
      const t = separableTerms(e.arg);
      return t && negate(t);
    }
    case 'add':
    case 'sub': {
      const a = separableTerms(e.left);
      const b = a && separableTerms(e.right);
      if (!a || !b || a.length + b.length > MAX_SEPARABLE_TERMS) return null;
      return [...a, ...(e.kind === 'add' ? b : negate(b))];
    }
    case 'mul': {
      const a = separableTerms(e.left);
      const b = a && separableTerms(e.right);
      return a && b && product(a, b);
    }
    case 'div': {
      const a = separableTerms(e.left);
      if (!a) return null;
      const q = rationalOf(e.right);
      if (q !== null) return q.isZero() ? null : a.map((t) => ({ ...t, coefficient: t.coefficient.div(q) }));
      const d = directionsOf(e.right);
      if (d.length !== 1) return null;
      const one: Expr = { kind: 'number', value: Rational.ONE };
      return product(a, [{ coefficient: Rational.ONE, factors: new Map([[d[0]!, { kind: 'div', left: one, right: e.right }]]) }]);
    }
    case 'pow': {
      const q = rationalOf(e.right);
      if (q === null || !q.isInteger() || q.sign() < 0 || q.num > 8n) return null;
      const base = separableTerms(e.left);
      if (!base) return null;
      let acc: SeparableTerm[] | null = [{ coefficient: Rational.ONE, factors: new Map() }];
      for (let i = 0n; i < q.num && acc; i++) acc = product(acc, base);
      return acc;
    }
    case 'call':
      return callTerms(e);
    default:
      return null;
  }
}

function callTerms(e: Expr & { kind: 'call' }): SeparableTerm[] | null {
  if (e.fn === 'sign' || e.fn === 'abs') {
    const inner = separableTerms(e.args[0]!);
    if (inner?.length !== 1) return null;
    const [t] = inner as [SeparableTerm];
    const factors = new Map([...t.factors].map(([s, f]): [number, Expr] => [s, { kind: 'call', fn: e.fn, args: [f] }]));
    const c = t.coefficient;
    return [{ coefficient: e.fn === 'sign' ? Rational.of(c.sign()) : c.sign() < 0 ? c.neg() : c, factors }];
  }
  if (e.fn === 'exp') {
    const inner = separableTerms(e.args[0]!);
    if (!inner || inner.some((t) => t.factors.size !== 1) || inner.length > MAX_SEPARABLE_TERMS) return null;
    const factors = new Map<number, Expr>();
    for (const t of inner) {
      const [[s, f]] = [...t.factors] as [[number, Expr]];
      const scaled: Expr = t.coefficient.equals(Rational.ONE) ? f : { kind: 'mul', left: { kind: 'number', value: t.coefficient }, right: f };
      const g = factors.get(s);
      factors.set(s, g ? { kind: 'add', left: g, right: scaled } : scaled);
    }
    return [{ coefficient: Rational.ONE, factors: new Map([...factors].map(([s, f]): [number, Expr] => [s, { kind: 'call', fn: 'exp', args: [f] }])) }];
  }
  return null;
}
