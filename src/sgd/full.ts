/**
 * The reference engine: explicit d-dimensional vectors, θ* = e_1 (index 0), O(N·d) per step.
 *
 * Start: each neuron w_j = g/‖g‖ with g ~ N(0, I_d) (a uniform point of S^{d−1}), replaced by
 * −w_j when init is 'positive' and w_j[0] < 0. Each step draws x ~ N(0, I_d) (d normals in
 * order), then ε ~ N(0,1) if Δ > 0, sets u = x[0] and y = σ*(u) + √Δ·ε, and for each neuron
 * applies the rule's sub-steps literally: z = ⟨w, x⟩ (recomputed before every sub-step),
 * v = w + c·(x − z·w), w = v/‖v‖ (`fullStep`; the engine keeps w = v/‖v‖ as v with the scale
 * 1/‖v‖, so that a sub-step is two passes over d and nothing is allocated per step). Nothing
 * here uses the scalar formulas of the reduced chain, so the two engines only share the oracle
 * coefficients c = rate·ψ(y, z) (rule.ts).
 */
import type { Rng } from './rng.js';
import type { SampleRule } from './rule.js';
import type { EngineInput } from './engineInput.js';
import { HitTracker } from './tracker.js';
import type { RunResult } from './types.js';

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** A uniform point of S^{d−1}, with its first coordinate made ≥ 0 when `positive`. */
export function uniformSpherePoint(d: number, rng: Rng, positive: boolean): Float64Array {
  const w = new Float64Array(d);
  rng.fillNormals(w);
  const scale = (positive && w[0]! < 0 ? -1 : 1) / Math.sqrt(dot(w, w));
  for (let i = 0; i < d; i++) w[i] = w[i]! * scale;
  return w;
}

/**
 * One sample (x, y) applied to w in place by the rule's projected steps. Returns false (w then
 * undefined) if a step's norm is NaN, ±∞ or 0.
 */
export function fullStep(w: Float64Array, x: Float64Array, y: number, rule: SampleRule): boolean {
  const d = w.length;
  for (let k = 0; k < rule.subSteps; k++) {
    const z = dot(w, x);
    const c = rule.coefficient(k, y, z);
    let norm2 = 0;
    for (let i = 0; i < d; i++) {
      const v = w[i]! + c * (x[i]! - z * w[i]!);
      w[i] = v;
      norm2 += v * v;
    }
    const norm = Math.sqrt(norm2);
    if (!Number.isFinite(norm) || norm === 0) return false;
    const inv = 1 / norm;
    for (let i = 0; i < d; i++) w[i] = w[i]! * inv;
  }
  return true;
}

/**
 * fullStep for the engine's storage: w = scale·v (the normalisation w = v/‖v‖ is deferred, so
 * each sub-step is two passes over d: z = ⟨w, x⟩, then v ← (1 − c·z)·scale·v + c·x = the
 * unnormalised w + c·(x − z·w) together with its norm). Returns the new scale 1/‖v‖, or NaN if a
 * norm is NaN, ±∞ or 0.
 */
function fullStepScaled(v: Float64Array, scale: number, x: Float64Array, y: number, rule: SampleRule): number {
  const d = v.length;
  for (let k = 0; k < rule.subSteps; k++) {
    let dvx = 0;
    for (let i = 0; i < d; i++) dvx += v[i]! * x[i]!;
    const z = scale * dvx;
    const c = rule.coefficient(k, y, z);
    const a = (1 - c * z) * scale;
    let norm2 = 0;
    for (let i = 0; i < d; i++) {
      const e = a * v[i]! + c * x[i]!;
      v[i] = e;
      norm2 += e * e;
    }
    const norm = Math.sqrt(norm2);
    if (!Number.isFinite(norm) || norm === 0) return NaN;
    scale = 1 / norm;
  }
  return scale;
}

/**
 * The full engine, any width (independent neurons on the same samples). Neuron j is stored as
 * w_j = scales[j]·vs[j] (fullStepScaled); nothing is allocated per step.
 */
export function runFull(o: EngineInput, rng: Rng): RunResult {
  const { d, width: N, target } = o;
  const positive = o.init === 'positive';
  const tr = new HitTracker(o.seed, o.threshold, o.signSymmetric);
  const vs = Array.from({ length: N }, () => uniformSpherePoint(d, rng, positive));
  const scales = new Float64Array(N).fill(1);
  const rules = vs.map(() => o.rules());
  /** observe max_j m_j and max_j |m_j| after step t (m_j = w_j[0], at most 1 in modulus) */
  const observe = (t: number): boolean => {
    let max = -Infinity;
    let maxAbs = -Infinity;
    for (let j = 0; j < N; j++) {
      const m0 = scales[j]! * vs[j]![0]!;
      const m = m0 > 1 ? 1 : m0 < -1 ? -1 : m0; // trims the rounding of the deferred normalisation
      if (m > max || Number.isNaN(m)) max = m;
      if (Math.abs(m) > maxAbs || Number.isNaN(m)) maxAbs = Math.abs(m);
    }
    return tr.observe(t, max, maxAbs);
  };
  if (observe(0)) return tr.result();
  const sqrtNoise = Math.sqrt(o.noise);
  const x = new Float64Array(d);
  for (let t = 1; t <= o.maxSteps; t++) {
    rng.fillNormals(x);
    const u = x[0]!;
    const y = sqrtNoise > 0 ? target(u) + sqrtNoise * rng.normal() : target(u);
    let ok = true;
    for (let j = 0; j < N && ok; j++) {
      const sc = fullStepScaled(vs[j]!, scales[j]!, x, y, rules[j]!);
      scales[j] = sc;
      ok = !Number.isNaN(sc);
    }
    if (!ok) {
      tr.divergedAt(t);
      break;
    }
    if (observe(t)) break;
  }
  return tr.result();
}
