/**
 * What the fields ask the engine, and whether an answer is for them: every result is kept with
 * the query it answers and counts as current only while the fields still ask that query.
 */
import { THRESHOLD_ALGORITHMS, type ThresholdAlgorithm } from '../../src/thresholds/thresholds.js';
import type { AnalyzeQuery, ThresholdsQuery, UserError } from './protocol.js';

/** The input fields in Tab order; ψ is shown only for the custom algorithm. */
export const FIELDS = ['target', 'student', 'algo', 'psi', 'noise', 'd'] as const;
export type Field = (typeof FIELDS)[number];
export type FieldValues = Readonly<Record<Field, string>>;

/** Short labels so the fields fit an 80-column line. */
export const LABEL: Record<Field, string> = { target: 'σ*', student: 'σ', algo: 'algo', psi: 'ψ', noise: 'Δ', d: 'd' };

/** The fields on screen for an algorithm. */
export function fieldsShown(algorithm: string): readonly Field[] {
  return algorithm === 'custom' ? FIELDS : FIELDS.filter((f) => f !== 'psi');
}

/** The algorithm `step` places after `a` in the engine's list, cyclically. */
export function cycleAlgorithm(a: ThresholdAlgorithm, step: number): ThresholdAlgorithm {
  const n = THRESHOLD_ALGORITHMS.length;
  return THRESHOLD_ALGORITHMS[(((THRESHOLD_ALGORITHMS.indexOf(a) + step) % n) + n) % n]!;
}

/** The next algorithm after `a` whose name starts with `letter`, or `a` when none does. */
export function algorithmStarting(a: ThresholdAlgorithm, letter: string): ThresholdAlgorithm {
  for (let step = 1; step <= THRESHOLD_ALGORITHMS.length; step++) {
    const b = cycleAlgorithm(a, step);
    if (b.startsWith(letter.toLowerCase())) return b;
  }
  return a;
}

/** A field whose text the UI rejects before asking the engine. */
export interface FieldProblem {
  readonly field: Field;
  readonly error: UserError;
}

const optional = (s: string): string | null => (s.trim() === '' ? null : s.trim());
const problem = (field: Field, message: string): FieldProblem => ({ field, error: { message, position: null, hint: null, field: null } });

export function analyzeQuery(f: FieldValues): AnalyzeQuery {
  return { expr: f.target.trim(), noise: optional(f.noise) };
}

/** The thresholds query of the fields, or the field that stops it (d, or ψ for the custom algorithm). */
export function thresholdsQuery(f: FieldValues): ThresholdsQuery | FieldProblem {
  const algorithm = f.algo as ThresholdAlgorithm;
  const d = Number(f.d.trim());
  if (f.d.trim() === '' || !(d >= 2) || !Number.isFinite(d)) return problem('d', 'd must be a number ≥ 2');
  const psi = algorithm === 'custom' ? optional(f.psi) : null;
  if (algorithm === 'custom' && psi === null) return problem('psi', 'the custom algorithm needs its oracle ψ(y, z), e.g. y^2*He2(z) (may use eta and d)');
  return { target: f.target.trim(), student: optional(f.student), algorithm, psi, noise: optional(f.noise), d };
}

export const isProblem = (q: object): q is FieldProblem => 'error' in q;

/** Two queries ask the same thing. */
export const sameQuery = (a: object, b: object): boolean => JSON.stringify(a) === JSON.stringify(b);

/** An engine answer, kept with the query it answers. */
export type Outcome<Q, R> = { readonly query: Q; readonly result: R } | { readonly query: Q; readonly error: UserError };

/**
 * What a pane shows for the current fields: the answer to their query, an error about them, or
 * "computing" (with the last answer, to be shown dimmed and labelled with its own query).
 */
export type View<Q, R> =
  | { readonly kind: 'ready'; readonly result: R }
  | { readonly kind: 'error'; readonly field: Field | null; readonly error: UserError }
  | { readonly kind: 'computing'; readonly stale: { readonly query: Q; readonly result: R } | null };

export function viewOf<Q extends object, R>(outcome: Outcome<Q, R> | null, current: Q | FieldProblem): View<Q, R> {
  if (isProblem(current)) return { kind: 'error', field: current.field, error: current.error };
  if (outcome !== null && sameQuery(outcome.query, current)) {
    return 'result' in outcome ? { kind: 'ready', result: outcome.result } : { kind: 'error', field: outcome.error.field, error: outcome.error };
  }
  return { kind: 'computing', stale: outcome !== null && 'result' in outcome ? outcome : null };
}

/** The label of a query's key, and how its value reads when unset. */
const KEY_LABEL: Record<string, readonly [string, string]> = {
  expr: ['σ*', ''],
  target: ['σ*', ''],
  student: ['σ', '= σ*'],
  algorithm: ['algo', ''],
  psi: ['ψ', 'none'],
  noise: ['Δ', '0'],
  d: ['d', ''],
};

/** Where `stale` differs from `current`, e.g. "σ* = He3(z), d = 1000", to label results that are not for the fields. */
export function differences(stale: object, current: object): string {
  const s = stale as Record<string, unknown>;
  const c = current as Record<string, unknown>;
  const parts = Object.keys(KEY_LABEL)
    .filter((k) => k in s && JSON.stringify(s[k]) !== JSON.stringify(c[k]))
    .map((k) => `${KEY_LABEL[k]![0]} = ${s[k] === null ? KEY_LABEL[k]![1] : String(s[k])}`);
  return parts.join(', ');
}
