/**
 * The exact d-free engine for one spherical neuron on a multi-index target (model: multiIndex.ts;
 * docs/theory.md §5.3 and §8). It is the Gram chain of gram.ts with the first r columns fixed:
 * the vectors (θ_1..θ_r, w) are stored by their coordinates in an orthonormal basis
 * (e_0..e_{r−1} = θ_1..θ_r, e_r) of a space that contains them, an upper-triangular
 * (r+1)×(r+1) factor R whose first r columns are the identity, so only w's column is kept:
 *   R[s][r] = m_{s+1} = ⟨w, θ_{s+1}⟩ (s < r),   R[r][r] = q = ‖w − P_S w‖ ≥ 0.
 * A fresh x ~ N(0, I_d) has coordinates ζ ~ N(0, I_{r+1}) in that basis and a remainder
 * ρ·n (n ⊥ e_0..e_r, ρ² ~ χ²_{d−r−1}); the target fields are ⟨x, θ_s⟩ = ζ_{s−1} and
 * z = ⟨w, x⟩ = Σ_{i≤r} R[i][r]·ζ_i. A step w ← a·w + b·x (B = 0 on the θ columns) changes rows
 * 0..r−1 of w's column to a·m_s + b·ζ_s and leaves, on span(e_r, n), the pair
 * (a·q + b·ζ_r, b·ρ); one Givens rotation of the basis in that plane (the second sweep of
 * gram.ts's rank-one QR update; the first sweep is not needed because the θ columns do not move)
 * makes it (√((a·q + b·ζ_r)² + b²ρ²), 0), so q' is that norm and the new e_r is never needed.
 * The column is then renormalised (it is a unit vector in exact arithmetic). Cost O(r) per step.
 *
 * Per step, in this order: ζ_0..ζ_r (r + 1 calls of rng.normal()), ρ² = rng.chiSquared(d − r − 1),
 * then ε = rng.normal() only if Δ > 0; y = g(ζ_0..ζ_{r−1}) + √Δ·ε. Start: m_s = g_s/N, q = √χ/N
 * with g_s ~ N(0,1) (r calls of rng.normal()), χ = rng.chiSquared(d − r), N = √(Σ g_s² + χ):
 * a uniform point of S^{d−1}. Nothing is allocated per step.
 */
import type { MultiIndexChain, MultiIndexInput } from './multiIndex.js';
import type { Rng } from './rng.js';

/** w's column of the Gram factor of (θ_1..θ_r, w): `col[s]` = m_{s+1} for s < r, `col[r]` = q (the module comment). */
export class TargetGram {
  readonly r: number;
  readonly col: Float64Array;

  constructor(r: number) {
    this.r = r;
    this.col = new Float64Array(r + 1);
    this.col[r] = 1;
  }

  /** A uniform point of S^{d−1}, drawn as the module comment says. */
  static uniformStart(r: number, d: number, rng: Rng): TargetGram {
    const g = new TargetGram(r);
    let n2 = 0;
    for (let s = 0; s < r; s++) {
      const v = rng.normal();
      g.col[s] = v;
      n2 += v * v;
    }
    const chi = rng.chiSquared(d - r);
    n2 += chi;
    const inv = 1 / Math.sqrt(n2);
    for (let s = 0; s < r; s++) g.col[s] = g.col[s]! * inv;
    g.col[r] = Math.sqrt(chi) * inv;
    return g;
  }

  /** z = ⟨w, x⟩ = Σ_{i≤r} R[i][r]·ζ_i. */
  project(zeta: Float64Array): number {
    let z = 0;
    for (let i = 0; i <= this.r; i++) z += this.col[i]! * zeta[i]!;
    return z;
  }

  /** ‖x − z·w‖² = Σ_{i≤r}(ζ_i − z·R[i][r])² + ρ² (no cancellation, unlike ‖x‖² − z²). */
  residual(zeta: Float64Array, z: number, rho2: number): number {
    let p = rho2;
    for (let i = 0; i <= this.r; i++) {
      const e = zeta[i]! - z * this.col[i]!;
      p += e * e;
    }
    return p;
  }

  /** w ← a·w + b·x for the sample (ζ, ρ), then renormalise (the module comment). */
  update(a: number, b: number, zeta: Float64Array, rho: number): void {
    const { r, col } = this;
    let n2 = 0;
    for (let s = 0; s < r; s++) {
      const v = a * col[s]! + b * zeta[s]!;
      col[s] = v;
      n2 += v * v;
    }
    const u = a * col[r]! + b * zeta[r]!;
    const v = b * rho;
    const q2 = u * u + v * v;
    n2 += q2;
    const inv = 1 / Math.sqrt(n2);
    for (let s = 0; s < r; s++) col[s] = col[s]! * inv;
    col[r] = Math.sqrt(q2) * inv;
  }
}

/** One neuron on a multi-index target as a `TargetGram`, stepped as the module comment says. */
export class MultiIndexGram implements MultiIndexChain {
  readonly g: TargetGram;
  private readonly zeta: Float64Array;
  /** ζ_0..ζ_{r−1}, a view of `zeta` handed to the target */
  private readonly fields: Float64Array;
  private readonly sqrtNoise: number;

  /** The uniform start, drawn from `rng` (which the steps then keep using). */
  constructor(
    readonly o: MultiIndexInput,
    private readonly rng: Rng,
  ) {
    this.g = TargetGram.uniformStart(o.directions, o.d, rng);
    this.zeta = new Float64Array(o.directions + 1);
    this.fields = this.zeta.subarray(0, o.directions);
    this.sqrtNoise = Math.sqrt(o.noise);
  }

  /** out[s] = m_{s+1} */
  overlaps(out: Float64Array): void {
    for (let s = 0; s < this.o.directions; s++) out[s] = this.g.col[s]!;
  }

  /**
   * Apply the sample with basis coordinates ζ (length r + 1), remainder ρ and label y:
   * c = γ·y·σ'(z), n = √(1 + c²·‖x − z·w‖²), w ← ((1 − c·z)/n)·w + (c/n)·x (sphereStep.ts).
   * False (state untouched) if n is NaN or ±∞. (The column is renormalised afterwards, so n only
   * matters for that check: w's new direction is that of (1 − c·z)·w + c·x.)
   */
  applySample(zeta: Float64Array, rho: number, y: number): boolean {
    const g = this.g;
    const z = g.project(zeta);
    const c = this.o.gamma * y * this.o.activationDerivative(z);
    const n = Math.sqrt(1 + c * c * g.residual(zeta, z, rho * rho));
    if (!Number.isFinite(n)) return false;
    g.update((1 - c * z) / n, c / n, zeta, rho);
    return true;
  }

  /** Draw ζ, ρ², ε (in that order) and apply the sample. */
  step(): boolean {
    const { rng, zeta } = this;
    const r = this.o.directions;
    for (let i = 0; i <= r; i++) zeta[i] = rng.normal();
    const rho2 = rng.chiSquared(this.o.d - r - 1);
    const g = this.o.target(this.fields);
    const y = this.sqrtNoise > 0 ? g + this.sqrtNoise * rng.normal() : g;
    return this.applySample(zeta, Math.sqrt(rho2), y);
  }
}
