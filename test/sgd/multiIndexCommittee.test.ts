/**
 * The multi-index committee (multiIndexCommittee.ts): its Gram chain over (θ_1..θ_r, w_1..w_p)
 * against explicit d-dimensional vectors fed the same samples; each engine's draws replayed from
 * the same generator; the law of the hitting times, reduced vs full (two-sample KS, ks.ts, disjoint
 * seeds) at r = 2 and r = 3; and r = 1 against the single-direction committee (committee.ts).
 *
 * Step oracle: the test keeps θ_s = e_s and w_1..w_p as explicit vectors of R^d, updated only by the
 * model's formulas; before each step it recovers the chain's (never stored) orthonormal basis E
 * from W = E·R (W = [θ_1..θ_r, w_1..w_p], R the chain's triangle: back-substitution), builds
 * x = Σ_i ζ_i·E_i + ρ·n with n a unit vector orthogonal to E, and compares m_{s,j}, Q_jl and a_j.
 */
import { describe, expect, it } from 'vitest';
import { OutOfRangeError } from '../../src/errors.js';
import { runCommittee } from '../../src/sgd/committee.js';
import { ksTwoSample } from '../../src/sgd/ks.js';
import {
  multiIndexCommitteeInput,
  runMultiIndexCommittee,
  type MultiIndexCommitteeOptions,
  type MultiIndexCommitteeRun,
} from '../../src/sgd/multiIndexCommittee.js';
import { MultiIndexCommitteeVectors } from '../../src/sgd/multiIndexCommitteeFull.js';
import { MultiIndexCommitteeGram } from '../../src/sgd/multiIndexCommitteeReduced.js';
import { explicitSample } from './gramReference.js';
import { Rng, seedFor } from '../../src/sgd/rng.js';

const dot = (a: Float64Array, b: Float64Array): number => a.reduce((s, v, i) => s + v * b[i]!, 0);

const sigma = (z: number): number => z * z + 0.3 * Math.sin(z);
const dsigma = (z: number): number => 2 * z + 0.3 * Math.cos(z);
const target = (z: Float64Array): number => z[0]! + z[0]! * (z.length > 1 ? z[1]! : z[0]!) - 0.5 * Math.tanh(z[z.length - 1]!);

function options(over: Partial<MultiIndexCommitteeOptions>): MultiIndexCommitteeOptions {
  return {
    d: 10,
    directions: 3,
    width: 3,
    target,
    activation: sigma,
    activationDerivative: dsigma,
    noise: 0.2,
    gamma: 3,
    secondLayer: { trained: true, rate: 0.9, a0: 0.8 },
    maxSteps: 10,
    engine: 'reduced',
    seed: 1,
    ...over,
  };
}

/** The model's step on explicit vectors (w_j, a_j updated in place). */
function explicitStep(ws: Float64Array[], a: number[], x: Float64Array, y: number, o: MultiIndexCommitteeOptions): void {
  const p = ws.length;
  const lambda = ws.map((w) => dot(w, x));
  const e = y - lambda.reduce((s, l, j) => s + a[j]! * sigma(l), 0) / p;
  ws.forEach((w, j) => {
    const c = (o.gamma / (p * o.d)) * e * a[j]! * dsigma(lambda[j]!);
    for (let i = 0; i < w.length; i++) w[i] = w[i]! + c * x[i]!;
    const norm = Math.sqrt(dot(w, w));
    for (let i = 0; i < w.length; i++) w[i] = w[i]! / norm;
  });
  const second = o.secondLayer!;
  if (second.trained) for (let j = 0; j < p; j++) a[j] = a[j]! + ((second.rate ?? o.gamma) / (p * o.d)) * e * sigma(lambda[j]!);
}

/** Q_jl = ⟨w_j, w_l⟩ from the chain's columns r + j, r + l. */
function chainGram(chain: MultiIndexCommitteeGram, r: number, j: number, l: number): number {
  let q = 0;
  for (let i = 0; i <= Math.min(r + j, r + l); i++) q += chain.g.at(i, r + j) * chain.g.at(i, r + l);
  return q;
}

/** The test rebuilds E by back-substitution, which loses ε/min_j R[j][j]; 1e-10 leaves room for near-collinear neurons (the steps move m by > 0.05). */
const TOL = 1e-10;

function compare(chain: MultiIndexCommitteeGram, r: number, ws: Float64Array[], a: number[], what: string): void {
  const p = ws.length;
  const m = new Float64Array(r * p);
  chain.overlaps(m);
  for (let j = 0; j < p; j++) {
    for (let s = 0; s < r; s++) expect(Math.abs(m[s * p + j]! - ws[j]![s]!), `${what}: m_${s + 1},${j + 1}`).toBeLessThan(TOL);
    expect(Math.abs(chain.a[j]! - a[j]!), `${what}: a_${j + 1}`).toBeLessThan(TOL);
    for (let l = 0; l < p; l++) expect(Math.abs(chainGram(chain, r, j, l) - dot(ws[j]!, ws[l]!)), `${what}: Q_${j + 1}${l + 1}`).toBeLessThan(TOL);
  }
  // the θ columns are e_s exactly
  for (let s = 0; s < r; s++) for (let i = 0; i < r; i++) expect(chain.g.at(i, s)).toBe(i === s ? 1 : 0);
}

describe('the Gram chain of the multi-index committee = explicit vectors on the same samples', () => {
  for (const [label, over] of [
    ['r = 3, p = 3, d = 10, trained second layer, Δ > 0', {}],
    ['r = 2, p = 2, d = 40, fixed second layer', { directions: 2, width: 2, d: 40, gamma: 4, secondLayer: { trained: false, a0: 1.3 } }],
    ['r = 4, p = 1, d = 6 (d = r + p + 1)', { directions: 4, width: 1, d: 6 }],
    ['r = 1, p = 2, d = 4 (the committee of committee.ts)', { directions: 1, width: 2, d: 4, gamma: 1 }],
  ] as const) {
    it(label, () => {
      const o = options(over);
      const input = multiIndexCommitteeInput(o);
      const { directions: r, width: p } = input;
      const chain = new MultiIndexCommitteeGram(input, new Rng(11));
      // at the start the chain's basis is the standard one: w_j's coordinates are column r + j − 1 of R
      const ws = Array.from({ length: p }, (_, j) => Float64Array.from({ length: o.d }, (_, i) => (i < r + p ? chain.g.at(i, r + j) : 0)));
      const a = Array.from({ length: p }, () => input.a0);
      compare(chain, r, ws, a, 'start');
      const m0 = ws.map((w) => Array.from(w.subarray(0, r)));
      const rng = new Rng(12);
      for (let step = 1; step <= 30; step++) {
        const zeta = Float64Array.from({ length: r + p }, () => rng.normal());
        const rho = Math.sqrt(rng.chiSquared(o.d - r - p));
        const x = explicitSample(chain.g, r, ws, o.d, zeta, rho, rng);
        // ⟨θ_s, x⟩ = ζ_{s−1}: the target sees the same fields
        for (let s = 0; s < r; s++) expect(Math.abs(x[s]! - zeta[s]!)).toBeLessThan(TOL);
        const y = target(x.subarray(0, r)) + Math.sqrt(o.noise) * rng.normal();
        explicitStep(ws, a, x, y, o);
        expect(chain.applySample(zeta, rho, y)).toBe(true);
        compare(chain, r, ws, a, `step ${step}`);
      }
      // the steps were not negligible: the overlaps moved
      expect(Math.max(...ws.map((w, j) => Math.max(...m0[j]!.map((v, s) => Math.abs(w[s]! - v)))))).toBeGreaterThan(0.05);
    });
  }

  it('one step by hand (r = 2, p = 1): m_s′ = (m_s + c·ζ_s)/√(1 + 2c·λ + c²·‖x‖²), c = (γ/d)·ℰ·a·σ′(λ)', () => {
    const o = options({ directions: 2, width: 1, d: 6, secondLayer: { trained: false, a0: 0.7 } });
    const chain = new MultiIndexCommitteeGram(multiIndexCommitteeInput(o), new Rng(5));
    const w = [0, 1, 2].map((i) => chain.g.at(i, 2));
    const zeta = Float64Array.of(0.7, -1.1, 0.4);
    const rho = 1.9;
    const y = 0.35;
    const lambda = w[0]! * 0.7 - w[1]! * 1.1 + w[2]! * 0.4;
    const c = (3 / 6) * (y - 0.7 * sigma(lambda)) * 0.7 * dsigma(lambda);
    const n = Math.sqrt(1 + 2 * c * lambda + c * c * (0.49 + 1.21 + 0.16 + rho * rho));
    expect(chain.applySample(zeta, rho, y)).toBe(true);
    expect(chain.g.at(0, 2)).toBeCloseTo((w[0]! + c * 0.7) / n, 13);
    expect(chain.g.at(1, 2)).toBeCloseTo((w[1]! - c * 1.1) / n, 13);
  });
});

describe('each engine draws as documented', () => {
  it('reduced: start column c gets c normals and χ²_{d−c}; per step ζ (r + p normals), ρ² ~ χ²_{d−r−p}, then ε', () => {
    const o = options({ d: 11, directions: 2, width: 2 });
    const input = multiIndexCommitteeInput(o);
    const chain = new MultiIndexCommitteeGram(input, new Rng(31));
    const rng = new Rng(31);
    for (const c of [2, 3]) {
      const g = Array.from({ length: c }, () => rng.normal());
      const chi = rng.chiSquared(11 - c);
      const norm = Math.sqrt(g.reduce((s, v) => s + v * v, 0) + chi);
      [...g, Math.sqrt(chi)].forEach((v, i) => expect(Math.abs(chain.g.at(i, c) - v / norm)).toBeLessThan(1e-15));
    }
    const twin = new MultiIndexCommitteeGram(input, new Rng(999));
    twin.g.r.set(chain.g.r);
    for (let step = 1; step <= 10; step++) {
      const zeta = Float64Array.from({ length: 4 }, () => rng.normal());
      const rho = Math.sqrt(rng.chiSquared(11 - 4));
      const y = target(zeta.subarray(0, 2)) + Math.sqrt(o.noise) * rng.normal();
      expect(chain.step()).toBe(true);
      expect(twin.applySample(zeta, rho, y)).toBe(true);
      expect(Array.from(chain.g.r)).toEqual(Array.from(twin.g.r));
      expect(Array.from(chain.a)).toEqual(Array.from(twin.a));
    }
  });

  it('full: w_j = g_j/‖g_j‖ (fillNormals per j), then x (fillNormals) and ε per step; the model written out', () => {
    const o = options({ d: 7, directions: 2, width: 2 });
    const input = multiIndexCommitteeInput(o);
    const chain = new MultiIndexCommitteeVectors(input, new Rng(21));
    const rng = new Rng(21);
    const ws = Array.from({ length: 2 }, () => {
      const g = new Float64Array(7);
      rng.fillNormals(g);
      const n = Math.sqrt(dot(g, g));
      return g.map((v) => v / n);
    });
    const a = [input.a0, input.a0];
    for (let step = 0; step <= 15; step++) {
      if (step > 0) {
        const x = new Float64Array(7);
        rng.fillNormals(x);
        const y = target(x.subarray(0, 2)) + Math.sqrt(o.noise) * rng.normal();
        explicitStep(ws, a, x, y, o);
        expect(chain.step()).toBe(true);
      }
      const m = new Float64Array(4);
      chain.overlaps(m);
      for (let s = 0; s < 2; s++) for (let j = 0; j < 2; j++) expect(Math.abs(m[s * 2 + j]! - ws[j]![s]!)).toBeLessThan(1e-13);
      for (let j = 0; j < 2; j++) expect(Math.abs(chain.a[j]! - a[j]!)).toBeLessThan(1e-13);
    }
  });
});

describe('the run records', () => {
  it('hit = first ν with max_j ‖P_S w_j‖ ≥ τ, directionHits[s] = first ν with max_j m_{s,j}² ≥ τ_dir², from the overlaps of every step', () => {
    const o = options({ d: 12, directions: 2, width: 2, gamma: 4, threshold: 0.6, directionThreshold: 0.5, maxSteps: 400, seed: 3 });
    const run = runMultiIndexCommittee(o);
    // replay the chain by hand and watch its overlaps
    const input = multiIndexCommitteeInput(o);
    const chain = new MultiIndexCommitteeGram(input, new Rng(3));
    const m = new Float64Array(4);
    let hit: number | null = null;
    const dir: (number | null)[] = [null, null];
    let t = 0;
    for (; t <= run.steps; t++) {
      if (t > 0) chain.step();
      chain.overlaps(m);
      const norms = [0, 1].map((j) => Math.hypot(m[j]!, m[2 + j]!));
      if (hit === null && Math.max(...norms) >= 0.6) hit = t;
      for (let s = 0; s < 2; s++) if (dir[s] === null && Math.max(m[2 * s]! ** 2, m[2 * s + 1]! ** 2) >= 0.25) dir[s] = t;
    }
    expect(run.hit).toBe(hit);
    expect(run.directionHits).toEqual(dir);
    expect(run.steps).toBe(Math.max(hit ?? o.maxSteps, ...dir.map((h) => h ?? o.maxSteps)));
    expect(run.diverged).toBeNull();
    expect(run.finalOverlaps).toEqual([
      [m[0], m[1]],
      [m[2], m[3]],
    ]);
    expect(run.finalSecondLayer).toEqual(Array.from(chain.a));
    // until 'subspace' stops at the subspace hit
    const sub = runMultiIndexCommittee({ ...o, until: 'subspace' });
    expect(sub.steps).toBe(hit);
  });

  it('a huge γ diverges and the run records where; maxSteps = 0 observes the start only', () => {
    const o = options({ gamma: 1e308, secondLayer: { trained: false }, maxSteps: 50, threshold: 1 });
    for (const engine of ['reduced', 'full'] as const) {
      const run = runMultiIndexCommittee({ ...o, engine });
      expect(run.diverged).not.toBeNull();
      expect(run.steps).toBe(run.diverged);
      expect(run.finalOverlaps.flat().every(Number.isFinite)).toBe(true);
    }
    const still = runMultiIndexCommittee({ ...o, gamma: 1, maxSteps: 0 });
    expect(still.steps).toBe(0);
    expect(still.finalOverlaps.length).toBe(3);
    expect(still.finalOverlaps[0]!.length).toBe(3);
  });
});

const SEEDS = 600;

function lawRuns(o: Omit<MultiIndexCommitteeOptions, 'engine' | 'seed'>, engine: 'reduced' | 'full', base: number): MultiIndexCommitteeRun[] {
  return Array.from({ length: SEEDS }, (_, i) => runMultiIndexCommittee({ ...o, engine, seed: seedFor(base, i) }));
}

/** KS p-values of the subspace hit and of every direction's hit. */
function pValues(a: MultiIndexCommitteeRun[], b: MultiIndexCommitteeRun[]): number[] {
  const times = (rs: MultiIndexCommitteeRun[]) => [rs.map((x) => x.hit), ...rs[0]!.directionHits.map((_, s) => rs.map((x) => x.directionHits[s]!))];
  const tb = times(b);
  return times(a).map((ta, k) => ksTwoSample(ta, tb[k]!).pValue);
}

const median = (xs: (number | null)[]): number => xs.map((x) => x ?? Infinity).sort((u, v) => u - v)[Math.floor(xs.length / 2)]!;

const square = (z: number): number => z * z;
const poly2 = (z: number): number => z + z * z;
const dpoly2 = (z: number): number => 1 + 2 * z;

describe('reduced = full in law (hitting times, KS, disjoint seeds), d = 30', () => {
  const cases: [string, number, Omit<MultiIndexCommitteeOptions, 'engine' | 'seed'>][] = [
    [
      'r = 2, g = z1·z2, p = 2, σ = z², γ = 0.3',
      100,
      {
        d: 30,
        directions: 2,
        width: 2,
        target: (z) => z[0]! * z[1]!,
        activation: square,
        activationDerivative: (z) => 2 * z,
        noise: 0,
        gamma: 0.3,
        threshold: 0.5,
        directionThreshold: 0.4,
        maxSteps: 20_000,
      },
    ],
    [
      'r = 2, g = z1 + z1·z2, p = 2, σ = z + z², Δ = 0.25, γ = 0.2, trained second layer',
      200,
      {
        d: 30,
        directions: 2,
        width: 2,
        target: (z) => z[0]! + z[0]! * z[1]!,
        activation: poly2,
        activationDerivative: dpoly2,
        noise: 0.25,
        gamma: 0.2,
        secondLayer: { trained: true, rate: 0.2 },
        threshold: 0.5,
        directionThreshold: 0.4,
        maxSteps: 20_000,
      },
    ],
    [
      'r = 3, g = z1 + z1·z2 + z1·z2·z3, p = 2, σ = z + z², γ = 0.1',
      300,
      {
        d: 30,
        directions: 3,
        width: 2,
        target: (z) => z[0]! + z[0]! * z[1]! + z[0]! * z[1]! * z[2]!,
        activation: poly2,
        activationDerivative: dpoly2,
        noise: 0,
        gamma: 0.1,
        threshold: 0.5,
        directionThreshold: 0.35,
        maxSteps: 20_000,
      },
    ],
  ];
  for (const [label, base, o] of cases) {
    it(label, () => {
      const reduced = lawRuns(o, 'reduced', base);
      const full = lawRuns(o, 'full', base + 1);
      for (const r of [...reduced, ...full]) {
        expect(r.diverged).toBeNull();
        expect(r.directionHits.every((h) => h !== null)).toBe(true);
      }
      const ps = pValues(reduced, full);
      for (const p of ps) expect(p, `p-values ${ps.join(', ')}`).toBeGreaterThan(1e-3);
      // the escape takes many steps (≫ d): the test is not about the start
      expect(median(reduced.map((x) => x.hit))).toBeGreaterThan(4 * o.d);
    });
  }

  it('negative control: the same comparison rejects when the full engine runs at 1.5·γ', () => {
    const o = cases[0]![2];
    const reduced = lawRuns(o, 'reduced', 100);
    const faster = lawRuns({ ...o, gamma: 1.5 * o.gamma }, 'full', 102);
    const ks = ksTwoSample(
      reduced.map((x) => x.hit),
      faster.map((x) => x.hit),
    );
    expect(ks.pValue).toBeLessThan(1e-3);
  });
});

describe('r = 1 is the committee of committee.ts', () => {
  /** runCommittee with σ* = z², stopped when hitAbs (max_j |m_j| ≥ τ, the multi-index hit at r = 1) is known: the risk is 1 until then, 0 after. */
  const committee = (p: number, engine: 'reduced' | 'full', seed: number) =>
    runCommittee({
      d: 40,
      width: p,
      target: square,
      activation: square,
      activationDerivative: (z) => 2 * z,
      noise: 0.1,
      gamma: 0.3,
      risk: (m) => (Math.max(...m.map(Math.abs)) >= 0.5 ? 0 : 1),
      riskFloor: 0,
      riskDrop: 0.5,
      untilHitAbs: true,
      threshold: 0.5,
      maxSteps: 50_000,
      engine,
      seed,
    }).hitAbs;
  const multi = (p: number, engine: 'reduced' | 'full', seed: number) =>
    runMultiIndexCommittee({
      d: 40,
      directions: 1,
      width: p,
      target: (z) => square(z[0]!),
      activation: square,
      activationDerivative: (z) => 2 * z,
      noise: 0.1,
      gamma: 0.3,
      threshold: 0.5,
      maxSteps: 50_000,
      engine,
      seed,
    });

  for (const p of [1, 2]) {
    it(`p = ${p}: the hit law agrees with the committee's hitAbs (KS, both engine pairings, disjoint seeds)`, () => {
      const n = 500;
      const mr = Array.from({ length: n }, (_, i) => multi(p, 'reduced', seedFor(400 + p, i)));
      const mf = Array.from({ length: n }, (_, i) => multi(p, 'full', seedFor(410 + p, i)));
      const cr = Array.from({ length: n }, (_, i) => committee(p, 'reduced', seedFor(420 + p, i)));
      const cf = Array.from({ length: n }, (_, i) => committee(p, 'full', seedFor(430 + p, i)));
      expect(
        ksTwoSample(
          mr.map((x) => x.hit),
          cf,
        ).pValue,
      ).toBeGreaterThan(1e-3);
      expect(
        ksTwoSample(
          mf.map((x) => x.hit),
          cr,
        ).pValue,
      ).toBeGreaterThan(1e-3);
      // at r = 1 the subspace hit and the direction hit are one event (τ_dir = τ)
      for (const x of mr) expect(x.directionHits[0]).toBe(x.hit);
    });
  }

  it('same seed, reduced engines: the two chains draw in the same order, so the hit times coincide run by run', () => {
    for (const p of [1, 3]) for (let i = 0; i < 50; i++) expect(multi(p, 'reduced', seedFor(440, i)).hit).toBe(committee(p, 'reduced', seedFor(440, i)));
  });
});

describe('validation', () => {
  const bad: [string, Partial<MultiIndexCommitteeOptions>, RegExp][] = [
    ['d < r + p + 1', { d: 6, directions: 3, width: 3 }, /d must be an integer ≥ directions \+ width \+ 1 = 7, got 6/],
    ['directions 0', { directions: 0 }, /directions must be an integer ≥ 1/],
    ['width 0', { width: 0 }, /width must be an integer ≥ 1/],
    ['γ = ∞', { gamma: Infinity }, /gamma must be finite/],
    ['Δ < 0', { noise: -0.1 }, /noise Δ must be finite and ≥ 0/],
    ['τ = 0', { threshold: 0 }, /threshold must be in \(0, 1\]/],
    ['τ_dir > 1', { directionThreshold: 1.5 }, /directionThreshold must be in \(0, 1\]/],
    ['until', { until: 'x' as 'all' }, /until must be 'all' or 'subspace'/],
    ['engine', { engine: 'x' as 'full' }, /engine must be 'reduced' or 'full'/],
    ['target', { target: 3 as unknown as MultiIndexCommitteeOptions['target'] }, /target must be a function/],
  ];
  for (const [label, over, message] of bad) {
    it(label, () => {
      expect(() => runMultiIndexCommittee(options(over))).toThrow(OutOfRangeError);
      expect(() => runMultiIndexCommittee(options(over))).toThrow(message);
    });
  }
});
