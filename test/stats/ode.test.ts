// ODE hitting time against closed-form solutions (separation of variables) and mpmath quadrature
// of t = ∫ dm/f(m) (test/fixtures/stats/gen_stats.py).
import { describe, expect, it } from 'vitest';
import { odeHittingTime, odeHittingTimeWithError, type OdeProblem } from '../../src/stats/ode.js';
import { expectRel, fixture } from './fixture.js';

const base = { maxSteps: 1e12, psiSecondMoment: 0 };

describe('odeHittingTime', () => {
  it('reports a quadrature error that covers its distance from the closed form (i = 3, the sharpest integrand)', () => {
    for (const [gamma, d, mu3, tau] of [
      [0.01, 1e4, 0.2, 0.5],
      [1e-4, 1e6, 0.05, 0.95],
    ] as const) {
      const m0 = 1 / Math.sqrt(d);
      const exact = (1 / m0 - 1 / tau + Math.atanh(tau) - Math.atanh(m0)) / (6 * gamma * mu3);
      const r = odeHittingTimeWithError({ ...base, gamma, d, mu: [0, 0, mu3], threshold: tau })!;
      expect(Math.abs(r.steps - exact)).toBeLessThanOrEqual(r.error + 1e-12 * exact);
      expect(r.error).toBeLessThan(1e-9 * exact);
    }
  });

  it('i = 2, no noise: m/√(1−m²) = (m₀/√(1−m₀²))·e^{2γμ₂t}', () => {
    for (const [gamma, d, mu2, tau] of [
      [0.01, 1000, 0.5, 0.5],
      [0.001, 1e6, 0.2, 0.9],
      [0.1, 4, 1, 0.99],
    ] as const) {
      const m0 = 1 / Math.sqrt(d);
      const odds = (m: number): number => m / Math.sqrt(1 - m * m);
      const exact = Math.log(odds(tau) / odds(m0)) / (2 * gamma * mu2);
      expectRel(odeHittingTime({ ...base, gamma, d, mu: [0, mu2], threshold: tau })!, exact, 1e-10, `i=2 d=${d}`);
    }
  });

  it('startScale s starts at m₀ = s·d^{−1/2} (i = 2, no noise: the odds closed form); s must be positive', () => {
    const [gamma, d, mu2, tau] = [0.01, 1000, 0.5, 0.5];
    const odds = (m: number): number => m / Math.sqrt(1 - m * m);
    for (const s of [0.5, 1.8, 3]) {
      const exact = Math.log(odds(tau) / odds(s / Math.sqrt(d))) / (2 * gamma * mu2);
      expectRel(odeHittingTime({ ...base, gamma, d, startScale: s, mu: [0, mu2], threshold: tau })!, exact, 1e-10, `s=${s}`);
    }
    expect(() => odeHittingTime({ ...base, gamma, d, startScale: 0, mu: [0, mu2], threshold: tau })).toThrow(RangeError);
  });

  it('i = 1, no noise: artanh m grows at rate γμ₁', () => {
    for (const [gamma, d, mu1, tau] of [
      [0.05, 100, 0.3, 0.8],
      [1e-3, 1e5, 1, 0.5],
    ] as const) {
      const exact = (Math.atanh(tau) - Math.atanh(1 / Math.sqrt(d))) / (gamma * mu1);
      expectRel(odeHittingTime({ ...base, gamma, d, mu: [mu1], threshold: tau })!, exact, 1e-10, `i=1 d=${d}`);
    }
  });

  it('i = 3, no noise: ∫ dm/(m²(1−m²)) = −1/m + artanh m', () => {
    // dm/dt = 6γμ₃m²(1 − m²) and 1/(m²(1−m²)) = 1/m² + 1/(1−m²).
    for (const [gamma, d, mu3, tau] of [
      [0.01, 1e4, 0.2, 0.5],
      [1e-4, 1e6, 0.05, 0.95],
    ] as const) {
      const m0 = 1 / Math.sqrt(d);
      const exact = (1 / m0 - 1 / tau + Math.atanh(tau) - Math.atanh(m0)) / (6 * gamma * mu3);
      expectRel(odeHittingTime({ ...base, gamma, d, mu: [0, 0, mu3], threshold: tau })!, exact, 1e-10, `i=3 d=${d}`);
    }
  });

  it('i = 2 with noise: m² follows a logistic law', () => {
    // dm/dt = m(a − b m²), a = 2γμ₂ − c, b = 2γμ₂, c = γ²dE[ψ²]/2; with v = m²: dv/dt = 2v(a − bv),
    // so v/(a − bv) grows like e^{2at}: t = ln[(τ²/(a − bτ²))/(m₀²/(a − bm₀²))]/(2a).
    const gamma = 0.01,
      d = 2500,
      mu2 = 0.5,
      psi = 0.01,
      tau = 0.6;
    const c = (gamma * gamma * d * psi) / 2;
    const b = 2 * gamma * mu2;
    const a = b - c;
    const v0 = 1 / d;
    const exact = Math.log((tau * tau) / (a - b * tau * tau) / (v0 / (a - b * v0))) / (2 * a);
    expectRel(odeHittingTime({ ...base, gamma, d, mu: [0, mu2], psiSecondMoment: psi, threshold: tau })!, exact, 1e-10, 'logistic');
    // The stable fixed point m* = √(a/b) = √0.875 ≈ 0.935: thresholds above it are never reached.
    const mStar = Math.sqrt(a / b);
    expect(mStar).toBeCloseTo(Math.sqrt(0.875), 14);
    expect(odeHittingTime({ ...base, gamma, d, mu: [0, mu2], psiSecondMoment: psi, threshold: mStar + 1e-6 })).toBeNull();
    expectRel(
      odeHittingTime({ ...base, gamma, d, mu: [0, mu2], psiSecondMoment: psi, threshold: 0.93 })!,
      Math.log(0.93 ** 2 / (a - b * 0.93 ** 2) / (v0 / (a - b * v0))) / (2 * a),
      1e-10,
      'near m*',
    );
  });

  it('i = 1 with noise: Riccati, partial fractions over the roots r± of a(1 − m²) − cm', () => {
    // dm/dt = a(r₊ − m)(m − r₋), a = γμ₁, r± = (−c/a ± √(c²/a² + 4))/2:
    // t = [ln((m − r₋)/(r₊ − m))]_{m₀}^{τ} / (a(r₊ − r₋)).
    const gamma = 0.02,
      d = 400,
      mu1 = 0.4,
      psi = 0.03,
      tau = 0.7;
    const a = gamma * mu1;
    const c = (gamma * gamma * d * psi) / 2;
    const disc = Math.sqrt((c / a) ** 2 + 4);
    const rp = (-c / a + disc) / 2;
    const rm = (-c / a - disc) / 2;
    expect(rp).toBeGreaterThan(tau);
    const F = (m: number): number => Math.log((m - rm) / (rp - m));
    const exact = (F(tau) - F(1 / Math.sqrt(d))) / (a * (rp - rm));
    expectRel(odeHittingTime({ ...base, gamma, d, mu: [mu1], psiSecondMoment: psi, threshold: tau })!, exact, 1e-10, 'riccati');
    expect(odeHittingTime({ ...base, gamma, d, mu: [mu1], psiSecondMoment: psi, threshold: (rp + 1) / 2 })).toBeNull();
  });

  it.each(fixture.ode.map((o, i) => [i, o] as const))('mixed case %d matches mpmath quadrature of dm/f(m)', (_, o) => {
    const p: OdeProblem = { gamma: o.gamma, d: o.d, mu: o.mu, psiSecondMoment: o.psiSecondMoment, threshold: o.threshold, maxSteps: 1e12 };
    expectRel(odeHittingTime(p)!, Number(o.value), 1e-10, JSON.stringify(o));
  });

  it('returns null for a negative start drift, beyond maxSteps, or τ ≥ 1; 0 when τ ≤ m₀', () => {
    const p: OdeProblem = { gamma: 0.01, d: 1000, mu: [0, 0.5], psiSecondMoment: 0, threshold: 0.5, maxSteps: 1e12 };
    const m0 = 1 / Math.sqrt(1000);
    const odds = (m: number): number => m / Math.sqrt(1 - m * m);
    const exact = Math.log(odds(0.5) / odds(m0)) / (2 * 0.01 * 0.5);
    expect(odeHittingTime({ ...p, maxSteps: exact * 1.001 })).not.toBeNull();
    expect(odeHittingTime({ ...p, maxSteps: exact * 0.999 })).toBeNull();
    // Noise: c = γ²dE[ψ²]/2 = 0.05·E[ψ²] against 2γμ₂ = 0.01 at the start → negative drift.
    expect(odeHittingTime({ ...p, psiSecondMoment: 1 })).toBeNull();
    expect(odeHittingTime({ ...p, mu: [-0.1] })).toBeNull();
    expect(odeHittingTime({ ...p, mu: [0] })).toBeNull(); // zero drift: m stays at m₀
    expect(odeHittingTime({ ...p, threshold: 1 })).toBeNull();
    expect(odeHittingTime({ ...p, threshold: 0.01 })).toBe(0);
    expect(odeHittingTime({ ...p, threshold: m0 })).toBe(0);
  });

  it('returns null when a drift dip between m₀ and τ stops the flow', () => {
    // f(m) = γ(1−m²)(μ₁ + 2μ₂m + 6μ₃m²); μ = (0.12, −0.35, 1/6) makes the bracket
    // m² − 0.7m + 0.12 = (m − 0.3)(m − 0.4), so f < 0 on (0.3, 0.4) and m stops at 0.3.
    const mu = [0.12, -0.35, 1 / 6];
    expect(odeHittingTime({ gamma: 0.01, d: 100, mu, psiSecondMoment: 0, threshold: 0.5, maxSteps: 1e12 })).toBeNull();
    // Below the first root the flow is fine: ∫ dm/(γ(1−m²)(m−0.3)(m−0.4)) from 0.1 to 0.2 — checked
    // against the partial-fraction antiderivative.
    const g = 0.01;
    const roots = [1, -1, 0.3, 0.4];
    // 1/((1−m)(1+m)(m−0.3)(m−0.4)) = Σ_r A_r/(m − r) with A_r = 1/q'(r), q(m) = −(m−1)(m+1)(m−0.3)(m−0.4).
    const q = (m: number): number => -(m - 1) * (m + 1) * (m - 0.3) * (m - 0.4);
    const dq = (r: number): number => -roots.filter((s) => s !== r).reduce((acc, s) => acc * (r - s), 1);
    const anti = (m: number): number => roots.reduce((acc, r) => acc + Math.log(Math.abs(m - r)) / dq(r), 0);
    expect(q(0.15)).toBeGreaterThan(0);
    const exact = (anti(0.2) - anti(0.1)) / g;
    expectRel(odeHittingTime({ gamma: g, d: 100, mu, psiSecondMoment: 0, threshold: 0.2, maxSteps: 1e12 })!, exact, 1e-10, 'below the dip');
  });

  it('validates its input', () => {
    const p: OdeProblem = { gamma: 0.01, d: 100, mu: [0.5], psiSecondMoment: 0, threshold: 0.5, maxSteps: 1e6 };
    expect(() => odeHittingTime({ ...p, gamma: 0 })).toThrow(RangeError);
    expect(() => odeHittingTime({ ...p, d: 0.5 })).toThrow(RangeError);
    expect(() => odeHittingTime({ ...p, mu: [] })).toThrow(RangeError);
    expect(() => odeHittingTime({ ...p, psiSecondMoment: -1 })).toThrow(RangeError);
    expect(() => odeHittingTime({ ...p, threshold: 0 })).toThrow(RangeError);
    expect(() => odeHittingTime({ ...p, maxSteps: NaN })).toThrow(RangeError);
  });
});
