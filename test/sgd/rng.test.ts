import { describe, expect, it } from 'vitest';
import { Rng, seedFor } from '../../src/sgd/rng.js';

function moments(draw: () => number, n: number): { mean: number; variance: number; skew: number; kurtosis: number } {
  const xs = new Float64Array(n);
  let s = 0;
  for (let i = 0; i < n; i++) {
    xs[i] = draw();
    s += xs[i]!;
  }
  const mean = s / n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (const x of xs) {
    const e = x - mean;
    m2 += e * e;
    m3 += e * e * e;
    m4 += e * e * e * e;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  return { mean, variance: m2, skew: m3 / m2 ** 1.5, kurtosis: m4 / (m2 * m2) };
}

describe('Rng: the generator', () => {
  it('xoshiro128** matches the reference outputs from state (1, 2, 3, 4)', () => {
    const r = Rng.fromState(1, 2, 3, 4);
    const out = Array.from({ length: 10 }, () => r.next32());
    expect(out).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849, 3729100597, 4258142804]);
  });

  it('same (seed, stream) gives the same stream; different seeds or streams differ', () => {
    const draw = (seed: number, stream = 0) => {
      const r = new Rng(seed, stream);
      return [r.next32(), r.uniform(), r.normal(), r.chiSquared(7), r.chiSquared(1e6), r.normal()];
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42, 3)).toEqual(draw(42, 3));
    expect(draw(42)).not.toEqual(draw(43));
    expect(draw(42)).not.toEqual(draw(42, 1));
    expect(draw(0)).not.toEqual(draw(-1));
    expect(draw(2 ** 53 - 1)).not.toEqual(draw(2 ** 53 - 2));
    expect(() => new Rng(0.5)).toThrow(RangeError);
  });

  it('seedFor is a deterministic hash of (base, index) into safe integers, without collisions on a sweep', () => {
    expect(seedFor(7, 3)).toBe(seedFor(7, 3));
    const seen = new Set<number>();
    for (let i = 0; i < 20000; i++) {
      const s = seedFor(1, i);
      expect(Number.isSafeInteger(s) && s >= 0).toBe(true);
      seen.add(s);
    }
    expect(seen.size).toBe(20000);
    expect(seedFor(1, 0)).not.toBe(seedFor(2, 0));
    expect(seedFor(1, 1)).not.toBe(seedFor(2, 0));
  });
});

describe('Rng: the laws', () => {
  const n = 1_000_000;

  it('uniform: in [0, 1), mean 1/2, variance 1/12', () => {
    const r = new Rng(1);
    let lo = Infinity;
    let hi = -Infinity;
    const m = moments(() => {
      const u = r.uniform();
      lo = Math.min(lo, u);
      hi = Math.max(hi, u);
      return u;
    }, n);
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
    expect(Math.abs(m.mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(m.variance - 1 / 12)).toBeLessThan(1e-3);
  });

  it('normal: moments 0, 1, 0, 3 and the distribution function at points across the ziggurat (core, wedges, tail)', () => {
    const r = new Rng(2);
    const xs = Array.from({ length: n }, () => r.normal());
    let i = 0;
    const m = moments(() => xs[i++]!, n);
    expect(Math.abs(m.mean)).toBeLessThan(5e-3);
    expect(Math.abs(m.variance - 1)).toBeLessThan(1e-2);
    expect(Math.abs(m.skew)).toBeLessThan(2e-2);
    expect(Math.abs(m.kurtosis - 3)).toBeLessThan(5e-2);
    // Φ(q), to 7 digits
    const phi: [number, number][] = [
      [-4, 3.167124e-5],
      [-3.5, 2.326291e-4],
      [-3, 1.349898e-3],
      [-1.5, 6.680720e-2],
      [-0.5, 0.3085375],
      [0, 0.5],
      [0.3, 0.6179114],
      [1, 0.8413447],
      [2, 0.9772499],
      [3.5, 0.9997674],
    ];
    for (const [q, p] of phi) {
      const f = xs.filter((x) => x <= q).length / n;
      expect(Math.abs(f - p), `Φ(${q})`).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n) + 1e-6);
    }
  });

  it('chiSquared: mean k and variance 2k for k = 3, 62, 10⁶ (and the boosted small-shape path, k = 0.5)', () => {
    for (const [k, seed] of [
      [0.5, 3],
      [1, 4],
      [3, 5],
      [62, 6],
      [1e6, 7],
    ] as const) {
      const r = new Rng(seed);
      const N = 200_000;
      const m = moments(() => r.chiSquared(k), N);
      expect(Math.abs(m.mean - k), `mean, k = ${k}`).toBeLessThan(5 * Math.sqrt((2 * k) / N));
      expect(Math.abs(m.variance / (2 * k) - 1), `variance, k = ${k}`).toBeLessThan(k < 2 ? 0.1 : 0.03);
    }
    expect(new Rng(1).chiSquared(0)).toBe(0);
    expect(() => new Rng(1).chiSquared(-1)).toThrow(RangeError);
  });
});

describe('Rng.fillNormals', () => {
  it('gives the same numbers, in the same order, as repeated normal() (slow paths included)', () => {
    const a = new Rng(77);
    const b = new Rng(77);
    const out = new Float64Array(100_000);
    a.fillNormals(out);
    const ref = Float64Array.from({ length: out.length }, () => b.normal());
    expect(out).toEqual(ref);
    expect(a.next32()).toBe(b.next32());
  });
});

describe('Rng.fillChiSquared', () => {
  it('gives the same numbers, in the same order, as repeated chiSquared(k) (inline and fallback paths)', () => {
    for (const k of [0, 1, 2, 3, 7, 62, 1e6 - 2, 2.5]) {
      const a = new Rng(78);
      const b = new Rng(78);
      const out = new Float64Array(20_000);
      a.fillChiSquared(out, k);
      const ref = Float64Array.from({ length: out.length }, () => b.chiSquared(k));
      expect(out, `k = ${k}`).toEqual(ref);
      expect(a.next32(), `k = ${k}`).toBe(b.next32());
    }
  });
});
