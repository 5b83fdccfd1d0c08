/**
 * The multi-index Gram chain (multiIndexReduced.ts) against explicit d-dimensional vectors fed the
 * same samples. The test keeps w as an explicit vector of R^d with θ_s = e_s, updated only by the
 * model's formula w ← normalize(w + γ·y·σ'(z)·(x − z·w)); before each step it builds the chain's
 * (never stored) basis e_0..e_{r−1} = θ_1..θ_r, e_r = (w − P_S w)/‖w − P_S w‖, and the sample
 * x = Σ_i ζ_i·e_i + ρ·n with n a unit vector orthogonal to all of them, and compares m_s and
 * q = ‖w − P_S w‖. The start's law is checked against ‖P_S w‖² ~ Beta(r/2, (d−r)/2) (uniform w).
 */
import { describe, expect, it } from 'vitest';
import { OutOfRangeError } from '../../src/errors.js';
import { kolmogorovSurvival } from '../../src/sgd/ks.js';
import { multiIndexSgdInput, runMultiIndexSgd, type MultiIndexSgdOptions } from '../../src/sgd/multiIndex.js';
import { MultiIndexVectors } from '../../src/sgd/multiIndexFull.js';
import { MultiIndexGram } from '../../src/sgd/multiIndexReduced.js';
import { Rng } from '../../src/sgd/rng.js';
import { regularizedIncompleteBeta } from '../../src/stats/studentT.js';

const dot = (a: Float64Array, b: Float64Array): number => a.reduce((s, v, i) => s + v * b[i]!, 0);

const dsigma = (z: number): number => 1 + 2 * z - 0.4 * Math.sin(z);
const target = (z: Float64Array): number => z[0]! + z[0]! * (z.length > 1 ? z[1]! : z[0]!) - 0.5 * Math.tanh(z[z.length - 1]!);

function options(over: Partial<MultiIndexSgdOptions>): MultiIndexSgdOptions {
  return {
    d: 9,
    directions: 3,
    target,
    activationDerivative: dsigma,
    noise: 0.3,
    gamma: 0.4,
    maxSteps: 10,
    engine: 'reduced',
    seed: 1,
    ...over,
  };
}

/** The model's step on an explicit unit vector w (in place). */
function explicitStep(w: Float64Array, x: Float64Array, y: number, gamma: number): void {
  const z = dot(w, x);
  const c = gamma * y * dsigma(z);
  for (let i = 0; i < w.length; i++) w[i] = w[i]! + c * (x[i]! - z * w[i]!);
  const n = Math.sqrt(dot(w, w));
  for (let i = 0; i < w.length; i++) w[i] = w[i]! / n;
}

/** x = Σ_{i<r} ζ_i e_i + ζ_r·(w − P_S w)/q + ρ·n, n ⊥ (e_0..e_{r−1}, w) a random unit vector. */
function explicitSample(w: Float64Array, r: number, zeta: Float64Array, rho: number, rng: Rng): Float64Array {
  const d = w.length;
  const er = Float64Array.from(w, (v, i) => (i < r ? 0 : v));
  const q = Math.sqrt(dot(er, er));
  for (let i = 0; i < d; i++) er[i] = er[i]! / q;
  const nv = Float64Array.from({ length: d }, (_, i) => (i < r ? 0 : rng.normal()));
  for (let pass = 0; pass < 2; pass++) {
    const c = dot(nv, er);
    for (let i = 0; i < d; i++) nv[i] = nv[i]! - c * er[i]!;
  }
  const nn = Math.sqrt(dot(nv, nv));
  return Float64Array.from({ length: d }, (_, i) => (i < r ? zeta[i]! : 0) + zeta[r]! * er[i]! + (rho * nv[i]!) / nn);
}

describe('the multi-index Gram chain = explicit vectors on the same samples', () => {
  for (const [label, over] of [
    ['r = 3, d = 9, Δ > 0', {}],
    ['r = 2, d = 40', { directions: 2, d: 40, gamma: 1.5 }],
    ['r = 1, d = 3 (d = r + 2)', { directions: 1, d: 3 }],
  ] as const) {
    it(label, () => {
      const o = options(over);
      const input = multiIndexSgdInput(o);
      const r = input.directions;
      const chain = new MultiIndexGram(input, new Rng(11));
      // the chain's start in the standard basis: m_s on e_s, q on e_r
      const w = Float64Array.from({ length: o.d }, (_, i) => (i <= r ? chain.g.col[i]! : 0));
      expect(Math.abs(dot(w, w) - 1)).toBeLessThan(1e-14);
      const m0 = Array.from(w.subarray(0, r));
      const rng = new Rng(12);
      for (let step = 1; step <= 30; step++) {
        const zeta = Float64Array.from({ length: r + 1 }, () => rng.normal());
        const rho = Math.sqrt(rng.chiSquared(o.d - r - 1));
        const x = explicitSample(w, r, zeta, rho, rng);
        const y = target(x.subarray(0, r)) + Math.sqrt(o.noise) * rng.normal();
        explicitStep(w, x, y, o.gamma);
        expect(chain.applySample(zeta, rho, y)).toBe(true);
        const m = new Float64Array(r);
        chain.overlaps(m);
        for (let s = 0; s < r; s++) expect(Math.abs(m[s]! - w[s]!), `step ${step}: m_${s + 1}`).toBeLessThan(1e-12);
        const q = Math.sqrt(w.reduce((a, v, i) => a + (i < r ? 0 : v * v), 0));
        expect(Math.abs(chain.g.col[r]! - q), `step ${step}: q`).toBeLessThan(1e-12);
      }
      // the steps were not negligible: the overlaps moved
      expect(Math.max(...m0.map((v, s) => Math.abs(w[s]! - v)))).toBeGreaterThan(0.05);
    });
  }

  it('one step by hand: m_s′ = ((1 − cz)·m_s + c·ζ_s)/√(1 + c²·(‖x‖² − z²)), c = γ·y·σ′(z)', () => {
    const o = options({ directions: 2, d: 6, noise: 0 });
    const chain = new MultiIndexGram(multiIndexSgdInput(o), new Rng(5));
    const [m1, m2, q] = Array.from(chain.g.col);
    const zeta = Float64Array.of(0.7, -1.1, 0.4);
    const rho = 1.9;
    const y = 0.35;
    const z = m1! * 0.7 + m2! * -1.1 + q! * 0.4;
    const c = 0.4 * y * dsigma(z);
    const n = Math.sqrt(1 + c * c * (0.49 + 1.21 + 0.16 + rho * rho - z * z));
    expect(chain.applySample(zeta, rho, y)).toBe(true);
    expect(chain.g.col[0]).toBeCloseTo(((1 - c * z) * m1! + c * 0.7) / n, 13);
    expect(chain.g.col[1]).toBeCloseTo(((1 - c * z) * m2! - c * 1.1) / n, 13);
  });
});

describe('the reduced engine draws as documented', () => {
  it('start: r normals and χ²_{d−r}; per step: ζ_0..ζ_r, ρ² ~ χ²_{d−r−1}, then ε (Δ > 0)', () => {
    const o = options({ d: 11, directions: 3 });
    const input = multiIndexSgdInput(o);
    const chain = new MultiIndexGram(input, new Rng(31));
    const rng = new Rng(31);
    const g = [rng.normal(), rng.normal(), rng.normal()];
    const chi = rng.chiSquared(11 - 3);
    const norm = Math.sqrt(g.reduce((a, v) => a + v * v, 0) + chi);
    [...g.map((v) => v / norm), Math.sqrt(chi) / norm].forEach((v, i) => expect(Math.abs(chain.g.col[i]! - v)).toBeLessThan(1e-15));
    const twin = new MultiIndexGram(input, new Rng(999));
    twin.g.col.set(chain.g.col);
    for (let step = 1; step <= 10; step++) {
      const zeta = Float64Array.from({ length: 4 }, () => rng.normal());
      const rho = Math.sqrt(rng.chiSquared(11 - 3 - 1));
      const y = target(zeta.subarray(0, 3)) + Math.sqrt(o.noise) * rng.normal();
      expect(chain.step()).toBe(true);
      expect(twin.applySample(zeta, rho, y)).toBe(true);
      expect(Array.from(chain.g.col)).toEqual(Array.from(twin.g.col));
    }
  });
});

describe('the full engine = the model written out, on its own draws', () => {
  it('start w = g/‖g‖, then x (d normals) and ε per step; m after 20 steps', () => {
    const o = options({ d: 7, directions: 2 });
    const chain = new MultiIndexVectors(multiIndexSgdInput(o), new Rng(21));
    const rng = new Rng(21);
    const w = new Float64Array(7);
    rng.fillNormals(w);
    const n0 = Math.sqrt(dot(w, w));
    for (let i = 0; i < 7; i++) w[i] = w[i]! / n0;
    for (let step = 1; step <= 20; step++) {
      const x = new Float64Array(7);
      rng.fillNormals(x);
      const y = target(x.subarray(0, 2)) + Math.sqrt(o.noise) * rng.normal();
      explicitStep(w, x, y, o.gamma);
      expect(chain.step()).toBe(true);
      const m = new Float64Array(2);
      chain.overlaps(m);
      for (let s = 0; s < 2; s++) expect(Math.abs(m[s]! - w[s]!), `step ${step}: m_${s + 1}`).toBeLessThan(1e-13);
    }
  });
});

/** One-sample KS p-value of `xs` against the CDF F (asymptotic, Stephens' correction as in ks.ts). */
function ksOneSample(xs: number[], F: (x: number) => number): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  let D = 0;
  s.forEach((x, i) => {
    const f = F(x);
    D = Math.max(D, (i + 1) / n - f, f - i / n);
  });
  const sq = Math.sqrt(n);
  return kolmogorovSurvival((sq + 0.12 + 0.11 / sq) * D);
}

describe('the start is uniform on S^{d−1}: ‖P_S w‖² ~ Beta(r/2, (d−r)/2)', () => {
  for (const engine of ['reduced', 'full'] as const) {
    it(engine, () => {
      const [r, d] = [3, 12];
      const F = (x: number): number => regularizedIncompleteBeta(x, r / 2, (d - r) / 2, 1 - x);
      const input = multiIndexSgdInput(options({ d, directions: r, engine }));
      const m = new Float64Array(r);
      const sample = Array.from({ length: 2000 }, (_, seed) => {
        const rng = new Rng(seed + 1000);
        const chain = engine === 'full' ? new MultiIndexVectors(input, rng) : new MultiIndexGram(input, rng);
        chain.overlaps(m);
        return m.reduce((a, v) => a + v * v, 0);
      });
      expect(ksOneSample(sample, F)).toBeGreaterThan(1e-3);
      // the negative control: the same sample is far from Beta(r/2, (d−r+2)/2) (dimension d + 2)
      expect(ksOneSample(sample, (x) => regularizedIncompleteBeta(x, r / 2, (d + 2 - r) / 2, 1 - x))).toBeLessThan(1e-4);
    });
  }
});

describe('the run loop', () => {
  it('hit at ν = 0 when the start is already in the target subspace’s cap (r = d − 2, τ small)', () => {
    const run = runMultiIndexSgd(options({ d: 5, directions: 3, threshold: 0.05, directionThreshold: 1e-9, maxSteps: 5 }));
    expect(run.hit).toBe(0);
    expect(run.directionHits).toEqual([0, 0, 0]);
    expect(run.steps).toBe(0);
  });

  it('censored runs: null hits, steps = maxSteps; deterministic in the seed', () => {
    const o = options({ threshold: 1, maxSteps: 50 });
    const a = runMultiIndexSgd(o);
    expect(a.hit).toBeNull();
    expect(a.steps).toBe(50);
    expect(a.diverged).toBeNull();
    expect(runMultiIndexSgd(o)).toEqual(a);
    expect(runMultiIndexSgd({ ...o, seed: 2 })).not.toEqual(a);
  });

  it("until: 'subspace' stops at the subspace hit; 'all' goes on until every direction is hit", () => {
    const o = options({ d: 30, directions: 2, noise: 0, gamma: 0.05, threshold: 0.4, directionThreshold: 0.3, maxSteps: 20_000 });
    const all = runMultiIndexSgd(o);
    const sub = runMultiIndexSgd({ ...o, until: 'subspace' });
    expect(all.hit).not.toBeNull();
    expect(sub.hit).toBe(all.hit);
    expect(sub.steps).toBe(all.hit);
    expect(all.steps).toBe(Math.max(all.hit!, ...all.directionHits.map((h) => h!)));
    expect(all.steps).toBeGreaterThan(sub.steps);
  });

  it('a NaN label is a divergence at step 1', () => {
    const run = runMultiIndexSgd(options({ target: () => NaN, threshold: 1 }));
    expect(run.diverged).toBe(1);
    expect(run.steps).toBe(1);
    expect(run.finalOverlaps.every(Number.isFinite)).toBe(true);
  });
});

describe('validation', () => {
  const bad: [string, Partial<MultiIndexSgdOptions>, RegExp][] = [
    ['d < r + 2', { d: 4, directions: 3 }, /d must be an integer ≥ directions \+ 2 = 5/],
    ['r = 0', { directions: 0 }, /directions must be an integer ≥ 1/],
    ['γ = ∞', { gamma: Infinity }, /gamma must be finite/],
    ['Δ < 0', { noise: -0.1 }, /noise Δ must be finite and ≥ 0/],
    ['τ = 0', { threshold: 0 }, /threshold must be in \(0, 1\]/],
    ['τ_dir > 1', { directionThreshold: 1.5 }, /directionThreshold must be in \(0, 1\]/],
    ['maxSteps 1.5', { maxSteps: 1.5 }, /maxSteps must be an integer ≥ 0/],
    ['until', { until: 'never' as 'all' }, /until must be 'all' or 'subspace'/],
    ['engine', { engine: 'exact' as 'full' }, /engine must be 'reduced' or 'full'/],
    ['seed', { seed: 0.5 }, /seed must be a safe integer/],
    ['target', { target: 3 as unknown as () => number }, /target must be a function/],
  ];
  for (const [label, over, message] of bad) {
    it(label, () => {
      expect(() => runMultiIndexSgd(options(over))).toThrow(OutOfRangeError);
      expect(() => runMultiIndexSgd(options(over))).toThrow(message);
    });
  }
});
