/**
 * Verdict on a predicted scaling exponent against a fitted slope with a confidence interval.
 *
 * In order (the first that applies decides):
 *   inconclusive — no slope or a missing/non-finite CI end;
 *   inconclusive — fewer than minPoints (default 3) values of d in the fit (when `points` is known);
 *   inconclusive — more than maxCensoredMedians (default 0) values of d had a censored median;
 *   inconclusive — CI width hi − lo > maxWidth (default 1.0);
 *   agrees       — lo − tolerance ≤ predicted ≤ hi + tolerance (tolerance default 0.1);
 *   disagrees    — otherwise.
 */

export interface FitSummary {
  slope: number | null;
  ci: [number | null, number | null];
  /** Number of d in the fit (bootstrapSlope and logLogSlope report it). */
  points?: number;
  /** Number of d left out because their median is censored (bootstrapSlope reports it). */
  censoredMedians?: number;
}

export interface VerdictOptions {
  /** Absolute slack added on both sides of the CI, default 0.1. */
  tolerance?: number;
  /** Fewest values of d for a verdict, default 3. */
  minPoints?: number;
  /** Widest CI for a verdict, default 1.0. */
  maxWidth?: number;
  /** Most values of d with a censored median tolerated, default 0. */
  maxCensoredMedians?: number;
}

export type Verdict = { verdict: 'agrees' | 'disagrees' | 'inconclusive'; reason: string };

const fmt = (x: number): string => Number(x.toPrecision(4)).toString();

export function verdict(fit: FitSummary, predicted: number, options: VerdictOptions = {}): Verdict {
  const tolerance = options.tolerance ?? 0.1;
  const minPoints = options.minPoints ?? 3;
  const maxWidth = options.maxWidth ?? 1.0;
  const maxCensored = options.maxCensoredMedians ?? 0;
  if (!Number.isFinite(predicted)) throw new RangeError(`verdict: predicted slope must be finite, got ${predicted}`);
  if (!(tolerance >= 0)) throw new RangeError(`verdict: tolerance must be non-negative, got ${tolerance}`);
  const [lo, hi] = fit.ci;
  const inconclusive = (reason: string): Verdict => ({ verdict: 'inconclusive', reason });
  if (fit.slope === null || !Number.isFinite(fit.slope)) return inconclusive('no fitted slope (too few uncensored medians)');
  if (lo === null || hi === null || !Number.isFinite(lo) || !Number.isFinite(hi)) {
    return inconclusive(
      `confidence interval missing (lo ${lo === null ? 'null' : fmt(lo)}, hi ${hi === null ? 'null' : fmt(hi)}): too many censored resamples or too few points`,
    );
  }
  if (fit.points !== undefined && fit.points < minPoints) return inconclusive(`only ${fit.points} values of d fitted, fewer than ${minPoints}`);
  if (fit.censoredMedians !== undefined && fit.censoredMedians > maxCensored) {
    return inconclusive(`${fit.censoredMedians} values of d have a censored median (more than half the runs never reached the threshold)`);
  }
  const width = hi - lo;
  const ciText = `slope ${fmt(fit.slope)}, CI [${fmt(lo)}, ${fmt(hi)}]`;
  if (width > maxWidth) return inconclusive(`${ciText} is wider than ${fmt(maxWidth)}`);
  if (predicted >= lo - tolerance && predicted <= hi + tolerance) {
    return { verdict: 'agrees', reason: `predicted ${fmt(predicted)} lies within ${ciText} ± ${fmt(tolerance)}` };
  }
  return { verdict: 'disagrees', reason: `predicted ${fmt(predicted)} lies outside ${ciText} ± ${fmt(tolerance)}` };
}
