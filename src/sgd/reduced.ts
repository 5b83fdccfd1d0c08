/**
 * The exact reduced chain (docs/theory.md §5): the law of the overlaps of spherical SGD without
 * d-dimensional vectors, at a cost per step independent of d.
 *
 * Width 1 (scalarChain.ts, which also steps two seeds in turn). With m = ⟨w, θ*⟩, draw
 * z, ξ ~ N(0,1) and R ~ χ²_{d−2} (and ε ~ N(0,1) if Δ > 0), each step (ScalarChain.sample
 * gives the order); then ⟨θ*, x⟩ = u = m·z + √(1−m²)·ξ, ‖x‖² − z² = ξ² + R, y = σ*(u) + √Δ·ε, and each
 * projected step with coefficient c = rate·ψ gives m' = ((1 − c·z)·m + c·u)/√(1 + c²(‖x‖² − z²))
 * (sphereStep.ts; batch reuse takes two such steps, the second at z' = (z(1−cz) + c‖x‖²)/n).
 * The start is m₀ = g/√(g² + χ²_{d−1}), g ~ N(0,1): the first coordinate of a uniform point of
 * S^{d−1}, made non-negative with init 'positive'.
 *
 * Width N > 1. N independent neurons, each with its own oracle ψ(y, z_j) and the same samples
 * and labels; the state is the triangular factor of the Gram matrix of (θ*, w_1..w_N) (gram.ts).
 * Per step: ζ ~ N(0, I_{N+1}) (ζ_0 = u), ρ² ~ χ²_{d−N−1}, then ε; O(N²) work. The engine runs
 * it by its own loop (gramChain.generated.ts); test/sgd/gramReference.ts has the same step written with its pieces.
 *
 * Both stop at the tracker's rule (tracker.ts): once m ≥ τ, or, for a sign-symmetric run (an
 * even link), once |m| ≥ τ (width N: max_j m_j, max_j |m_j|).
 */
import { runGramChain } from './gramChain.generated.js';
import type { Rng } from './rng.js';
import type { SampleRule } from './rule.js';
import { stepOnSample, type PlaneState } from './sphereStep.js';
import type { EngineInput } from './engineInput.js';
import { runChain } from './chainScheduler.js';
import { ScalarChain } from './scalarChain.js';
import type { RunResult } from './types.js';

/** One sample for the width-1 chain: z = ⟨w, x⟩, ξ (the θ*-direction orthogonal to w), R = ‖rest‖². */
export interface ReducedSample {
  z: number;
  xi: number;
  r: number;
}

/**
 * m after one sample of the width-1 chain, for a given label y: u = m·z + √(1−m²)·ξ, p = ξ² + R,
 * then the rule's projected steps. NaN if a step overflows.
 */
export function reducedStep(m: number, x: ReducedSample, y: number, rule: SampleRule): number {
  const s: PlaneState = { m, z: x.z, p: x.xi * x.xi + x.r, a: 1, b: 0 };
  return stepOnSample(s, reducedProjection(m, x), y, rule) ? s.m : NaN;
}

/** θ*'s projection u = m·z + √(1−m²)·ξ of the width-1 sample. */
export function reducedProjection(m: number, x: ReducedSample): number {
  return m * x.z + Math.sqrt(Math.max(0, 1 - m * m)) * x.xi;
}

/** Width 1: the scalar chain of one seed (scalarChain.ts, its own generator new Rng(seed)). */
export function runReducedSingle(o: EngineInput): RunResult {
  return runChain(new ScalarChain(o));
}

/**
 * Width N ≥ 2: the Gram-factor chain of one seed (gram.ts), by its own loop (gramChain.ts), which
 * draws the same variates and does the same arithmetic as the step written from its pieces
 * (test/sgd/gramReference.ts): the same result, bit for bit.
 */
export function runReducedGram(o: EngineInput, rng: Rng): RunResult {
  return runGramChain(o, rng);
}

/** The reduced engine: the scalar chain for width 1, the Gram-factor chain otherwise. */
export function runReduced(o: EngineInput, rng: Rng): RunResult {
  return o.width === 1 ? runReducedSingle(o) : runReducedGram(o, rng);
}
