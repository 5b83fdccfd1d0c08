/**
 * Ziggurat tables for Gamma(a, 1), a > 1, the law of χ²_k/2 with a = k/2 (the reduced chain
 * draws a χ²_{d−2} every step, so its sampler is built once per d and cached).
 *
 * Coordinates: b = a − 1 (the mode), σ = √b (the curvature there), s = (G − b)/σ ∈ (−σ, ∞).
 * G's density is ∝ h(s) = exp(−g(s)), g(s) = b·φ(s/σ), φ(t) = t − log(1 + t) ≥ 0, so h(0) = 1,
 * h rises on (−σ, 0] and falls on [0, ∞), and G is log-concave (b > 0).
 *
 * The ziggurat of Marsaglia & Tsang (2000), made two-sided for this asymmetric density: levels
 * 0 < f₁ < … < f_{n−1} < f_n = 1 with h(L_i) = h(R_i) = f_i, L_i < 0 < R_i, and n regions of
 * equal area V:
 * - region i ≥ 1: the rectangle [L_i, R_i] × [f_i, f_{i+1}] (L_n = R_n = 0); its part over
 *   [L_{i+1}, R_{i+1}] lies under h, the rest is the two wedges;
 * - region 0: the rectangle [L₁, R₁] × [0, f₁] and the two tails under h, drawn as a uniform x on
 *   [L₁ − T_L/f₁, R₁ + T_R/f₁] (T_L, T_R the tails' areas): x beyond L₁ or R₁ sends the draw to
 *   an exact sampler of that tail (gammaTail in rng.ts).
 * V and f₁ solve f_n = 1 for the recurrence f_{i+1} = f_i + V/(R_i − L_i), by bisection on
 * −log f₁; T_L, T_R by adaptive Gauss–Kronrod. The tables are exact up to rounding, so the law is
 * Gamma(a) up to errors of order 10⁻¹⁵, as with the normal ziggurat's tables.
 */
import { integrateVector } from '../quadrature/gaussKronrod.js';
import { AliasTable } from './alias.js';

/**
 * Regions: the index takes 11 bits of an output. A first attempt then misses its region's core in
 * 0.23 % of draws (0.8 % at 512 regions). Each miss is completed from a reserve refilled outside
 * the step loop, 48–61 ns a value; at 512 regions the refills took 5 % of a CPU profile's samples
 * against the SIMD step's 49 % (eight batch-reuse seeds, d = 1024).
 */
export const GAMMA_ZIG_LAYERS = 2048;

export interface GammaZiggurat {
  readonly shape: number;
  /** b = shape − 1 (the mode) and σ = √b: G = b + σ·s */
  readonly mode: number;
  readonly sigma: number;
  /** region i draws s = lo[i] + U·width[i], U uniform on [0, 1) */
  readonly lo: Float64Array;
  readonly width: Float64Array;
  /** s ∈ (innerLo[i], innerHi[i]) = (L_{i+1}, R_{i+1}) is accepted at once (empty for the top region) */
  readonly innerLo: Float64Array;
  readonly innerHi: Float64Array;
  /** levels f_0 = 0, f_1, …, f_n = 1 */
  readonly level: Float64Array;
  /**
   * Squeezes of the wedges of region i ≥ 1, at a distance δ beyond the inner edge e (L_{i+1} or
   * R_{i+1}) on the left or right: f_{i+1} − A·δ ≤ h ≤ f_{i+1}·(1 − κδ + (κδ)²/2). Lower: log h
   * is concave, so above its chord from e to the outer edge o, h ≥ f_{i+1}·e^{−Δ·δ/|o−e|} with
   * Δ = log(f_{i+1}/f_i), and e^{−x} ≥ 1 − x: A = f_{i+1}Δ/|o − e|. Upper: below its tangent at
   * e, h ≤ f_{i+1}·e^{−κδ} with κ = |g'(e)|, and e^{−x} ≤ 1 − x + x²/2 (x ≥ 0).
   */
  readonly chordLeft: Float64Array;
  readonly chordRight: Float64Array;
  readonly tangentLeft: Float64Array;
  readonly tangentRight: Float64Array;
  /**
   * Where a first attempt that missed its core falls (Rng.chiSquaredMiss): j = 2i + side (0 left,
   * 1 right) with weight the share of region i's interval [lo, lo + width] outside its core on
   * that side (region 0's sides are its tails).
   */
  readonly missSide: AliasTable;
  /** the tails' thresholds in G: G_L = b + σL₁ (left tail G < G_L) and G_R = b + σR₁ */
  readonly tailLeft: number;
  readonly tailRight: number;
}

/**
 * φ(t) = t − log(1 + t) for t > −1, to full relative precision: for |t| ≤ 1/4 by
 * φ(t) = t²/(2 + t) − 2Σ_{j≥1} r^{2j+1}/(2j+1), r = t/(2 + t) (from log(1 + t) = 2·atanh r),
 * whose terms fall by r² ≤ 1/49; else directly.
 */
export function logRatioDefect(t: number): number {
  if (Math.abs(t) > 0.25) return t - Math.log1p(t);
  const r = t / (2 + t);
  const r2 = r * r;
  // Σ_{j=1}^{10} r^{2j}/(2j+1) by Horner
  const sum =
    r2 * (1 / 3 + r2 * (1 / 5 + r2 * (1 / 7 + r2 * (1 / 9 + r2 * (1 / 11 + r2 * (1 / 13 + r2 * (1 / 15 + r2 * (1 / 17 + r2 * (1 / 19 + r2 / 21)))))))));
  return (t * t) / (2 + t) - 2 * r * sum;
}

/** The t > 0 (side +1) or t ∈ (−1, 0) (side −1) with φ(t) = c, c > 0, by Newton's method. */
function levelPoint(c: number, side: 1 | -1): number {
  // φ is convex with φ(0) = 0; for t ≥ 0, φ(t) ≤ t²/2, and for t ≤ 0, φ(t) ≥ t²/2. Start where
  // Newton's iterates then move monotonically to the root: from t₀ = √(2c) on the right they
  // overshoot once and come back; on the left from a point with φ(t₀) ≥ c.
  let t: number;
  if (side > 0) t = Math.sqrt(2 * c);
  else {
    t = -Math.sqrt(2 * c);
    if (!(t > -1) || logRatioDefect(t) < c) t = -1 + Math.exp(-c - 2); // φ(t) ≥ c + 1 there
  }
  let last = Infinity;
  for (let it = 0; it < 100; it++) {
    const step = ((logRatioDefect(t) - c) * (1 + t)) / t; // φ'(t) = t/(1 + t)
    let next = t - step;
    if (side < 0 && !(next > -1)) next = (t - 1) / 2; // stay in (−1, 0)
    const moved = Math.abs(next - t);
    // quadratic convergence: stop once a step no longer shrinks (rounding level) or is below it
    if (moved <= 1e-17 * Math.abs(t) || (moved >= last && moved <= 1e-12 * Math.abs(t))) return next;
    last = moved;
    t = next;
  }
  return t;
}

interface Layers {
  /** f_1..f_{n−1}, L_1..L_{n−1}, R_1..R_{n−1} (index i at i) */
  level: Float64Array;
  left: Float64Array;
  right: Float64Array;
  area: number;
  tailAreaLeft: number;
  tailAreaRight: number;
  /** f_n − 1 from the recurrence (> 0 also when it passed 1 before layer n − 1) */
  residual: number;
}

/** ∫ h over (−σ, L) (side −1) or (R, ∞) (side +1), h = exp(−b·φ(s/σ)). */
function tailArea(b: number, sigma: number, edge: number): number {
  const h = (s: number) => Math.exp(-b * logRatioDefect(s / sigma));
  // g = b·φ(s/σ) is convex: beyond `edge`, g ≥ g(edge) + g'(edge)(s − edge), so 800/|g'(edge)| past
  // it h has fallen by e⁻⁸⁰⁰ (g'(s) = s/(1 + s/σ))
  const slope = Math.abs(edge / (1 + edge / sigma));
  const far = edge + (edge > 0 ? 1 : -1) * (800 / slope);
  const lo = edge > 0 ? edge : Math.max(-sigma, far);
  const hi = edge > 0 ? far : edge;
  const g = (s: number, out: Float64Array) => (out[0] = h(s));
  // a rough value first, then to 10⁻¹² of it (the rule's round-off allowance is near 10⁻¹⁴)
  const rough = integrateVector(g, 1, lo, hi, { absTol: 1e-6 * (hi - lo) * Math.max(h(lo), h(hi)) }).value[0]!;
  return integrateVector(g, 1, lo, hi, { absTol: 1e-12 * rough }).value[0]!;
}

function layers(b: number, sigma: number, logBase: number, n: number): Layers {
  const level = new Float64Array(n);
  const left = new Float64Array(n);
  const right = new Float64Array(n);
  const point = (logLevel: number, side: 1 | -1) => sigma * levelPoint(logLevel / b, side);
  level[1] = Math.exp(-logBase);
  left[1] = point(logBase, -1);
  right[1] = point(logBase, 1);
  const tailAreaLeft = tailArea(b, sigma, left[1]!);
  const tailAreaRight = tailArea(b, sigma, right[1]!);
  const area = (right[1]! - left[1]!) * level[1]! + tailAreaLeft + tailAreaRight;
  let residual = 0;
  for (let i = 1; i < n - 1; i++) {
    const f = level[i]! + area / (right[i]! - left[i]!);
    if (!(f < 1)) {
      residual = n - i; // the layers reach the mode too early: the area is too large
      break;
    }
    level[i + 1] = f;
    left[i + 1] = point(-Math.log(f), -1);
    right[i + 1] = point(-Math.log(f), 1);
  }
  if (residual === 0) residual = level[n - 1]! + area / (right[n - 1]! - left[n - 1]!) - 1;
  return { level, left, right, area, tailAreaLeft, tailAreaRight, residual };
}

/** The ziggurat of Gamma(shape), shape > 1 (see the module comment). */
export function buildGammaZiggurat(shape: number, n = GAMMA_ZIG_LAYERS): GammaZiggurat {
  if (!(shape > 1) || !Number.isFinite(shape)) throw new RangeError(`buildGammaZiggurat: shape must be > 1, got ${shape}`);
  if (!(n >= 4 && (n & (n - 1)) === 0))
    throw new RangeError(`buildGammaZiggurat: the region count must be a power of 2 (its index is drawn as bits), got ${n}`);
  const b = shape - 1;
  const sigma = Math.sqrt(b);
  // The residual falls as the base level ℓ = −log f₁ grows (a lower base, thinner tails, a
  // smaller V). Bisection while the residual is not yet smooth in ℓ (the layers overshoot the
  // mode), then the secant method on the bracket (Illinois variant), to |residual| ≤ 10⁻¹⁵.
  let lo = 0.5;
  let hi = 60;
  let rLo = layers(b, sigma, lo, n).residual;
  let rHi = layers(b, sigma, hi, n).residual;
  let side = 0;
  for (let it = 0; it < 200 && hi - lo > 1e-15 * hi; it++) {
    const smooth = rLo < 1 && rHi > -1;
    const mid = smooth ? (lo * rHi - hi * rLo) / (rHi - rLo) : (lo + hi) / 2;
    const r = layers(b, sigma, mid, n).residual;
    if (Math.abs(r) <= 1e-15) {
      lo = hi = mid;
      break;
    }
    if (r > 0) {
      lo = mid;
      rLo = r;
      if (side === 1) rHi /= 2;
      side = 1;
    } else {
      hi = mid;
      rHi = r;
      if (side === -1) rLo /= 2;
      side = -1;
    }
  }
  const L = layers(b, sigma, hi, n);
  const lev = new Float64Array(n + 1);
  const lowEdge = new Float64Array(n);
  const width = new Float64Array(n);
  const innerLo = new Float64Array(n);
  const innerHi = new Float64Array(n);
  for (let i = 1; i < n; i++) lev[i] = L.level[i]!;
  lev[n] = 1;
  lowEdge[0] = L.left[1]! - L.tailAreaLeft / L.level[1]!;
  width[0] = L.right[1]! + L.tailAreaRight / L.level[1]! - lowEdge[0]!;
  for (let i = 1; i < n; i++) {
    lowEdge[i] = L.left[i]!;
    width[i] = L.right[i]! - L.left[i]!;
  }
  for (let i = 0; i < n - 1; i++) {
    innerLo[i] = L.left[i + 1]!;
    innerHi[i] = L.right[i + 1]!;
  }
  const chordLeft = new Float64Array(n);
  const chordRight = new Float64Array(n);
  const tangentLeft = new Float64Array(n);
  const tangentRight = new Float64Array(n);
  const slope = (s: number) => Math.abs(s / (1 + s / sigma)); // |g'(s)|
  for (let i = 1; i < n; i++) {
    const top = lev[i + 1]!;
    const drop = top * Math.log(top / lev[i]!);
    chordLeft[i] = drop / (innerLo[i]! - lowEdge[i]!);
    chordRight[i] = drop / (lowEdge[i]! + width[i]! - innerHi[i]!);
    tangentLeft[i] = slope(innerLo[i]!);
    tangentRight[i] = slope(innerHi[i]!);
  }
  const missShares = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    missShares[2 * i] = (innerLo[i]! - lowEdge[i]!) / width[i]!;
    missShares[2 * i + 1] = (lowEdge[i]! + width[i]! - innerHi[i]!) / width[i]!;
  }
  return {
    shape,
    mode: b,
    sigma,
    lo: lowEdge,
    width,
    innerLo,
    innerHi,
    level: lev,
    chordLeft,
    chordRight,
    tangentLeft,
    tangentRight,
    missSide: new AliasTable(missShares),
    tailLeft: b + sigma * L.left[1]!,
    tailRight: b + sigma * L.right[1]!,
  };
}

const cache = new Map<number, GammaZiggurat>();

/** buildGammaZiggurat(shape), kept for the process (a sweep uses a few d, hence a few shapes). */
export function gammaZiggurat(shape: number): GammaZiggurat {
  let z = cache.get(shape);
  if (z === undefined) {
    if (cache.size >= 64) cache.clear();
    z = buildGammaZiggurat(shape);
    cache.set(shape, z);
  }
  return z;
}
