// The terminal scaling plot puts exact power-law medians on their predicted line.
import { describe, expect, it } from 'vitest';
import { asciiScalingPlot } from '../../cli/format/scalingAscii.js';
import type { RunSummary } from '../../src/verify/summary.js';

const run = (d: number, median: number | null): RunSummary => ({
  alpha: 0,
  d,
  eta: 1,
  gamma: 1e-3,
  seeds: 8,
  median,
  ci: [null, null],
  reachedFraction: 1,
  medianAbs: median,
  ciAbs: [null, null],
  diverged: 0,
});

describe('asciiScalingPlot', () => {
  it('medians 5·d² sit on the slope-2 line through their geometric mean', () => {
    const lines = asciiScalingPlot(
      [run(32, 5 * 32 ** 2), run(64, 5 * 64 ** 2), run(128, 5 * 128 ** 2)],
      [{ alpha: 0, slope: 2, slopeExact: '2', regime: 'information', log: false }],
      41,
      9,
    );
    const grid = lines.slice(0, 9).map((l) => l.slice(l.indexOf('┤') + 1));
    const markerColumns = [...new Set(grid.flatMap((row) => [...row].flatMap((ch, c) => (ch === 'o' ? [c] : []))))].sort((a, b) => a - b);
    expect(markerColumns).toEqual([0, 20, 40]);
    // the line has one '.' per column; where a marker sits, it covered that '.'
    for (const c of markerColumns) expect(grid.filter((row) => row[c] === '.')).toHaveLength(0);
    expect(lines.at(-1)).toMatch(/d = 32, 64, 128/);
  });

  it('says so when no median is known yet', () => {
    expect(asciiScalingPlot([run(32, null)], [])).toEqual(['(no median yet)']);
  });
});
