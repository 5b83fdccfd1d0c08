/**
 * The multi-index committee's reference engine: explicit vectors of R^d, θ_s = e_s (index s − 1),
 * O(p·d) per step (model: multiIndexCommittee.ts). It shares nothing with the Gram chain
 * (multiIndexCommitteeReduced.ts) but the model.
 *
 * Start: w_j = g_j/‖g_j‖, g_j ~ N(0, I_d) (full.ts' uniformSpherePoint, j = 1..p in order; signed), a_j = a0.
 * Per step: x ~ N(0, I_d) (rng.fillNormals), then ε = rng.normal() only if Δ > 0;
 * y = g(x_0..x_{r−1}) + √Δ·ε, λ_j = ⟨w_j, x⟩, f = (1/p)·Σ_j a_j·σ(λ_j), ℰ = y − f; then for every j,
 * with the same x and ℰ: v = w_j + c_j·x, c_j = (γ/(p·d))·ℰ·a_j·σ'(λ_j), w_j ← v/‖v‖, and when
 * trained a_j ← a_j + (γ_a/(p·d))·ℰ·σ(λ_j), all written out literally.
 */
import { uniformSpherePoint } from './full.js';
import type { MultiIndexCommitteeChain, MultiIndexCommitteeInput } from './multiIndexCommittee.js';
import type { Rng } from './rng.js';

/** The committee as explicit unit vectors w_j ∈ R^d (row j − 1 of `w`) and second layer `a`. */
export class MultiIndexCommitteeVectors implements MultiIndexCommitteeChain {
  /** p × d row-major: row j is w_{j+1} */
  readonly w: Float64Array;
  readonly a: Float64Array;
  private readonly x: Float64Array;
  /** x_0..x_{r−1} = ⟨x, θ_1⟩..⟨x, θ_r⟩, a view of `x` handed to the target */
  private readonly fields: Float64Array;
  private readonly s: Float64Array;
  private readonly ds: Float64Array;
  private readonly k: number;
  private readonly ka: number;
  private readonly sqrtNoise: number;

  /** The uniform start, drawn from `rng` (which the steps then keep using). */
  constructor(
    readonly o: MultiIndexCommitteeInput,
    private readonly rng: Rng,
  ) {
    const { d, width: p } = o;
    this.w = new Float64Array(p * d);
    for (let j = 0; j < p; j++) this.w.set(uniformSpherePoint(d, rng, false), j * d);
    this.a = new Float64Array(p).fill(o.a0);
    this.x = new Float64Array(d);
    this.fields = this.x.subarray(0, o.directions);
    this.s = new Float64Array(p);
    this.ds = new Float64Array(p);
    this.k = o.gamma / (p * d);
    this.ka = o.trained ? o.rate / (p * d) : 0;
    this.sqrtNoise = Math.sqrt(o.noise);
  }

  /** out[s·p + j] = m_{s+1,j+1} = w_{j+1}[s] (θ_{s+1} = e_{s+1}) */
  overlaps(out: Float64Array): void {
    const { d, width: p, directions: r } = this.o;
    for (let s = 0; s < r; s++) for (let j = 0; j < p; j++) out[s * p + j] = this.w[j * d + s]!;
  }

  /** Draw x, then ε, and apply the sample to every neuron; false if some ‖w_j + c_j·x‖ is NaN, ±∞ or 0. */
  step(): boolean {
    const { w, x, s, ds, a, k, ka, rng } = this;
    const { d, width: p } = this.o;
    rng.fillNormals(x);
    const g = this.o.target(this.fields);
    const y = this.sqrtNoise > 0 ? g + this.sqrtNoise * rng.normal() : g;
    let f = 0;
    for (let j = 0; j < p; j++) {
      let lambda = 0;
      for (let i = 0; i < d; i++) lambda += w[j * d + i]! * x[i]!;
      s[j] = this.o.activation(lambda);
      ds[j] = this.o.activationDerivative(lambda);
      f += a[j]! * s[j]!;
    }
    const e = y - f / p;
    for (let j = 0; j < p; j++) {
      const c = k * e * a[j]! * ds[j]!;
      let n2 = 0;
      for (let i = 0; i < d; i++) {
        const v = w[j * d + i]! + c * x[i]!;
        w[j * d + i] = v;
        n2 += v * v;
      }
      const norm = Math.sqrt(n2);
      if (!Number.isFinite(norm) || norm === 0) return false;
      for (let i = 0; i < d; i++) w[j * d + i] = w[j * d + i]! / norm;
    }
    if (ka !== 0) for (let j = 0; j < p; j++) a[j] = a[j]! + ka * e * s[j]!;
    return true;
  }
}
