/**
 * The committee's two engines draw the same law of exit times (two-sample KS, disjoint seed sets:
 * seedFor(base, i) for the Gram chain, seedFor(base + 1, i) for the explicit vectors), the test
 * can reject (a wrong γ), and the coupling through the shared residual changes the law (against
 * the existing independent-neuron engine, runSeed, with each neuron fed its own residual).
 *
 * Risk closures, written here from the model and not taken from src/:
 * - σ = σ* = z² (arXiv 2305.18502): R = (Δ+3)/2 − (1/p)Σ_j a_j(Q_jj + 2m_j²)
 *   + (1/(2p²))Σ_{j,l} a_j a_l(Q_jjQ_ll + 2Q_jl²);
 * - σ = z·tanh z, σ* = z², unit w_j: R = (Δ+3)/2 − (1/p)Σ_j a_j(α_0 + √2·α_2·m_j²)
 *   + (1/(2p²))Σ_{j,l} a_j a_l C(Q_jl), with α_k = E[σ(Z)He_k(Z)]/√k! by Gauss–Hermite quadrature,
 *   E[σ*(λ*)σ(λ_j)] from σ* = 1 + He_2, and Mehler's C(ρ) = E[σ(X)σ(Y)] = Σ_k α_k²ρ^k (corr ρ),
 *   truncated at k = 60, C(1) = E[σ²].
 */
import { describe, expect, it } from 'vitest';
import { runCommittee, type CommitteeOptions, type CommitteeRun } from '../../src/sgd/committee.js';
import { ksTwoSample } from '../../src/sgd/ks.js';
import { seedFor } from '../../src/sgd/rng.js';
import { runSeed } from '../../src/sgd/simulate.js';
import { gaussHermite } from './helpers.js';

const square = (z: number): number => z * z;
const dsquare = (z: number): number => 2 * z;

/** The paper's risk for σ = σ* = z² (module comment). */
function squareRisk(p: number, noise: number): CommitteeOptions['risk'] {
  return (m, Q, a) => {
    let r = (noise + 3) / 2;
    for (let j = 0; j < p; j++) r -= (a[j]! * (Q[j * p + j]! + 2 * m[j]! * m[j]!)) / p;
    for (let j = 0; j < p; j++) {
      for (let l = 0; l < p; l++) r += (a[j]! * a[l]! * (Q[j * p + j]! * Q[l * p + l]! + 2 * Q[j * p + l]! ** 2)) / (2 * p * p);
    }
    return r;
  };
}

/** α_k = E[σ(Z)·He_k(Z)]/√k!, k = 0..K, and E[σ²], by an n-point Gauss–Hermite rule (orthonormal recurrence). */
function hermiteCoefficients(sigma: (z: number) => number, K: number, n: number): { alpha: Float64Array; second: number } {
  const { x, w } = gaussHermite(n);
  const alpha = new Float64Array(K + 1);
  let second = 0;
  for (let i = 0; i < n; i++) {
    const s = sigma(x[i]!);
    second += w[i]! * s * s;
    let h0 = 1;
    let h1 = x[i]!;
    alpha[0] = alpha[0]! + w[i]! * s;
    if (K >= 1) alpha[1] = alpha[1]! + w[i]! * s * h1;
    for (let k = 1; k < K; k++) {
      const h2 = (x[i]! * h1 - Math.sqrt(k) * h0) / Math.sqrt(k + 1);
      alpha[k + 1] = alpha[k + 1]! + w[i]! * s * h2;
      h0 = h1;
      h1 = h2;
    }
  }
  return { alpha, second };
}

const zTanh = (z: number): number => z * Math.tanh(z);
const dzTanh = (z: number): number => Math.tanh(z) + z / Math.cosh(z) ** 2;
const ZT = hermiteCoefficients(zTanh, 60, 160);

/** Mehler's C(ρ) = Σ_k α_k²ρ^k for σ = z·tanh z (C(±1) by the direct E[σ²] when ρ = 1). */
function mehler(rho: number): number {
  if (rho === 1) return ZT.second;
  let c = 0;
  let pw = 1;
  for (let k = 0; k < ZT.alpha.length; k++) {
    c += ZT.alpha[k]! * ZT.alpha[k]! * pw;
    pw *= rho;
  }
  return c;
}

function zTanhRisk(p: number, noise: number): CommitteeOptions['risk'] {
  const a0 = ZT.alpha[0]!;
  const a2 = ZT.alpha[2]!;
  return (m, Q, a) => {
    let r = (noise + 3) / 2;
    for (let j = 0; j < p; j++) r -= (a[j]! * (a0 + Math.SQRT2 * a2 * m[j]! * m[j]!)) / p;
    for (let j = 0; j < p; j++) for (let l = 0; l < p; l++) r += (a[j]! * a[l]! * mehler(j === l ? 1 : Q[j * p + l]!)) / (2 * p * p);
    return r;
  };
}

const SEEDS = 800;

function exits(base: number, o: Omit<CommitteeOptions, 'engine' | 'seed'>, engine: 'reduced' | 'full'): CommitteeRun[] {
  return Array.from({ length: SEEDS }, (_, i) => runCommittee({ ...o, engine, seed: seedFor(base, i) }));
}

function squareOptions(p: number, gamma: number, over: Partial<CommitteeOptions> = {}): Omit<CommitteeOptions, 'engine' | 'seed'> {
  return {
    d: 64,
    width: p,
    target: square,
    activation: square,
    activationDerivative: dsquare,
    noise: 0.1,
    gamma,
    risk: squareRisk(p, 0.1),
    riskFloor: 0.05,
    riskDrop: 0.5,
    maxSteps: 50_000,
    ...over,
  };
}

const median = (xs: (number | null)[]): number => [...xs].map((x) => x ?? Infinity).sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('the mehler closure (a check of the test instrument)', () => {
  it('C(ρ) → E[σ²] as ρ → 1, and α_1 = 0 (σ even)', () => {
    expect(Math.abs(mehler(1 - 1e-12) - ZT.second)).toBeLessThan(1e-3);
    expect(Math.abs(ZT.alpha[1]!)).toBeLessThan(1e-14);
  });
});

describe('reduced = full in law (exit times, KS)', () => {
  const cases: [string, number, Omit<CommitteeOptions, 'engine' | 'seed'>][] = [
    ['p = 2, σ = σ* = z²', 100, squareOptions(2, 0.3)],
    ['p = 4, σ = σ* = z²', 150, squareOptions(4, 0.4)],
    ['p = 4, σ = σ* = z², trained second layer', 200, squareOptions(4, 0.4, { secondLayer: { trained: true, rate: 0.2 } })],
    [
      'p = 2, σ = z·tanh z, σ* = z² (Mehler closure), riskEvery 3',
      300,
      { ...squareOptions(2, 0.3), activation: zTanh, activationDerivative: dzTanh, risk: zTanhRisk(2, 0.1), riskEvery: 3 },
    ],
  ];
  for (const [label, base, o] of cases) {
    it(label, () => {
      const reduced = exits(base, o, 'reduced');
      const full = exits(base + 1, o, 'full');
      for (const r of [...reduced, ...full]) {
        expect(r.diverged).toBeNull();
        expect(r.exit).not.toBeNull();
        expect(r.exit! % (o.riskEvery ?? 1)).toBe(0);
      }
      // R_0 agrees in law too (its mean over seeds), and the exit really is a drop of T = 1/2
      const mean = (rs: CommitteeRun[]) => rs.reduce((s, r) => s + r.risk0, 0) / rs.length;
      expect(Math.abs(mean(reduced) - mean(full))).toBeLessThan(0.02);
      if (o.activation === square) {
        // by hand, at the uniform start (a_j = 1, E[m_j²] = E[Q_jl²] = 1/d, j ≠ l):
        // E[R_0] = (Δ+3)/2 − (1 + 2/d) + (3p + p(p−1)(1 + 2/d))/(2p²)
        const { d, width: p } = o;
        const expected = (0.1 + 3) / 2 - (1 + 2 / d) + (3 * p + p * (p - 1) * (1 + 2 / d)) / (2 * p * p);
        for (const rs of [reduced, full]) expect(Math.abs(mean(rs) - expected)).toBeLessThan(0.005);
      }
      for (const r of reduced) expect(r.finalRisk - 0.05).toBeLessThanOrEqual(0.5 * (r.risk0 - 0.05) + 1e-12);
      const ks = ksTwoSample(
        reduced.map((r) => r.exit),
        full.map((r) => r.exit),
      );
      expect(ks.pValue, `D = ${ks.statistic}, medians ${median(reduced.map((r) => r.exit))} / ${median(full.map((r) => r.exit))}`).toBeGreaterThan(0.01);
    });
  }

  it('negative control: the same comparison rejects when the full engine runs at 1.5·γ', () => {
    const reduced = exits(100, squareOptions(2, 0.3), 'reduced');
    const full = exits(101, squareOptions(2, 0.45), 'full');
    const ks = ksTwoSample(
      reduced.map((r) => r.exit),
      full.map((r) => r.exit),
    );
    expect(ks.pValue).toBeLessThan(1e-3);
  });
});

describe('the coupling matters', () => {
  /**
   * Independent neurons, one step each on the same samples: neuron j alone (f = a0·σ(λ_j)) at the
   * committee's rate, c = (γ/(p·d))·(y − σ(z))·σ'(z), as runSeed's projected step: normalize(w + c·x)
   * = ±normalize(w + c/(1 + c·z)·(x − z·w)), so ψ = c/(1 + c·z) with rate 1 (σ even: the sign is
   * a symmetry of the |m_j| process).
   */
  const independent = (p: number, gamma: number, d: number, base: number) =>
    Array.from(
      { length: SEEDS },
      (_, i) =>
        runSeed({
          d,
          width: p,
          algorithm: {
            kind: 'custom',
            psi: (y, z) => {
              const c = (gamma / (p * d)) * (y - square(z)) * dsquare(z);
              return c / (1 + c * z);
            },
          },
          target: square,
          student: square,
          studentDerivative: dsquare,
          noise: 0.1,
          gamma: 1,
          threshold: 0.5,
          maxSteps: 50_000,
          init: 'signed',
          engine: 'reduced',
          seed: seedFor(base, i),
        }).hitAbs,
    );
  const committee = (p: number, gamma: number, base: number) =>
    exits(base, squareOptions(p, gamma, { untilHitAbs: true }), 'reduced').map((r) => {
      expect(r.exit).not.toBeNull();
      return r.hitAbs;
    });

  it('p = 1: the committee is one neuron, and its |m| hitting time agrees with the scalar chain (KS)', () => {
    const ks = ksTwoSample(committee(1, 0.05, 400), independent(1, 0.05, 64, 401));
    expect(ks.pValue).toBeGreaterThan(0.01);
  });

  it('p = 4: the shared residual changes the law of max_j |m_j|’s hitting time (KS rejects)', () => {
    const coupled = committee(4, 0.4, 500);
    const alone = independent(4, 0.4, 64, 501);
    const ks = ksTwoSample(coupled, alone);
    expect(ks.pValue, `medians ${median(coupled)} / ${median(alone)}`).toBeLessThan(1e-3);
    // the committee's residual is smaller (E[ℰ²σ'²] = 12 against 48 at the start), so it escapes sooner
    expect(median(coupled)).toBeLessThan(median(alone));
  });
});
