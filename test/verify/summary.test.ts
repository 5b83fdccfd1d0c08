// Verdicts from synthetic records whose medians are known by construction.
import { describe, expect, it } from 'vitest';
import type { Prediction } from '../../src/verify/plan.js';
import type { SeedRecord } from '../../src/verify/records.js';
import { summarize } from '../../src/verify/summary.js';

const prediction: Prediction = { alpha: 0, slope: 2, slopeExact: '2', regime: 'information', log: false };

/** 21 seeds at d whose hitting times are d²·(0.9 + 0.01·i), i = 0..20 (median d²), or all censored. */
function seedsAt(d: number, censored = false): SeedRecord[] {
  return Array.from({ length: 21 }, (_, i) => {
    const t = Math.round(d * d * (0.9 + 0.01 * i));
    return {
      key: `0:${d}:${i}`,
      alpha: 0,
      d,
      seedIndex: i,
      seed: i,
      eta: 0,
      gamma: 1e-3,
      hit: censored ? null : t,
      hitAbs: censored ? null : t,
      steps: censored ? 10 * d * d : t,
      diverged: null,
    };
  });
}

describe('summarize: verdicts', () => {
  it('agrees when the medians follow d² at three values of d', () => {
    const f = summarize(
      [16, 32, 64].flatMap((d) => seedsAt(d)),
      [prediction],
      1,
    ).fits[0]!;
    expect(f.slope).toBeCloseTo(2, 2);
    expect(f.verdict).toBe('agrees');
  });

  it('is inconclusive when the largest d has a censored median (no run reached), whatever the other slopes say', () => {
    const f = summarize([...seedsAt(16), ...seedsAt(32), ...seedsAt(64), ...seedsAt(128, true)], [prediction], 1).fits[0]!;
    expect(f.verdict).toBe('inconclusive');
    expect(f.reason).toMatch(/censored median/);
  });

  it('is inconclusive with only two values of d', () => {
    const f = summarize(
      [16, 32].flatMap((d) => seedsAt(d)),
      [prediction],
      1,
    ).fits[0]!;
    expect(f.verdict).toBe('inconclusive');
  });

  it('counts a hit at step 0 (initial overlap already ≥ τ) as one step on the log scale instead of failing', () => {
    const records = [16, 32, 64].flatMap((d) => seedsAt(d));
    const first = records[0]!;
    records[0] = { ...first, hit: 0, hitAbs: 0, steps: 0 };
    const f = summarize(records, [prediction], 1).fits[0]!;
    // the replaced seed was already the fastest, so every median (d²·1.0 rounded) and the slope 2 stay
    expect(f.slope).toBeCloseTo(2, 2);
  });
});
