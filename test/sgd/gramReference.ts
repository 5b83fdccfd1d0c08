/**
 * The width-N Gram-factor chain written from the step's pieces (GramStepper: stepOnSample per
 * neuron, then GramState.update; rng.normal and rng.chiSquared per step) — the engine's loop before
 * it was generated (src/sgd/gramChain.generated.ts), kept here as the reference that loop must
 * reproduce bit for bit.
 */
import { GramState } from '../../src/sgd/gram.js';
import type { EngineInput } from '../../src/sgd/engineInput.js';
import type { Rng } from '../../src/sgd/rng.js';
import type { SampleRule } from '../../src/sgd/rule.js';
import { stepOnSample, type PlaneState } from '../../src/sgd/sphereStep.js';
import { HitTracker } from '../../src/sgd/tracker.js';
import type { RunResult } from '../../src/sgd/types.js';

/**
 * One sample (coordinates ζ, remainder ρ² = ‖x‖² − ‖ζ‖², label y) applied to every neuron of a
 * Gram-factor state: z_j = (Rᵀζ)_j, p_j = ‖x − z_j·w_j‖², the rule's sub-steps give
 * w_j ← A_j·w_j + B_j·x, then `GramState.update`. Returns false (state untouched) on overflow.
 */
export class GramStepper {
  private readonly tail: Float64Array;
  private readonly A: Float64Array;
  private readonly B: Float64Array;
  private readonly s: PlaneState = { m: 0, z: 0, p: 0, a: 1, b: 0 };

  constructor(readonly width: number) {
    this.tail = new Float64Array(width + 2);
    this.A = new Float64Array(width + 1);
    this.B = new Float64Array(width + 1);
  }

  /** `rules[j]` is neuron j's rule, j = 1..N (entry 0 unused). */
  step(g: GramState, zeta: Float64Array, rho2: number, y: number, rules: readonly SampleRule[]): boolean {
    const n = this.width + 1;
    const { tail, A, B, s } = this;
    // tail[j] = Σ_{j<i<n} ζ_i² + ρ²
    tail[n - 1] = rho2;
    for (let i = n - 2; i >= 0; i--) tail[i] = tail[i + 1]! + zeta[i + 1]! * zeta[i + 1]!;
    const u = zeta[0]!;
    for (let j = 1; j < n; j++) {
      const z = g.project(zeta, j);
      s.m = g.overlap(j);
      s.z = z;
      s.p = g.residual(zeta, j, z, tail[j]!);
      if (!stepOnSample(s, u, y, rules[j]!)) return false;
      A[j] = s.a;
      B[j] = s.b;
    }
    g.update(A, B, zeta, Math.sqrt(rho2));
    return true;
  }
}

/**
 * Width N ≥ 1: the Gram-factor chain written with the step's pieces (GramStepper, stepOnSample,
 * rng.normal and rng.chiSquared per step): the reference that runGramChain must reproduce.
 */
export function runGramReference(o: EngineInput, rng: Rng): RunResult {
  const N = o.width;
  const n = N + 1;
  const tr = new HitTracker(o.seed, o.threshold, o.signSymmetric);
  const g = GramState.uniformStart(N, o.d, rng, o.init === 'positive');
  const extremes = (): [number, number] => {
    let max = -Infinity;
    let maxAbs = -Infinity;
    for (let j = 1; j <= N; j++) {
      const m = g.overlap(j);
      if (m > max || Number.isNaN(m)) max = m;
      if (Math.abs(m) > maxAbs || Number.isNaN(m)) maxAbs = Math.abs(m);
    }
    return [max, maxAbs];
  };
  if (tr.observe(0, ...extremes())) return tr.result();
  const rules = Array.from({ length: n }, () => o.rules());
  const stepper = new GramStepper(N);
  const { target, d } = o;
  const sqrtNoise = Math.sqrt(o.noise);
  const zeta = new Float64Array(n);
  for (let t = 1; t <= o.maxSteps; t++) {
    for (let i = 0; i < n; i++) zeta[i] = rng.normal();
    const rho2 = rng.chiSquared(d - n);
    const u = zeta[0]!;
    const y = sqrtNoise > 0 ? target(u) + sqrtNoise * rng.normal() : target(u);
    if (!stepper.step(g, zeta, rho2, y, rules)) {
      tr.divergedAt(t);
      break;
    }
    if (tr.observe(t, ...extremes())) break;
  }
  return tr.result();
}

/**
 * The sample with basis coordinates ζ and remainder ρ as an explicit vector in ℝ^d: the columns are
 * the `fixed` targets e_0..e_{fixed−1} and then ws; their Gram basis E follows from W = E·R (g's R)
 * by back-substitution, and the remainder is ρ·n with n ⊥ E a random unit vector.
 */
export function explicitSample(g: GramState, fixed: number, ws: readonly Float64Array[], d: number, zeta: Float64Array, rho: number, rng: Rng): Float64Array {
  const dot = (a: Float64Array, b: Float64Array): number => a.reduce((s, v, i) => s + v * b[i]!, 0);
  const cols = [...Array.from({ length: fixed }, (_, s) => Float64Array.from({ length: d }, (_, i) => (i === s ? 1 : 0))), ...ws];
  const E: Float64Array[] = [];
  for (let j = 0; j < cols.length; j++) {
    const e = Float64Array.from(cols[j]!);
    for (let i = 0; i < j; i++) for (let k = 0; k < d; k++) e[k] = e[k]! - g.at(i, j) * E[i]![k]!;
    const rjj = g.at(j, j);
    for (let k = 0; k < d; k++) e[k] = e[k]! / rjj;
    E.push(e);
  }
  const nv = Float64Array.from({ length: d }, () => rng.normal());
  for (let pass = 0; pass < 2; pass++) {
    for (const e of E) {
      const c = dot(nv, e);
      for (let k = 0; k < d; k++) nv[k] = nv[k]! - c * e[k]!;
    }
  }
  const nn = Math.sqrt(dot(nv, nv));
  const x = new Float64Array(d);
  for (let k = 0; k < d; k++) x[k] = (rho * nv[k]!) / nn + E.reduce((s, e, i) => s + zeta[i]! * e[k]!, 0);
  return x;
}
