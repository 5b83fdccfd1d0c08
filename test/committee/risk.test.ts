// committeeRisk (src/committee/risk.ts, Mehler series) against the paper's square formula
// (arXiv 2305.18502 eq. def:risk), the sympy/Isserlis risks of drift.json, and for tanh/erf a
// direct 2-D Gauss–Hermite evaluation of each pairwise expectation written here.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { gaussHermiteRule } from '../../src/committee/gaussRules.js';
import { committeeRisk } from '../../src/committee/risk.js';
import type { CommitteeSpec } from '../../src/committee/spec.js';
import { erf } from '../../src/numeric/special.js';

const fixture = JSON.parse(readFileSync(fileURLToPath(new URL('../fixtures/committee/drift.json', import.meta.url)), 'utf8')) as {
  cases: { name: string; target: string; activation: string; p: number; m: number[]; Q: number[][]; a: number[]; noise: number; risk: { exact: string } }[];
};

describe('square committee: the paper’s R = (Δ+3)/2 − (1/p)Σa_j(Q_jj + 2m_j²) + (1/(2p²))Σa_ja_l(Q_jjQ_ll + 2Q_jl²)', () => {
  it('p = 5, random overlaps and second layer', () => {
    const p = 5;
    const delta = 0.7;
    const spec: CommitteeSpec = { width: p, target: 'z^2', activation: 'z^2', noise: delta, gamma: 0.1, secondLayer: { trained: true } };
    const r = committeeRisk(spec);
    expect(r.exact).toBe(true);
    expect(r.floor).toBe(delta / 2);
    let seed = 7;
    const rand = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647 - 0.5;
    };
    for (let trial = 0; trial < 5; trial++) {
      const m = Float64Array.from({ length: p }, () => rand());
      const a = Float64Array.from({ length: p }, () => 1 + rand());
      const Q = new Float64Array(p * p);
      for (let j = 0; j < p; j++)
        for (let l = j; l < p; l++) {
          const v = j === l ? 1 : 0.4 * rand();
          Q[j * p + l] = v;
          Q[l * p + j] = v;
        }
      let paper = (delta + 3) / 2;
      for (let j = 0; j < p; j++) paper -= (a[j]! * (1 + 2 * m[j]! ** 2)) / p;
      for (let j = 0; j < p; j++) for (let l = 0; l < p; l++) paper += (a[j]! * a[l]! * (1 + 2 * Q[j * p + l]! ** 2)) / (2 * p * p);
      expect(Math.abs(r.risk(m, Q, a) - paper)).toBeLessThan(1e-14);
    }
  });
});

describe('polynomial links: risk against sympy + Isserlis (drift.json, E[ℰ²]/2)', () => {
  for (const c of fixture.cases) {
    it(c.name, () => {
      const r = committeeRisk({ width: c.p, target: c.target, activation: c.activation, noise: c.noise, gamma: 0.1, secondLayer: { trained: false } });
      const [num, den] = c.risk.exact.split('/').map(BigInt) as [bigint, bigint];
      const expected = Number(num) / Number(den);
      const got = r.risk(Float64Array.from(c.m), Float64Array.from(c.Q.flat()), Float64Array.from(c.a));
      expect(Math.abs(got - expected)).toBeLessThan(1e-12 * Math.max(1, Math.abs(expected)));
    });
  }
});

describe('non-polynomial links: Mehler with numeric coefficients against direct 2-D Gauss–Hermite', () => {
  // E[f(X)g(Y)] with corr(X, Y) = ρ: X = u, Y = ρu + √(1 − ρ²)v, a 90×90 product rule.
  const rule = gaussHermiteRule(90);
  const pairMean = (f: (x: number) => number, g: (x: number) => number, rho: number): number => {
    let s = 0;
    const c = Math.sqrt(1 - rho * rho);
    for (let i = 0; i < rule.nodes.length; i++)
      for (let k = 0; k < rule.nodes.length; k++) s += rule.weights[i]! * rule.weights[k]! * f(rule.nodes[i]!) * g(rho * rule.nodes[i]! + c * rule.nodes[k]!);
    return s;
  };
  const cases = [
    { target: 'tanh(z)', activation: 'tanh(z)', fs: Math.tanh, f: Math.tanh },
    { target: 'z^2', activation: 'erf(z)', fs: (x: number) => x * x, f: erf },
  ];
  for (const c of cases) {
    it(`σ* = ${c.target}, σ = ${c.activation}, p = 2`, () => {
      const p = 2;
      const delta = 0.4;
      const r = committeeRisk({
        width: p,
        target: c.target,
        activation: c.activation,
        noise: delta,
        gamma: 0.1,
        secondLayer: { trained: false, a0: [1, 1.5] },
      });
      expect(r.exact).toBe(false);
      expect(r.errorBound).toBeLessThan(1e-8);
      const m = Float64Array.of(0.6, -0.35);
      const a = Float64Array.of(1, 1.5);
      const Q = Float64Array.of(1, 0.45, 0.45, 1);
      let direct = 0.5 * (pairMean(c.fs, c.fs, 1) + delta);
      for (let j = 0; j < p; j++) direct -= (a[j]! * pairMean(c.fs, c.f, m[j]!)) / p;
      for (let j = 0; j < p; j++) for (let l = 0; l < p; l++) direct += (a[j]! * a[l]! * pairMean(c.f, c.f, j === l ? 1 : Q[j * p + l]!)) / (2 * p * p);
      expect(Math.abs(r.risk(m, Q, a) - direct)).toBeLessThanOrEqual(r.errorBound + 1e-12);
    });
  }
});
