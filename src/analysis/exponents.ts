/**
 * Information exponent IE(σ) = min{k ≥ 1 : α_k(σ) ≠ 0} (docs/theory.md §3), with how
 * it was decided: the weakest decision among the zeros below it and the nonzero at it.
 */
import { formatError, formatExponential } from '../format/numbers.js';
import type { Coefficient, Decision, HermiteTable } from './hermiteCoefficients.js';
import { multiplyBySqrtFactorial } from '../exact/factorialFloat.js';

export interface ExponentVerdict {
  /** The exponent, or null (constant link, or no nonzero coefficient up to the degree searched). */
  readonly value: number | null;
  readonly decidedBy: Decision | null;
  /** One line a researcher can read: why this value, and how sure. */
  readonly note: string;
  /** Numeric decisions only: the tolerance τ, the largest |α_k| declared zero below the exponent, and |α_p|. */
  readonly tolerance: number | null;
  readonly largestZeroMagnitude: number | null;
  readonly magnitude: number | null;
  /** When value is null but the link is not constant: IE exceeds this degree. */
  readonly lowerBound: number | null;
  readonly constant: boolean;
  /** The numbers cannot decide: the exponent is one of `candidates` (or above `above`), and why. */
  readonly undecided: Undecided | null;
}

/** An exponent the numbers cannot pin down: one of `candidates`, or any value above `above`. */
export interface Undecided {
  readonly candidates: readonly number[];
  readonly above: number | null;
  readonly reason: string;
}

/** "{2, 4}" or "{2, 4} or > 8". */
export function formatCandidates(u: Undecided): string {
  const set = `{${u.candidates.join(', ')}}`;
  return u.above === null ? set : u.candidates.length ? `${set} or > ${u.above}` : `> ${u.above}`;
}

const STRENGTH: Record<Decision, number> = { exact: 3, 'closed-form': 2, parity: 2, structure: 2, numeric: 0 };

/** The strongest of several decisions, or null when there are none. */
export function strongestDecision(decisions: Iterable<Decision>): Decision | null {
  let strongest: Decision | null = null;
  for (const d of decisions) if (strongest === null || STRENGTH[d] > STRENGTH[strongest]) strongest = d;
  return strongest;
}

/** The weakest of several decisions. */
export function weakestDecision(decisions: Iterable<Decision>): Decision | null {
  let weakest: Decision | null = null;
  for (const d of decisions) if (weakest === null || STRENGTH[d] < STRENGTH[weakest]) weakest = d;
  return weakest;
}

/**
 * @example informationExponent(hermiteCoefficients(parseLink('He3(z)'), { maxDegree: 12 })).value // 3
 */
export function informationExponent(table: HermiteTable): ExponentVerdict {
  if (table.exactProbabilists) return exactInformationExponent(table);
  const coefficients = table.coefficients;
  const index = coefficients.findIndex((c) => c.k >= 1 && c.status === 'nonzero');
  const considered = index < 0 ? coefficients.slice(1) : coefficients.slice(1, index + 1);
  const open = considered.filter((c) => c.status === 'undecided');
  const decidedBy = weakestDecision(considered.map((c) => c.decidedBy));
  const numericZeros = considered.filter((c) => c.status === 'below-tolerance');
  const largestZeroMagnitude = numericZeros.length ? Math.max(...numericZeros.map((c) => Math.abs(c.orthonormal))) : null;
  const numeric = decidedBy === 'numeric';
  const common = {
    tolerance: numeric ? table.tolerance : null,
    largestZeroMagnitude: numeric ? largestZeroMagnitude : null,
  };
  const maxDegree = coefficients.length - 1;
  const constant = index < 0 && open.length === 0 && table.variance <= table.tolerance * table.tolerance + table.varianceError;
  if (open.length > 0) {
    const first = index >= 0 ? coefficients[index]! : null;
    const undecided: Undecided = {
      candidates: [...open.map((c) => c.k), ...(first ? [first.k] : [])],
      above: first ? null : maxDegree,
      reason: open
        .map(
          (c) =>
            `α_${c.k} = ${formatExponential(c.orthonormal, 2)} ± ${formatError(c.error)} is neither above 0 nor below τ = ${formatExponential(table.tolerance, 1)} by its bound`,
        )
        .join('; '),
    };
    return {
      value: null,
      decidedBy: 'numeric',
      note: `undecided: IE ∈ ${formatCandidates(undecided)}: ${undecided.reason}`,
      ...common,
      magnitude: null,
      lowerBound: null,
      constant: false,
      undecided,
    };
  }
  if (index >= 0) {
    const c = coefficients[index]!;
    return {
      value: c.k,
      decidedBy,
      note: noteFor(c, decidedBy, numericZeros.length, largestZeroMagnitude, table.tolerance),
      ...common,
      magnitude: Math.abs(c.orthonormal),
      lowerBound: null,
      constant: false,
      undecided: null,
    };
  }
  return {
    value: null,
    decidedBy,
    note: constant
      ? `constant link: no information exponent (Var σ = ${formatExponential(table.variance, 2)} is below τ² = ${formatExponential(table.tolerance * table.tolerance, 2)} within its error ${formatError(table.varianceError)})`
      : `no nonzero coefficient for 1 ≤ k ≤ ${maxDegree}: IE > ${maxDegree} (raise --max-degree)`,
    ...common,
    magnitude: null,
    lowerBound: constant ? null : maxDegree + 1,
    constant,
    undecided: null,
  };
}

function noteFor(c: Coefficient, decidedBy: Decision | null, numericZeroCount: number, largest: number | null, tolerance: number): string {
  switch (decidedBy) {
    case 'exact':
      return 'exact rational arithmetic';
    case 'parity':
      return 'lower coefficients vanish by parity; α_p is certified nonzero';
    case 'closed-form':
      return 'closed-form coefficients';
    case 'structure':
      return 'lower coefficients vanish by the structure of the link (docs/theory.md §3.4); α_p is certified nonzero';
    case 'numeric': {
      const zeros = numericZeroCount
        ? `${numericZeroCount} coefficient(s) below it are below tolerance τ = ${formatExponential(tolerance, 1)} (largest ${formatExponential(largest!, 2)})`
        : 'no numeric zero below it';
      return `numeric: ${zeros}; |α_p| = ${formatExponential(Math.abs(c.orthonormal), 3)} ± ${formatError(c.error)} > 0 by its bound`;
    }
    case null:
      return '';
  }
}

function exactInformationExponent(table: HermiteTable): ExponentVerdict {
  const u = table.exactProbabilists!;
  const k = u.findIndex((x, i) => i >= 1 && !x.isZero());
  const base = { tolerance: null, largestZeroMagnitude: null, lowerBound: null, undecided: null };
  if (k < 0) {
    return { ...base, value: null, decidedBy: 'exact', note: 'constant link: no information exponent', magnitude: null, constant: true };
  }
  return {
    ...base,
    value: k,
    decidedBy: 'exact',
    note: 'exact rational arithmetic',
    magnitude: Math.abs(table.coefficients[k]?.orthonormal ?? multiplyBySqrtFactorial(u[k]!.toNumber(), k)),
    constant: false,
  };
}
