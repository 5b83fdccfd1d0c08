/**
 * The width-1 reduced chain (THEORY §5), one seed per `ScalarChain`, resumable, and two seeds
 * stepped in turn by `ChainScheduler` so that the processor overlaps their dependency chains.
 *
 * Per seed: m₀ = g/√(g² + χ²_{d−1}), g ~ N(0,1), the first coordinate of a uniform point of
 * S^{d−1} (made non-negative with init 'positive'). Then, each step, the draws of
 * ScalarChain.sample from the seed's own generator: z, ξ ~ N(0,1), R ~ χ²_{d−2} (a ziggurat of
 * Gamma((d−2)/2), gammaZiggurat.ts), and ε ~ N(0,1) if Δ > 0. With u = m·z + √(1−m²)·ξ,
 * y = σ*(u) + √Δ·ε and p = ξ² + R, a projected step with coefficient c = rate·ψ gives
 *   m' = ((1 − c·z)·m + c·u)/√(1 + c²p)   (sphereStep.ts; batch reuse takes two such steps).
 * One sub-step, with e = c²p and u − z·m = √(1 − m²)·ξ: m' = (m + c·√(1 − m²)·ξ)·(1 + e)^{−1/2}
 * (invSqrt1p) and √(1 − m'²) = √(1 + e − num²)·(1 + e)^{−1/2}.
 *
 * The trajectory is a function of the seed and the chain's parameters alone: the steps are cut
 * into segments (SEGMENT steps) only so that a scheduler can interleave seeds and yield, and a
 * seed's result does not depend on whether it ran alone (stepChain) or beside another
 * (stepTwoChains, which draws ScalarChain.sample's sequence inline, each generator's state in
 * locals). That loop makes no calls: a call anywhere in it, even on a branch taken once in a
 * hundred steps, costs V8 as much as the whole step (it can no longer keep the loop's tables and
 * state in registers). So a ziggurat attempt that misses its core takes its value from a
 * reserve of the ziggurat's law given a miss (Rng.normalMiss, chiSquaredMiss), topped up between
 * steps, and the tracker is called after the loop exits.
 */
import type { EngineInput } from './engineInput.js';
import { gammaZiggurat, type GammaZiggurat } from './gammaZiggurat.js';
import { CHAIN_NORMAL_ZIGGURAT } from './normalZiggurat.js';
import { Rng } from './rng.js';
import type { SampleRule } from './rule.js';
import { stepOnSample, type PlaneState } from './sphereStep.js';
import { HitTracker } from './tracker.js';
import type { RunResult } from './types.js';

/** Steps per segment: the unit in which schedulers interleave seeds and count their budget. */
const SEGMENT = 1024;
/** The normal ziggurat of the draws (512 layers): its edges X[i] and core ratios X[i+1]/X[i]. */
const ZIG_X = CHAIN_NORMAL_ZIGGURAT.x;
const ZIG_RATIO = CHAIN_NORMAL_ZIGGURAT.ratio;
/** Size of a chain's reserves of ziggurat misses (a step uses at most three). */
const RESERVE = 64;
/** (1 + e)^{−1/2} by its Taylor polynomial to e⁵ below this e = c²p, to e³ below the next. */
const SERIES_LIMIT = 0.0009765625; // 2⁻¹⁰: next term (231/1024)e⁶ < 2⁻⁶²
const SHORT_SERIES_LIMIT = 0.0000152587890625; // 2⁻¹⁶: next term (35/128)e⁴ < 2⁻⁶⁵

/**
 * (1 + e)^{−1/2} for e = c²p ≥ 0: the alternating Taylor polynomial to e³ below 2⁻¹⁶ and to e⁵
 * below 2⁻¹⁰ (error below the next term, < 2⁻⁶², i.e. below rounding), else 1/√(1 + e); NaN
 * when e is ∞ or NaN (the step overflowed), which makes m' NaN.
 */
export function invSqrt1p(e: number): number {
  if (e < SHORT_SERIES_LIMIT) return 1 - e * (0.5 - e * (0.375 - e * 0.3125));
  if (e < SERIES_LIMIT) return 1 - e * (0.5 - e * (0.375 - e * (0.3125 - e * (0.2734375 - e * 0.24609375))));
  return e < Infinity ? 1 / Math.sqrt(1 + e) : NaN;
}

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
    this.tracker = new HitTracker(input.seed, input.threshold);
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
    if (m > 1) m = 1; // |m₀| ≤ 1 exactly; this only trims rounding
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
    const rng = this.rng;
    rng.fillNormalMisses(this.missNormals, this.normalsLeft, RESERVE);
    this.normalsLeft = RESERVE;
    if (this.zig === null) return;
    rng.fillChiSquaredMisses(this.zig, this.missChiSquared, this.chiSquaredLeft, RESERVE);
    this.chiSquaredLeft = RESERVE;
  }

  /**
   * One step's draws into out = [z, ξ, R, ε] (stepTwoChains writes this sequence out inline):
   * topUp(); five outputs o₁..o₅ of the generator: z, ξ by first attempts of the 512-layer normal
   * ziggurat (layers o₁, o₂ mod 2⁹, 39-bit uniforms ⌊o₁/2⁹⌋·2¹⁶ + (o₃ mod 2¹⁶) and
   * ⌊o₂/2⁹⌋·2¹⁶ + ⌊o₃/2¹⁶⌋ on [−1, 1)), R by a first attempt of the Gamma ziggurat (region o₄
   * mod 2⁹, 44-bit uniform ⌊o₄/2⁹⌋·2²¹ + ⌊o₅/2¹¹⌋ on [0, 1)); with label noise two more, o₆, o₇,
   * for ε (layer o₇ mod 2⁹, 53-bit uniform o₆·2²¹ + ⌊o₇/2¹¹⌋). Each attempt that misses its core takes the
   * next reserve value instead, in the order z, ξ, R, ε. Without a ziggurat (d ≤ 4) R is
   * Rng.chiSquared(d − 2) after o₁..o₃ (such chains are never paired).
   */
  sample(out: Float64Array): void {
    this.topUp();
    const rng = this.rng;
    const zig = this.zig;
    const o1 = rng.next32();
    const o2 = rng.next32();
    const o3 = rng.next32();
    const i1 = o1 & 0x1ff;
    const u1 = ((o1 >>> 9) * 65536 + (o3 & 0xffff)) * 3.637978807091713e-12 - 1;
    const i2 = o2 & 0x1ff;
    const u2 = ((o2 >>> 9) * 65536 + (o3 >>> 16)) * 3.637978807091713e-12 - 1;
    let r: number;
    let x = 0;
    let i3 = 0;
    if (zig !== null) {
      const o4 = rng.next32();
      const o5 = rng.next32();
      i3 = o4 & 0x1ff;
      x = zig.lo[i3]! + ((o4 >>> 9) * 2097152 + (o5 >>> 11)) * 5.684341886080802e-14 * zig.width[i3]!;
      r = 2 * zig.mode + 2 * zig.sigma * x;
    } else r = rng.chiSquared(this.input.d - 2);
    out[0] = Math.abs(u1) < ZIG_RATIO[i1]! ? u1 * ZIG_X[i1]! : this.missNormals[--this.normalsLeft]!;
    out[1] = Math.abs(u2) < ZIG_RATIO[i2]! ? u2 * ZIG_X[i2]! : this.missNormals[--this.normalsLeft]!;
    out[2] = zig === null || (x > zig.innerLo[i3]! && x < zig.innerHi[i3]!) ? r : this.missChiSquared[--this.chiSquaredLeft]!;
    if (this.normalsPerStep === 3) {
      const o6 = rng.next32();
      const o7 = rng.next32();
      const i4 = o7 & 0x1ff;
      const u4 = (o6 * 2097152 + (o7 >>> 11)) / 4503599627370496 - 1;
      out[3] = Math.abs(u4) < ZIG_RATIO[i4]! ? u4 * ZIG_X[i4]! : this.missNormals[--this.normalsLeft]!;
    }
  }

  /** m after the steps done so far */
  get m(): number {
    return this.state[0]!;
  }

  /** One projected step per sample and a ziggurat for R: stepTwoChains can take this chain. */
  get pairable(): boolean {
    return this.rule.subSteps === 1 && this.zig !== null;
  }

  /** Steps left in the current segment. */
  get remaining(): number {
    return this.n - this.pos;
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

const plane: PlaneState = { m: 0, z: 0, p: 0, a: 1, b: 0 };

/**
 * Up to k steps of one chain within its segment (fewer if it finishes): the draws of sample()
 * written out with the generator's state in locals, and an inner loop without calls, as in
 * stepTwoChains (chains without a Gamma ziggurat, d ≤ 4, call sample()).
 */
export function stepChain(c: ScalarChain, k: number): void {
  if (c.zig === null) {
    stepChainSampled(c, k);
    return;
  }
  const wa = c.rng.s;
  const zigA = c.zig;
  const loA = zigA.lo;
  const widthA = zigA.width;
  const innerLoA = zigA.innerLo;
  const innerHiA = zigA.innerHi;
  const offA = 2 * zigA.mode;
  const scA = 2 * zigA.sigma;
  const missNA = c.missNormals;
  const missCA = c.missChiSquared;
  const needA = c.normalsPerStep;
  const { rule, state } = c;
  const oneStep = rule.subSteps === 1;
  const coefficient = rule.coefficient; // hoisted: a property load per step cost ~20 % of the loop
  const targetA = c.target;
  const sna = state[2]!;
  const thr = state[3]!;
  const j0 = c.pos;
  const base = c.t + j0; // steps done before this call
  let ma = state[0]!;
  let sma = state[1]!;
  let ma0 = ma;
  let q = 0;
  let s = 0;
  for (;;) {
    c.topUp();
    let lnA = c.normalsLeft;
    let lcA = c.chiSquaredLeft;
    let a0 = wa[0]!;
    let a1 = wa[1]!;
    let a2 = wa[2]!;
    let a3 = wa[3]!;
    let event = false;
    for (; s < k; s++) {
      if (lnA < needA || lcA < 1) break; // top up first
      ma0 = ma;
      let p = 0;
      let t = 0;
      // chain a: the draws of ScalarChain.sample
      p = Math.imul(a1, 5);
      const oa1 = Math.imul((p << 7) | (p >>> 25), 9) >>> 0;
      t = a1 << 9;
      a2 ^= a0;
      a3 ^= a1;
      a1 ^= a2;
      a0 ^= a3;
      a2 ^= t;
      a3 = (a3 << 11) | (a3 >>> 21);
      p = Math.imul(a1, 5);
      const oa2 = Math.imul((p << 7) | (p >>> 25), 9) >>> 0;
      t = a1 << 9;
      a2 ^= a0;
      a3 ^= a1;
      a1 ^= a2;
      a0 ^= a3;
      a2 ^= t;
      a3 = (a3 << 11) | (a3 >>> 21);
      p = Math.imul(a1, 5);
      const oa3 = Math.imul((p << 7) | (p >>> 25), 9) >>> 0;
      t = a1 << 9;
      a2 ^= a0;
      a3 ^= a1;
      a1 ^= a2;
      a0 ^= a3;
      a2 ^= t;
      a3 = (a3 << 11) | (a3 >>> 21);
      p = Math.imul(a1, 5);
      const oa4 = Math.imul((p << 7) | (p >>> 25), 9) >>> 0;
      t = a1 << 9;
      a2 ^= a0;
      a3 ^= a1;
      a1 ^= a2;
      a0 ^= a3;
      a2 ^= t;
      a3 = (a3 << 11) | (a3 >>> 21);
      p = Math.imul(a1, 5);
      const oa5 = Math.imul((p << 7) | (p >>> 25), 9) >>> 0;
      t = a1 << 9;
      a2 ^= a0;
      a3 ^= a1;
      a1 ^= a2;
      a0 ^= a3;
      a2 ^= t;
      a3 = (a3 << 11) | (a3 >>> 21);
      const ia1 = oa1 & 0x1ff;
      const ua1 = ((oa1 >>> 9) * 65536 + (oa3 & 0xffff)) * 3.637978807091713e-12 - 1;
      const ia2 = oa2 & 0x1ff;
      const ua2 = ((oa2 >>> 9) * 65536 + (oa3 >>> 16)) * 3.637978807091713e-12 - 1;
      const ia3 = oa4 & 0x1ff;
      const ga = loA[ia3]! + ((oa4 >>> 9) * 2097152 + (oa5 >>> 11)) * 5.684341886080802e-14 * widthA[ia3]!;
      const za = Math.abs(ua1) < ZIG_RATIO[ia1]! ? ua1 * ZIG_X[ia1]! : missNA[--lnA]!;
      const xa = Math.abs(ua2) < ZIG_RATIO[ia2]! ? ua2 * ZIG_X[ia2]! : missNA[--lnA]!;
      const ra = ga > innerLoA[ia3]! && ga < innerHiA[ia3]! ? offA + scA * ga : missCA[--lcA]!;
      let ea = 0;
      if (sna > 0) {
        p = Math.imul(a1, 5);
        const oa6 = Math.imul((p << 7) | (p >>> 25), 9) >>> 0;
        t = a1 << 9;
        a2 ^= a0;
        a3 ^= a1;
        a1 ^= a2;
        a0 ^= a3;
        a2 ^= t;
        a3 = (a3 << 11) | (a3 >>> 21);
        p = Math.imul(a1, 5);
        const oa7 = Math.imul((p << 7) | (p >>> 25), 9) >>> 0;
        t = a1 << 9;
        a2 ^= a0;
        a3 ^= a1;
        a1 ^= a2;
        a0 ^= a3;
        a2 ^= t;
        a3 = (a3 << 11) | (a3 >>> 21);
        const ia4 = oa7 & 0x1ff;
        const ua4 = (oa6 * 2097152 + (oa7 >>> 11)) / 4503599627370496 - 1;
        ea = Math.abs(ua4) < ZIG_RATIO[ia4]! ? ua4 * ZIG_X[ia4]! : missNA[--lnA]!;
      }
      const u = ma * za + sma * xa;
      const y = sna > 0 ? targetA(u) + sna * ea : targetA(u);
      if (oneStep) {
        const cf = coefficient(0, y, za);
        q = cf * cf * (xa * xa + ra);
        const inv = invSqrt1p(q); // NaN when q is ∞ or NaN, which makes m NaN
        const num = ma + cf * sma * xa;
        const w = 1 + q - num * num;
        sma = w > 0 ? Math.sqrt(w) * inv : 0;
        const m1 = num * inv;
        ma = m1 > 1 ? 1 : m1 < -1 ? -1 : m1; // |m'| ≤ 1 exactly; this trims rounding (NaN passes)
      } else {
        plane.m = ma;
        plane.z = za;
        plane.p = xa * xa + ra;
        if (stepOnSample(plane, u, y, rule)) {
          const m1 = plane.m;
          ma = m1 > 1 ? 1 : m1 < -1 ? -1 : m1;
          sma = Math.sqrt(1 - ma * ma);
        } else {
          q = Infinity; // the step's norm was NaN, ∞ or 0
          ma = NaN;
        }
      }
      // the rare events: |m| ≥ τ, or a divergence (m NaN)
      if (!(Math.abs(ma) < thr)) {
        event = true;
        break;
      }
    }
    wa[0] = a0;
    wa[1] = a1;
    wa[2] = a2;
    wa[3] = a3;
    c.normalsLeft = lnA;
    c.chiSquaredLeft = lcA;
    if (event) {
      // the tracker gets the overlap after step s (the last finite one if it overflowed)
      state[0] = q < Infinity ? ma : ma0;
      if (!(q < Infinity)) {
        c.diverged(base + s);
        s++;
        break;
      }
      if (c.crossed(base + s + 1)) {
        s++;
        break;
      }
      s++;
    } else if (s >= k) break;
  }
  state[0] = ma;
  state[1] = sma;
  c.pos = j0 + s;
}

/** stepChain for chains without a Gamma ziggurat (d ≤ 4): sample() each step. */
function stepChainSampled(c: ScalarChain, k: number): void {
  const { draws, rule, target, state } = c;
  const sn = state[2]!;
  const thr = state[3]!;
  const noisy = sn > 0;
  const oneStep = rule.subSteps === 1;
  const coefficient = rule.coefficient; // hoisted: a property load per step cost ~20 % of the loop
  const t0 = c.t; // steps done before the segment: step t0 + j + 1 is the segment's step j
  let m = state[0]!;
  let sm = state[1]!;
  const end = c.pos + k;
  let j = c.pos;
  for (; j < end; j++) {
    c.sample(draws);
    const z = draws[0]!;
    const xi = draws[1]!;
    const u = m * z + sm * xi;
    const y = noisy ? target(u) + sn * draws[3]! : target(u);
    let mNew: number;
    if (oneStep) {
      const cf = coefficient(0, y, z);
      const e = cf * cf * (xi * xi + draws[2]!);
      if (!(e < Infinity)) {
        state[0] = m;
        c.diverged(t0 + j);
        break;
      }
      const inv = invSqrt1p(e);
      const num = m + cf * sm * xi;
      const w = 1 + e - num * num;
      sm = w > 0 ? Math.sqrt(w) * inv : 0;
      mNew = num * inv;
    } else {
      plane.m = m;
      plane.z = z;
      plane.p = xi * xi + draws[2]!;
      if (!stepOnSample(plane, u, y, rule)) {
        state[0] = m;
        c.diverged(t0 + j);
        break;
      }
      mNew = plane.m;
      sm = NaN; // set below from the clamped m
    }
    m = mNew > 1 ? 1 : mNew < -1 ? -1 : mNew; // |m'| ≤ 1 exactly; this trims rounding (NaN passes)
    if (!oneStep) sm = Math.sqrt(1 - m * m);
    // the tracker only needs the steps with |m| ≥ τ (or NaN); the last step goes over at the end
    if (!(Math.abs(m) < thr) && ((state[0] = m), c.crossed(t0 + j + 1))) {
      j++;
      break;
    }
  }
  state[0] = m;
  state[1] = sm;
  c.pos = j;
}

/**
 * k steps of two pairable chains in turn (a's step, then b's, for each of k steps), with the
 * arithmetic of stepChain and the draws of ScalarChain.sample written out, each generator's state
 * in locals. The inner loop makes no calls (see the module comment): it leaves when a reserve
 * needs topping up, or when either chain's |m| reaches τ or its step overflows; the outer loop
 * does that and goes on. Stops after the step in which either chain finishes; the other has then
 * done that step too.
 */
export function stepTwoChains(a: ScalarChain, b: ScalarChain, k: number): void {
  const zx = ZIG_X;
  const zr = ZIG_RATIO;
  const wa = a.rng.s;
  const wb = b.rng.s;
  const zigA = a.zig!;
  const zigB = b.zig!;
  const loA = zigA.lo;
  const widthA = zigA.width;
  const innerLoA = zigA.innerLo;
  const innerHiA = zigA.innerHi;
  const offA = 2 * zigA.mode;
  const scA = 2 * zigA.sigma;
  const loB = zigB.lo;
  const widthB = zigB.width;
  const innerLoB = zigB.innerLo;
  const innerHiB = zigB.innerHi;
  const offB = 2 * zigB.mode;
  const scB = 2 * zigB.sigma;
  const missNA = a.missNormals;
  const missCA = a.missChiSquared;
  const missNB = b.missNormals;
  const missCB = b.missChiSquared;
  const needA = a.normalsPerStep;
  const needB = b.normalsPerStep;
  const coefficientA = a.rule.coefficient; // hoisted (see stepChain)
  const coefficientB = b.rule.coefficient;
  const targetA = a.target;
  const targetB = b.target;
  const sta = a.state;
  const stb = b.state;
  const sna = sta[2]!;
  const snb = stb[2]!;
  const thrA = sta[3]!;
  const thrB = stb[3]!;
  const ja0 = a.pos;
  const jb0 = b.pos;
  const baseA = a.t + ja0;
  const baseB = b.t + jb0;
  let ma = sta[0]!;
  let sma = sta[1]!;
  let mb = stb[0]!;
  let smb = stb[1]!;
  let ma0 = ma;
  let mb0 = mb;
  let qa = 0;
  let qb = 0;
  let s = 0;
  for (;;) {
    a.topUp();
    b.topUp();
    let lnA = a.normalsLeft;
    let lcA = a.chiSquaredLeft;
    let lnB = b.normalsLeft;
    let lcB = b.chiSquaredLeft;
    let a0 = wa[0]!;
    let a1 = wa[1]!;
    let a2 = wa[2]!;
    let a3 = wa[3]!;
    let b0 = wb[0]!;
    let b1 = wb[1]!;
    let b2 = wb[2]!;
    let b3 = wb[3]!;
    let event = false;
    for (; s < k; s++) {
      if (lnA < needA || lcA < 1 || lnB < needB || lcB < 1) break; // top up first
      ma0 = ma;
      mb0 = mb;
      let p = 0;
      let t = 0;
      // chain a: the draws of ScalarChain.sample
      p = Math.imul(a1, 5);
      const oa1 = Math.imul((p << 7) | (p >>> 25), 9) >>> 0;
      t = a1 << 9;
      a2 ^= a0;
      a3 ^= a1;
      a1 ^= a2;
      a0 ^= a3;
      a2 ^= t;
      a3 = (a3 << 11) | (a3 >>> 21);
      p = Math.imul(a1, 5);
      const oa2 = Math.imul((p << 7) | (p >>> 25), 9) >>> 0;
      t = a1 << 9;
      a2 ^= a0;
      a3 ^= a1;
      a1 ^= a2;
      a0 ^= a3;
      a2 ^= t;
      a3 = (a3 << 11) | (a3 >>> 21);
      p = Math.imul(a1, 5);
      const oa3 = Math.imul((p << 7) | (p >>> 25), 9) >>> 0;
      t = a1 << 9;
      a2 ^= a0;
      a3 ^= a1;
      a1 ^= a2;
      a0 ^= a3;
      a2 ^= t;
      a3 = (a3 << 11) | (a3 >>> 21);
      p = Math.imul(a1, 5);
      const oa4 = Math.imul((p << 7) | (p >>> 25), 9) >>> 0;
      t = a1 << 9;
      a2 ^= a0;
      a3 ^= a1;
      a1 ^= a2;
      a0 ^= a3;
      a2 ^= t;
      a3 = (a3 << 11) | (a3 >>> 21);
      p = Math.imul(a1, 5);
      const oa5 = Math.imul((p << 7) | (p >>> 25), 9) >>> 0;
      t = a1 << 9;
      a2 ^= a0;
      a3 ^= a1;
      a1 ^= a2;
      a0 ^= a3;
      a2 ^= t;
      a3 = (a3 << 11) | (a3 >>> 21);
      const ia1 = oa1 & 0x1ff;
      const ua1 = ((oa1 >>> 9) * 65536 + (oa3 & 0xffff)) * 3.637978807091713e-12 - 1;
      const ia2 = oa2 & 0x1ff;
      const ua2 = ((oa2 >>> 9) * 65536 + (oa3 >>> 16)) * 3.637978807091713e-12 - 1;
      const ia3 = oa4 & 0x1ff;
      const ga = loA[ia3]! + ((oa4 >>> 9) * 2097152 + (oa5 >>> 11)) * 5.684341886080802e-14 * widthA[ia3]!;
      const za = Math.abs(ua1) < zr[ia1]! ? ua1 * zx[ia1]! : missNA[--lnA]!;
      const xa = Math.abs(ua2) < zr[ia2]! ? ua2 * zx[ia2]! : missNA[--lnA]!;
      const ra = ga > innerLoA[ia3]! && ga < innerHiA[ia3]! ? offA + scA * ga : missCA[--lcA]!;
      let ea = 0;
      if (sna > 0) {
        p = Math.imul(a1, 5);
        const oa6 = Math.imul((p << 7) | (p >>> 25), 9) >>> 0;
        t = a1 << 9;
        a2 ^= a0;
        a3 ^= a1;
        a1 ^= a2;
        a0 ^= a3;
        a2 ^= t;
        a3 = (a3 << 11) | (a3 >>> 21);
        p = Math.imul(a1, 5);
        const oa7 = Math.imul((p << 7) | (p >>> 25), 9) >>> 0;
        t = a1 << 9;
        a2 ^= a0;
        a3 ^= a1;
        a1 ^= a2;
        a0 ^= a3;
        a2 ^= t;
        a3 = (a3 << 11) | (a3 >>> 21);
        const ia4 = oa7 & 0x1ff;
        const ua4 = (oa6 * 2097152 + (oa7 >>> 11)) / 4503599627370496 - 1;
        ea = Math.abs(ua4) < zr[ia4]! ? ua4 * zx[ia4]! : missNA[--lnA]!;
      }
      // chain b: the draws of ScalarChain.sample
      p = Math.imul(b1, 5);
      const ob1 = Math.imul((p << 7) | (p >>> 25), 9) >>> 0;
      t = b1 << 9;
      b2 ^= b0;
      b3 ^= b1;
      b1 ^= b2;
      b0 ^= b3;
      b2 ^= t;
      b3 = (b3 << 11) | (b3 >>> 21);
      p = Math.imul(b1, 5);
      const ob2 = Math.imul((p << 7) | (p >>> 25), 9) >>> 0;
      t = b1 << 9;
      b2 ^= b0;
      b3 ^= b1;
      b1 ^= b2;
      b0 ^= b3;
      b2 ^= t;
      b3 = (b3 << 11) | (b3 >>> 21);
      p = Math.imul(b1, 5);
      const ob3 = Math.imul((p << 7) | (p >>> 25), 9) >>> 0;
      t = b1 << 9;
      b2 ^= b0;
      b3 ^= b1;
      b1 ^= b2;
      b0 ^= b3;
      b2 ^= t;
      b3 = (b3 << 11) | (b3 >>> 21);
      p = Math.imul(b1, 5);
      const ob4 = Math.imul((p << 7) | (p >>> 25), 9) >>> 0;
      t = b1 << 9;
      b2 ^= b0;
      b3 ^= b1;
      b1 ^= b2;
      b0 ^= b3;
      b2 ^= t;
      b3 = (b3 << 11) | (b3 >>> 21);
      p = Math.imul(b1, 5);
      const ob5 = Math.imul((p << 7) | (p >>> 25), 9) >>> 0;
      t = b1 << 9;
      b2 ^= b0;
      b3 ^= b1;
      b1 ^= b2;
      b0 ^= b3;
      b2 ^= t;
      b3 = (b3 << 11) | (b3 >>> 21);
      const ib1 = ob1 & 0x1ff;
      const ub1 = ((ob1 >>> 9) * 65536 + (ob3 & 0xffff)) * 3.637978807091713e-12 - 1;
      const ib2 = ob2 & 0x1ff;
      const ub2 = ((ob2 >>> 9) * 65536 + (ob3 >>> 16)) * 3.637978807091713e-12 - 1;
      const ib3 = ob4 & 0x1ff;
      const gb = loB[ib3]! + ((ob4 >>> 9) * 2097152 + (ob5 >>> 11)) * 5.684341886080802e-14 * widthB[ib3]!;
      const zb = Math.abs(ub1) < zr[ib1]! ? ub1 * zx[ib1]! : missNB[--lnB]!;
      const xb = Math.abs(ub2) < zr[ib2]! ? ub2 * zx[ib2]! : missNB[--lnB]!;
      const rb = gb > innerLoB[ib3]! && gb < innerHiB[ib3]! ? offB + scB * gb : missCB[--lcB]!;
      let eb = 0;
      if (snb > 0) {
        p = Math.imul(b1, 5);
        const ob6 = Math.imul((p << 7) | (p >>> 25), 9) >>> 0;
        t = b1 << 9;
        b2 ^= b0;
        b3 ^= b1;
        b1 ^= b2;
        b0 ^= b3;
        b2 ^= t;
        b3 = (b3 << 11) | (b3 >>> 21);
        p = Math.imul(b1, 5);
        const ob7 = Math.imul((p << 7) | (p >>> 25), 9) >>> 0;
        t = b1 << 9;
        b2 ^= b0;
        b3 ^= b1;
        b1 ^= b2;
        b0 ^= b3;
        b2 ^= t;
        b3 = (b3 << 11) | (b3 >>> 21);
        const ib4 = ob7 & 0x1ff;
        const ub4 = (ob6 * 2097152 + (ob7 >>> 11)) / 4503599627370496 - 1;
        eb = Math.abs(ub4) < zr[ib4]! ? ub4 * zx[ib4]! : missNB[--lnB]!;
      }
      // chain a's step (c²p = ∞ or NaN makes m NaN through invSqrt1p, sorted out below)
      const ua = ma * za + sma * xa;
      const ya = sna > 0 ? targetA(ua) + sna * ea : targetA(ua);
      const ca = coefficientA(0, ya, za);
      qa = ca * ca * (xa * xa + ra);
      const inva = invSqrt1p(qa);
      const na = ma + ca * sma * xa;
      const va = 1 + qa - na * na;
      sma = va > 0 ? Math.sqrt(va) * inva : 0;
      const ma1 = na * inva;
      ma = ma1 > 1 ? 1 : ma1 < -1 ? -1 : ma1;
      // chain b's step
      const ub = mb * zb + smb * xb;
      const yb = snb > 0 ? targetB(ub) + snb * eb : targetB(ub);
      const cb = coefficientB(0, yb, zb);
      qb = cb * cb * (xb * xb + rb);
      const invb = invSqrt1p(qb);
      const nb = mb + cb * smb * xb;
      const vb = 1 + qb - nb * nb;
      smb = vb > 0 ? Math.sqrt(vb) * invb : 0;
      const mb1 = nb * invb;
      mb = mb1 > 1 ? 1 : mb1 < -1 ? -1 : mb1;
      // the rare events: |m| ≥ τ, or a divergence (m NaN)
      if (!(Math.abs(ma) < thrA) || !(Math.abs(mb) < thrB)) {
        event = true;
        break;
      }
    }
    wa[0] = a0;
    wa[1] = a1;
    wa[2] = a2;
    wa[3] = a3;
    wb[0] = b0;
    wb[1] = b1;
    wb[2] = b2;
    wb[3] = b3;
    a.normalsLeft = lnA;
    a.chiSquaredLeft = lcA;
    b.normalsLeft = lnB;
    b.chiSquaredLeft = lcB;
    if (event) {
      // step s took a or b to |m| ≥ τ, or overflowed: the tracker decides whether the run ends
      let stop = false;
      sta[0] = qa < Infinity ? ma : ma0; // the overlap the tracker gets
      stb[0] = qb < Infinity ? mb : mb0;
      if (!(qa < Infinity)) {
        a.diverged(baseA + s);
        stop = true;
      } else if (!(Math.abs(ma) < thrA) && a.crossed(baseA + s + 1)) stop = true;
      if (!(qb < Infinity)) {
        b.diverged(baseB + s);
        stop = true;
      } else if (!(Math.abs(mb) < thrB) && b.crossed(baseB + s + 1)) stop = true;
      s++;
      if (stop) break;
    } else if (s >= k) break;
  }
  sta[0] = ma;
  sta[1] = sma;
  a.pos = ja0 + s;
  stb[0] = mb;
  stb[1] = smb;
  b.pos = jb0 + s;
}

/** Run one chain to its end. */
export function runChain(c: ScalarChain): RunResult {
  while (!c.finished) {
    stepChain(c, c.remaining);
    if (!c.finished && c.remaining === 0) c.endSegment();
  }
  return c.result();
}

/** A seed for the scheduler: its options, and whatever the caller wants back with its result. */
export interface ChainJob {
  readonly input: EngineInput;
}

interface Slot<J> {
  readonly chain: ScalarChain;
  readonly job: J;
}

/**
 * Runs the jobs handed out by `next` (null: none left), two seeds at a time when both take one
 * step per sample, and reports each result to `done` as soon as its seed finishes. `run(budget)`
 * returns after about `budget` steps (whole segments) so that a caller on the main thread can
 * yield, and true once every seed has finished.
 */
export class ChainScheduler<J extends ChainJob> {
  private a: Slot<J> | null = null;
  private b: Slot<J> | null = null;
  private exhausted = false;

  constructor(
    private readonly next: () => J | null,
    private readonly done: (job: J, result: RunResult) => void,
  ) {}

  /** A running chain for an empty slot (seeds that end at their start are reported at once), or null. */
  private load(): Slot<J> | null {
    while (!this.exhausted) {
      const job = this.next();
      if (job === null) {
        this.exhausted = true;
        break;
      }
      const chain = new ScalarChain(job.input);
      if (!chain.finished) return { chain, job };
      this.done(job, chain.result());
    }
    return null;
  }

  /** After stepping: report a finished chain, or move it to its next segment; the slot if it goes on. */
  private settle(slot: Slot<J>): Slot<J> | null {
    const c = slot.chain;
    if (!c.finished && c.remaining === 0) c.endSegment();
    if (!c.finished) return slot;
    this.done(slot.job, c.result());
    return null;
  }

  run(budget = Infinity): boolean {
    let spent = 0;
    for (;;) {
      this.a ??= this.load();
      this.b ??= this.load();
      if (this.a === null && this.b !== null) [this.a, this.b] = [this.b, null];
      if (this.a === null) return true;
      const a = this.a.chain;
      const b = this.b?.chain ?? null;
      if (b !== null && a.pairable && b.pairable) {
        const k = Math.min(a.remaining, b.remaining);
        stepTwoChains(a, b, k);
        spent += 2 * k;
      } else {
        spent += a.remaining;
        stepChain(a, a.remaining);
        if (b !== null) {
          spent += b.remaining;
          stepChain(b, b.remaining);
        }
      }
      this.a = this.settle(this.a);
      this.b = this.b === null ? null : this.settle(this.b);
      if (spent >= budget) return false;
    }
  }
}

/** Run width-1 reduced seeds, two at a time; results in the order of `inputs`. */
export function runChains(inputs: readonly EngineInput[]): RunResult[] {
  const results = new Array<RunResult>(inputs.length);
  const jobs = inputs.map((input, index) => ({ input, index }));
  let next = 0;
  new ChainScheduler(
    () => jobs[next++] ?? null,
    (job, r) => (results[job.index] = r),
  ).run();
  return results;
}
