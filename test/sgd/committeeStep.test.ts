/**
 * The committee's Gram chain (committeeReduced.ts) against explicit d-dimensional vectors fed the
 * same samples. The test keeps θ* = e_0 and w_1..w_p as explicit vectors of R^d, updated only by
 * the model's formulas; before each step it recovers the chain's (never stored) orthonormal basis
 * E from W = E·R (W = [θ*, w_1..w_p], R the chain's triangle: back-substitution), builds
 * x = Σ_i ζ_i·E_i + ρ·n with n a unit vector orthogonal to E, and compares m_j, Q_jl and a_j.
 */
import { describe, expect, it } from 'vitest';
import { committeeInput, runCommittee, type CommitteeOptions } from '../../src/sgd/committee.js';
import { CommitteeVectors } from '../../src/sgd/committeeFull.js';
import { CommitteeGram } from '../../src/sgd/committeeReduced.js';
import { OutOfRangeError } from '../../src/errors.js';
import { explicitSample } from './gramReference.js';
import { Rng } from '../../src/sgd/rng.js';

const dot = (a: Float64Array, b: Float64Array): number => a.reduce((s, v, i) => s + v * b[i]!, 0);

const sigma = (z: number): number => z * z + 0.3 * Math.sin(z);
const dsigma = (z: number): number => 2 * z + 0.3 * Math.cos(z);
const target = (u: number): number => u * u - 0.5 * u;

function options(over: Partial<CommitteeOptions>): CommitteeOptions {
  return {
    d: 7,
    width: 3,
    target,
    activation: sigma,
    activationDerivative: dsigma,
    noise: 0.2,
    gamma: 1.5,
    secondLayer: { trained: true, rate: 0.9, a0: 0.8 },
    risk: () => 1,
    riskFloor: 0,
    riskDrop: 0.5,
    maxSteps: 10,
    engine: 'reduced',
    seed: 1,
    ...over,
  };
}

/** The model's step on explicit vectors (w_j, a_j updated in place); returns ℰ. */
function explicitStep(ws: Float64Array[], a: number[], x: Float64Array, y: number, o: CommitteeOptions): number {
  const p = ws.length;
  const lambda = ws.map((w) => dot(w, x));
  const f = lambda.reduce((s, l, j) => s + a[j]! * sigma(l), 0) / p;
  const e = y - f;
  const second = o.secondLayer!;
  ws.forEach((w, j) => {
    const c = (o.gamma / (p * o.d)) * e * a[j]! * dsigma(lambda[j]!);
    for (let i = 0; i < w.length; i++) w[i] = w[i]! + c * x[i]!;
    const norm = Math.sqrt(dot(w, w));
    for (let i = 0; i < w.length; i++) w[i] = w[i]! / norm;
  });
  if (second.trained) for (let j = 0; j < p; j++) a[j] = a[j]! + ((second.rate ?? o.gamma) / (p * o.d)) * e * sigma(lambda[j]!);
  return e;
}

function compare(chain: CommitteeGram, ws: Float64Array[], a: number[], what: string): void {
  const p = ws.length;
  const m = new Float64Array(p);
  const Q = new Float64Array(p * p);
  chain.overlaps(m);
  chain.gram(Q);
  for (let j = 0; j < p; j++) {
    expect(Math.abs(m[j]! - ws[j]![0]!), `${what}: m_${j}`).toBeLessThan(1e-12);
    expect(Math.abs(chain.a[j]! - a[j]!), `${what}: a_${j}`).toBeLessThan(1e-12);
    for (let l = 0; l < p; l++) expect(Math.abs(Q[j * p + l]! - dot(ws[j]!, ws[l]!)), `${what}: Q_${j}${l}`).toBeLessThan(1e-12);
  }
}

describe('the Gram chain of the committee = explicit vectors on the same samples', () => {
  for (const [label, over] of [
    ['p = 3, trained second layer, Δ > 0', {}],
    ['p = 4, d = 9, fixed second layer', { width: 4, d: 9, secondLayer: { trained: false, a0: 1.3 } }],
    ['p = 1, d = 3 (d = p + 2)', { width: 1, d: 3 }],
  ] as const) {
    it(label, () => {
      const o = options(over);
      const input = committeeInput(o);
      const p = input.width;
      const chain = new CommitteeGram(input, new Rng(11));
      const ws = Array.from({ length: p }, (_, j) => Float64Array.from({ length: o.d }, (_, i) => (i <= p ? chain.g.at(i, j + 1) : 0)));
      const a = Array.from({ length: p }, () => input.a0);
      compare(chain, ws, a, 'start');
      const m0 = ws.map((w) => w[0]!);
      const rng = new Rng(12);
      for (let step = 1; step <= 25; step++) {
        const zeta = Float64Array.from({ length: p + 1 }, () => rng.normal());
        const rho = Math.sqrt(rng.chiSquared(o.d - p - 1));
        const y = target(zeta[0]!) + Math.sqrt(o.noise) * rng.normal();
        const x = explicitSample(chain.g, 1, ws, o.d, zeta, rho, rng);
        expect(Math.abs(x[0]! - zeta[0]!)).toBeLessThan(1e-13); // λ* = ⟨θ*, x⟩ = ζ_0
        explicitStep(ws, a, x, y, o);
        expect(chain.applySample(zeta, rho, y)).toBe(true);
        compare(chain, ws, a, `step ${step}`);
      }
      // the steps were not negligible: the overlaps moved
      expect(Math.max(...ws.map((w, j) => Math.abs(w[0]! - m0[j]!)))).toBeGreaterThan(0.05);
    });
  }

  it('one step of the trained second layer: a_j + (γ_a/(p·d))·ℰ·σ(λ_j) with the pre-step λ_j, by hand', () => {
    const o = options({ width: 2, d: 5, secondLayer: { trained: true, rate: 0.7, a0: -0.4 } });
    const chain = new CommitteeGram(committeeInput(o), new Rng(4));
    const w1 = Float64Array.from({ length: 3 }, (_, i) => chain.g.at(i, 1));
    const w2 = Float64Array.from({ length: 3 }, (_, i) => chain.g.at(i, 2));
    const zeta = Float64Array.of(0.7, -1.1, 0.4);
    const y = 0.25;
    // λ_j = ⟨w_j, x⟩ with x = ζ on (e_0, e_1, e_2) at the start (the basis is the standard one)
    const l1 = dot(w1, zeta);
    const l2 = dot(w2, zeta);
    const e = y - (-0.4 * sigma(l1) - 0.4 * sigma(l2)) / 2;
    expect(chain.applySample(zeta, 1.7, y)).toBe(true);
    expect(chain.a[0]).toBeCloseTo(-0.4 + (0.7 / 10) * e * sigma(l1), 14);
    expect(chain.a[1]).toBeCloseTo(-0.4 + (0.7 / 10) * e * sigma(l2), 14);
    // the first layer used the pre-step a_j: m_1' = (m_1 + c_1·ζ_0)/‖w_1 + c_1·x‖, ‖x‖² = ‖ζ‖² + ρ²
    const c1 = (1.5 / 10) * e * -0.4 * dsigma(l1);
    const norm = Math.sqrt(1 + 2 * c1 * l1 + c1 * c1 * (dot(zeta, zeta) + 1.7 * 1.7));
    expect(chain.g.overlap(1)).toBeCloseTo((w1[0]! + c1 * 0.7) / norm, 14);
  });

  it('a fixed second layer stays at a0; rate defaults to γ', () => {
    const fixed = runCommittee(options({ secondLayer: { trained: false, a0: 0.6 }, maxSteps: 30 }));
    expect(fixed.finalSecondLayer).toEqual([0.6, 0.6, 0.6]);
    const byDefault = runCommittee(options({ secondLayer: { trained: true }, maxSteps: 30 }));
    const explicitRate = runCommittee(options({ secondLayer: { trained: true, rate: 1.5, a0: 1 }, maxSteps: 30 }));
    expect(byDefault).toEqual(explicitRate);
    expect(byDefault.finalSecondLayer).not.toEqual([1, 1, 1]);
  });
});

describe('the full engine = the model written out, on its own draws', () => {
  it('start w_j = g_j/‖g_j‖, then x (d normals) and ε per step; m, Q, a after 15 steps', () => {
    const o = options({ d: 6, width: 2 });
    const input = committeeInput(o);
    const chain = new CommitteeVectors(input, new Rng(21));
    // replay the same generator: p blocks of d normals for the start, then x and ε per step
    const rng = new Rng(21);
    const ws = Array.from({ length: 2 }, () => {
      const g = new Float64Array(6);
      rng.fillNormals(g);
      const n = Math.sqrt(dot(g, g));
      return g.map((v) => v / n);
    });
    const a = [input.a0, input.a0];
    const compareVectors = (what: string) => {
      const m = new Float64Array(2);
      const Q = new Float64Array(4);
      chain.overlaps(m);
      chain.gram(Q);
      for (let j = 0; j < 2; j++) {
        expect(Math.abs(m[j]! - ws[j]![0]!), `${what}: m_${j}`).toBeLessThan(1e-13);
        expect(Math.abs(chain.a[j]! - a[j]!), `${what}: a_${j}`).toBeLessThan(1e-13);
      }
      expect(Math.abs(Q[1]! - dot(ws[0]!, ws[1]!)), `${what}: Q_01`).toBeLessThan(1e-13);
    };
    compareVectors('start');
    for (let step = 1; step <= 15; step++) {
      const x = new Float64Array(6);
      rng.fillNormals(x);
      const y = target(x[0]!) + Math.sqrt(o.noise) * rng.normal();
      explicitStep(ws, a, x, y, o);
      expect(chain.step()).toBe(true);
      compareVectors(`step ${step}`);
    }
  });
});

describe('validation', () => {
  const bad: [string, Partial<CommitteeOptions>, RegExp][] = [
    ['d < p + 2', { d: 4, width: 3 }, /d must be an integer ≥ width \+ 2 = 5/],
    ['width 0', { width: 0 }, /width must be an integer ≥ 1/],
    ['γ = ∞', { gamma: Infinity }, /gamma must be finite/],
    ['Δ < 0', { noise: -0.1 }, /noise Δ must be finite and ≥ 0/],
    ['T = 1', { riskDrop: 1 }, /riskDrop T must be in \(0, 1\)/],
    ['T = 0', { riskDrop: 0 }, /riskDrop T must be in \(0, 1\)/],
    ['riskEvery 0', { riskEvery: 0 }, /riskEvery must be an integer ≥ 1/],
    ['NaN floor', { riskFloor: NaN }, /riskFloor must be finite/],
    ['NaN rate', { secondLayer: { trained: true, rate: NaN } }, /secondLayer.rate must be finite/],
    ['maxSteps 1.5', { maxSteps: 1.5 }, /maxSteps must be an integer ≥ 0/],
    ['engine', { engine: 'exact' as 'full' }, /engine must be 'reduced' or 'full'/],
    ['seed', { seed: 0.5 }, /seed must be a safe integer/],
  ];
  for (const [label, over, message] of bad) {
    it(label, () => {
      expect(() => runCommittee(options(over))).toThrow(OutOfRangeError);
      expect(() => runCommittee(options(over))).toThrow(message);
    });
  }
});
