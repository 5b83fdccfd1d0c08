/**
 * Differences σ(c + h) − σ(c) without cancellation, with a running bound on their rounding error.
 *
 * Near a fold z_c of the link (σ'(z_c) = 0) the level offset y − σ(z_c) ≈ σ''(z_c)h²/2 is far below
 * the rounding of σ itself (about ε·|σ|), so subtracting two computed values of σ loses every digit
 * when h ≲ √ε. Here the tree is evaluated in *difference arithmetic*: each node carries its value at
 * the anchor c, its value at z = c + h, and the difference d = f(z) − f(c), combined by identities
 * that never subtract two nearly equal computed numbers:
 *
 *     d(u·v) = d_u·v(z) + u(c)·d_v            d(e^u) = e^{u(c)}·expm1(d_u)
 *     d(log u) = log1p(d_u/u(c))              d(sin u) = 2cos(u(c) + d_u/2)·sin(d_u/2)
 *     d(tanh u) = tanh(d_u)·(1 − tanh u(z)·tanh u(c)),   d(u^p) = u(c)^p·expm1(p·log1p(d_u/u(c))), …
 *
 * and `d(z) = h` exactly. An affine image a·σ + b, or a constant added to a tiny quantity, keeps the
 * full relative precision of the small part. Beside each value a magnitude μ is propagated (running
 * error analysis, first order): the rounding error of a value is at most ROUNDING·ε·μ, and every
 * term of a difference's magnitude is proportional to the difference's own scale, so the bound of
 * d shrinks with h as d does. Functions with kinks or jumps (abs, relu, max, min, sign, step) are
 * exact between their kinks; across one the difference is taken directly.
 */
import { callDifference } from './differenceCalls.js';
import { evaluateDirect } from './differenceDirect.js';
import { extremumDifference, hermiteDifference, powDifference, powIntDifference, powRealDifference } from './differenceOps.js';
import { DifferenceTape, EPS } from './differenceTape.js';
import type { Expr } from './tree.js';

/** Safety factor on the first-order running error bound (each operation adds one |value| to μ). */
export const ROUNDING = 4;

/**
 * A difference evaluator anchored at c. `set(c)` evaluates the tree at c; `at(h)` returns
 * σ(c + h) − σ(c) and leaves in `error` a bound on its rounding error, in `value` σ(c + h).
 *
 * @example const D = differenceEvaluator(parseLink('2*z^2*exp(-z^2) - 1')); D.set(0); D.at(1e-9) // 2e-18
 */
export interface DifferenceEvaluator {
  set(c: number): void;
  at(h: number): number;
  /** σ(c) and a bound on its rounding error after `set`. */
  readonly anchorValue: number;
  readonly anchorError: number;
  /** After `at(h)`: σ(c + h) and the error bounds of σ(c + h) and of the difference. */
  readonly value: number;
  readonly valueError: number;
  readonly error: number;
}

export function differenceEvaluator(e: Expr): DifferenceEvaluator {
  const t = new DifferenceTape(e);
  const root = t.root;
  const evaluator = {
    anchorValue: NaN,
    anchorError: NaN,
    value: NaN,
    valueError: NaN,
    error: NaN,
    set(c: number) {
      t.anchor = c;
      evaluateDirect(t, c);
      evaluator.anchorValue = t.vc[root]!;
      evaluator.anchorError = ROUNDING * EPS * t.uc[root]!;
    },
    at(h: number): number {
      propagateDifference(t, h);
      evaluator.value = t.v[root]!;
      evaluator.valueError = ROUNDING * EPS * t.u[root]!;
      evaluator.error = ROUNDING * EPS * t.m[root]!;
      return t.d[root]!;
    },
  };
  return evaluator;
}

/**
 * One pass of difference arithmetic at z = c + h, c the anchor of the last `evaluateDirect`: every
 * node's difference d and its magnitude m, then its value v = v(c) + d and that value's magnitude
 * u = u(c) + m + |v|. Sums, products and quotients are propagated here; powers, max/min, Hermite
 * polynomials (differenceOps.ts) and functions (differenceCalls.ts) by their own steps. The
 * rounding error of each d is ≤ ROUNDING·ε·m, and every term of m scales with the differences.
 */
function propagateDifference(t: DifferenceTape, h: number): void {
  const { ops, vc, uc, v, u, d, m } = t;
  const n = ops.length;
  const anchor = t.anchor;
  // every value at z is taken as v = v(c) + d, so that h below the resolution of z (c + h = c in
  // floating point) still moves every node; its rounding bound is u = u(c) + m + |v|
  for (let i = 0; i < n; i++) {
    const op = ops[i]!;
    switch (op.kind) {
      case 'const':
        d[i] = 0;
        m[i] = 0;
        break;
      case 'variable':
        d[i] = h;
        m[i] = 0;
        break;
      case 'neg':
        d[i] = -d[op.a]!;
        m[i] = m[op.a]!;
        break;
      case 'add': {
        const r = d[op.a]! + d[op.b]!;
        d[i] = r;
        m[i] = m[op.a]! + m[op.b]! + Math.abs(r);
        break;
      }
      case 'sub': {
        const r = d[op.a]! - d[op.b]!;
        d[i] = r;
        m[i] = m[op.a]! + m[op.b]! + Math.abs(r);
        break;
      }
      case 'mul': {
        // ab − a_c b_c = d_a·b_c + a_c·d_b + d_a·d_b
        const da = d[op.a]!;
        const db = d[op.b]!;
        const ac = vc[op.a]!;
        const bc = vc[op.b]!;
        const t1 = da * bc;
        const t2 = ac * db;
        const t3 = da * db;
        const r = t1 + t2 + t3;
        d[i] = r;
        m[i] =
          m[op.a]! * (Math.abs(bc) + Math.abs(db)) +
          Math.abs(da) * uc[op.b]! +
          Math.abs(ac) * m[op.b]! +
          Math.abs(db) * uc[op.a]! +
          m[op.b]! * Math.abs(da) +
          Math.abs(t1) +
          Math.abs(t2) +
          Math.abs(t3) +
          Math.abs(r);
        break;
      }
      case 'div': {
        // a/b − a_c/b_c = (d_a·b_c − a_c·d_b)/(b(z)·b_c)
        const da = d[op.a]!;
        const db = d[op.b]!;
        const ac = vc[op.a]!;
        const bc = vc[op.b]!;
        const bz = v[op.b]!;
        const den = bz * bc;
        const r = (da * bc - ac * db) / den;
        d[i] = r;
        m[i] =
          (m[op.a]! * Math.abs(bc) + Math.abs(da) * uc[op.b]! + Math.abs(ac) * m[op.b]! + Math.abs(db) * uc[op.a]! + Math.abs(da * bc) + Math.abs(ac * db)) /
            Math.abs(den) +
          Math.abs(r) * (u[op.b]! / Math.abs(bz) + uc[op.b]! / Math.abs(bc) + 3);
        break;
      }
      case 'powInt':
        powIntDifference(t, i, op.a, op.n);
        break;
      case 'powReal':
        powRealDifference(t, i, op.a, op.p);
        break;
      case 'pow':
        powDifference(t, i, op.a, op.b);
        break;
      case 'max':
      case 'min':
        extremumDifference(t, i, op.a, op.b, op.kind === 'max');
        break;
      case 'hermite':
        hermiteDifference(t, i, op.a, op.degree);
        break;
      case 'call':
        callDifference(t, i, op.fn, op.a);
        break;
    }
    const value = op.kind === 'variable' ? anchor + h : vc[i]! + d[i]!;
    v[i] = value;
    u[i] = uc[i]! + m[i]! + Math.abs(value);
  }
}
