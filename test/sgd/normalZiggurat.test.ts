import { describe, expect, it } from 'vitest';
import { integrateVector } from '../../src/quadrature/gaussKronrod.js';
import { buildNormalZiggurat, CHAIN_NORMAL_ZIGGURAT } from '../../src/sgd/normalZiggurat.js';
import { Rng } from '../../src/sgd/rng.js';

describe('buildNormalZiggurat', () => {
  it("reproduces the published tables: Doornik's ZIGNOR (128 layers) and Marsaglia–Tsang's 256 layers", () => {
    const z128 = buildNormalZiggurat(128);
    expect(z128.r).toBeCloseTo(3.442619855899, 11);
    expect(z128.v).toBeCloseTo(9.91256303526217e-3, 12); // both published to 12–13 digits
    const z256 = buildNormalZiggurat(256);
    expect(z256.r).toBeCloseTo(3.6541528853610088, 12);
    expect(z256.v).toBeCloseTo(0.00492867323399, 13); // published to 12 digits
  });

  it('tiles the half-line: n layers of area V whose parts above f add up to n·V − √(π/2) (512 layers)', () => {
    const z = CHAIN_NORMAL_ZIGGURAT;
    const n = z.layers;
    let above = 0;
    for (let i = 1; i < n; i++) {
      const top = z.f[i + 1]!;
      expect(Math.abs(z.x[i]! * (top - z.f[i]!) - z.v) / z.v, `layer ${i}`).toBeLessThan(1e-9);
      const r = integrateVector((x, out) => (out[0] = top - Math.exp(-0.5 * x * x)), 1, z.x[i + 1]!, z.x[i]!, { absTol: 1e-13 * z.v });
      above += r.value[0]!;
    }
    expect(Math.abs(n * z.v - above - Math.sqrt(Math.PI / 2))).toBeLessThan(1e-9);
    expect(z.x[n]).toBe(0);
  });

  it('has valid wedge squeezes: f(X[i+1]) − A·δ ≤ f ≤ f(X[i+1])(1 − κ + κ²/2), κ = X[i+1]·δ (128 and 512 layers)', () => {
    for (const z of [buildNormalZiggurat(128), CHAIN_NORMAL_ZIGGURAT]) {
      for (let i = 1; i < z.layers; i++) {
        const top = z.f[i + 1]!;
        for (let q = 0; q <= 16; q++) {
          const delta = (q / 16) * (z.x[i]! - z.x[i + 1]!);
          const x = z.x[i + 1]! + delta;
          const f = Math.exp(-0.5 * x * x);
          const k = z.x[i + 1]! * delta;
          expect(top - z.chord[i]! * delta).toBeLessThanOrEqual(f * (1 + 1e-13));
          expect(top * (1 - k + 0.5 * k * k)).toBeGreaterThanOrEqual(f * (1 - 1e-13));
        }
      }
    }
  });

  it('refuses layer counts that are not powers of 2 from 4 on', () => {
    expect(() => buildNormalZiggurat(2)).toThrow(RangeError);
    expect(() => buildNormalZiggurat(100)).toThrow(RangeError);
  });
});

describe('Rng.normalMiss', () => {
  it('makes a first attempt of the 512-layer ziggurat, completed by normalMiss() when it misses, N(0, 1) (the mixture written out here)', () => {
    const z = CHAIN_NORMAL_ZIGGURAT;
    const r = new Rng(31);
    const count = 4_000_000;
    const points: [number, number][] = [
      [-4.2, 1.334574e-5],
      [-3.9, 4.809634e-5],
      [-3, 1.349898e-3],
      [-1, 0.1586553],
      [0, 0.5],
      [0.5, 0.6914625],
      [2, 0.9772499],
      [3.7, 0.9998922],
      [4, 0.9999683],
    ];
    const below = new Float64Array(points.length);
    let misses = 0;
    for (let n = 0; n < count; n++) {
      const i = r.next32() & (z.layers - 1);
      const u = 2 * r.uniform() - 1;
      let x: number;
      if (Math.abs(u) < z.ratio[i]!) x = u * z.x[i]!;
      else {
        x = r.normalMiss();
        misses++;
      }
      for (let p = 0; p < points.length; p++) if (x <= points[p]![0]) below[p]!++;
    }
    points.forEach(([q, want], p) => {
      expect(Math.abs(below[p]! / count - want), `Φ(${q})`).toBeLessThan(5 * Math.sqrt((want * (1 - want)) / count) + 1e-6);
    });
    let outside = 0;
    for (let i = 0; i < z.layers; i++) outside += 1 - z.ratio[i]!;
    const pMiss = outside / z.layers;
    expect(pMiss).toBeLessThan(0.01);
    expect(Math.abs(misses / count - pMiss)).toBeLessThan(5 * Math.sqrt((pMiss * (1 - pMiss)) / count));
  });
});

describe('Rng.fillNormalMisses (the generated loop)', () => {
  it('gives normalMiss() one after another, value for value, and leaves the generator where they leave it', () => {
    // 2·10⁵ misses: about 2 % of them take the loop's hand-off (layer 0's tail, a second miss)
    const fused = new Rng(77);
    const plain = new Rng(77);
    const out = new Float64Array(64);
    let tails = 0;
    let mismatches = 0;
    for (let batch = 0; batch < 3200; batch++) {
      const from = batch % 5; // partial refills start anywhere in the reserve
      fused.fillNormalMisses(out, from, 64);
      for (let q = from; q < 64; q++) {
        const want = plain.normalMiss();
        if (!Object.is(out[q], want)) mismatches++;
        if (Math.abs(want) > CHAIN_NORMAL_ZIGGURAT.r) tails++;
      }
    }
    expect(mismatches).toBe(0);
    expect(tails).toBeGreaterThan(0); // the tail's hand-off ran
    expect(Array.from(fused.s)).toEqual(Array.from(plain.s));
  });
});
