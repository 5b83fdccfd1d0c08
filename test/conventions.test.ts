// The four conventions against independent closed forms.
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/analysis/analyze.js';

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
