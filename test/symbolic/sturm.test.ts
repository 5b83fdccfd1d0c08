// Real-root isolation (Sturm sequences, rational-root test) against sympy's real_roots and
// Poly.intervals: test/fixtures/symbolic/real_roots.py writes real_roots.json.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Rational } from '../../src/exact/rational.js';
import { polyEvalRational, polyFromInts, polyMul } from '../../src/poly/polynomial.js';
import { factorOverQ } from '../../src/symbolic/factor.js';
import { realRoots } from '../../src/symbolic/realRoots.js';
import { countRealRoots, isolateRealRoots } from '../../src/symbolic/sturm.js';
import { polyGcd, rationalRoots, squarefreePart } from '../../src/symbolic/univariate.js';

interface Fixture {
  polynomials: { coefficients: number[]; roots: { decimal: string; rational: string | null }[]; intervals: [string, string][] }[];
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/symbolic/real_roots.json', import.meta.url), 'utf8')) as Fixture;

describe('Sturm isolation against sympy', () => {
  for (const p of fixture.polynomials) {
    it(`the real roots of ${JSON.stringify(p.coefficients)}`, () => {
      const poly = polyFromInts(p.coefficients);
      const mine = realRoots(poly);
      // the same rational roots, exactly
      expect(mine.rational.map(String)).toEqual(p.roots.filter((r) => r.rational !== null).map((r) => Rational.parse(r.rational!).toString()));
      // each irrational root of sympy (40 digits) inside exactly one of our isolating intervals
      const irrational = p.roots.filter((r) => r.rational === null);
      expect(mine.algebraic.length).toBe(irrational.length);
      irrational.forEach((r, i) => {
        const x = Rational.fromDecimalString(r.decimal);
        const { lo, hi } = mine.algebraic[i]!.interval;
        expect(lo.compare(x)).toBe(-1);
        expect(x.compare(hi)).toBe(-1);
        expect(hi.sub(lo).compare(Rational.of(1, 1024))).toBe(-1);
        // a sign change of the squarefree polynomial across the interval
        const f = squarefreePart(poly);
        expect(polyEvalRational(f, lo).sign() * polyEvalRational(f, hi).sign()).toBe(-1);
      });
      // Sturm's count on each of sympy's isolating intervals [a, b] is 1
      for (const [a, b] of p.intervals) {
        const lo = Rational.parse(a);
        const hi = Rational.parse(b);
        const count = lo.equals(hi) ? (polyEvalRational(poly, lo).isZero() ? 1 : 0) : countRealRoots(poly, lo.sub(Rational.of(1, 10 ** 9)), hi);
        expect(count).toBe(1);
      }
      expect(isolateRealRoots(poly).length).toBe(p.roots.length);
    });
  }
});

describe('exact univariate algebra (hand-worked)', () => {
  it('rational-root test: 6x² − 6x − 12 = 6(x − 2)(x + 1); 4x² − 1 = (2x − 1)(2x + 1)', () => {
    expect(rationalRoots(polyFromInts([-12, -6, 6]))!.map(String)).toEqual(['-1', '2']);
    expect(rationalRoots(polyFromInts([-1, 0, 4]))!.map(String)).toEqual(['-1/2', '1/2']);
    expect(rationalRoots(polyFromInts([-2, 0, 1]))).toEqual([]);
  });

  it('gcd and squarefree part: gcd((x−1)²(x+2), (x−1)(x+3)) = x − 1; (x−1)²(x+2) → (x−1)(x+2)', () => {
    const a = polyFromInts([2, -3, 0, 1]); // (x−1)²(x+2) = x³ − 3x + 2
    expect(polyGcd(a, polyFromInts([-3, 2, 1])).map(String)).toEqual(['-1', '1']);
    expect(squarefreePart(a).map(String)).toEqual(['-2', '1', '1']);
  });

  it('radicals of quadratics: x² − 2 → ±√2; 2x² − 2x − 1 → 1/2 ± √3/2', () => {
    expect(realRoots(polyFromInts([-2, 0, 1])).algebraic.map((r) => r.radical)).toEqual(['-sqrt(2)', 'sqrt(2)']);
    const r = realRoots(polyFromInts([-1, -2, 2])).algebraic;
    expect(r.map((x) => x.approximate)).toEqual([expect.closeTo((1 - Math.sqrt(3)) / 2, 5), expect.closeTo((1 + Math.sqrt(3)) / 2, 5)]);
    expect(r.map((x) => x.radical)).toEqual(['1/2 - sqrt(3)/2', '1/2 + sqrt(3)/2']);
  });
});

describe('factorisation over ℚ (nerdamer-prime proposes, exact arithmetic checks)', () => {
  it('(x² − 2)(x² − 3): two quadratic factors, each proven irreducible; the roots ±√2, ±√3 in radicals', () => {
    const f = factorOverQ(polyFromInts([6, 0, -5, 0, 1]), 'a');
    expect(f.by).toBe('nerdamer-prime');
    expect(f.factors.map((x) => x.polynomial.map(String)).sort()).toEqual([
      ['-2', '0', '1'],
      ['-3', '0', '1'],
    ]);
    expect(f.factors.every((x) => x.irreducible)).toBe(true);
    expect(realRoots(polyFromInts([6, 0, -5, 0, 1])).algebraic.map((r) => r.radical)).toEqual(['-sqrt(3)', '-sqrt(2)', 'sqrt(2)', 'sqrt(3)']);
  });

  it('a wrong proposal is refused: nerdamer-prime 1.5.0 factors x⁶ − 3x⁵ + 5x³ + 10x² − 13x − 11 into a product of degree 12', () => {
    const sextic = polyFromInts([-11, -13, 10, 5, 0, -3, 1]);
    const f = factorOverQ(sextic, 'a');
    expect(f.by).toBe('trivial');
    // whatever is returned multiplies back to the input exactly
    let product = polyFromInts([1]);
    for (const x of f.factors) for (let i = 0; i < x.multiplicity; i++) product = polyMul(product, x.polynomial);
    expect(product.map(String)).toEqual(sextic.map(String));
  });
});
