/**
 * The multi-index committee's exact d-free engine (model: multiIndexCommittee.ts; docs/theory.md
 * §5.3 and §8): the Gram chain of gram.ts over the r + p vectors (θ_1..θ_r, w_1..w_p).
 *
 * State: `GramState` of width r + p − 1, i.e. the upper-triangular (r+p)×(r+p) factor R of the Gram
 * matrix in an orthonormal basis e_0..e_{r+p−1} (Gram–Schmidt of θ_1..θ_r, w_1..w_p), column s − 1 =
 * θ_s (s ≤ r) and column r + j − 1 = w_j; the first r columns are the identity, so
 * m_{s,j} = ⟨θ_s, w_j⟩ = R[s−1][r+j−1]. The θ's are fixed columns of the chain: `GramState.update`
 * with A = 1 everywhere and B = 0 on them only rotates them (they stay ±e_s, the triangular factor of
 * an orthonormal family), and after each update row s is negated if R[s][s] < 0 (a change of sign of
 * e_s, which changes no inner product) and column s is reset to e_s exactly (s = 1..r−1; gram.ts
 * does this for column 0), so rounding cannot make the θ's drift.
 *
 * Per step, in this order: ζ ~ N(0, I_{r+p}) (r + p calls of rng.normal(); ζ_i is x's coordinate on
 * e_i, so ⟨θ_s, x⟩ = ζ_{s−1}), ρ² = rng.chiSquared(d − r − p) (the squared norm of x's component
 * orthogonal to the span), then ε = rng.normal() only if Δ > 0; y = g(ζ_0..ζ_{r−1}) + √Δ·ε. By
 * rotational invariance these are exactly the laws of the coordinates of x ~ N(0, I_d). Then
 * λ_j = (Rᵀζ)_{r+j−1}, f = (1/p)·Σ_j a_j·σ(λ_j), ℰ = y − f, and every neuron moves at once:
 *   w_j ← normalize(w_j + B_j·x),  B_j = (γ/(p·d))·ℰ·a_j·σ'(λ_j)
 * (the rank-one QR update keeps each column's norm ‖w_j + B_j·x‖; the renormalisation is the division
 * by it), and, when trained, a_j ← a_j + (γ_a/(p·d))·ℰ·σ(λ_j) with the pre-step λ_j, ℰ, a_j.
 * Start: column c = r..r+p−1 gets N(0,1) coordinates on e_0..e_{c−1} (c calls of rng.normal()) and
 * √χ²_{d−c} on e_c (rng.chiSquared), normalised: p independent uniform points of S^{d−1}
 * (`GramState.uniformStart` with the r target columns fixed). Cost
 * O((r+p)²) per step, whatever d is; nothing is allocated per step.
 */
import { GramState } from './gram.js';
import type { MultiIndexCommitteeChain, MultiIndexCommitteeInput } from './multiIndexCommittee.js';
import type { Rng } from './rng.js';

/** The committee and its r targets as a Gram factor (`g`, the module comment's columns) and second layer `a` (a[j−1] = a_j). */
export class MultiIndexCommitteeGram implements MultiIndexCommitteeChain {
  readonly g: GramState;
  readonly a: Float64Array;
  private readonly r: number;
  private readonly p: number;
  /** r + p, the number of columns */
  private readonly n: number;
  private readonly zeta: Float64Array;
  /** ζ_0..ζ_{r−1}, a view of `zeta` handed to the target */
  private readonly fields: Float64Array;
  /** A_c = 1 (every column) */
  private readonly A: Float64Array;
  /** B_c, zero on the θ columns */
  private readonly B: Float64Array;
  /** σ(λ_j) and σ'(λ_j), index j − 1 */
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
    const r = o.directions;
    const p = o.width;
    const n = r + p;
    this.r = r;
    this.p = p;
    this.n = n;
    this.g = GramState.uniformStart(n - 1, o.d, rng, false, r);
    this.a = new Float64Array(p).fill(o.a0);
    this.zeta = new Float64Array(n);
    this.fields = this.zeta.subarray(0, r);
    this.A = new Float64Array(n).fill(1);
    this.B = new Float64Array(n);
    this.s = new Float64Array(p);
    this.ds = new Float64Array(p);
    this.k = o.gamma / (p * o.d);
    this.ka = o.trained ? o.rate / (p * o.d) : 0;
    this.sqrtNoise = Math.sqrt(o.noise);
  }

  /** out[s·p + j] = m_{s+1,j+1} = R[s][r+j] */
  overlaps(out: Float64Array): void {
    const { r, p, n } = this;
    const R = this.g.r;
    for (let s = 0; s < r; s++) for (let j = 0; j < p; j++) out[s * p + j] = R[s * n + r + j]!;
  }

  /**
   * Apply the sample with basis coordinates ζ (length r + p), remainder norm ρ and label y to every
   * neuron (the module comment's step). False (state untouched) if some B_j is NaN or ±∞.
   */
  applySample(zeta: Float64Array, rho: number, y: number): boolean {
    const { r, p, g, a, B, s, ds, k, ka } = this;
    let f = 0;
    for (let j = 0; j < p; j++) {
      const lambda = g.project(zeta, r + j);
      s[j] = this.o.activation(lambda);
      ds[j] = this.o.activationDerivative(lambda);
      f += a[j]! * s[j]!;
    }
    const e = y - f / p;
    for (let j = 0; j < p; j++) {
      const b = k * e * a[j]! * ds[j]!;
      if (!Number.isFinite(b)) return false;
      B[r + j] = b;
    }
    if (ka !== 0) for (let j = 0; j < p; j++) a[j] = a[j]! + ka * e * s[j]!;
    g.update(this.A, B, zeta, rho); // the θ columns back to e_s exactly (GramState's fixed columns)
    return true;
  }

  /** Draw ζ, ρ², ε (in that order, the module comment's laws) and apply the sample. */
  step(): boolean {
    const { rng, zeta, n } = this;
    for (let i = 0; i < n; i++) zeta[i] = rng.normal();
    const rho2 = rng.chiSquared(this.o.d - n);
    const g = this.o.target(this.fields);
    const y = this.sqrtNoise > 0 ? g + this.sqrtNoise * rng.normal() : g;
    return this.applySample(zeta, Math.sqrt(rho2), y);
  }
}
