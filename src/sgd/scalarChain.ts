/**
 * The width-1 reduced chain (docs/theory.md §5), one seed per `ScalarChain`, resumable, and two seeds
 * stepped in turn by `ChainScheduler` so that the processor overlaps their dependency chains.
 *
 * Per seed: m₀ = g/√(g² + χ²_{d−1}), g ~ N(0,1), the first coordinate of a uniform point of
 * S^{d−1} (made non-negative with init 'positive'). Then, each step, the draws of
 * ScalarChain.sample from the seed's own generator: z, ξ ~ N(0,1), R ~ χ²_{d−2} (a ziggurat of
 * Gamma((d−2)/2), gammaZiggurat.ts), and ε ~ N(0,1) if Δ > 0. With u = m·z + √(1−m²)·ξ,
 * y = σ*(u) + √Δ·ε and p = ξ² + R, a projected step with coefficient c = rate·ψ gives
 *   m' = ((1 − c·z)·m + c·u)/√(1 + c²p)   (sphereStep.ts; batch reuse takes two such steps).
 * One sub-step, with e = c²p and u − z·m = √(1 − m²)·ξ: m' = (m + c·√(1 − m²)·ξ)·(1 + e)^{−1/2}
 * (invSqrt1p, chainLoops.generated.ts) and √(1 − m'²) = √(1 + e − num²)·(1 + e)^{−1/2}.
 *
 * The trajectory is a function of the seed and the chain's parameters alone: the steps are cut
 * into segments (SEGMENT steps) only so that a scheduler can interleave seeds and yield, and a
 * seed's result does not depend on whether it ran alone (stepChain) or beside another
 * (stepTwoChains; chainLoops.ts). The loops and sample() draw the same sequence, each generator's
 * state in locals, from one specification: src/sgd/generate/chainLoops.gen.ts, which writes
 * chainLoops.generated.ts. The loops make no calls: a call anywhere in them, even on a branch
 * taken once in a hundred steps, costs V8 as much as the whole step (it can no longer keep the
 * loop's tables and state in registers). So a ziggurat attempt that misses its core takes its
 * value from a reserve of the ziggurat's law given a miss (Rng.normalMiss, chiSquaredMiss),
 * topped up between steps, and the tracker is called after the loop exits. R ~ χ²_{d−2} is drawn
 * there (`// R ~ χ²_{d−2}` in each loop; chiSquaredAttempt and chiSquaredPick in the generator),
 * not by Rng.chiSquared, except for d ≤ 4.
 */
import type { EngineInput } from './engineInput.js';
import { drawSample } from './chainLoops.generated.js';
import { GAMMA_ZIG_LAYERS, gammaZiggurat, type GammaZiggurat } from './gammaZiggurat.js';
import { CHAIN_NORMAL_ZIGGURAT } from './normalZiggurat.js';
import { Rng } from './rng.js';
import type { SampleRule } from './rule.js';
import { HitTracker } from './tracker.js';
import type { RunResult } from './types.js';

/** Steps per segment: the unit in which schedulers interleave seeds and count their budget. */
export const SEGMENT = 1024;
// the draws (chainLoops.generated.ts) take both ziggurats' indices as 11 bits of an output
if (CHAIN_NORMAL_ZIGGURAT.layers !== 2048 || GAMMA_ZIG_LAYERS !== 2048) throw new Error('scalarChain: the draws assume 2048-layer ziggurats');
/** Size of a chain's reserves of ziggurat misses (a step uses at most three). */
export const RESERVE = 64;

/** m₀ = g/√(g² + χ²_{d−1}), the first coordinate of a uniform point of S^{d−1}; |m₀| if positive. */
export function sphereStartOverlap(d: number, rng: Rng, positive: boolean): number {
  const g = rng.normal();
  const m = g / Math.sqrt(g * g + rng.chiSquared(d - 1));
  return positive ? Math.abs(m) : m;
}

/** One seed's chain: its generator, tracker, current segment and overlap. */
export class ScalarChain {
  readonly rng: Rng;
  readonly tracker: HitTracker;
  readonly rule: SampleRule;
  readonly target: (u: number) => number;
  /** the ziggurat of R ~ χ²_{d−2}, null for d ≤ 4 (then R = Rng.chiSquared(d − 2)) */
  readonly zig: GammaZiggurat | null;
  /**
   * [m, √(1 − m²), √Δ, τ] as float64: the loops read them from here, which keeps their locals
   * unboxed (from plain fields V8 carries them tagged, boxing m on every step). √Δ = 0 without
   * label noise (then no ε_t are drawn).
   */
  readonly state = new Float64Array(4);
  /** sample()'s output [z, ξ, R, ε] (stepChain) */
  readonly draws = new Float64Array(4);
  /**
   * Reserves: normals (Rng.normalMiss) and χ²_{d−2} (Rng.chiSquaredMiss) given a missed first
   * attempt, used from the top (index count − 1), and their counts.
   */
  readonly missNormals = new Float64Array(RESERVE);
  readonly missChiSquared = new Float64Array(RESERVE);
  normalsLeft = 0;
  chiSquaredLeft = 0;
  /** top-ups so far (a copy of the reserves elsewhere, simdChains.ts, is current while this is unchanged) */
  refills = 0;
  /** normals a step may take from the reserve: z, ξ, and ε with label noise */
  readonly normalsPerStep: number;
  /** steps done before the current segment; the next step's index in it; its length */
  t = 0;
  pos = 0;
  n = 0;
  /** the last step whose overlap went to the tracker */
  last = 0;
  finished = false;

  constructor(readonly input: EngineInput) {
    this.rng = new Rng(input.seed);
    this.tracker = new HitTracker(input.seed, input.threshold, input.signSymmetric);
    this.rule = input.rules();
    this.target = input.target;
    this.zig = input.d - 2 > 2 ? gammaZiggurat((input.d - 2) / 2) : null;
    this.state[2] = Math.sqrt(input.noise);
    this.state[3] = input.threshold;
    this.normalsPerStep = input.noise > 0 ? 3 : 2;
    let m = sphereStartOverlap(input.d, this.rng, input.init === 'positive');
    if (this.tracker.observe(0, m, Math.abs(m)) || input.maxSteps === 0) {
      this.finished = true;
      return;
    }
    if (m > 1)
      m = 1; // |m₀| ≤ 1 exactly; this only trims rounding
    else if (m < -1) m = -1;
    this.state[0] = m;
    this.state[1] = Math.sqrt(1 - m * m);
    this.n = Math.min(SEGMENT, input.maxSteps);
  }

  result(): RunResult {
    return this.tracker.result();
  }

  /** Before a step: fill both reserves up to RESERVE if either could run out during the step. */
  topUp(): void {
    if (this.normalsLeft >= this.normalsPerStep && (this.chiSquaredLeft >= 1 || this.zig === null)) return;
    this.refills++;
    const rng = this.rng;
    rng.fillNormalMisses(this.missNormals, this.normalsLeft, RESERVE);
    this.normalsLeft = RESERVE;
    if (this.zig === null) return;
    rng.fillChiSquaredMisses(this.zig, this.missChiSquared, this.chiSquaredLeft, RESERVE);
    this.chiSquaredLeft = RESERVE;
  }

  /**
   * One step's draws into out = [z, ξ, R, ε] (ε only with label noise): topUp(), then
   * drawSample (chainLoops.generated.ts), the sequence the loops write out inline. Five outputs
   * o₁..o₅ of the generator: z, ξ by first attempts of the 2048-layer normal ziggurat (layers
   * o₁, o₂ mod 2¹¹, 37-bit uniforms ⌊o₁/2¹¹⌋·2¹⁶ + (o₃ mod 2¹⁶) and ⌊o₂/2¹¹⌋·2¹⁶ + ⌊o₃/2¹⁶⌋ on
   * [−1, 1)), R by a first attempt of the Gamma ziggurat (region o₄ mod 2¹¹, 42-bit uniform
   * ⌊o₄/2¹¹⌋·2²¹ + ⌊o₅/2¹¹⌋ on [0, 1)); with label noise two more, o₆, o₇, for ε (layer o₇ mod 2¹¹,
   * 53-bit uniform o₆·2²¹ + ⌊o₇/2¹¹⌋). Each attempt that misses its core takes the next reserve
   * value instead, in the order z, ξ, R, ε. Without a ziggurat (d ≤ 4) R is
   * Rng.chiSquared(d − 2) after o₁..o₃ (such chains are never paired).
   */
  sample(out: Float64Array): void {
    this.topUp();
    drawSample(this, out);
  }

  /** m after the steps done so far */
  get m(): number {
    return this.state[0]!;
  }

  /** One projected step per sample and a ziggurat for R: stepTwoChains can take this chain. */
  get pairable(): boolean {
    return this.rule.subSteps === 1 && this.zig !== null;
  }

  /** Two projected steps per sample (batch reuse) and a ziggurat for R: stepTwoPlaneChains can take this chain. */
  get planePairable(): boolean {
    return this.rule.subSteps === 2 && this.zig !== null;
  }

  /** Steps left in the current segment. */
  get remaining(): number {
    return this.n - this.pos;
  }

  /** Steps left in the run (to maxSteps). */
  get stepsLeft(): number {
    return this.input.maxSteps - this.t - this.pos;
  }

  /**
   * After a SIMD group stepped past the end of this segment (pos > n): the segments it went
   * through are counted as done. Segments are bookkeeping only (t + pos is the step count); the
   * group steps across them so that seeds that joined at different times share whole calls.
   */
  carryOver(): void {
    while (this.pos > this.n) {
      this.pos -= this.n;
      this.t += this.n;
      this.n = Math.min(SEGMENT, this.input.maxSteps - this.t);
    }
  }

  /** The segment is used up: the next one, or the end of the run at maxSteps. */
  endSegment(): void {
    this.t += this.n;
    if (this.t < this.input.maxSteps) {
      this.n = Math.min(SEGMENT, this.input.maxSteps - this.t);
      this.pos = 0;
      return;
    }
    if (this.t > this.last) this.tracker.observe(this.t, this.m, Math.abs(this.m));
    this.finished = true;
  }

  /**
   * |m| ≥ τ (or NaN) after step `step`, m in state[0]: hand it to the tracker; true if the run
   * ends. (The loops pass m through `state`, not as an argument: a double passed to a call makes
   * V8 keep the loop's doubles boxed.)
   */
  crossed(step: number): boolean {
    const m = this.state[0]!;
    this.last = step;
    if (!this.tracker.observe(step, m, Math.abs(m))) return false;
    this.finished = true;
    return true;
  }

  /** Step `step` + 1 overflowed; state[0] holds the overlap after step `step`, the last finite one. */
  diverged(step: number): void {
    const m = this.state[0]!;
    if (step > this.last) this.tracker.observe(step, m, Math.abs(m));
    this.tracker.divergedAt(step + 1);
    this.finished = true;
  }
}
