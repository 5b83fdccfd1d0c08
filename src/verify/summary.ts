/**
 * From seed records to what a sweep reports: per (α, d) the Kaplan–Meier median hitting time
 * (censored runs kept), a bootstrap 95 % interval, the fraction that reached τ and the median of
 * |m| ≥ τ; per α the log–log slope over d with a bootstrap interval, beside the predicted slope,
 * and a verdict.
 */
import { bootstrapInterval } from '../stats/bootstrap.js';
import { bootstrapSlope, slopeWithLog } from '../stats/fit.js';
import { kaplanMeierMedian, type Observation } from '../stats/kaplanMeier.js';
import { verdict } from '../stats/verdict.js';
import type { Prediction } from './plan.js';
import type { SeedRecord } from './records.js';

export interface RunSummary {
  readonly alpha: number;
  readonly d: number;
  readonly eta: number;
  readonly gamma: number;
  readonly seeds: number;
  readonly median: number | null;
  readonly ci: readonly [number | null, number | null];
  readonly reachedFraction: number;
  readonly medianAbs: number | null;
  /** bootstrap 95 % interval of medianAbs (nulls without intervals) */
  readonly ciAbs: readonly [number | null, number | null];
  readonly diverged: number;
  readonly ode?: number | null;
  /** With --ode: the quadrature's error estimate for `ode`, in steps. */
  readonly odeError?: number | null;
}

export interface FitSummary {
  readonly alpha: number;
  readonly slope: number | null;
  readonly ci: readonly [number | null, number | null];
  readonly predicted: number;
  readonly predictedExact: string;
  /** The predicted slope over the fitted d when T carries a log d factor (else = predicted). */
  readonly predictedWithLog: number;
  readonly regime: string;
  readonly verdict: 'agrees' | 'disagrees' | 'inconclusive';
  readonly reason: string;
  /** With --ode: the slope of the deterministic prediction over the same d (finite-d effects included). */
  readonly odeSlope?: number | null;
}

/** A censored observation of the first time m ≥ τ (diverged runs count as never reaching). */
function observation(r: SeedRecord, which: 'hit' | 'hitAbs'): Observation {
  const t = r[which];
  return t === null ? { time: r.steps, reached: false } : { time: t, reached: true };
}

/** Push onto the list under `key`, creating it (linear in the number of items, unlike re-spreading). */
function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * `intervals: false` skips the bootstrap (1000 resamples per (α, d)): for progress displays that
 * re-summarise after every seed.
 */
export function summarize(
  records: readonly SeedRecord[],
  predictions: readonly Prediction[],
  seed: number,
  options: { readonly intervals?: boolean } = {},
): { runs: RunSummary[]; fits: FitSummary[] } {
  const intervals = options.intervals ?? true;
  const groups = new Map<string, SeedRecord[]>();
  for (const r of records) {
    const k = `${r.alpha}|${r.d}`;
    append(groups, k, r);
  }
  const runs: RunSummary[] = [];
  for (const group of groups.values()) {
    const sorted = [...group].sort((a, b) => a.seedIndex - b.seedIndex);
    const obs = sorted.map((r) => observation(r, 'hit'));
    const interval = intervals ? bootstrapInterval(obs, kaplanMeierMedian, { seed }) : { lo: null, hi: null, estimate: kaplanMeierMedian(obs) };
    const obsAbs = sorted.map((r) => observation(r, 'hitAbs'));
    const intervalAbs = intervals ? bootstrapInterval(obsAbs, kaplanMeierMedian, { seed }) : { lo: null, hi: null, estimate: kaplanMeierMedian(obsAbs) };
    runs.push({
      alpha: sorted[0]!.alpha,
      d: sorted[0]!.d,
      eta: sorted[0]!.eta,
      gamma: sorted[0]!.gamma,
      seeds: sorted.length,
      median: interval.estimate,
      ci: [interval.lo, interval.hi],
      reachedFraction: obs.filter((o) => o.reached).length / obs.length,
      medianAbs: intervalAbs.estimate,
      ciAbs: [intervalAbs.lo, intervalAbs.hi],
      diverged: sorted.filter((r) => r.diverged !== null).length,
    });
  }
  runs.sort((a, b) => a.alpha - b.alpha || a.d - b.d);
  const fits: FitSummary[] = predictions.map((p) => {
    const byD = new Map<number, Observation[]>();
    for (const r of records.filter((x) => x.alpha === p.alpha).sort((a, b) => a.d - b.d || a.seedIndex - b.seedIndex)) {
      // log–log fit: a hit at step 0 (the initial overlap already ≥ τ) counts as one step
      const o = observation(r, 'hit');
      append(byD, r.d, { ...o, time: Math.max(o.time, 1) });
    }
    const boot = byD.size >= 2 ? bootstrapSlope(byD, { seed }) : { slope: null, ci: [null, null] as [null, null] };
    // the whole bootstrap result: verdict() also checks its points and censored medians
    const fit = { ...boot, ci: boot.ci as [number | null, number | null] };
    // with a log d factor, the slope of d^e·log d between the smallest and largest d
    const ds = [...byD.keys()].sort((a, b) => a - b);
    const [dMin, dMax] = [ds[0] ?? 2, ds[ds.length - 1] ?? 2];
    const effective = slopeWithLog(p.slope, p.log, dMin, dMax);
    const v = Number.isFinite(p.slope) ? verdict(fit, effective) : { verdict: 'inconclusive' as const, reason: 'no prediction for this α' };
    return {
      alpha: p.alpha,
      slope: boot.slope,
      ci: boot.ci,
      predicted: p.slope,
      predictedExact: p.slopeExact,
      predictedWithLog: effective,
      regime: p.regime,
      verdict: v.verdict,
      reason: v.reason + (p.log ? ` (T ≍ d^${p.slopeExact}·log d: over these d its slope is ${effective.toFixed(3)}, the value compared)` : ''),
    };
  });
  return { runs, fits };
}
