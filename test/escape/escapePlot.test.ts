// The plot of `sindex escape` (src/plot/escapePlot.ts) from a report built by hand: one simulated
// marker per finite median, an arrow per censored median, the pgfplots error bars equal to the
// interval's distances from the median, and larger times drawn higher.
import { describe, expect, it } from 'vitest';
import { escapeConfig } from '../../src/escape/config.js';
import type { EscapePlan, EscapePrediction } from '../../src/escape/plan.js';
import { escapeReport } from '../../src/escape/report.js';
import type { EscapeRun } from '../../src/escape/summary.js';
import { escapePgfplots, escapeSvg } from '../../src/plot/escapePlot.js';

const prediction = (p: number, ode: number | null, quenched: number | null): EscapePrediction => ({
  p,
  d: 1000,
  gamma: 0.1 * p,
  gammaOpt: null,
  odeExitSamples: ode,
  odeExitError: null,
  annealedSamples: null,
  quenchedSamples: quenched,
  quenchedError: null,
  sMinOverD: null,
  gain: null,
  caveat: null,
  notes: [],
});

const run = (p: number, median: number | null, ci: [number | null, number | null]): EscapeRun => ({
  p,
  d: 1000,
  gamma: 0.1 * p,
  seeds: 8,
  median,
  ci,
  quartiles: [null, null],
  mean: null,
  meanCi: [null, null],
  reached: median === null ? 0.25 : 1,
  medianHitAbs: null,
  diverged: 0,
  maxSteps: 1e6,
});

const config = escapeConfig({ widths: [1, 2, 4], ds: [1000], seeds: 8 });
const plan: EscapePlan = { tasks: [], predictions: [prediction(1, 15000, 18000), prediction(2, 7500, 8200), prediction(4, 6300, null)], gainLimit: 6 };
const runs = [run(1, 14000, [12000, 17000]), run(2, 7000, [6500, 8000]), run(4, null, [5000, null])];
const report = escapeReport(config, plan, runs, { finished: 24, planned: 24, interrupted: false, shard: null, fingerprint: 'x', wallSeconds: 0 });

describe('the escape plot', () => {
  it('SVG: a marker per finite median, an arrow per censored one, larger times higher', () => {
    const svg = escapeSvg(report);
    expect(svg.match(/class="simulated"/g)?.length).toBe(2);
    expect(svg.match(/class="censored"/g)?.length).toBe(1);
    expect(svg.match(/class="ode-point"/g)?.length).toBe(3);
    const ys = [...svg.matchAll(/<use[^>]*class="simulated"[^>]*>/g)].map((m) => Number(/\by="([-\d.]+)"/.exec(m[0])![1]));
    expect(ys.length).toBe(2);
    expect(ys[0]!).toBeLessThan(ys[1]!); // 14000 samples above 7000 (SVG y grows downwards)
  });

  it('pgfplots: error bars are the distances from the median to the interval ends', () => {
    const tex = escapePgfplots(report);
    const bars = [...tex.matchAll(/\(([\d.e+-]+),([\d.e+-]+)\) -= \(0,([\d.e+-]+)\) \+= \(0,([\d.e+-]+)\)/g)].map((m) => m.slice(1).map(Number));
    expect(bars).toEqual([
      [1, 14000, 2000, 3000],
      [2, 7000, 500, 1000],
    ]);
    expect(tex).toContain('\\addlegendentry{quenched, $d = 1000$}');
  });
});
