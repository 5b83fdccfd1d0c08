/**
 * The compiled form of a link for difference arithmetic (difference.ts): the tree as a post-order
 * list of operations, and the per-node arrays every pass reads and writes.
 */
import type { Expr, FunctionName } from './tree.js';

/** Unit roundoff of a double. */
export const EPS = 2.220446049250313e-16;

/** One node of the tree; operands are indices of earlier operations. */
export type Op =
  | { readonly kind: 'const'; readonly value: number }
  | { readonly kind: 'variable' }
  | { readonly kind: 'neg'; readonly a: number }
  | { readonly kind: 'add' | 'sub' | 'mul' | 'div'; readonly a: number; readonly b: number }
  | { readonly kind: 'powInt'; readonly a: number; readonly n: number }
  | { readonly kind: 'powReal'; readonly a: number; readonly p: number }
  | { readonly kind: 'pow'; readonly a: number; readonly b: number }
  | { readonly kind: 'call'; readonly fn: CallName; readonly a: number }
  | { readonly kind: 'max' | 'min'; readonly a: number; readonly b: number }
  | { readonly kind: 'hermite'; readonly a: number; readonly degree: number };

/** Functions of one argument (max and min are operations of their own). */
export type CallName = Exclude<FunctionName, 'max' | 'min'>;

/** Post-order list of operations; the root is last. */
function flatten(e: Expr, ops: Op[]): number {
  const push = (op: Op) => ops.push(op) - 1;
  switch (e.kind) {
    case 'number':
      return push({ kind: 'const', value: e.value.toNumber() });
    case 'constant':
      return push({ kind: 'const', value: e.name === 'pi' ? Math.PI : Math.E });
    case 'variable':
      return push({ kind: 'variable' });
    case 'symbol':
      throw new Error(`internal: the symbol ${e.name} has no value in a link`);
    case 'neg':
      return push({ kind: 'neg', a: flatten(e.arg, ops) });
    case 'add':
    case 'sub':
    case 'mul':
    case 'div': {
      const a = flatten(e.left, ops);
      const b = flatten(e.right, ops);
      return push({ kind: e.kind, a, b });
    }
    case 'pow': {
      const a = flatten(e.left, ops);
      if (e.right.kind === 'number') {
        const p = e.right.value;
        if (p.isInteger() && p.abs().toNumber() <= 1e6) return push({ kind: 'powInt', a, n: p.toNumber() });
        return push({ kind: 'powReal', a, p: p.toNumber() });
      }
      const b = flatten(e.right, ops);
      return push({ kind: 'pow', a, b });
    }
    case 'call': {
      if (e.fn === 'max' || e.fn === 'min') {
        const a = flatten(e.args[0]!, ops);
        const b = flatten(e.args[1]!, ops);
        return push({ kind: e.fn, a, b });
      }
      return push({ kind: 'call', fn: e.fn, a: flatten(e.args[0]!, ops) });
    }
    case 'hermite':
      return push({ kind: 'hermite', a: flatten(e.arg, ops), degree: e.degree });
  }
}

/**
 * The operations of a tree and, per node i, its value and magnitude at the anchor c (vc, uc), at
 * z = c + h (v, u), and the difference f(z) − f(c) with its magnitude (d, m). A magnitude μ bounds
 * the rounding error of its quantity by ROUNDING·ε·μ (first-order running error analysis).
 */
export class DifferenceTape {
  readonly ops: readonly Op[];
  readonly root: number;
  readonly vc: Float64Array;
  readonly uc: Float64Array;
  readonly v: Float64Array;
  readonly u: Float64Array;
  readonly d: Float64Array;
  readonly m: Float64Array;
  /** He_0..He_k scratch, k the largest Hermite degree in the tree. */
  readonly hc: Float64Array;
  /** The anchor c of the last `evaluateDirect`. */
  anchor = 0;

  constructor(e: Expr) {
    const ops: Op[] = [];
    this.root = flatten(e, ops);
    this.ops = ops;
    const n = ops.length;
    this.vc = new Float64Array(n);
    this.uc = new Float64Array(n);
    this.v = new Float64Array(n);
    this.u = new Float64Array(n);
    this.d = new Float64Array(n);
    this.m = new Float64Array(n);
    let maxDegree = 0;
    for (const op of ops) if (op.kind === 'hermite') maxDegree = Math.max(maxDegree, op.degree);
    this.hc = new Float64Array(maxDegree + 2);
  }
}
