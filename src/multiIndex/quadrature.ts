/**
 * Numeric coefficients of a link of two directions (z_a, z_b) by nested projection:
 *
 *     α_{j,k} = E_{z_b}[ h_k(z_b) · β_j(z_b) ],   β_j(t) = E_{z_a}[ g(z_a, t) h_j(z_a) ],
 *
 * the inner β_0..β_K(t) by one adaptive Gauss–Kronrod projection (src/quadrature/hermiteProjection.ts)
 * at each outer node t, split at the kinks of g(·, t) (found on the tree with z_b = t exactly), the
 * outer by one projection per j. Error bound of α_{j,k}: the outer bound plus the largest inner
 * bound of β_j over the nodes used, since |E[e(z_b) h_k(z_b)]| ≤ sup|e|·E|h_k| ≤ sup|e|.
 */
import { Rational } from '../exact/rational.js';
import { specialPointsOf } from '../expr/specialPoints.js';
import { NONSMOOTH_FUNCTIONS, walk, type Expr } from '../expr/tree.js';
import { projectOnHermite, type HermiteProjection } from '../quadrature/hermiteProjection.js';
import { compileMulti, directionOf, substitute } from './variables.js';

/** Most inner projections (outer nodes) and sub-intervals per projection before the route gives up. */
export const MAX_OUTER_NODES = 6000;
export const MAX_INTERVALS = 400;

/** Thrown when the nested projection needs more work than the caps allow (g is likely not in L²). */
export class ProjectionBudgetExceeded extends Error {
  override readonly name = 'ProjectionBudgetExceeded';
}

export interface NestedProjection {
  /** α_{j,k} with j the index on the first direction, k on the second, and its error bound. */
  coefficient(j: number, k: number): { value: number; error: number };
  /** Evaluations of g. */
  readonly evaluations: () => number;
}

/** The tree with z_a ↦ z and z_b ↦ the exact value t. */
function slice(e: Expr, a: number, b: number, t: Rational): Expr {
  return substitute(e, (n) => {
    const k = directionOf(n);
    return k === a ? { kind: 'variable' } : k === b ? { kind: 'number', value: t } : null;
  });
}

/**
 * Coefficients α_{j,k}, j + k ≤ K, of g(z_a, z_b) for directions = [a, b].
 * @example nestedProjection(parseLink('tanh(z1 + z2)', { variables: 'multi' }), [1, 2], 2).coefficient(1, 0).value // ≈ 0.480024254336051
 */
export function nestedProjection(e: Expr, directions: readonly number[], K: number): NestedProjection {
  const [a, b] = directions as [number, number];
  const r = Math.max(a, b);
  const g = compileMulti(e, r);
  let kinked = false;
  walk(e, (n) => {
    if (n.kind === 'call' && NONSMOOTH_FUNCTIONS.has(n.fn)) kinked = true;
  });
  const x = new Float64Array(r);
  let evaluations = 0;
  const inner = new Map<number, HermiteProjection>();
  const innerAt = (t: number): HermiteProjection => {
    let p = inner.get(t);
    if (!p) {
      if (inner.size >= MAX_OUTER_NODES) throw new ProjectionBudgetExceeded(`more than ${MAX_OUTER_NODES} outer nodes`);
      const breakpoints = kinked ? specialPointsOf(slice(e, a, b, Rational.fromNumber(t))).kinks : [];
      p = projectOnHermite(
        (z) => {
          x[a - 1] = z;
          x[b - 1] = t;
          return g(x);
        },
        { maxDegree: K, breakpoints, maxIntervals: MAX_INTERVALS },
      );
      evaluations += p.evaluations;
      inner.set(t, p);
    }
    return p;
  };
  const outer = new Map<number, { projection: HermiteProjection; innerError: number }>();
  const outerOf = (j: number) => {
    let o = outer.get(j);
    if (!o) {
      const used = new Set<number>();
      const projection = projectOnHermite(
        (t) => {
          used.add(t);
          return innerAt(t).orthonormal[j]!;
        },
        { maxDegree: K - j, maxIntervals: MAX_INTERVALS },
      );
      let innerError = 0;
      for (const t of used) innerError = Math.max(innerError, inner.get(t)!.error[j]!);
      outer.set(j, (o = { projection, innerError }));
    }
    return o;
  };
  return {
    coefficient(j, k) {
      const o = outerOf(j);
      return { value: o.projection.orthonormal[k]!, error: o.projection.error[k]! + o.innerError };
    },
    evaluations: () => evaluations,
  };
}
