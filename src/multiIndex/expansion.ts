/**
 * The multivariate Hermite expansion of a multi-index link g(z1..zr), z ~ N(0, I_r):
 *
 *     α_k = E[g(z) Π_s h_{k_s}(z_s)],  h_j = He_j/√j!  (orthonormal per variable, docs/theory.md §2),
 *     g = Σ_k α_k Π_s h_{k_s}(z_s),
 *
 * for every multi-index k with |k| = Σ_s k_s ≤ K. Routes, first that applies:
 *   polynomial  exact rationals (α_k = u_k·√(Π_s k_s!)), the whole support (src/multiIndex/polynomial.ts);
 *   separable   Σ_j c_j Π_s f_{j,s}(z_s): sums of products of single-index coefficients (exact,
 *               closed form or numeric ± bound from src/analysis/), zeros certified per factor;
 *   numeric     two directions: nested Gauss–Kronrod projection ± bound (src/multiIndex/quadrature.ts);
 *   not computed otherwise, with the reason.
 * Zeros certified by parity: when g is even (odd) in z_s for every value of the other directions,
 * α_k = 0 whenever k_s is odd (even); a direction the link does not mention has k_s = 0.
 */
import { ExactScalar } from '../exact/scalar.js';
import type { Rational } from '../exact/rational.js';
import { closedFormOf, closedFormRawCoefficients } from '../closedForm/families.js';
import { exactInConvention } from '../analysis/conventions.js';
import {
  hermiteCoefficients,
  numericStatus,
  type Coefficient,
  type Decision,
  type HermiteTable,
  type Status,
  DEFAULT_RELATIVE_TOLERANCE,
} from '../analysis/hermiteCoefficients.js';
import { parityOf, type Parity } from '../expr/parity.js';
import { exprToString, type Expr } from '../expr/tree.js';
import { compareMultiIndex, hermeOfMultiPolynomial, indexOf, keyOf, multiPolynomialOf } from './polynomial.js';
import { separableTerms, type SeparableTerm } from './separable.js';
import { flipParity } from './symmetry.js';
import { asSingleIndex, directionOf, directionsOf, substitute } from './variables.js';
import { nestedProjection, ProjectionBudgetExceeded } from './quadrature.js';

export interface MultiCoefficient {
  /** k = (k_1..k_r). */
  readonly multiIndex: readonly number[];
  /** α_k = E[g Π_s h_{k_s}(z_s)]. */
  readonly orthonormal: number;
  /** Exact value (mathjs syntax), or null when numeric. */
  readonly exact: string | null;
  /** Absolute error bound of `orthonormal` (0 when exact). */
  readonly error: number;
  /** `nonzero` certified (or numeric beyond its bound), `below-tolerance` or `undecided` (numeric). */
  readonly status: Exclude<Status, 'zero'>;
  readonly decidedBy: Decision;
}

export type MultiRoute = 'polynomial' | 'separable' | 'numeric' | 'not-computed';

/**
 * What the table cannot see beyond |k| ≤ K, as lower bounds for the leap: coefficients of this
 * group live on `directions` only, and one that involves directions[i] (k_s > 0) has k_s ≥ minimumIndex[i]
 * (≥ 1; 2 where parity forbids odd k_s). A coefficient of the group may involve any subset of them.
 */
export interface UnseenGroup {
  readonly directions: readonly number[];
  readonly minimumIndex: readonly number[];
  /** Whether a coefficient of the group may have k_s = 0 on directions[i] (false: every one involves it, e.g. an odd factor). */
  readonly mayBeAbsent: readonly boolean[];
  /** True when the group is one known nonzero coefficient k (k_s = minimumIndex on its directions). */
  readonly certain: boolean;
}

export interface MultiExpansion {
  /** r: the largest direction index the link mentions. */
  readonly variables: number;
  /** Directions the link mentions (1-based). */
  readonly directions: readonly number[];
  readonly route: MultiRoute;
  /** Why the route is `not-computed`, else null. */
  readonly reason: string | null;
  /** K: the table holds every multi-index with |k| ≤ K. */
  readonly maxDegree: number;
  /** Parity of g in each direction z_s (for every value of the others), index s − 1. */
  readonly parities: readonly Parity[];
  /** Parity under z ↦ −z (all directions at once): α_k = 0 when |k| has the other parity. */
  readonly jointParity: Parity;
  /** The multi-indices with |k| ≤ K not certified zero, in graded order. */
  readonly coefficients: readonly MultiCoefficient[];
  /** How many multi-indices with |k| ≤ K are certified zero, and by what. */
  readonly certifiedZeros: { readonly count: number; readonly by: readonly string[] };
  /** Absolute tolerance τ = relTol·(Σ α_k²)^{1/2} under which a numeric α_k counts as below tolerance. */
  readonly tolerance: number;
  /** Coefficients beyond |k| ≤ K that may be nonzero, grouped (empty: the table is the whole support). */
  readonly unseen: readonly UnseenGroup[];
}

export interface MultiExpansionOptions {
  readonly maxDegree: number;
  readonly relativeTolerance?: number;
}

/** Number of multi-indices in ℕ^r with |k| ≤ K: C(K + r, r). */
export function multiIndexCount(r: number, K: number): number {
  let c = 1;
  for (let i = 1; i <= r; i++) c = (c * (K + i)) / i;
  return Math.round(c);
}

/**
 * Parity of g in z_s: the other directions are frozen to a constant (π, any constant will do:
 * parityOf reads structure, not values).
 * @example parityIn(parseLink('sign(z1*z2) + z2^2', { variables: 'multi' }), 1) // 'none'
 * @example parityIn(parseLink('sign(z1*z2)*z2^2', { variables: 'multi' }), 1) // 'odd'
 */
export function parityIn(e: Expr, s: number): Parity {
  const frozen = freezeOthers(e, s);
  return parityOf(asSingleIndex(frozen, s));
}

function freezeOthers(e: Expr, s: number): Expr {
  return substitute(e, (n) => {
    const k = directionOf(n);
    return k === null ? null : k === s ? n : { kind: 'constant', name: 'pi' };
  });
}

/**
 * Parity of g under z ↦ −z (every direction flipped at once): `flipParity` over all directions.
 * @example jointParityOf(parseLink('tanh(z1 + He3(z2))', { variables: 'multi' })) // 'odd'
 * @example jointParityOf(parseLink('z1*z2 + 1', { variables: 'multi' })) // 'even'
 */
export function jointParityOf(e: Expr): Parity {
  return flipParity(e, new Set(directionsOf(e)));
}

/** True when parity certifies α_k = 0. */
function zeroByParity(k: readonly number[], parities: readonly Parity[]): boolean {
  return k.some((ks, i) => (parities[i] === 'even' && ks % 2 === 1) || (parities[i] === 'odd' && ks % 2 === 0));
}

/** Every multi-index with |k| ≤ K on r variables, in graded order. */
function* multiIndices(r: number, K: number): Generator<number[]> {
  for (let total = 0; total <= K; total++) {
    const rec = function* (i: number, left: number, prefix: number[]): Generator<number[]> {
      if (i === r - 1) {
        yield [...prefix, left];
        return;
      }
      for (let v = left; v >= 0; v--) yield* rec(i + 1, left - v, [...prefix, v]);
    };
    if (r === 0) {
      if (total === 0) yield [];
    } else yield* rec(0, total, []);
  }
}

/**
 * The route `multiHermiteExpansion` takes for a tree (before any numerics).
 * @example expansionRoute(parseLink('tanh(z1 + He3(z2))', { variables: 'multi' })) // 'numeric'
 * @example expansionRoute(parseLink('sign(z1*z2*z3)', { variables: 'multi' })) // 'separable'
 */
export function expansionRoute(e: Expr): MultiRoute {
  const directions = directionsOf(e);
  const r = directions.length === 0 ? 1 : directions[directions.length - 1]!;
  if (multiPolynomialOf(e, r)) return 'polynomial';
  if (separableTerms(e)) return 'separable';
  return directions.length === 2 ? 'numeric' : 'not-computed';
}

/**
 * @example multiHermiteExpansion(parseLink('z1*z2*z3', { variables: 'multi' }), { maxDegree: 4 }).coefficients.map((c) => c.multiIndex) // [[1, 1, 1]]
 * @example multiHermiteExpansion(parseLink('z1^2*z2', { variables: 'multi' }), { maxDegree: 4 }).coefficients[1].exact // 'sqrt(2)'
 */
export function multiHermiteExpansion(e: Expr, options: MultiExpansionOptions): MultiExpansion {
  const K = options.maxDegree;
  const relTol = options.relativeTolerance ?? DEFAULT_RELATIVE_TOLERANCE;
  const directions = directionsOf(e);
  const r = directions.length === 0 ? 1 : directions[directions.length - 1]!;
  const parities = Array.from({ length: r }, (_, i) => (directions.includes(i + 1) ? parityIn(e, i + 1) : 'even'));
  const jointParity = jointParityOf(e);
  const base = { variables: r, directions, maxDegree: K, parities, jointParity };
  const total = multiIndexCount(r, K);
  const polynomial = multiPolynomialOf(e, r);
  if (polynomial) return { ...base, ...polynomialRoute(hermeOfMultiPolynomial(polynomial), K, total) };
  const terms = separableTerms(e);
  if (terms) return { ...base, ...separableRoute(terms, r, K, relTol, total) };
  if (directions.length === 2) return { ...base, ...numericRoute(e, r, directions, parities, jointParity, K, relTol, total) };
  return {
    ...base,
    route: 'not-computed',
    reason: `the link is neither a polynomial nor a sum of products of one-direction factors, and numeric integration is done for exactly 2 directions (it mentions ${directions.length})`,
    coefficients: [],
    certifiedZeros: { count: 0, by: [] },
    tolerance: 0,
    unseen: [],
  };
}

type RouteResult = Pick<MultiExpansion, 'route' | 'reason' | 'coefficients' | 'certifiedZeros' | 'tolerance' | 'unseen'>;

function sqrtFactorials(k: readonly number[]): ExactScalar {
  return k.reduce((acc, ks) => acc.mul(ExactScalar.sqrtFactorial(ks)), ExactScalar.one());
}

function polynomialRoute(u: ReadonlyMap<string, Rational>, K: number, total: number): RouteResult {
  const coefficients: MultiCoefficient[] = [];
  const unseen: UnseenGroup[] = [];
  for (const [key, uk] of u) {
    const k = indexOf(key);
    const exact = ExactScalar.rational(uk).mul(sqrtFactorials(k));
    const entry: MultiCoefficient = { multiIndex: k, orthonormal: exact.toNumber(), exact: exact.toString(), error: 0, status: 'nonzero', decidedBy: 'exact' };
    if (k.reduce((a, b) => a + b, 0) <= K) coefficients.push(entry);
  }
  // the support beyond K is known exactly: list it as groups of single multi-indices
  for (const key of u.keys()) {
    const k = indexOf(key);
    if (k.reduce((a, b) => a + b, 0) > K) {
      const directions = k.flatMap((ks, i) => (ks > 0 ? [i + 1] : []));
      unseen.push({ directions, minimumIndex: directions.map((s) => k[s - 1]!), mayBeAbsent: directions.map(() => false), certain: true });
    }
  }
  const norm = Math.sqrt(coefficients.reduce((s, c) => s + c.orthonormal ** 2, 0));
  return {
    route: 'polynomial',
    reason: null,
    coefficients,
    certifiedZeros: { count: total - coefficients.length, by: ['exact'] },
    tolerance: DEFAULT_RELATIVE_TOLERANCE * norm,
    unseen,
  };
}

/** Product of intervals a_i ± e_i: value and a bound Π(|a_i| + e_i) − Π|a_i| on its error. */
function intervalProduct(values: readonly number[], errors: readonly number[]): { value: number; error: number } {
  let value = 1;
  let upper = 1;
  let lower = 1;
  values.forEach((v, i) => {
    value *= v;
    upper *= Math.abs(v) + errors[i]!;
    lower *= Math.abs(v);
  });
  return { value, error: upper - lower + 4 * Number.EPSILON * Math.abs(value) * values.length };
}

interface FactorTable {
  readonly table: HermiteTable;
  /** α_0..α_K exactly, when the factor is a closed form (polynomials included). */
  readonly exact: readonly ExactScalar[] | null;
  readonly polynomial: boolean;
}

function separableRoute(terms: readonly SeparableTerm[], r: number, K: number, relTol: number, total: number): RouteResult {
  const tables = new Map<string, FactorTable>();
  const tableOf = (s: number, f: Expr): FactorTable => {
    const single = asSingleIndex(f, s);
    const key = exprToString(single);
    let t = tables.get(key);
    if (!t) {
      const form = closedFormOf(single);
      const exact = form ? closedFormRawCoefficients(form, K).map((c, k) => exactInConvention(c, 'orthonormal', k)) : null;
      const table = hermiteCoefficients(single, { maxDegree: K, relativeTolerance: relTol });
      tables.set(key, (t = { table, exact, polynomial: table.linkClass === 'polynomial' }));
    }
    return t;
  };
  interface Part {
    readonly value: number;
    readonly error: number;
    readonly exact: ExactScalar | null;
    readonly certain: boolean; // every factor certified nonzero
    readonly decidedBy: Decision;
  }
  const parts = new Map<string, Part[]>();
  const zeroReasons = new Set<string>();
  const unseen: UnseenGroup[] = [];
  for (const term of terms) {
    const factorDirections = [...term.factors.keys()].sort((a, b) => a - b);
    const factors = factorDirections.map((s) => tableOf(s, term.factors.get(s)!));
    for (const f of factors) for (const c of f.table.coefficients) if (c.status === 'zero') zeroReasons.add(c.decidedBy);
    // indices of each factor not certified zero
    const live = factors.map((f) => f.table.coefficients.filter((c) => c.status !== 'zero'));
    const complete = factors.every((f) => f.table.exactProbabilists !== null && f.table.exactProbabilists.length - 1 <= K);
    const maxTotal = live.reduce((s, l) => s + (l.length > 0 ? l[l.length - 1]!.k : 0), 0);
    if (!complete || maxTotal > K) {
      unseen.push({
        directions: factorDirections,
        minimumIndex: factors.map((f) => f.table.coefficients.find((c) => c.k > 0 && c.status !== 'zero')?.k ?? K + 1),
        mayBeAbsent: factors.map((f) => f.table.coefficients.some((c) => c.k === 0 && c.status !== 'zero')),
        certain: false,
      });
    }
    const rec = (i: number, left: number, chosen: Coefficient[]) => {
      if (i === factorDirections.length) {
        const k = new Array<number>(r).fill(0);
        chosen.forEach((c, j) => (k[factorDirections[j]! - 1] = c.k));
        const { value, error } = intervalProduct([term.coefficient.toNumber(), ...chosen.map((c) => c.orthonormal)], [0, ...chosen.map((c) => c.error)]);
        const exact = chosen.every((c, j) => factors[j]!.exact !== null && c.decidedBy !== 'numeric')
          ? chosen.reduce((acc, c, j) => acc.mul(factors[j]!.exact![c.k]!), ExactScalar.rational(term.coefficient))
          : null;
        const decidedBy: Decision = exact === null ? 'numeric' : factors.every((f) => f.polynomial) ? 'exact' : 'closed-form';
        const list = parts.get(keyOf(k)) ?? [];
        list.push({ value, error, exact, certain: chosen.every((c) => c.status === 'nonzero'), decidedBy });
        parts.set(keyOf(k), list);
        return;
      }
      for (const c of live[i]!) if (c.k <= left) rec(i + 1, left - c.k, [...chosen, c]);
    };
    rec(0, K, []);
  }
  const raw: { k: number[]; value: number; error: number; exact: ExactScalar | null; certain: boolean; decidedBy: Decision }[] = [];
  for (const [key, list] of parts) {
    const allExact = list.every((p) => p.exact !== null);
    if (allExact) {
      const exact = list.reduce((acc, p) => acc.add(p.exact!), ExactScalar.zero());
      if (exact.isZero()) continue; // cancels exactly: a certified zero
      const decidedBy = list.every((p) => p.decidedBy === 'exact') ? 'exact' : 'closed-form';
      raw.push({ k: indexOf(key), value: exact.toNumber(), error: exact.toNumberError(), exact, certain: true, decidedBy });
      continue;
    }
    const value = list.reduce((s, p) => s + p.value, 0);
    const error = list.reduce((s, p) => s + p.error, 0) + 4 * Number.EPSILON * list.reduce((s, p) => s + Math.abs(p.value), 0);
    const certain = list.length === 1 && list[0]!.certain;
    raw.push({ k: indexOf(key), value, error, exact: null, certain, decidedBy: list.length === 1 ? list[0]!.decidedBy : 'numeric' });
  }
  const norm = Math.sqrt(raw.reduce((s, c) => s + c.value ** 2, 0));
  const tolerance = relTol * norm;
  const coefficients: MultiCoefficient[] = raw
    .map((c): MultiCoefficient => {
      const status = c.certain ? 'nonzero' : numericStatus(Math.abs(c.value), c.error, tolerance);
      return {
        multiIndex: c.k,
        orthonormal: c.value,
        exact: c.exact?.toString() ?? null,
        error: c.exact !== null ? 0 : c.error,
        status,
        decidedBy: c.decidedBy,
      };
    })
    .sort((a, b) => compareMultiIndex(a.multiIndex, b.multiIndex));
  return {
    route: 'separable',
    reason: null,
    coefficients,
    certifiedZeros: { count: total - coefficients.length, by: [...zeroReasons, 'product structure'] },
    tolerance,
    unseen,
  };
}

function numericRoute(
  e: Expr,
  r: number,
  directions: readonly number[],
  parities: readonly Parity[],
  joint: Parity,
  K: number,
  relTol: number,
  total: number,
): RouteResult {
  try {
    return numericRouteWithin(e, r, directions, parities, joint, K, relTol, total);
  } catch (err) {
    if (!(err instanceof ProjectionBudgetExceeded)) throw err;
    const reason = `the nested quadrature did not converge within its budget (${err.message}): g may not be square-integrable, or is too rough`;
    return { route: 'not-computed', reason, coefficients: [], certifiedZeros: { count: 0, by: [] }, tolerance: 0, unseen: [] };
  }
}

function numericRouteWithin(
  e: Expr,
  r: number,
  directions: readonly number[],
  parities: readonly Parity[],
  joint: Parity,
  K: number,
  relTol: number,
  total: number,
): RouteResult {
  const projection = nestedProjection(e, directions, K);
  const raw: { k: number[]; value: number; error: number }[] = [];
  for (const k of multiIndices(r, K)) {
    if (k.some((ks, i) => ks > 0 && !directions.includes(i + 1)) || zeroByParity(k, parities)) continue;
    const degree = k.reduce((a, b) => a + b, 0);
    if ((joint === 'even' && degree % 2 === 1) || (joint === 'odd' && degree % 2 === 0)) continue;
    const [a, b] = directions.map((s) => k[s - 1]!) as [number, number?];
    const entry = projection.coefficient(a, b ?? 0);
    raw.push({ k, ...entry });
  }
  const norm = Math.sqrt(raw.reduce((s, c) => s + c.value ** 2, 0));
  const tolerance = relTol * norm;
  const coefficients = raw.map(
    (c): MultiCoefficient => ({
      multiIndex: c.k,
      orthonormal: c.value,
      exact: null,
      error: c.error,
      status: numericStatus(Math.abs(c.value), c.error, tolerance),
      decidedBy: 'numeric',
    }),
  );
  const least = directions.map((s) => (parities[s - 1] === 'even' ? 2 : 1));
  return {
    route: 'numeric',
    reason: null,
    coefficients,
    certifiedZeros: {
      count: total - coefficients.length,
      by: [
        ...(parities.some((p) => p !== 'none') ? ['parity in each direction'] : []),
        ...(joint !== 'none' ? [`joint parity (g is ${joint} under z ↦ −z)`] : []),
      ],
    },
    tolerance,
    unseen: [{ directions, minimumIndex: least, mayBeAbsent: directions.map((s) => parities[s - 1] !== 'odd'), certain: false }],
  };
}
