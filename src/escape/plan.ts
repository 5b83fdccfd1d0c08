/**
 * The plan of an escape sweep: per (p, d) the step γ (fixed, or the paper's γ_opt(p)), the
 * predictions (the overlap ODE's exit time, the closed forms, s_min/d and the gain), the cap on
 * samples, and every seed's task with a seed that depends only on (base, p, d, seed index), so
 * results do not depend on how tasks are spread over workers or shards.
 */
import { OutOfRangeError } from '../errors.js';
import { seedFor } from '../sgd/rng.js';
import { escapeTaskKey, type EscapeConfig } from './config.js';

export { escapeConfig } from './config.js';
import { escapePredictions, type EscapePrediction } from './predictions.js';
import type { EscapeTask } from './records.js';

export type { EscapePrediction } from './predictions.js';

export interface EscapePlan {
  readonly tasks: readonly EscapeTask[];
  /** one per (p, d), in order of p then d */
  readonly predictions: readonly EscapePrediction[];
  /** the paper's s_min(1)/s_min(p) as d → ∞ then p → ∞, (12 + Δ)/(2 + Δ), when its closed forms apply; else null */
  readonly gainLimit: number | null;
}

/** A task's seed: splitmix-style hashes of (base, p), then d, then the seed index. */
export function escapeSeed(base: number, p: number, d: number, seedIndex: number): number {
  return seedFor(seedFor(seedFor(base ^ 0x65736361, p), d), seedIndex);
}

/** Cap when no prediction is available: 100·p·d·⌈ln d⌉/γ samples (t = 100·⌈ln d⌉ in the paper's time), at most 10⁹. */
export function fallbackMaxSteps(p: number, d: number, gamma: number): number {
  return Math.min(1e9, Math.ceil((100 * p * d * Math.ceil(Math.log(d))) / gamma));
}

/** 20 × the largest finite predicted exit time, else the fallback; at most 10⁹ samples. */
export function defaultMaxSteps(pr: EscapePrediction): number {
  const times = [pr.odeExitSamples, pr.annealedSamples, pr.quenchedSamples].filter((x): x is number => x !== null && Number.isFinite(x) && x > 0);
  return times.length ? Math.min(1e9, Math.ceil(20 * Math.max(...times))) : fallbackMaxSteps(pr.p, pr.d, pr.gamma);
}

/**
 * @example planEscape(escapeConfig({ widths: [1, 2], ds: [200], seeds: 3, gamma: { kind: 'fixed', value: 0.05 } })).tasks.length // 6
 */
export function planEscape(config: EscapeConfig): EscapePlan {
  const { predictions, gainLimit } = escapePredictions(config);
  const tasks: EscapeTask[] = [];
  for (const pr of predictions) {
    if (!(pr.gamma > 0) || !Number.isFinite(pr.gamma)) throw new OutOfRangeError(`escape: no usable step γ for p = ${pr.p}`);
    const maxSteps = config.maxSteps ?? defaultMaxSteps(pr);
    for (let s = 0; s < config.seeds; s++) {
      tasks.push({
        key: escapeTaskKey(pr.p, pr.d, s),
        p: pr.p,
        d: pr.d,
        seedIndex: s,
        seed: escapeSeed(config.seed, pr.p, pr.d, s),
        gamma: pr.gamma,
        maxSteps,
      });
    }
  }
  return { tasks, predictions, gainLimit };
}
