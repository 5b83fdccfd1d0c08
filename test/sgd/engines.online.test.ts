/**
 * The reduced chain and the full d-dimensional engine give the same law of hitting times of
 * m ≥ 0.5 (two-sample KS, 400 seeds each, d = 64): online SGD on He₃ at the step of docs/theory.md §4
 * γ = 0.5·μ₃/(E[ψ²]·d^{3/2}) (μ₃ = 3, E[ψ²] = 108), a custom oracle, and width 2.
 * Runs are capped (censored ones tie at +∞ in both samples), which bounds the cost.
 */
import { describe, expect, it } from 'vitest';
import { compareEngines, dhe3, he3, onlineGamma } from './helpers.js';

const d = 64;
const common = { d, target: he3, student: he3, studentDerivative: dhe3, noise: 0, threshold: 0.5, init: 'positive' as const };

describe('reduced vs full engine, d = 64, 400 seeds each', () => {
  it('online SGD, He₃', () => {
    const r = compareEngines(10, 400, { ...common, algorithm: { kind: 'online' }, gamma: onlineGamma(d), maxSteps: 25_000 });
    console.log(`online: KS D = ${r.ks.statistic.toFixed(4)}, p = ${r.ks.pValue.toFixed(3)}, medians ${r.medianReduced} / ${r.medianFull}`);
    expect(r.ks.pValue).toBeGreaterThan(0.01);
  });

  it('custom ψ = y²·z (label noise Δ = 0.25)', () => {
    const gamma = (0.5 * 18) / (3353 * d); // μ₂ = u₂(He₃²)·u₁(z) = 18, E[ψ²] = E[He₃⁴] + … ≈ 3353
    const r = compareEngines(20, 400, { ...common, noise: 0.25, algorithm: { kind: 'custom', psi: (y, z) => y * y * z }, gamma, maxSteps: 8_000 });
    console.log(`custom: KS D = ${r.ks.statistic.toFixed(4)}, p = ${r.ks.pValue.toFixed(3)}, medians ${r.medianReduced} / ${r.medianFull}`);
    expect(r.ks.pValue).toBeGreaterThan(0.01);
  });

  it('width 2 (Gram-factor chain vs two explicit neurons), online SGD, hit of max_j m_j', () => {
    const r = compareEngines(30, 400, { ...common, width: 2, algorithm: { kind: 'online' }, gamma: onlineGamma(d), maxSteps: 20_000 });
    console.log(`width 2: KS D = ${r.ks.statistic.toFixed(4)}, p = ${r.ks.pValue.toFixed(3)}, medians ${r.medianReduced} / ${r.medianFull}`);
    expect(r.ks.pValue).toBeGreaterThan(0.01);
  });
});

describe('reduced vs full engine at d = 3 and 4 (χ²_1 and χ²_2 by Rng.chiSquared, no Gamma ziggurat), 400 seeds each', () => {
  it.each([3, 4])('online SGD, He₃, d = %i', (dd) => {
    const r = compareEngines(40 + dd, 400, { ...common, d: dd, threshold: 0.9, algorithm: { kind: 'online' }, gamma: onlineGamma(dd), maxSteps: 20_000 });
    expect(r.reduced.filter((h) => h !== null).length).toBeGreaterThan(300); // most seeds do reach τ
    expect(r.ks.pValue).toBeGreaterThan(0.01);
  });
});
