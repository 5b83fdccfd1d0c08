/**
 * The projected step in the plane of w and x, in scalars (docs/theory.md §5, 2510.21020's oracle form).
 *
 * With ‖w‖ = 1, z = ⟨w, x⟩, p = ‖x‖² − z² = ‖x − z·w‖², u = ⟨θ*, x⟩ and m = ⟨w, θ*⟩, the step
 * w' = (w + c·(x − z·w))/n with n = ‖w + c·(x − z·w)‖ = √(1 + c²·p) is w' = α·w + β·x with
 *   α = (1 − c·z)/n,  β = c/n,
 * hence exactly
 *   m' = ((1 − c·z)·m + c·u)/n,
 *   z' = ⟨w', x⟩ = (z·(1 − c·z) + c·‖x‖²)/n = (z + c·p)/n,
 *   p' = ‖x‖² − z'² = p·(1 − c·z)²/n²   (written without the cancellation of ‖x‖² − z'²).
 * Several sub-steps on the same sample compose to w_new = A·w + B·x (A = Πα, B = α·B + β).
 */
import type { SampleRule } from './rule.js';

/** One neuron against one sample: m, z, p as above, and the composite w_new = a·w + b·x. */
export interface PlaneState {
  m: number;
  z: number;
  p: number;
  a: number;
  b: number;
}

/**
 * Apply the rule's sub-steps to `s` (m, z, p given; a, b are overwritten) for a sample with
 * ⟨θ*, x⟩ = u and label y. Returns false if a step's norm n is NaN or ±∞ (overflow or a NaN
 * coefficient): the caller records a divergence.
 */
export function stepOnSample(s: PlaneState, u: number, y: number, rule: SampleRule): boolean {
  let a = 1;
  let b = 0;
  for (let k = 0; k < rule.subSteps; k++) {
    const z = s.z;
    const p = s.p;
    const c = rule.coefficient(k, y, z);
    const n = Math.sqrt(1 + c * c * p);
    if (!Number.isFinite(n)) return false;
    const alpha = (1 - c * z) / n;
    const beta = c / n;
    s.m = alpha * s.m + beta * u;
    s.z = (z + c * p) / n;
    s.p = p * alpha * alpha;
    a = alpha * a;
    b = alpha * b + beta;
  }
  s.a = a;
  s.b = b;
  return true;
}
