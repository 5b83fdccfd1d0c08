/** Messages between the UI and its engine worker (heavy work stays off the render thread). */
import type { Analysis } from '../../src/analysis/analyze.js';
import type { ThresholdResult } from '../../src/thresholds/thresholds.js';
import type { Prediction, SweepConfig } from '../../src/verify/plan.js';
import type { FitSummary, RunSummary } from '../../src/verify/summary.js';

export type EngineRequest =
  | { readonly id: number; readonly kind: 'analyze'; readonly expr: string; readonly noise: string | null }
  | { readonly id: number; readonly kind: 'thresholds'; readonly target: string; readonly student: string | null; readonly algorithm: string; readonly noise: string | null; readonly d: number }
  | { readonly id: number; readonly kind: 'verify'; readonly config: SweepConfig }
  | { readonly id: number; readonly kind: 'table'; readonly links: readonly string[]; readonly format: 'latex' | 'md' };

export interface UserError {
  readonly message: string;
  readonly position: number | null;
  readonly hint: string | null;
  /** the input the error is about, when the engine can tell (a parse error quotes its text) */
  readonly field: 'target' | 'student' | 'noise' | null;
}

export type EngineResponse =
  | { readonly id: number; readonly kind: 'analyze'; readonly result: Analysis }
  | { readonly id: number; readonly kind: 'thresholds'; readonly result: ThresholdResult }
  | { readonly id: number; readonly kind: 'progress'; readonly done: number; readonly total: number; readonly runs: readonly RunSummary[]; readonly predictions: readonly Prediction[] }
  | { readonly id: number; readonly kind: 'verify'; readonly runs: readonly RunSummary[]; readonly fits: readonly FitSummary[] }
  | { readonly id: number; readonly kind: 'table'; readonly format: 'latex' | 'md'; readonly text: string }
  | { readonly id: number; readonly kind: 'error'; readonly error: UserError };

/** A request before the client gives it an id. */
export type EngineRequestBody = EngineRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;
