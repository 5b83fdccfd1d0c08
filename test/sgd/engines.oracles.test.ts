/**
 * The reduced chain and the full d-dimensional engine give the same law of hitting times of
 * m ≥ 0.5 (two-sample KS, 400 seeds each, d = 64) for batch reuse and alternating SGD on He₃ at
 * moderate η. Step sizes follow docs/theory.md §4's γ ≍ μ_i/(E[ψ²]·d) for the i = 2 branch where it is
 * the one that wins (E[ψ²], μ₂ estimated once numerically).
 */
import { describe, expect, it } from 'vitest';
import { compareEngines, dhe3, he3, onlineGamma } from './helpers.js';

const d = 64;
const common = { d, target: he3, student: he3, studentDerivative: dhe3, noise: 0, threshold: 0.5, init: 'positive' as const };

describe('reduced vs full engine, d = 64, 400 seeds each', () => {
  it('batch reuse, ηd = 0.02, signed start', () => {
    const r = compareEngines(40, 400, {
      ...common,
      init: 'signed',
      algorithm: { kind: 'batch-reuse', eta: 0.02 / d },
      gamma: onlineGamma(d),
      maxSteps: 20_000,
    });
    console.log(`batch-reuse: KS D = ${r.ks.statistic.toFixed(4)}, p = ${r.ks.pValue.toFixed(3)}, medians ${r.medianReduced} / ${r.medianFull}`);
    expect(r.ks.pValue).toBeGreaterThan(0.01);
  });

  it('alternating, η = 0.05, a = 1, second layer reset', () => {
    const gamma = (4 * 0.5 * 16.8) / (25886 * d); // μ₂ ≈ 324η + …, E[ψ²] ≈ 2.6·10⁴ at η = 0.05
    const r = compareEngines(50, 400, { ...common, algorithm: { kind: 'alternating', eta: 0.05, a: 1, secondLayer: 'reset' }, gamma, maxSteps: 15_000 });
    console.log(`alternating reset: KS D = ${r.ks.statistic.toFixed(4)}, p = ${r.ks.pValue.toFixed(3)}, medians ${r.medianReduced} / ${r.medianFull}`);
    expect(r.ks.pValue).toBeGreaterThan(0.01);
  });

  it('alternating, η = 0.05, a = 1, second layer carried (label noise Δ = 0.25)', () => {
    const gamma = (0.5 * 16.8) / (25886 * d);
    const r = compareEngines(60, 400, {
      ...common,
      noise: 0.25,
      algorithm: { kind: 'alternating', eta: 0.05, a: 1, secondLayer: 'carry' },
      gamma,
      maxSteps: 20_000,
    });
    console.log(`alternating carry: KS D = ${r.ks.statistic.toFixed(4)}, p = ${r.ks.pValue.toFixed(3)}, medians ${r.medianReduced} / ${r.medianFull}`);
    expect(r.ks.pValue).toBeGreaterThan(0.01);
  });
});
