// Verdict rules on hand-made fits.
import { describe, expect, it } from 'vitest';
import { verdict } from '../../src/stats/verdict.js';

describe('verdict', () => {
  const fit = { slope: 1.5, ci: [1.3, 1.7] as [number, number], points: 5, censoredMedians: 0 };

  it('agrees inside [lo − tol, hi + tol], edges included', () => {
    expect(verdict(fit, 1.5).verdict).toBe('agrees');
    expect(verdict(fit, 1.79).verdict).toBe('agrees'); // 1.7 + 0.1 slack
    expect(verdict(fit, 1.25).verdict).toBe('agrees');
    expect(verdict(fit, 1.9, { tolerance: 0.25 }).verdict).toBe('agrees');
    expect(verdict(fit, 1.5).reason).toMatch(/within/);
  });

  it('disagrees outside a narrow interval', () => {
    const v = verdict(fit, 2);
    expect(v.verdict).toBe('disagrees');
    expect(v.reason).toContain('CI [1.3, 1.7]');
    expect(verdict(fit, 1.15).verdict).toBe('disagrees');
    expect(verdict(fit, 1.81, { tolerance: 0 }).verdict).toBe('disagrees');
  });

  it('is inconclusive when the interval is too wide, even if the prediction is inside', () => {
    const wide = { ...fit, ci: [0.8, 2.2] as [number, number] };
    expect(verdict(wide, 1.5)).toMatchObject({ verdict: 'inconclusive', reason: expect.stringMatching(/wider than 1/) });
    expect(verdict(wide, 5).verdict).toBe('inconclusive');
    expect(verdict(wide, 5, { maxWidth: 2 }).verdict).toBe('disagrees');
  });

  it('is inconclusive with a missing slope or interval end', () => {
    expect(verdict({ slope: null, ci: [null, null] }, 1).verdict).toBe('inconclusive');
    expect(verdict({ slope: 1, ci: [0.9, null] }, 1)).toMatchObject({ verdict: 'inconclusive', reason: expect.stringMatching(/missing/) });
    expect(verdict({ slope: 1, ci: [-Infinity, Infinity] }, 1).verdict).toBe('inconclusive');
  });

  it('is inconclusive with fewer than minPoints values of d, or censored medians', () => {
    expect(verdict({ ...fit, points: 2 }, 1.5)).toMatchObject({ verdict: 'inconclusive', reason: expect.stringMatching(/only 2 values of d/) });
    expect(verdict({ ...fit, points: 3 }, 1.5).verdict).toBe('agrees');
    expect(verdict({ ...fit, points: 3 }, 1.5, { minPoints: 4 }).verdict).toBe('inconclusive');
    expect(verdict({ ...fit, censoredMedians: 1 }, 1.5)).toMatchObject({ verdict: 'inconclusive', reason: expect.stringMatching(/censored median/) });
    expect(verdict({ ...fit, censoredMedians: 1 }, 1.5, { maxCensoredMedians: 1 }).verdict).toBe('agrees');
    // Without the counts (a plain {slope, ci}) only the interval is judged.
    expect(verdict({ slope: 1.5, ci: [1.3, 1.7] }, 1.5).verdict).toBe('agrees');
  });

  it('gives a one-line reason', () => {
    for (const p of [0, 1.5, 3]) expect(verdict(fit, p).reason).not.toContain('\n');
  });
});
