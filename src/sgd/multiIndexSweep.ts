/**
 * A sweep of the multi-index simulator over several d and the log–log slope of its median hitting
 * time (docs/theory.md §6.2–6.4 and §8): for each d, `seeds` runs of `runMultiIndexSgd` with
 * γ = gamma(d) and seeds seedFor(seedFor(baseSeed, d), i); the hitting time fitted is the subspace
 * hit ‖P_S w‖ ≥ τ (`time: 'subspace'`, the default) or direction s's m_s² ≥ τ_dir² (`time: s`,
 * 1-based; runs stop at the subspace hit when that is the time fitted, unless `until` says
 * otherwise). A run that did not hit is right-censored at its `steps`; a hit at the start (ν = 0)
 * counts as ν = 1 (the fit takes logarithms). The slope is `bootstrapSlope` of the Kaplan–Meier
 * medians. The leap's prediction for online SGD is n ≍ d^{max(L−1, 1)} (2302.11055; at L = 2 with a
 * log d, which a finite-d fit sees as a slope a little above 1).
 */
import { OutOfRangeError } from '../errors.js';
import { onlineExponent } from '../generative/sampleComplexity.js';
import { bootstrapSlope, type SlopeBootstrap } from '../stats/fit.js';
import type { Observation } from '../stats/kaplanMeier.js';
import { runMultiIndexSgd, type MultiIndexRun, type MultiIndexSgdOptions } from './multiIndex.js';
import { seedFor } from './rng.js';

/** The sweep's options: one seed's options without d, γ, seed and engine, plus the grid. */
export interface MultiIndexSweepOptions extends Omit<MultiIndexSgdOptions, 'd' | 'gamma' | 'seed' | 'engine'> {
  /** the dimensions (integers ≥ r + 2, at least two distinct) */
  ds: readonly number[];
  /** γ at each d (e.g. d ↦ c/d) */
  gamma: (d: number) => number;
  /** runs per d (≥ 1) */
  seeds: number;
  /** a safe integer: run i at dimension d has seed seedFor(seedFor(baseSeed, d), i); it also seeds the bootstrap */
  baseSeed: number;
  /** default 'reduced' */
  engine?: 'reduced' | 'full';
  /** the hitting time fitted: 'subspace' (default) or a direction s ∈ 1..r */
  time?: 'subspace' | number;
  /** bootstrap resamples and level (bootstrapSlope's defaults) */
  resamples?: number;
  level?: number;
}

export interface MultiIndexSweep {
  /** the runs at each d, in seed order */
  runs: Map<number, MultiIndexRun[]>;
  /** the observations fitted at each d (time in samples ν ≥ 1, reached = hit) */
  observations: Map<number, Observation[]>;
  /** the fit: slope of ln(KM median) against ln d, its bootstrap interval, the medians */
  fit: SlopeBootstrap;
}

/**
 * The slope online SGD's sample complexity predicts at leap L: max(L − 1, 1), the single-index
 * ladder's online exponent at p = L.
 * @example leapSlope(1) // 1
 * @example leapSlope(3) // 2
 */
export const leapSlope: (L: number) => number = onlineExponent;

/** Run the sweep (the module comment). Throws OutOfRangeError on a bad grid or option. */
export function multiIndexSweep(o: MultiIndexSweepOptions): MultiIndexSweep {
  const ds = [...new Set(o.ds)].sort((a, b) => a - b);
  if (ds.length < 2) throw new OutOfRangeError(`multi-index sweep: needs at least two distinct d, got ${ds.length}`);
  if (!Number.isSafeInteger(o.seeds) || o.seeds < 1) throw new OutOfRangeError(`multi-index sweep: seeds must be an integer ≥ 1, got ${o.seeds}`);
  if (!Number.isSafeInteger(o.baseSeed)) throw new OutOfRangeError(`multi-index sweep: baseSeed must be a safe integer, got ${o.baseSeed}`);
  const time = o.time ?? 'subspace';
  if (time !== 'subspace' && !(Number.isSafeInteger(time) && time >= 1 && time <= o.directions)) {
    throw new OutOfRangeError(`multi-index sweep: time must be 'subspace' or a direction 1..${o.directions}, got ${String(time)}`);
  }
  const { ds: _grid, gamma, seeds, baseSeed, engine, time: _time, resamples, level, ...one } = o;
  const runs = new Map<number, MultiIndexRun[]>();
  const observations = new Map<number, Observation[]>();
  for (const d of ds) {
    const base = seedFor(baseSeed, d);
    const rs = Array.from({ length: seeds }, (_, i) =>
      runMultiIndexSgd({ until: time === 'subspace' ? 'subspace' : 'all', ...one, d, gamma: gamma(d), engine: engine ?? 'reduced', seed: seedFor(base, i) }),
    );
    runs.set(d, rs);
    observations.set(
      d,
      rs.map((run) => {
        const t = time === 'subspace' ? run.hit : run.directionHits[time - 1]!;
        return t === null ? { time: Math.max(run.steps, 1), reached: false } : { time: Math.max(t, 1), reached: true };
      }),
    );
  }
  const settings: { seed: number; resamples?: number; level?: number } = { seed: baseSeed };
  if (resamples !== undefined) settings.resamples = resamples;
  if (level !== undefined) settings.level = level;
  return { runs, observations, fit: bootstrapSlope(observations, settings) };
}
