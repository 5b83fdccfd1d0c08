/**
 * Provenance of a result: which sindex computed it, from which input (the expression as parsed,
 * printed back from its tree, so parameters appear with their values) and with which options,
 * normalised (every default filled in, exact values as canonical fractions). The options use the
 * names of the library API (src/index.ts) and of `sindex batch` lines, so a saved result is
 * reproduced by passing them back: `analyze(p.input, p.options)`, or the line
 * `{"command": p.command, "link": p.input, ...p.options}` (thresholds and verify: `"target"`).
 */
import { DEFAULT_MAX_DEGREE, DEFAULT_POWERS, type AnalyzeOptions } from './analyze.js';
import type { Convention } from './analysis/conventions.js';
import { DEFAULT_RELATIVE_TOLERANCE } from './analysis/hermiteCoefficients.js';
import { Rational } from './exact/rational.js';
import { parseLink } from './expr/parse.js';
import { exprToString } from './expr/tree.js';
import { DEFAULT_GE_DEGREE, DEFAULT_LAMBDA_TOLERANCE } from './generative/generativeExponent.js';
import { DEFAULT_BATCH_ORDER } from './thresholds/oracle.js';
import { DEFAULT_D, DEFAULT_MAX_INDEX, type ThresholdAlgorithm, type ThresholdOptions, type ThresholdResult } from './thresholds/thresholds.js';
import type { SweepConfig } from './verify/plan.js';

import { VERSION } from './defaults.js';

export { VERSION };

export type ProvenanceCommand = 'analyze' | 'thresholds' | 'verify';

export interface Provenance<O = Readonly<Record<string, unknown>>> {
  /** The version of sindex that computed the result. */
  readonly sindex: string;
  readonly command: ProvenanceCommand;
  /** The link (analyze) or the target (thresholds, verify) as parsed, printed from its tree. */
  readonly input: string;
  /** Every option, defaults filled in; exact values as canonical fractions ('1/10'). */
  readonly options: O;
}

/** `--set` values as a plain object, names sorted, values as canonical fractions. */
export type ParameterValues = Readonly<Record<string, string>>;

export interface NormalizedAnalyzeOptions {
  readonly set: ParameterValues;
  readonly maxDegree: number;
  readonly convention: Convention;
  readonly noise: string;
  readonly powers: number;
  readonly tolerance: number;
  readonly geDegree: number;
  readonly geTolerance: number;
  readonly lambda: boolean;
  /** Seconds of numeric work, or null for no limit. */
  readonly timeLimit: number | null;
}

export interface NormalizedThresholdsOptions {
  /** The student as parsed, or null when it is the target. */
  readonly student: string | null;
  readonly algo: ThresholdAlgorithm;
  /** The custom oracle ψ as parsed, or null. */
  readonly psi: string | null;
  readonly a: string;
  readonly d: number;
  readonly depth: number | null;
  readonly noise: string;
  readonly set: ParameterValues;
  readonly maxIndex: number;
  readonly order: number;
  readonly timeLimit: number | null;
}

export interface NormalizedVerifyOptions {
  readonly student: string | null;
  readonly algo: ThresholdAlgorithm;
  readonly psi: string | null;
  readonly a: string;
  readonly secondLayer: 'reset' | 'carry';
  readonly set: ParameterValues;
  readonly noise: string;
  readonly d: readonly number[];
  readonly alpha: readonly number[];
  readonly etaScale: number;
  readonly seeds: number;
  /** 'auto=c' or the fixed step. */
  readonly gamma: string | number;
  readonly threshold: number;
  readonly maxSteps: number;
  readonly init: 'positive' | 'signed';
  readonly engine: 'reduced' | 'full';
  readonly width: number;
  readonly seed: number;
  readonly ode: boolean;
}

/**
 * A provenance record from its parts (the other functions here fill them in for each command).
 * @example provenance('analyze', 'He(3, z)', { maxDegree: 12 }).options // { maxDegree: 12 }
 */
export function provenance<O>(command: ProvenanceCommand, input: string, options: O): Provenance<O> {
  return { sindex: VERSION, command, input, options };
}

/** Parameter values as a plain object with sorted names. */
export function parameterValues(parameters: ReadonlyMap<string, Rational> | Iterable<readonly [string, string]> | undefined): ParameterValues {
  const entries: [string, string][] = [];
  for (const [name, value] of parameters ?? []) entries.push([name, typeof value === 'string' ? value : value.toString()]);
  entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return Object.fromEntries(entries);
}

const timeLimitOf = (seconds: number | undefined): number | null => (seconds === undefined || !Number.isFinite(seconds) ? null : seconds);

/**
 * The provenance of an analysis: its printed expression and the engine options it ran with.
 * The CLI's `analyze --json` can attach it as `provenance` beside the result.
 */
export function analyzeProvenance(analysis: { readonly expression: string }, options: AnalyzeOptions): Provenance<NormalizedAnalyzeOptions> {
  return provenance('analyze', analysis.expression, {
    set: parameterValues(options.parameters),
    maxDegree: options.maxDegree ?? DEFAULT_MAX_DEGREE,
    convention: options.convention ?? 'orthonormal',
    noise: options.noise?.toString() ?? '0',
    powers: options.powers ?? DEFAULT_POWERS,
    tolerance: options.relativeTolerance ?? DEFAULT_RELATIVE_TOLERANCE,
    geDegree: options.geDegree ?? DEFAULT_GE_DEGREE,
    geTolerance: options.geTolerance ?? DEFAULT_LAMBDA_TOLERANCE,
    lambda: options.lambda ?? false,
    timeLimit: timeLimitOf(options.timeLimit),
  });
}

/** ψ of a custom oracle as parsed (y, eta and d are its free symbols besides z). */
function printedPsi(psi: string | undefined | null, parameters: ReadonlyMap<string, Rational> | undefined): string | null {
  if (psi === undefined || psi === null) return null;
  return exprToString(parseLink(psi, { parameters, symbols: ['y', 'eta', 'd'] }));
}

/**
 * The provenance of a thresholds result: the printed target, and the engine options it ran with
 * (the student and ψ printed as parsed). The CLI's `thresholds --json` can attach it as `provenance`.
 */
export function thresholdsProvenance(result: ThresholdResult, options: ThresholdOptions): Provenance<NormalizedThresholdsOptions> {
  return provenance('thresholds', result.target, {
    student: options.student ? result.student : null,
    algo: options.algorithm,
    psi: options.algorithm === 'custom' ? printedPsi(options.psi, options.parameters) : null,
    a: options.a?.toString() ?? '1',
    d: options.d ?? DEFAULT_D,
    depth: options.depth ?? null,
    noise: options.noise?.toString() ?? '0',
    set: parameterValues(options.parameters),
    maxIndex: options.maxIndex ?? DEFAULT_MAX_INDEX,
    order: options.order ?? DEFAULT_BATCH_ORDER,
    timeLimit: timeLimitOf(options.timeLimit),
  });
}

/**
 * The provenance of a verification sweep: the printed target and the sweep's configuration under
 * the option names of the library. The seed records' draws also depend on the draw scheme, which
 * a sweep file's header records.
 */
export function verifyProvenance(config: SweepConfig, extra: { readonly ode?: boolean } = {}): Provenance<NormalizedVerifyOptions> {
  const parameters = new Map(config.parameters.map(([k, v]) => [k, Rational.parse(v)] as const));
  const print = (text: string) => exprToString(parseLink(text, { parameters }));
  return provenance('verify', print(config.target), {
    student: config.student === null ? null : print(config.student),
    algo: config.algorithm,
    psi: config.algorithm === 'custom' ? printedPsi(config.psi, parameters) : null,
    a: config.a,
    secondLayer: config.secondLayer,
    set: parameterValues(config.parameters),
    noise: config.noise,
    d: [...config.ds],
    alpha: [...config.alphas],
    etaScale: config.etaScale,
    seeds: config.seeds,
    gamma: config.gamma.kind === 'auto' ? `auto=${config.gamma.c}` : config.gamma.value,
    threshold: config.threshold,
    maxSteps: config.maxSteps,
    init: config.init,
    engine: config.engine,
    width: config.width,
    seed: config.seed,
    ode: extra.ode ?? false,
  });
}
