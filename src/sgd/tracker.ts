/**
 * Bookkeeping shared by the engines: the first step with max_j m_j ≥ τ (`hit`), the first with
 * max_j |m_j| ≥ τ (`hitAbs`), a divergence, and when the run may stop: once both times are known
 * (since m ≥ τ implies |m| ≥ τ, as soon as `hit` is). A sign-symmetric run (an even link, whose
 * law is invariant under θ* → −θ*) counts |m| ≥ τ as the hit: hit = hitAbs, and it stops there.
 */
import type { RunResult } from './types.js';

export class HitTracker {
  hit: number | null = null;
  hitAbs: number | null = null;
  diverged: number | null = null;
  steps = 0;
  last = NaN;

  constructor(
    readonly seed: number,
    readonly threshold: number,
    readonly signSymmetric = false,
  ) {}

  /**
   * Record the overlaps after step t (t = 0: the start) through their maximum and maximum modulus.
   * Returns true when the run should stop (both times known). Calling it again for the same t
   * changes nothing.
   */
  observe(t: number, maxM: number, maxAbsM: number): boolean {
    this.steps = t;
    if (!Number.isFinite(maxM) || !Number.isFinite(maxAbsM)) return this.divergedAt(t);
    this.last = maxM;
    if (this.hitAbs === null && maxAbsM >= this.threshold) this.hitAbs = t;
    if (this.hit === null && (this.signSymmetric ? maxAbsM : maxM) >= this.threshold) this.hit = t;
    return this.hit !== null && this.hitAbs !== null;
  }

  /** Mark a divergence at step t (a NaN/∞ overlap, weight or norm); always returns true (stop). */
  divergedAt(t: number): boolean {
    this.steps = t;
    this.diverged = t;
    return true;
  }

  result(): RunResult {
    return { seed: this.seed, hit: this.hit, hitAbs: this.hitAbs, steps: this.steps, diverged: this.diverged, finalOverlap: this.last };
  }
}
