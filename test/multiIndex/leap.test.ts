/**
 * The CSQ (coordinate) leap of arXiv 2302.11055 on the giant-learning targets of issue 16, each
 * derived by hand below from the support of the Hermite coefficients; the bottleneck search against a
 * brute force over every ordering of the monomials; the staircase's largest phase against the search.
 */
import { describe, expect, it } from 'vitest';
import { analyzeMultiIndex, leapOf } from '../../src/multiIndex/analyzeMulti.js';
import { bottleneckLeap, leapSampleComplexity, staircase } from '../../src/multiIndex/leap.js';
import type { MultiExpansion } from '../../src/multiIndex/expansion.js';

describe('leap of the giant-learning targets (hand derivations)', () => {
  // z1 + z1·z2: support {(1,0), (1,1)}; z1 costs 1, then z1z2 costs 1 on the new z2 → 1.
  it('z1 + z1*z2: leap 1, z1 then z2', () => {
    const a = analyzeMultiIndex('z1 + z1*z2');
    expect(a.leap).toBe(1);
    expect(a.staircase.map((p) => [p.adds, p.leap])).toEqual([
      [[1], 1],
      [[2], 1],
    ]);
    expect(a.sampleComplexity).toBe('d');
  });
  // z1·z2·z3 = h1h1h1: the only monomial carries degree 3 on three new coordinates → 3, n ≍ d².
  it('z1*z2*z3: leap 3, all three at once', () => {
    const a = analyzeMultiIndex('z1*z2*z3');
    expect(a.leap).toBe(3);
    expect(a.staircase.map((p) => p.adds)).toEqual([[1, 2, 3]]);
    expect(a.sampleComplexity).toBe('d^2');
  });
  // He4(z1) = √24·h4(z1): one monomial of degree 4 → 4, n ≍ d³ (the single-index ladder at k* = 4).
  it('He4(z1): leap 4', () => {
    const a = analyzeMultiIndex('He4(z1)');
    expect(a.leap).toBe(4);
    expect(a.sampleComplexity).toBe('d^3');
  });
  // the staircase z1 + z1z2 + z1z2z3: each step adds one coordinate of degree 1 → 1.
  it('z1 + z1*z2 + z1*z2*z3: leap 1, the staircase z1, z2, z3', () => {
    const a = analyzeMultiIndex('z1 + z1*z2 + z1*z2*z3');
    expect(a.leap).toBe(1);
    expect(a.staircase.map((p) => p.adds)).toEqual([[1], [2], [3]]);
    expect(a.staircase.map((p) => p.leap)).toEqual([1, 1, 1]);
  });
  // He4(z1) + z1z2z3: support {(4,0,0), (1,1,1)}. Starting with He4 costs 4; starting with z1z2z3
  // costs 3 and learns every coordinate, after which He4 is free → min(max(4, 2), 3) = 3.
  it('He4(z1) + z1*z2*z3: leap 3 (z1z2z3 first, then He4 is free)', () => {
    const a = analyzeMultiIndex('He4(z1) + z1*z2*z3');
    expect(a.leap).toBe(3);
    expect(a.staircase.map((p) => p.adds)).toEqual([[1, 2, 3]]);
  });
  // sign(z1z2z3) = sign(z1)sign(z2)sign(z3): odd in each variable, so every nonzero α_k has every
  // k_s odd (≥ 1): any first monomial costs ≥ 3, and (1,1,1) ≠ 0 ((2/π)^{3/2}) → 3, at any degree.
  it('sign(z1*z2*z3): leap 3, decided beyond the table by parity', () => {
    const a = analyzeMultiIndex('sign(z1*z2*z3)', { maxDegree: 5 });
    expect(a.leap).toBe(3);
    expect(a.leapDecidedBy).toMatch(/beyond/);
  });
  // He4(z1) + sign(z1z2z3): as above, the product term (cost 3, all coordinates) beats He4 (cost 4) → 3.
  it('He4(z1) + sign(z1*z2*z3): leap 3', () => {
    expect(analyzeMultiIndex('He4(z1) + sign(z1*z2*z3)', { maxDegree: 5 }).leap).toBe(3);
  });
  // tanh(z1 + He3(z2)): α_(1,0) = E[sech²(z1 + He3(z2))] > 0 (Stein) learns z1 at cost 1; α_(0,1) ≠ 0
  // (≈ −0.2984, the mpmath reference in numeric.json) learns z2 at cost 1 → leap 1, not 3.
  it('tanh(z1 + He3(z2)): leap 1 (α_(0,1) ≠ 0: He3 does not hide z2 behind a leap of 3)', () => {
    const a = analyzeMultiIndex('tanh(z1 + He3(z2))', { maxDegree: 3 });
    expect(a.leap).toBe(1);
    expect(a.coefficients.find((c) => c.multiIndex.join() === '0,1')?.status).toBe('nonzero');
  });
  // z1² + z1z2 = √2·h2(z1) + 1 + h1h1: from ∅ both monomials cost 2 (h2 on z1; h1h1 on z1 and z2), so
  // one phase learns both directions at leap 2 → 2, n ≍ d log d.
  it('z1^2 + z1*z2: leap 2, d log d', () => {
    const a = analyzeMultiIndex('z1^2 + z1*z2');
    expect(a.leap).toBe(2);
    expect(a.sampleComplexity).toBe('d log d');
    expect(a.staircase.map((p) => [p.adds, p.leap])).toEqual([[[1, 2], 2]]);
  });
  // z1z2 + z2·He3(z3): z1z2 first (cost 2), then z2·He3(z3) costs 3 on z3 → 3 (it first: cost 4).
  // With z3³ = He3(z3) + 3z3 instead, z2·z3³ also carries h1(z2)h1(z3): after {z1, z2} it costs 1 → 2.
  it('z1*z2 + z2*He3(z3): leap 3; z1*z2 + z2*z3^3: leap 2 (Hermite, not monomial, degrees)', () => {
    expect(analyzeMultiIndex('z1*z2 + z2*He3(z3)').leap).toBe(3);
    expect(analyzeMultiIndex('z1*z2 + z2*z3^3').leap).toBe(2);
  });
  it('says it is the coordinate leap, an upper bound of the isoLeap', () => {
    expect(analyzeMultiIndex('z1*z2').leapNote).toMatch(/coordinate leap.*upper bound of the rotation-invariant isoLeap/);
  });
});

/** Brute force: the least over all orderings of the monomials of the largest new-coordinate degree. */
function bruteForceLeap(support: number[][]): number {
  let best = Infinity;
  const permute = (rest: number[][], learned: Set<number>, worst: number) => {
    if (worst >= best) return;
    if (rest.length === 0) {
      best = worst;
      return;
    }
    rest.forEach((k, i) => {
      const cost = k.reduce((s, ks, s1) => s + (learned.has(s1) ? 0 : ks), 0);
      const next = new Set(learned);
      k.forEach((ks, s1) => ks > 0 && next.add(s1));
      permute([...rest.slice(0, i), ...rest.slice(i + 1)], next, Math.max(worst, cost));
    });
  };
  permute(support, new Set(), 0);
  return best;
}

describe('bottleneck search (second algorithm: brute force over orderings)', () => {
  it('agrees on 300 random supports in 4 variables, and the staircase reaches the same leap', () => {
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + Math.floor(random() * 5);
      const support = Array.from({ length: n }, () => Array.from({ length: 4 }, () => (random() < 0.5 ? 0 : Math.floor(random() * 4))));
      const nonzero = support.filter((k) => k.some((x) => x > 0));
      if (nonzero.length === 0) continue;
      const target = [...new Set(nonzero.flatMap((k) => k.flatMap((x, i) => (x > 0 ? [i + 1] : []))))];
      const moves = nonzero.map((k) => {
        const directions = k.flatMap((x, i) => (x > 0 ? [i + 1] : []));
        return { directions, degrees: directions.map((s) => k[s - 1]!) };
      });
      const expected = bruteForceLeap(nonzero);
      expect(bottleneckLeap(moves, target)).toBe(expected);
      expect(Math.max(...staircase(nonzero).map((p) => p.leap))).toBe(expected);
    }
  });
  it('sample complexity d^{max(L−1, 1)}, d log d at L = 2', () => {
    expect([1, 2, 3, 4, 5].map(leapSampleComplexity)).toEqual(['d', 'd log d', 'd^2', 'd^3', 'd^4']);
  });
});

describe('undecided leaps', () => {
  const base: Omit<MultiExpansion, 'coefficients' | 'unseen'> = {
    variables: 2,
    directions: [1, 2],
    route: 'numeric',
    reason: null,
    maxDegree: 3,
    parities: ['none', 'none'],
    jointParity: 'none',
    certifiedZeros: { count: 0, by: [] },
    tolerance: 1e-12,
  };
  const coefficient = (k: number[], status: 'nonzero' | 'undecided') => ({
    multiIndex: k,
    orthonormal: 0.1,
    exact: null,
    error: 0.2,
    status,
    decidedBy: 'numeric' as const,
  });
  it('an undecided α_(1,1) leaves {1, 2, 3}: never a guess', () => {
    // certified: (1,0) then (0,3) costs 3 → 3; if α_(1,1) ≠ 0, z2 costs 1 → 1; candidates 1..3
    const expansion: MultiExpansion = {
      ...base,
      coefficients: [coefficient([1, 0], 'nonzero'), coefficient([1, 1], 'undecided'), coefficient([0, 3], 'nonzero')],
      unseen: [],
    };
    const { leap, phases } = leapOf(expansion);
    expect(leap).toMatchObject({ undecided: true, candidates: [1, 2, 3], unbounded: false });
    expect(phases).toEqual([]);
  });
  it('coefficients beyond K that could lower it make it undecided', () => {
    const expansion: MultiExpansion = {
      ...base,
      coefficients: [coefficient([0, 2], 'nonzero'), coefficient([2, 0], 'nonzero')],
      // certified (2,0), (0,2): 2. Beyond K a coefficient may sit on z1 alone at index 1, then on z2
      // alone at 1: the leap may be 1, so it is undecided ∈ {1, 2}
      unseen: [{ directions: [1, 2], minimumIndex: [1, 1], mayBeAbsent: [true, true], certain: false }],
    };
    const { leap } = leapOf(expansion);
    expect(leap).toMatchObject({ undecided: true, candidates: [1, 2] });
    expect((leap as { reason: string }).reason).toMatch(/beyond \|k\| ≤ 3/);
  });
  it('a link of three directions that is neither polynomial nor separable: not computed, with the reason', () => {
    const a = analyzeMultiIndex('tanh(z1 + z2*z3)');
    expect(a.expansion.route).toBe('not-computed');
    expect(a.leap).toMatchObject({ undecided: true });
    expect(a.sampleComplexity).toBeNull();
  });
  it('a link that is not square-integrable (E[e^{2 z1 z2}] = ∞): the quadrature gives up, not computed', () => {
    const a = analyzeMultiIndex('exp(z1*z2)', { maxDegree: 2 });
    expect(a.expansion.route).toBe('not-computed');
    expect(a.expansion.reason).toMatch(/square-integrable/);
    expect(a.leap).toMatchObject({ undecided: true });
  }, 30_000);
});
