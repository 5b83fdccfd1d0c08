/**
 * Batch reuse as implemented (two projected steps on one sample, rates η then γ; rule.ts) against
 * the oracle form of docs/theory.md §4, ψ_η(y, z) = y·σ'(z + ηd·y·σ'(z)), for He₃ (link and student).
 *
 * To first order in the rates, one sample moves m on average by
 *   E[Δm] ≈ η·E[g₁(u − zm)] + γ·E[ψ_η(u − zm)] − m·d·E[(η·g₁ + γ·ψ_η)²]/2,   g₁ = y·σ'(z):
 * the first step's own (online) drift, the oracle drift of the step that counts, and the
 * spherical normalisation of the two steps' combined rotation. docs/theory.md §4's series gives the middle
 * term: E[ψ_η(u − zm)] = (1 − m²)·Σ_i i!·μ_i(η)·m^{i−1}, μ_i = Σ_k c_k·u_i(σ*^k)·u_{i−1}(g_k) with
 * c_k = (ηd)^{k−1}/(k−1)!, g_k = σ^{(k)}σ'^{k−1}; for He₃ (σ'''' = 0, so k ≤ 3 is exact):
 *   μ₁ = 17496c², μ₂ = 648c, μ₃ = 3 + 60264c², μ₄ = 162c, μ₅ = 5832c²   (c = ηd),
 * from u(He₃) = {3: 1}, u(He₃²) = {0: 6, 2: 18, 4: 9, 6: 1}, u(He₃³) ⊇ {1: 324, 3: 558, 5: 216},
 * σ' = 3He₂, σ''σ' = 18(He₃ + 2He₁), σ'''σ'² = 54(He₄ + 4He₂ + 2).
 *
 * Expectations are by Gauss–Hermite quadrature over (z, ξ) (exact for the polynomial terms) and a
 * 5-point rule on R ≈ N(d−2, 2(d−2)) — deterministic, no sampling noise. The rates are chosen so
 * that the rotation γ·ψ·√d stays small where the polynomial oracle is large (|z| ≈ 5: ψ ~ 10⁶);
 * with larger rates those rare big steps make the quadratic normalisation term an overestimate.
 */
import { describe, expect, it } from 'vitest';
import { reducedStep } from '../../src/sgd/reduced.js';
import { ruleFactory } from '../../src/sgd/rule.js';
import { dhe3, gaussHermite, he3 } from './helpers.js';

const Q = gaussHermite(60);
const QR = gaussHermite(5);

/** E over (z, ξ) ~ N(0, I₂) of f(z, ξ, u) with u = m·z + √(1−m²)·ξ. */
function expect2(m: number, f: (z: number, xi: number, u: number) => number): number {
  const s = Math.sqrt(1 - m * m);
  let acc = 0;
  for (let a = 0; a < Q.x.length; a++) {
    for (let b = 0; b < Q.x.length; b++) {
      const z = Q.x[a]!;
      const xi = Q.x[b]!;
      acc += Q.w[a]! * Q.w[b]! * f(z, xi, m * z + s * xi);
    }
  }
  return acc;
}

/** docs/theory.md §4's oracle drift (1 − m²)·Σ i!·μ_i(η)·m^{i−1} for He₃, c = ηd. */
function theoryDrift(c: number, m: number): number {
  const mu = [0, 17496 * c * c, 648 * c, 3 + 60264 * c * c, 162 * c, 5832 * c * c];
  const fact = [1, 1, 2, 6, 24, 120];
  let s = 0;
  for (let i = 1; i <= 5; i++) s += fact[i]! * mu[i]! * m ** (i - 1);
  return (1 - m * m) * s;
}

describe('batch reuse: the mean drift of the two-step algorithm has the oracle form (small η)', () => {
  const d = 1e10;
  const c = 0.005; // ηd
  const eta = c / d;
  const gamma = 3e-13;
  for (const m of [0.1, 0.3]) {
    it(`m = ${m}: E[Δm] of the literal two steps = η·(online drift) + γ·(drift of ψ_η) − normalisation, to 1 %`, () => {
      const rule = ruleFactory({ algorithm: { kind: 'batch-reuse', eta }, gamma, student: he3, studentDerivative: dhe3 })();
      const literal = expect2(m, (z, xi, u) => {
        let e = 0;
        for (let k = 0; k < QR.x.length; k++) {
          const r = d - 2 + Math.sqrt(2 * (d - 2)) * QR.x[k]!;
          e += QR.w[k]! * (reducedStep(m, { z, xi, r }, he3(u), rule) - m);
        }
        return e;
      });
      const predicted = (shift: number) =>
        expect2(m, (z, _xi, u) => {
          const y = he3(u);
          const g1 = y * dhe3(z);
          const psi = y * dhe3(z + shift * g1);
          return (eta * g1 + gamma * psi) * (u - z * m) - (m * d * (eta * g1 + gamma * psi) ** 2) / 2;
        });
      const withShift = predicted(c);
      const withoutShift = predicted(0);
      expect(Math.abs(literal - withShift)).toBeLessThan(0.01 * Math.abs(withShift));
      // the second step does see z′ ≈ z + ηd·y·σ'(z): the unshifted oracle y·σ'(z) is far off
      expect(Math.abs(literal - withoutShift)).toBeGreaterThan(0.3 * Math.abs(withShift));
    });
  }

  it("E[ψ_η(u − zm)] is docs/theory.md §4's series (1 − m²)·Σ i!·μ_i(η)·m^{i−1}", () => {
    for (const cc of [0, 0.005, 0.02, 0.1]) {
      for (const m of [0.1, 0.3, 0.6]) {
        const q = expect2(m, (z, _xi, u) => {
          const y = he3(u);
          return y * dhe3(z + cc * y * dhe3(z)) * (u - z * m);
        });
        expect(Math.abs(q - theoryDrift(cc, m)), `ηd = ${cc}, m = ${m}`).toBeLessThan(1e-9 * Math.abs(theoryDrift(cc, m)));
      }
    }
  });
});
