// The paper's closed forms for the square committee (src/committee/closedForms.ts, arXiv 2305.18502)
// against the ODE integrated numerically (src/committee/ode.ts), hand-derived exact p = 1 solutions,
// a numerical minimisation, and the numbers the paper states (γ < 1/6, γ_opt = 1/(12 + Δ), gain (12 + Δ)/(2 + Δ)).
//
// Why these tolerances. For p = 1 the spherical ODE is logistic in u = m²: du/dt = 2u[(a − b) − a·u],
// a = 4(1 − 6γ), b = 2γΔ, excess risk 2(1 − u), so the exit level is u_T = T + (1 − T)u₀ and
//   t_exact(u₀) = log[(u*/u₀ − 1)/(u*/u_T − 1)]/(2(a − b)),  u* = 1 − b/a.
// The paper linearises (u ≪ 1); for Δ = 0 (u* = 1) this gives t_exact = t_paper − log(1 − T)/(2a) exactly,
// for every u₀, hence for the annealed and the quenched averages alike: the closed forms are off by a
// d-independent constant while t grows like log d / (2ω_M), so their relative error is O(1/log d).
import { describe, expect, it } from 'vitest';
import {
  annealedExitTime,
  escapeRate,
  gain,
  gainLimit,
  gammaCritical,
  gammaOpt,
  plateauExcessRisk,
  quenchedExitTime,
  sMin,
} from '../../src/committee/closedForms.js';
import { gaussHermiteRule } from '../../src/committee/gaussRules.js';
import { integrateCommitteeOde, odeExitTime } from '../../src/committee/ode.js';
import { committeeRisk } from '../../src/committee/risk.js';
import type { CommitteeSpec } from '../../src/committee/spec.js';

const square = (width: number, gamma: number, noise: number): CommitteeSpec => ({
  width,
  target: 'z^2',
  activation: 'z^2',
  noise,
  gamma,
  secondLayer: { trained: false },
});

describe('p = 1 exit times: closed forms against the ODE', () => {
  const gamma = 0.05;
  for (const d of [1e4, 1e8]) {
    for (const T of [0.1, 0.5]) {
      it(`Δ = 0, d = ${d}, T = ${T}: ODE = paper − log(1 − T)/(8(1 − 6γ)), annealed and quenched`, () => {
        const o = { width: 1, d, noise: 0, gamma, riskDrop: T };
        const shift = -Math.log(1 - T) / (8 * (1 - 6 * gamma));
        const annealed = odeExitTime(square(1, gamma, 0), { d, riskDrop: T, init: 'annealed' });
        expect(annealed.reached).toBe(true);
        expect(Math.abs(annealed.t! - (annealedExitTime(o) + shift))).toBeLessThan(1e-8);
        expect(annealed.samples).toBeCloseTo((annealed.t! * d) / gamma, 6);
        const quenched = odeExitTime(square(1, gamma, 0), { d, riskDrop: T, init: 'quenched' });
        expect(quenched.quadratureError!).toBeLessThan(1e-9);
        expect(Math.abs(quenched.t! - (quenchedExitTime(o) + shift))).toBeLessThan(1e-8);
      });
    }
  }
  it('Δ > 0: the ODE equals the hand-solved logistic exit time, which is the paper’s plus log((u* − u₀)/(u* − u_T))/(2(a − b))', () => {
    const gamma = 0.04;
    const delta = 1.5;
    const a = 4 * (1 - 6 * gamma);
    const b = 2 * gamma * delta;
    const uStar = 1 - b / a;
    for (const d of [1e6, 1e12]) {
      const T = 0.2;
      const u0 = 1 / d;
      // excess risk 2(1 − u) + (noise floor removed): the level (1 − T)·2(1 − u₀) is reached at u_T.
      const uT = T + (1 - T) * u0;
      const exact = Math.log((uStar / u0 - 1) / (uStar / uT - 1)) / (2 * (a - b));
      const ode = odeExitTime(square(1, gamma, delta), { d, riskDrop: T, init: 'annealed' });
      expect(Math.abs(ode.t! - exact)).toBeLessThan(1e-8);
      const paper = annealedExitTime({ width: 1, d, noise: delta, gamma, riskDrop: T });
      // u_T/u₀ = Td + 1 − T, so paper = log(u_T/u₀)/(2(a − b)) and exact − paper = log((u* − u₀)/(u* − u_T))/(2(a − b)): O(1) in d.
      expect(Math.abs(ode.t! - paper - Math.log((uStar - u0) / (uStar - uT)) / (2 * (a - b)))).toBeLessThan(1e-8);
      expect(Math.abs(ode.t! - paper) / paper).toBeLessThan(d > 1e9 ? 0.01 : 0.02);
    }
  });
  it('the quenched closed form equals its definition E_{μ₀~χ²(1)}[log(Td/μ₀ + 1 − T)]/(2ω) by 1-D Gauss–Hermite in the test', () => {
    // Split: log(Td + (1 − T)g²) is smooth in g, E[log g²] = −γ_E − log 2.
    const d = 1e5;
    const T = 0.3;
    const rule = gaussHermiteRule(60);
    const smooth = rule.nodes.reduce((s, g, i) => s + rule.weights[i]! * Math.log(T * d + (1 - T) * g * g), 0);
    const omega = 4 * (1 - 6 * 0.05) - 2 * 0.05 * 0.2; // ω = 4(1 − 6γ) − 2γΔ (eq. spherical-p1-ode linearised at m = 0)
    const expected = (smooth + 0.5772156649015329 + Math.LN2) / (2 * omega);
    expect(Math.abs(quenchedExitTime({ width: 1, d, noise: 0.2, gamma: 0.05, riskDrop: T }) - expected)).toBeLessThan(1e-10);
  });
  it('quenched ≥ annealed (Jensen), for p = 1, 2, 5', () => {
    for (const width of [1, 2, 5]) {
      const o = { width, d: 1e5, noise: 0.5, gamma: 0.05 * width, riskDrop: 0.3 };
      expect(quenchedExitTime(o)).toBeGreaterThan(annealedExitTime(o));
    }
  });
});

describe('p > 1: the annealed closed form against the ODE from the annealed start (m_j = Q_jl = d^{−1/2})', () => {
  for (const width of [2, 3]) {
    it(`p = ${width}: same log d slope 1/(2ω_M) and a d-independent offset`, () => {
      const gamma = 0.05 * width;
      const noise = 0.5;
      const T = 0.1;
      const t = (d: number) => odeExitTime(square(width, gamma, noise), { d, riskDrop: T, init: 'annealed' }).t!;
      const closed = (d: number) => annealedExitTime({ width, d, noise, gamma, riskDrop: T });
      const [t8, t12] = [t(1e8), t(1e12)];
      // slope: the closed form's prefactor of log d is 1/(2ω_M)
      const slope = (t12 - t8) / Math.log(1e4);
      const omegaM = 4 * (1 - (gamma / width) * (1 + 1 / width + 4 / width ** 2 + noise / 2)); // eq. Msphericalgenericpk1
      expect(Math.abs(slope * 2 * omegaM - 1)).toBeLessThan(1e-3);
      // offset: the nonlinear end of the escape, O(1), the same at both d
      expect(Math.abs(t12 - closed(1e12) - (t8 - closed(1e8)))).toBeLessThan(1e-3);
      expect(Math.abs(t12 - closed(1e12)) / closed(1e12)).toBeLessThan(0.01);
    });
  }
  it('the quenched ODE route is width 1 only', () => {
    expect(() => odeExitTime(square(2, 0.1, 0), { d: 1e4, riskDrop: 0.5, init: 'quenched' })).toThrow(/width 1 only/);
  });
  it('above the critical step the ODE does not escape (null with a reason)', () => {
    const r = odeExitTime(square(1, 0.2, 0), { d: 1e4, riskDrop: 0.5, init: 'annealed', tMax: 50 });
    expect(r.reached).toBe(false);
    expect(r.t).toBeNull();
    expect(r.reason).toMatch(/did not fall/);
    const q = odeExitTime(square(1, 0.2, 0), { d: 1e4, riskDrop: 0.5, init: 'quenched' });
    expect(q.reason).toMatch(/does not repel/);
  });
});

describe('optimal step, minimal samples, gain', () => {
  it('the paper’s numbers: γ_c = 1/6 for p = 1 (Δ = 0), γ_opt = 1/(12 + Δ), gain → (12 + Δ)/(2 + Δ)', () => {
    expect(gammaCritical(1, 0)).toBeCloseTo(1 / 6, 15);
    for (const delta of [0, 0.5, 3]) {
      expect(gammaOpt(1, delta)).toBeCloseTo(1 / (12 + delta), 15);
      expect(gainLimit(delta)).toBeCloseTo((12 + delta) / (2 + delta), 15);
    }
  });
  it('γ_opt minimises s(γ) = (p·d/γ)·t_anl(γ) (golden-section search), and s(γ_opt) = s_min; γ_c = 2γ_opt has ω_M = 0', () => {
    for (const [width, delta] of [
      [1, 0],
      [3, 0.5],
      [10, 2],
    ] as const) {
      const d = 1e5;
      const T = 0.4;
      const s = (gamma: number) => ((width * d) / gamma) * annealedExitTime({ width, d, noise: delta, gamma, riskDrop: T });
      let lo = 1e-6;
      let hi = gammaCritical(width, delta) * (1 - 1e-9);
      for (let i = 0; i < 200; i++) {
        const x1 = hi - 0.618 * (hi - lo);
        const x2 = lo + 0.618 * (hi - lo);
        if (s(x1) < s(x2)) hi = x2;
        else lo = x1;
      }
      expect(Math.abs(0.5 * (lo + hi) - gammaOpt(width, delta)) / gammaOpt(width, delta)).toBeLessThan(1e-6);
      expect(Math.abs(s(gammaOpt(width, delta)) / sMin(width, d, delta, T) - 1)).toBeLessThan(1e-12);
      expect(Math.abs(escapeRate(width, gammaCritical(width, delta), delta))).toBeLessThan(1e-12);
      expect(gammaCritical(width, delta)).toBeCloseTo(2 * gammaOpt(width, delta), 12);
    }
  });
  it('the gain s_min(1)/s_min(p) approaches (12 + Δ)/(2 + Δ) for p, d → ∞ at the predicted rate', () => {
    for (const delta of [0, 1]) {
      const p = 1e4;
      const d = 1e200;
      const T = 0.5;
      // s_min(1)/s_min(p) = (12 + Δ)/(2 + Δ + 2/p + 8/p²) · log(Td + 1 − T)/log((p+1)(Td + 1 − T)/(2p))
      const predicted = ((12 + delta) / (2 + delta + 2 / p + 8 / p ** 2)) * (Math.log(T * d) / Math.log(((p + 1) * T * d) / (2 * p)));
      expect(Math.abs(gain(p, d, delta, T) / predicted - 1)).toBeLessThan(1e-12);
      expect(Math.abs(gain(p, d, delta, T) / gainLimit(delta) - 1)).toBeLessThan(2e-3);
    }
    expect(gain(20, 1e4, 0, 0.5)).toBeGreaterThan(gain(5, 1e4, 0, 0.5));
  });
  it('p = 1: the ODE settles at the excess risk γΔ/(1 − 6γ) (the paper’s plateau)', () => {
    const gamma = 0.05;
    const delta = 1;
    const spec = square(1, gamma, delta);
    const y = integrateCommitteeOde(spec, Float64Array.of(0.3), { tMax: 40 }).y;
    const r = committeeRisk(spec);
    const excess = r.risk(y, Float64Array.of(1), Float64Array.of(1)) - r.floor;
    expect(Math.abs(excess - plateauExcessRisk(gamma, delta))).toBeLessThan(1e-9);
  });
});
