/**
 * Generative exponent p* = min{k ≥ 1 : λ_k > 0} (Damian, Pillaud-Vivien, Lee, Bruna 2024;
 * ../shared/THEORY.md §3), with how each λ_k was decided:
 * - zeros: `parity` (an even link has λ_k = 0 for odd k: every T(y) is even in z), `exact` for
 *   an even polynomial, or `numeric` (λ_k² below the tolerance τ);
 * - positivity: a label power E[y^i | z] whose information exponent is k certifies λ_k > 0
 *   (λ_k ≥ |α_k(T)|/‖T‖ for every transform T), with that exponent's decision; a non-even
 *   polynomial has p* = 1 and an even non-constant one p* = 2 (`exact`); otherwise `numeric`.
 */
import type { Rational } from '../exact/rational.js';
import { compileExpr } from '../expr/compile.js';
import { derivativeOf } from '../expr/derivative.js';
import { parityOf } from '../expr/parity.js';
import { specialPointsOf } from '../expr/specialPoints.js';
import type { Expr } from '../expr/tree.js';
import type { ExponentVerdict } from '../analysis/exponents.js';
import { strongestDecision, weakestDecision } from '../analysis/exponents.js';
import type { Decision, HermiteTable } from '../analysis/hermiteCoefficients.js';
import { lambdaSquaredDeterministic, lambdaSquaredNoisy, zetaTable, type ZetaPoint } from './lambdaSquared.js';

export const DEFAULT_GE_DEGREE = 8;
export const MAX_GE_DEGREE = 40;
/** λ_k² at or below this counts as zero (λ_k² ≤ E[h_k²] = 1, so it is scale-free). */
export const DEFAULT_LAMBDA_TOLERANCE = 1e-9;

export interface LambdaSquared {
  readonly k: number;
  readonly value: number;
  readonly error: number;
  readonly zero: boolean;
  readonly decidedBy: Decision;
  /** Numeric only: the value's error interval straddles the tolerance. */
  readonly nearTolerance: boolean;
}

export type Witness =
  | { readonly kind: 'label-power'; readonly power: number; readonly expression: string; readonly note: string }
  | { readonly kind: 'zeta'; readonly k: number; readonly table: readonly ZetaPoint[]; readonly note: string };

export interface GenerativeVerdict {
  readonly value: number | null;
  readonly decidedBy: Decision | null;
  readonly note: string;
  readonly tolerance: number;
  readonly lambdaSquared: readonly LambdaSquared[];
  readonly witness: Witness | null;
  readonly converged: boolean;
}

/** What the label powers established: the information exponent of E[y^i | z] and its decision. */
export interface LabelPowerFact {
  readonly power: number;
  readonly expression: string;
  readonly informationExponent: number | null;
  readonly decidedBy: Decision | null;
}

export interface GenerativeOptions {
  readonly maxDegree: number;
  readonly noise: Rational | null;
  readonly tolerance?: number;
}

const DECISIVE: ReadonlySet<Decision> = new Set(['exact', 'closed-form', 'parity']);

/**
 * @example generativeExponent(parseLink('He3(z)'), table, ie, powers, { maxDegree: 8, noise: null }).value // 1
 */
export function generativeExponent(
  sigma: Expr,
  table: HermiteTable,
  ie: ExponentVerdict,
  labelPowers: readonly LabelPowerFact[],
  options: GenerativeOptions,
): GenerativeVerdict {
  const K = options.maxDegree;
  const tolerance = options.tolerance ?? DEFAULT_LAMBDA_TOLERANCE;
  const noise = options.noise && !options.noise.isZero() ? options.noise.toNumber() : 0;
  if (ie.constant) {
    const lambdaSquared = Array.from({ length: K }, (_, i) => ({ k: i + 1, value: 0, error: 0, zero: true, decidedBy: ie.decidedBy ?? 'numeric', nearTolerance: false }));
    return { value: null, decidedBy: ie.decidedBy, note: 'constant link: y carries no information about z', tolerance, lambdaSquared, witness: null, converged: true };
  }
  const f = compileExpr(sigma);
  const df = compileExpr(derivativeOf(sigma));
  const { kinks, singular } = specialPointsOf(sigma);
  const cuts = [...kinks, ...singular];
  const estimate = noise > 0 ? lambdaSquaredNoisy(f, df, cuts, K, noise) : lambdaSquaredDeterministic(f, df, cuts, K);

  const u = table.exactProbabilists;
  const evenPolynomial = u !== null && u.every((x, i) => i % 2 === 0 || x.isZero());
  const even = evenPolynomial || parityOf(sigma) === 'even';
  const positiveBy = (k: number): Decision | null => {
    if (u !== null && noise === 0) {
      if (!evenPolynomial && k === 1) return 'exact';
      if (evenPolynomial && k === 2) return 'exact';
    }
    const facts = labelPowers.filter((p) => p.informationExponent === k && p.decidedBy !== null && DECISIVE.has(p.decidedBy));
    return strongestDecision(facts.map((p) => p.decidedBy!));
  };

  const lambdaSquared: LambdaSquared[] = [];
  for (let k = 1; k <= K; k++) {
    const value = estimate.values[k - 1]!;
    const error = estimate.errors[k - 1]!;
    if (even && k % 2 === 1) {
      lambdaSquared.push({ k, value: 0, error: 0, zero: true, decidedBy: evenPolynomial ? 'exact' : 'parity', nearTolerance: false });
      continue;
    }
    const certified = positiveBy(k);
    if (certified) {
      lambdaSquared.push({ k, value, error, zero: false, decidedBy: certified, nearTolerance: false });
      continue;
    }
    lambdaSquared.push({
      k,
      value,
      error,
      zero: value <= tolerance,
      decidedBy: 'numeric',
      nearTolerance: value - error <= tolerance && tolerance < value + error,
    });
  }

  const first = lambdaSquared.find((l) => !l.zero);
  const considered = first ? lambdaSquared.slice(0, first.k) : lambdaSquared;
  const decidedBy = weakestDecision(considered.map((l) => l.decidedBy));
  const numericZeros = considered.filter((l) => l.zero && l.decidedBy === 'numeric');
  const value = first?.k ?? null;
  let note: string;
  if (value === null) {
    note = `every λ_k² for k ≤ ${K} is zero or below τ = ${tolerance.toExponential(0)}: p* > ${K} (raise --ge-degree)`;
  } else if (decidedBy === 'numeric') {
    const zeros = numericZeros.length
      ? `λ_k² below τ = ${tolerance.toExponential(0)} for k = ${numericZeros.map((l) => l.k).join(', ')} (largest ${Math.max(...numericZeros.map((l) => l.value)).toExponential(2)})`
      : 'no numeric zero below it';
    note = `numeric: ${zeros}; λ_${value}² = ${first!.value.toExponential(3)} ± ${first!.error.toExponential(1)}${first!.nearTolerance ? ' (within its error of τ: treat with care)' : ''}`;
  } else if (u !== null && noise === 0) {
    note = evenPolynomial ? 'even non-constant polynomial: p* = 2' : 'non-even polynomial: p* = 1';
  } else {
    const zeros = considered.filter((l) => l.zero);
    const why = zeros.length ? `λ_k = 0 for k = ${zeros.map((l) => l.k).join(', ')} by ${weakestDecision(zeros.map((l) => l.decidedBy))}; ` : '';
    const power = labelPowers.find((l) => l.informationExponent === value && l.decidedBy === first!.decidedBy);
    note = `${why}λ_${value} > 0 because IE(E[y^${power?.power ?? '?'} | z]) = ${value} [${first!.decidedBy}]`;
  }
  return { value, decidedBy, note, tolerance, lambdaSquared, witness: value === null ? null : witnessFor(value, labelPowers, f, df, cuts, noise), converged: estimate.converged };
}

function witnessFor(p: number, labelPowers: readonly LabelPowerFact[], f: (z: number) => number, df: (z: number) => number, cuts: readonly number[], noise: number): Witness {
  const power = labelPowers.find((l) => l.informationExponent === p);
  if (power) {
    return {
      kind: 'label-power',
      power: power.power,
      expression: power.expression,
      note: `T(y) = y^${power.power}: IE(E[y^${power.power} | z]) = ${p} = p* [${power.decidedBy}]`,
    };
  }
  return {
    kind: 'zeta',
    k: p,
    table: zetaTable(f, df, cuts, p, noise),
    note: `no label power y^i (i ≤ ${labelPowers.length}) reaches p* = ${p}; the optimal transform is T = ζ_${p}(y) = E[h_${p}(z) | y], tabulated`,
  };
}
