/**
 * `thresholds`: for a target σ*, a student σ and an algorithm, the drift coefficients μ_i(η),
 * E[ψ_η²], the branches T_i ≍ E[ψ²]·μ_i^{−2}·d^{(i−1)∨1} (log d at i = 2) with their steps
 * γ_i ≍ μ_i/(E[ψ²]·d^{(i/2)∨1}), the exact phase diagram of the exponent of T in η = d^{−α},
 * and the crossover at a concrete d with constants (arXiv 2510.21020; docs/theory.md §4).
 *
 * The stages, one file each: the oracle ψ of each algorithm (oracle.ts, customOracle.ts), its drift
 * coefficients μ_i and E[ψ²] (driftCoefficients.ts, as polynomials in η and d: etaDPolynomial.ts),
 * the branches (branches.ts), the phase diagram (phaseDiagram.ts), the closed-form checks
 * (formulaChecks.ts), the crossovers at finite d (crossovers.ts), the deep extension
 * (deepExtension.ts) and the non-separable custom ψ by 2-D quadrature (nonSeparable.ts).
 */
import { BudgetExhausted, withTimeLimit } from '../budget.js';
import { DomainError, OutOfRangeError } from '../errors.js';
import { Rational } from '../exact/rational.js';
import { parseLink } from '../expr/parse.js';
import { asLink } from '../expr/link.js';
import { exprToString, mentions } from '../expr/tree.js';
import { analyze } from '../analyze.js';
import { onlineExponent } from '../generative/sampleComplexity.js';
import { driftCoefficients, type DriftCoefficient, type DriftExpansion } from './driftCoefficients.js';
import { oracleOf, DEFAULT_BATCH_ORDER, type Oracle } from './oracle.js';
import { separableOracle } from './customOracle.js';
import { branchEntry, drivingLabelPower, exponentLines, muEntry } from './branches.js';
import { breakpointsOf, minimumOfBranches, activeLine, phasePiece, type Branch } from './phaseDiagram.js';
import { evaluateEtaD, formatEtaD, isExactEtaD, significantTerms, type EtaDTerm } from './etaDPolynomial.js';
import { formulaChecks } from './formulaChecks.js';
import { depthDiagram } from './deepExtension.js';
import { crossoverAt } from './crossovers.js';
import { nonSeparable } from './nonSeparable.js';
import {
  DEFAULT_D,
  DEFAULT_MAX_INDEX,
  MAX_BATCH_ORDER,
  MAX_DEPTH,
  MAX_MAX_INDEX,
  THRESHOLD_ALGORITHMS,
  type MuEntry,
  type ThresholdOptions,
  type ThresholdResult,
} from './result.js';

export * from './result.js';
export { branchAtD } from './branches.js';

/** Coefficients below this (relative to the largest μ) count as zero when they are numeric. */
const RELATIVE_TOLERANCE = 1e-9;

function checkOptions(o: ThresholdOptions): void {
  if (!THRESHOLD_ALGORITHMS.includes(o.algorithm)) {
    throw new OutOfRangeError(`the algorithm must be one of ${THRESHOLD_ALGORITHMS.join(', ')}, got '${String(o.algorithm)}'`);
  }
  const d = o.d ?? DEFAULT_D;
  if (!Number.isFinite(d) || d < 2) throw new OutOfRangeError(`--d must be a number ≥ 2, got ${d}`);
  if (o.a && o.a.sign() < 0) throw new OutOfRangeError(`--a is the second-layer weight a ≥ 0, got ${o.a.toString()}`);
  const m = o.maxIndex ?? DEFAULT_MAX_INDEX;
  if (!Number.isInteger(m) || m < 1 || m > MAX_MAX_INDEX) throw new OutOfRangeError(`--max-index must be an integer from 1 to ${MAX_MAX_INDEX}, got ${m}`);
  if (o.depth !== undefined && (!Number.isInteger(o.depth) || o.depth < 1 || o.depth > MAX_DEPTH))
    throw new OutOfRangeError(`--depth must be an integer from 1 to ${MAX_DEPTH}, got ${o.depth}`);
  const order = o.order ?? DEFAULT_BATCH_ORDER;
  if (!Number.isInteger(order) || order < 1 || order > MAX_BATCH_ORDER)
    throw new OutOfRangeError(`--order must be an integer from 1 to ${MAX_BATCH_ORDER}, got ${order}`);
}

/**
 * @example thresholds({ target: 'He3(z)', algorithm: 'alternating' }).phaseDiagram.breakpoints // ['1/2']
 */
export function thresholds(options: ThresholdOptions): ThresholdResult {
  return thresholdsWithDrift(options).result;
}

/**
 * thresholds() and the drift coefficients behind it (μ_i(η, d) and E[ψ²] as polynomials; null for a custom ψ
 * done by quadrature), for callers that evaluate the branches themselves (verify's --gamma auto).
 */
export function thresholdsWithDrift(options: ThresholdOptions): { result: ThresholdResult; drift: DriftExpansion | null } {
  try {
    return withTimeLimit(options.timeLimit, () => thresholdsWithin(options));
  } catch (e) {
    if (e instanceof BudgetExhausted) throw new OutOfRangeError(`${e.message} while computing the drift coefficients; raise --time-limit`);
    throw e;
  }
}

function thresholdsWithin(options: ThresholdOptions): { result: ThresholdResult; drift: DriftExpansion | null } {
  checkOptions(options);
  const parameters = options.parameters;
  const noise = options.noise ?? Rational.ZERO;
  const maxIndex = options.maxIndex ?? DEFAULT_MAX_INDEX;
  const d = options.d ?? DEFAULT_D;
  const targetLink = asLink(options.target, { parameters });
  const target = targetLink.expr;
  const student = options.student ? asLink(options.student, { parameters }).expr : target;
  let oracle: Oracle;
  if (options.algorithm === 'custom') {
    if (!options.psi) throw new OutOfRangeError("--algo custom needs the oracle: --psi 'y*...(z)' (may use eta and d)");
    const psi = parseLink(options.psi, { parameters, symbols: ['y', 'eta', 'd'] });
    if (!mentions(psi, 'y')) throw new OutOfRangeError(`the custom oracle ψ = ${options.psi} does not mention y: it carries no information about the label`);
    const terms = separableOracle(psi);
    if (terms === null) return { result: nonSeparable(options, targetLink, student, psi, noise, maxIndex, d), drift: null };
    oracle = { algorithm: 'custom', terms, truncatedAt: null, formula: `psi = ${exprToString(psi)}` };
  } else {
    oracle = oracleOf(options.algorithm, student, { a: options.a, order: options.order });
  }
  const targetAnalysis = analyze(targetLink, {
    parameters,
    noise,
    maxDegree: Math.max(12, maxIndex),
    powers: Math.max(4, oracle.terms.length, options.depth ?? 0),
  });
  let drift: DriftExpansion;
  try {
    drift = driftCoefficients(target, oracle, noise, maxIndex);
  } catch (e) {
    if (e instanceof DomainError && options.student) throw new DomainError(`student σ: ${e.message}`);
    throw e;
  }
  const scale = Math.max(...drift.mu.flatMap((m) => m.polynomial.map((t) => Math.abs(t.c.value))), 1e-300);
  const tolerance = RELATIVE_TOLERANCE * scale;
  const mu: MuEntry[] = drift.mu.map((m) => muEntry(m, tolerance));
  const psiLines = exponentLines(significantTerms(drift.psiSecondMoment, 0));

  const live = drift.mu.filter((m) => significantTerms(m.polynomial, tolerance).length > 0);
  type Tag = { m: DriftCoefficient; support: EtaDTerm[] };
  const branches: Branch<Tag>[] = live.map((m) => {
    const support = significantTerms(m.polynomial, tolerance);
    return {
      terms: [
        { weight: Rational.ONE, f: psiLines },
        { weight: Rational.of(-2), f: exponentLines(support) },
      ],
      constant: Rational.of(onlineExponent(m.i)),
      tag: { m, support },
    };
  });
  const ge = targetAnalysis.generativeExponent;
  const geRate = ge === null ? null : Rational.of(onlineExponent(ge));
  const pieces = minimumOfBranches(branches, (branch, alpha) => {
    const line = activeLine(exponentLines(branch.tag.support), alpha);
    return { i: branch.tag.m.i, labelPower: drivingLabelPower(branch.tag.m, -Number(line.slope.num), Number(line.intercept.num)) };
  });
  const phasePieces = pieces.map((p) => phasePiece(p, geRate));
  const breakpoints = breakpointsOf(pieces).map((b) => b.toString());

  const labelPowers = targetAnalysis.labelPowers.map((l) => l.informationExponent);
  const result: ThresholdResult = {
    algorithm: options.algorithm,
    target: exprToString(target),
    student: exprToString(student),
    noise: noise.isZero() ? null : noise.toString(),
    oracle: oracle.formula,
    truncatedAt: oracle.truncatedAt,
    exact: isExactEtaD(drift.psiSecondMoment) && drift.mu.every((m) => isExactEtaD(m.polynomial)),
    informationExponent: targetAnalysis.informationExponent,
    generativeExponent: ge,
    labelPowers,
    mu,
    psiSecondMoment: {
      exact: isExactEtaD(drift.psiSecondMoment) ? formatEtaD(drift.psiSecondMoment) : null,
      polynomial: formatEtaD(drift.psiSecondMoment),
      error: Math.max(0, ...drift.psiSecondMoment.map((t) => t.c.error)),
      ...((z, o) => ({ atEtaZero: z.value, atEtaZeroError: z.error, atEtaOne: o.value, atEtaOneError: o.error }))(
        evaluateEtaD(drift.psiSecondMoment, 0, d),
        evaluateEtaD(drift.psiSecondMoment, 1, d),
      ),
    },
    branches: live.map((m) => branchEntry(m, tolerance)),
    phaseDiagram: {
      pieces: phasePieces,
      breakpoints,
      note: oracle.truncatedAt
        ? `the batch-reuse Taylor series of this non-polynomial student is cut after ${oracle.truncatedAt} terms: pieces with α < 1 (ηd > 1) rest on the truncation and are not reliable`
        : null,
    },
    quadrature: null,
    checks: formulaChecks(options.algorithm, labelPowers, phasePieces),
    depth: options.depth ? depthDiagram(options.depth, labelPowers) : null,
    atD: crossoverAt(d, live, drift.psiSecondMoment, tolerance, targetAnalysis.informationExponent),
  };
  return { result, drift };
}
