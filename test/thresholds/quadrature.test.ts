/**
 * The label-power formula μ_i(η) = Σ_k c_k(η)·u_i(σ*^k)·u_{i−1}(g_k) (the engine's contributions)
 * against the direct definition μ_i = E[ψ(σ*(a), b)·He_i(a)·He_{i−1}(b)]/(i!(i−1)!) by 2-D quadrature
 * (docs/theory.md §4), with ψ written here from Math functions and hand-derived derivatives.
 * Also the non-separable custom route, checked against 1-D integrals done in this file.
 */
import { describe, expect, it } from 'vitest';
import { thresholds, type ThresholdResult } from '../../src/thresholds/thresholds.js';
import { driftByQuadrature } from '../../src/thresholds/quadrature2d.js';
import { Rational } from '../../src/exact/rational.js';

const sech2 = (z: number) => 1 - Math.tanh(z) ** 2;
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const relu = (z: number) => Math.max(z, 0);

/** μ_i(η, d) = Σ value·η^etaPower·d^dPower over the engine's contributions, with its error. */
function muFromContributions(r: ThresholdResult, i: number, eta: number, d: number): { value: number; error: number } {
  const m = r.mu.find((x) => x.i === i)!;
  let value = 0;
  let error = 0;
  for (const c of m.contributions) {
    const scale = eta ** c.etaPower * d ** c.dPower;
    value += c.value * scale;
    error += c.error * Math.abs(scale);
  }
  return { value, error };
}

function compare(r: ThresholdResult, q: ReturnType<typeof driftByQuadrature>, eta: number, d: number, relative: number): void {
  const maxIndex = r.mu.length;
  let largest = 0;
  for (let i = 1; i <= maxIndex; i++) {
    const formula = muFromContributions(r, i, eta, d);
    const direct = q.mu[i - 1]!;
    largest = Math.max(largest, Math.abs(direct));
    const allowed = relative * Math.max(1, Math.abs(direct)) + formula.error + q.muError[i - 1]!;
    expect(Math.abs(formula.value - direct), `i = ${i}: formula ${formula.value} vs quadrature ${direct}`).toBeLessThanOrEqual(allowed);
  }
  expect(largest).toBeGreaterThan(1e-3); // a meaningful comparison, not 0 = 0
}

describe('label-power formula = 2-D quadrature (non-polynomial links)', () => {
  it('tanh target, tanh student, alternating at η = 0.3', () => {
    const eta = 0.3;
    const d = 1000;
    const r = thresholds({ target: 'tanh(z)', student: 'tanh(z)', algorithm: 'alternating', d });
    // ψ = a·y·σ'(z) + η·y²·σ(z)σ'(z), a = 1, σ' = sech²
    const q = driftByQuadrature(Math.tanh, [], [], (y, z) => y * sech2(z) + eta * y * y * Math.tanh(z) * sech2(z), r.mu.length, 0);
    compare(r, q, eta, d, 1e-8);
  });

  it('relu target, sigmoid student, alternating at η = 0.3', () => {
    const eta = 0.3;
    const d = 1000;
    const r = thresholds({ target: 'relu(z)', student: 'sigmoid(z)', algorithm: 'alternating', d });
    // σ' = σ(1 − σ)
    const psi = (y: number, z: number) => {
      const s = sigmoid(z);
      const ds = s * (1 - s);
      return y * ds + eta * y * y * s * ds;
    };
    const q = driftByQuadrature(relu, [0], [], psi, r.mu.length, 0);
    compare(r, q, eta, d, 1e-8);
  });

  it('sin target, tanh student, batch reuse at ηd = 0.05 (d = 100, Taylor order 6)', () => {
    const d = 100;
    const eta = 0.05 / d;
    const r = thresholds({ target: 'sin(z)', student: 'tanh(z)', algorithm: 'batch-reuse', d });
    expect(r.truncatedAt).toBe(6);
    // ψ = y·σ'(z + ηd·y·σ'(z)), the untruncated oracle
    const q = driftByQuadrature(Math.sin, [], [], (y, z) => y * sech2(z + eta * d * y * sech2(z)), r.mu.length, 0);
    compare(r, q, eta, d, 1e-7);
  });

  it('tanh target, tanh student, online', () => {
    const d = 1000;
    const r = thresholds({ target: 'tanh(z)', student: 'tanh(z)', algorithm: 'online', d });
    const q = driftByQuadrature(Math.tanh, [], [], (y, z) => y * sech2(z), r.mu.length, 0);
    compare(r, q, 0.3, d, 1e-8);
    // online μ_i carries no η: same at any η
    expect(muFromContributions(r, 1, 0.3, d).value).toBe(muFromContributions(r, 1, 0.9, d).value);
  });
});

/** E[f(a)] for a ~ N(0, 1), composite Simpson on [−12, 12]. */
function gaussMean(f: (a: number) => number): number {
  const n = 24000;
  const h = 24 / n;
  let s = 0;
  for (let k = 0; k <= n; k++) {
    const a = -12 + k * h;
    const w = k === 0 || k === n ? 1 : k % 2 === 1 ? 4 : 2;
    s += w * f(a) * Math.exp(-0.5 * a * a);
  }
  return (s * h) / 3 / Math.sqrt(2 * Math.PI);
}

const he3 = (a: number) => a ** 3 - 3 * a;

describe('non-separable custom ψ: 2-D quadrature on the η grid', () => {
  // y·cos(ηy) is odd in y, hence odd in a for y = He3(a): only odd i survive in a, and
  // u_{i−1}(3z² − 3) vanishes except at i − 1 = 2. So μ_1 = μ_2 = 0 and
  // μ_3(η) = u_3(a ↦ He3(a)·cos(η·He3(a)))·u_2(3z² − 3) = E[He3²·cos(η·He3)]/6·3;
  // at m = 0, E[ψ²] = E[y²·cos²(ηy)]·E[(3z² − 3)²] with E[(3z² − 3)²] = 18.
  it('y*cos(eta*y)*(3*z^2 - 3) on He3 (max index 3): 13 rows, a note, μ_3 and E[ψ²] from 1-D integrals', () => {
    const d = 1000;
    const r = thresholds({ target: 'He3(z)', algorithm: 'custom', psi: 'y*cos(eta*y)*(3*z^2 - 3)', maxIndex: 3, d });
    expect(r.quadrature).not.toBeNull();
    const rows = r.quadrature!;
    expect(rows).toHaveLength(13);
    expect(r.phaseDiagram.note).toBeTruthy();
    expect(r.phaseDiagram.breakpoints).toEqual([]);
    expect(r.exact).toBe(false);
    rows.forEach((row, s) => {
      // the grid η = d^{−α}, α = 3, 2.75, …, 0
      expect(row.eta).toBeCloseTo(d ** (-(12 - s) / 4), 12);
      expect(row.mu).toHaveLength(3);
      const mu3 = (3 * gaussMean((a) => he3(a) ** 2 * Math.cos(row.eta * he3(a)))) / 6;
      expect(Math.abs(row.mu[2]! - mu3), `mu_3 at eta = ${row.eta}`).toBeLessThanOrEqual(1e-8 * Math.max(1, Math.abs(mu3)) + row.muError[2]!);
      expect(Math.abs(row.mu[0]!)).toBeLessThanOrEqual(1e-9 + row.muError[0]!);
      expect(Math.abs(row.mu[1]!)).toBeLessThanOrEqual(1e-9 + row.muError[1]!);
      const second = 18 * gaussMean((a) => (he3(a) * Math.cos(row.eta * he3(a))) ** 2);
      expect(Math.abs(row.psiSecondMoment - second), `E[psi^2] at eta = ${row.eta}`).toBeLessThanOrEqual(1e-8 * Math.max(1, second));
    });
    // η → 0: μ_3 → u_3(He3)·u_2(3z² − 3) = 3 and E[ψ²] → 6·18 = 108
    expect(rows[0]!.mu[2]).toBeCloseTo(3, 6);
    expect(rows[0]!.psiSecondMoment).toBeCloseTo(108, 6);
  });

  it('refuses label noise on this route at once, with a message (it would integrate for hours)', () => {
    // with a 1 s budget: the refusal comes before any integration, so the budget is never reached
    expect(() =>
      thresholds({ target: 'He3(z)', algorithm: 'custom', psi: 'y*cos(eta*y)*(3*z^2 - 3)', maxIndex: 3, d: 1000, noise: Rational.parse('1/10'), timeLimit: 1 }),
    ).toThrow(/label noise with a custom ψ/);
  });
});
