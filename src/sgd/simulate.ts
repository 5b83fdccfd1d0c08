/**
 * One seed of spherical SGD on a Gaussian single-index model (docs/theory.md §4–§5, 2510.21020):
 * validate the options, seed the generator (`new Rng(seed)`, stream 0) and run the chosen
 * engine — 'reduced' (the exact low-dimensional chain, reduced.ts) or 'full' (explicit vectors,
 * full.ts). Both draw the same law of trajectories; their random streams differ.
 */
import { engineInput } from './engineInput.js';
import { runFull } from './full.js';
import { runReduced } from './reduced.js';
import { Rng } from './rng.js';
import type { RunOptions, RunResult } from './types.js';

export type { RunOptions, RunResult, SgdAlgorithm } from './types.js';

/**
 * Run one seed until max_j m_j ≥ τ (then |m| ≥ τ is known too), a divergence, or maxSteps
 * (censored: hit = null). Throws OutOfRangeError on invalid options. Deterministic in `seed`.
 */
export function runSeed(o: RunOptions): RunResult {
  const input = engineInput(o);
  const rng = new Rng(input.seed);
  return input.engine === 'full' ? runFull(input, rng) : runReduced(input, rng);
}
