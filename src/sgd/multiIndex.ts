/**
 * One seed of online projected SGD of one spherical neuron on a multi-index target
 * (docs/theory.md §8; the single-index step of §5 and sphereStep.ts).
 *
 * Model: θ_1..θ_r orthonormal in R^d, w ∈ S^{d−1}, x ~ N(0, I_d) fresh each step,
 * y = g(⟨x, θ_1⟩, …, ⟨x, θ_r⟩) + √Δ·ε (ε ~ N(0,1)), z = ⟨w, x⟩, and the online step
 *   w ← normalize(w + c·(x − z·w)),   c = γ·ψ(y, z),   ψ = y·σ'(z)
 * (the project's online rule, src/sgd/rule.ts: γ is the raw step, no 1/d). Start: w uniform on
 * S^{d−1} (signed). Time ν counts samples (ν = 0 is the start). Overlaps m_s = ⟨w, θ_s⟩.
 * Engines: 'reduced', the exact d-free Gram chain with r fixed target columns
 * (multiIndexReduced.ts, O(r) per step), and 'full', explicit vectors with θ_s = e_s
 * (multiIndexFull.ts, O(d)); same law, different random streams.
 *
 * Recorded after every step ν: hit, the first ν with ‖P_S w‖ = √(Σ_s m_s²) ≥ τ; directionHits[s],
 * the first ν with m_{s+1}² ≥ τ_dir² (the staircase order); a divergence (a failed step or a
 * NaN/±∞ overlap). The run stops once hit and every directionHits[s] are known (with
 * until: 'subspace', once hit is known), at a divergence, or after maxSteps (the unknown ones are
 * then null: censored).
 */
import { OutOfRangeError } from '../errors.js';
import { MultiIndexVectors } from './multiIndexFull.js';
import { hitOptions, recordHits } from './multiIndexHits.js';
import { MultiIndexGram } from './multiIndexReduced.js';
import { Rng } from './rng.js';

/** One seed's options (the model: the module comment). Defaults: threshold 0.5, directionThreshold = threshold. */
export interface MultiIndexSgdOptions {
  /** ambient dimension d (integer ≥ r + 2) */
  d: number;
  /** r ≥ 1, the number of target directions */
  directions: number;
  /** g(z_1..z_r), read from z[s−1] = ⟨x, θ_s⟩ (the shape of multiIndex/variables.ts's compileMulti); the array is reused: do not keep it */
  target: (z: Float64Array) => number;
  /** σ', the student activation's derivative */
  activationDerivative: (z: number) => number;
  /** Δ ≥ 0, the label-noise variance */
  noise: number;
  /** γ: the step's coefficient is c = γ·y·σ'(z) */
  gamma: number;
  /** τ ∈ (0, 1] of the subspace hit ‖P_S w‖ ≥ τ (default 0.5) */
  threshold?: number;
  /** τ_dir ∈ (0, 1] of the per-direction hits m_s² ≥ τ_dir² (default: threshold) */
  directionThreshold?: number;
  /** cap on the number of samples */
  maxSteps: number;
  /** 'all' (default): stop once hit and every direction's hit are known; 'subspace': once hit is known */
  until?: 'all' | 'subspace';
  engine: 'reduced' | 'full';
  /** any safe integer: the generator is new Rng(seed) */
  seed: number;
}

/** Validated options with their defaults resolved (`multiIndexSgdInput`). */
export interface MultiIndexInput {
  readonly d: number;
  readonly directions: number;
  readonly target: (z: Float64Array) => number;
  readonly activationDerivative: (z: number) => number;
  readonly noise: number;
  readonly gamma: number;
  readonly threshold: number;
  readonly directionThreshold: number;
  readonly maxSteps: number;
  readonly until: 'all' | 'subspace';
  readonly engine: 'reduced' | 'full';
  readonly seed: number;
}

/** One engine's state and step. */
export interface MultiIndexChain {
  /** out[s] = m_{s+1} = ⟨w, θ_{s+1}⟩, s = 0..r−1 */
  overlaps(out: Float64Array): void;
  /** draw one sample and step; false on overflow (the state is then undefined) */
  step(): boolean;
}

/** One seed. Times are in samples ν. */
export interface MultiIndexRun {
  seed: number;
  /** the first ν with ‖P_S w‖ ≥ τ; null if not reached before the run stopped */
  hit: number | null;
  /** [s]: the first ν with m_{s+1}² ≥ τ_dir²; null if not reached before the run stopped */
  directionHits: (number | null)[];
  /** samples used */
  steps: number;
  /** the step at which the state became NaN/±∞ (the run ends there) */
  diverged: number | null;
  /** m_s of the final state (after a divergence: the last finite ones) */
  finalOverlaps: number[];
}

function check(ok: boolean, message: string): void {
  if (!ok) throw new OutOfRangeError(message);
}

/**
 * Validate MultiIndexSgdOptions (OutOfRangeError naming the bad field) and resolve the defaults.
 * @example multiIndexSgdInput({ d: 3, directions: 2 }) // throws OutOfRangeError: multi-index SGD: d must be an integer ≥ directions + 2 = 4, got 3
 */
export function multiIndexSgdInput(o: MultiIndexSgdOptions): MultiIndexInput {
  const r = o.directions;
  const what = 'multi-index SGD';
  check(Number.isSafeInteger(r) && r >= 1, `${what}: directions must be an integer ≥ 1, got ${r}`);
  check(Number.isSafeInteger(o.d) && o.d >= r + 2, `${what}: d must be an integer ≥ directions + 2 = ${r + 2}, got ${o.d}`);
  for (const name of ['target', 'activationDerivative'] as const) check(typeof o[name] === 'function', `${what}: ${name} must be a function`);
  check(Number.isFinite(o.gamma), `${what}: gamma must be finite, got ${o.gamma}`);
  check(Number.isFinite(o.noise) && o.noise >= 0, `${what}: noise Δ must be finite and ≥ 0, got ${o.noise}`);
  const { threshold, directionThreshold, until } = hitOptions(o, what);
  return {
    d: o.d,
    directions: r,
    target: o.target,
    activationDerivative: o.activationDerivative,
    noise: o.noise,
    gamma: o.gamma,
    threshold,
    directionThreshold,
    maxSteps: o.maxSteps,
    until,
    engine: o.engine,
    seed: o.seed,
  };
}

/** Run `chain` under the module comment's records and stopping rule (multiIndexHits.ts, one neuron). */
function driveMultiIndex(chain: MultiIndexChain, o: MultiIndexInput): MultiIndexRun {
  const run = recordHits(chain, { ...o, width: 1 });
  return { seed: o.seed, hit: run.hit, directionHits: run.directionHits, steps: run.steps, diverged: run.diverged, finalOverlaps: Array.from(run.last) };
}

/**
 * Run one seed (new Rng(seed), stream 0) until the subspace and every direction are hit, a
 * divergence, or maxSteps. Throws OutOfRangeError on invalid options. Deterministic in
 * (options, seed).
 */
export function runMultiIndexSgd(o: MultiIndexSgdOptions): MultiIndexRun {
  const input = multiIndexSgdInput(o);
  const rng = new Rng(input.seed);
  const chain = input.engine === 'full' ? new MultiIndexVectors(input, rng) : new MultiIndexGram(input, rng);
  return driveMultiIndex(chain, input);
}
