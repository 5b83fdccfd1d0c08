/**
 * A seeded, fast pseudo-random generator for the SGD simulations.
 *
 * Core: xoshiro128** (Blackman & Vigna), 128-bit state s0..s3, all arithmetic mod 2³²:
 *   out = rotl(s1·5, 7)·9;  t = s1 << 9;  s2 ^= s0;  s3 ^= s1;  s1 ^= s2;  s0 ^= s3;  s2 ^= t;
 *   s3 = rotl(s3, 11).
 * Seeding: the 64-bit integer key (seed mod 2⁶⁴) and the stream number are mixed with the
 * splitmix64 finaliser, and four 32-bit words of a splitmix64 sequence started there fill the
 * state. Same (seed, stream) ⇒ the same stream, bit for bit, on every platform.
 *
 * Variates (all exact in law up to the resolution of their uniforms: 53 bits for single draws,
 * 41 bits for fillNormals' first attempts, 39 (normals) and 44 (χ²) for those of the reduced
 * chain's loop):
 * - uniform(): (⌊a/2⁵⌋·2²⁶ + ⌊b/2⁶⌋)/2⁵³ ∈ [0, 1) from two outputs a, b;
 * - normal(): the ziggurat of Marsaglia & Tsang (2000) with Doornik's (2005) correction (128
 *   layers, built by normalZiggurat.ts: R = 3.442619855897, V = 9.9125630353e-3; the layer index
 *   and the uniform use disjoint bits; Marsaglia's exact tail algorithm beyond R; the wedges
 *   squeezed by chord and tangent, so the exponential is rare);
 * - chiSquared(k) = 2·Gamma(k/2, 1), Gamma by Marsaglia & Tsang (2000) for shape ≥ 1 (with a
 *   squeeze of our own, mtAccepts, that makes the logarithms rare for large shapes), and
 *   Gamma(α) = Gamma(α + 1)·U^{1/α} for α < 1 (χ²₁ = N², χ²₂ = −2 log U, χ²₀ = 0).
 * fillNormals draws the same law as normal() in blocks, with the generator inlined (state in
 * locals) for the hot loop: three outputs per two normals, the rare slow paths finished after
 * the block. For the reduced chain's loops (chainLoops.generated.ts), which draw inline from a
 * 2048-layer normal ziggurat and a ziggurat of Gamma(k/2) itself for χ²_k (gammaZiggurat.ts, 2048
 * regions, exact tails): gammaByZiggurat, and normalMiss / chiSquaredMiss, the laws of the two
 * ziggurats' results given a missed first attempt, which the loop keeps in reserve so that it
 * never calls out.
 * The xoshiro128** step is written once, in src/sgd/generate/chainLoops.gen.ts (xoshiroStep):
 * next32, fillNormals' first pass and the loops that refill the reserves of misses
 * (fillNormalMisses, fillChiSquaredMisses) are its output in xoshiro.generated.ts, the chain's
 * loops in chainLoops.generated.ts.
 * Not cryptographic.
 */

import { logRatioDefect, type GammaZiggurat } from './gammaZiggurat.js';
import { CHAIN_NORMAL_ZIGGURAT, RNG_NORMAL_ZIGGURAT, type NormalZiggurat } from './normalZiggurat.js';
import {
  fillChiSquaredMisses as fillChiSquaredMissesLoop,
  fillNormalMisses as fillNormalMissesLoop,
  fillNormalPairs,
  xoshiroNext,
} from './xoshiro.generated.js';

/**
 * The version of how the engines turn a seed into draws. It changes whenever a seed's trajectory
 * does (its law never does): sweep files carry it, so that a resumed or merged sweep can say when
 * its seeds came from different schemes. 1: block fills and 32-bit task seeds (until 2026-11-21);
 * 2: the reduced chain's in-loop ziggurat draws and 53-bit task seeds (verify/plan.ts, 2026-11-22);
 * 3: those draws from 2048-layer ziggurats (layer and region in 11 bits of an output, 37- and 42-bit
 * uniforms) instead of 512 (9 bits, 39 and 44): 0.23 % of first attempts miss instead of 0.8 % (2026-12-05).
 */
export const DRAW_SCHEME = 3;

const MASK64 = (1n << 64n) - 1n;
const GOLDEN64 = 0x9e3779b97f4a7c15n;

/** splitmix64 finaliser: z ← (z ⊕ z≫30)·0xBF58476D1CE4E5B9; z ← (z ⊕ z≫27)·0x94D049BB133111EB; z ⊕ z≫31. */
function mix64(x: bigint): bigint {
  let z = x & MASK64;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return z ^ (z >> 31n);
}

function key64(seed: number, what: string): bigint {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`Rng: ${what} must be a safe integer, got ${seed}`);
  return BigInt.asUintN(64, BigInt(seed));
}

/**
 * The seed of item `index` of a sweep started from `base`: a splitmix64 hash of (base, index),
 * reduced to 53 bits (a safe integer in [0, 2⁵³)). It depends on nothing else, so item i gets
 * the same seed whatever the number of workers or the order in which items run.
 */
export function seedFor(base: number, index: number): number {
  const h = mix64(mix64(key64(base, 'base') + GOLDEN64) ^ ((key64(index, 'index') * GOLDEN64) & MASK64));
  return Number(h >> 11n);
}

/** Doornik's 128-layer normal ziggurat (normalZiggurat.ts) of normal() and fillNormals, module-local. */
const ZIG = RNG_NORMAL_ZIGGURAT;
const ZIG_X = ZIG.x;
const ZIG_RATIO = ZIG.ratio;

/**
 * Marsaglia–Tsang's acceptance of d·v, v = (1 + c·x)³ (shape ≥ 1, d = shape − 1/3,
 * c = 1/√(9d)), for a uniform u. The exact test is log u < x²/2 + d·(1 − v + log v), which with
 * t = c·x reads log u < 3d·g(t), g(t) = log(1 + t) − t + t²/2 − t³/3 = Σ_{n≥4} (−1)^{n+1} tⁿ/n.
 * Squeeze without logarithms: log u ≤ u − 1, and for |t| < 1, g(t) ≥ −t⁴/(4(1 − |t|)) (the
 * series alternates with decreasing terms for t ≥ 0 and has only negative terms for t < 0), so
 * u < 1 − 3d·t⁴/(4(1 − |t|)) accepts. It fails with probability about 0.75·E[x⁴]/(81d) ≈ 0.03/d
 * (Marsaglia–Tsang's own squeeze 1 − 0.0331x⁴ fails with probability 0.08 for every d).
 */
function mtAccepts(u: number, x: number, d: number, c: number): boolean {
  const t = c * x;
  if (!(t > -1)) return false; // v ≤ 0
  const at = Math.abs(t);
  if (at < 1) {
    const t2 = t * t;
    if (u < 1 - (0.75 * d * t2 * t2) / (1 - at)) return true;
  }
  const w = 1 + t;
  const v = w * w * w;
  return Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v));
}

export class Rng {
  /**
   * xoshiro128** state s0..s3 (an Int32Array keeps the words unboxed in V8). Public for the
   * loops that draw with the state in locals (chainLoops.generated.ts): they load it, step it and
   * store it back before any call into this generator.
   */
  readonly s = new Int32Array(4);
  private gammaShape = NaN;
  private gammaD = NaN;
  private gammaC = NaN;

  /** `seed`, `stream`: safe integers (taken mod 2⁶⁴). Distinct streams of one seed are independent. */
  constructor(seed: number, stream = 0) {
    let s = mix64(key64(seed, 'seed') ^ mix64(key64(stream, 'stream') + 0x632be59bd9b4e019n));
    const words: number[] = [];
    for (let i = 0; i < 2; i++) {
      s = (s + GOLDEN64) & MASK64;
      const z = mix64(s);
      words.push(Number(z & 0xffffffffn), Number(z >> 32n));
    }
    for (let i = 0; i < 4; i++) this.s[i] = words[i]! | 0;
    if ((this.s[0]! | this.s[1]! | this.s[2]! | this.s[3]!) === 0) this.s[0] = 1; // the all-zero state is a fixed point
  }

  /** A generator started from an explicit xoshiro128** state (for checks against reference outputs). */
  static fromState(s0: number, s1: number, s2: number, s3: number): Rng {
    const r = new Rng(0);
    r.s[0] = s0 | 0;
    r.s[1] = s1 | 0;
    r.s[2] = s2 | 0;
    r.s[3] = s3 | 0;
    return r;
  }

  /** Next 32-bit output of xoshiro128**, as an unsigned integer (the step: see the module comment). */
  next32(): number {
    return xoshiroNext(this.s);
  }

  /** Uniform on [0, 1) with 53 random bits. */
  uniform(): number {
    const a = this.next32() >>> 5;
    const b = this.next32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** Standard normal N(0, 1) (ziggurat, see the module comment). */
  normal(): number {
    const a = this.next32();
    const b = this.next32();
    const u = (a * 2097152 + (b >>> 11)) / 4503599627370496 - 1; // 53-bit uniform on [−1, 1)
    const i = b & 0x7f; // layer, from bits of b not used in u
    if (Math.abs(u) < ZIG_RATIO[i]!) return u * ZIG_X[i]!;
    return this.normalSlow(ZIG, u, i);
  }

  /** scratch of the deferred slow paths of fillNormals (grown on demand) */
  private pendingIndex = new Int32Array(0);
  private pendingU = new Float64Array(0);
  private pendingLayer = new Uint8Array(0);

  private reservePending(n: number): void {
    if (this.pendingIndex.length >= n) return;
    this.pendingIndex = new Int32Array(n);
    this.pendingU = new Float64Array(n);
    this.pendingLayer = new Uint8Array(n);
  }

  /**
   * Fill `out` with standard normals, in two passes. The fast pass takes the entries in pairs,
   * each pair's first ziggurat attempts from three outputs (a 7-bit layer and a 41-bit uniform on
   * [−1, 1) each; an odd last entry is normal()), with the generator's state in locals. An entry
   * whose attempt falls outside its layer's core is finished afterwards, in index order, by
   * normal()'s slow path on the outputs that follow. Each entry is a complete ziggurat draw on
   * its own bits, so the entries are i.i.d. N(0, 1) (up to the 2⁻⁴⁰ grid of the attempt). The
   * fast pass is fillNormalPairs (xoshiro.generated.ts).
   */
  fillNormals(out: Float64Array): void {
    this.reservePending(out.length);
    const pairs = out.length & ~1;
    const np = fillNormalPairs(this.s, out, pairs, this.pendingIndex, this.pendingU, this.pendingLayer);
    if (pairs < out.length) out[pairs] = this.normal(); // an odd length: the last one as normal()
    if (np > 0) this.finishNormals(out, np);
  }

  /** fillNormals' second pass over its `np` pending entries. */
  private finishNormals(out: Float64Array, np: number): void {
    const pk = this.pendingIndex;
    const pu = this.pendingU;
    const pl = this.pendingLayer;
    for (let q = 0; q < np; q++) out[pk[q]!] = this.normalSlow(ZIG, pu[q]!, pl[q]!);
  }

  /** Gamma(zig.shape) by the ziggurat `zig`: a first attempt from two outputs, then gammaZigguratSlow. */
  gammaByZiggurat(zig: GammaZiggurat): number {
    const a = this.next32();
    const b = this.next32();
    return this.gammaZigguratSlow(zig, (a * 2097152 + (b >>> 11)) / 9007199254740992, b & (zig.lo.length - 1));
  }

  /**
   * A normal from the ziggurat z conditioned on the first attempt missing its layer's core: the
   * layer i with probability ∝ 1 − ratio[i] (z.missLayer), |u| uniform on [ratio[i], 1) with a
   * random sign, then the ziggurat's completion. A variate that is u·X[i] when a first attempt
   * (u, i) hits the core and an independent normalMiss(z) when it misses has the law of the
   * ziggurat, N(0, 1): this lets the chain's loop take its misses from a reserve.
   */
  normalMiss(z: NormalZiggurat = CHAIN_NORMAL_ZIGGURAT): number {
    const i = z.missLayer.pick(this.uniform());
    const t = 2 * this.uniform() - 1;
    const r = z.ratio[i]!;
    const u = r + Math.abs(t) * (1 - r);
    return this.normalSlow(z, t < 0 ? -u : u, i);
  }

  /**
   * out[from..to) = normalMiss() each (the chain's 2048-layer ziggurat): the generated loop
   * (xoshiro.generated.ts), which writes normalMiss and the first round of normalSlow out with the
   * state in locals and hands the rest (a tail, a second miss) to normalSlow.
   */
  fillNormalMisses(out: Float64Array, from: number, to: number): void {
    fillNormalMissesLoop(this.s, CHAIN_NORMAL_ZIGGURAT, out, from, to, this.chainNormalRest);
  }

  /** normalSlow on the chain's ziggurat, for fillNormalMisses' loop (one closure per generator). */
  private readonly chainNormalRest = (u: number, i: number): number => this.normalSlow(CHAIN_NORMAL_ZIGGURAT, u, i);

  /**
   * χ²_k = 2·Gamma(zig.shape) from its ziggurat conditioned on the first attempt missing its
   * region's core: the region and side (left or right wedge, or tail) with probability ∝ the
   * share of the region's interval outside its core (zig.missSide), U uniform on that part, then
   * gammaZigguratSlow (see normalMiss).
   */
  chiSquaredMiss(zig: GammaZiggurat): number {
    const j = zig.missSide.pick(this.uniform());
    const i = j >> 1;
    const w = zig.width[i]!;
    const share = (j & 1) === 0 ? (zig.innerLo[i]! - zig.lo[i]!) / w : (zig.lo[i]! + w - zig.innerHi[i]!) / w;
    const v = this.uniform() * share;
    return 2 * this.gammaZigguratSlow(zig, (j & 1) === 0 ? v : 1 - share + v, i);
  }

  /**
   * out[from..to) = chiSquaredMiss(zig) each: the generated loop (xoshiro.generated.ts), which
   * writes chiSquaredMiss and the first round of gammaZigguratSlow out with the state in locals and
   * hands the rest (a tail, a second miss) to gammaZigguratSlow.
   */
  fillChiSquaredMisses(zig: GammaZiggurat, out: Float64Array, from: number, to: number): void {
    fillChiSquaredMissesLoop(this.s, zig, out, from, to, this.chiSquaredRest);
  }

  /** 2·gammaZigguratSlow, for fillChiSquaredMisses' loop (one closure per generator). */
  private readonly chiSquaredRest = (zig: GammaZiggurat, u: number, i: number): number => 2 * this.gammaZigguratSlow(zig, u, i);

  /**
   * The Gamma ziggurat from an attempt (U, region i): the core accepts; region 0 outside its core
   * goes to the tails; a wedge accepts when a uniform height under its rectangle falls under h;
   * otherwise a fresh attempt (53-bit U).
   */
  private gammaZigguratSlow(zig: GammaZiggurat, u: number, i: number): number {
    const { lo, width, innerLo, innerHi, level, mode, sigma } = zig;
    for (;;) {
      const x = lo[i]! + u * width[i]!;
      if (x > innerLo[i]! && x < innerHi[i]!) return mode + sigma * x;
      if (i === 0) return x <= innerLo[0]! ? this.gammaTail(zig, zig.tailLeft) : this.gammaTail(zig, zig.tailRight);
      // a wedge: a uniform height y in [f_i, f_{i+1}] against h(x), squeezed first (see GammaZiggurat)
      const top = level[i + 1]!;
      const y = level[i]! + this.uniform() * (top - level[i]!);
      const left = x <= innerLo[i]!;
      const delta = left ? innerLo[i]! - x : x - innerHi[i]!;
      if (y < top - (left ? zig.chordLeft[i]! : zig.chordRight[i]!) * delta) return mode + sigma * x;
      const k = (left ? zig.tangentLeft[i]! : zig.tangentRight[i]!) * delta;
      if (y < top * (1 - k + 0.5 * k * k) && y < Math.exp(-mode * logRatioDefect(x / sigma))) return mode + sigma * x;
      const a = this.next32();
      const b = this.next32();
      u = (a * 2097152 + (b >>> 11)) / 9007199254740992;
      i = b & (zig.lo.length - 1); // the region count is a power of 2
    }
  }

  /**
   * Gamma(shape) conditioned beyond the edge e = G_L (below it) or G_R (above it), exactly. With
   * b = shape − 1, log f(G) = b·log G − G is concave, so it lies under its tangent at e, slope
   * λ = b/e − 1: propose G = e − E/λ (E ~ Exp(1); a proposal ≤ 0 is rejected) and accept with
   * probability f(G)/(f(e)·e^{λ(G−e)}) = exp(−b·φ((G − e)/e)), i.e. when E' ≥ b·φ((G − e)/e).
   */
  private gammaTail(zig: GammaZiggurat, edge: number): number {
    const b = zig.mode;
    const slope = b / edge - 1;
    for (;;) {
      const g = edge + Math.log(1 - this.uniform()) / slope;
      if (!(g > 0)) continue;
      if (-Math.log(1 - this.uniform()) >= b * logRatioDefect((g - edge) / edge)) return g;
    }
  }

  /**
   * The ziggurat z after a first attempt (u, layer i) missed the layer's core: the tail beyond R
   * (layer 0), or the wedge test with a uniform height, squeezed first (z.chord), else a fresh
   * attempt (53-bit u).
   */
  private normalSlow(z: NormalZiggurat, u: number, i: number): number {
    const xs = z.x;
    const mask = z.layers - 1;
    for (;;) {
      if (i === 0) return this.normalTail(z.r, u < 0);
      const x = u * xs[i]!;
      const top = z.f[i + 1]!;
      const y = top - this.uniform() * (top - z.f[i]!);
      const delta = Math.abs(x) - xs[i + 1]!;
      if (y < top - z.chord[i]! * delta) return x;
      const k = xs[i + 1]! * delta;
      if (y < top * (1 - k + 0.5 * k * k) && y < Math.exp(-0.5 * x * x)) return x;
      const a = this.next32();
      const b = this.next32();
      u = (a * 2097152 + (b >>> 11)) / 4503599627370496 - 1;
      i = b & mask;
      if (Math.abs(u) < z.ratio[i]!) return u * xs[i]!;
    }
  }

  /** Marsaglia's tail beyond r: x = −log(U₁)/r, accept when −2 log U₂ ≥ x². */
  private normalTail(r: number, negative: boolean): number {
    for (;;) {
      const x = Math.log(1 - this.uniform()) / r;
      const y = Math.log(1 - this.uniform());
      if (-2 * y >= x * x) return negative ? x - r : r - x;
    }
  }

  /** Gamma(shape, 1); Marsaglia–Tsang: d = α − 1/3, c = 1/√(9d), v = (1 + cX)³, accept d·v (mtAccepts). */
  gamma(shape: number): number {
    if (!(shape > 0) || !Number.isFinite(shape)) throw new RangeError(`Rng.gamma: shape must be positive and finite, got ${shape}`);
    if (shape < 1) return this.gamma(shape + 1) * (1 - this.uniform()) ** (1 / shape);
    if (shape !== this.gammaShape) {
      this.gammaShape = shape;
      this.gammaD = shape - 1 / 3;
      this.gammaC = 1 / Math.sqrt(9 * this.gammaD);
    }
    const d = this.gammaD;
    const c = this.gammaC;
    for (;;) {
      const x = this.normal();
      const w = 1 + c * x;
      if (w <= 0) continue;
      if (mtAccepts(this.uniform(), x, d, c)) return d * (w * w * w);
    }
  }

  /**
   * Chi-squared with k ≥ 0 degrees of freedom (k need not be an integer; χ²₀ = 0): 2·Gamma(k/2).
   * The default engine (the width-1 reduced chain) does not call it for its per-step
   * R ~ χ²_{d−2} when d ≥ 5: that R is drawn inline, by a first attempt of a ziggurat of
   * Gamma((d−2)/2), in src/sgd/chainLoops.generated.ts (stepOneChain, stepTwoChains, drawSample:
   * the lines marked `// R ~ χ²_{d−2}`), written by chiSquaredAttempt and chiSquaredPick in
   * src/sgd/generate/chainLoops.gen.ts, a miss taking a value of chiSquaredMiss from a reserve.
   * This one draws the chain's start (χ²_{d−1}), R for d ≤ 4, and the Gram chain's ρ².
   */
  chiSquared(k: number): number {
    if (k === 0) return 0;
    if (k === 1) {
      const x = this.normal();
      return x * x;
    }
    if (k === 2) return -2 * Math.log(1 - this.uniform());
    if (!(k > 0) || !Number.isFinite(k)) throw new RangeError(`Rng.chiSquared: k must be ≥ 0 and finite, got ${k}`);
    return 2 * this.gamma(k / 2);
  }
}
