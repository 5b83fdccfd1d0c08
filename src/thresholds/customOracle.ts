/**
 * A user's oracle ψ(y, z) (may use η and d) as label powers: when ψ is a polynomial in y, η
 * and d (coefficients any functions of z), ψ = Σ y^k·η^a·d^b·g_{kab}(z) exactly; otherwise it is
 * non-separable and μ_i comes from the 2-D quadrature of docs/theory.md §4.
 */
import { Rational } from '../exact/rational.js';
import { add, div, mul, neg, sub } from '../expr/derivative.js';
import { mentions, type Expr } from '../expr/tree.js';
import type { OracleTerm } from './oracle.js';

/** Monomial y^k·η^a·d^b (a, b may be negative) → its z-coefficient. */
type Expansion = Map<string, { k: number; a: number; b: number; g: Expr }>;

const ONE: Expr = { kind: 'number', value: Rational.ONE };
const key = (k: number, a: number, b: number) => `${k},${a},${b}`;

function leaf(g: Expr): Expansion {
  return new Map([[key(0, 0, 0), { k: 0, a: 0, b: 0, g }]]);
}

function combine(x: Expansion, y: Expansion, op: (a: Expr, b: Expr) => Expr, negate: (a: Expr) => Expr): Expansion {
  const out: Expansion = new Map(x);
  for (const [k, t] of y) {
    const old = out.get(k);
    out.set(k, old ? { ...old, g: op(old.g, t.g) } : { ...t, g: negate(t.g) });
  }
  return out;
}

function times(x: Expansion, y: Expansion): Expansion {
  let out: Expansion = new Map();
  for (const s of x.values()) {
    for (const t of y.values()) {
      out = combine(out, new Map([[key(s.k + t.k, s.a + t.a, s.b + t.b), { k: s.k + t.k, a: s.a + t.a, b: s.b + t.b, g: mul(s.g, t.g) }]]), add, (g) => g);
    }
  }
  return out;
}

/** The expansion, or null when ψ is not a polynomial in y, η, d. */
function expand(e: Expr): Expansion | null {
  if (!mentions(e)) return leaf(e);
  switch (e.kind) {
    case 'symbol':
      return new Map([
        [
          key(e.name === 'y' ? 1 : 0, e.name === 'eta' ? 1 : 0, e.name === 'd' ? 1 : 0),
          { k: e.name === 'y' ? 1 : 0, a: e.name === 'eta' ? 1 : 0, b: e.name === 'd' ? 1 : 0, g: ONE },
        ],
      ]);
    case 'neg': {
      const x = expand(e.arg);
      return x && new Map([...x].map(([k, t]) => [k, { ...t, g: neg(t.g) }]));
    }
    case 'add':
    case 'sub': {
      const x = expand(e.left);
      const y = x && expand(e.right);
      if (!x || !y) return null;
      return e.kind === 'add' ? combine(x, y, add, (g) => g) : combine(x, y, sub, neg);
    }
    case 'mul': {
      const x = expand(e.left);
      const y = x && expand(e.right);
      return x && y ? times(x, y) : null;
    }
    case 'div': {
      // divide by a z-free monomial in η and d (or by a function of z alone)
      const x = expand(e.left);
      const y = x && expand(e.right);
      if (!x || !y || y.size !== 1) return null;
      const m = [...y.values()][0]!;
      if (m.k !== 0) return null;
      return new Map([...x.values()].map((t) => [key(t.k, t.a - m.a, t.b - m.b), { k: t.k, a: t.a - m.a, b: t.b - m.b, g: div(t.g, m.g) }]));
    }
    case 'pow': {
      if (e.right.kind !== 'number' || !e.right.value.isInteger() || e.right.value.sign() < 0 || e.right.value.num > 12n) return null;
      const base = expand(e.left);
      if (!base) return null;
      let acc = leaf(ONE);
      for (let n = 0n; n < e.right.value.num; n++) acc = times(acc, base);
      return acc;
    }
    default:
      return null; // a function of y, η or d: non-separable
  }
}

/**
 * @example separableOracle(parseLink('y*z + eta*y^2*z^3', { symbols: ['y', 'eta', 'd'] })).length // 2
 */
export function separableOracle(psi: Expr): OracleTerm[] | null {
  const x = expand(psi);
  if (!x) return null;
  return [...x.values()]
    .filter((t) => !(t.g.kind === 'number' && t.g.value.isZero()))
    .sort((s, t) => s.k - t.k || s.a - t.a || s.b - t.b)
    .map((t) => ({ power: t.k, coefficient: Rational.ONE, etaPower: t.a, dPower: t.b, g: t.g }));
}
