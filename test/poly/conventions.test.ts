import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational, factorial } from '../../src/exact/rational.js';
import { ExactScalar } from '../../src/exact/scalar.js';
import {
  orthonormalFromRaw,
  orthonormalFromRawExact,
  physicistsFromProbabilists,
  physicistsFromRawExact,
  physicistsFromRawNumeric,
  probabilistsFromPhysicists,
  probabilistsFromRaw,
  probabilistsFromRawExact,
  rawFromOrthonormal,
  rawFromOrthonormalExact,
  rawFromProbabilists,
} from '../../src/poly/conventions.js';
import { polyTrim } from '../../src/poly/polynomial.js';
import { fixture, rats, relErr } from '../exact/fixture.js';

const q = (n: number, d = 1) => Rational.of(n, d);
const eq = (a: readonly Rational[], b: readonly Rational[]) => a.length === b.length && a.every((x, i) => x.equals(b[i] as Rational));
const coeff = fc.tuple(fc.integer({ min: -99, max: 99 }), fc.integer({ min: 1, max: 30 })).map(([n, d]) => q(n, d));
const vector = (maxLength: number) => fc.array(coeff, { maxLength }).map((cs) => polyTrim(cs));

describe('exact conventions', () => {
  it('raw ↔ probabilists', () => {
    expect(eq(rawFromProbabilists([q(1), q(2), q(1, 2), q(1, 6)]), [q(1), q(2), q(1), q(1)])).toBe(true);
    fc.assert(
      fc.property(vector(20), (u) => {
        expect(eq(probabilistsFromRawExact(rawFromProbabilists(u)), u)).toBe(true);
      }),
    );
  });

  it('physicists: z² = He_2 + 1 = H_2/4 + 1/2, He_2 = H_2/4 − 1/2', () => {
    expect(eq(physicistsFromProbabilists([q(1), q(0), q(1)]), [q(1, 2), q(0), q(1, 4)])).toBe(true);
    expect(eq(physicistsFromProbabilists([q(0), q(0), q(1)]), [q(-1, 2), q(0), q(1, 4)])).toBe(true);
  });
  it.each(fixture.physicists.map((c) => [c.probabilists.join(', '), c] as const))('physicists vs sympy: u = [%s]', (_, c) => {
    expect(eq(physicistsFromProbabilists(rats(c.probabilists)), rats(c.physicists))).toBe(true);
  });
  it('physicists round trip and the closed form b_j = Σ_i (−1/4)^i c_{j+2i}/(i!·2^j·j!) agree', () => {
    fc.assert(
      fc.property(vector(25), (u) => {
        const b = physicistsFromProbabilists(u);
        expect(eq(probabilistsFromPhysicists(b), u)).toBe(true);
        const c = rawFromProbabilists(u).map((x) => ExactScalar.rational(x));
        const closed = physicistsFromRawExact(c);
        closed.forEach((x, j) => expect(x.equals(ExactScalar.rational(b[j] ?? Rational.ZERO))).toBe(true));
      }),
      { numRuns: 60 },
    );
  });

  it('orthonormal ↔ raw with exact scalars: α_k = c_k/√k!', () => {
    // c = (1, 1, √2, √6·2) → α = (1, 1, 1, 2)
    const c = [ExactScalar.one(), ExactScalar.one(), ExactScalar.sqrtRational(q(2)), ExactScalar.sqrtRational(q(24))];
    const alpha = orthonormalFromRawExact(c);
    expect(alpha.map((a) => a.toRational()?.toString())).toEqual(['1', '1', '1', '2']);
    const back = rawFromOrthonormalExact(alpha);
    back.forEach((x, i) => expect(x.equals(c[i] as ExactScalar)).toBe(true));
    // ReLU-like coefficient 1/√(2π) at k = 2: α_2 = 1/(2√π)
    const a2 = orthonormalFromRawExact([ExactScalar.zero(), ExactScalar.zero(), ExactScalar.sqrtRational(q(1, 2)).mul(ExactScalar.piPower(-1))])[2] as ExactScalar;
    expect(a2.toString()).toBe('1/(2*sqrt(pi))');
  });
});

describe('floating conventions', () => {
  it('small k by hand', () => {
    const alpha = orthonormalFromRaw([1, 1, 1, 1]);
    [1, 1, Math.SQRT1_2, 1 / Math.sqrt(6)].forEach((x, k) => expect(relErr(alpha[k] as number, x)).toBeLessThan(3e-16));
    expect(probabilistsFromRaw(new Float64Array([1, 1, 2, 6]))).toEqual([1, 1, 1, 1]);
    expect(rawFromOrthonormal([1, 1, 1, 1])[3]).toBeCloseTo(Math.sqrt(6), 14);
  });
  it('α_k = c_k/√k! without overflow for k in the hundreds (mpmath)', () => {
    for (const { k, alpha } of fixture.orthonormalOfHugeRaw) {
      const c = new Array<number>(k + 1).fill(0);
      c[k] = 1e300;
      expect(relErr(orthonormalFromRaw(c)[k] as number, Number(alpha))).toBeLessThan(3e-15);
    }
  });
  it('u_k = c_k/k! without overflow (mpmath; subnormal results to their own precision)', () => {
    for (const { k, u } of fixture.probabilistsOfHugeRaw) {
      const c = new Array<number>(k + 1).fill(0);
      c[k] = 1e300;
      const tol = Number(u) < 2.2e-308 ? 1e-8 : 3e-15;
      expect(relErr(probabilistsFromRaw(c)[k] as number, Number(u))).toBeLessThan(tol);
    }
  });
  it('rawFromOrthonormal inverts orthonormalFromRaw up to k = 1000', () => {
    const alpha = Array.from({ length: 1001 }, (_, k) => Math.cos(k) * 1e-300);
    const c = rawFromOrthonormal(alpha);
    // c_k = α_k √k! is finite while |α_k|·√k! < 1.8e308 (√300! ≈ 1.7e307) and overflows beyond
    const back = orthonormalFromRaw(c);
    for (let k = 0; k <= 1000; k++) {
      if (Number.isFinite(c[k])) expect(relErr(back[k] as number, alpha[k] as number)).toBeLessThan(1e-15);
    }
    expect(Number.isFinite(c[300])).toBe(true);
    expect(Math.abs(c[1000] as number)).toBe(Infinity); // true value ≈ 0.56·1e-300·6.3e1283
    expect(orthonormalFromRaw(new Array<number>(1001).fill(1)).every(Number.isFinite)).toBe(true);
  });

  it('physicistsFromRawNumeric agrees with the exact conversion for k ≤ 40', () => {
    fc.assert(
      fc.property(fc.array(coeff, { minLength: 41, maxLength: 41 }), (u) => {
        const b = physicistsFromProbabilists(u);
        const c = rawFromProbabilists(u).map((x) => x.toNumber());
        const bn = physicistsFromRawNumeric(c);
        // absolute error relative to the size of the terms summed: Σ_i |c_{j+2i}|/(4^i i! 2^j j!)
        for (let j = 0; j <= 40; j++) {
          let scale = 0;
          for (let i = 0; j + 2 * i <= 40; i++) {
            scale += Math.abs(c[j + 2 * i] as number) / (4 ** i * Number(factorial(i)) * 2 ** j * Number(factorial(j)));
          }
          const exact = (b[j] ?? Rational.ZERO).toNumber();
          expect(Math.abs((bn[j] as number) - exact)).toBeLessThanOrEqual(1e-14 * scale);
        }
      }),
      { numRuns: 30 },
    );
  });
  it('f = e^{tz}: c_k = t^k e^{t²/2}, b_k = e^{t²/4}(t/2)^k/k! (generating function of H_k)', () => {
    for (const t of [1, -0.7, 2.5]) {
      const c = Array.from({ length: 140 }, (_, k) => t ** k * Math.exp((t * t) / 2));
      const b = physicistsFromRawNumeric(c);
      for (let k = 0; k <= 40; k++) {
        const expected = (Math.exp((t * t) / 4) * (t / 2) ** k) / Number(factorial(k));
        expect(relErr(b[k] as number, expected)).toBeLessThan(1e-12);
      }
    }
  });
});
