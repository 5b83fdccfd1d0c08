/**
 * The directions of a multi-index link y = g(z1, …, zr): which zk a tree mentions, its numeric
 * closure on a point (z1..zr) ∈ ℝ^r, and the one-variable trees of its factors. A direction zk
 * is a `symbol` node named `zk` (src/expr/parse.ts, `variables: 'multi'`).
 */
import { compileExpr, type SymbolCells } from '../expr/compile.js';
import { walk, type Expr } from '../expr/tree.js';

/** The direction index k of a node that is zk, else null. */
export function directionOf(e: Expr): number | null {
  if (e.kind !== 'symbol') return null;
  const m = /^z(\d+)$/.exec(e.name);
  return m ? Number(m[1]) : null;
}

/**
 * The directions a tree mentions, 1-based and sorted.
 * @example directionsOf(parseLink('z3*tanh(z1)', { variables: 'multi' })) // [1, 3]
 */
export function directionsOf(e: Expr): number[] {
  const found = new Set<number>();
  walk(e, (n) => {
    const k = directionOf(n);
    if (k !== null) found.add(k);
  });
  return [...found].sort((a, b) => a - b);
}

/**
 * The tree as a closure of a point x = (z1..zr) (x[k−1] = zk), built once (no text is evaluated).
 * @example compileMulti(parseLink('z1*z2 + z3', { variables: 'multi' }), 3)(Float64Array.of(2, 3, 1)) // 7
 */
export function compileMulti(e: Expr, r: number): (x: Float64Array) => number {
  const cells: Record<string, number> = {};
  for (let k = 1; k <= r; k++) cells[`z${k}`] = 0;
  const f = compileExpr(e, cells as unknown as SymbolCells);
  const names = Array.from({ length: r }, (_, i) => `z${i + 1}`);
  return (x) => {
    for (let i = 0; i < r; i++) cells[names[i]!] = x[i]!;
    return f(0);
  };
}

/**
 * The tree with zk read as the single-index variable z (every other direction must be absent):
 * a factor that depends on zk alone becomes a link of z for src/analysis/.
 */
export function asSingleIndex(e: Expr, k: number): Expr {
  return substitute(e, (n) => (directionOf(n) === k ? { kind: 'variable' } : null));
}

/** The tree with every node for which `replace` returns a tree replaced by it (the rest copied as is). */
export function substitute(e: Expr, replace: (n: Expr) => Expr | null): Expr {
  const r = replace(e);
  if (r !== null) return r;
  switch (e.kind) {
    case 'number':
    case 'constant':
    case 'variable':
    case 'symbol':
      return e;
    case 'neg':
      return { kind: 'neg', arg: substitute(e.arg, replace) };
    case 'hermite':
      return { ...e, arg: substitute(e.arg, replace) };
    case 'add':
    case 'sub':
    case 'mul':
    case 'div':
    case 'pow':
      return { kind: e.kind, left: substitute(e.left, replace), right: substitute(e.right, replace) };
    case 'call':
      return { kind: 'call', fn: e.fn, args: e.args.map((a) => substitute(a, replace)) };
  }
}
