// verify --ode with --width N: one neuron's ODE started from the median of the best of N starts.
import { describe, expect, it } from 'vitest';
import { halfNormalMaxMedian, widthStartScale } from '../../src/verify/odePrediction.js';

/** erf by its Taylor series (independent of the engine's special functions), fine for |x| ≤ 4. */
function erf(x: number): number {
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (-x * x) / n;
    sum += term / (2 * n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

describe('the start of the ODE for N independent neurons', () => {
  it('is the median of max_j |g_j|: P(max ≤ x) = erf(x/√2)^N = 1/2', () => {
    for (const n of [1, 2, 4, 16, 64]) expect(erf(halfNormalMaxMedian(n) / Math.SQRT2) ** n).toBeCloseTo(0.5, 12);
  });

  it('leaves width 1 unchanged and grows with the width', () => {
    expect(widthStartScale(1)).toBe(1);
    const scales = [2, 4, 16].map(widthStartScale);
    expect(scales[0]!).toBeGreaterThan(1);
    expect(scales[1]!).toBeGreaterThan(scales[0]!);
    expect(scales[2]!).toBeGreaterThan(scales[1]!);
  });
});
