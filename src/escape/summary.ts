/**
 * From escape records to what `sindex escape` reports, per (p, d): the Kaplan–Meier median of
 * the exit time in samples (censored seeds kept) with a bootstrap 95 % interval, the quartiles,
 * the mean exit time with its interval (when every seed exited),
 * the fraction of seeds that exited, the median time of max_j |m_j| ≥ τ, and the divergences.
 */
import { bootstrapInterval } from '../stats/bootstrap.js';
import { kaplanMeierMedian, kaplanMeierQuantile, type Observation } from '../stats/kaplanMeier.js';
import type { EscapeRecord } from './records.js';

export interface EscapeRun {
  readonly p: number;
  readonly d: number;
  readonly gamma: number;
  readonly seeds: number;
  /** KM median exit time in samples (null: more than half censored) */
  readonly median: number | null;
  readonly ci: readonly [number | null, number | null];
  readonly quartiles: readonly [number | null, number | null];
  /** mean exit time in samples and its bootstrap 95 % interval (null when a seed is censored or diverged) */
  readonly mean: number | null;
  readonly meanCi: readonly [number | null, number | null];
  /** fraction of seeds whose risk fell by T within their cap */
  readonly reached: number;
  readonly medianHitAbs: number | null;
  readonly diverged: number;
  readonly maxSteps: number;
}

const exitObservation = (r: EscapeRecord): Observation => (r.exit === null ? { time: r.steps, reached: false } : { time: r.exit, reached: true });
const hitObservation = (r: EscapeRecord): Observation => (r.hitAbs === null ? { time: r.steps, reached: false } : { time: r.hitAbs, reached: true });

/** Per (p, d), in order of p then d. `seed` seeds the bootstrap. */
export function summarizeEscape(records: readonly EscapeRecord[], seed: number): EscapeRun[] {
  const groups = new Map<string, EscapeRecord[]>();
  for (const r of records) {
    const k = `${r.p}|${r.d}`;
    const list = groups.get(k);
    if (list) list.push(r);
    else groups.set(k, [r]);
  }
  const runs: EscapeRun[] = [];
  for (const group of groups.values()) {
    const sorted = [...group].sort((a, b) => a.seedIndex - b.seedIndex);
    const obs = sorted.map(exitObservation);
    const interval = bootstrapInterval(obs, kaplanMeierMedian, { seed });
    const everyExit = sorted.every((r) => r.exit !== null);
    const exits = sorted.map((r) => r.exit ?? 0);
    const average = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const meanInterval = everyExit ? bootstrapInterval(exits, average, { seed }) : { estimate: null, lo: null, hi: null };
    runs.push({
      p: sorted[0]!.p,
      d: sorted[0]!.d,
      gamma: sorted[0]!.gamma,
      seeds: sorted.length,
      median: interval.estimate,
      ci: [interval.lo, interval.hi],
      quartiles: [kaplanMeierQuantile(obs, 0.25), kaplanMeierQuantile(obs, 0.75)],
      mean: meanInterval.estimate,
      meanCi: [meanInterval.lo, meanInterval.hi],
      reached: obs.filter((o) => o.reached).length / obs.length,
      medianHitAbs: kaplanMeierMedian(sorted.map(hitObservation)),
      diverged: sorted.filter((r) => r.diverged !== null).length,
      maxSteps: sorted[0]!.maxSteps,
    });
  }
  return runs.sort((a, b) => a.p - b.p || a.d - b.d);
}
