/**
 * The state of the exact reduced chain for N neurons (docs/theory.md §5): the vectors (θ*, w_1..w_N)
 * stored by their coordinates in an orthonormal basis (e_0 = θ*, e_1, …, e_N) of a space that
 * contains them, as an upper-triangular (N+1)×(N+1) matrix R (column 0 = θ*, column j = w_j).
 * The Gram matrix is G = RᵀR, and m_j = ⟨w_j, θ*⟩ = R[0][j].
 *
 * A fresh x ~ N(0, I_d) has coordinates ζ ~ N(0, I_{N+1}) in that basis and ‖x‖² = ‖ζ‖² + ρ² with
 * ρ² ~ χ²_{d−N−1} for the rest (rotational invariance), so ⟨v_j, x⟩ = (Rᵀζ)_j and u = ⟨θ*, x⟩ = ζ_0.
 * A step w_j ← A_j·w_j + B_j·x maps the coordinate matrix, in the basis extended by the unit
 * vector of x's remainder, to M = [R·diag(A); 0] + (ζ, ρ)·Bᵀ (with A_0 = 1, B_0 = 0 for θ*).
 * M is made upper triangular again by Givens rotations (a rank-one QR update, Golub & Van Loan
 * §12.5): one sweep turns (ζ, ρ) into ‖x‖·e_0 (R becomes upper Hessenberg), the rank-one term
 * then only touches row 0, and a second sweep restores the triangle, whose last row is zero and is
 * dropped. A rotation of the basis changes no inner product, and x's next draw is isotropic, so
 * the new basis never needs to be known. Cost O(N²) per step, whatever d is. Column norms are
 * reset to 1 after each step (they are 1 in exact arithmetic).
 */
import type { Rng } from './rng.js';

export class GramState {
  /** number of vectors, N + 1 (θ* and N neurons) */
  readonly n: number;
  /** (n + 1) × n row-major: rows 0..n−1 hold R, row n is scratch for the update */
  readonly r: Float64Array;
  private readonly u: Float64Array;

  /**
   * `width` vectors beside `fixed` target columns e_0..e_{fixed−1} (θ*, or θ_1..θ_r of a
   * multi-index target), which every update returns to exactly.
   */
  constructor(
    width: number,
    readonly fixed = 1,
  ) {
    this.n = width + 1;
    this.r = new Float64Array((this.n + 1) * this.n);
    this.u = new Float64Array(this.n + 1);
    for (let c = 0; c < fixed; c++) this.r[c * this.n + c] = 1;
  }

  /** R[i][j] */
  at(i: number, j: number): number {
    return this.r[i * this.n + j]!;
  }

  /** m_j = ⟨w_j, θ*⟩, j = 1..N */
  overlap(j: number): number {
    return this.r[j]!;
  }

  /**
   * Draw N independent uniform points of S^{d−1}, exactly: w_j has N(0,1) coordinates g_0..g_{j−1}
   * on e_0..e_{j−1} and a remainder of squared norm χ²_{d−j} (which defines e_j), normalised.
   * With `positive`, w_j is replaced by −w_j when ⟨w_j, θ*⟩ < 0. With `fixed` = r > 1, the first
   * r columns are the orthonormal targets e_0..e_{r−1} (a multi-index target) and the draws
   * start at column r.
   */
  static uniformStart(width: number, d: number, rng: Rng, positive: boolean, fixed = 1): GramState {
    const s = new GramState(width, fixed);
    const n = s.n;
    for (let j = fixed; j < n; j++) {
      let norm2 = 0;
      for (let i = 0; i < j; i++) {
        const g = rng.normal();
        s.r[i * n + j] = g;
        norm2 += g * g;
      }
      const q = rng.chiSquared(d - j);
      s.r[j * n + j] = Math.sqrt(q);
      norm2 += q;
      const sign = positive && s.r[j]! < 0 ? -1 : 1;
      const scale = sign / Math.sqrt(norm2);
      for (let i = 0; i <= j; i++) s.r[i * n + j] = s.r[i * n + j]! * scale;
    }
    return s;
  }

  /** z_j = ⟨w_j, x⟩ = Σ_{i≤j} R[i][j]·ζ_i for a sample with basis coordinates ζ. */
  project(zeta: Float64Array, j: number): number {
    const n = this.n;
    let z = 0;
    for (let i = 0; i <= j; i++) z += this.r[i * n + j]! * zeta[i]!;
    return z;
  }

  /**
   * ‖x − z_j·w_j‖² = Σ_{i≤j}(ζ_i − z_j·R[i][j])² + tail_j, where tail_j = Σ_{i>j} ζ_i² + ρ²
   * (no cancellation, unlike ‖x‖² − z_j²).
   */
  residual(zeta: Float64Array, j: number, z: number, tail: number): number {
    const n = this.n;
    let p = tail;
    for (let i = 0; i <= j; i++) {
      const e = zeta[i]! - z * this.r[i * n + j]!;
      p += e * e;
    }
    return p;
  }

  /**
   * Replace every w_j by A_j·w_j + B_j·x (A, B indexed 1..N; entry 0 ignored) for the sample with
   * coordinates ζ and remainder norm ρ, then renormalise the columns. See the module comment.
   */
  update(A: Float64Array, B: Float64Array, zeta: Float64Array, rho: number): void {
    const n = this.n;
    const r = this.r;
    const u = this.u;
    // M = [R·diag(A); 0]
    for (let i = 0; i < n; i++) for (let j = i; j < n; j++) if (j > 0) r[i * n + j] = r[i * n + j]! * A[j]!;
    for (let j = 0; j < n; j++) r[n * n + j] = 0;
    for (let i = 0; i < n; i++) u[i] = zeta[i]!;
    u[n] = rho;
    // Sweep 1: rotations of rows (k−1, k), k = n..1, send (ζ, ρ) to ‖x‖·e_0; R becomes Hessenberg.
    for (let k = n; k >= 1; k--) {
      const a = u[k - 1]!;
      const b = u[k]!;
      if (b === 0) continue;
      const h = Math.sqrt(a * a + b * b);
      const c = a / h;
      const s = b / h;
      u[k - 1] = h;
      u[k] = 0;
      const r0 = (k - 1) * n;
      const r1 = k * n;
      for (let j = k - 1; j < n; j++) {
        const x = r[r0 + j]!;
        const y = r[r1 + j]!;
        r[r0 + j] = c * x + s * y;
        r[r1 + j] = c * y - s * x;
      }
    }
    // The rank-one term now lives in row 0: row 0 += ‖x‖·Bᵀ (B_0 = 0).
    const norm = u[0]!;
    for (let j = 1; j < n; j++) r[j] = r[j]! + norm * B[j]!;
    // Sweep 2: rotations of rows (k, k+1), k = 0..n−1, clear the subdiagonal; row n ends at zero.
    for (let k = 0; k < n; k++) {
      const r0 = k * n;
      const r1 = (k + 1) * n;
      const a = r[r0 + k]!;
      const b = r[r1 + k]!;
      if (b === 0) continue;
      const h = Math.sqrt(a * a + b * b);
      const c = a / h;
      const s = b / h;
      r[r0 + k] = h;
      r[r1 + k] = 0;
      for (let j = k + 1; j < n; j++) {
        const x = r[r0 + j]!;
        const y = r[r1 + j]!;
        r[r0 + j] = c * x + s * y;
        r[r1 + j] = c * y - s * x;
      }
    }
    // each target column t is ±e_t again (up to rounding): make it +e_t (flip e_t if needed); unit columns.
    for (let t = 0; t < this.fixed; t++) {
      if (r[t * n + t]! < 0) for (let j = t; j < n; j++) r[t * n + j] = -r[t * n + j]!;
      for (let i = 0; i <= n; i++) r[i * n + t] = 0;
      r[t * n + t] = 1;
    }
    for (let j = this.fixed; j < n; j++) {
      let s2 = 0;
      for (let i = 0; i <= j; i++) s2 += r[i * n + j]! * r[i * n + j]!;
      const inv = 1 / Math.sqrt(s2);
      for (let i = 0; i <= j; i++) r[i * n + j] = r[i * n + j]! * inv;
    }
  }
}
