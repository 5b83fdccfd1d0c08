/**
 * The typed, whitelisted syntax tree of a link function σ(z). Every other module takes
 * this tree, never user text. Switches over `Expr['kind']` are exhaustive, so adding a
 * node kind breaks the build wherever it is not handled.
 */
import type { Rational } from '../exact/rational.js';

/** Functions a link may call, with their arity. `He(k, z)` is the separate `hermite` node. */
export const FUNCTION_ARITY = {
  sqrt: 1,
  exp: 1,
  log: 1,
  sin: 1,
  cos: 1,
  tanh: 1,
  sinh: 1,
  cosh: 1,
  erf: 1,
  abs: 1,
  sign: 1,
  max: 2,
  min: 2,
  relu: 1,
  step: 1,
  sigmoid: 1,
  softplus: 1,
  gelu: 1,
  silu: 1,
} as const;

export type FunctionName = keyof typeof FUNCTION_ARITY;

/** Functions whose argument's zeros are kinks or jumps of the link. */
export const NONSMOOTH_FUNCTIONS: ReadonlySet<FunctionName> = new Set(['abs', 'sign', 'max', 'min', 'relu', 'step']);

export function isFunctionName(name: string): name is FunctionName {
  return Object.hasOwn(FUNCTION_ARITY, name);
}

export type BinaryOp = 'add' | 'sub' | 'mul' | 'div' | 'pow';

/** Free symbols allowed in an oracle ψ(y, z) typed by the user (never in a link). */
export type SymbolName = 'y' | 'eta' | 'd';

export type Expr =
  | { readonly kind: 'number'; readonly value: Rational }
  | { readonly kind: 'constant'; readonly name: 'pi' | 'e' }
  | { readonly kind: 'variable' }
  | { readonly kind: 'symbol'; readonly name: SymbolName }
  | { readonly kind: 'neg'; readonly arg: Expr }
  | { readonly kind: BinaryOp; readonly left: Expr; readonly right: Expr }
  | { readonly kind: 'call'; readonly fn: FunctionName; readonly args: readonly Expr[] }
  | { readonly kind: 'hermite'; readonly degree: number; readonly arg: Expr };

export const num = (value: Rational): Expr => ({ kind: 'number', value });
export const variable: Expr = { kind: 'variable' };
export const binary = (kind: BinaryOp, left: Expr, right: Expr): Expr => ({ kind, left, right });
export const call = (fn: FunctionName, ...args: Expr[]): Expr => ({ kind: 'call', fn, args });

/** True when the subtree does not mention z. */
export function isConstant(e: Expr): boolean {
  switch (e.kind) {
    case 'number':
    case 'constant':
      return true;
    case 'variable':
    case 'symbol':
      return false;
    case 'neg':
      return isConstant(e.arg);
    case 'add':
    case 'sub':
    case 'mul':
    case 'div':
    case 'pow':
      return isConstant(e.left) && isConstant(e.right);
    case 'call':
      return e.args.every(isConstant);
    case 'hermite':
      return isConstant(e.arg);
  }
}

/** True when the tree mentions the symbol (any symbol when `name` is omitted). */
export function mentions(e: Expr, name?: SymbolName): boolean {
  let found = false;
  walk(e, (n) => {
    if (n.kind === 'symbol' && (name === undefined || n.name === name)) found = true;
  });
  return found;
}

/** Visit every node, parents before children. */
export function walk(e: Expr, visit: (node: Expr) => void): void {
  visit(e);
  switch (e.kind) {
    case 'number':
    case 'constant':
    case 'variable':
    case 'symbol':
      return;
    case 'neg':
      walk(e.arg, visit);
      return;
    case 'add':
    case 'sub':
    case 'mul':
    case 'div':
    case 'pow':
      walk(e.left, visit);
      walk(e.right, visit);
      return;
    case 'call':
      for (const a of e.args) walk(a, visit);
      return;
    case 'hermite':
      walk(e.arg, visit);
      return;
  }
}

/** Binding strength of each node kind when printed (higher binds tighter). */
export const PRECEDENCE: Record<Expr['kind'], number> = {
  number: 9,
  constant: 9,
  variable: 9,
  symbol: 9,
  call: 9,
  hermite: 9,
  pow: 7,
  neg: 6,
  mul: 5,
  div: 5,
  add: 4,
  sub: 4,
};

/**
 * When `e` prints with a leading minus sign (a negative number, a negation, or a product or
 * quotient whose first factor is one), the same term without it; otherwise null. The printers
 * use it to write `a + -3*z` as `a - 3*z` and `a - -3` as `a + 3`.
 *
 * @example exprToString(negatedTerm(parseLink('-3*z'))) // '3*z'
 */
export function negatedTerm(e: Expr): Expr | null {
  switch (e.kind) {
    case 'number':
      return e.value.sign() < 0 ? { kind: 'number', value: e.value.neg() } : null;
    case 'neg':
      return e.arg;
    case 'mul':
    case 'div': {
      const left = negatedTerm(e.left);
      return left === null ? null : { kind: e.kind, left, right: e.right };
    }
    default:
      return null;
  }
}

/**
 * Render in the input syntax (mathjs-compatible); parses back (`parseLink`) to the same function.
 * A sum whose right term starts with a minus sign prints as a difference, and a difference of
 * such a term as a sum.
 *
 * @example exprToString(parseLink('z^3 + -3*z')) // 'z^3 - 3*z'
 */
export function exprToString(e: Expr): string {
  const wrap = (child: Expr, minPrec: number): string => {
    const s = exprToString(child);
    const p =
      child.kind === 'number' && child.value.sign() < 0
        ? PRECEDENCE.neg
        : child.kind === 'number' && !child.value.isInteger()
          ? PRECEDENCE.div
          : PRECEDENCE[child.kind];
    return p < minPrec ? `(${s})` : s;
  };
  switch (e.kind) {
    case 'number':
      return e.value.toString();
    case 'constant':
      return e.name;
    case 'variable':
      return 'z';
    case 'symbol':
      return e.name;
    case 'neg':
      return `-${wrap(e.arg, PRECEDENCE.neg + 1)}`;
    case 'add':
    case 'sub': {
      const positive = negatedTerm(e.right);
      const minus = (e.kind === 'sub') !== (positive !== null);
      const right = positive ?? e.right;
      return minus ? `${wrap(e.left, 4)} - ${wrap(right, 5)}` : `${wrap(e.left, 4)} + ${wrap(right, 4)}`;
    }
    case 'mul':
      return `${wrap(e.left, 5)}*${wrap(e.right, 6)}`;
    case 'div':
      return `${wrap(e.left, 5)}/${wrap(e.right, 6)}`;
    case 'pow':
      return `${wrap(e.left, 8)}^${wrap(e.right, 8)}`;
    case 'call':
      return `${e.fn}(${e.args.map(exprToString).join(', ')})`;
    case 'hermite':
      return `He(${e.degree}, ${exprToString(e.arg)})`;
  }
}
