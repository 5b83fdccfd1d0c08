// The committee ODE's right-hand side (src/committee/drift.ts) against independent routes:
// exact sympy/Isserlis drifts (test/fixtures/committee/gen_drift.py → drift.json), the paper's
// explicit square-activation matrix ODE (arXiv 2305.18502 eq. full_squared_ode), mpmath/numpy
// quadrature for tanh/erf (gen_numeric.py → numeric.json), and the hand-solved p = 1 logistic ODE.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { committeeDrift } from '../../src/committee/drift.js';
import { gaussHermiteRule, gaussLaguerreRule } from '../../src/committee/gaussRules.js';
import { momentTemplate, templateEvaluator } from '../../src/committee/moments.js';
import { integrateCommitteeOde } from '../../src/committee/ode.js';
import { type CommitteeSpec, packState } from '../../src/committee/spec.js';
import { OutOfRangeError } from '../../src/errors.js';
import { polyFromInts } from '../../src/poly/polynomial.js';

interface Num {
  exact: string;
  value: number;
}
interface ExactCase {
  name: string;
  target: string;
  activation: string;
  p: number;
  m: number[];
  Q: number[][];
  a: number[];
  noise: number;
  gamma: number;
  trained: boolean;
  rate: number | null;
  psi: Num[];
  phi: Num[][];
  secondLayer: Num[];
  dm: Num[];
  dQ: Record<string, Num>;
  da: Num[];
  risk: Num;
}
interface NumericCase {
  name: string;
  target: string;
  activation: string;
  p: number;
  m: number[];
  Q: number[][];
  a: number[];
  noise: number;
  gamma: number;
  trained: boolean;
  rhs: number[];
}

const read = <T>(name: string): T => JSON.parse(readFileSync(fileURLToPath(new URL(`../fixtures/committee/${name}`, import.meta.url)), 'utf8')) as T;
const exactCases = read<{ cases: ExactCase[] }>('drift.json').cases;
const numericCases = read<{ cases: NumericCase[] }>('numeric.json').cases;

/** The exact value of a fixture rational a/b as a double (both fit easily). */
const ratio = (n: Num): number => {
  const [a, b] = n.exact.split('/').map(BigInt) as [bigint, bigint];
  return Number(a) / Number(b);
};
const close = (x: number, y: number, rel: number) => expect(Math.abs(x - y)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(y)));

const specOf = (c: {
  p: number;
  target: string;
  activation: string;
  noise: number;
  gamma: number;
  trained: boolean;
  a: number[];
  rate?: number | null;
}): CommitteeSpec => ({
  width: c.p,
  target: c.target,
  activation: c.activation,
  noise: c.noise,
  gamma: c.gamma,
  secondLayer: { trained: c.trained, a0: c.a, rate: c.rate ?? undefined },
});

describe('exact drift against sympy + Isserlis (drift.json)', () => {
  for (const c of exactCases) {
    it(c.name, () => {
      const drift = committeeDrift(specOf(c));
      expect(drift.exact).toBe(true);
      const state = packState(drift.layout, c.m, c.Q.flat(), c.a);
      const out = new Float64Array(drift.layout.size);
      drift.rhs(state, out);
      const p = c.p;
      for (let j = 0; j < p; j++) close(out[j]!, ratio(c.dm[j]!), 1e-12);
      for (let j = 0; j < p; j++) for (let l = j + 1; l < p; l++) close(out[drift.layout.qIndex(j, l)]!, ratio(c.dQ[`${j},${l}`]!), 1e-12);
      if (c.trained) for (let j = 0; j < p; j++) close(out[drift.layout.aOffset + j]!, ratio(c.da[j]!), 1e-12);
      const parts = drift.parts(state);
      for (let j = 0; j < p; j++) {
        close(parts.psi[j]!, ratio(c.psi[j]!), 1e-12);
        close(parts.secondLayer[j]!, ratio(c.secondLayer[j]!), 1e-12);
        for (let l = 0; l < p; l++) close(parts.phi[j * p + l]!, ratio(c.phi[j]![l]!), 1e-12);
      }
    });
  }
});

describe("the paper's explicit square ODE (eq. full_squared_ode, a_j = 1, ρ = 1)", () => {
  // Ψ = 2(1 − TrQ/p)M + 4(M − QM/p);
  // Φ = 4(1 − TrQ/p)Q + 8(MMᵀ − Q²/p) + (4γ/p){3Q + 12MMᵀ + [(TrQ² + 2Tr Q²)Q + 4TrQ·Q² + 8Q³]/p²
  //      − (2/p)[(TrQ + 2Tr MMᵀ)Q + 2TrQ·MMᵀ + 2Q² + 4(MMᵀQ + QMMᵀ)] + ΔQ}.
  // The paper prints 8(MMᵀ/p − Q²/p); the reference code (arn4/committe-learning, ode/square.py) has MMᵀ/k
  // with k = 1 teacher, which is what Isserlis gives (E[λ*²λ_jλ_l] = Q_jl + 2m_jm_l carries no 1/p).
  const p = 4;
  const gamma = 0.07;
  const delta = 0.3;
  const m = [0.12, -0.3, 0.05, 0.2];
  const Q = [
    [1, 0.1, -0.05, 0.2],
    [0.1, 1, 0.15, -0.1],
    [-0.05, 0.15, 1, 0.03],
    [0.2, -0.1, 0.03, 1],
  ];
  const mul = (A: number[][], B: number[][]) => A.map((row) => B[0]!.map((_, l) => row.reduce((s, x, k) => s + x * B[k]![l]!, 0)));
  const tr = (A: number[][]) => A.reduce((s, row, i) => s + row[i]!, 0);
  const MMt = m.map((x) => m.map((y) => x * y));
  const Q2 = mul(Q, Q);
  const Q3 = mul(Q2, Q);
  const trQ = tr(Q);
  const trQ2 = tr(Q2);
  const trMMt = tr(MMt);
  const MMtQ = mul(MMt, Q);
  const QMMt = mul(Q, MMt);
  const QM = Q.map((row) => row.reduce((s, x, k) => s + x * m[k]!, 0));
  const psi = m.map((mj, j) => 2 * (1 - trQ / p) * mj + 4 * (mj - QM[j]! / p));
  const phi = Q.map((row, j) =>
    row.map((q, l) => {
      const first = 4 * (1 - trQ / p) * q + 8 * (MMt[j]![l]! - Q2[j]![l]! / p);
      const tt = 3 * q + 12 * MMt[j]![l]!;
      const ss = ((trQ ** 2 + 2 * trQ2) * q + 4 * trQ * Q2[j]![l]! + 8 * Q3[j]![l]!) / p ** 2;
      const st = (-2 / p) * ((trQ + 2 * trMMt) * q + 2 * trQ * MMt[j]![l]! + 2 * Q2[j]![l]! + 4 * (MMtQ[j]![l]! + QMMt[j]![l]!));
      return first + ((4 * gamma) / p) * (tt + ss + st + delta * q);
    }),
  );
  it('Ψ and Φ match to 1e-13', () => {
    const drift = committeeDrift({ width: p, target: 'z^2', activation: 'z^2', noise: delta, gamma, secondLayer: { trained: false } });
    const parts = drift.parts(packState(drift.layout, m, Q.flat(), [1, 1, 1, 1]));
    for (let j = 0; j < p; j++) {
      close(parts.psi[j]!, psi[j]!, 1e-13);
      for (let l = 0; l < p; l++) close(parts.phi[j * p + l]!, phi[j]![l]!, 1e-13);
    }
  });
  it("p = 1: the paper's dm/dt = m[4(1 − 6γ)(1 − m²) − 2γΔ] (eq. spherical-p1-ode)", () => {
    const drift = committeeDrift({ width: 1, target: 'z^2', activation: 'z^2', noise: 0.8, gamma: 0.04, secondLayer: { trained: false } });
    const out = new Float64Array(1);
    for (const x of [-0.9, -0.2, 0.01, 0.5, 1]) {
      drift.rhs(Float64Array.of(x), out);
      close(out[0]!, x * (4 * (1 - 6 * 0.04) * (1 - x * x) - 2 * 0.04 * 0.8), 1e-14);
    }
  });
});

describe('numeric drift (tanh, erf) against mpmath / numpy quadrature (numeric.json)', () => {
  for (const c of numericCases) {
    it(`${c.name}: within the stated error estimate`, () => {
      const drift = committeeDrift(specOf(c));
      expect(drift.exact).toBe(false);
      const state = packState(drift.layout, c.m, c.Q.flat(), c.a);
      const out = new Float64Array(drift.layout.size);
      drift.rhs(state, out);
      const error = drift.errorAt(state);
      expect(error).toBeLessThan(1e-6);
      for (let i = 0; i < out.length; i++) expect(Math.abs(out[i]! - c.rhs[i]!)).toBeLessThanOrEqual(error + 1e-14);
    });
  }
  it('a non-polynomial link beyond width 3 is refused', () => {
    expect(() => committeeDrift({ width: 4, target: 'tanh(z)', activation: 'z^2', noise: 0, gamma: 0.1, secondLayer: { trained: false } })).toThrow(
      OutOfRangeError,
    );
  });
});

describe('moment templates and Gauss rules', () => {
  it("E[X_a X_b X_c² X_d²] is the paper's six-term Isserlis formula (appendix explicit-odes-derivation)", () => {
    // slots (c, d, a, b): pairs (c,d), (c,a), (c,b), (d,a), (d,b), (a,b)
    const f = templateEvaluator(momentTemplate([polyFromInts([0, 0, 1]), polyFromInts([0, 0, 1]), polyFromInts([0, 1]), polyFromInts([0, 1])]));
    const [cd, ca, cb, da, db, ab] = [0.3, -0.2, 0.4, 0.1, 0.25, -0.35];
    const paper = ab + 2 * ab * cd ** 2 + 2 * ca * cb + 4 * ca * db * cd + 4 * da * cb * cd + 2 * da * db;
    close(f([cd, ca, cb, da, db, ab]), paper, 1e-15);
  });
  it('Gauss–Hermite integrates E[g^{2k}] = (2k − 1)!! and Gauss–Laguerre E[u^k] = Γ(s + k)/Γ(s)', () => {
    const h = gaussHermiteRule(12);
    const moment = (k: number) => h.nodes.reduce((s, x, i) => s + h.weights[i]! * x ** k, 0);
    close(moment(10), 945, 1e-13);
    close(moment(22), 13749310575, 1e-12);
    const g = gaussLaguerreRule(10, 1.5);
    const lm = (k: number) => g.nodes.reduce((s, x, i) => s + g.weights[i]! * x ** k, 0);
    close(lm(3), 1.5 * 2.5 * 3.5, 1e-13);
    close(lm(7), 1.5 * 2.5 * 3.5 * 4.5 * 5.5 * 6.5 * 7.5, 1e-12);
  });
});

describe('integration', () => {
  it('p = 1, Δ = 0: m(t)² = 1/(1 + (1/m₀² − 1)e^{−8(1−6γ)t}) (hand-solved logistic)', () => {
    const gamma = 0.1;
    const m0 = 0.01;
    const spec: CommitteeSpec = { width: 1, target: 'z^2', activation: 'z^2', noise: 0, gamma, secondLayer: { trained: false } };
    for (const t of [0.5, 2, 4]) {
      const y = integrateCommitteeOde(spec, Float64Array.of(m0), { tMax: t }).y[0]!;
      close(y, 1 / Math.sqrt(1 + (1 / m0 ** 2 - 1) * Math.exp(-8 * (1 - 6 * gamma) * t)), 1e-9);
    }
  });
  it('the spherical ODE keeps Ω a correlation matrix and the symmetric state symmetric (p = 3, trained a)', () => {
    const spec: CommitteeSpec = { width: 3, target: 'z^2', activation: 'z^2', noise: 0.2, gamma: 0.05, secondLayer: { trained: true } };
    const drift = committeeDrift(spec);
    const y0 = packState(drift.layout, [0.1, 0.1, 0.1], [1, 0.05, 0.05, 0.05, 1, 0.05, 0.05, 0.05, 1], [1, 1, 1]);
    const r = integrateCommitteeOde(spec, y0, { tMax: 3 });
    expect(r.failure).toBeNull();
    for (let i = 1; i < 3; i++) close(r.y[i]!, r.y[0]!, 1e-9);
    for (let i = 0; i < 3; i++) expect(Math.abs(r.y[i]!)).toBeLessThanOrEqual(1);
  });
});
