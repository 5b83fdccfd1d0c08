// Student-t quantile/CDF, ln Γ and I_x(a, b) against mpmath at 40 digits
// (test/fixtures/stats/gen_stats.py), closed forms for ν = 1, 2, 4, and printed table values.
import { describe, expect, it } from 'vitest';
import { lnGamma, regularizedIncompleteBeta, studentTCdf, studentTPdf, studentTQuantile } from '../../src/stats/studentT.js';
import { expectRel, fixture } from './fixture.js';

describe('studentTQuantile', () => {
  it('matches mpmath over ν ∈ [0.5, 10⁶] and p ∈ [1e-12, 0.995]', () => {
    for (const { nu, p, value } of fixture.studentT.quantile) {
      const want = Number(value);
      const rel = Number(nu) >= 1e6 ? 1e-9 : 1e-11;
      expectRel(studentTQuantile(Number(p), Number(nu)), want, rel, `t_${p}(${nu})`, 1e-300);
    }
  });

  it('matches the closed forms for ν = 1, 2, 4', () => {
    for (const p of [1e-9, 0.01, 0.025, 0.3, 0.6, 0.975, 0.999]) {
      // ν = 1 (Cauchy): t = tan(π(p − ½)) = −1/tan(πp) (the latter without cancellation in p − ½).
      expectRel(studentTQuantile(p, 1), -1 / Math.tan(Math.PI * p), 1e-12, `ν=1 p=${p}`);
      // ν = 2: t = (2p − 1)/√(2p(1 − p)).
      expectRel(studentTQuantile(p, 2), (2 * p - 1) / Math.sqrt(2 * p * (1 - p)), 1e-12, `ν=2 p=${p}`);
      // ν = 4 (Hill 1970): α = 4p(1 − p), q = cos(⅓ arccos √α)/√α, t = sign(p − ½)·2√(q − 1).
      const alpha = 4 * p * (1 - p);
      const q = Math.cos(Math.acos(Math.sqrt(alpha)) / 3) / Math.sqrt(alpha);
      expectRel(studentTQuantile(p, 4), Math.sign(p - 0.5) * 2 * Math.sqrt(q - 1), 1e-10, `ν=4 p=${p}`);
    }
  });

  it('reproduces the printed two-sided 95 % table', () => {
    const table: [number, number][] = [
      [1, 12.706],
      [2, 4.303],
      [3, 3.182],
      [5, 2.571],
      [10, 2.228],
      [20, 2.086],
      [30, 2.042],
      [120, 1.98],
    ];
    for (const [nu, t] of table) expect(studentTQuantile(0.975, nu)).toBeCloseTo(t, 3);
    expect(studentTQuantile(0.5, 7)).toBe(0);
    expect(() => studentTQuantile(1, 3)).toThrow(RangeError);
    expect(() => studentTQuantile(0.9, 0)).toThrow(RangeError);
  });

  it('inverts the CDF', () => {
    for (const nu of [1, 3, 8.5, 40])
      for (const p of [0.001, 0.2, 0.5, 0.77, 0.99]) expectRel(studentTCdf(studentTQuantile(p, nu), nu), p, 1e-13, `F(F⁻¹(${p}))`);
  });
});

describe('studentTCdf, lnGamma, regularizedIncompleteBeta', () => {
  it('CDF matches mpmath', () => {
    for (const { nu, t, value } of fixture.studentT.cdf)
      expectRel(studentTCdf(Number(t), Number(nu)), Number(value), Number(nu) >= 1e6 ? 1e-9 : 1e-12, `F(${t}; ${nu})`, 1e-300);
  });
  it('density is the derivative of the CDF (central difference) and the Cauchy density at ν = 1', () => {
    expectRel(studentTPdf(0.7, 1), 1 / (Math.PI * (1 + 0.49)), 1e-14, 'Cauchy pdf');
    const h = 1e-5;
    for (const nu of [2, 6.5]) expectRel(studentTPdf(1.3, nu), (studentTCdf(1.3 + h, nu) - studentTCdf(1.3 - h, nu)) / (2 * h), 1e-8, 'pdf = F′');
  });
  it('ln Γ matches mpmath', () => {
    for (const { x, value } of fixture.studentT.lnGamma) expectRel(lnGamma(Number(x)), Number(value), 1e-14, `lnΓ(${x})`, 1e-15);
    expect(lnGamma(5)).toBeCloseTo(Math.log(24), 14);
  });
  it('I_x(a, b) matches mpmath and the cases I_x(1, 1) = x, I_x(a, 1) = x^a', () => {
    for (const { a, b, x, value } of fixture.studentT.ibeta)
      expectRel(regularizedIncompleteBeta(Number(x), Number(a), Number(b)), Number(value), 1e-12, `I_${x}(${a}, ${b})`);
    expect(regularizedIncompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 15);
    expect(regularizedIncompleteBeta(0.6, 3, 1)).toBeCloseTo(0.216, 15);
    expect(regularizedIncompleteBeta(0, 2, 2)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 2)).toBe(1);
  });
});
