/**
 * Exact values of constant subtrees (no z): rationals, π, e, √q, e^q and their products
 * and sums, as `ExactScalar`. Anything else is not folded (null).
 */
import { ExactScalar } from '../exact/scalar.js';
import { Rational } from '../exact/rational.js';
import type { Expr } from '../expr/tree.js';

/** @example exactConstant(parseLink('1/sqrt(2*pi)'))?.toString() // '1/sqrt(2*pi)' */
export function exactConstant(e: Expr): ExactScalar | null {
  switch (e.kind) {
    case 'number':
      return ExactScalar.rational(e.value);
    case 'constant':
      return e.name === 'pi' ? ExactScalar.piPower(2) : ExactScalar.expRational(Rational.ONE);
    case 'variable':
    case 'symbol':
      return null;
    case 'neg':
      return exactConstant(e.arg)?.neg() ?? null;
    case 'add':
    case 'sub':
    case 'mul': {
      const a = exactConstant(e.left);
      const b = a && exactConstant(e.right);
      if (!a || !b) return null;
      return e.kind === 'add' ? a.add(b) : e.kind === 'sub' ? a.sub(b) : a.mul(b);
    }
    case 'div': {
      const a = exactConstant(e.left);
      const b = a && exactConstant(e.right);
      if (!a || !b || !b.isSingleTerm()) return null;
      return a.div(b);
    }
    case 'pow': {
      const base = exactConstant(e.left);
      if (!base || e.right.kind !== 'number') return null;
      const n = e.right.value;
      if (n.isInteger()) return integerPower(base, n.num);
      if (n.equals(Rational.of(1, 2))) return squareRoot(base);
      return null;
    }
    case 'call': {
      if (e.args.length !== 1) return null;
      const arg = exactConstant(e.args[0]!);
      if (!arg) return null;
      if (e.fn === 'sqrt') return squareRoot(arg);
      if (e.fn === 'exp') {
        const q = asRational(arg);
        return q ? ExactScalar.expRational(q) : null;
      }
      if (e.fn === 'abs') {
        const q = asRational(arg);
        return q ? ExactScalar.rational(q.abs()) : null;
      }
      return null;
    }
    case 'hermite':
      return null;
  }
}

/** The rational value of a scalar that is a plain rational, else null. */
export function asRational(x: ExactScalar): Rational | null {
  const terms = x.terms();
  if (terms.length === 0) return Rational.ZERO;
  if (terms.length !== 1) return null;
  const t = terms[0]!;
  return t.r === 1n && t.h === 0 && t.s.isZero() && t.phi === undefined ? t.q : null;
}

function integerPower(base: ExactScalar, n: bigint): ExactScalar | null {
  if (n < 0n) {
    if (!base.isSingleTerm()) return null;
    const p = integerPower(base, -n);
    return p && ExactScalar.rational(Rational.ONE).div(p);
  }
  if (n > 64n) return null;
  let acc = ExactScalar.rational(Rational.ONE);
  for (let i = 0n; i < n; i++) acc = acc.mul(base);
  return acc;
}

/** √(q·π^{h/2}·e^s) for a single term with r = 1, h even and q ≥ 0; else null. */
function squareRoot(x: ExactScalar): ExactScalar | null {
  const terms = x.terms();
  if (terms.length === 0) return ExactScalar.zero();
  if (terms.length !== 1) return null;
  const t = terms[0]!;
  if (t.r !== 1n || t.h % 2 !== 0 || t.q.sign() < 0 || t.phi !== undefined) return null;
  return ExactScalar.sqrtRational(t.q)
    .mul(ExactScalar.piPower(t.h / 2))
    .mul(ExactScalar.expRational(t.s.div(Rational.of(2))));
}
