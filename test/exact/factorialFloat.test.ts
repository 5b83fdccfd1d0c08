import { describe, expect, it } from 'vitest';
import { divideByFactorial, divideBySqrtFactorial, factorialMantExp, logFactorial, multiplyBySqrtFactorial } from '../../src/exact/factorialFloat.js';
import { fixture, relErr } from './fixture.js';

describe('factorials in floating point', () => {
  it('small k against products of doubles', () => {
    let f = 1;
    for (let k = 0; k <= 170; k++) {
      if (k > 0) f *= k;
      const { m, e } = factorialMantExp(k);
      expect(relErr(m * 2 ** e, f)).toBeLessThan(1e-14); // the running double product itself drifts ~k ulps
    }
    expect(divideByFactorial(3628800, 10)).toBe(1);
    expect(divideBySqrtFactorial(Math.sqrt(24), 4)).toBe(1);
  });
  it('√k! against mpmath, far beyond the double range', () => {
    for (const { k, mantissa, exponent10 } of fixture.sqrtFactorialValues) {
      // log10 √k! = exponent10 + log10(mantissa)
      expect(Math.abs(logFactorial(k) / 2 / Math.LN10 - (exponent10 + Math.log10(Number(mantissa))))).toBeLessThan(1e-12);
      // √k! itself, against mantissa·10^exponent10
      const x = multiplyBySqrtFactorial(1, k);
      expect(Number.isFinite(x)).toBe(exponent10 < 308);
      if (exponent10 < 308) expect(relErr(x, Number(`${mantissa}e${exponent10}`))).toBeLessThan(2e-15);
    }
  });
  it('continues past the exact table (k > 2000) consistently', () => {
    const a = factorialMantExp(2500);
    const b = factorialMantExp(2499);
    expect(relErr((a.m / b.m) * 2 ** (a.e - b.e), 2500)).toBeLessThan(1e-15);
  });
});
