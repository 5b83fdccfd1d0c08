/**
 * The records and the stopping rule of a run on a multi-index target, shared by one neuron
 * (multiIndex.ts) and a committee (multiIndexCommittee.ts): after each step t the overlaps
 * m_{s,j} = ⟨θ_s, w_j⟩ (s = 1..r, j = 1..p) are observed;
 *   hit               the first t with max_j Σ_s m_{s,j}² ≥ τ² (the best neuron's ‖P_S w_j‖ ≥ τ),
 *   directionHits[s]  the first t with max_j m_{s,j}² ≥ τ_dir²,
 *   diverged          the first t with a non-finite m_{s,j}² (or a non-finite entry of `extra`),
 * and the run stops once hit and every directionHits[s] are known (with until 'subspace': once hit
 * is known), at a divergence, or after maxSteps. Nothing is allocated per step.
 */

import { OutOfRangeError } from '../errors.js';

/** The options of the records and the stopping rule, as a caller gives them. */
export interface HitOptions {
  readonly threshold?: number;
  readonly directionThreshold?: number;
  readonly maxSteps: number;
  readonly until?: 'all' | 'subspace';
  readonly engine: 'reduced' | 'full';
  readonly seed: number;
}

/**
 * Validate the records' options (OutOfRangeError naming the field, prefixed by `what`) and resolve
 * the defaults: τ = 0.5, τ_dir = τ, until 'all'.
 * @example hitOptions({ threshold: 2, maxSteps: 1, engine: 'reduced', seed: 1 }, 'multi-index SGD') // throws OutOfRangeError: multi-index SGD: threshold must be in (0, 1], got 2
 */
export function hitOptions(o: HitOptions, what: string): { threshold: number; directionThreshold: number; until: 'all' | 'subspace' } {
  const check = (ok: boolean, message: string) => {
    if (!ok) throw new OutOfRangeError(`${what}: ${message}`);
  };
  const threshold = o.threshold ?? 0.5;
  check(threshold > 0 && threshold <= 1, `threshold must be in (0, 1], got ${threshold}`);
  const directionThreshold = o.directionThreshold ?? threshold;
  check(directionThreshold > 0 && directionThreshold <= 1, `directionThreshold must be in (0, 1], got ${directionThreshold}`);
  check(Number.isSafeInteger(o.maxSteps) && o.maxSteps >= 0, `maxSteps must be an integer ≥ 0, got ${o.maxSteps}`);
  const until = o.until ?? 'all';
  check(until === 'all' || until === 'subspace', `until must be 'all' or 'subspace', got '${String(until)}'`);
  check(o.engine === 'reduced' || o.engine === 'full', `engine must be 'reduced' or 'full', got '${String(o.engine)}'`);
  check(Number.isSafeInteger(o.seed), `seed must be a safe integer, got ${o.seed}`);
  return { threshold, directionThreshold, until };
}

/** The state a run exposes to the recorder: its overlaps, and a step that reports overflow. */
export interface ObservedChain {
  /** out[(s−1)·p + (j−1)] = m_{s,j} */
  overlaps(out: Float64Array): void;
  /** draw one sample and step; false on overflow */
  step(): boolean;
}

export interface HitRecords {
  /** the step count at the end */
  readonly steps: number;
  readonly hit: number | null;
  readonly directionHits: (number | null)[];
  readonly diverged: number | null;
  /** the last finite overlaps, m_{s,j} at [(s−1)·p + (j−1)] */
  readonly last: Float64Array;
  /** the last finite value of `extra` (empty without it) */
  readonly lastExtra: Float64Array;
}

/**
 * Step `chain` from t = 0 under the records and the stopping rule of the module comment. `extra`,
 * when given, is other state that must stay finite (a committee's second layer), read after each
 * observation; its last finite value is returned as `lastExtra`.
 */
export function recordHits(
  chain: ObservedChain,
  o: {
    readonly directions: number;
    readonly width: number;
    readonly threshold: number;
    readonly directionThreshold: number;
    readonly maxSteps: number;
    readonly until: 'all' | 'subspace';
  },
  extra?: Float64Array,
): HitRecords {
  const r = o.directions;
  const p = o.width;
  const m = new Float64Array(r * p);
  const last = new Float64Array(r * p);
  const lastExtra = new Float64Array(extra?.length ?? 0);
  const hits = new Float64Array(r).fill(-1);
  const tau2 = o.threshold * o.threshold;
  const tauDir2 = o.directionThreshold * o.directionThreshold;
  let hit = -1;
  let known = 0;
  let diverged: number | null = null;
  let t = 0;
  /** observe the state after step t; true when the run stops */
  const observe = (): boolean => {
    chain.overlaps(m);
    for (let i = 0; i < r * p; i++) {
      if (!Number.isFinite(m[i]! * m[i]!)) {
        diverged = t;
        return true;
      }
    }
    if (extra) {
      for (let i = 0; i < extra.length; i++) {
        if (!Number.isFinite(extra[i]!)) {
          diverged = t;
          return true;
        }
      }
      lastExtra.set(extra);
    }
    last.set(m);
    let best = 0;
    for (let j = 0; j < p; j++) {
      let s2 = 0;
      for (let s = 0; s < r; s++) s2 += m[s * p + j]! * m[s * p + j]!;
      if (s2 > best) best = s2;
    }
    if (hit < 0 && best >= tau2) hit = t;
    for (let s = 0; s < r; s++) {
      if (hits[s]! >= 0) continue;
      for (let j = 0; j < p; j++) {
        if (m[s * p + j]! * m[s * p + j]! >= tauDir2) {
          hits[s] = t;
          known++;
          break;
        }
      }
    }
    return hit >= 0 && (known === r || o.until === 'subspace');
  };
  if (!observe()) {
    for (t = 1; t <= o.maxSteps; t++) {
      if (!chain.step()) {
        diverged = t;
        break;
      }
      if (observe()) break;
    }
    if (t > o.maxSteps) t = o.maxSteps;
  }
  return {
    steps: t,
    hit: hit < 0 ? null : hit,
    directionHits: Array.from(hits, (h) => (h < 0 ? null : h)),
    diverged,
    last,
    lastExtra,
  };
}
