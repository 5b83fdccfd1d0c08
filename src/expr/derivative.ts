/**
 * Symbolic derivative dσ/dz on the typed tree (almost everywhere: at a kink of abs, relu,
 * max, min the one-sided derivatives differ and step/sign have derivative 0 off their jump).
 * Constructors fold the trivial constants so the result stays small.
 */
import { Rational } from '../exact/rational.js';
import type { Expr } from './tree.js';

const ZERO: Expr = { kind: 'number', value: Rational.ZERO };
const ONE: Expr = { kind: 'number', value: Rational.ONE };
const numberOf = (q: Rational): Expr => ({ kind: 'number', value: q });

function isNumber(e: Expr, q: Rational): boolean {
  return e.kind === 'number' && e.value.equals(q);
}

export function add(a: Expr, b: Expr): Expr {
  if (isNumber(a, Rational.ZERO)) return b;
  if (isNumber(b, Rational.ZERO)) return a;
  if (a.kind === 'number' && b.kind === 'number') return numberOf(a.value.add(b.value));
  return { kind: 'add', left: a, right: b };
}

export function sub(a: Expr, b: Expr): Expr {
  if (isNumber(b, Rational.ZERO)) return a;
  if (isNumber(a, Rational.ZERO)) return neg(b);
  if (a.kind === 'number' && b.kind === 'number') return numberOf(a.value.sub(b.value));
  return { kind: 'sub', left: a, right: b };
}

export function mul(a: Expr, b: Expr): Expr {
  if (isNumber(a, Rational.ZERO) || isNumber(b, Rational.ZERO)) return ZERO;
  if (isNumber(a, Rational.ONE)) return b;
  if (isNumber(b, Rational.ONE)) return a;
  if (a.kind === 'number' && b.kind === 'number') return numberOf(a.value.mul(b.value));
  return { kind: 'mul', left: a, right: b };
}

export function div(a: Expr, b: Expr): Expr {
  if (isNumber(a, Rational.ZERO)) return ZERO;
  if (isNumber(b, Rational.ONE)) return a;
  return { kind: 'div', left: a, right: b };
}

export function neg(a: Expr): Expr {
  if (a.kind === 'number') return numberOf(a.value.neg());
  if (a.kind === 'neg') return a.arg;
  return { kind: 'neg', arg: a };
}

function pow(a: Expr, b: Expr): Expr {
  if (isNumber(b, Rational.ONE)) return a;
  if (isNumber(b, Rational.ZERO)) return ONE;
  return { kind: 'pow', left: a, right: b };
}

const fn = (name: Extract<Expr, { kind: 'call' }>['fn'], ...args: Expr[]): Expr => ({ kind: 'call', fn: name, args });
const q = (n: number, d = 1) => numberOf(Rational.of(n, d));
const PI: Expr = { kind: 'constant', name: 'pi' };

/** d/dx f(x) as a tree in x = `u`, for the one-argument functions. */
function outerDerivative(name: string, u: Expr): Expr {
  switch (name) {
    case 'sqrt':
      return div(ONE, mul(q(2), fn('sqrt', u)));
    case 'exp':
      return fn('exp', u);
    case 'log':
      return div(ONE, u);
    case 'sin':
      return fn('cos', u);
    case 'cos':
      return neg(fn('sin', u));
    case 'tanh': // 1 − tanh²u: bounded under repeated differentiation (1/cosh² would give ∞/∞ in its derivatives)
      return sub(ONE, pow(fn('tanh', u), q(2)));
    case 'sinh':
      return fn('cosh', u);
    case 'cosh':
      return fn('sinh', u);
    case 'erf': // 2/√π · e^{−u²}
      return mul(div(q(2), fn('sqrt', PI)), fn('exp', neg(pow(u, q(2)))));
    case 'abs':
      return fn('sign', u);
    case 'sign':
    case 'step':
      return ZERO;
    case 'relu':
      return fn('step', u);
    case 'sigmoid': // s(u)(1 − s(u)) = s(u)·s(−u), without the cancellation of 1 − s
      return mul(fn('sigmoid', u), fn('sigmoid', neg(u)));
    case 'softplus':
      return fn('sigmoid', u);
    case 'gelu': // Φ(u) + u·φ(u), Φ(u) = (1 + erf(u/√2))/2
      return add(div(add(ONE, fn('erf', div(u, fn('sqrt', q(2))))), q(2)), div(mul(u, fn('exp', div(neg(pow(u, q(2))), q(2)))), fn('sqrt', mul(q(2), PI))));
    case 'silu': // s(u)·(1 + u(1 − s(u))), 1 − s(u) = s(−u)
      return mul(fn('sigmoid', u), add(ONE, mul(u, fn('sigmoid', neg(u)))));
    default:
      throw new Error(`no derivative rule for ${name}`);
  }
}

/**
 * @example exprToString(derivativeOf(parseLink('z^3 - 3*z'))) // '3*z^2 - 3'
 */
export function derivativeOf(e: Expr): Expr {
  switch (e.kind) {
    case 'number':
    case 'constant':
    case 'symbol': // y, η, d do not depend on z
      return ZERO;
    case 'variable':
      return ONE;
    case 'neg':
      return neg(derivativeOf(e.arg));
    case 'add':
      return add(derivativeOf(e.left), derivativeOf(e.right));
    case 'sub':
      return sub(derivativeOf(e.left), derivativeOf(e.right));
    case 'mul':
      return add(mul(derivativeOf(e.left), e.right), mul(e.left, derivativeOf(e.right)));
    case 'div':
      return div(sub(mul(derivativeOf(e.left), e.right), mul(e.left, derivativeOf(e.right))), pow(e.right, q(2)));
    case 'pow': {
      const du = derivativeOf(e.left);
      if (e.right.kind === 'number') {
        // n·u^{n−1}·u'
        return mul(mul(e.right, pow(e.left, numberOf(e.right.value.sub(Rational.ONE)))), du);
      }
      // u^v·(v'·log u + v·u'/u)
      const dv = derivativeOf(e.right);
      return mul(e, add(mul(dv, fn('log', e.left)), div(mul(e.right, du), e.left)));
    }
    case 'call': {
      if (e.fn === 'max' || e.fn === 'min') {
        const [u, v] = [e.args[0]!, e.args[1]!];
        const uWins = fn('step', e.fn === 'max' ? sub(u, v) : sub(v, u));
        return add(mul(uWins, derivativeOf(u)), mul(sub(ONE, uWins), derivativeOf(v)));
      }
      const u = e.args[0]!;
      return mul(outerDerivative(e.fn, u), derivativeOf(u));
    }
    case 'hermite': {
      // He_k' = k·He_{k−1}
      const outer: Expr = e.degree === 0 ? ZERO : mul(q(e.degree), { kind: 'hermite', degree: e.degree - 1, arg: e.arg });
      return mul(outer, derivativeOf(e.arg));
    }
  }
}
