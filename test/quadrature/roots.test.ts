import { describe, expect, it } from 'vitest';
import { findSpecialPoints } from '../../src/quadrature/roots.js';

const relClose = (x: number, y: number, tol = 1e-14): boolean => Math.abs(x - y) <= tol * Math.max(1, Math.abs(y));

describe('findSpecialPoints', () => {
  it.each([
    [-10, 10],
    [-3.3, 7.1],
  ])('z² − 1 on [%d, %d]: crossings exactly ±1', (lo, hi) => {
    const r = findSpecialPoints((z) => z * z - 1, lo, hi);
    expect(r.crossings).toEqual([-1, 1]);
    expect(r.touches).toEqual([]);
    expect(r.poles).toEqual([]);
  });

  it.each([
    ['(z − 1)²', (z: number) => (z - 1) ** 2],
    ['z² − 2z + 1 (noisy near 1)', (z: number) => z * z - 2 * z + 1],
    ['(z − 1)⁴', (z: number) => (z - 1) ** 4],
  ])('%s: touch exactly at 1, no crossing', (_n, g) => {
    for (const [lo, hi] of [
      [-10, 10],
      [-3.3, 7.1],
    ] as const) {
      const r = findSpecialPoints(g, lo, hi);
      expect(r.touches).toEqual([1]);
      expect(r.crossings).toEqual([]);
    }
  });

  it('touch at an irrational point is located accurately ((z − √2)², cos z + 1 at π)', () => {
    const a = findSpecialPoints((z) => (z - Math.SQRT2) ** 2, -3, 5);
    expect(a.touches.length).toBe(1);
    expect(relClose(a.touches[0]!, Math.SQRT2, 1e-10)).toBe(true);
    const b = findSpecialPoints((z) => Math.cos(z) + 1, 0.1, 6);
    expect(b.touches.length).toBe(1);
    expect(relClose(b.touches[0]!, Math.PI, 1e-10)).toBe(true);
  });

  it('sin(3z) on [−2, 2]: 0 exactly and ±π/3 to 1e-14', () => {
    const r = findSpecialPoints((z) => Math.sin(3 * z), -2, 2);
    expect(r.crossings.length).toBe(3);
    expect(relClose(r.crossings[0]!, -Math.PI / 3)).toBe(true);
    expect(r.crossings[1]).toBe(0);
    expect(relClose(r.crossings[2]!, Math.PI / 3)).toBe(true);
    expect(r.touches).toEqual([]);
    expect(r.poles).toEqual([]);
  });

  it('sin(3z) on an unaligned range still gets 0 exactly', () => {
    const r = findSpecialPoints((z) => Math.sin(3 * z), -2.05, 2.3);
    expect(r.crossings.length).toBe(4);
    expect(r.crossings).toContain(0);
    expect(relClose(r.crossings[3]!, (2 * Math.PI) / 3)).toBe(true);
  });

  it.each([
    [-2, 2],
    [-1.3, 2.1],
  ])('1/(z − 0.5) on [%d, %d]: pole at 0.5 (also a crossing), no zero', (lo, hi) => {
    const r = findSpecialPoints((z) => 1 / (z - 0.5), lo, hi);
    expect(r.poles).toEqual([0.5]);
    expect(r.crossings).toEqual([0.5]);
    expect(r.touches).toEqual([]);
  });

  it('even pole 1/(z − 1)² is a pole but not a crossing', () => {
    const r = findSpecialPoints((z) => 1 / (z - 1) ** 2, -1.3, 2.1);
    expect(r.poles.length).toBe(1);
    expect(relClose(r.poles[0]!, 1, 1e-7)).toBe(true);
    expect(r.crossings).toEqual([]);
  });

  it('tan z: zero at 0 and poles at ±π/2', () => {
    const r = findSpecialPoints(Math.tan, -2, 2);
    expect(r.poles.length).toBe(2);
    expect(relClose(r.poles[1]!, Math.PI / 2)).toBe(true);
    expect(r.crossings).toContain(0);
  });

  it('two crossings closer than the grid spacing (z² − 1e-6)', () => {
    const r = findSpecialPoints((z) => z * z - 1e-6, -1.3, 2.1);
    expect(r.crossings.length).toBe(2);
    expect(relClose(r.crossings[0]!, -1e-3, 1e-12)).toBe(true);
    expect(relClose(r.crossings[1]!, 1e-3, 1e-12)).toBe(true);
  });

  it('jumps: sign(z) crosses at 0; log z has an undefined edge and a pole at 0 and a zero at 1', () => {
    expect(findSpecialPoints(Math.sign, -1.3, 2.1).crossings).toEqual([0]);
    const r = findSpecialPoints(Math.log, -2, 2);
    expect(r.crossings).toEqual([1]);
    expect(r.undefinedEdges).toEqual([0]);
  });

  it('no false positives on 1 + z² and a many-root function is complete (sin(100z) on [−1, 1])', () => {
    const a = findSpecialPoints((z) => 1 + z * z, -4, 4);
    expect(a.crossings.length + a.touches.length + a.poles.length).toBe(0);
    const b = findSpecialPoints((z) => Math.sin(100 * z), -1, 1);
    expect(b.crossings.length).toBe(2 * Math.floor(100 / Math.PI) + 1);
    for (const x of b.crossings) expect(Math.abs(Math.sin(100 * x))).toBeLessThan(1e-13);
  });
});
