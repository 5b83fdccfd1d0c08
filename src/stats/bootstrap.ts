/**
 * Percentile bootstrap with a seeded generator (reproducible for a given seed).
 *
 * Each of B resamples draws n = sample.length indices with SeededRandom.integer(n), in order,
 * and evaluates the statistic on the resample. The interval is [q((1 − level)/2), q((1 + level)/2)]
 * of the B replicate values, q the linear-interpolation sample quantile (percentile).
 */
import { SeededRandom } from './random.js';

export interface BootstrapOptions {
  /** Number of resamples B, default 1000. */
  resamples?: number;
  /** Coverage of the two-sided interval, default 0.95. */
  level?: number;
  seed: number;
}

export interface BootstrapInterval {
  /** Lower percentile of the replicates; null when it falls on a null (+∞) replicate. */
  lo: number | null;
  /** Upper percentile; null when it is +∞ (enough resamples had a null statistic). */
  hi: number | null;
  /** The statistic on the original sample. */
  estimate: number | null;
}

/**
 * Sample quantile of ascending values x₀ ≤ … ≤ x_{B−1}, linear interpolation ("type 7",
 * numpy's default): h = (B − 1)·p, k = ⌊h⌋, q = x_k + (h − k)·(x_{k+1} − x_k).
 * Infinite values are allowed: the result is x_k when h = k, and ±∞ when it interpolates towards
 * an infinite neighbour.
 */
export function quantileSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('quantileSorted: empty sample');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantileSorted: p must be in [0, 1], got ${p}`);
  const h = (sorted.length - 1) * p;
  const k = Math.floor(h);
  const a = sorted[k]!;
  const frac = h - k;
  if (frac === 0 || k + 1 >= sorted.length) return a;
  const b = sorted[k + 1]!;
  if (!Number.isFinite(a)) return a;
  if (!Number.isFinite(b)) return b;
  return a + frac * (b - a);
}

/** Validates resamples/level and returns them with defaults applied. */
export function bootstrapSettings(options: { resamples?: number; level?: number }): { resamples: number; level: number } {
  const resamples = options.resamples ?? 1000;
  const level = options.level ?? 0.95;
  if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError(`bootstrap: resamples must be a positive integer, got ${resamples}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`bootstrap: level must be in (0, 1), got ${level}`);
  return { resamples, level };
}

/**
 * Percentile bootstrap interval of `statistic`.
 *
 * Censoring convention: a resample whose statistic is null (e.g. a KM median of a resample
 * more than half censored) counts as +∞ — "larger than anything observed" — so it sorts above
 * every finite replicate; an interval end that lands on (or interpolates towards) +∞ is
 * reported as null. Thus hi is null once more than about (1 − level)/2 of the resamples are
 * null, and lo as well once more than about (1 + level)/2 are.
 */
export function bootstrapInterval<T>(sample: readonly T[], statistic: (s: readonly T[]) => number | null, options: BootstrapOptions): BootstrapInterval {
  const { resamples, level } = bootstrapSettings(options);
  const n = sample.length;
  if (n === 0) throw new RangeError('bootstrapInterval: empty sample');
  const rng = new SeededRandom(options.seed);
  const replicates = new Array<number>(resamples);
  for (let b = 0; b < resamples; b++) {
    const resample = new Array<T>(n);
    for (let i = 0; i < n; i++) resample[i] = sample[rng.integer(n)]!;
    const v = statistic(resample);
    if (Number.isNaN(v)) throw new RangeError('bootstrapInterval: the statistic returned NaN');
    replicates[b] = v === null ? Infinity : v;
  }
  replicates.sort((x, y) => x - y);
  const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);
  return {
    lo: finiteOrNull(quantileSorted(replicates, (1 - level) / 2)),
    hi: finiteOrNull(quantileSorted(replicates, (1 + level) / 2)),
    estimate: statistic(sample),
  };
}
