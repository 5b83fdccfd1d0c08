/**
 * Generative exponent p* = min{k ≥ 1 : λ_k > 0} (Damian, Pillaud-Vivien, Lee, Bruna 2024,
 * arXiv 2403.05529; docs/theory.md §3.3), decided by structure first and by numbers only where
 * structure is silent:
 * - zeros: `parity` (an even link has λ_k = 0 for odd k), `structure` (the link is a function of
 *   He_{k−1}(z)e^{−z²/2}, hermiteStructure.ts), or numeric "below τ" (λ_k² + bound < τ);
 * - positivity: any transform T of the label has λ_k ≥ |α_k(T)|/‖T‖, so a label power E[y^i | z]
 *   whose α_k is certified nonzero proves λ_k > 0 (with that coefficient's decision); a non-even
 *   noiseless polynomial has p* = 1 and an even non-constant one p* = 2 (`exact`); otherwise
 *   numeric, "> 0" only when λ_k² − bound > 0.
 * A numeric λ_k² that is neither makes the exponent *undecided*, with the candidates and why.
 * λ_k² are computed numerically only when structure leaves some k ≤ p* open, or when asked.
 */
import type { Rational } from '../exact/rational.js';
import { compileExpr } from '../expr/compile.js';
import { derivativeOf } from '../expr/derivative.js';
import { parityOf } from '../expr/parity.js';
import { specialPointsOf } from '../expr/specialPoints.js';
import type { Expr } from '../expr/tree.js';
import type { ExponentVerdict, Undecided } from '../analysis/exponents.js';
import { formatCandidates, weakestDecision } from '../analysis/exponents.js';
import type { Coefficient, Decision, HermiteTable } from '../analysis/hermiteCoefficients.js';
import { lambdaSquaredNoisy, zetaTable, type ZetaPoint } from './lambdaSquared.js';
import { lambdaSquaredDeterministic } from './levelSetIntegral.js';
import { structuralZeroNote, structuralZeros } from '../analysis/hermiteStructure.js';
import { BudgetExhausted } from '../budget.js';
import { formatError, formatExponential } from '../format/numbers.js';

export const DEFAULT_GE_DEGREE = 8;
export const MAX_GE_DEGREE = 40;
/** λ_k² below this (with its bound) counts as zero (λ_k² ≤ E[h_k²] = 1, so it is scale-free). */
export const DEFAULT_LAMBDA_TOLERANCE = 1e-9;
/** Label noise with Δ below this times Var σ is bounded through the noiseless λ_k² (0 ≤ λ_k²(Δ) ≤ λ_k²(0)). */
export const TINY_NOISE = 1e-6;

/** What is known of λ_k: certified zero, below τ, positive, undecided by the numbers, or not computed (not needed). */
export type LambdaStatus = 'zero' | 'below-tolerance' | 'positive' | 'undecided' | 'not-computed';

export interface LambdaSquared {
  readonly k: number;
  /** The numeric value (0 for a certified zero), or null when it was not computed. */
  readonly value: number | null;
  readonly error: number | null;
  readonly status: LambdaStatus;
  /** How the status was decided (null when not computed). */
  readonly decidedBy: Decision | null;
  /** Counted as zero: certified, or below τ. */
  readonly zero: boolean;
  /** Numeric and undecided. */
  readonly nearTolerance: boolean;
  /** Why, in one line. */
  readonly note: string;
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
  /** The numeric λ_k² (if computed) reached their quadrature tolerance. */
  readonly converged: boolean;
  /** Whether numeric λ_k² were computed at all. */
  readonly computed: boolean;
  readonly undecided: Undecided | null;
}

/** What a label power established: the information exponent of E[y^i | z], and its coefficient table. */
export interface LabelPowerFact {
  readonly power: number;
  readonly expression: string;
  readonly informationExponent: number | null;
  readonly decidedBy: Decision | null;
  /** The coefficients α_k(E[y^i | z]) and ‖E[y^i | z]‖ (null when not computed). */
  readonly coefficients: readonly Coefficient[] | null;
  readonly norm: number;
  readonly normError: number;
}

export interface GenerativeOptions {
  readonly maxDegree: number;
  readonly noise: Rational | null;
  readonly tolerance?: number;
  /** Compute every λ_k² numerically even when the exponent is decided without them. */
  readonly lambda?: boolean;
}

interface Certificate {
  readonly decidedBy: Decision;
  readonly note: string;
}

/** λ_k > 0 proved by a label power with α_k(T) certified nonzero, the strongest such. */
function positivityCertificates(labelPowers: readonly LabelPowerFact[], K: number): Map<number, Certificate> {
  const strength: Record<Decision, number> = { exact: 4, 'closed-form': 3, parity: 3, structure: 3, numeric: 1 };
  const out = new Map<number, Certificate>();
  for (const p of labelPowers) {
    if (!p.coefficients) continue;
    for (const c of p.coefficients) {
      if (c.k < 1 || c.k > K || c.status !== 'nonzero') continue;
      const old = out.get(c.k);
      if (old && strength[old.decidedBy] >= strength[c.decidedBy]) continue;
      const bound = c.decidedBy === 'numeric' ? ` = ${formatExponential(Math.abs(c.orthonormal), 2)} ± ${formatError(c.error)}` : '';
      out.set(c.k, {
        decidedBy: c.decidedBy,
        note: `λ_${c.k} ≥ |α_${c.k}(T)|/‖T‖ > 0 for T(y) = y^${p.power}: α_${c.k}(E[y^${p.power} | z]) ≠ 0${bound} [${c.decidedBy}]`,
      });
    }
  }
  return out;
}

/**
 * @example const t = hermiteCoefficients(parseLink('z^2*exp(-z^2)'), { maxDegree: 12 }); generativeExponent(parseLink('z^2*exp(-z^2)'), t, informationExponent(t), [], { maxDegree: 8, noise: null }).value // 4
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
    const lambdaSquared = Array.from({ length: K }, (_, i) => entry(i + 1, 0, 0, 'zero', ie.decidedBy ?? 'numeric', 'constant link'));
    return {
      value: null,
      decidedBy: ie.decidedBy,
      note: 'constant link: y carries no information about z',
      tolerance,
      lambdaSquared,
      witness: null,
      converged: true,
      computed: false,
      undecided: null,
    };
  }
  const u = table.exactProbabilists;
  const evenPolynomial = u !== null && u.every((x, i) => i % 2 === 0 || x.isZero());
  const even = evenPolynomial || parityOf(sigma) === 'even';
  const structural = new Set(structuralZeros(sigma));
  const certificates = positivityCertificates(labelPowers, K);
  if (u !== null && noise === 0) {
    const k = evenPolynomial ? 2 : 1;
    if (k <= K) certificates.set(k, { decidedBy: 'exact', note: evenPolynomial ? 'even non-constant polynomial: p* = 2' : 'non-even polynomial: p* = 1' });
  }
  const zeroBy = (k: number): Certificate | null => {
    if (even && k % 2 === 1) return { decidedBy: evenPolynomial ? 'exact' : 'parity', note: 'even link: every T(y) is even in z' };
    if (structural.has(k)) return { decidedBy: 'structure', note: structuralZeroNote(k) };
    return null;
  };

  // is any k up to the first certified positive one left open by structure?
  let open = false;
  for (let k = 1; k <= K; k++) {
    if (zeroBy(k)) continue;
    if (certificates.has(k)) break;
    open = true;
    break;
  }
  let computed = open || options.lambda === true;
  let estimate: { values: Float64Array; errors: Float64Array; converged: boolean } | null = null;
  let timedOut: string | null = null;
  let tinyNoise = false;
  if (computed) {
    try {
      if (noise > 0 && noise <= TINY_NOISE * Math.max(table.variance, 0)) {
        // The 2-D quadrature cannot resolve a noise kernel this narrow. A garbled label carries less:
        // 0 ≤ λ_k²(Δ) ≤ λ_k²(0), so report λ_k²(0) with a bound that reaches down to 0.
        const clean = lambdaSquaredDeterministic(sigma, K);
        const errors = clean.errors.map((e, k) => e + Math.abs(clean.values[k]!));
        estimate = { values: clean.values, errors, converged: clean.converged };
        tinyNoise = true;
      } else if (noise > 0) {
        const f = compileExpr(sigma);
        const df = compileExpr(derivativeOf(sigma));
        const { kinks, singular } = specialPointsOf(sigma);
        estimate = lambdaSquaredNoisy(f, df, [...kinks, ...singular], K, noise);
      } else {
        estimate = lambdaSquaredDeterministic(sigma, K);
      }
    } catch (e) {
      if (!(e instanceof BudgetExhausted)) throw e;
      timedOut = `${e.message} before the λ_k² were computed (raise --time-limit)`;
      computed = false;
    }
  }

  const lambdaSquared: LambdaSquared[] = [];
  for (let k = 1; k <= K; k++) {
    const value = estimate ? estimate.values[k - 1]! : null;
    const error = estimate ? estimate.errors[k - 1]! : null;
    const zero = zeroBy(k);
    if (zero) {
      lambdaSquared.push(entry(k, 0, 0, 'zero', zero.decidedBy, zero.note));
      continue;
    }
    const positive = certificates.get(k);
    if (positive) {
      lambdaSquared.push(entry(k, value, error, 'positive', positive.decidedBy, positive.note));
      continue;
    }
    if (value === null || error === null) {
      if (timedOut) lambdaSquared.push(entry(k, null, null, 'undecided', null, `not computed: ${timedOut}`));
      else lambdaSquared.push(entry(k, null, null, 'not-computed', null, 'not needed: the exponent is decided without it (--lambda computes it)'));
      continue;
    }
    lambdaSquared.push(numericEntry(k, value, error, tolerance, tinyNoise ? noise : null));
  }

  const firstIndex = lambdaSquared.findIndex((l) => l.status === 'positive');
  const first = firstIndex >= 0 ? lambdaSquared[firstIndex]! : null;
  const considered = first ? lambdaSquared.slice(0, first.k) : lambdaSquared;
  const undecidedBelow = considered.filter((l) => l.status === 'undecided');
  const converged = estimate?.converged ?? true;
  const unconverged = converged ? '' : ' (the quadrature did not reach its tolerance: the bounds are what it reached)';
  if (undecidedBelow.length > 0) {
    const undecided: Undecided = {
      candidates: [...undecidedBelow.map((l) => l.k), ...(first ? [first.k] : [])],
      above: first ? null : K,
      reason: undecidedBelow.map((l) => l.note).join('; ') + unconverged,
    };
    return {
      value: null,
      decidedBy: 'numeric',
      note: `undecided: p* ∈ ${formatCandidates(undecided)}: ${undecided.reason}`,
      tolerance,
      lambdaSquared,
      witness: null,
      converged,
      computed,
      undecided,
    };
  }
  const decidedBy = weakestDecision(considered.map((l) => l.decidedBy ?? 'numeric'));
  if (!first) {
    const note = `every λ_k² for k ≤ ${K} is zero or below τ = ${formatExponential(tolerance, 0)}: p* > ${K} (raise --ge-degree)${unconverged}`;
    return { value: null, decidedBy, note, tolerance, lambdaSquared, witness: null, converged, computed, undecided: null };
  }
  const zeros = considered.filter((l) => l.zero);
  const why = zeros.length ? `λ_k = 0 for k = ${zeros.map((l) => `${l.k} [${l.status === 'below-tolerance' ? 'below τ' : l.decidedBy}]`).join(', ')}; ` : '';
  const note = `${why}${first.note}${first.decidedBy === 'numeric' ? unconverged : ''}`;
  const f = compileExpr(sigma);
  const df = compileExpr(derivativeOf(sigma));
  const { kinks, singular } = specialPointsOf(sigma);
  let witness: Witness | null;
  try {
    witness = witnessFor(first.k, labelPowers, f, df, [...kinks, ...singular], noise);
  } catch (e) {
    if (!(e instanceof BudgetExhausted)) throw e;
    witness = null;
  }
  return { value: first.k, decidedBy, note, tolerance, lambdaSquared, witness, converged, computed, undecided: null };
}

/**
 * A numeric λ_k² = value ± error: positive when value − error > 0, below τ when value + error < τ,
 * undecided otherwise. `tinyNoise` is Δ when the noiseless λ_k² stands in for a too-narrow noise kernel.
 */
function numericEntry(k: number, value: number, error: number, tolerance: number, tinyNoise: number | null): LambdaSquared {
  const status: LambdaStatus =
    !Number.isFinite(error) || !Number.isFinite(value)
      ? 'undecided'
      : value + error < tolerance
        ? 'below-tolerance'
        : value - error > 0
          ? 'positive'
          : 'undecided';
  const tiny =
    tinyNoise !== null
      ? ` (Δ = ${formatExponential(tinyNoise, 1)} is too small for the 2-D quadrature: bounded by the noiseless λ_k², 0 ≤ λ_k²(Δ) ≤ λ_k²(0))`
      : '';
  const note =
    (status === 'below-tolerance'
      ? `λ_${k}² = ${formatExponential(value, 2)} ± ${formatError(error)} < τ = ${formatExponential(tolerance, 0)}`
      : status === 'positive'
        ? `λ_${k}² − bound = ${formatExponential(value - error, 2)} > 0`
        : `λ_${k}² = ${formatExponential(value, 2)} ± ${formatError(error)}: neither above 0 nor below τ = ${formatExponential(tolerance, 0)} by its bound`) +
    tiny;
  return entry(k, value, error, status, 'numeric', note);
}

function entry(k: number, value: number | null, error: number | null, status: LambdaStatus, decidedBy: Decision | null, note: string): LambdaSquared {
  return { k, value, error, status, decidedBy, zero: status === 'zero' || status === 'below-tolerance', nearTolerance: status === 'undecided', note };
}

function witnessFor(
  p: number,
  labelPowers: readonly LabelPowerFact[],
  f: (z: number) => number,
  df: (z: number) => number,
  cuts: readonly number[],
  noise: number,
): Witness {
  const power = labelPowers.find((l) => l.coefficients?.some((c) => c.k === p && c.status === 'nonzero'));
  if (power) {
    const c = power.coefficients!.find((x) => x.k === p)!;
    return {
      kind: 'label-power',
      power: power.power,
      expression: power.expression,
      note: `T(y) = y^${power.power}: α_${p}(E[y^${power.power} | z]) ≠ 0 [${c.decidedBy}], so IE(E[y^${power.power} | z]) = ${p} = p*`,
    };
  }
  return {
    kind: 'zeta',
    k: p,
    table: zetaTable(f, df, cuts, p, noise),
    note: `no label power y^i (i ≤ ${labelPowers.length}) has α_${p} ≠ 0 certified; the optimal transform is T = ζ_${p}(y) = E[h_${p}(z) | y], tabulated`,
  };
}
