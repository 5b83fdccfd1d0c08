/**
 * The multivariate Hermite expansion against independent routes: sympy's Gaussian moments for the
 * exact coefficients (test/fixtures/multiIndex/gen_exact.py → exact.json), mpmath / composite
 * Gauss–Legendre for the numeric ones (gen_numeric.py → numeric.json), parity by hand.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLink } from '../../src/expr/parse.js';
import { Rational, factorial } from '../../src/exact/rational.js';
import { multiHermiteExpansion, multiIndexCount, type MultiExpansion } from '../../src/multiIndex/expansion.js';
import { hermeOfMultiPolynomial, multiPolynomialOf } from '../../src/multiIndex/polynomial.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/multiIndex/${name}`, import.meta.url), 'utf8'));
const exact = fixture('exact.json') as {
  maxDegree: number;
  variables: number;
  links: Record<string, { multiIndex: number[]; square: string; sign: number; value: number }[]>;
};
const numeric = fixture('numeric.json') as { links: Record<string, { multiIndex: number[]; value: string; reference_error?: string }[]> };

const expand = (source: string, maxDegree: number): MultiExpansion => multiHermiteExpansion(parseLink(source, { variables: 'multi' }), { maxDegree });
const padded = (k: readonly number[], r: number) => [...k, ...new Array<number>(r - k.length).fill(0)];

describe('exact coefficients against sympy (Gaussian moments of g·Π He_{k_s})', () => {
  for (const [source, rows] of Object.entries(exact.links)) {
    it(`${source}: the same nonzero multi-indices, α_k² and signs equal exactly`, () => {
      const e = expand(source, exact.maxDegree);
      expect(e.route).toBe('polynomial');
      const ours = e.coefficients.map((c) => padded(c.multiIndex, exact.variables).join());
      expect(new Set(ours)).toEqual(new Set(rows.map((r) => r.multiIndex.join())));
      // exactly: α_k = u_k·√(Π k_s!), so α_k² = u_k²·Π k_s! is rational
      const r = e.variables;
      const u = hermeOfMultiPolynomial(multiPolynomialOf(parseLink(source, { variables: 'multi' }), r)!);
      for (const row of rows) {
        const key = row.multiIndex.slice(0, r).join();
        const uk = u.get(key)!;
        const square = uk.mul(uk).mul(Rational.of(row.multiIndex.reduce((p, ks) => p * factorial(ks), 1n)));
        expect(square.toString(), key).toBe(Rational.parse(row.square).toString());
        expect(uk.sign(), key).toBe(row.sign);
        const c = e.coefficients.find((x) => x.multiIndex.join() === key)!;
        expect(Math.abs(c.orthonormal - row.value)).toBeLessThanOrEqual(1e-14 * Math.abs(row.value));
        expect(c.error).toBe(0);
      }
      expect(e.certifiedZeros.count + e.coefficients.length).toBe(multiIndexCount(r, exact.maxDegree));
    });
  }
});

describe('sign(z1*z2*z3): product structure and parity', () => {
  const e = expand('sign(z1*z2*z3)', 5);
  it('every coefficient with an even k_s in some variable is zero (only all-odd multi-indices are listed)', () => {
    expect(e.parities).toEqual(['odd', 'odd', 'odd']);
    expect(e.coefficients.every((c) => c.multiIndex.every((ks) => ks % 2 === 1))).toBe(true);
    // all-odd multi-indices with |k| ≤ 5: (1,1,1), and the three permutations of (1,1,3)
    expect(e.coefficients.map((c) => c.multiIndex.join()).sort()).toEqual(['1,1,1', '1,1,3', '1,3,1', '3,1,1']);
  });
  it('values equal the mpmath product of 1-D integrals E[sign(z) h_k]', () => {
    const ref = new Map(numeric.links['sign(z1*z2*z3)']!.map((r) => [r.multiIndex.join(), Number(r.value)]));
    for (const [key, value] of ref) {
      if (key.split(',').reduce((s, x) => s + Number(x), 0) > 5) continue;
      const c = e.coefficients.find((x) => x.multiIndex.join() === key);
      if (c === undefined) expect(Math.abs(value), key).toBeLessThan(1e-18);
      else expect(Math.abs(c.orthonormal - value), key).toBeLessThanOrEqual(1e-14);
    }
    // (2/π)^{3/2}, by hand: E[sign(z)·z] = E|z| = √(2/π)
    expect(e.coefficients[0]!.orthonormal).toBeCloseTo((2 / Math.PI) ** 1.5, 14);
    expect(e.coefficients[0]!.exact).toBe('2*sqrt(2/pi)/pi');
  });
});

describe('numeric coefficients (nested Gauss–Kronrod) against high-precision references', () => {
  it('tanh(z1 + He3(z2)): every α_k within our bound plus the reference error; joint parity zeros', () => {
    const e = expand('tanh(z1 + He3(z2))', 3);
    expect(e.route).toBe('numeric');
    expect(e.jointParity).toBe('odd');
    for (const row of numeric.links['tanh(z1 + He3(z2))']!) {
      const key = row.multiIndex.join();
      const value = Number(row.value);
      const refError = Number(row.reference_error ?? 0);
      const c = e.coefficients.find((x) => x.multiIndex.join() === key);
      if (c === undefined) {
        // certified zero by joint parity: |k| even
        expect(row.multiIndex.reduce((s, x) => s + x, 0) % 2, key).toBe(0);
        expect(Math.abs(value), key).toBeLessThan(1e-15);
        continue;
      }
      expect(Math.abs(c.orthonormal - value), key).toBeLessThanOrEqual(c.error + refError + 1e-15);
      expect(c.error, key).toBeLessThan(1e-10); // the bound is useful, not vacuous
    }
  }, 30_000);
  it('relu(z1 − z2) (a kink along z1 = z2): within the bound; α_00 = 1/√π and α_11 = −1/(2√π) by hand', () => {
    const e = expand('relu(z1 - z2)', 2);
    for (const row of numeric.links['relu(z1 - z2)']!) {
      const c = e.coefficients.find((x) => x.multiIndex.join() === row.multiIndex.join())!;
      expect(Math.abs(c.orthonormal - Number(row.value)), row.multiIndex.join()).toBeLessThanOrEqual(c.error + 1e-15);
    }
    // relu(z1 − z2) = √2·relu(u), u = (z1 − z2)/√2: E = √2/√(2π) = 1/√π; α_11 = √2·E[relu''(u)]·(1/√2)(−1/√2) = −1/(2√π)
    const at = (k: string) => e.coefficients.find((x) => x.multiIndex.join() === k)!.orthonormal;
    expect(at('0,0')).toBeCloseTo(1 / Math.sqrt(Math.PI), 11);
    expect(at('1,1')).toBeCloseTo(-1 / (2 * Math.sqrt(Math.PI)), 11);
  }, 30_000);
});
