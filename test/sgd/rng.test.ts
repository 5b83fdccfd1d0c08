import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Rng, seedFor } from '../../src/sgd/rng.js';
import { chiSquaredCdf, upperGammaRatio } from './gammaLaw.js';
import { gammaZiggurat } from '../../src/sgd/gammaZiggurat.js';

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

/** Φ(q) at points across the ziggurat (core, wedges, tail beyond R = 3.44), to 7 digits, from tables. */
const PHI: [number, number][] = [
  [-4, 3.167124e-5],
  [-3.5, 2.326291e-4],
  [-3, 1.349898e-3],
  [-1.5, 6.68072e-2],
  [-0.5, 0.3085375],
  [0, 0.5],
  [0.3, 0.6179114],
  [1, 0.8413447],
  [2, 0.9772499],
  [3.5, 0.9997674],
  [4, 0.9999683],
];

/** The fraction of xs at or below q is p, to five binomial standard errors. */
function expectFractionBelow(xs: Float64Array, q: number, p: number, label: string): void {
  let below = 0;
  for (const x of xs) if (x <= q) below++;
  expect(Math.abs(below / xs.length - p), label).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / xs.length) + 1e-6);
}

/** n variates from `fill` called on blocks of 1024, as the engines call it. */
function drawInBlocks(fill: (block: Float64Array) => void, n: number): Float64Array {
  const xs = new Float64Array(n);
  const block = new Float64Array(1024);
  for (let i = 0; i < n; i += block.length) {
    fill(block);
    xs.set(block.subarray(0, Math.min(block.length, n - i)), i);
  }
  return xs;
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
    for (const [q, p] of PHI) expectFractionBelow(Float64Array.from(xs), q, p, `Φ(${q})`);
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
  it("fills i.i.d. N(0, 1) in the engines' blocks: the distribution function at points across the ziggurat (core, wedges, tail), moments", () => {
    const r = new Rng(77);
    const n = 1_000_000;
    const xs = drawInBlocks((b) => r.fillNormals(b), n);
    for (const [q, p] of PHI) expectFractionBelow(xs, q, p, `Φ(${q})`);
    let i = 0;
    const m = moments(() => xs[i++]!, n);
    expect(Math.abs(m.mean)).toBeLessThan(5e-3);
    expect(Math.abs(m.variance - 1)).toBeLessThan(1e-2);
    expect(Math.abs(m.kurtosis - 3)).toBeLessThan(5e-2);
    // consecutive entries (a pair shares an output) are uncorrelated, also in their squares
    let c1 = 0;
    let c2 = 0;
    for (let j = 0; j + 1 < n; j += 2) {
      c1 += xs[j]! * xs[j + 1]!;
      c2 += (xs[j]! ** 2 - 1) * (xs[j + 1]! ** 2 - 1);
    }
    expect(Math.abs(c1 / (n / 2))).toBeLessThan(5 / Math.sqrt(n / 2));
    expect(Math.abs(c2 / (n / 2))).toBeLessThan((5 * Math.sqrt(2 * 2)) / Math.sqrt(n / 2));
  });

  it('depends only on the seed, and fills odd lengths', () => {
    const fill = (seed: number, len: number) => {
      const out = new Float64Array(len);
      new Rng(seed).fillNormals(out);
      return out;
    };
    expect(fill(5, 1001)).toEqual(fill(5, 1001));
    expect(fill(5, 1001)).not.toEqual(fill(6, 1001));
    expect(fill(5, 1001).every(Number.isFinite)).toBe(true);
  });
});

describe('χ² draws: Rng.chiSquared and the Gamma ziggurat', () => {
  it('have the distribution function of χ²_k at points against the incomplete gamma series (chiSquared k = 1, 2, 3, 7, 62; gammaByZiggurat k = 3, 7, 62, 1022)', () => {
    const cases: [string, number, (r: Rng) => number][] = [
      ...[1, 2, 3, 7, 62].map((k): [string, number, (r: Rng) => number] => ['chiSquared', k, (r) => r.chiSquared(k)]),
      ...[3, 7, 62, 1022].map((k): [string, number, (r: Rng) => number] => {
        const zig = gammaZiggurat(k / 2);
        return ['gammaByZiggurat', k, (r) => 2 * r.gammaByZiggurat(zig)];
      }),
    ];
    cases.forEach(([how, k, draw], c) => {
      const r = new Rng(11 + c);
      const xs = Float64Array.from({ length: 200_000 }, () => draw(r));
      for (const f of k > 100 ? [0.9, 0.95, 1, 1.05, 1.1] : [0.2, 0.5, 1, 1.5, 2.5]) {
        const q = f * k;
        const p = chiSquaredCdf(k, q);
        expectFractionBelow(xs, q, p, `${how}, k = ${k}, P(χ² ≤ ${q}) = ${p}`);
      }
    });
  });

  it('k = 10⁶ − 2 (the d = 10⁶ chain) by the ziggurat: the distribution function at k + j·√(2k), j = −2..2, and mean k', () => {
    const k = 1e6 - 2;
    const r = new Rng(16);
    const zig = gammaZiggurat(k / 2);
    const xs = Float64Array.from({ length: 200_000 }, () => 2 * r.gammaByZiggurat(zig));
    for (const j of [-2, -1, 0, 1, 2]) {
      const q = k + j * Math.sqrt(2 * k);
      const p = chiSquaredCdf(k, q);
      expectFractionBelow(xs, q, p, `P(χ² ≤ k + ${j}√(2k)) = ${p}`);
    }
    let i = 0;
    expect(Math.abs(moments(() => xs[i++]!, xs.length).mean - k)).toBeLessThan(5 * Math.sqrt((2 * k) / xs.length));
  });

  it('checks the incomplete gamma routes of the tests themselves: χ²₂ has P(χ² ≤ x) = 1 − e^{−x/2}, and closed forms of Q(a, x)', () => {
    for (const x of [0.1, 1, 3, 10]) expect(chiSquaredCdf(2, x)).toBeCloseTo(1 - Math.exp(-x / 2), 14);
    expect(chiSquaredCdf(1, 1)).toBeCloseTo(0.6826894921370859, 13); // P(|N| ≤ 1)
    // and its continued fraction for Q = 1 − P: Q(1, x) = e^{−x}, Q(2, x) = (1 + x)e^{−x}
    for (const x of [3.5, 10, 40]) {
      expect(Math.abs(upperGammaRatio(1, x) / Math.exp(-x) - 1)).toBeLessThan(1e-13);
      expect(Math.abs(upperGammaRatio(2, x) / ((1 + x) * Math.exp(-x)) - 1)).toBeLessThan(1e-13);
    }
  });
});

describe('the Marsaglia–Tsang squeeze of Rng.gamma (single draws)', () => {
  /** g(t) = log(1 + t) − t + t²/2 − t³/3, by its series for |t| < 0.2 (no cancellation), else directly. */
  const g = (t: number): number => {
    if (Math.abs(t) >= 0.2) return Math.log1p(t) - t + (t * t) / 2 - (t * t * t) / 3;
    let sum = 0;
    let power = t * t * t;
    for (let n = 4; n < 80; n++) {
      power *= t;
      sum += ((n % 2 === 0 ? -1 : 1) * power) / n;
    }
    return sum;
  };

  it('rests on g(t) ≥ −t⁴/(4(1 − |t|)) for |t| < 1 (so u < 1 − 3d·t⁴/(4(1 − |t|)) implies the exact test)', () => {
    fc.assert(
      fc.property(fc.double({ min: -0.999, max: 0.999, noNaN: true }), (t) => {
        const bound = -(t ** 4) / (4 * (1 - Math.abs(t)));
        return g(t) >= bound - 1e-15 * Math.abs(bound);
      }),
      { numRuns: 20000, seed: 42 },
    );
    // and the exact test's right-hand side equals 3d·g(cx): x²/2 + d(1 − v + log v) at d = 100, x = 2
    const d = 100;
    const c = 1 / Math.sqrt(9 * d);
    const x = 2;
    const v = (1 + c * x) ** 3;
    expect(0.5 * x * x + d * (1 - v + Math.log(v))).toBeCloseTo(3 * d * g(c * x), 9);
  });
});
