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
 * Variates (all exact in law up to the 53-bit resolution of the uniforms):
 * - uniform(): (⌊a/2⁵⌋·2²⁶ + ⌊b/2⁶⌋)/2⁵³ ∈ [0, 1) from two outputs a, b;
 * - normal(): the ziggurat of Marsaglia & Tsang (2000) with Doornik's (2005) correction (128
 *   layers, R = 3.442619855899, V = 9.91256303526217e-3; the layer index and the uniform use
 *   disjoint bits; Marsaglia's exact tail algorithm beyond R);
 * - chiSquared(k) = 2·Gamma(k/2, 1), Gamma by Marsaglia & Tsang (2000) for shape ≥ 1, and
 *   Gamma(α) = Gamma(α + 1)·U^{1/α} for α < 1 (χ²₁ = N², χ²₂ = −2 log U, χ²₀ = 0).
 * fillNormals and fillChiSquared give the same numbers as repeated normal() / chiSquared(k),
 * with the generator inlined (state in locals) for the hot loops.
 * Not cryptographic.
 */

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

// Ziggurat tables (Doornik 2005, ZIGNOR): X[0] = V/f(R), X[1] = R, f(X[i+1]) = V/X[i] + f(X[i]),
// X[128] = 0, with f(x) = exp(−x²/2); RATIO[i] = X[i+1]/X[i].
const ZIG_C = 128;
const ZIG_R = 3.442619855899;
const ZIG_V = 9.91256303526217e-3;
const ZIG_X = new Float64Array(ZIG_C + 1);
const ZIG_RATIO = new Float64Array(ZIG_C);
{
  let f = Math.exp(-0.5 * ZIG_R * ZIG_R);
  ZIG_X[0] = ZIG_V / f;
  ZIG_X[1] = ZIG_R;
  ZIG_X[ZIG_C] = 0;
  for (let i = 2; i < ZIG_C; i++) {
    const xi = Math.sqrt(-2 * Math.log(ZIG_V / ZIG_X[i - 1]! + f));
    ZIG_X[i] = xi;
    f = Math.exp(-0.5 * xi * xi);
  }
  for (let i = 0; i < ZIG_C; i++) ZIG_RATIO[i] = ZIG_X[i + 1]! / ZIG_X[i]!;
}

export class Rng {
  /** xoshiro128** state s0..s3 (an Int32Array keeps the words unboxed in V8) */
  private readonly s = new Int32Array(4);
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

  /** Next 32-bit output of xoshiro128**, as an unsigned integer. */
  next32(): number {
    const st = this.s;
    const s0 = st[0]!;
    const s1 = st[1]!;
    const p = Math.imul(s1, 5);
    const result = Math.imul((p << 7) | (p >>> 25), 9) >>> 0;
    const s2 = st[2]! ^ s0;
    const s3 = st[3]! ^ s1;
    st[1] = s1 ^ s2;
    st[0] = s0 ^ s3;
    st[2] = s2 ^ (s1 << 9);
    st[3] = (s3 << 11) | (s3 >>> 21);
    return result;
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
    return this.normalSlow(u, i);
  }

  /**
   * Fill `out` with standard normals: the same numbers, in the same order, as out.length calls
   * of normal(), with the generator's state kept in locals on the fast path.
   */
  fillNormals(out: Float64Array): void {
    const st = this.s;
    let s0 = st[0]!;
    let s1 = st[1]!;
    let s2 = st[2]!;
    let s3 = st[3]!;
    for (let k = 0; k < out.length; k++) {
      let p = Math.imul(s1, 5);
      const a = Math.imul((p << 7) | (p >>> 25), 9) >>> 0;
      let t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      p = Math.imul(s1, 5);
      const b = Math.imul((p << 7) | (p >>> 25), 9) >>> 0;
      t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      const u = (a * 2097152 + (b >>> 11)) * 2.220446049250313e-16 - 1; // ·2⁻⁵², exact
      const i = b & 0x7f;
      out[k] = u * ZIG_X[i]!;
      if (Math.abs(u) >= ZIG_RATIO[i]!) {
        st[0] = s0;
        st[1] = s1;
        st[2] = s2;
        st[3] = s3;
        out[k] = this.normalSlow(u, i);
        s0 = st[0]!;
        s1 = st[1]!;
        s2 = st[2]!;
        s3 = st[3]!;
      }
    }
    st[0] = s0;
    st[1] = s1;
    st[2] = s2;
    st[3] = s3;
  }

  /**
   * Fill `out` with χ²_k variates: the same numbers, in the same order, as out.length calls of
   * chiSquared(k). For k ≥ 3 (Gamma shape ≥ 1.5, no boosting) Marsaglia–Tsang runs inline with
   * its normal (ziggurat fast path) and uniform drawn from the generator state kept in locals.
   */
  fillChiSquared(out: Float64Array, k: number): void {
    if (!(k >= 3) || !Number.isFinite(k)) {
      for (let j = 0; j < out.length; j++) out[j] = this.chiSquared(k);
      return;
    }
    const shape = k / 2;
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    const st = this.s;
    let s0 = st[0]!;
    let s1 = st[1]!;
    let s2 = st[2]!;
    let s3 = st[3]!;
    for (let j = 0; j < out.length; j++) {
      for (;;) {
        // normal(): two outputs a, b
        let p = Math.imul(s1, 5);
        let a = Math.imul((p << 7) | (p >>> 25), 9) >>> 0;
        let t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = (s3 << 11) | (s3 >>> 21);
        p = Math.imul(s1, 5);
        let b = Math.imul((p << 7) | (p >>> 25), 9) >>> 0;
        t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = (s3 << 11) | (s3 >>> 21);
        const un = (a * 2097152 + (b >>> 11)) * 2.220446049250313e-16 - 1;
        const i = b & 0x7f;
        let x: number;
        if (Math.abs(un) < ZIG_RATIO[i]!) x = un * ZIG_X[i]!;
        else {
          st[0] = s0;
          st[1] = s1;
          st[2] = s2;
          st[3] = s3;
          x = this.normalSlow(un, i);
          s0 = st[0]!;
          s1 = st[1]!;
          s2 = st[2]!;
          s3 = st[3]!;
        }
        let v = 1 + c * x;
        if (v <= 0) continue;
        v = v * v * v;
        // uniform(): two outputs a, b
        p = Math.imul(s1, 5);
        a = Math.imul((p << 7) | (p >>> 25), 9) >>> 0;
        t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = (s3 << 11) | (s3 >>> 21);
        p = Math.imul(s1, 5);
        b = Math.imul((p << 7) | (p >>> 25), 9) >>> 0;
        t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = (s3 << 11) | (s3 >>> 21);
        const u = ((a >>> 5) * 67108864 + (b >>> 6)) * 1.1102230246251565e-16; // ·2⁻⁵³, exact
        const x2 = x * x;
        if (u < 1 - 0.0331 * x2 * x2 || Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) {
          out[j] = 2 * (d * v);
          break;
        }
      }
    }
    st[0] = s0;
    st[1] = s1;
    st[2] = s2;
    st[3] = s3;
  }

  /** The ziggurat after a first draw (u, layer i) missed the layer's core: base strip/tail, wedge, retry. */
  private normalSlow(u: number, i: number): number {
    for (;;) {
      if (i === 0) return this.normalTail(u < 0);
      const xi = ZIG_X[i]!;
      const xj = ZIG_X[i + 1]!;
      const x = u * xi;
      const f0 = Math.exp(-0.5 * (xi * xi - x * x));
      const f1 = Math.exp(-0.5 * (xj * xj - x * x));
      if (f1 + this.uniform() * (f0 - f1) < 1) return x;
      const a = this.next32();
      const b = this.next32();
      u = (a * 2097152 + (b >>> 11)) / 4503599627370496 - 1;
      i = b & 0x7f;
      if (Math.abs(u) < ZIG_RATIO[i]!) return u * ZIG_X[i]!;
    }
  }

  /** Marsaglia's tail beyond R: x = −log(U₁)/R, accept when −2 log U₂ ≥ x². */
  private normalTail(negative: boolean): number {
    for (;;) {
      const x = Math.log(1 - this.uniform()) / ZIG_R;
      const y = Math.log(1 - this.uniform());
      if (-2 * y >= x * x) return negative ? x - ZIG_R : ZIG_R - x;
    }
  }

  /** Gamma(shape, 1); Marsaglia–Tsang: d = α − 1/3, c = 1/√(9d), v = (1 + cX)³, accept d·v. */
  gamma(shape: number): number {
    if (!(shape > 0) || !Number.isFinite(shape)) throw new RangeError(`Rng.gamma: shape must be positive and finite, got ${shape}`);
    if (shape < 1) return this.gamma(shape + 1) * Math.pow(1 - this.uniform(), 1 / shape);
    if (shape !== this.gammaShape) {
      this.gammaShape = shape;
      this.gammaD = shape - 1 / 3;
      this.gammaC = 1 / Math.sqrt(9 * this.gammaD);
    }
    const d = this.gammaD;
    const c = this.gammaC;
    for (;;) {
      const x = this.normal();
      let v = 1 + c * x;
      if (v <= 0) continue;
      v = v * v * v;
      const u = this.uniform();
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2) return d * v;
      if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  /** Chi-squared with k ≥ 0 degrees of freedom (k need not be an integer; χ²₀ = 0). */
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
