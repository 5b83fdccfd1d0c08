import type { FitSummary, RunSummary } from '../../src/verify/summary.js';

export const DS = [64, 128, 256, 512];

/** A synthetic sweep summary: medians exactly c·d^slope per α, so the predicted lines pass through the points. */
export function syntheticSummary(options: { alphas?: readonly number[]; slope?: number; ode?: boolean; censorLast?: boolean } = {}): {
  runs: RunSummary[];
  fits: FitSummary[];
} {
  const alphas = options.alphas ?? [0, 0.5, 1];
  const slope = options.slope ?? 2;
  const runs: RunSummary[] = [];
  const fits: FitSummary[] = [];
  alphas.forEach((alpha, i) => {
    const c = 3 * (i + 1);
    for (const d of DS) {
      const m = c * d ** slope;
      const censored = options.censorLast === true && i === alphas.length - 1 && d === DS[DS.length - 1];
      runs.push({
        alpha,
        d,
        eta: d ** -alpha,
        gamma: 0.01,
        seeds: 16,
        median: censored ? null : m,
        ci: censored ? [m, null] : [0.8 * m, 1.25 * m],
        reachedFraction: censored ? 0.25 : 1,
        medianAbs: m,
        ciAbs: [null, null],
        diverged: 0,
        ...(options.ode ? { ode: 0.9 * m } : {}),
      });
    }
    fits.push({
      alpha,
      slope,
      ci: [slope - 0.1, slope + 0.1],
      predicted: slope,
      predictedExact: String(slope),
      predictedWithLog: slope,
      regime: 'information',
      verdict: 'agrees',
      reason: 'test',
    });
  });
  return { runs, fits };
}
