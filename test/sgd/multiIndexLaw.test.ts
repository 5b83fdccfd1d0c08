/**
 * The law of the multi-index chain: the exact d-free Gram chain (engine 'reduced') and explicit
 * vectors in R^d (engine 'full') must give the same law of hitting times — the subspace hit
 * ‖P_S w‖ ≥ τ and each direction's m_s² ≥ τ_dir² — by a two-sample Kolmogorov–Smirnov test
 * (ks.ts) on 400 seeds per engine, disjoint seeds. A negative control (a different γ) must be
 * rejected by the same test. The staircase order of the runs is compared with the analysis's
 * staircase (src/multiIndex/, analyzeMultiIndex): for z1 + z1·z2 (phases {1} then {2}) z1 is
 * learned first in nearly every run; for z1·z2 (one phase {1, 2}) neither comes first more often
 * than a fair coin allows.
 */
import { describe, expect, it } from 'vitest';
import { parseLink } from '../../src/expr/parse.js';
import { analyzeMultiIndex } from '../../src/multiIndex/analyzeMulti.js';
import { compileMulti } from '../../src/multiIndex/variables.js';
import { ksTwoSample } from '../../src/sgd/ks.js';
import { runMultiIndexSgd, type MultiIndexRun, type MultiIndexSgdOptions } from '../../src/sgd/multiIndex.js';

const SEEDS = 400;

function runs(o: Omit<MultiIndexSgdOptions, 'seed' | 'engine'>, engine: 'reduced' | 'full', base: number): MultiIndexRun[] {
  return Array.from({ length: SEEDS }, (_, i) => runMultiIndexSgd({ ...o, engine, seed: base + i }));
}

/** KS p-values of the subspace hit and of every direction's hit, reduced vs full. */
function pValues(a: MultiIndexRun[], b: MultiIndexRun[]): number[] {
  const r = a[0]!.directionHits.length;
  return [
    ksTwoSample(
      a.map((x) => x.hit),
      b.map((x) => x.hit),
    ).pValue,
    ...Array.from(
      { length: r },
      (_, s) =>
        ksTwoSample(
          a.map((x) => x.directionHits[s]!),
          b.map((x) => x.directionHits[s]!),
        ).pValue,
    ),
  ];
}

const median = (xs: (number | null)[]): number => {
  const s = xs.map((x) => (x === null ? Infinity : x)).sort((u, v) => u - v);
  return s[Math.floor(s.length / 2)]!;
};

/** The fraction of runs in which direction 1 is hit strictly before direction 2 (a censored hit counts as +∞). */
const firstBeforeSecond = (rs: MultiIndexRun[]): number =>
  rs.filter((x) => (x.directionHits[0] ?? Infinity) < (x.directionHits[1] ?? Infinity)).length / rs.length;

const link = (source: string, r: number) => compileMulti(parseLink(source, { variables: 'multi' }), r);

describe('reduced = full in law, r = 2, d = 100', () => {
  it('z1·z2 (leap 2), σ = z² (σ′ = 2z), γ = 0.3/d: same law; the analysis says one phase {1, 2}, and the runs pick no order', () => {
    const d = 100;
    const o = {
      d,
      directions: 2,
      target: link('z1*z2', 2),
      activationDerivative: (z: number) => 2 * z,
      noise: 0,
      gamma: 0.3 / d,
      threshold: 0.5,
      directionThreshold: 0.4,
      maxSteps: 100_000,
    };
    const reduced = runs(o, 'reduced', 1);
    const full = runs(o, 'full', 1_000_001);
    for (const p of pValues(reduced, full)) expect(p).toBeGreaterThan(1e-3);
    expect(reduced.every((x) => x.hit !== null && x.diverged === null)).toBe(true);
    // the escape from the saddle takes many steps (≫ d): the test is not about the start
    expect(median(reduced.map((x) => x.hit))).toBeGreaterThan(2 * d);
    const a = analyzeMultiIndex('z1*z2');
    expect(a.leap).toBe(2);
    expect(a.staircase.map((p) => p.adds)).toEqual([[1, 2]]);
    // one phase: z1 first in about half the runs (binomial sd 0.025 at 400 runs; 5 sd)
    for (const rs of [reduced, full]) expect(Math.abs(firstBeforeSecond(rs) - 0.5)).toBeLessThan(0.125);

    // negative control: γ = 0.45/d in the full engine is rejected on the subspace hit
    const other = runs({ ...o, gamma: 0.45 / d }, 'full', 2_000_001);
    expect(
      ksTwoSample(
        reduced.map((x) => x.hit),
        other.map((x) => x.hit),
      ).pValue,
    ).toBeLessThan(1e-4);
  });

  it('z1 + z1·z2 (leap 1), σ = z + z² (σ′ = 1 + 2z), γ = 0.1/d, Δ = 0.25: same law; the staircase z1 then z2', () => {
    const d = 100;
    const o = {
      d,
      directions: 2,
      target: link('z1 + z1*z2', 2),
      activationDerivative: (z: number) => 1 + 2 * z,
      noise: 0.25,
      gamma: 0.1 / d,
      threshold: 0.5,
      directionThreshold: 0.4,
      maxSteps: 100_000,
    };
    const reduced = runs(o, 'reduced', 1);
    const full = runs(o, 'full', 1_000_001);
    for (const p of pValues(reduced, full)) expect(p).toBeGreaterThan(1e-3);
    const a = analyzeMultiIndex('z1 + z1*z2');
    expect(a.leap).toBe(1);
    expect(a.staircase.map((p) => p.adds)).toEqual([[1], [2]]);
    for (const rs of [reduced, full]) expect(firstBeforeSecond(rs)).toBeGreaterThan(0.95);
    expect(median(reduced.map((x) => x.directionHits[1]!))).toBeGreaterThan(1.5 * median(reduced.map((x) => x.directionHits[0]!)));

    // negative control: γ = 0.15/d is rejected on z1's hit
    const other = runs({ ...o, gamma: 0.15 / d }, 'reduced', 2_000_001);
    expect(
      ksTwoSample(
        reduced.map((x) => x.directionHits[0]!),
        other.map((x) => x.directionHits[0]!),
      ).pValue,
    ).toBeLessThan(1e-4);
  });
});

describe('reduced = full in law, r = 3, d = 60', () => {
  it('z1 + z1·z2 + z1·z2·z3 (leap 1), σ = z + z² + z³, γ = 0.1/d, censored at 6000 steps', () => {
    const d = 60;
    const o = {
      d,
      directions: 3,
      target: link('z1 + z1*z2 + z1*z2*z3', 3),
      activationDerivative: (z: number) => 1 + 2 * z + 3 * z * z,
      noise: 0,
      gamma: 0.1 / d,
      threshold: 0.5,
      directionThreshold: 0.35,
      maxSteps: 6000,
    };
    const reduced = runs(o, 'reduced', 1);
    const full = runs(o, 'full', 1_000_001);
    for (const p of pValues(reduced, full)) expect(p).toBeGreaterThan(1e-3);
    expect(analyzeMultiIndex('z1 + z1*z2 + z1*z2*z3').staircase.map((p) => p.adds)).toEqual([[1], [2], [3]]);
    // z1 before z2 in nearly every run
    for (const rs of [reduced, full]) expect(firstBeforeSecond(rs)).toBeGreaterThan(0.9);
  });
});
