/**
 * The committee's reference engine: explicit d-dimensional vectors, θ* = e_1 (index 0), O(p·d)
 * per step (model: committee.ts). It shares nothing with the Gram chain but the model.
 *
 * Start: w_j = g_j/‖g_j‖, g_j ~ N(0, I_d) (rng.fillNormals, j = 1..p in order; signed), a_j = a0.
 * Per step: x ~ N(0, I_d) (rng.fillNormals, coordinate by coordinate), then ε ~ N(0,1) only if
 * Δ > 0; λ* = x_0, y = σ*(λ*) + √Δ·ε, λ_j = ⟨w_j, x⟩, f = (1/p)·Σ_j a_j·σ(λ_j), ℰ = y − f; then for
 * every j, with the same x and ℰ: w_j ← (w_j + c_j·x)/‖w_j + c_j·x‖, c_j = (γ/(p·d))·ℰ·a_j·σ'(λ_j),
 * and when trained a_j ← a_j + (γ_a/(p·d))·ℰ·σ(λ_j). Each w_j is stored as scale_j·v_j (the
 * normalisation deferred, as in full.ts), so a step is two passes over d per neuron.
 */
import type { CommitteeChain, CommitteeInput } from './committeeLoop.js';
import type { Rng } from './rng.js';

/** The committee as explicit vectors w_j = scale_j·v_j ∈ R^d and second layer `a`, stepped as the module comment says. */
export class CommitteeVectors implements CommitteeChain {
  readonly a: Float64Array;
  private readonly p: number;
  private readonly d: number;
  /** row j (length d) is v_j; w_j = scale_j·v_j */
  private readonly v: Float64Array;
  private readonly scale: Float64Array;
  private readonly x: Float64Array;
  private readonly s: Float64Array;
  private readonly ds: Float64Array;
  private readonly k: number;
  private readonly ka: number;
  private readonly sqrtNoise: number;

  /** The uniform start, drawn from `rng` (which the steps then keep using). */
  constructor(
    readonly o: CommitteeInput,
    private readonly rng: Rng,
  ) {
    const { d, width: p } = o;
    this.p = p;
    this.d = d;
    this.v = new Float64Array(p * d);
    this.scale = new Float64Array(p);
    for (let j = 0; j < p; j++) {
      const row = this.v.subarray(j * d, (j + 1) * d);
      rng.fillNormals(row);
      let n2 = 0;
      for (let i = 0; i < d; i++) n2 += row[i]! * row[i]!;
      this.scale[j] = 1 / Math.sqrt(n2);
    }
    this.a = new Float64Array(p).fill(o.a0);
    this.x = new Float64Array(d);
    this.s = new Float64Array(p);
    this.ds = new Float64Array(p);
    this.k = o.gamma / (p * d);
    this.ka = o.trained ? o.rate / (p * d) : 0;
    this.sqrtNoise = Math.sqrt(o.noise);
  }

  /** out[j] = m_j = scale_j·v_j[0] (θ* = e_1) */
  overlaps(out: Float64Array): void {
    for (let j = 0; j < this.p; j++) out[j] = this.scale[j]! * this.v[j * this.d]!;
  }

  /** Q_jl = scale_j·scale_l·⟨v_j, v_l⟩ (O(p²·d)), Q_jj = 1 exactly. */
  gram(out: Float64Array): void {
    const { p, d, v, scale } = this;
    for (let j = 0; j < p; j++) {
      out[j * p + j] = 1;
      for (let l = j + 1; l < p; l++) {
        let q = 0;
        for (let i = 0; i < d; i++) q += v[j * d + i]! * v[l * d + i]!;
        q *= scale[j]! * scale[l]!;
        out[j * p + l] = q;
        out[l * p + j] = q;
      }
    }
  }

  /** Draw x, then ε, and apply the sample to every neuron; false if some ‖w_j + c_j·x‖ is NaN, ±∞ or 0. */
  step(): boolean {
    const { p, d, v, scale, x, s, ds, a, k, ka, rng } = this;
    rng.fillNormals(x);
    const u = x[0]!;
    const y = this.sqrtNoise > 0 ? this.o.target(u) + this.sqrtNoise * rng.normal() : this.o.target(u);
    let f = 0;
    for (let j = 0; j < p; j++) {
      let dot = 0;
      for (let i = 0; i < d; i++) dot += v[j * d + i]! * x[i]!;
      const lambda = scale[j]! * dot;
      s[j] = this.o.activation(lambda);
      ds[j] = this.o.activationDerivative(lambda);
      f += a[j]! * s[j]!;
    }
    const e = y - f / p;
    for (let j = 0; j < p; j++) {
      const c = k * e * a[j]! * ds[j]!;
      const sc = scale[j]!;
      let n2 = 0;
      for (let i = 0; i < d; i++) {
        const w = sc * v[j * d + i]! + c * x[i]!;
        v[j * d + i] = w;
        n2 += w * w;
      }
      const norm = Math.sqrt(n2);
      if (!Number.isFinite(norm) || norm === 0) return false;
      scale[j] = 1 / norm;
    }
    if (ka !== 0) for (let j = 0; j < p; j++) a[j] = a[j]! + ka * e * s[j]!;
    return true;
  }
}
