/**
 * Options and results of one SGD run (one seed). Model (docs/theory.md §1, §4; 2510.21020):
 * x ~ N(0, I_d), y = σ*(⟨x, θ*⟩) + √Δ·ε, a neuron w on the sphere, z = ⟨w, x⟩, m = ⟨w, θ*⟩,
 * and the projected step w ← normalize(w + γ·ψ(y, z)·(x − z·w)).
 */

/**
 * The update oracle (student activation σ, derivative σ'):
 * - online: ψ = y·σ'(z), one step of rate γ per sample;
 * - batch-reuse: two projected steps on the same (x, y): the first of rate η with ψ = y·σ'(z),
 *   the second of rate γ with ψ = y·σ'(z') at z' = ⟨w', x⟩ (docs/theory.md §4 approximates it by
 *   y·σ'(z + ηd·y·σ'(z)));
 * - alternating: the second layer first, ã = a + η·y·σ(z), then ψ = ã·y·σ'(z) with rate γ;
 *   secondLayer 'reset' puts a back to a₀ = a every step, 'carry' keeps a ← ã;
 * - custom: ψ(y, z) given directly (one step of rate γ); it may capture η and d.
 */
export type SgdAlgorithm =
  | { kind: 'online' }
  | { kind: 'batch-reuse'; eta: number }
  | { kind: 'alternating'; eta: number; a: number; secondLayer: 'reset' | 'carry' }
  | { kind: 'custom'; psi: (y: number, z: number) => number };

export interface RunOptions {
  /** ambient dimension d (integer, ≥ width + 1) */
  d: number;
  /** number N of independent neurons trained on the same samples (default 1) */
  width?: number;
  algorithm: SgdAlgorithm;
  /** σ*, the link */
  target: (u: number) => number;
  /** σ, the student activation */
  student: (z: number) => number;
  /** σ' */
  studentDerivative: (z: number) => number;
  /** Δ, the label-noise variance (≥ 0) */
  noise: number;
  /** γ, the learning rate of the step that counts */
  gamma: number;
  /** τ: weak recovery is m ≥ τ (the sweep's default is 0.5) */
  threshold: number;
  /** cap on the number of samples (steps); a run that does not reach τ by then is censored */
  maxSteps: number;
  /** 'positive': m₀ ≥ 0 (each neuron's sign flipped if needed); 'signed': keep the random sign */
  init: 'positive' | 'signed';
  /** 'reduced': the exact low-dimensional chain; 'full': explicit d-dimensional vectors */
  engine: 'reduced' | 'full';
  /** any safe integer */
  seed: number;
  /**
   * The law of the run is invariant under θ* → −θ* (an even link σ*: y = σ*(u) + √Δ·ε does not
   * change when u → −u, so neither does any oracle ψ(y, z)), so reaching −τ is as good as +τ:
   * the run stops at the first step with max_j |m_j| ≥ τ and `hit` is that step. Decided from the
   * link at the edge (src/expr/parity.ts); default false (stop at max_j m_j ≥ τ).
   */
  signSymmetric?: boolean;
}

export interface RunResult {
  seed: number;
  /**
   * first step t with m_t ≥ τ (width > 1: max_j m_j ≥ τ); 0 if the start already is; null if
   * censored. A sign-symmetric run counts |m_t| ≥ τ (max_j |m_j| ≥ τ) instead: then hit = hitAbs.
   */
  hit: number | null;
  /** first step t with |m_t| ≥ τ (width > 1: max_j |m_j| ≥ τ); null if censored */
  hitAbs: number | null;
  /** number of steps (samples) simulated: the run stops once hit and hitAbs are known (sign-symmetric: hitAbs) */
  steps: number;
  /** the step at which an overlap, a weight or a step's norm became NaN or ±∞ (the run ends there) */
  diverged: number | null;
  /** m after the last step (width > 1: max_j m_j); after a divergence, the last finite value */
  finalOverlap: number;
}
