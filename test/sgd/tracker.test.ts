// The stopping rule of every engine (tracker.ts), on hand-made overlap sequences.
import { describe, expect, it } from 'vitest';
import { OutOfRangeError } from '../../src/errors.js';
import { engineInput } from '../../src/sgd/engineInput.js';
import { HitTracker } from '../../src/sgd/tracker.js';
import { options } from './helpers.js';

describe('HitTracker', () => {
  // (max_j m_j, max_j |m_j|) after steps 0..3: the overlaps reach −0.6 at step 2, +0.55 at step 3
  const path: [number, number][] = [
    [0.1, 0.1],
    [-0.2, 0.3],
    [-0.3, 0.6],
    [0.55, 0.55],
  ];
  const run = (tr: HitTracker) => path.findIndex(([m, a], t) => tr.observe(t, m, a));

  it('default: stops once m ≥ τ (then |m| ≥ τ is known too)', () => {
    const tr = new HitTracker(1, 0.5);
    expect(run(tr)).toBe(3);
    expect(tr.result()).toEqual({ seed: 1, hit: 3, hitAbs: 2, steps: 3, diverged: null, finalOverlap: 0.55 });
  });

  it('sign-symmetric: stops at the first |m| ≥ τ and counts it as the hit', () => {
    const tr = new HitTracker(1, 0.5, true);
    expect(run(tr)).toBe(2);
    expect(tr.result()).toEqual({ seed: 1, hit: 2, hitAbs: 2, steps: 2, diverged: null, finalOverlap: -0.3 });
  });

  it('a repeated observation of the same step changes nothing', () => {
    const tr = new HitTracker(1, 0.5);
    tr.observe(0, 0.1, 0.1);
    tr.observe(1, -0.2, 0.7);
    const once = tr.result();
    tr.observe(1, -0.2, 0.7);
    expect(tr.result()).toEqual(once);
  });

  it('engineInput checks signSymmetric and resolves it to false', () => {
    const o = options({ d: 8, algorithm: { kind: 'online' }, gamma: 0.01, engine: 'reduced', seed: 1 });
    expect(engineInput(o).signSymmetric).toBe(false);
    expect(engineInput({ ...o, signSymmetric: true }).signSymmetric).toBe(true);
    expect(() => engineInput({ ...o, signSymmetric: 'yes' as never })).toThrow(OutOfRangeError);
  });
});
