/**
 * The committee's exact d-free engine: the Gram chain of docs/theory.md §5.3 (gram.ts) with the
 * neurons coupled through the shared residual (model: committee.ts).
 *
 * State: the triangular factor R of the Gram matrix of (θ*, w_1..w_p) (`GramState`) and a_1..a_p.
 * Per step, in this order: ζ ~ N(0, I_{p+1}) (p + 1 calls of rng.normal(); ζ_i is x's coordinate
 * on e_i, so λ* = ζ_0), ρ² ~ χ²_{d−p−1} (rng.chiSquared: the squared norm of x's component
 * orthogonal to span(θ*, w_1..w_p)), then ε ~ N(0,1) only if Δ > 0; y = σ*(ζ_0) + √Δ·ε. By
 * rotational invariance these are exactly the laws of the coordinates of x ~ N(0, I_d). Then
 * λ_j = (Rᵀζ)_j, f = (1/p)·Σ_j a_j·σ(λ_j), ℰ = y − f, and every neuron moves at once:
 *   w_j ← normalize(w_j + B_j·x),  B_j = (γ/(p·d))·ℰ·a_j·σ'(λ_j)   (`GramState.update` with A_j = 1:
 *   its Givens rotations keep each column's norm ‖w_j + B_j·x‖, and its column renormalisation is
 *   then exactly the division by it), and, when trained, a_j ← a_j + (γ_a/(p·d))·ℰ·σ(λ_j) with the
 *   pre-step λ_j, ℰ (B_j uses the pre-step a_j).
 * Start: `GramState.uniformStart(p, d, rng, false)` (independent uniform w_j, signed), a_j = a0.
 * Cost O(p²) per step (the rank-one QR update), whatever d is; nothing is allocated per step.
 */
import { GramState } from './gram.js';
import type { CommitteeChain, CommitteeInput } from './committeeLoop.js';
import type { Rng } from './rng.js';

/** The committee's state as a Gram factor (`g`, column j = w_j) and second layer `a` (a[j−1] = a_j), stepped as the module comment says. */
export class CommitteeGram implements CommitteeChain {
  readonly g: GramState;
  readonly a: Float64Array;
  private readonly p: number;
  private readonly zeta: Float64Array;
  /** A_j = 1 (index 0 unused) */
  private readonly A: Float64Array;
  private readonly B: Float64Array;
  /** σ(λ_j) and σ'(λ_j), index 1..p */
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
    const p = o.width;
    this.p = p;
    this.g = GramState.uniformStart(p, o.d, rng, false);
    this.a = new Float64Array(p).fill(o.a0);
    this.zeta = new Float64Array(p + 1);
    this.A = new Float64Array(p + 1).fill(1);
    this.B = new Float64Array(p + 1);
    this.s = new Float64Array(p + 1);
    this.ds = new Float64Array(p + 1);
    this.k = o.gamma / (p * o.d);
    this.ka = o.trained ? o.rate / (p * o.d) : 0;
    this.sqrtNoise = Math.sqrt(o.noise);
  }

  /** out[j−1] = m_j = R[0][j] */
  overlaps(out: Float64Array): void {
    for (let j = 0; j < this.p; j++) out[j] = this.g.overlap(j + 1);
  }

  /** Q_jl = Σ_{i ≤ min(j,l)} R[i][j]·R[i][l] (O(p³/6)), Q_jj = 1 exactly. */
  gram(out: Float64Array): void {
    const p = this.p;
    const r = this.g.r;
    const n = p + 1;
    for (let j = 1; j <= p; j++) {
      out[(j - 1) * p + (j - 1)] = 1;
      for (let l = j + 1; l <= p; l++) {
        let q = 0;
        for (let i = 0; i <= j; i++) q += r[i * n + j]! * r[i * n + l]!;
        out[(j - 1) * p + (l - 1)] = q;
        out[(l - 1) * p + (j - 1)] = q;
      }
    }
  }

  /**
   * Apply the sample with basis coordinates ζ (length p + 1), remainder norm ρ = ‖x − Σ ζ_i e_i‖ and
   * label y to every neuron (the module comment's step). False (state untouched) if some B_j is
   * NaN or ±∞.
   */
  applySample(zeta: Float64Array, rho: number, y: number): boolean {
    const { p, g, a, B, s, ds, k, ka } = this;
    let f = 0;
    for (let j = 1; j <= p; j++) {
      const lambda = g.project(zeta, j);
      s[j] = this.o.activation(lambda);
      ds[j] = this.o.activationDerivative(lambda);
      f += a[j - 1]! * s[j]!;
    }
    const e = y - f / p;
    for (let j = 1; j <= p; j++) {
      const b = k * e * a[j - 1]! * ds[j]!;
      if (!Number.isFinite(b)) return false;
      B[j] = b;
    }
    if (ka !== 0) for (let j = 1; j <= p; j++) a[j - 1] = a[j - 1]! + ka * e * s[j]!;
    g.update(this.A, B, zeta, rho);
    return true;
  }

  /** Draw ζ, ρ², ε (in that order, the module comment's laws) and apply the sample. */
  step(): boolean {
    const { rng, zeta } = this;
    const n = this.p + 1;
    for (let i = 0; i < n; i++) zeta[i] = rng.normal();
    const rho2 = rng.chiSquared(this.o.d - n);
    const u = zeta[0]!;
    const y = this.sqrtNoise > 0 ? this.o.target(u) + this.sqrtNoise * rng.normal() : this.o.target(u);
    return this.applySample(zeta, Math.sqrt(rho2), y);
  }
}
