/**
 * The reduced chain's step is the full engine's step, exactly (to rounding), when both are fed
 * the same sample: width 1 through (z, ξ, R), width N through the Gram factor's coordinates.
 */
import { describe, expect, it } from 'vitest';
import { fullStep } from '../../src/sgd/full.js';
import { GramState } from '../../src/sgd/gram.js';
import { reducedProjection, reducedStep } from '../../src/sgd/reduced.js';
import { GramStepper } from './gramReference.js';
import { Rng } from '../../src/sgd/rng.js';
import { ruleFactory } from '../../src/sgd/rule.js';
import { ALGORITHMS, dhe3, he3 } from './helpers.js';

const rulesFor = (name: string, gamma: number) => ruleFactory({ algorithm: ALGORITHMS[name]!, gamma, student: he3, studentDerivative: dhe3 });

describe('width 1: reduced step = full step on the same sample', () => {
  const d = 12;
  for (const name of Object.keys(ALGORITHMS)) {
    it(name, () => {
      const rng = new Rng(5);
      for (let trial = 0; trial < 200; trial++) {
        const m = 2 * rng.uniform() - 1;
        const gamma = [1e-3, 0.05, 0.7, 30][trial % 4]!;
        const sample = { z: 2 * rng.normal(), xi: rng.normal(), r: rng.chiSquared(d - 2) };
        // explicit vectors, θ* = e_0: w = (m, √(1−m²), 0, …), v ⊥ w in span(e_0, e_1) with ⟨θ*, v⟩ = √(1−m²)
        const s = Math.sqrt(1 - m * m);
        const w = new Float64Array(d);
        w[0] = m;
        w[1] = s;
        const x = new Float64Array(d);
        x[0] = sample.z * m + sample.xi * s;
        x[1] = sample.z * s - sample.xi * m;
        const rest = Array.from({ length: d - 2 }, () => rng.normal());
        const norm = Math.hypot(...rest);
        rest.forEach((v, i) => (x[i + 2] = (v / norm) * Math.sqrt(sample.r)));
        const u = reducedProjection(m, sample);
        expect(u).toBeCloseTo(x[0]!, 13);
        const y = he3(u) + 0.3 * rng.normal();
        const make = rulesFor(name, gamma);
        const ok = fullStep(w, x, y, make());
        expect(ok).toBe(true);
        const mReduced = reducedStep(m, sample, y, make());
        expect(Math.abs(mReduced - w[0]!), `trial ${trial}: m = ${m}, γ = ${gamma}`).toBeLessThan(1e-12);
      }
    });
  }

  it('the second batch-reuse step sees z′ = (z(1 − ηgz) + ηg‖x‖²)/‖w′‖ (docs/theory.md §5)', () => {
    const d = 9;
    const eta = 0.4;
    const rng = new Rng(8);
    const w = new Float64Array(d);
    const x = new Float64Array(d);
    for (let i = 0; i < d; i++) {
      w[i] = rng.normal();
      x[i] = rng.normal();
    }
    const nw = Math.hypot(...w);
    for (let i = 0; i < d; i++) w[i] = w[i]! / nw;
    const dot = (a: Float64Array, b: Float64Array) => a.reduce((s, v, i) => s + v * b[i]!, 0);
    const y = 1.3;
    const z = dot(w, x);
    const g = y * dhe3(z);
    const seen: number[] = [];
    const spy = { subSteps: 2, coefficient: (k: number, yy: number, zz: number) => (seen.push(zz), (k === 0 ? eta : 0.01) * yy * dhe3(zz)) };
    fullStep(w, x, y, spy);
    const xx = dot(x, x);
    const nrm = Math.sqrt(1 + eta * eta * g * g * (xx - z * z));
    expect(seen[0]).toBeCloseTo(z, 13);
    expect(seen[1]).toBeCloseTo((z * (1 - eta * g * z) + eta * g * xx) / nrm, 12);
  });
});

describe('width N: the Gram-factor step = full steps on explicit vectors', () => {
  for (const name of Object.keys(ALGORITHMS)) {
    it(name, () => {
      const N = 4;
      const n = N + 1;
      const d = n + 3;
      const rng = new Rng(9);
      const g = GramState.uniformStart(N, d, rng, false);
      // explicit vectors: coordinates of column j of R in e_0..e_N, zeros beyond
      const ws = Array.from({ length: N }, (_, k) => {
        const v = new Float64Array(d);
        for (let i = 0; i < n; i++) v[i] = g.at(i, k + 1);
        return v;
      });
      const make = rulesFor(name, 0.08);
      const rulesReduced = Array.from({ length: n }, () => make());
      const rulesFull = Array.from({ length: N }, () => make());
      const stepper = new GramStepper(N);
      for (let step = 0; step < 50; step++) {
        const zeta = new Float64Array(n);
        for (let i = 0; i < n; i++) zeta[i] = rng.normal();
        const rho2 = rng.chiSquared(d - n);
        // x in the current basis: ζ on e_0..e_N, ρ on a unit vector orthogonal to the span
        const x = new Float64Array(d);
        for (let i = 0; i < n; i++) x[i] = zeta[i]!;
        const rest = Array.from({ length: d - n }, () => rng.normal());
        const norm = Math.hypot(...rest);
        rest.forEach((v, i) => (x[n + i] = (v / norm) * Math.sqrt(rho2)));
        const y = he3(zeta[0]!);
        for (let k = 0; k < N; k++) expect(fullStep(ws[k]!, x, y, rulesFull[k]!)).toBe(true);
        expect(stepper.step(g, zeta, rho2, y, rulesReduced)).toBe(true);
        // compare all inner products: G = RᵀR against the explicit vectors (θ* = e_0)
        for (let j = 1; j < n; j++) {
          expect(Math.abs(g.overlap(j) - ws[j - 1]![0]!)).toBeLessThan(1e-11);
          for (let k = 1; k <= j; k++) {
            let gr = 0;
            for (let i = 0; i <= k; i++) gr += g.at(i, j) * g.at(i, k);
            const ge = ws[j - 1]!.reduce((s, v, i) => s + v * ws[k - 1]![i]!, 0);
            expect(Math.abs(gr - ge), `step ${step}, G[${j}][${k}]`).toBeLessThan(1e-11);
          }
        }
        // the basis moved with the step: re-express the explicit vectors in the new basis so the
        // next step's ζ means the same thing for both (an orthogonal change of coordinates).
        const coords = Array.from({ length: N }, (_, k) => Float64Array.from({ length: n }, (_, i) => g.at(i, k + 1)));
        for (let k = 0; k < N; k++) {
          ws[k]!.fill(0);
          ws[k]!.set(coords[k]!);
        }
        // θ*'s column stays e_0 and R stays upper triangular
        expect(g.at(0, 0)).toBe(1);
        for (let i = 1; i < n; i++) for (let j = 0; j < i; j++) expect(g.at(i, j)).toBe(0);
      }
    });
  }
});
