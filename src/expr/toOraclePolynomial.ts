/**
 * Exact route for an oracle ψ(y, z): a tree that is a polynomial in the label y and the
 * preactivation z with rational coefficients becomes ψ = Σ_i y^i·q_i(z), the `Polynomial` q_i
 * (monomial basis in z) at index i. The symbols η and d, functions and constants are not
 * polynomial here (null).
 */
import { Rational } from '../exact/rational.js';
import { polyAdd, polyDegree, polyMul, polyScale, polySub, type Polynomial } from '../poly/polynomial.js';
import { exprToPolynomial } from './toPolynomial.js';
import { mentions, type Expr } from './tree.js';

/** Σ_i y^i·q_i(z): q_i at index i (trailing zero polynomials trimmed; [] is ψ = 0). */
export type OraclePolynomial = readonly Polynomial[];

/** Highest total degree in y handled (ψ is evaluated by Horner's rule in y on top of z). */
const MAX_LABEL_DEGREE = 8;

/**
 * ψ as Σ_i y^i·q_i(z), or null when it is not a rational polynomial in y and z.
 * @example oraclePolynomial(parseLink('y*(3*z^2 - 3)', { symbols: ['y'] })).map((q) => q.map(String)) // [[], ['-3', '0', '3']]
 */
export function oraclePolynomial(e: Expr): OraclePolynomial | null {
  if (mentions(e, 'eta') || mentions(e, 'd')) return null;
  return convert(e);
}

function trim(p: Polynomial[]): Polynomial[] {
  while (p.length > 0 && p[p.length - 1]!.length === 0) p.pop();
  return p;
}

function add(a: OraclePolynomial, b: OraclePolynomial, sign: 1 | -1): OraclePolynomial {
  const out: Polynomial[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const p = a[i] ?? [];
    const q = b[i] ?? [];
    out.push(sign > 0 ? polyAdd(p, q) : polySub(p, q));
  }
  return trim(out);
}

function mul(a: OraclePolynomial, b: OraclePolynomial): OraclePolynomial | null {
  if (a.length === 0 || b.length === 0) return [];
  if (a.length + b.length - 2 > MAX_LABEL_DEGREE) return null;
  const out: Polynomial[] = Array.from({ length: a.length + b.length - 1 }, () => []);
  for (let i = 0; i < a.length; i++) for (let j = 0; j < b.length; j++) out[i + j] = polyAdd(out[i + j]!, polyMul(a[i]!, b[j]!));
  return trim(out);
}

function convert(e: Expr): OraclePolynomial | null {
  if (!mentions(e, 'y')) {
    const p = exprToPolynomial(e);
    return p && (p.length === 0 ? [] : [p]);
  }
  switch (e.kind) {
    case 'symbol':
      return [[], [Rational.ONE]]; // y (η and d were excluded above)
    case 'neg': {
      const p = convert(e.arg);
      return p && add([], p, -1);
    }
    case 'add':
    case 'sub':
    case 'mul': {
      const a = convert(e.left);
      const b = a && convert(e.right);
      if (!a || !b) return null;
      return e.kind === 'mul' ? mul(a, b) : add(a, b, e.kind === 'add' ? 1 : -1);
    }
    case 'div': {
      const a = convert(e.left);
      const b = exprToPolynomial(e.right);
      if (!a || !b || polyDegree(b) !== 0) return null;
      const inv = b[0]!.inv();
      return a.map((q) => polyScale(q, inv));
    }
    case 'pow': {
      const base = convert(e.left);
      const n = e.right.kind === 'number' ? e.right.value : null;
      if (!base || !n?.isInteger() || n.sign() < 0 || n.num > BigInt(MAX_LABEL_DEGREE)) return null;
      let acc: OraclePolynomial | null = [[Rational.ONE]];
      for (let k = 0n; k < n.num && acc; k++) acc = mul(acc, base);
      return acc;
    }
    default:
      return null; // a function or Hermite polynomial of y
  }
}
