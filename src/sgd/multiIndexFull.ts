/**
 * The reference engine for one spherical neuron on a multi-index target: explicit vectors of R^d,
 * θ_s = e_s (index s − 1), O(d) per step (model: multiIndex.ts). It shares nothing with the Gram
 * chain (multiIndexReduced.ts) but the model.
 *
 * Start: w = g/‖g‖, g ~ N(0, I_d) (full.ts' uniformSpherePoint, signed). Per step: x ~ N(0, I_d) (rng.fillNormals),
 * then ε = rng.normal() only if Δ > 0; y = g(x_0..x_{r−1}) + √Δ·ε, z = ⟨w, x⟩,
 * c = γ·y·σ'(z), v = w + c·(x − z·w), w ← v/‖v‖, all written out literally.
 */
import { uniformSpherePoint } from './full.js';
import type { MultiIndexChain, MultiIndexInput } from './multiIndex.js';
import type { Rng } from './rng.js';

/** One neuron on a multi-index target as an explicit unit vector `w` of R^d. */
export class MultiIndexVectors implements MultiIndexChain {
  readonly w: Float64Array;
  private readonly x: Float64Array;
  /** x_0..x_{r−1} = ⟨x, θ_1⟩..⟨x, θ_r⟩, a view of `x` handed to the target */
  private readonly fields: Float64Array;
  private readonly sqrtNoise: number;

  /** The uniform start, drawn from `rng` (which the steps then keep using). */
  constructor(
    readonly o: MultiIndexInput,
    private readonly rng: Rng,
  ) {
    this.w = uniformSpherePoint(o.d, rng, false);
    this.x = new Float64Array(o.d);
    this.fields = this.x.subarray(0, o.directions);
    this.sqrtNoise = Math.sqrt(o.noise);
  }

  /** out[s] = m_{s+1} = w_s (θ_{s+1} = e_{s+1}) */
  overlaps(out: Float64Array): void {
    for (let s = 0; s < this.o.directions; s++) out[s] = this.w[s]!;
  }

  /** Draw x, then ε, and take the projected step; false if ‖v‖ is NaN, ±∞ or 0. */
  step(): boolean {
    const { w, x, rng } = this;
    const d = this.o.d;
    rng.fillNormals(x);
    const g = this.o.target(this.fields);
    const y = this.sqrtNoise > 0 ? g + this.sqrtNoise * rng.normal() : g;
    let z = 0;
    for (let i = 0; i < d; i++) z += w[i]! * x[i]!;
    const c = this.o.gamma * y * this.o.activationDerivative(z);
    let n2 = 0;
    for (let i = 0; i < d; i++) {
      const v = w[i]! + c * (x[i]! - z * w[i]!);
      w[i] = v;
      n2 += v * v;
    }
    const norm = Math.sqrt(n2);
    if (!Number.isFinite(norm) || norm === 0) return false;
    for (let i = 0; i < d; i++) w[i] = w[i]! / norm;
    return true;
  }
}
