/**
 * Checked run options as the engines consume them: width resolved and the oracle compiled into
 * a per-neuron rule factory. Built by simulate.ts (`engineInput`), which validates every field.
 */
import { OutOfRangeError } from '../errors.js';
import { ruleFactory, type SampleRule } from './rule.js';
import type { RunOptions } from './types.js';

export interface EngineInput extends Omit<RunOptions, 'width' | 'signSymmetric'> {
  readonly width: number;
  /** RunOptions.signSymmetric resolved (false when absent) */
  readonly signSymmetric: boolean;
  /** a fresh per-neuron rule (its own second-layer weight for alternating 'carry') */
  readonly rules: () => SampleRule;
}

function check(ok: boolean, message: string): void {
  if (!ok) throw new OutOfRangeError(message);
}

/** Validate RunOptions (OutOfRangeError on a bad value) and compile the oracle. */
export function engineInput(o: RunOptions): EngineInput {
  const width = o.width ?? 1;
  check(Number.isSafeInteger(width) && width >= 1, `width must be an integer ≥ 1, got ${width}`);
  check(Number.isSafeInteger(o.d) && o.d >= width + 1, `d must be an integer ≥ width + 1 = ${width + 1}, got ${o.d}`);
  check(Number.isFinite(o.gamma), `gamma must be finite, got ${o.gamma}`);
  check(Number.isFinite(o.noise) && o.noise >= 0, `noise must be finite and ≥ 0, got ${o.noise}`);
  check(!Number.isNaN(o.threshold), 'threshold must be a number');
  check(Number.isSafeInteger(o.maxSteps) && o.maxSteps >= 0, `maxSteps must be an integer ≥ 0, got ${o.maxSteps}`);
  check(Number.isSafeInteger(o.seed), `seed must be a safe integer, got ${o.seed}`);
  check(o.init === 'positive' || o.init === 'signed', `init must be 'positive' or 'signed', got '${String(o.init)}'`);
  check(o.engine === 'reduced' || o.engine === 'full', `engine must be 'reduced' or 'full', got '${String(o.engine)}'`);
  const alg = o.algorithm;
  if (alg.kind === 'batch-reuse' || alg.kind === 'alternating') check(Number.isFinite(alg.eta), `eta must be finite, got ${alg.eta}`);
  if (alg.kind === 'alternating') {
    check(Number.isFinite(alg.a), `a must be finite, got ${alg.a}`);
    check(alg.secondLayer === 'reset' || alg.secondLayer === 'carry', `secondLayer must be 'reset' or 'carry', got '${String(alg.secondLayer)}'`);
  }
  check(o.signSymmetric === undefined || typeof o.signSymmetric === 'boolean', `signSymmetric must be a boolean, got '${String(o.signSymmetric)}'`);
  return { ...o, width, signSymmetric: o.signSymmetric ?? false, rules: ruleFactory(o) };
}
