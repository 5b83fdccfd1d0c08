/**
 * What one neuron does with one sample (x, y): a short sequence of projected steps
 * w ← normalize(w + c_k·(x − z_k·w)), z_k = ⟨w, x⟩ before sub-step k, with coefficient
 * c_k = rate_k·ψ_k(y, z_k). Both engines apply these coefficients; only the geometry differs.
 *
 * - online:      one sub-step, c₀ = γ·y·σ'(z).
 * - batch-reuse: two sub-steps on the same sample, c₀ = η·y·σ'(z) (rate η), then
 *                c₁ = γ·y·σ'(z') with z' = ⟨w', x⟩ = (z(1 − c₀z) + c₀‖x‖²)/‖w'‖ the preactivation
 *                after the first step (docs/theory.md §5). Since ‖x‖² ≈ d, z' ≈ z + ηd·y·σ'(z): docs/theory.md
 *                §4's oracle ψ_η. Both steps move w, so to first order the mean change of m is
 *                η·E[g₁(u − zm)] + γ·E[ψ_η(u − zm)] − m·d·E[(η·g₁ + γ·ψ_η)²]/2 (g₁ = y·σ'(z)):
 *                the oracle's drift plus the first step's own drift and its share of the
 *                normalisation (test/sgd/batchReuse.test.ts checks this against the engine).
 * - alternating: one sub-step, ã = a + η·y·σ(z), c₀ = γ·ã·y·σ'(z); with secondLayer 'carry'
 *                the neuron keeps a ← ã, with 'reset' a stays a₀.
 * - custom:      one sub-step, c₀ = γ·ψ(y, z).
 */
import type { SgdAlgorithm } from './types.js';

export interface SampleRule {
  /** number of projected steps taken on each sample (2 for batch reuse, else 1) */
  readonly subSteps: number;
  /**
   * c_k = rate_k·ψ_k(y, z) for sub-step k at the current preactivation z. Call it exactly once
   * per sub-step, in order: the alternating rule with 'carry' updates its second-layer weight.
   * A plain function (it does not use `this`): the engines hoist it out of their loops.
   */
  readonly coefficient: (k: number, y: number, z: number) => number;
  /**
   * The alternating rule with 'carry': [a], the second-layer weight it updates at each call, for
   * an engine that repeats the rule's arithmetic itself (simdChains.ts) and keeps a in its stead.
   */
  readonly secondLayer?: Float64Array;
}

export interface RuleInputs {
  readonly algorithm: SgdAlgorithm;
  readonly gamma: number;
  readonly student: (z: number) => number;
  readonly studentDerivative: (z: number) => number;
}

/** A factory of per-neuron rules (each call gives a neuron its own second-layer state). */
export function ruleFactory(o: RuleInputs): () => SampleRule {
  const alg = o.algorithm;
  const ds = o.studentDerivative;
  // the rates in a Float64Array: read unboxed by the optimised chain loops (a captured const
  // costs a hole check and a Smi/HeapNumber check per call)
  switch (alg.kind) {
    case 'online': {
      const r = Float64Array.of(o.gamma);
      const rule: SampleRule = { subSteps: 1, coefficient: (_k, y, z) => r[0]! * y * ds(z) };
      return () => rule;
    }
    case 'batch-reuse': {
      const r = Float64Array.of(alg.eta, o.gamma);
      const rule: SampleRule = { subSteps: 2, coefficient: (k, y, z) => (k === 0 ? r[0]! : r[1]!) * y * ds(z) };
      return () => rule;
    }
    case 'alternating': {
      const r = Float64Array.of(o.gamma, alg.a, alg.eta);
      const s = o.student;
      if (alg.secondLayer === 'reset') {
        const rule: SampleRule = { subSteps: 1, coefficient: (_k, y, z) => r[0]! * (r[1]! + r[2]! * y * s(z)) * y * ds(z) };
        return () => rule;
      }
      return () => {
        const a = Float64Array.of(r[1]!); // this neuron's second-layer weight
        return {
          subSteps: 1,
          secondLayer: a,
          coefficient: (_k, y, z) => {
            a[0] = a[0]! + r[2]! * y * s(z);
            return r[0]! * a[0]! * y * ds(z);
          },
        };
      };
    }
    case 'custom': {
      const r = Float64Array.of(o.gamma);
      const psi = alg.psi;
      const rule: SampleRule = { subSteps: 1, coefficient: (_k, y, z) => r[0]! * psi(y, z) };
      return () => rule;
    }
  }
}
