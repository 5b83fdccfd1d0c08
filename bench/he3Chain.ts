/**
 * The He₃ reduced chain the speed benches time (bench/floor.ts, bench/ab.ts, bench/sgd.ts): the
 * sweep as `sindex verify --target 'He3(z)' --algo <algorithm>` compiles it, and the run options of
 * one seed with the rates the benches use — γ of `--gamma auto` for He₃ online, η = 1/d, a = 1,
 * τ = 2 (never reached, so every seed does all its steps).
 */
import { sweepConfig } from '../src/index.js';
import type { RunOptions } from '../src/sgd/types.js';
import type { SweepConfig } from '../src/verify/plan.js';
import type { CompiledSweep } from '../src/verify/runTask.js';

/** The algorithms a bench times (custom: ψ = y·He₃'(z) written out, the online chain). */
export type BenchAlgorithm = 'online' | 'batch-reuse' | 'alternating' | 'custom';

/**
 * γ = 0.5·μ₃/(E[ψ²]·d^{3/2}) with μ₃ = 3, E[ψ²] = 108: what `--gamma auto` gives He₃ online
 * (docs/theory.md §4), and reduced_numpy.py's default.
 * @example autoGamma(1) // 0.013888888888888888
 */
export const autoGamma = (d: number): number => (0.5 * 3) / (108 * d ** 1.5);

/** The sweep whose compiled links and oracle a bench runs (He₃ target and student), as `sindex verify` builds it. */
export const he3Sweep = (algorithm: BenchAlgorithm): SweepConfig =>
  sweepConfig({ target: 'He3(z)', algo: algorithm, psi: algorithm === 'custom' ? 'y*(3*z^2 - 3)' : undefined, d: [256], seeds: 2, maxSteps: 1 });

/** One seed's run options from a compiled sweep (any build's compileSweep): η = 1/d, γ = autoGamma(d), τ = 2. */
export function he3Options(
  sweep: Pick<CompiledSweep, 'algorithmAt' | 'target' | 'student' | 'studentDerivative'>,
  d: number,
  maxSteps: number,
  seed: number,
): RunOptions {
  return {
    d,
    algorithm: sweep.algorithmAt(1 / d, d),
    target: sweep.target,
    student: sweep.student,
    studentDerivative: sweep.studentDerivative,
    noise: 0,
    gamma: autoGamma(d),
    threshold: 2,
    maxSteps,
    init: 'positive',
    engine: 'reduced',
    seed,
  };
}
