/**
 * `analyze`: one link in, everything the core engine knows about it out — the coefficient
 * table, the information exponent and the label-power exponents, each with how it was
 * decided. The result is plain data (JSON-ready); the CLI only renders it.
 */
import { DomainError, OutOfRangeError } from './errors.js';
import { Rational } from './exact/rational.js';
import { asLink, type LinkInput } from './expr/link.js';
import { exprToString } from './expr/tree.js';
import type { Convention } from './analysis/conventions.js';
import { informationExponent, type ExponentVerdict, type Undecided } from './analysis/exponents.js';
import {
  DEFAULT_RELATIVE_TOLERANCE,
  hermiteCoefficients,
  type Coefficient,
  type Decision,
  type HermiteTable,
  type LinkClass,
} from './analysis/hermiteCoefficients.js';
import { BudgetExhausted, withTimeLimit } from './budget.js';
import { conditionalLabelMoment } from './analysis/labelPowers.js';
import type { Parity } from './expr/parity.js';
import {
  DEFAULT_GE_DEGREE,
  MAX_GE_DEGREE,
  generativeExponent,
  type GenerativeVerdict,
  type LabelPowerFact,
  type LambdaSquared,
  type Witness,
} from './generative/generativeExponent.js';
import { sampleComplexityLadder, type SampleComplexity } from './generative/sampleComplexity.js';

export const DEFAULT_MAX_DEGREE = 12;
export const MAX_MAX_DEGREE = 200;
export const DEFAULT_POWERS = 4;
export const MAX_POWERS = 8;

export interface AnalyzeOptions {
  readonly maxDegree?: number;
  readonly convention?: Convention;
  /** Label-noise variance Δ ≥ 0. */
  readonly noise?: Rational;
  readonly parameters?: ReadonlyMap<string, Rational>;
  /** Label powers i = 1..powers. */
  readonly powers?: number;
  readonly relativeTolerance?: number;
  /** λ_k² for k = 1..geDegree (default 8); 0 skips the generative exponent. */
  readonly geDegree?: number;
  /** Also typeset exact coefficients (`exactTex`). */
  readonly tex?: boolean;
  /** Compute every λ_k² numerically, even when the generative exponent is decided without them. */
  readonly lambda?: boolean;
  /** τ for λ_k²: a numeric λ_k² + bound below it counts as zero (default 1e-9; λ_k² ≤ 1 is scale-free). */
  readonly geTolerance?: number;
  /**
   * Wall-time budget in seconds for the numeric work (none by default; the CLI sets 10 s). What is
   * exact or certified stands; numeric λ_k² and label powers not reached are "not computed", and an
   * exponent they would decide is undecided; coefficients not reached make the whole call an error.
   */
  readonly timeLimit?: number;
}

export interface LabelPower {
  readonly power: number;
  /** E[y^i | z] in the input syntax. */
  readonly expression: string;
  readonly informationExponent: number | null;
  readonly decidedBy: Decision | null;
  readonly note: string;
  /** Set when the numbers cannot decide this exponent (then informationExponent is null). */
  readonly undecided: Undecided | null;
}

export interface Analysis {
  readonly input: string;
  readonly expression: string;
  readonly class: LinkClass;
  readonly parity: Parity;
  readonly convention: Convention;
  readonly maxDegree: number;
  readonly noise: string | null;
  readonly norm: number;
  readonly normError: number;
  readonly normExact: string | null;
  /** ‖σ‖ in scientific notation (exact digits) when it is beyond the range of a double; else null. */
  readonly normDecimal: string | null;
  readonly tolerance: number;
  readonly kinks: readonly number[];
  readonly coefficients: readonly Coefficient[];
  readonly informationExponent: number | null;
  readonly informationExponentDecidedBy: Decision | null;
  readonly informationExponentDetail: ExponentVerdict;
  /** Set when the numbers cannot decide the information exponent (then `informationExponent` is null). */
  readonly informationExponentUndecided: Undecided | null;
  readonly labelPowers: readonly LabelPower[];
  readonly generativeExponent: number | null;
  readonly generativeExponentDecidedBy: Decision | null;
  readonly generativeExponentDetail: Omit<GenerativeVerdict, 'lambdaSquared' | 'witness'> | null;
  /** Set when the numbers cannot decide the generative exponent (then `generativeExponent` is null). */
  readonly generativeExponentUndecided: Undecided | null;
  readonly lambdaSquared: readonly LambdaSquared[];
  readonly witness: Witness | null;
  readonly sampleComplexity: readonly SampleComplexity[];
}

function checkOptions(o: AnalyzeOptions): void {
  const k = o.maxDegree ?? DEFAULT_MAX_DEGREE;
  if (!Number.isInteger(k) || k < 1 || k > MAX_MAX_DEGREE) {
    throw new OutOfRangeError(`--max-degree must be an integer from 1 to ${MAX_MAX_DEGREE}, got ${k}`);
  }
  const p = o.powers ?? DEFAULT_POWERS;
  if (!Number.isInteger(p) || p < 1 || p > MAX_POWERS) {
    throw new OutOfRangeError(`--powers must be an integer from 1 to ${MAX_POWERS}, got ${p}`);
  }
  if (o.noise && o.noise.sign() < 0) throw new OutOfRangeError(`--noise is a variance Δ ≥ 0, got ${o.noise.toString()}`);
  const g = o.geDegree ?? DEFAULT_GE_DEGREE;
  if (!Number.isInteger(g) || g < 0 || g > MAX_GE_DEGREE) {
    throw new OutOfRangeError(`--ge-degree must be an integer from 1 to ${MAX_GE_DEGREE}, got ${g}`);
  }
  if (o.timeLimit !== undefined && !(o.timeLimit > 0)) throw new OutOfRangeError(`--time-limit must be a positive number of seconds, got ${o.timeLimit}`);
  const t = o.relativeTolerance ?? DEFAULT_RELATIVE_TOLERANCE;
  if (!(t > 0 && t < 1)) throw new OutOfRangeError(`--tolerance must be in (0, 1), got ${t}`);
}

/**
 * @example analyze('He3(z)').informationExponent // 3
 * @example analyze('He3(z)').labelPowers.map(p => p.informationExponent) // [3, 2, 1, 2]
 */
export function analyze(input: LinkInput, options: AnalyzeOptions = {}): Analysis {
  checkOptions(options);
  try {
    return withTimeLimit(options.timeLimit, () => analyzeWithin(input, options));
  } catch (e) {
    if (e instanceof BudgetExhausted) throw new OutOfRangeError(`${e.message}; raise --time-limit`);
    throw e;
  }
}

function analyzeWithin(input: LinkInput, options: AnalyzeOptions): Analysis {
  const { source, expr: sigma } = asLink(input, { parameters: options.parameters });
  const maxDegree = options.maxDegree ?? DEFAULT_MAX_DEGREE;
  const common = { maxDegree, convention: options.convention, relativeTolerance: options.relativeTolerance };
  let table: HermiteTable;
  try {
    table = hermiteCoefficients(sigma, { ...common, tex: options.tex });
  } catch (e) {
    if (e instanceof BudgetExhausted) throw new OutOfRangeError(`${e.message} while computing the Hermite coefficients by quadrature; raise --time-limit`);
    throw e;
  }
  const ie = informationExponent(table);
  const noise = options.noise ?? Rational.ZERO;
  const labelPowers: LabelPower[] = [];
  const facts: LabelPowerFact[] = [];
  for (let i = 1; i <= (options.powers ?? DEFAULT_POWERS); i++) {
    const moment = conditionalLabelMoment(sigma, i, noise);
    const expression = exprToString(moment);
    if (i === 1) {
      labelPowers.push({ power: 1, expression, informationExponent: ie.value, decidedBy: ie.decidedBy, note: ie.note, undecided: ie.undecided });
      facts.push({
        power: 1,
        expression,
        informationExponent: ie.value,
        decidedBy: ie.decidedBy,
        coefficients: table.coefficients,
        norm: table.norm,
        normError: table.normError,
      });
      continue;
    }
    try {
      // the constant term of E[y^i | z] only moves α_0: leave it out of the numerics
      const powerTable = hermiteCoefficients(noise.isZero() ? moment : conditionalLabelMoment(sigma, i, noise, false), common);
      const verdict = informationExponent(powerTable);
      labelPowers.push({
        power: i,
        expression,
        informationExponent: verdict.value,
        decidedBy: verdict.decidedBy,
        note: verdict.note,
        undecided: verdict.undecided,
      });
      facts.push({
        power: i,
        expression,
        informationExponent: verdict.value,
        decidedBy: verdict.decidedBy,
        coefficients: powerTable.coefficients,
        norm: powerTable.norm,
        normError: powerTable.normError,
      });
    } catch (err) {
      if (!(err instanceof DomainError || err instanceof OutOfRangeError || err instanceof BudgetExhausted)) throw err;
      labelPowers.push({ power: i, expression, informationExponent: null, decidedBy: null, note: `not computed: ${err.message}`, undecided: null });
      facts.push({ power: i, expression, informationExponent: null, decidedBy: null, coefficients: null, norm: NaN, normError: NaN });
    }
  }
  const geDegree = options.geDegree ?? DEFAULT_GE_DEGREE;
  const ge =
    geDegree > 0
      ? generativeExponent(sigma, table, ie, facts, {
          maxDegree: geDegree,
          noise: noise.isZero() ? null : noise,
          lambda: options.lambda,
          tolerance: options.geTolerance,
        })
      : null;
  const { lambdaSquared = [], witness = null, ...geDetail } = ge ?? {};
  return {
    input: source,
    expression: exprToString(sigma),
    class: table.linkClass,
    parity: table.parity,
    convention: table.convention,
    maxDegree,
    noise: noise.isZero() ? null : noise.toString(),
    norm: table.norm,
    normError: table.normError,
    normExact: table.normExact,
    normDecimal: table.normDecimal ?? null,
    tolerance: table.tolerance,
    kinks: table.kinks,
    coefficients: table.coefficients,
    informationExponent: ie.value,
    informationExponentDecidedBy: ie.decidedBy,
    informationExponentDetail: ie,
    informationExponentUndecided: ie.undecided,
    labelPowers,
    generativeExponent: ge?.value ?? null,
    generativeExponentDecidedBy: ge?.decidedBy ?? null,
    generativeExponentDetail: ge ? (geDetail as Omit<GenerativeVerdict, 'lambdaSquared' | 'witness'>) : null,
    generativeExponentUndecided: ge?.undecided ?? null,
    lambdaSquared,
    witness,
    sampleComplexity: ie.constant ? [] : sampleComplexityLadder(ie.value, ge?.value ?? null),
  };
}
