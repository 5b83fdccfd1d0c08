import { describe, expect, it } from 'vitest';
import { formatError, formatRounded, roundWithBound } from '../../src/format/numbers.js';

describe('formatError', () => {
  it('rounds a bound up to two significant digits, so the printed bound is still a bound', () => {
    expect(formatError(1.21e-7)).toBe('1.3e-7');
    expect(formatError(1.2e-7)).toBe('1.2e-7');
    expect(formatError(9.951e-3)).toBe('1.0e-2');
    expect(formatError(0)).toBe('0');
    for (const e of [3.3333e-12, 7.77e-1, 1e-300, 4.56e20]) expect(Number(formatError(e))).toBeGreaterThanOrEqual(e);
  });
});

describe('roundWithBound', () => {
  it('covers the error and the rounding: |shown − x| ≤ bound − error', () => {
    for (const x of [0.6057055, -0.14843712, 123456.789, 1.234567e-9, 2 / 3]) {
      const r = roundWithBound(x, 1e-15);
      expect(Math.abs(Number(r.value) - x)).toBeLessThanOrEqual(r.bound - 1e-15 + 1e-30);
      expect(r.bound).toBeLessThan(1e-15 + 0.5 * 10 ** (Math.floor(Math.log10(Math.abs(x))) - 5) * (1 + 1e-9)); // half a unit of the 6th digit
    }
    expect(roundWithBound(0.5, 0)).toEqual({ value: '0.5', bound: 0 });
    expect(formatRounded(0.5, 0)).toBe('0.5');
    expect(formatRounded(1.40252e-9, 3e-20)).toMatch(/^1\.40252e-9 ± /);
  });
});
