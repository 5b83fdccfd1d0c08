/**
 * The phase diagrams of docs/theory.md §4 against its closed forms:
 * alternating SGD η* ≍ d^{[((p_2−1)∨1) − ((p−1)∨1)]/2}; batch reuse on He_3,
 * T ≍ min(d², (ηd)^{−2}·d, (ηd)^{−4}·d) for ηd ≤ 1 with η* at d^{−3/2} (derived) vs d^{−1} (published);
 * online SGD T ≍ d^{(p−1)∨1} independent of η. Expected values are computed here from those formulas.
 */
import { describe, expect, it } from 'vitest';
import { thresholds, type ThresholdResult } from '../../src/thresholds/thresholds.js';
import { F0, F1, fadd, fdiv, feq, fmul, frac, fstr, fsub, parseFrac, type Frac } from './gaussExact.js';

const rate = (p: number) => Math.max(p - 1, 1);

/** The exponent of d in T at α (exact), read off the engine's pieces. */
function exponentAt(r: ThresholdResult, alpha: Frac): Frac {
  const piece = r.phaseDiagram.pieces.find((p) => {
    const from = parseFrac(p.alphaFrom);
    const geFrom = alpha.n * from.d >= from.n * alpha.d;
    if (!geFrom) return false;
    if (p.alphaTo === null) return true;
    const to = parseFrac(p.alphaTo);
    return alpha.n * to.d < to.n * alpha.d;
  });
  if (!piece) throw new Error(`no piece covers alpha = ${fstr(alpha)}`);
  return fadd(fmul(parseFrac(piece.slope), alpha), parseFrac(piece.intercept));
}

const minF = (...xs: Frac[]) => xs.reduce((m, x) => (x.n * m.d < m.n * x.d ? x : m));

/** Rational sample points of α, including the breakpoints and points on either side. */
const ALPHAS: Frac[] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 16].flatMap((k) => [frac(k, 4), frac(4 * k + 1, 16)]);

describe('alternating SGD: η* ≍ d^{−(p − p_2)/2} (docs/theory.md §4)', () => {
  // p_2 = IE of He_p² = 2 for every p ≥ 2, so α* = [((p−1)∨1) − ((2−1)∨1)]/2 = (p − 2)/2
  const cases: [string, number, string][] = [
    ['He3(z)', 3, '1/2'],
    ['He4(z)', 4, '1'],
    ['He5(z)', 5, '3/2'],
    ['He6(z)', 6, '2'],
  ];
  for (const [target, p, star] of cases) {
    it(`${target}: breakpoint ${star}, pieces 1 + 2α then ${rate(p)}`, () => {
      const r = thresholds({ target, algorithm: 'alternating' });
      const alphaStar = frac(rate(p) - rate(2), 2);
      expect(fstr(alphaStar)).toBe(star);
      expect(r.phaseDiagram.breakpoints).toEqual([star]);
      expect(r.informationExponent).toBe(p);
      // T ≍ min(η^{−2}·d (label power 2, log d), d^{(p−1)∨1} (label power 1)) with η = d^{−α}
      for (const alpha of ALPHAS) {
        const expected = minF(fadd(F1, fmul(frac(2), alpha)), frac(rate(p)));
        expect(fstr(exponentAt(r, alpha)), `alpha = ${fstr(alpha)}`).toBe(fstr(expected));
      }
      expect(r.phaseDiagram.pieces.map((q) => [q.alphaFrom, q.alphaTo, q.slope, q.intercept, q.labelPower])).toEqual([
        ['0', star, '2', '1', 2],
        [star, null, '0', String(rate(p)), 1],
      ]);
      expect(r.phaseDiagram.pieces[1]!.regime).toBe('information');
      // the check entry of the closed form
      const check = r.checks.find((c) => c.breakpoint === star);
      expect(check?.derived).toBe(star);
      expect(check?.derivedMatches).toBe(true);
    });
  }

  it('He3: α < 1/2 → 1 + 2α, α ≥ 1/2 → 2 (spot values)', () => {
    const r = thresholds({ target: 'He3(z)', algorithm: 'alternating' });
    expect(fstr(exponentAt(r, F0))).toBe('1');
    expect(fstr(exponentAt(r, frac(1, 4)))).toBe('3/2');
    expect(fstr(exponentAt(r, frac(1, 2)))).toBe('2');
    expect(fstr(exponentAt(r, frac(3)))).toBe('2');
  });
});

describe('batch reuse on He3 (docs/theory.md §4)', () => {
  const r = thresholds({ target: 'He3(z)', algorithm: 'batch-reuse' });

  it('breakpoints 1 and 3/2; exponents 1, 2α − 1, 2', () => {
    expect(r.phaseDiagram.breakpoints).toEqual(['1', '3/2']);
    expect(r.phaseDiagram.pieces.map((q) => [q.alphaFrom, q.alphaTo, q.slope, q.intercept])).toEqual([
      ['0', '1', '0', '1'],
      ['1', '3/2', '2', '-1'],
      ['3/2', null, '0', '2'],
    ]);
    expect(r.phaseDiagram.pieces[2]!.labelPower).toBe(1);
    expect(r.phaseDiagram.pieces[2]!.regime).toBe('information');
  });

  it('matches T ≍ min(d², (ηd)^{−2}·d, (ηd)^{−4}·d) wherever ηd ≤ 1, and T ≍ d for ηd ≥ 1', () => {
    for (const alpha of ALPHAS) {
      // ηd = d^{1−α}
      const a1 = fsub(F1, alpha);
      const expected = alpha.n >= alpha.d ? minF(frac(2), fsub(F1, fmul(frac(2), a1)), fsub(F1, fmul(frac(4), a1))) : frac(1); // ηd ≫ 1: E[ψ²] ∝ (ηd)^4 caps every branch at ≥ d, reached by i = 1
      expect(fstr(exponentAt(r, alpha)), `alpha = ${fstr(alpha)}`).toBe(fstr(expected));
    }
  });

  it('at α = 3/2 the derived formula matches and the published reading (1) does not', () => {
    // branches i = 1 (p_1 = 3) and j = 2 (p_2 = 2): derived α* = 1 − [((p_j−1)∨1) − ((p_i−1)∨1)]/(2(j−i)),
    // published α* = −[…]/(2(j−i)−1)
    const gap = frac(rate(2) - rate(3)); // −1
    const derived = fsub(F1, fdiv(gap, frac(2)));
    const published = fdiv(gap, frac(-1));
    expect(fstr(derived)).toBe('3/2');
    expect(fstr(published)).toBe('1');
    const check = r.checks.find((c) => c.breakpoint === '3/2');
    expect(check).toBeDefined();
    expect([...check!.pair]).toEqual([1, 2]);
    expect(check!.derived).toBe(fstr(derived));
    expect(check!.published).toBe(fstr(published));
    expect(check!.derivedMatches).toBe(true);
    expect(check!.publishedMatches).toBe(false);
    expect(feq(parseFrac(check!.breakpoint), derived)).toBe(true);
  });
});

describe('online SGD: one piece, T ≍ d^{(p−1)∨1}, no breakpoints', () => {
  const cases: [string, number][] = [
    ['He1(z)', 1],
    ['He2(z)', 2],
    ['He3(z)', 3],
    ['He4(z)', 4],
    ['He5(z)', 5],
    ['He6(z)', 6],
    ['relu(z)', 1],
  ];
  for (const [target, p] of cases) {
    it(`${target}: exponent ${rate(p)}`, () => {
      const r = thresholds({ target, algorithm: 'online' });
      expect(r.informationExponent).toBe(p);
      expect(r.phaseDiagram.breakpoints).toEqual([]);
      expect(r.phaseDiagram.pieces).toHaveLength(1);
      const piece = r.phaseDiagram.pieces[0]!;
      expect([piece.alphaFrom, piece.alphaTo, piece.slope, piece.intercept]).toEqual(['0', null, '0', String(rate(p))]);
      expect(piece.branch).toBe(p);
      expect(piece.labelPower).toBe(1);
      expect(piece.log).toBe(p === 2);
      expect(r.checks).toEqual([]);
    });
  }
});
