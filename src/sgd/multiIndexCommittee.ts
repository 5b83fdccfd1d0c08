/**
 * One seed of online SGD on a two-layer committee learning a multi-index target (issue 16;
 * docs/theory.md §7 for the committee, §8 for the multi-index target).
 *
 * Model: θ_1..θ_r orthonormal in R^d, w_1..w_p unit vectors, x ~ N(0, I_d) fresh each step,
 * ζ_s = ⟨θ_s, x⟩, λ_j = ⟨w_j, x⟩, y = g(ζ_1..ζ_r) + √Δ·ε (ε ~ N(0,1)),
 * f = (1/p)·Σ_j a_j·σ(λ_j), ℰ = y − f. One step (all j at once, same x, ℰ computed before any update):
 *   w_j ← normalize(w_j + (γ/(p·d))·ℰ·a_j·σ'(λ_j)·x),
 *   a_j ← a_j + (γ_a/(p·d))·ℰ·σ(λ_j)                    (only when the second layer is trained),
 * the committee of committee.ts with its target σ*(⟨θ*, x⟩) replaced by g(ζ_1..ζ_r) (r = 1 is that
 * committee; p = 1, a fixed, is one neuron with the committee's step). Start: w_j independent
 * uniform on S^{d−1} (signed), a_j = a0. Time ν counts samples. Overlaps m_{s,j} = ⟨θ_s, w_j⟩.
 * Engines: 'reduced', the exact d-free Gram chain of (θ_1..θ_r, w_1..w_p)
 * (multiIndexCommitteeReduced.ts, O((r+p)²) per step), and 'full', explicit vectors with θ_s = e_s
 * (multiIndexCommitteeFull.ts, O(p·d)); same law, different random streams.
 *
 * Recorded after every step ν (the meaning of multiIndex.ts's MultiIndexRun): hit, the first ν with
 * max_j ‖P_S w_j‖ = max_j √(Σ_s m_{s,j}²) ≥ τ; directionHits[s], the first ν with
 * max_j m_{s+1,j}² ≥ τ_dir²; a divergence (a failed step or a NaN/±∞ overlap or weight). The run
 * stops once hit and every directionHits[s] are known (with until: 'subspace', once hit is known),
 * at a divergence, or after maxSteps (the unknown ones are then null: censored).
 */
import { OutOfRangeError } from '../errors.js';
import { secondLayerInput, type SecondLayerOptions } from './committee.js';
import { MultiIndexCommitteeVectors } from './multiIndexCommitteeFull.js';
import { MultiIndexCommitteeGram } from './multiIndexCommitteeReduced.js';
import { hitOptions, recordHits } from './multiIndexHits.js';
import { Rng } from './rng.js';

/** One seed's options (the model: the module comment). Defaults: second layer fixed at a0 = 1, threshold 0.5, directionThreshold = threshold. */
export interface MultiIndexCommitteeOptions {
  /** ambient dimension d (integer ≥ r + p + 1) */
  d: number;
  /** r ≥ 1, the number of target directions */
  directions: number;
  /** p ≥ 1, the number of hidden neurons */
  width: number;
  /** g(ζ_1..ζ_r), read from z[s−1] = ⟨x, θ_s⟩ (as multiIndex.ts); the array is reused: do not keep it */
  target: (z: Float64Array) => number;
  /** σ, the activation */
  activation: (z: number) => number;
  /** σ' */
  activationDerivative: (z: number) => number;
  /** Δ ≥ 0, the label-noise variance */
  noise: number;
  /** γ: the first layer's step is (γ/(p·d))·ℰ·a_j·σ'(λ_j)·x */
  gamma: number;
  /** the second layer: trained (default false) at rate γ_a (default γ), from a_j = a0 (default 1) */
  secondLayer?: SecondLayerOptions;
  /** τ ∈ (0, 1] of the subspace hit max_j ‖P_S w_j‖ ≥ τ (default 0.5) */
  threshold?: number;
  /** τ_dir ∈ (0, 1] of the per-direction hits max_j m_{s,j}² ≥ τ_dir² (default: threshold) */
  directionThreshold?: number;
  /** cap on the number of samples */
  maxSteps: number;
  /** 'all' (default): stop once hit and every direction's hit are known; 'subspace': once hit is known */
  until?: 'all' | 'subspace';
  engine: 'reduced' | 'full';
  /** any safe integer: the generator is new Rng(seed) */
  seed: number;
}

/** Validated options with their defaults resolved (`multiIndexCommitteeInput`). */
export interface MultiIndexCommitteeInput {
  readonly d: number;
  readonly directions: number;
  readonly width: number;
  readonly target: (z: Float64Array) => number;
  readonly activation: (z: number) => number;
  readonly activationDerivative: (z: number) => number;
  readonly noise: number;
  readonly gamma: number;
  /** whether a_j moves */
  readonly trained: boolean;
  /** γ_a */
  readonly rate: number;
  readonly a0: number;
  readonly threshold: number;
  readonly directionThreshold: number;
  readonly maxSteps: number;
  readonly until: 'all' | 'subspace';
  readonly engine: 'reduced' | 'full';
  readonly seed: number;
}

/** One engine's state and step. */
export interface MultiIndexCommitteeChain {
  /** a_j (live: the engine updates it in place), index j − 1 */
  readonly a: Float64Array;
  /** out[s·p + j] = m_{s+1,j+1} = ⟨θ_{s+1}, w_{j+1}⟩ (r × p row-major) */
  overlaps(out: Float64Array): void;
  /** draw one sample and apply it to every neuron; false on overflow (the state is then undefined) */
  step(): boolean;
}

/** One seed. Times are in samples ν; hit, directionHits, steps, diverged mean what they mean in MultiIndexRun (multiIndex.ts). */
export interface MultiIndexCommitteeRun {
  seed: number;
  /** the first ν with max_j ‖P_S w_j‖ ≥ τ; null if not reached before the run stopped */
  hit: number | null;
  /** [s]: the first ν with max_j m_{s+1,j}² ≥ τ_dir²; null if not reached before the run stopped */
  directionHits: (number | null)[];
  /** samples used */
  steps: number;
  /** the step at which the state became NaN/±∞ (the run ends there) */
  diverged: number | null;
  /** [s][j] = m_{s+1,j+1} of the final state (after a divergence: the last finite ones) */
  finalOverlaps: number[][];
  /** a_j of the final state (after a divergence: the last finite ones) */
  finalSecondLayer: number[];
}

function check(ok: boolean, message: string): void {
  if (!ok) throw new OutOfRangeError(message);
}

/**
 * Validate MultiIndexCommitteeOptions (OutOfRangeError naming the bad field) and resolve the defaults.
 * @example multiIndexCommitteeInput({ d: 4, directions: 2, width: 2 }) // throws OutOfRangeError: multi-index committee: d must be an integer ≥ directions + width + 1 = 5, got 4
 */
export function multiIndexCommitteeInput(o: MultiIndexCommitteeOptions): MultiIndexCommitteeInput {
  const what = 'multi-index committee';
  const r = o.directions;
  const p = o.width;
  check(Number.isSafeInteger(r) && r >= 1, `${what}: directions must be an integer ≥ 1, got ${r}`);
  check(Number.isSafeInteger(p) && p >= 1, `${what}: width must be an integer ≥ 1, got ${p}`);
  check(Number.isSafeInteger(o.d) && o.d >= r + p + 1, `${what}: d must be an integer ≥ directions + width + 1 = ${r + p + 1}, got ${o.d}`);
  for (const name of ['target', 'activation', 'activationDerivative'] as const) check(typeof o[name] === 'function', `${what}: ${name} must be a function`);
  check(Number.isFinite(o.gamma), `${what}: gamma must be finite, got ${o.gamma}`);
  check(Number.isFinite(o.noise) && o.noise >= 0, `${what}: noise Δ must be finite and ≥ 0, got ${o.noise}`);
  const { trained, rate, a0 } = secondLayerInput(o.secondLayer, o.gamma, what);
  const { threshold, directionThreshold, until } = hitOptions(o, what);
  return {
    d: o.d,
    directions: r,
    width: p,
    target: o.target,
    activation: o.activation,
    activationDerivative: o.activationDerivative,
    noise: o.noise,
    gamma: o.gamma,
    trained,
    rate,
    a0,
    threshold,
    directionThreshold,
    maxSteps: o.maxSteps,
    until,
    engine: o.engine,
    seed: o.seed,
  };
}

/** Run `chain` under the module comment's records and stopping rule (multiIndexHits.ts; the second layer must stay finite too). */
function driveMultiIndexCommittee(chain: MultiIndexCommitteeChain, o: MultiIndexCommitteeInput): MultiIndexCommitteeRun {
  const r = o.directions;
  const p = o.width;
  const run = recordHits(chain, o, chain.a);
  return {
    seed: o.seed,
    hit: run.hit,
    directionHits: run.directionHits,
    steps: run.steps,
    diverged: run.diverged,
    finalOverlaps: Array.from({ length: r }, (_, s) => Array.from(run.last.subarray(s * p, (s + 1) * p))),
    finalSecondLayer: Array.from(run.lastExtra),
  };
}

/**
 * Run one seed (new Rng(seed), stream 0) until the subspace and every direction are hit, a
 * divergence, or maxSteps. Throws OutOfRangeError on invalid options. Deterministic in
 * (options, seed).
 */
export function runMultiIndexCommittee(o: MultiIndexCommitteeOptions): MultiIndexCommitteeRun {
  const input = multiIndexCommitteeInput(o);
  const rng = new Rng(input.seed);
  const chain = input.engine === 'full' ? new MultiIndexCommitteeVectors(input, rng) : new MultiIndexCommitteeGram(input, rng);
  return driveMultiIndexCommittee(chain, input);
}
