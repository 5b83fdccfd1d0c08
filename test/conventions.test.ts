// The four conventions against independent closed forms, and the conversions between them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/analyze.js';
import { exactInConvention, fromOrthonormal, physicistsFromOrthonormal, physicistsFromProbabilists } from '../src/analysis/conventions.js';
import { Rational } from '../src/exact/rational.js';
import { ExactScalar } from '../src/exact/scalar.js';
import { polyTrim } from '../src/poly/polynomial.js';
import { fixture, rats, relErr } from './exact/fixture.js';
import { physicistsFromRawExact, probabilistsFromPhysicists, rawFromProbabilists } from './poly/hermiteOracles.js';

describe('coefficient conventions', () => {
  it('He3: α_3 = √6, u_3 = 1, c_3 = 3! = 6; physicists He_3 = H_3/8 − (3/4)H_1', () => {
    const a = analyze('He3(z)', { convention: 'physicists' });
    const c3 = a.coefficients[3]!;
    expect(c3.orthonormal).toBeCloseTo(Math.sqrt(6), 15);
    expect(c3.probabilists).toBe(1);
    expect(c3.raw).toBe(6);
    expect(c3.physicists).toBe(1 / 8);
    expect(c3.exact).toBe('1/8');
    expect(a.coefficients[1]!.physicists).toBe(-3 / 4);
    expect(a.coefficients[1]!.zero).toBe(true); // decided on α_1 = 0, not on b_1
  });

  it('z²: u = (1, 0, 1), physicists z² = H_2/4 + 1/2', () => {
    const a = analyze('z^2');
    expect(a.coefficients.slice(0, 3).map((c) => c.probabilists)).toEqual([1, 0, 1]);
    expect(a.coefficients.slice(0, 3).map((c) => c.physicists)).toEqual([0.5, 0, 0.25]);
  });

  it('exp(z): c_k = e^{1/2}; physicists b_k = e^{1/4}/(2^k k!) from e^{2zt−t²} = Σ H_k(z) t^k/k! at t = 1/2', () => {
    const a = analyze('exp(z)', { maxDegree: 10 });
    let fact = 1;
    for (const c of a.coefficients) {
      if (c.k > 0) fact *= c.k;
      expect(c.raw).toBeCloseTo(Math.exp(0.5), 13);
      const b = Math.exp(0.25) / (2 ** c.k * fact);
      expect(Math.abs(c.physicists - b)).toBeLessThan(1e-12);
    }
  });

  it('tanh (numeric): physicists b_1 by an independent trapezoid rule with weight e^{−z²}', () => {
    const a = analyze('tanh(z)', { convention: 'physicists', maxDegree: 3 });
    // b_1 = ∫ tanh(z)·2z·e^{−z²} dz / (√π·2); the trapezoid rule is spectrally accurate here
    let s = 0;
    const h = 0.01;
    for (let z = -12; z <= 12; z += h) s += Math.tanh(z) * 2 * z * Math.exp(-z * z) * h;
    const b1 = s / (Math.sqrt(Math.PI) * 2);
    expect(Math.abs(a.coefficients[1]!.physicists - b1)).toBeLessThan(1e-10);
    expect(a.coefficients[1]!.error).toBeGreaterThan(0);
    expect(a.coefficients[1]!.exact).toBeNull();
  });
});

describe('conversions (src/analysis/conventions.ts)', () => {
  const q = (n: number, d = 1) => Rational.of(n, d);
  const eq = (a: readonly Rational[], b: readonly Rational[]) => a.length === b.length && a.every((x, i) => x.equals(b[i] as Rational));
  const coeff = fc.tuple(fc.integer({ min: -99, max: 99 }), fc.integer({ min: 1, max: 30 })).map(([n, d]) => q(n, d));
  const vector = (maxLength: number) => fc.array(coeff, { maxLength }).map((cs) => polyTrim(cs));

  it('physicists: z² = He_2 + 1 = H_2/4 + 1/2, He_2 = H_2/4 − 1/2', () => {
    expect(eq(physicistsFromProbabilists([q(1), q(0), q(1)]), [q(1, 2), q(0), q(1, 4)])).toBe(true);
    expect(eq(physicistsFromProbabilists([q(0), q(0), q(1)]), [q(-1, 2), q(0), q(1, 4)])).toBe(true);
    expect(physicistsFromProbabilists([])).toEqual([]);
    // only b_0, b_1 of u = (1..5), c = (1, 2, 6, 24, 120): b_0 = 1 − 6/4 + 120/32, b_1 = (2 − 24/4)/2
    expect(eq(physicistsFromProbabilists([q(1), q(2), q(3), q(4), q(5)], 1), [q(13, 4), q(-2)])).toBe(true);
  });
  it.each(fixture.physicists.map((c) => [c.probabilists.join(', '), c] as const))('physicists vs sympy: u = [%s]', (_, c) => {
    expect(eq(physicistsFromProbabilists(rats(c.probabilists)), rats(c.physicists))).toBe(true);
  });
  it('physicists against the round trip through monomials and the term-by-term closed form', () => {
    fc.assert(
      fc.property(vector(25), (u) => {
        const b = physicistsFromProbabilists(u);
        expect(eq(probabilistsFromPhysicists(b), u)).toBe(true);
        const c = rawFromProbabilists(u).map((x) => ExactScalar.rational(x));
        physicistsFromRawExact(c).forEach((x, j) => expect(x.equals(ExactScalar.rational(b[j] ?? Rational.ZERO))).toBe(true));
      }),
      { numRuns: 60 },
    );
  });

  it('exact: α_k = c_k/√k!, u_k = c_k/k!', () => {
    // c = (1, 1, √2, √6·2) → α = (1, 1, 1, 2), u = (1, 1, 1/√2, 2/√6)
    const c = [ExactScalar.one(), ExactScalar.one(), ExactScalar.sqrtRational(q(2)), ExactScalar.sqrtRational(q(24))];
    expect(c.map((x, k) => exactInConvention(x, 'orthonormal', k).toRational()?.toString())).toEqual(['1', '1', '1', '2']);
    expect(c.map((x, k) => exactInConvention(x, 'probabilists', k).equals(x.scale(q(1, [1, 1, 2, 6][k]!)))).every(Boolean)).toBe(true);
    expect(exactInConvention(c[3]!, 'raw', 3)).toBe(c[3]);
    // ReLU's c_2 = 1/√(2π): α_2 = 1/(2√π)
    expect(exactInConvention(ExactScalar.sqrtRational(q(1, 2)).mul(ExactScalar.piPower(-1)), 'orthonormal', 2).toString()).toBe('1/(2*sqrt(pi))');
  });

  it('floating point by hand: u_k = α_k/√k!, c_k = α_k·√k!, b_k = 2^{−k/2}α_k(g)/√k!', () => {
    [1, 1, Math.SQRT1_2, 1 / Math.sqrt(6)].forEach((x, k) => expect(relErr(fromOrthonormal('probabilists', k, 1), x)).toBeLessThan(3e-16));
    expect(fromOrthonormal('orthonormal', 7, 0.25)).toBe(0.25);
    expect(fromOrthonormal('raw', 3, 1)).toBeCloseTo(Math.sqrt(6), 14);
    expect(fromOrthonormal('raw', 4, 1)).toBe(Math.sqrt(24));
    expect(physicistsFromOrthonormal(3, Math.sqrt(6))).toBeCloseTo(2 ** -1.5, 15);
  });
  it('α_k/√k! and α_k·√k! without overflow for k in the hundreds (mpmath 1e300/√k!)', () => {
    for (const { k, alpha } of fixture.orthonormalOfHugeRaw) {
      expect(relErr(fromOrthonormal('probabilists', k, 1e300), Number(alpha))).toBeLessThan(3e-15);
      expect(relErr(fromOrthonormal('raw', k, Number(alpha)), 1e300)).toBeLessThan(5e-15);
    }
    // √300! ≈ 1.7e307 is finite, √1000!·1e-300 ≈ 6.3e1283 is not
    expect(Number.isFinite(fromOrthonormal('raw', 300, 1))).toBe(true);
    expect(fromOrthonormal('raw', 1000, -1e-300)).toBe(-Infinity);
  });
});
