/**
 * One seed of online SGD on a two-layer committee whose neurons are coupled through the shared
 * residual (Arnaboldi, Krzakala, Loureiro, Stephan, arXiv 2305.18502; docs/theory.md §7).
 *
 * Model: θ*, w_1..w_p unit vectors of R^d, x ~ N(0, I_d) fresh each step, λ* = ⟨θ*, x⟩,
 * λ_j = ⟨w_j, x⟩, y = σ*(λ*) + √Δ·ε (ε ~ N(0,1)), f = (1/p)·Σ_j a_j·σ(λ_j), ℰ = y − f. One step
 * (all j at once, same x, ℰ computed before any update):
 *   w_j ← normalize(w_j + (γ/(p·d))·ℰ·a_j·σ'(λ_j)·x)   (plain gradient, then back to the sphere),
 *   a_j ← a_j + (γ_a/(p·d))·ℰ·σ(λ_j)                    (only when the second layer is trained).
 * Start: w_j independent uniform on S^{d−1} (signed), a_j = a0. Time ν counts samples; the
 * paper's time is t = ν·γ/(p·d). Engines: 'reduced', the exact d-free Gram chain
 * (committeeReduced.ts), and 'full', explicit vectors (committeeFull.ts); same law, different
 * random streams. The run loop (exit, hits, divergence) is committeeLoop.ts.
 */
import { OutOfRangeError } from '../errors.js';
import { CommitteeVectors } from './committeeFull.js';
import { driveCommittee, type CommitteeInput, type CommitteeRun } from './committeeLoop.js';
import { CommitteeGram } from './committeeReduced.js';
import { Rng } from './rng.js';

export type { CommitteeInput, CommitteeRun } from './committeeLoop.js';
export { riskExitLevel } from './committeeLoop.js';

/** One seed's options (the model: the module comment). Defaults: secondLayer fixed at a0 = 1, riskEvery 1, threshold 0.5. */
export interface CommitteeOptions {
  /** ambient dimension d (integer ≥ p + 2) */
  d: number;
  /** p ≥ 1, the number of hidden neurons */
  width: number;
  /** σ*, the link */
  target: (u: number) => number;
  /** σ, the activation */
  activation: (z: number) => number;
  /** σ' */
  activationDerivative: (z: number) => number;
  /** Δ ≥ 0, the label-noise variance */
  noise: number;
  /** γ (the paper's γ): the first layer's step is (γ/(p·d))·ℰ·a_j·σ'(λ_j)·x */
  gamma: number;
  /** the second layer: trained (default false) at rate γ_a (default γ), from a_j = a0 (default 1) */
  secondLayer?: SecondLayerOptions;
  /**
   * The population risk from the overlaps m (length p), Q (p×p row-major, Q_jj = 1) and a
   * (length p); given by the caller. The arrays are reused between calls: do not keep them.
   */
  risk: (m: Float64Array, Q: Float64Array, a: Float64Array) => number;
  /** the risk's floor (Δ/2 usually); the excess risk is R − riskFloor */
  riskFloor: number;
  /** T ∈ (0, 1): exit is the first ν with R_ν − floor ≤ (1 − T)·(R_0 − floor) */
  riskDrop: number;
  /** evaluate the risk every k steps (default 1): the exit time's resolution */
  riskEvery?: number;
  /** τ of the hitting times max_j m_j ≥ τ and max_j |m_j| ≥ τ (default 0.5) */
  threshold?: number;
  /** keep going after the exit until hitAbs is known too (default false: stop at the exit) */
  untilHitAbs?: boolean;
  /** cap on the number of samples; a run that has not exited by then is censored */
  maxSteps: number;
  engine: 'reduced' | 'full';
  /** any safe integer: the generator is new Rng(seed) */
  seed: number;
}

function check(ok: boolean, message: string): void {
  if (!ok) throw new OutOfRangeError(message);
}

/** The second layer as a caller gives it: trained or fixed, its rate γ_a (default γ) and start a0 (default 1). */
export interface SecondLayerOptions {
  trained: boolean;
  rate?: number;
  a0?: number;
}

/**
 * Validate the second layer's options (OutOfRangeError prefixed by `what`) and resolve the
 * defaults: fixed, γ_a = γ, a0 = 1. Shared by the committee and the multi-index committee.
 * @example secondLayerInput(undefined, 0.5, 'committee').rate // 0.5
 */
export function secondLayerInput(second: SecondLayerOptions | undefined, gamma: number, what: string): { trained: boolean; rate: number; a0: number } {
  const s = second ?? { trained: false };
  const rate = s.rate ?? gamma;
  const a0 = s.a0 ?? 1;
  check(typeof s.trained === 'boolean', `${what}: secondLayer.trained must be a boolean`);
  check(Number.isFinite(rate), `${what}: secondLayer.rate must be finite, got ${rate}`);
  check(Number.isFinite(a0), `${what}: secondLayer.a0 must be finite, got ${a0}`);
  return { trained: s.trained, rate, a0 };
}

/**
 * Validate CommitteeOptions (OutOfRangeError naming the bad field) and resolve the defaults.
 * @example committeeInput({ d: 3, width: 2 }) // throws OutOfRangeError: committee: d must be an integer ≥ width + 2 = 4, got 3
 */
export function committeeInput(o: CommitteeOptions): CommitteeInput {
  const p = o.width;
  check(Number.isSafeInteger(p) && p >= 1, `committee: width must be an integer ≥ 1, got ${p}`);
  check(Number.isSafeInteger(o.d) && o.d >= p + 2, `committee: d must be an integer ≥ width + 2 = ${p + 2}, got ${o.d}`);
  for (const name of ['target', 'activation', 'activationDerivative', 'risk'] as const) {
    check(typeof o[name] === 'function', `committee: ${name} must be a function`);
  }
  check(Number.isFinite(o.gamma), `committee: gamma must be finite, got ${o.gamma}`);
  check(Number.isFinite(o.noise) && o.noise >= 0, `committee: noise Δ must be finite and ≥ 0, got ${o.noise}`);
  const { trained, rate, a0 } = secondLayerInput(o.secondLayer, o.gamma, 'committee');
  check(Number.isFinite(o.riskFloor), `committee: riskFloor must be finite, got ${o.riskFloor}`);
  check(o.riskDrop > 0 && o.riskDrop < 1, `committee: riskDrop T must be in (0, 1), got ${o.riskDrop}`);
  const riskEvery = o.riskEvery ?? 1;
  check(Number.isSafeInteger(riskEvery) && riskEvery >= 1, `committee: riskEvery must be an integer ≥ 1, got ${riskEvery}`);
  const threshold = o.threshold ?? 0.5;
  check(!Number.isNaN(threshold), 'committee: threshold must be a number');
  check(Number.isSafeInteger(o.maxSteps) && o.maxSteps >= 0, `committee: maxSteps must be an integer ≥ 0, got ${o.maxSteps}`);
  check(o.engine === 'reduced' || o.engine === 'full', `committee: engine must be 'reduced' or 'full', got '${String(o.engine)}'`);
  check(Number.isSafeInteger(o.seed), `committee: seed must be a safe integer, got ${o.seed}`);
  return {
    d: o.d,
    width: p,
    target: o.target,
    activation: o.activation,
    activationDerivative: o.activationDerivative,
    noise: o.noise,
    gamma: o.gamma,
    trained,
    rate,
    a0,
    risk: o.risk,
    riskFloor: o.riskFloor,
    riskDrop: o.riskDrop,
    riskEvery,
    threshold,
    untilHitAbs: o.untilHitAbs ?? false,
    maxSteps: o.maxSteps,
    engine: o.engine,
    seed: o.seed,
  };
}

/**
 * Run one seed (new Rng(seed), stream 0) until the exit (the excess risk has dropped by the
 * fraction T), a divergence, or maxSteps (exit = null). Throws OutOfRangeError on invalid
 * options. Deterministic in (options, seed).
 */
export function runCommittee(o: CommitteeOptions): CommitteeRun {
  const input = committeeInput(o);
  const rng = new Rng(input.seed);
  const chain = input.engine === 'full' ? new CommitteeVectors(input, rng) : new CommitteeGram(input, rng);
  return driveCommittee(chain, input);
}
