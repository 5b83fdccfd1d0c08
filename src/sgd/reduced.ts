/**
 * The exact reduced chain (THEORY §5): the law of the overlaps of spherical SGD without
 * d-dimensional vectors, at a cost per step independent of d.
 *
 * Width 1. With m = ⟨w, θ*⟩, draw z, ξ ~ N(0,1) and R ~ χ²_{d−2} (and ε ~ N(0,1) if Δ > 0),
 * in blocks of steps (runReducedSingle gives the order); then ⟨θ*, x⟩ = u = m·z + √(1−m²)·ξ, ‖x‖² − z² = ξ² + R, y = σ*(u) + √Δ·ε, and each
 * projected step with coefficient c = rate·ψ gives m' = ((1 − c·z)·m + c·u)/√(1 + c²(‖x‖² − z²))
 * (sphereStep.ts; batch reuse takes two such steps, the second at z' = (z(1−cz) + c‖x‖²)/n).
 * The start is m₀ = g/√(g² + χ²_{d−1}), g ~ N(0,1): the first coordinate of a uniform point of
 * S^{d−1}, made non-negative with init 'positive'.
 *
 * Width N > 1. N independent neurons, each with its own oracle ψ(y, z_j) and the same samples
 * and labels; the state is the triangular factor of the Gram matrix of (θ*, w_1..w_N) (gram.ts).
 * Per step: ζ ~ N(0, I_{N+1}) (ζ_0 = u), ρ² ~ χ²_{d−N−1}, then ε; O(N²) work.
 */
import { GramState } from './gram.js';
import type { Rng } from './rng.js';
import type { SampleRule } from './rule.js';
import { stepOnSample, type PlaneState } from './sphereStep.js';
import type { EngineInput } from './engineInput.js';
import { HitTracker } from './tracker.js';
import type { RunResult } from './types.js';

/** m₀ = g/√(g² + χ²_{d−1}), the first coordinate of a uniform point of S^{d−1}; |m₀| if positive. */
export function sphereStartOverlap(d: number, rng: Rng, positive: boolean): number {
  const g = rng.normal();
  const m = g / Math.sqrt(g * g + rng.chiSquared(d - 1));
  return positive ? Math.abs(m) : m;
}

/** One sample for the width-1 chain: z = ⟨w, x⟩, ξ (the θ*-direction orthogonal to w), R = ‖rest‖². */
export interface ReducedSample {
  z: number;
  xi: number;
  r: number;
}

/**
 * m after one sample of the width-1 chain, for a given label y: u = m·z + √(1−m²)·ξ, p = ξ² + R,
 * then the rule's projected steps. NaN if a step overflows.
 */
export function reducedStep(m: number, x: ReducedSample, y: number, rule: SampleRule): number {
  const s: PlaneState = { m, z: x.z, p: x.xi * x.xi + x.r, a: 1, b: 0 };
  return stepOnSample(s, reducedProjection(m, x), y, rule) ? s.m : NaN;
}

/** θ*'s projection u = m·z + √(1−m²)·ξ of the width-1 sample. */
export function reducedProjection(m: number, x: ReducedSample): number {
  return m * x.z + Math.sqrt(Math.max(0, 1 - m * m)) * x.xi;
}

/** Block sizes of the width-1 chain's draws: 64, 128, …, doubling up to BLOCK_MAX steps. */
const BLOCK_MIN = 64;
const BLOCK_MAX = 1024;
/** Below this e = c²p the step's (1 + e)^{−1/2} is a Taylor polynomial (runReducedSingle). */
const SERIES_LIMIT = 0.0009765625; // 2⁻¹⁰

/**
 * Width 1: the scalar chain of m. The random numbers are drawn in blocks of B steps (B = 64, 128,
 * …, 1024, then 1024 on): 2B normals (z_t, ξ_t interleaved), then B χ²_{d−2} (Rng.fillChiSquared),
 * then B normals ε_t if Δ > 0. The block sizes do not depend on maxSteps, so a trajectory is
 * a function of the seed and the chain's parameters alone (a longer maxSteps only extends it).
 * The oracle and the target are still called once per step, in step order.
 */
export function runReducedSingle(o: EngineInput, rng: Rng): RunResult {
  const tr = new HitTracker(o.seed, o.threshold);
  let m = sphereStartOverlap(o.d, rng, o.init === 'positive');
  if (tr.observe(0, m, Math.abs(m))) return tr.result();
  if (m > 1) m = 1; // |m₀| ≤ 1 exactly; this only trims rounding
  else if (m < -1) m = -1;
  const rule = o.rules();
  const { target, d, maxSteps } = o;
  const thr = o.threshold;
  const sqrtNoise = Math.sqrt(o.noise);
  const noisy = sqrtNoise > 0;
  const zx = new Float64Array(2 * BLOCK_MAX);
  const rs = new Float64Array(BLOCK_MAX);
  const es = new Float64Array(noisy ? BLOCK_MAX : 0);
  const oneStep = rule.subSteps === 1;
  const s: PlaneState = { m, z: 0, p: 0, a: 1, b: 0 };
  let sm = Math.sqrt(1 - m * m); // √(1 − m²)
  let size = BLOCK_MIN;
  let t = 0; // steps done
  let last = 0; // the last step whose overlap was handed to the tracker
  run: while (t < maxSteps) {
    const zxB = size === BLOCK_MAX ? zx : zx.subarray(0, 2 * size);
    const rB = size === BLOCK_MAX ? rs : rs.subarray(0, size);
    rng.fillNormals(zxB);
    rng.fillChiSquared(rB, d - 2);
    if (noisy) rng.fillNormals(size === BLOCK_MAX ? es : es.subarray(0, size));
    const n = Math.min(size, maxSteps - t);
    if (oneStep) {
      for (let j = 0; j < n; j++) {
        const z = zx[2 * j]!;
        const xi = zx[2 * j + 1]!;
        const u = m * z + sm * xi;
        const y = noisy ? target(u) + sqrtNoise * es[j]! : target(u);
        // m' = ((1 − c·z)·m + c·u)/√(1 + e) with e = c²·p (sphereStep.ts, one sub-step); since
        // u − z·m = √(1 − m²)·ξ the numerator is m + c·√(1 − m²)·ξ. For 0 ≤ e < 2⁻¹⁰ the factor
        // (1 + e)^{−1/2} is its alternating Taylor polynomial to e⁵, whose error is below the next
        // term (231/1024)e⁶ < 2⁻⁶², i.e. below rounding: no square root or division on the m → m'
        // path; √(1 − m'²) = √(1 + e − num²)·(1 + e)^{−1/2}.
        const c = rule.coefficient(0, y, z);
        const e = c * c * (xi * xi + rs[j]!);
        let inv: number;
        if (e < SERIES_LIMIT) inv = 1 - e * (0.5 - e * (0.375 - e * (0.3125 - e * (0.2734375 - e * 0.24609375))));
        else if (e < Infinity) inv = 1 / Math.sqrt(1 + e);
        else {
          if (t + j > last) tr.observe(t + j, m, Math.abs(m)); // the last finite overlap
          tr.divergedAt(t + j + 1);
          break run;
        }
        const num = m + c * sm * xi;
        const w = 1 + e - num * num;
        sm = w > 0 ? Math.sqrt(w) * inv : 0;
        const mNew = num * inv;
        // |m'| ≤ 1 exactly; this only trims rounding (NaN passes)
        m = mNew > 1 ? 1 : mNew < -1 ? -1 : mNew;
        // the tracker only needs the steps with |m| ≥ τ (or NaN); the last step is handed over below
        if (!(Math.abs(m) < thr)) {
          last = t + j + 1;
          if (tr.observe(last, m, Math.abs(m))) break run;
        }
      }
    } else {
      for (let j = 0; j < n; j++) {
        const z = zx[2 * j]!;
        const xi = zx[2 * j + 1]!;
        const u = m * z + Math.sqrt(1 - m * m) * xi; // |m| ≤ 1, so 1 − m² ≥ 0
        const y = noisy ? target(u) + sqrtNoise * es[j]! : target(u);
        s.m = m;
        s.z = z;
        s.p = xi * xi + rs[j]!;
        if (!stepOnSample(s, u, y, rule)) {
          if (t + j > last) tr.observe(t + j, m, Math.abs(m)); // the last finite overlap
          tr.divergedAt(t + j + 1);
          break run;
        }
        const mNew = s.m;
        m = mNew > 1 ? 1 : mNew < -1 ? -1 : mNew;
        if (!(Math.abs(m) < thr)) {
          last = t + j + 1;
          if (tr.observe(last, m, Math.abs(m))) break run;
        }
      }
      sm = Math.sqrt(1 - m * m);
    }
    t += n;
    if (size < BLOCK_MAX) size *= 2;
  }
  if (tr.diverged === null && t > last) tr.observe(t, m, Math.abs(m));
  return tr.result();
}

/**
 * One sample (coordinates ζ, remainder ρ² = ‖x‖² − ‖ζ‖², label y) applied to every neuron of a
 * Gram-factor state: z_j = (Rᵀζ)_j, p_j = ‖x − z_j·w_j‖², the rule's sub-steps give
 * w_j ← A_j·w_j + B_j·x, then `GramState.update`. Returns false (state untouched) on overflow.
 */
export class GramStepper {
  private readonly tail: Float64Array;
  private readonly A: Float64Array;
  private readonly B: Float64Array;
  private readonly s: PlaneState = { m: 0, z: 0, p: 0, a: 1, b: 0 };

  constructor(readonly width: number) {
    this.tail = new Float64Array(width + 2);
    this.A = new Float64Array(width + 1);
    this.B = new Float64Array(width + 1);
  }

  /** `rules[j]` is neuron j's rule, j = 1..N (entry 0 unused). */
  step(g: GramState, zeta: Float64Array, rho2: number, y: number, rules: readonly SampleRule[]): boolean {
    const n = this.width + 1;
    const { tail, A, B, s } = this;
    // tail[j] = Σ_{j<i<n} ζ_i² + ρ²
    tail[n - 1] = rho2;
    for (let i = n - 2; i >= 0; i--) tail[i] = tail[i + 1]! + zeta[i + 1]! * zeta[i + 1]!;
    const u = zeta[0]!;
    for (let j = 1; j < n; j++) {
      const z = g.project(zeta, j);
      s.m = g.overlap(j);
      s.z = z;
      s.p = g.residual(zeta, j, z, tail[j]!);
      if (!stepOnSample(s, u, y, rules[j]!)) return false;
      A[j] = s.a;
      B[j] = s.b;
    }
    g.update(A, B, zeta, Math.sqrt(rho2));
    return true;
  }
}

/** Width N ≥ 1: the Gram-factor chain (gram.ts). */
export function runReducedGram(o: EngineInput, rng: Rng): RunResult {
  const N = o.width;
  const n = N + 1;
  const tr = new HitTracker(o.seed, o.threshold);
  const g = GramState.uniformStart(N, o.d, rng, o.init === 'positive');
  const extremes = (): [number, number] => {
    let max = -Infinity;
    let maxAbs = -Infinity;
    for (let j = 1; j <= N; j++) {
      const m = g.overlap(j);
      if (m > max || Number.isNaN(m)) max = m;
      if (Math.abs(m) > maxAbs || Number.isNaN(m)) maxAbs = Math.abs(m);
    }
    return [max, maxAbs];
  };
  if (tr.observe(0, ...extremes())) return tr.result();
  const rules = Array.from({ length: n }, () => o.rules());
  const stepper = new GramStepper(N);
  const { target, d } = o;
  const sqrtNoise = Math.sqrt(o.noise);
  const zeta = new Float64Array(n);
  for (let t = 1; t <= o.maxSteps; t++) {
    for (let i = 0; i < n; i++) zeta[i] = rng.normal();
    const rho2 = rng.chiSquared(d - n);
    const u = zeta[0]!;
    const y = sqrtNoise > 0 ? target(u) + sqrtNoise * rng.normal() : target(u);
    if (!stepper.step(g, zeta, rho2, y, rules)) {
      tr.divergedAt(t);
      break;
    }
    if (tr.observe(t, ...extremes())) break;
  }
  return tr.result();
}

/** The reduced engine: the scalar chain for width 1, the Gram-factor chain otherwise. */
export function runReduced(o: EngineInput, rng: Rng): RunResult {
  return o.width === 1 ? runReducedSingle(o, rng) : runReducedGram(o, rng);
}
