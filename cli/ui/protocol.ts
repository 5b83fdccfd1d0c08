/**
 * Messages between the UI and its engine worker (heavy work stays off the render thread). Every
 * answer carries the query it answers, so the UI shows it only while the fields still ask it.
 */
import type { Analysis } from '../../src/analyze.js';
import type { MultiIndexAnalysis } from '../../src/multiIndex/analyzeMulti.js';
import type { SymbolicAnalysis } from '../../src/symbolic/analyzeSymbolic.js';
import type { SymbolicThresholds } from '../../src/symbolic/thresholdsCases.js';
import type { ThresholdAlgorithm, ThresholdResult } from '../../src/thresholds/thresholds.js';
import type { Prediction, SweepConfig } from '../../src/verify/plan.js';
import type { FitSummary, RunSummary } from '../../src/verify/summary.js';

/** A link with free parameters, analysed exactly as a function of them (issue 15); `mode` tells it from a numeric Analysis. */
export interface SymbolicResult extends SymbolicAnalysis {
  readonly mode: 'symbolic';
}

/**
 * What an analyze request returns: the numeric analysis, the symbolic one when the link has free
 * parameters, or the multi-index analysis (leap, staircase, generative leap) of a link in z1..z6.
 */
export type AnalyzeResult = Analysis | SymbolicResult | MultiIndexAnalysis;

/** True for the symbolic analysis of a link with free parameters. */
export const isSymbolic = (r: AnalyzeResult): r is SymbolicResult => 'mode' in r && r.mode === 'symbolic';

/** True for the analysis of a multi-index link y = g(z1..zr). */
export const isMultiIndex = (r: AnalyzeResult): r is MultiIndexAnalysis => 'mode' in r && r.mode === 'multi-index';

/** The engine's answer where a computation does not apply, e.g. the thresholds of a multi-index link: why. */
export interface NotAvailable {
  readonly mode: 'not-available';
  readonly reason: string;
}

/** What a thresholds request returns: the phase diagram, the case split when σ* or σ has free parameters, or why there is none. */
export type ThresholdsAnswer = ThresholdResult | SymbolicThresholds | NotAvailable;

/** True when the engine says the thresholds do not apply to these fields. */
export const isNotAvailable = (r: ThresholdsAnswer): r is NotAvailable => 'mode' in r && r.mode === 'not-available';

/** True for the case split of a target with free parameters. */
export const isSymbolicThresholds = (r: ThresholdsAnswer): r is SymbolicThresholds => 'mode' in r && r.mode === 'symbolic';

/** The analysis of a link σ* with label noise Δ (null: none). */
export interface AnalyzeQuery {
  readonly expr: string;
  readonly noise: string | null;
}

/** μ_i(η), the branches and the phase diagram of a target, a student (null: = σ*) and an algorithm. */
export interface ThresholdsQuery {
  readonly target: string;
  readonly student: string | null;
  readonly algorithm: ThresholdAlgorithm;
  /** the oracle ψ(y, z) of the custom algorithm (null otherwise) */
  readonly psi: string | null;
  readonly noise: string | null;
  readonly d: number;
}

export type EngineRequest =
  | { readonly id: number; readonly kind: 'analyze'; readonly query: AnalyzeQuery }
  | { readonly id: number; readonly kind: 'thresholds'; readonly query: ThresholdsQuery }
  | { readonly id: number; readonly kind: 'verify'; readonly config: SweepConfig }
  | { readonly id: number; readonly kind: 'table'; readonly links: readonly string[]; readonly format: 'latex' | 'md' };

export interface UserError {
  readonly message: string;
  readonly position: number | null;
  readonly hint: string | null;
  /** the input the error is about, when the engine can tell (a parse error quotes its text) */
  readonly field: 'target' | 'student' | 'noise' | 'psi' | null;
}

export type EngineResponse =
  | { readonly id: number; readonly kind: 'analyze'; readonly query: AnalyzeQuery; readonly result: AnalyzeResult }
  | { readonly id: number; readonly kind: 'thresholds'; readonly query: ThresholdsQuery; readonly result: ThresholdsAnswer }
  | {
      readonly id: number;
      readonly kind: 'progress';
      readonly done: number;
      readonly total: number;
      readonly runs: readonly RunSummary[];
      readonly predictions: readonly Prediction[];
    }
  | { readonly id: number; readonly kind: 'verify'; readonly runs: readonly RunSummary[]; readonly fits: readonly FitSummary[] }
  | { readonly id: number; readonly kind: 'table'; readonly format: 'latex' | 'md'; readonly links: readonly string[]; readonly text: string }
  /** `request` is the request that failed, so an error is tagged like a result */
  | { readonly id: number; readonly kind: 'error'; readonly request: EngineRequest; readonly error: UserError };

/** A request before the client gives it an id. */
export type EngineRequestBody = EngineRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;
