/**
 * What `sindex escape` reports (text, JSON, plots render it): per (p, d) the step, the
 * predictions, the simulated exit time (median, 95 % interval, quartiles, fraction exited), the
 * gain over p = 1, and whether the simulation agrees with the prediction it is compared to.
 */
import type { EscapeConfig } from './config.js';
import type { EscapePlan, EscapePrediction } from './plan.js';
import type { EscapeRun } from './summary.js';

export interface EscapeRow {
  readonly p: number;
  readonly d: number;
  readonly gamma: number;
  readonly gammaOpt: number | null;
  /** the overlap ODE's exit time (with the finite-step term), in samples */
  readonly odeExitSamples: number | null;
  /** its error when the ODE's drift is numeric; null when exact */
  readonly odeExitError: number | null;
  readonly annealedSamples: number | null;
  readonly quenchedSamples: number | null;
  /** its quadrature error in samples, or null */
  readonly quenchedError: number | null;
  readonly sMinOverD: number | null;
  /** sMinOverD(p = 1)/sMinOverD(p) */
  readonly gain: number | null;
  /** simulated: KM median exit time in samples, its bootstrap 95 % interval, quartiles */
  readonly median: number | null;
  readonly ci: readonly [number | null, number | null];
  readonly quartiles: readonly [number | null, number | null];
  /** simulated median(p = 1, same d)/median(p) */
  readonly simulatedGain: number | null;
  /** fraction of seeds that exited within maxSteps */
  readonly reached: number;
  readonly seeds: number;
  readonly medianHitAbs: number | null;
  readonly diverged: number;
  readonly maxSteps: number;
  /** simulated mean exit time and its bootstrap 95 % interval (null when a seed did not exit) */
  readonly mean: number | null;
  readonly meanCi: readonly [number | null, number | null];
  /**
   * The comparisons: the simulated mean against the quenched prediction (both are averages over
   * the initial overlaps), and the simulated median against the ODE from the annealed start.
   */
  readonly agreements: readonly Agreement[];
  /** why the ODE does not describe the search phase (information exponent ≥ 3), or null */
  readonly caveat: string | null;
  readonly notes: readonly string[];
}

export interface Agreement {
  readonly statistic: 'mean' | 'median';
  readonly against: 'quenched' | 'ode' | null;
  readonly predicted: number | null;
  /** median/predicted and its interval */
  readonly ratio: number | null;
  readonly ci: readonly [number | null, number | null];
  readonly verdict: 'agrees' | 'disagrees' | 'inconclusive';
  readonly reason: string;
}

export interface EscapeReport {
  readonly target: string;
  readonly activation: string;
  readonly noise: string;
  readonly riskDrop: number;
  readonly secondLayer: EscapeConfig['secondLayer'];
  readonly engine: EscapeConfig['engine'];
  readonly rows: readonly EscapeRow[];
  /** s_min(1)/s_min(p) as d → ∞ then p → ∞: (12 + Δ)/(2 + Δ) (square committee on phase retrieval), else null */
  readonly gainLimit: number | null;
  readonly partial: boolean;
  readonly seedsFinished: number;
  readonly seedsPlanned: number;
  readonly interrupted: boolean;
  readonly shard: string | null;
  readonly fingerprint: string;
  readonly wallSeconds: number;
  readonly config: EscapeConfig;
}

/**
 * The prediction inside the simulated statistic's 95 % interval agrees; outside it disagrees; a
 * statistic or interval that censoring leaves open, or no prediction, is inconclusive.
 * @example agreement('mean', 1000, [900, 1100], 'quenched', 1050).verdict // 'agrees'
 */
export function agreement(
  statistic: 'mean' | 'median',
  value: number | null,
  ci: readonly [number | null, number | null],
  against: 'quenched' | 'ode' | null,
  predicted: number | null,
): Agreement {
  if (against === null || predicted === null || !(predicted > 0)) {
    return { statistic, against, predicted, ratio: null, ci: [null, null], verdict: 'inconclusive', reason: 'no prediction to compare with' };
  }
  const ratio = value === null ? null : value / predicted;
  const rci: [number | null, number | null] = [ci[0] === null ? null : ci[0] / predicted, ci[1] === null ? null : ci[1] / predicted];
  if (value === null || ci[0] === null || ci[1] === null) {
    const why = statistic === 'mean' ? 'a seed did not exit, so the mean is not known' : 'the median or its interval is censored';
    return { statistic, against, predicted, ratio, ci: rci, verdict: 'inconclusive', reason: `${why}: raise --max-steps or --seeds` };
  }
  const inside = ci[0] <= predicted && predicted <= ci[1];
  return {
    statistic,
    against,
    predicted,
    ratio,
    ci: rci,
    verdict: inside ? 'agrees' : 'disagrees',
    reason: `the ${against === 'ode' ? 'ODE (annealed start)' : against} prediction lies ${inside ? 'in' : 'outside'} the simulated ${statistic}'s 95 % interval`,
  };
}

/** Join plan and simulation per (p, d). */
export function escapeReport(
  config: EscapeConfig,
  plan: EscapePlan,
  runs: readonly EscapeRun[],
  status: { finished: number; planned: number; interrupted: boolean; shard: string | null; fingerprint: string; wallSeconds: number },
): EscapeReport {
  const runOf = (p: number, d: number) => runs.find((r) => r.p === p && r.d === d) ?? null;
  const rows = plan.predictions.map((pr: EscapePrediction): EscapeRow => {
    const run = runOf(pr.p, pr.d);
    const base = runOf(1, pr.d);
    const median = run?.median ?? null;
    return {
      p: pr.p,
      d: pr.d,
      gamma: pr.gamma,
      gammaOpt: pr.gammaOpt,
      odeExitSamples: pr.odeExitSamples,
      odeExitError: pr.odeExitError,
      annealedSamples: pr.annealedSamples,
      quenchedSamples: pr.quenchedSamples,
      quenchedError: pr.quenchedError,
      sMinOverD: pr.sMinOverD,
      gain: pr.gain,
      median,
      ci: run?.ci ?? [null, null],
      quartiles: run?.quartiles ?? [null, null],
      simulatedGain: base?.median != null && median !== null ? base.median / median : null, // 1 at p = 1 (base is the run itself)
      reached: run?.reached ?? 0,
      seeds: run?.seeds ?? 0,
      medianHitAbs: run?.medianHitAbs ?? null,
      diverged: run?.diverged ?? 0,
      maxSteps: run?.maxSteps ?? 0,
      mean: run?.mean ?? null,
      meanCi: run?.meanCi ?? [null, null],
      agreements: [
        agreement('mean', run?.mean ?? null, run?.meanCi ?? [null, null], pr.quenchedSamples === null ? null : 'quenched', pr.quenchedSamples),
        agreement('median', median, run?.ci ?? [null, null], pr.odeExitSamples === null ? null : 'ode', pr.odeExitSamples),
      ].filter((a) => a.against !== null),
      caveat: pr.caveat,
      notes: pr.notes,
    };
  });
  return {
    target: config.target,
    activation: config.activation,
    noise: config.noise,
    riskDrop: config.riskDrop,
    secondLayer: config.secondLayer,
    engine: config.engine,
    rows,
    gainLimit: plan.gainLimit,
    partial: status.finished < status.planned,
    seedsFinished: status.finished,
    seedsPlanned: status.planned,
    interrupted: status.interrupted,
    shard: status.shard,
    fingerprint: status.fingerprint,
    wallSeconds: status.wallSeconds,
    config,
  };
}
