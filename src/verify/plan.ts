/**
 * The plan of a verification sweep: every (α, d, seed) task with its η = c·d^{−α}, the step
 * size γ (explicit, or `auto`: γ = c·μ_i/(E[ψ²]·d^{(i/2)∨1}) from the branch that wins at
 * (η, d) with constants, docs/theory.md §4), the slope the theory predicts at each α
 * (the exponent of T on the phase-diagram piece holding α), and a deterministic seed per task
 * so results do not depend on how tasks are spread over workers or shards.
 */
import { OutOfRangeError } from '../errors.js';
import { seedFor } from '../sgd/rng.js';
import { Rational } from '../exact/rational.js';
import type { DriftExpansion } from '../thresholds/driftCoefficients.js';
import { branchAtD, exponentAt, pieceAt, thresholdsWithDrift, type ThresholdAlgorithm } from '../thresholds/thresholds.js';
import { evaluateEtaD, significantTerms } from '../thresholds/etaDPolynomial.js';
import { sweepSignSymmetric } from './signSymmetry.js';

export interface SweepConfig {
  readonly target: string;
  readonly student: string | null;
  readonly algorithm: ThresholdAlgorithm;
  readonly psi: string | null;
  readonly a: string;
  readonly secondLayer: 'reset' | 'carry';
  readonly parameters: readonly (readonly [string, string])[];
  readonly noise: string;
  readonly ds: readonly number[];
  readonly alphas: readonly number[];
  readonly etaScale: number;
  readonly seeds: number;
  /** 'auto' with a prefactor, or an explicit step. */
  readonly gamma: { readonly kind: 'auto'; readonly c: number } | { readonly kind: 'fixed'; readonly value: number };
  readonly threshold: number;
  readonly maxSteps: number;
  readonly init: 'positive' | 'signed';
  readonly engine: 'reduced' | 'full';
  readonly width: number;
  readonly seed: number;
}

export interface Task {
  readonly key: string;
  readonly alpha: number;
  readonly d: number;
  readonly seedIndex: number;
  readonly seed: number;
  readonly eta: number;
  readonly gamma: number;
}

export interface Prediction {
  readonly alpha: number;
  /** Exponent of d in T at this α, and the regime of its piece. */
  readonly slope: number;
  readonly slopeExact: string;
  readonly regime: string;
  readonly log: boolean;
}

/**
 * The task's seed: seedFor (a 53-bit splitmix64 hash) applied to (base, α index), then d, then the
 * seed index, so that a sweep of 10⁶ seeds has no repeated seed in practice (a 32-bit hash
 * repeats about 100 times there).
 */
export function taskSeed(base: number, alphaIndex: number, d: number, seedIndex: number): number {
  return seedFor(seedFor(seedFor(base, alphaIndex), d), seedIndex);
}

export const taskKey = (alpha: number, d: number, seedIndex: number) => `${alpha}|${d}|${seedIndex}`;

/** The winning branch at (η, d) with constants, and its step γ = c·μ_i/(E[ψ²]·d^{(i/2)∨1}). */
export function autoGamma(drift: DriftExpansion, eta: number, d: number, c: number): { gamma: number; branch: number } {
  const psi = evaluateEtaD(drift.psiSecondMoment, eta, d).value;
  let best = { T: Infinity, gamma: NaN, branch: 0 };
  for (const m of drift.mu) {
    const mu = evaluateEtaD(significantTerms(m.polynomial, 0), eta, d).value;
    if (mu === 0) continue;
    const b = branchAtD(m.i, mu, psi, d);
    if (b.T < best.T) best = { T: b.T, gamma: c * Math.abs(b.gamma), branch: m.i };
  }
  if (!Number.isFinite(best.gamma)) throw new OutOfRangeError('--gamma auto: no branch has μ_i ≠ 0; give --gamma explicitly');
  return best;
}

export interface Plan {
  readonly tasks: readonly Task[];
  readonly predictions: readonly Prediction[];
  readonly drift: DriftExpansion | null;
  /** the link is even: every run stops at max_j |m_j| ≥ τ and its hit counts that (signSymmetry.ts) */
  readonly signSymmetric: boolean;
}

/**
 * @example planSweep(sweepConfig({ d: [64, 128], alpha: [0, 1], seeds: 3 })).tasks.length // 12
 */
export function planSweep(config: SweepConfig): Plan {
  // one thresholds() call gives both the predicted exponents and the branches for --gamma auto
  const { result, drift } = thresholdsWithDrift({
    target: config.target,
    student: config.student ?? undefined,
    algorithm: config.algorithm,
    psi: config.psi ?? undefined,
    a: Rational.parse(config.a),
    noise: Rational.parse(config.noise),
    parameters: new Map(config.parameters.map(([k, v]) => [k, Rational.parse(v)])),
  });
  const diagram = result.phaseDiagram;
  const predictions: Prediction[] = config.alphas.map((alpha) => {
    const piece = pieceAt(diagram.pieces, alpha);
    if (!piece) return { alpha, slope: NaN, slopeExact: 'unknown', regime: 'unknown', log: false };
    const slope = exponentAt(piece, alpha);
    const exact = Rational.parse(String(alpha));
    return {
      alpha,
      slope,
      slopeExact: Rational.parse(piece.slope).mul(exact).add(Rational.parse(piece.intercept)).toString(),
      regime: piece.regime,
      log: piece.log,
    };
  });
  const tasks: Task[] = [];
  config.alphas.forEach((alpha, ai) => {
    for (const d of config.ds) {
      const eta = config.etaScale * d ** -alpha;
      let gamma: number;
      if (config.gamma.kind === 'fixed') gamma = config.gamma.value;
      else if (drift) gamma = autoGamma(drift, eta, d, config.gamma.c).gamma;
      else throw new OutOfRangeError('--gamma auto needs a ψ that is a polynomial in y, η and d; give --gamma explicitly for this custom ψ');
      for (let s = 0; s < config.seeds; s++) {
        tasks.push({ key: taskKey(alpha, d, s), alpha, d, seedIndex: s, seed: taskSeed(config.seed, ai, d, s), eta, gamma });
      }
    }
  });
  return { tasks, predictions, drift, signSymmetric: sweepSignSymmetric(config) };
}

/** The tasks of shard i of n (1-based): every n-th task, deterministically. */
export function shardOf<T>(tasks: readonly T[], shard: { index: number; count: number } | null): T[] {
  if (!shard) return [...tasks];
  return tasks.filter((_, j) => j % shard.count === shard.index - 1);
}
