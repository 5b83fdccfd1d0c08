/**
 * The library API of sindex: `import { analyze, thresholds, verify, table } from 'sindex'`.
 *
 * Typed functions with plain-object options named like the command line's flags (`maxDegree` for
 * `--max-degree`, `set` for `--set`, `algo` for `--algo`), with the same defaults, the same checks and
 * the same error messages (the CLI prints them after `sindex: error: `). Bad input throws one of the
 * typed errors re-exported here (`ParseError` with the position, `DomainError`, `OutOfRangeError`, …).
 * Exact values (`noise`, `set`, `a`) are given as strings and read exactly: '0.1' is 1/10, '1/3' is
 * 1/3; a number is read by its shortest decimal spelling, so 0.1 is 1/10 as well. An option left
 * out, undefined or null is not given (null as in a provenance record), except `timeLimit`, where
 * null (or 'none') means no limit.
 *
 * Every result carries `provenance`: `{ sindex, command, input, options }` with the input as parsed
 * and the options normalised, so `analyze(r.provenance.input, r.provenance.options)` reproduces `r`.
 *
 * This module is an edge like the CLI: it reads text and options; the engine behind it never
 * touches a terminal or the file system.
 */
import { analyze as analyzeEngine, MAX_MAX_DEGREE, MAX_POWERS, type Analysis, type AnalyzeOptions as EngineAnalyzeOptions } from './analyze.js';
import { CONVENTIONS, type Convention } from './analysis/conventions.js';
import { OutOfRangeError } from './errors.js';
import { ESCAPE_DEFAULTS, escapeConfig, type EscapeConfig } from './escape/config.js';
import { planEscape } from './escape/plan.js';
import { escapeFingerprint, type EscapeRecord } from './escape/records.js';
import { escapeReport, type EscapeReport } from './escape/report.js';
import { compileEscape, EscapeRunner, runSlice } from './escape/runTask.js';
import { summarizeEscape } from './escape/summary.js';
import type { Rational } from './exact/rational.js';
import { linkOf } from './expr/link.js';
import { isParameterName } from './expr/parse.js';
import { analyzeSymbolic as analyzeSymbolicEngine, hasFreeParameters, type SymbolicAnalysis } from './symbolic/analyzeSymbolic.js';
import { isMultiIndexSource, nearestName } from './expr/names.js';
import { analyzeMultiIndex, type MultiIndexAnalysis } from './multiIndex/analyzeMulti.js';
import { MAX_GE_DEGREE } from './generative/generativeExponent.js';
import { checkedRational, excerpt } from './limits.js';
import {
  analyzeProvenance,
  thresholdsProvenance,
  verifyProvenance,
  type NormalizedAnalyzeOptions,
  type NormalizedThresholdsOptions,
  type NormalizedVerifyOptions,
  type Provenance,
} from './provenance.js';
import { phaseDiagramPgfplots as phasePgfplots, phaseDiagramSvg as phaseSvg } from './plot/phaseDiagramPlot.js';
import { scalingPgfplots as scalingTex, scalingSvg as scalingPicture, type ScalingOptions, type ScalingSummary } from './plot/scalingPlot.js';
import { readCatalog } from './table/catalog.js';
import { COLUMNS, renderTable as renderRows, type Column, type TableFormat } from './table/render.js';
import type { LinkEntry, TableRow } from './table/rows.js';
import { tableRowsOf } from './table/symbolicRows.js';
import {
  MAX_BATCH_ORDER,
  MAX_DEPTH,
  MAX_MAX_INDEX,
  THRESHOLD_ALGORITHMS,
  thresholds as thresholdsEngine,
  type ThresholdAlgorithm,
  type ThresholdOptions,
  type ThresholdResult,
} from './thresholds/thresholds.js';
import { SWEEP_DEFAULTS } from './verify/defaults.js';
import { odeColumn, withOdeSlopes } from './verify/odePrediction.js';
import { planSweep, type Prediction, type SweepConfig } from './verify/plan.js';
import { sweepFingerprint, type SeedRecord } from './verify/records.js';
import { compileSweep, TaskRunner } from './verify/runTask.js';
import { summarize, type FitSummary, type RunSummary } from './verify/summary.js';

export { VERSION, provenance, analyzeProvenance, thresholdsProvenance, verifyProvenance } from './provenance.js';
export type {
  Provenance,
  ProvenanceCommand,
  NormalizedAnalyzeOptions,
  NormalizedThresholdsOptions,
  NormalizedVerifyOptions,
  ParameterValues,
} from './provenance.js';
export { ParseError, DomainError, OutOfRangeError, BudgetExhausted, isSindexError, type SindexError } from './errors.js';
export type { ScalingSummary, ScalingOptions } from './plot/scalingPlot.js';
export { COLUMNS, CONVENTIONS, THRESHOLD_ALGORITHMS };
export type {
  Analysis,
  Convention,
  Column,
  TableFormat,
  TableRow,
  ThresholdAlgorithm,
  ThresholdResult,
  Prediction,
  SweepConfig,
  SeedRecord,
  RunSummary,
  FitSummary,
};
export type { Coefficient, Decision, LinkClass } from './analysis/hermiteCoefficients.js';
export type { LabelPower } from './analyze.js';
export type { SymbolicCase, SymbolicCoefficient, SymbolicExponent, SymbolicLabelPower } from './symbolic/analyzeSymbolic.js';
export type { SymbolicAnalysis };
export type { MuEntry, BranchEntry, PhasePiece, FormulaCheck, Crossover } from './thresholds/thresholds.js';
export type { Rate, TableTerm } from './table/rows.js';

import { DEFAULT_LINK, DEFAULT_TIME_LIMITS } from './defaults.js';

export { DEFAULT_LINK, DEFAULT_TIME_LIMITS };
/** Multi-index targets, one spherical neuron, online SGD: the exact d-free chain (and the full-d reference), and sweeps over d with the log–log slope (docs/theory.md §8). */
export { runMultiIndexSgd, type MultiIndexSgdOptions, type MultiIndexRun } from './sgd/multiIndex.js';
export {
  runMultiIndexCommittee,
  multiIndexCommitteeInput,
  type MultiIndexCommitteeOptions,
  type MultiIndexCommitteeRun,
} from './sgd/multiIndexCommittee.js';
export { generativeLeap, type GenerativeLeapResult } from './multiIndex/generativeLeap.js';
export {
  verifyMultiIndex,
  committeeRunner,
  type MultiIndexVerifyOptions,
  type MultiIndexVerification,
} from './verify/multiIndexVerify.js';
export { multiIndexSweep, leapSlope, type MultiIndexSweepOptions, type MultiIndexSweep } from './sgd/multiIndexSweep.js';

/** An exact value: a string ('0.1', '-2.5e-3', '1/3') or a number read by its decimal spelling (0.1 is 1/10). */
export type Exact = string | number;

/** Seconds of numeric work: a number in (0, 86400], or null / 'none' for no limit. */
export type TimeLimit = number | null | 'none';

export interface AnalyzeOptions {
  /** Parameter values, e.g. `{ a: '2', b: '1/3' }` (`--set a=2 --set b=1/3`). */
  readonly set?: Readonly<Record<string, Exact>>;
  /** Coefficients k = 0..maxDegree (1 ≤ K ≤ 200; default 12). */
  readonly maxDegree?: number;
  /** 'orthonormal' (default), 'probabilists', 'raw' or 'physicists'. */
  readonly convention?: Convention;
  /** Label-noise variance Δ ≥ 0 (default 0). */
  readonly noise?: Exact;
  /** Label powers i = 1..powers (1 ≤ P ≤ 8; default 4). */
  readonly powers?: number;
  /** Relative tolerance of numeric zeros, τ = tolerance·‖σ‖ (default 1e-9). */
  readonly tolerance?: number;
  /** λ_k² for k = 1..geDegree (1 ≤ K ≤ 40; default 8). */
  readonly geDegree?: number;
  /** τ of the λ_k² (default 1e-9). */
  readonly geTolerance?: number;
  /** Compute every λ_k² numerically, even when structure decides p*. */
  readonly lambda?: boolean;
  /** Seconds of numeric work (default 10), or null / 'none'. */
  readonly timeLimit?: TimeLimit;
}

export interface ThresholdsOptions {
  /** The link σ* (default 'He3(z)'). */
  readonly target?: string;
  /** The student σ (default: the target). */
  readonly student?: string | null;
  /** 'online' (default), 'batch-reuse', 'alternating' or 'custom'. */
  readonly algo?: ThresholdAlgorithm;
  /** The oracle ψ(y, z) of algo 'custom' (may use y, z, eta, d). */
  readonly psi?: string | null;
  /** Second-layer weight a ≥ 0 of 'alternating' (default 1). */
  readonly a?: Exact;
  /** The dimension for the crossover with constants (d ≥ 2; default 1000). */
  readonly d?: number;
  /** The deep extension over D layers (1 ≤ D ≤ 8). */
  readonly depth?: number | null;
  readonly noise?: Exact;
  readonly set?: Readonly<Record<string, Exact>>;
  /** μ_i for i = 1..maxIndex (1 ≤ I ≤ 40; default 8). */
  readonly maxIndex?: number;
  /** Taylor terms of batch reuse for a non-polynomial student (1 ≤ N ≤ 12; default 6). */
  readonly order?: number;
  /** Seconds of numeric work (default 20), or null / 'none'. */
  readonly timeLimit?: TimeLimit;
}

export interface VerifyOptions {
  readonly target?: string;
  readonly student?: string | null;
  readonly algo?: ThresholdAlgorithm;
  readonly psi?: string | null;
  readonly a?: Exact;
  /** 'reset' (default) or 'carry' the second layer between rounds of 'alternating'. */
  readonly secondLayer?: 'reset' | 'carry';
  readonly set?: Readonly<Record<string, Exact>>;
  readonly noise?: Exact;
  /** Dimensions, integers ≥ 2 (default [64, 128, 256, 512]); an array or '64,128'. */
  readonly d?: readonly number[] | string;
  /** Learning-rate exponents α ≥ 0, η = etaScale·d^{−α} (default [0]). */
  readonly alpha?: readonly number[] | string;
  readonly etaScale?: number;
  /** Runs per (α, d) (default 64). */
  readonly seeds?: number;
  /** 'auto' or 'auto=c' (default 'auto=0.5'), or a fixed positive step. */
  readonly gamma?: number | string;
  /** The overlap m a run must reach, in (0, 1) (default 0.5). */
  readonly threshold?: number;
  /** Steps before a run is censored (default 10⁷). */
  readonly maxSteps?: number;
  readonly init?: 'positive' | 'signed';
  readonly engine?: 'reduced' | 'full';
  readonly width?: number;
  /** The master seed, 0 ≤ S < 2³² (default 1). */
  readonly seed?: number;
  /** Add the deterministic (ODE) prediction at each (α, d). */
  readonly ode?: boolean;
}

/** What a running sweep reports, and how to stop it. */
export interface VerifyControl {
  /** Called as each seed finishes, with the count finished and planned. */
  readonly onRecord?: (record: SeedRecord, finished: number, planned: number) => void;
  /** An AbortSignal: aborting stops the sweep, the seeds in flight are abandoned and the summary is partial. */
  readonly signal?: { readonly aborted: boolean };
}

/** Options of `escape` (the names of `sindex escape`'s flags in camelCase). */
export interface EscapeOptions {
  // numbers may also come as their decimal text (as the command line gives them)
  readonly target?: string;
  readonly activation?: string;
  /** widths p: a list or comma-separated text */
  readonly width?: readonly number[] | string;
  readonly d?: readonly number[] | string;
  /** 'opt', a number, or 'c*p' */
  readonly gamma?: number | string;
  readonly riskDrop?: number | string;
  readonly noise?: Exact;
  readonly set?: Readonly<Record<string, Exact>>;
  readonly seeds?: number | string;
  readonly trainSecondLayer?: boolean;
  readonly secondLayerRate?: number | string;
  readonly threshold?: number | string;
  readonly maxSteps?: number | string;
  readonly engine?: 'reduced' | 'full';
  readonly seed?: number | string;
}

export interface EscapeControl {
  /** Called as each seed finishes, with the count finished and planned. */
  readonly onRecord?: (record: EscapeRecord, finished: number, planned: number) => void;
  /** Aborting stops the sweep; the report is partial. */
  readonly signal?: { readonly aborted: boolean };
}

export type AnalyzeResult = Analysis & { readonly provenance: Provenance<NormalizedAnalyzeOptions> };
/** `analyze` of a link in z1..zr (issue 16): the multi-index analysis with its provenance. */
export type MultiIndexAnalyzeResult = MultiIndexAnalysis & { readonly provenance: Provenance<NormalizedAnalyzeOptions> };
/** Text of a multi-index link as a type: it names some zk. */
export type MultiIndexLinkText = `${string}z${'1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '0'}${string}`;
export type ThresholdsResult = ThresholdResult & { readonly provenance: Provenance<NormalizedThresholdsOptions> };

export interface VerifyResult {
  readonly config: SweepConfig;
  readonly predictions: readonly Prediction[];
  readonly runs: readonly RunSummary[];
  readonly fits: readonly FitSummary[];
  /** One record per finished seed, in the order they finished. */
  readonly records: readonly SeedRecord[];
  readonly stepsSimulated: number;
  readonly wallSeconds: number;
  readonly partial: boolean;
  readonly seedsFinished: number;
  readonly seedsPlanned: number;
  /** The sweep's fingerprint, as in the header of a `sindex verify --out` file. */
  readonly fingerprint: string;
  readonly provenance: Provenance<NormalizedVerifyOptions>;
}

/** A link of a table: `expr` and optional `name`, parameter values and noise (as in a `sindex table` YAML file). */
export interface LinkSpec {
  readonly expr: string;
  readonly name?: string;
  readonly set?: Readonly<Record<string, Exact>>;
  readonly noise?: Exact;
}

export interface TableOptions {
  /** 'md' (default), 'latex', 'csv' or 'json'. */
  readonly format?: TableFormat;
  /** Which columns, in order (default: all of COLUMNS). */
  readonly columns?: readonly Column[];
  /** Seconds of numeric work per row (default 10), or null / 'none'. */
  readonly timeLimit?: TimeLimit;
  /** The name that YAML errors start with (default 'links.yaml'). */
  readonly source?: string;
}

// ---- checks: the command line's messages, for values given as options -----------------------

/** How a value is quoted in a message: as the command line would show the flag's text. */
function shown(value: unknown): string {
  if (typeof value === 'string') return excerpt(value);
  if (Array.isArray(value)) return excerpt(value.join(','));
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return excerpt(JSON.stringify(value) ?? String(value));
}

/** Refuse option names the command does not know, naming the nearest known one. */
function checkKeys(command: string, options: object, known: readonly string[]): void {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new OutOfRangeError(`${command}: the options must be an object such as { maxDegree: 8 }, got ${shown(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    const near = nearestName(key, known);
    throw new OutOfRangeError(`${command}: unknown option '${key}'${near ? ` (did you mean '${near}'?)` : ''}; the options are ${known.join(', ')}`);
  }
}

/**
 * The options after checking their names; null stands for "not given" (as in a provenance record:
 * `student: null`), except for `timeLimit`, where null means no limit.
 */
function given<K extends string>(command: string, options: object, known: readonly K[]): Record<K, unknown> {
  checkKeys(command, options, known);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) out[key] = value === null && key !== 'timeLimit' ? undefined : value;
  return out as Record<K, unknown>;
}

function integerOption(flag: string, value: unknown, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw new OutOfRangeError(`${flag} must be an integer from ${min} to ${max}, got '${shown(value)}'`);
  return n;
}

/** A number from a number or its decimal text, passing `check`. */
function numberOption(flag: string, value: unknown, check: (x: number) => boolean, what: string): number | undefined {
  if (value === undefined) return undefined;
  const x = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(x) || !check(x)) throw new OutOfRangeError(`${flag} must be ${what}, got '${shown(value)}'`);
  return x;
}

/** An exact rational from '0.1', '-2.5e-3', '1/3' or a number (by its shortest decimal spelling). */
function exactOption(flag: string, value: unknown): Rational {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : typeof value === 'string' ? value : null;
  if (text === null) throw new OutOfRangeError(`${flag} needs a number such as 0.1, 2.5e-3 or 1/3, got '${shown(value)}'`);
  return checkedRational(flag, text);
}

function noiseOption(value: unknown): Rational | undefined {
  if (value === undefined) return undefined;
  const q = exactOption('--noise', value);
  if (q.sign() < 0) throw new OutOfRangeError(`--noise is the label-noise variance Δ ≥ 0, got '${shown(value)}'`);
  return q;
}

function secondLayerWeight(value: unknown): Rational | undefined {
  if (value === undefined) return undefined;
  const a = exactOption('--a', value);
  if (a.sign() < 0) throw new OutOfRangeError(`--a is the second-layer weight a ≥ 0, got '${shown(value)}'`);
  return a;
}

function parametersOption(value: unknown): Map<string, Rational> {
  const out = new Map<string, Rational>();
  if (value === undefined) return out;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new OutOfRangeError(`--set needs name=value, as in --set a=2 (here an object such as { a: '2' }), got '${shown(value)}'`);
  }
  for (const [name, v] of Object.entries(value)) {
    if (!isParameterName(name)) throw new OutOfRangeError(`--set: '${name}' cannot be a parameter name (it is reserved or not an identifier)`);
    out.set(name, exactOption(`--set ${name}`, v));
  }
  return out;
}

function choiceOption<T extends string>(flag: string, value: unknown, choices: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(choices as readonly unknown[]).includes(value)) throw new OutOfRangeError(`${flag} must be one of ${choices.join(', ')}, got '${shown(value)}'`);
  return value as T;
}

function toleranceOption(flag: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const t = typeof value === 'number' ? value : typeof value === 'string' && /^[0-9.eE+-]+$/.test(value) ? Number(value) : NaN;
  if (!(t > 0 && t < 1)) throw new OutOfRangeError(`${flag} must be a number in (0, 1), got '${shown(value)}'`);
  return t;
}

function switchOption(flag: string, value: unknown): boolean | undefined {
  if (value === undefined || typeof value === 'boolean') return value;
  throw new OutOfRangeError(`${flag} is a switch: true or false, got '${shown(value)}'`);
}

function timeLimitOption(value: unknown, fallback: number): number | undefined {
  if (value === null || value === 'none') return undefined;
  return numberOption('--time-limit', value, (x) => x > 0 && x <= 86_400, "a number of seconds in (0, 86400], or 'none'") ?? fallback;
}

function expressionOption(flag: string, value: unknown): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  throw new OutOfRangeError(`${flag} needs an expression such as 'relu(z)' (a string), got '${shown(value)}'`);
}

function psiOption(algorithm: ThresholdAlgorithm, value: string | undefined): string | undefined {
  if (algorithm === 'custom' && value === undefined) throw new OutOfRangeError("--algo custom needs the oracle: --psi 'y*...(z)' (may use eta and d)");
  if (algorithm !== 'custom' && value !== undefined) throw new OutOfRangeError('--psi goes with --algo custom');
  return value;
}

function numberListOption(flag: string, value: unknown, fallback: readonly number[], check: (x: number) => boolean, what: string): number[] {
  if (value === undefined) return [...fallback];
  const items = typeof value === 'string' ? value.split(',').map((s) => s.trim()) : Array.isArray(value) ? (value as unknown[]) : null;
  const xs = items?.map((x) => (typeof x === 'number' ? x : typeof x === 'string' && x !== '' ? Number(x) : NaN)) ?? [];
  if (items === null || xs.length === 0 || xs.some((x) => !Number.isFinite(x) || !check(x))) {
    throw new OutOfRangeError(`${flag} needs a comma-separated list of ${what}, got '${shown(value)}'`);
  }
  return [...new Set(xs)].sort((a, b) => a - b);
}

const ANALYZE_KEYS = ['set', 'maxDegree', 'convention', 'noise', 'powers', 'tolerance', 'geDegree', 'geTolerance', 'lambda', 'timeLimit'] as const;
const THRESHOLDS_KEYS = ['target', 'student', 'algo', 'psi', 'a', 'd', 'depth', 'noise', 'set', 'maxIndex', 'order', 'timeLimit'] as const;
const VERIFY_KEYS = [
  'target',
  'student',
  'algo',
  'psi',
  'a',
  'secondLayer',
  'set',
  'noise',
  'd',
  'alpha',
  'etaScale',
  'seeds',
  'gamma',
  'threshold',
  'maxSteps',
  'init',
  'engine',
  'width',
  'seed',
  'ode',
] as const;

/**
 * Options of `analyze` → the engine's options (every value checked, with the command line's
 * messages), for callers that run the engine themselves and attach `analyzeProvenance`.
 *
 * @example analyzeEngineOptions({ noise: '0.1', set: { a: 2 } }).noise.toString() // '1/10'
 * @example analyzeEngineOptions({ noise: '-1' }) // throws OutOfRangeError: --noise is the label-noise variance Δ ≥ 0, got '-1'
 */
export function analyzeEngineOptions(options: AnalyzeOptions = {}): EngineAnalyzeOptions {
  const o = given('analyze', options, ANALYZE_KEYS);
  return {
    maxDegree: integerOption('--max-degree', o.maxDegree, 1, MAX_MAX_DEGREE),
    convention: o.convention === undefined ? undefined : choiceOption('--convention', o.convention, CONVENTIONS, 'orthonormal'),
    noise: noiseOption(o.noise),
    parameters: parametersOption(o.set),
    powers: integerOption('--powers', o.powers, 1, MAX_POWERS),
    relativeTolerance: toleranceOption('--tolerance', o.tolerance),
    geDegree: integerOption('--ge-degree', o.geDegree, 1, MAX_GE_DEGREE),
    geTolerance: toleranceOption('--ge-tolerance', o.geTolerance),
    lambda: switchOption('--lambda', o.lambda),
    timeLimit: timeLimitOption(o.timeLimit, DEFAULT_TIME_LIMITS.analyze),
  };
}

/**
 * Options of `thresholds` → the engine's options (every value checked, with the command line's messages).
 *
 * @example thresholdsEngineOptions({ algo: 'alternating', a: '1/2' }).a.toString() // '1/2'
 * @example thresholdsEngineOptions({ algo: 'sgd' }) // throws OutOfRangeError: --algo must be one of online, batch-reuse, alternating, custom, got 'sgd'
 */
export function thresholdsEngineOptions(options: ThresholdsOptions = {}): ThresholdOptions {
  const o = given('thresholds', options, THRESHOLDS_KEYS);
  const algorithm = choiceOption('--algo', o.algo, THRESHOLD_ALGORITHMS, 'online');
  return {
    target: expressionOption('--target', o.target) ?? DEFAULT_LINK,
    student: expressionOption('--student', o.student),
    algorithm,
    psi: psiOption(algorithm, expressionOption('--psi', o.psi)),
    a: secondLayerWeight(o.a),
    d: numberOption('--d', o.d, (x) => x >= 2, 'a number ≥ 2'),
    depth: integerOption('--depth', o.depth, 1, MAX_DEPTH),
    noise: noiseOption(o.noise),
    parameters: parametersOption(o.set),
    maxIndex: integerOption('--max-index', o.maxIndex, 1, MAX_MAX_INDEX),
    order: integerOption('--order', o.order, 1, MAX_BATCH_ORDER),
    timeLimit: timeLimitOption(o.timeLimit, DEFAULT_TIME_LIMITS.thresholds),
  };
}

/**
 * Options of `verify` → a sweep configuration (every value checked, with the command line's messages).
 *
 * @example sweepConfig({ d: '128,64', gamma: 'auto=0.25' }).ds // [64, 128]
 * @example sweepConfig({ gamma: 'fast' }) // throws OutOfRangeError: --gamma must be a positive number or 'auto[=c]', got 'fast'
 */
export function sweepConfig(options: VerifyOptions = {}): SweepConfig {
  const o = given('verify', options, VERIFY_KEYS);
  const algorithm = choiceOption('--algo', o.algo, THRESHOLD_ALGORITHMS, 'online');
  const psi = psiOption(algorithm, expressionOption('--psi', o.psi));
  const positive = (x: number) => x > 0;
  let gamma: SweepConfig['gamma'];
  const auto = typeof o.gamma === 'string' ? /^auto(?:=(.+))?$/.exec(o.gamma) : o.gamma === undefined ? /^auto$/.exec('auto') : null;
  if (auto) gamma = { kind: 'auto', c: numberOption('--gamma auto=c', auto[1], positive, 'a positive number') ?? SWEEP_DEFAULTS.gammaC };
  else gamma = { kind: 'fixed', value: numberOption('--gamma', o.gamma, positive, "a positive number or 'auto[=c]'")! };
  const a = secondLayerWeight(o.a);
  const noise = noiseOption(o.noise);
  return {
    target: expressionOption('--target', o.target) ?? DEFAULT_LINK,
    student: expressionOption('--student', o.student) ?? null,
    algorithm,
    psi: psi ?? null,
    a: a?.toString() ?? SWEEP_DEFAULTS.a,
    secondLayer: choiceOption('--second-layer', o.secondLayer, ['reset', 'carry'] as const, 'reset'),
    parameters: [...parametersOption(o.set).entries()].map(([k, q]) => [k, q.toString()] as const),
    noise: noise ? noise.toString() : '0',
    ds: numberListOption('--d', o.d, SWEEP_DEFAULTS.ds, (x) => Number.isInteger(x) && x >= 2, 'integers ≥ 2'),
    alphas: numberListOption('--alpha', o.alpha, SWEEP_DEFAULTS.alphas, (x) => x >= 0, 'numbers ≥ 0'),
    etaScale: numberOption('--eta-scale', o.etaScale, positive, 'a positive number') ?? SWEEP_DEFAULTS.etaScale,
    seeds: integerOption('--seeds', o.seeds, 1, SWEEP_DEFAULTS.maxSeeds) ?? SWEEP_DEFAULTS.seeds,
    gamma,
    threshold: numberOption('--threshold', o.threshold, (x) => x > 0 && x < 1, 'a number in (0, 1)') ?? SWEEP_DEFAULTS.threshold,
    maxSteps: integerOption('--max-steps', o.maxSteps, 1, 1e12) ?? SWEEP_DEFAULTS.maxSteps,
    init: choiceOption('--init', o.init, ['positive', 'signed'] as const, 'positive'),
    engine: choiceOption('--engine', o.engine, ['reduced', 'full'] as const, 'reduced'),
    width: integerOption('--width', o.width, 1, SWEEP_DEFAULTS.maxWidth) ?? SWEEP_DEFAULTS.width,
    seed: integerOption('--seed', o.seed, 0, 2 ** 32 - 1) ?? SWEEP_DEFAULTS.seed,
  };
}

// ---- the API ------------------------------------------------------------------------------------

/**
 * Everything sindex knows about a link: Hermite coefficients (exact where possible, else with an
 * error bound), the information exponent, label-power exponents, the generative exponent with its
 * λ_k², and the sample-complexity ladder — each with how it was decided (README "Conventions").
 *
 * @example analyze('He(4, z)').informationExponent // 4
 * @example analyze('He(4, z)').labelPowers.map((p) => p.informationExponent) // [4, 2, 2, 2]
 * @example analyze('relu(z)', { maxDegree: 4 }).coefficients[1].exact // '1/2'
 * @example analyze('0.1*z^2', { convention: 'probabilists' }).coefficients[2].exact // '1/10'
 * @example analyze('tanh(a*z)', { set: { a: '-3' }, maxDegree: 8, noise: '1/10' }).informationExponent // 1
 * @example analyze('tanh(a*z)', { set: { a: '-3' }, maxDegree: 8, noise: '1/10' }).provenance.input // 'tanh(-3*z)'
 * @example analyze('z^2', { noise: 0.1 }).provenance.options.noise // '1/10'
 * @example analyze('rleu(z)') // throws ParseError: unknown function 'rleu'
 * @example analyze('z', { maxDegree: 0 }) // throws OutOfRangeError: --max-degree must be an integer from 1 to 200, got '0'
 * @example analyze('z', { maxdegree: 8 }) // throws OutOfRangeError: analyze: unknown option 'maxdegree' (did you mean 'maxDegree'?)
 *
 * A link in z1..zr (issue 16) gets the multi-index analysis (`mode: 'multi-index'`, docs/theory.md §8):
 * typed as such when the text is a literal; from a `string` variable, test `'mode' in result`.
 * @example analyze('z1 + z1*z2 + z1*z2*z3').leap // 1
 * @example analyze('z1*z2*z3').staircase.map((p) => p.adds) // [[1, 2, 3]]
 * @example analyze('z1*z7') // throws ParseError: unknown variable 'z7'
 */
export function analyze<L extends MultiIndexLinkText>(link: string extends L ? never : L, options?: AnalyzeOptions): MultiIndexAnalyzeResult;
export function analyze(link: string, options?: AnalyzeOptions): AnalyzeResult;
export function analyze(link: string, options: AnalyzeOptions = {}): AnalyzeResult | MultiIndexAnalyzeResult {
  const source = expressionOption('the link', link);
  if (source === undefined) throw new OutOfRangeError("analyze needs a link such as 'relu(z)'");
  const engine = analyzeEngineOptions(options);
  if (isMultiIndexSource(source, engine.parameters?.keys())) {
    // a link in z1..zr (issue 16): the multi-index analysis, src/multiIndex/
    if ((engine.convention ?? 'orthonormal') !== 'orthonormal')
      throw new OutOfRangeError('--convention: the coefficients of a link in z1..zr are orthonormal only');
    const multi = analyzeMultiIndex(source, {
      maxDegree: options.maxDegree === undefined ? undefined : engine.maxDegree,
      noise: engine.noise,
      parameters: engine.parameters,
      relativeTolerance: engine.relativeTolerance,
    });
    return { ...multi, provenance: analyzeProvenance(multi, { ...engine, maxDegree: multi.maxDegree }) };
  }
  const result = analyzeEngine(source, engine);
  return { ...result, provenance: analyzeProvenance(result, engine) };
}

/**
 * A link with free parameters, exactly as a function of them (issue 15; docs/theory.md §9): each
 * coefficient an expression in the parameters, each exponent a case split `{ cases: [{ when, value }] }`.
 * Names given in `set` are fixed; the others stay free.
 *
 * @example analyzeSymbolic('z^3 + a*z').coefficients[1].exact // 'a + 3'
 * @example analyzeSymbolic('z^3 + a*z').informationExponent.cases.map((c) => c.when) // ['a != -3', 'a = -3']
 * @example analyzeSymbolic('a*z^2 + b*z', { set: { a: 1 } }).parameters // ['b']
 * @example analyzeSymbolic('tanh(a*z)') // throws ParseError: the parameter 'a' enters through tanh(…)
 */
export function analyzeSymbolic(link: string, options: AnalyzeOptions = {}): SymbolicAnalysis & { readonly provenance: Provenance<NormalizedAnalyzeOptions> } {
  const source = expressionOption('the link', link);
  if (source === undefined) throw new OutOfRangeError("analyzeSymbolic needs a link such as 'z^3 + a*z'");
  const engine = analyzeEngineOptions(options);
  const result = analyzeSymbolicEngine(source, engine);
  return { ...result, provenance: analyzeProvenance(result, engine) };
}

/**
 * Learning-rate thresholds of online, batch-reuse, alternating or custom SGD: the drift
 * coefficients μ_i(η), E[ψ²], the branches, the exact phase diagram in η = d^{−α} and the
 * crossovers at a concrete d (README "sindex thresholds"; docs/theory.md §4).
 *
 * @example thresholds({ target: 'He3(z)', algo: 'batch-reuse' }).phaseDiagram.breakpoints // ['1', '3/2']
 * @example thresholds({ target: 'He3(z)', algo: 'alternating' }).phaseDiagram.breakpoints // ['1/2']
 * @example thresholds({ target: 'He3(z)', algo: 'alternating', a: '0.5' }).provenance.options.a // '1/2'
 * @example thresholds({ target: 'He3(z)', algo: 'custom' }) // throws OutOfRangeError: --algo custom needs the oracle
 */
export function thresholds(options: ThresholdsOptions = {}): ThresholdsResult {
  const engine = thresholdsEngineOptions(options);
  const result = thresholdsEngine(engine);
  return { ...result, provenance: thresholdsProvenance(result, engine) };
}

/** Steps between checks for an abort (and yields to the event loop), about 0.2 s. */
const SLICE_STEPS = 5_000_000;

/**
 * A verification sweep, as `sindex verify` runs it: for each α and d, `seeds` simulated runs of
 * the algorithm (the exact reduced chain by default), the Kaplan–Meier median hitting time with a
 * bootstrap interval, and per α the fitted log–log slope over d beside the predicted one, with a
 * verdict. Runs in this thread (the command line spreads seeds over worker threads; results are
 * the same seed for seed) and yields to the event loop between slices of work; no files are written.
 *
 * @example (await verify({ target: 'He3(z)', d: [32, 64], seeds: 4 })).fits[0].predictedExact // '2'
 * @example (await verify({ target: 'He3(z)', d: [32, 64], seeds: 4 })).records.length // 8
 * @example (await verify({ target: 'He3(z)', d: [32, 64], seeds: 4 }, { signal: AbortSignal.abort() })).partial // true
 * @example verify({ d: [1] }) // throws OutOfRangeError: --d needs a comma-separated list of integers ≥ 2, got '1'
 */
export async function verify(options: VerifyOptions = {}, control: VerifyControl = {}): Promise<VerifyResult> {
  const config = sweepConfig(options);
  const ode = switchOption('--ode', (options as { ode?: unknown }).ode ?? undefined) ?? false;
  const plan = planSweep(config);
  const sweep = compileSweep(config);
  const tasks = plan.tasks;
  const records: SeedRecord[] = [];
  const start = performance.now();
  const stopped = () => control.signal?.aborted === true;
  let next = 0;
  const runner = new TaskRunner(
    sweep,
    () => (stopped() || next >= tasks.length ? null : tasks[next++]!),
    (r) => {
      records.push(r);
      control.onRecord?.(r, records.length, tasks.length);
    },
  );
  while (!runner.run(SLICE_STEPS) && !stopped()) await new Promise((resolve) => setTimeout(resolve, 0));
  const wallSeconds = (performance.now() - start) / 1000;
  const summary = summarize(records, plan.predictions, config.seed);
  const runs = ode ? odeColumn(config, summary.runs, plan.drift) : summary.runs;
  const fits = ode ? withOdeSlopes(summary.fits, runs) : summary.fits;
  return {
    config,
    predictions: plan.predictions,
    runs,
    fits,
    records,
    stepsSimulated: records.reduce((s, r) => s + r.steps, 0),
    wallSeconds,
    partial: records.length < tasks.length,
    seedsFinished: records.length,
    seedsPlanned: tasks.length,
    fingerprint: sweepFingerprint(config),
    provenance: verifyProvenance(config, { ode }),
  };
}

const ESCAPE_KEYS = [
  'target',
  'activation',
  'width',
  'd',
  'gamma',
  'riskDrop',
  'noise',
  'set',
  'seeds',
  'trainSecondLayer',
  'secondLayerRate',
  'threshold',
  'maxSteps',
  'engine',
  'seed',
] as const;

/**
 * Options of `escape` → an escape sweep configuration, with the command line's checks and messages.
 *
 * @example escapeSweepConfig({ width: '2,1', gamma: '0.05*p' }).gamma // { kind: 'per-width', c: 0.05 }
 * @example escapeSweepConfig({ riskDrop: 2 }) // throws OutOfRangeError: --risk-drop must be a number in (0, 1), got '2'
 */
export function escapeSweepConfig(options: EscapeOptions = {}): EscapeConfig {
  const o = given('escape', options, ESCAPE_KEYS);
  const positive = (x: number) => x > 0;
  const what = "'opt', a positive number G, or c*p (γ = c·p)";
  const text = o.gamma === undefined ? `${ESCAPE_DEFAULTS.gammaPerWidth}*p` : o.gamma;
  const perWidth = typeof text === 'string' ? /^\s*([^*\s]+)\s*\*\s*p\s*$/.exec(text) : null;
  const gamma: EscapeConfig['gamma'] =
    text === 'opt'
      ? { kind: 'opt' }
      : perWidth
        ? { kind: 'per-width', c: numberOption('--gamma c*p', perWidth[1], positive, what)! }
        : { kind: 'fixed', value: numberOption('--gamma', text, positive, what)! };
  const trained = switchOption('--train-second-layer', o.trainSecondLayer) ?? false;
  const rate = numberOption('--second-layer-rate', o.secondLayerRate, positive, 'a positive number') ?? null;
  if (rate !== null && !trained) throw new OutOfRangeError('--second-layer-rate goes with --train-second-layer');
  const widths = numberListOption(
    '--width',
    o.width,
    ESCAPE_DEFAULTS.widths,
    (x) => Number.isInteger(x) && x >= 1 && x <= ESCAPE_DEFAULTS.maxWidth,
    `integers from 1 to ${ESCAPE_DEFAULTS.maxWidth}`,
  );
  const ds = numberListOption('--d', o.d, ESCAPE_DEFAULTS.ds, (x) => Number.isInteger(x) && x >= 3 && x <= 1e9, 'integers from 3 to 10^9');
  const small = ds.find((d) => d < Math.max(...widths) + 2);
  if (small !== undefined)
    throw new OutOfRangeError(`--d ${small} is too small for width ${Math.max(...widths)}: the simulator needs d ≥ p + 2 = ${Math.max(...widths) + 2}`);
  const noise = noiseOption(o.noise);
  return escapeConfig({
    target: expressionOption('--target', o.target) ?? ESCAPE_DEFAULTS.target,
    activation: expressionOption('--activation', o.activation) ?? ESCAPE_DEFAULTS.activation,
    parameters: [...parametersOption(o.set).entries()].map(([k, q]) => [k, q.toString()] as const),
    noise: noise ? noise.toString() : '0',
    widths,
    ds,
    gamma,
    riskDrop: numberOption('--risk-drop', o.riskDrop, (x) => x > 0 && x < 1, 'a number in (0, 1)') ?? ESCAPE_DEFAULTS.riskDrop,
    seeds: integerOption('--seeds', o.seeds, 1, ESCAPE_DEFAULTS.maxSeeds) ?? ESCAPE_DEFAULTS.seeds,
    secondLayer: { trained, rate },
    threshold: numberOption('--threshold', o.threshold, (x) => x > 0 && x < 1, 'a number in (0, 1)') ?? ESCAPE_DEFAULTS.threshold,
    maxSteps: integerOption('--max-steps', o.maxSteps, 1, 1e12) ?? null,
    engine: choiceOption('--engine', o.engine, ['reduced', 'full'] as const, 'reduced'),
    seed: integerOption('--seed', o.seed, 0, 2 ** 32 - 1) ?? ESCAPE_DEFAULTS.seed,
  });
}

/**
 * A width-p committee escaping the plateau of a hard target (arXiv 2305.18502, `sindex escape`):
 * per (p, d) the step, the overlap ODE's and the paper's predicted exit times, and the simulated
 * exit times with their verdicts. Runs in this thread, yielding between slices; writes no files.
 *
 * @example (await escapeTimes({ width: [1], d: [100], seeds: 3, riskDrop: 0.3 })).rows[0].gammaOpt // ≈ 1 / 12
 * @example escapeTimes({ width: [4], d: [5] }) // throws OutOfRangeError: --d 5 is too small for width 4: the simulator needs d ≥ p + 2 = 6
 */
export async function escapeTimes(options: EscapeOptions = {}, control: EscapeControl = {}): Promise<EscapeReport> {
  const config = escapeSweepConfig(options);
  const plan = planEscape(config);
  const runner = new EscapeRunner(compileEscape(config));
  const tasks = plan.tasks;
  const records: EscapeRecord[] = [];
  const start = performance.now();
  const stopped = () => control.signal?.aborted === true;
  let next = 0;
  const claim = () => (stopped() || next >= tasks.length ? null : tasks[next++]!);
  const done = (r: EscapeRecord) => {
    records.push(r);
    control.onRecord?.(r, records.length, tasks.length);
  };
  while (!runSlice(runner, claim, done, SLICE_STEPS) && !stopped()) await new Promise((resolve) => setTimeout(resolve, 0));
  return escapeReport(config, plan, summarizeEscape(records, config.seed), {
    finished: records.length,
    planned: tasks.length,
    interrupted: stopped(),
    shard: null,
    fingerprint: escapeFingerprint(config),
    wallSeconds: (performance.now() - start) / 1000,
  });
}

function linkEntry(link: LinkSpec, index: number): LinkEntry {
  if (link === null || typeof link !== 'object' || typeof link.expr !== 'string') {
    throw new OutOfRangeError(`table: link ${index + 1}: expr is missing or not a string`);
  }
  for (const key of Object.keys(link)) {
    if (!['expr', 'name', 'set', 'noise'].includes(key))
      throw new OutOfRangeError(`table: link ${index + 1}: unknown key '${key}'; the keys are expr, name, set, noise`);
  }
  const parameters = parametersOption(link.set);
  if (isMultiIndexSource(link.expr, parameters.keys())) {
    return { name: link.name ?? link.expr, link: linkOf(link.expr, { parameters, variables: 'multi' }), noise: noiseOption(link.noise) };
  }
  const free = hasFreeParameters(link.expr, parameters);
  return {
    name: link.name ?? link.expr,
    link: linkOf(link.expr, { parameters, freeParameters: free }),
    noise: noiseOption(link.noise),
    ...(free ? { parameters } : {}),
  };
}

/**
 * The rows of a table for a paper (`sindex table`): per link its first nonzero Hermite terms, IE,
 * GE, p₂ = IE(σ²), the online and batch-reuse sample complexities and the alternating α*. `links`
 * is a list of `{ expr, name?, set?, noise? }` or the text of a YAML file of such maps. A link with
 * a parameter left free gives one row per case of its exponents (`when`, `whenTex` on each row).
 *
 * @example tableRows([{ expr: 'He3(z)', name: 'He3' }])[0].alternatingAlpha // '1/2'
 * @example tableRows('- expr: relu(z)\n')[0].ie // 1
 * @example tableRows('- exp: relu(z)\n') // throws OutOfRangeError: links.yaml:1: expr is missing or not a string
 */
export function tableRows(links: string | readonly LinkSpec[], options: Pick<TableOptions, 'timeLimit' | 'source'> = {}): TableRow[] {
  const entries = typeof links === 'string' ? readCatalog(links, options.source ?? 'links.yaml') : Array.isArray(links) ? links.map(linkEntry) : null;
  if (entries === null) throw new OutOfRangeError('table: the links are a list of { expr, name?, set?, noise? } or the text of a YAML file');
  const timeLimit = timeLimitOption(options.timeLimit, DEFAULT_TIME_LIMITS.tableRow);
  return entries.flatMap((entry) => tableRowsOf(entry, { timeLimit }));
}

/**
 * Table rows → LaTeX (booktabs), Markdown, CSV or JSON.
 *
 * @example renderTable(tableRows([{ expr: 'He3(z)' }]), 'md', ['link', 'ie']).split('\n')[2] // '| He(3, z) | 3 |'
 * @example renderTable([], 'latex', ['ie']).split('\n')[0] // '\\begin{tabular}{c}'
 * @example renderTable([], 'html') // throws OutOfRangeError: --format must be latex, md, csv or json, got 'html'
 */
export function renderTable(rows: readonly TableRow[], format: TableFormat = 'md', columns: readonly Column[] = COLUMNS): string {
  checkTableFormat(format, columns);
  return renderRows(rows, format, columns);
}

function checkTableFormat(format: unknown, columns: unknown): void {
  if (!['latex', 'md', 'csv', 'json'].includes(format as string)) throw new OutOfRangeError(`--format must be latex, md, csv or json, got '${shown(format)}'`);
  if (!Array.isArray(columns)) throw new OutOfRangeError(`--columns needs a list of columns (${COLUMNS.join(', ')}), got '${shown(columns)}'`);
  for (const c of columns)
    if (!(COLUMNS as readonly unknown[]).includes(c)) throw new OutOfRangeError(`--columns: unknown column '${shown(c)}' (columns: ${COLUMNS.join(', ')})`);
}

/**
 * `tableRows` and `renderTable` in one call: the table `sindex table` prints.
 *
 * @example table([{ expr: 'He4(z)' }], { format: 'csv', columns: ['link', 'ie', 'p2'] }).split('\n')[1] // '"He(4, z)",4,2'
 */
export function table(links: string | readonly LinkSpec[], options: TableOptions = {}): string {
  checkKeys('table', options, ['format', 'columns', 'timeLimit', 'source']);
  checkTableFormat(options.format ?? 'md', options.columns ?? COLUMNS); // before the rows are computed
  return renderTable(tableRows(links, options), options.format ?? 'md', options.columns ?? COLUMNS);
}

/**
 * The phase diagram of a thresholds result as an SVG document: the exponent of d in T against α
 * (η = d^{−α}), breakpoints as dashed lines labelled by their exact value, pieces labelled by regime.
 *
 * @example phaseDiagramSvg(thresholds({ target: 'He3(z)', algo: 'alternating' })).includes('<svg') // true
 */
export function phaseDiagramSvg(result: ThresholdResult): string {
  return phaseSvg(result);
}

/**
 * The phase diagram as a pgfplots `tikzpicture` for a paper (`\usepackage{pgfplots}\pgfplotsset{compat=1.18}`).
 *
 * @example phaseDiagramPgfplots(thresholds({ target: 'He3(z)', algo: 'alternating' })).includes('\\begin{tikzpicture}') // true
 */
export function phaseDiagramPgfplots(result: ThresholdResult): string {
  return phasePgfplots(result);
}

/**
 * The scaling plot of a sweep (a `verify` result, or its `{ runs, fits }`) as an SVG document:
 * median hitting time against d on log–log axes, one marker and dash pattern per α, with the
 * predicted slopes.
 *
 * @example scalingSvg(await verify({ target: 'He3(z)', d: [32, 64], seeds: 4 }), { title: 'He3, online' }).includes('He3, online') // true
 */
export function scalingSvg(summary: ScalingSummary, options: ScalingOptions = {}): string {
  return scalingPicture(summary, options);
}

/**
 * The scaling plot as a pgfplots `tikzpicture`.
 *
 * @example scalingPgfplots(await verify({ target: 'He3(z)', d: [32, 64], seeds: 4 })).includes('\\begin{axis}') // true
 */
export function scalingPgfplots(summary: ScalingSummary, options: ScalingOptions = {}): string {
  return scalingTex(summary, options);
}
