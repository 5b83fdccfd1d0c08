/**
 * The width-1 reduced chain (THEORY §5), one seed per `ScalarChain`, resumable, and two seeds
 * stepped in turn by `ChainScheduler` so that the processor overlaps their dependency chains.
 *
 * Per seed: m₀ = g/√(g² + χ²_{d−1}), g ~ N(0,1), the first coordinate of a uniform point of
 * S^{d−1} (made non-negative with init 'positive'). Then blocks of B steps (B = 64, 128, …,
 * doubling to 1024, then 1024 on; the sizes do not depend on maxSteps, so a trajectory is a
 * function of the seed and the chain's parameters alone): 2B normals (z_t, ξ_t interleaved), B
 * χ²_{d−2} (R_t), then B normals ε_t if Δ > 0. With u = m·z + √(1−m²)·ξ, y = σ*(u) + √Δ·ε and
 * p = ξ² + R, a projected step with coefficient c = rate·ψ gives
 *   m' = ((1 − c·z)·m + c·u)/√(1 + c²p)   (sphereStep.ts; batch reuse takes two such steps).
 * One sub-step, with e = c²p and u − z·m = √(1 − m²)·ξ: m' = (m + c·√(1 − m²)·ξ)·(1 + e)^{−1/2}
 * (invSqrt1p) and √(1 − m'²) = √(1 + e − num²)·(1 + e)^{−1/2}.
 *
 * A seed's result does not depend on whether it ran alone or beside another: each chain has its
 * own generator (new Rng(seed)), blocks and state, and both loops below do the same arithmetic.
 */
import type { EngineInput } from './engineInput.js';
import { Rng } from './rng.js';
import type { SampleRule } from './rule.js';
import { stepOnSample, type PlaneState } from './sphereStep.js';
import { HitTracker } from './tracker.js';
import type { RunResult } from './types.js';

const BLOCK_MIN = 64;
const BLOCK_MAX = 1024;
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

/** One seed's chain: its generator, tracker, current block and overlap. */
export class ScalarChain {
  readonly rng: Rng;
  readonly tracker: HitTracker;
  readonly rule: SampleRule;
  readonly target: (u: number) => number;
  /**
   * [m, √(1 − m²), √Δ, τ] as float64: the loops read them from here, which keeps their locals
   * unboxed (from plain fields V8 carries them tagged, boxing m on every step). √Δ = 0 without
   * label noise (then no ε_t are drawn).
   */
  readonly state = new Float64Array(4);
  /** steps done before the current block; the next step's index in it; its usable length */
  t = 0;
  pos = 0;
  n = 0;
  /** the next block's size */
  size = BLOCK_MIN;
  /** the last step whose overlap went to the tracker */
  last = 0;
  finished = false;
  readonly zx = new Float64Array(2 * BLOCK_MAX);
  readonly rs = new Float64Array(BLOCK_MAX);
  /** ε_t (empty without label noise) */
  readonly es: Float64Array;

  constructor(readonly input: EngineInput) {
    this.rng = new Rng(input.seed);
    this.tracker = new HitTracker(input.seed, input.threshold);
    this.rule = input.rules();
    this.target = input.target;
    this.state[2] = Math.sqrt(input.noise);
    this.state[3] = input.threshold;
    this.es = new Float64Array(input.noise > 0 ? BLOCK_MAX : 0);
    let m = sphereStartOverlap(input.d, this.rng, input.init === 'positive');
    if (this.tracker.observe(0, m, Math.abs(m)) || input.maxSteps === 0) {
      this.finished = true;
      return;
    }
    if (m > 1) m = 1; // |m₀| ≤ 1 exactly; this only trims rounding
    else if (m < -1) m = -1;
    this.state[0] = m;
    this.state[1] = Math.sqrt(1 - m * m);
    this.refill();
  }

  result(): RunResult {
    return this.tracker.result();
  }

  /** m after the steps done so far */
  get m(): number {
    return this.state[0]!;
  }

  /** One projected step per sample: the fast path and the pairing apply. */
  get oneStep(): boolean {
    return this.rule.subSteps === 1;
  }

  /** Steps left in the current block. */
  get remaining(): number {
    return this.n - this.pos;
  }

  private refill(): void {
    const size = this.size;
    const rng = this.rng;
    rng.fillNormals(size === BLOCK_MAX ? this.zx : this.zx.subarray(0, 2 * size));
    rng.fillChiSquared(size === BLOCK_MAX ? this.rs : this.rs.subarray(0, size), this.input.d - 2);
    if (this.es.length > 0) rng.fillNormals(size === BLOCK_MAX ? this.es : this.es.subarray(0, size));
    this.n = Math.min(size, this.input.maxSteps - this.t);
    this.pos = 0;
    if (size < BLOCK_MAX) this.size = 2 * size;
  }

  /** The block is used up: the next one, or the end of the run at maxSteps. */
  endBlock(): void {
    this.t += this.n;
    if (this.t < this.input.maxSteps) {
      this.refill();
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

/** Up to k steps of one chain within its block (fewer if it finishes). */
export function stepChain(c: ScalarChain, k: number): void {
  const { zx, rs, es, rule, target, state } = c;
  const sn = state[2]!;
  const thr = state[3]!;
  const coefficient = rule.coefficient; // hoisted: a property load per step cost ~20 % of the loop
  const t0 = c.t; // steps done before the block: step t0 + j + 1 uses index j
  let m = state[0]!;
  let sm = state[1]!;
  const end = c.pos + k;
  let j = c.pos;
  if (c.oneStep) {
    for (; j < end; j++) {
      const z = zx[2 * j]!;
      const xi = zx[2 * j + 1]!;
      const u = m * z + sm * xi;
      const y = sn > 0 ? target(u) + sn * es[j]! : target(u);
      const cf = coefficient(0, y, z);
      const e = cf * cf * (xi * xi + rs[j]!);
      if (!(e < Infinity)) {
        state[0] = m;
        c.diverged(t0 + j);
        break;
      }
      const inv = invSqrt1p(e);
      const num = m + cf * sm * xi;
      const w = 1 + e - num * num;
      sm = w > 0 ? Math.sqrt(w) * inv : 0;
      const mNew = num * inv;
      m = mNew > 1 ? 1 : mNew < -1 ? -1 : mNew; // |m'| ≤ 1 exactly; this trims rounding (NaN passes)
      // the tracker only needs the steps with |m| ≥ τ (or NaN); the last step goes over at the end
      if (!(Math.abs(m) < thr) && ((state[0] = m), c.crossed(t0 + j + 1))) {
        j++;
        break;
      }
    }
  } else {
    for (; j < end; j++) {
      const z = zx[2 * j]!;
      const xi = zx[2 * j + 1]!;
      const u = m * z + sm * xi;
      const y = sn > 0 ? target(u) + sn * es[j]! : target(u);
      plane.m = m;
      plane.z = z;
      plane.p = xi * xi + rs[j]!;
      if (!stepOnSample(plane, u, y, rule)) {
        state[0] = m;
        c.diverged(t0 + j);
        break;
      }
      const mNew = plane.m;
      m = mNew > 1 ? 1 : mNew < -1 ? -1 : mNew;
      sm = Math.sqrt(1 - m * m);
      if (!(Math.abs(m) < thr) && ((state[0] = m), c.crossed(t0 + j + 1))) {
        j++;
        break;
      }
    }
  }
  state[0] = m;
  state[1] = sm;
  c.pos = j;
}

/**
 * k steps of two one-step chains in turn (a's step, then b's, for each of k steps), with the
 * arithmetic of stepChain. Stops after the step in which either chain finishes; the other has
 * then done that step too.
 */
export function stepTwoChains(a: ScalarChain, b: ScalarChain, k: number): void {
  const zxa = a.zx;
  const rsa = a.rs;
  const esa = a.es;
  const zxb = b.zx;
  const rsb = b.rs;
  const esb = b.es;
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
  let s = 0;
  for (; s < k; s++) {
    const ma0 = ma;
    const mb0 = mb;
    // chain a (the arithmetic of stepChain; e = ∞ or NaN makes m NaN through invSqrt1p, sorted out below)
    const ja = ja0 + s;
    const za = zxa[2 * ja]!;
    const xa = zxa[2 * ja + 1]!;
    const ua = ma * za + sma * xa;
    const ya = sna > 0 ? targetA(ua) + sna * esa[ja]! : targetA(ua);
    const ca = coefficientA(0, ya, za);
    const ea = ca * ca * (xa * xa + rsa[ja]!);
    const ia = invSqrt1p(ea);
    const na = ma + ca * sma * xa;
    const wa = 1 + ea - na * na;
    sma = wa > 0 ? Math.sqrt(wa) * ia : 0;
    const ma1 = na * ia;
    ma = ma1 > 1 ? 1 : ma1 < -1 ? -1 : ma1;
    // chain b
    const jb = jb0 + s;
    const zb = zxb[2 * jb]!;
    const xb = zxb[2 * jb + 1]!;
    const ub = mb * zb + smb * xb;
    const yb = snb > 0 ? targetB(ub) + snb * esb[jb]! : targetB(ub);
    const cb = coefficientB(0, yb, zb);
    const eb = cb * cb * (xb * xb + rsb[jb]!);
    const ib = invSqrt1p(eb);
    const nb = mb + cb * smb * xb;
    const wb = 1 + eb - nb * nb;
    smb = wb > 0 ? Math.sqrt(wb) * ib : 0;
    const mb1 = nb * ib;
    mb = mb1 > 1 ? 1 : mb1 < -1 ? -1 : mb1;
    // the rare events: |m| ≥ τ, or a divergence (m NaN)
    if (!(Math.abs(ma) < thrA) || !(Math.abs(mb) < thrB)) {
      let stop = false;
      sta[0] = ea < Infinity ? ma : ma0; // the overlap the tracker gets
      stb[0] = eb < Infinity ? mb : mb0;
      if (!(ea < Infinity)) {
        a.diverged(baseA + s);
        stop = true;
      } else if (!(Math.abs(ma) < thrA) && a.crossed(baseA + s + 1)) stop = true;
      if (!(eb < Infinity)) {
        b.diverged(baseB + s);
        stop = true;
      } else if (!(Math.abs(mb) < thrB) && b.crossed(baseB + s + 1)) stop = true;
      if (stop) {
        s++;
        break;
      }
    }
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
    if (!c.finished && c.remaining === 0) c.endBlock();
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
 * returns after about `budget` steps (whole blocks) so that a caller on the main thread can
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

  /** After stepping: report a finished chain, or move it to its next block; the slot if it goes on. */
  private settle(slot: Slot<J>): Slot<J> | null {
    const c = slot.chain;
    if (!c.finished && c.remaining === 0) c.endBlock();
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
      if (b !== null && a.oneStep && b.oneStep) {
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
