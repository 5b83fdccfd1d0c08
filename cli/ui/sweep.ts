/** The UI's quick verifier sweep of the current fields: UI_SWEEP's sizes, the rest SWEEP_DEFAULTS. */
import { Rational } from '../../src/exact/rational.js';
import type { ThresholdResult } from '../../src/thresholds/thresholds.js';
import { SWEEP_DEFAULTS } from '../../src/verify/defaults.js';
import type { SweepConfig } from '../../src/verify/plan.js';
import { UI_SWEEP } from '../defaults.js';
import type { ThresholdsQuery } from './protocol.js';

/** The query a sweep answers: the thresholds query without d. */
export const sweepQuery = ({ d: _, ...q }: ThresholdsQuery): Omit<ThresholdsQuery, 'd'> => q;

/** α = 0, and half a unit past the last breakpoint of the phase diagram when there is one. */
export function quickSweep(q: ThresholdsQuery, t: ThresholdResult): SweepConfig {
  const breakpoints = t.phaseDiagram.breakpoints;
  const last = breakpoints.length ? Rational.parse(breakpoints[breakpoints.length - 1]!).toNumber() : null;
  return {
    target: q.target,
    student: q.student,
    algorithm: q.algorithm,
    psi: q.psi,
    a: SWEEP_DEFAULTS.a,
    secondLayer: UI_SWEEP.secondLayer,
    parameters: [],
    noise: q.noise ?? '0',
    ds: [...UI_SWEEP.ds],
    alphas: last === null ? [0] : [0, last + 0.5],
    etaScale: SWEEP_DEFAULTS.etaScale,
    seeds: UI_SWEEP.seeds,
    gamma: { kind: 'auto', c: SWEEP_DEFAULTS.gammaC },
    threshold: SWEEP_DEFAULTS.threshold,
    maxSteps: UI_SWEEP.maxSteps,
    init: UI_SWEEP.init,
    engine: UI_SWEEP.engine,
    width: SWEEP_DEFAULTS.width,
    seed: SWEEP_DEFAULTS.seed,
  };
}
