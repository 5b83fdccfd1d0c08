import { describe, expect, it } from 'vitest';
import { checkGaussianDomain } from '../../src/quadrature/domain.js';
import { erfc, normalCdf } from '../../src/numeric/special.js';
import { erfRef, loadReference } from './helpers.js';

describe('checkGaussianDomain', () => {
  it.each([
    ['log(z)', Math.log, [0]],
    ['log(z), no special points', Math.log, []],
    ['sqrt(z)', Math.sqrt, [0]],
    ['sqrt(z), no special points', Math.sqrt, []],
  ] as const)('%s is undefined for z < 0 with probability 1/2', (_n, f, sp) => {
    const v = checkGaussianDomain(f, sp);
    expect(v).toEqual({ ok: false, kind: 'undefined', where: 'z < 0', probability: 0.5 });
  });

  it('asin(z) is undefined on |z| > 1 with probability 2Φ(−1)', () => {
    const v = checkGaussianDomain(Math.asin, [-1, 1]);
    expect(v.ok).toBe(false);
    if (v.ok || v.kind !== 'undefined') throw new Error('expected undefined');
    expect(v.where).toBe('z < -1 or z > 1');
    expect(Math.abs(v.probability - 0.31731050786291410283)).toBeLessThan(1e-14);
  });

  it.each([
    ['exp(z^2)', (z: number) => Math.exp(z * z), [], 'tail'],
    ['exp(z^2/4)', (z: number) => Math.exp((z * z) / 4), [], 'tail'],
    ['exp(exp(z))', (z: number) => Math.exp(Math.exp(z)), [], 'tail z → +∞'],
    ['exp(-z)·exp(z^2/4)·z (left tail)', (z: number) => Math.exp((z * z) / 4 - z), [], 'tail z → -∞'],
    ['1/z', (z: number) => 1 / z, [0], 'near z = 0'],
    ['1/z (special point not given)', (z: number) => 1 / z, [], 'near z = 0'],
    ['1/sqrt(abs(z))', (z: number) => 1 / Math.sqrt(Math.abs(z)), [0], 'near z = 0'],
    ['1/(z − 1)', (z: number) => 1 / (z - 1), [1], 'near z = 1'],
  ] as const)('%s is not square-integrable', (_n, f, sp, where) => {
    const v = checkGaussianDomain(f, sp);
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.kind).toBe('not-square-integrable');
    expect(v.where.startsWith(where)).toBe(true);
  });

  it.each([
    ['exp(0.2 z^2)', (z: number) => Math.exp(0.2 * z * z), []],
    ['exp(0.249 z^2)', (z: number) => Math.exp(0.249 * z * z), []],
    ['abs(z)^(-0.25)', (z: number) => Math.abs(z) ** -0.25, [0]],
    ['sin(z)/z', (z: number) => Math.sin(z) / z, [0]],
    ['sin(z)/z, no special points', (z: number) => Math.sin(z) / z, []],
    ['tanh(z)', Math.tanh, []],
    ['log|z|', (z: number) => Math.log(Math.abs(z)), [0]],
    ['z^10', (z: number) => z ** 10, []],
    ['exp(3z)', (z: number) => Math.exp(3 * z), []],
    ['sign(z)', Math.sign, [0]],
    ['exp(z^2/4)·sin(z)/z^2 (oscillating, L² tail)', (z: number) => (Math.exp((z * z) / 4) * Math.sin(z)) / (z * z + 1), []],
  ] as const)('%s is ok', (_n, f, sp) => {
    expect(checkGaussianDomain(f, sp)).toEqual({ ok: true });
  });
});

describe('normal helpers', () => {
  it('erf/erfc agree with mpmath and with the independent test erf', () => {
    for (const [x, s] of loadReference().erf) {
      const ref = Number(s);
      expect(Math.abs(1 - erfc(x) - ref)).toBeLessThan(2e-16 * 4);
      expect(Math.abs(erfRef(x) - ref)).toBeLessThan(1e-15);
    }
    expect(Math.abs(normalCdf(-1) - 0.15865525393145705)).toBeLessThan(1e-16);
    expect(normalCdf(-10) / 7.61985302416047e-24 - 1).toBeLessThan(1e-13);
  });
});
