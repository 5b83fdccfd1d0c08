import { describe, expect, it } from 'vitest';
import { buildGammaZiggurat, GAMMA_ZIG_LAYERS, gammaZiggurat, logRatioDefect, type GammaZiggurat } from '../../src/sgd/gammaZiggurat.js';
import { Rng } from '../../src/sgd/rng.js';
import { integrateVector } from '../../src/quadrature/gaussKronrod.js';
import { logGamma, lowerGammaRatio, upperGammaRatio } from './gammaLaw.js';

/** log of the Gamma(a) density at the mode b = a − 1 scale: log h(s) = b·log(G/b) − (G − b), G = b + σs (no φ). */
function logH(z: GammaZiggurat, s: number): number {
  const b = z.mode;
  const g = b + z.sigma * s;
  return b * Math.log(g / b) - (g - b);
}

/** ∫ h ds over (−σ, ∞) = Γ(a)·e^b/(σ·b^b), from the Gamma integral. */
function totalArea(z: GammaZiggurat): number {
  const b = z.mode;
  return Math.exp(logGamma(z.shape) + b - b * Math.log(b)) / z.sigma;
}

const SHAPES = [1.5, 4, 31, 511];
const tables = new Map(SHAPES.map((a) => [a, buildGammaZiggurat(a)]));
const n = GAMMA_ZIG_LAYERS;

describe('logRatioDefect: φ(t) = t − log(1 + t)', () => {
  it('equals its Taylor series Σ_{n≥2} (−1)ⁿtⁿ/n to a few ulps for |t| ≤ 1/4, and t − log1p(t) beyond', () => {
    const series = (t: number) => {
      let sum = 0;
      let power = t;
      for (let k = 2; k < 120; k++) {
        power *= t;
        sum += ((k % 2 === 0 ? 1 : -1) * power) / k;
      }
      return sum;
    };
    for (const t of [1e-9, -1e-9, 1e-4, -3e-3, 0.01, -0.05, 0.1, -0.2, 0.25, -0.25]) {
      const want = series(t);
      expect(Math.abs(logRatioDefect(t) - want), `t = ${t}`).toBeLessThan(4e-16 * want);
    }
    for (const t of [0.3, -0.6, 2, 100, -0.999]) expect(logRatioDefect(t)).toBe(t - Math.log1p(t));
  });
});

describe('buildGammaZiggurat', () => {
  it('tiles the area under h: n regions of one area V whose parts above h add up to n·V − ∫h, ∫h = Γ(a)e^b/(σb^b) (shapes 1.5, 4, 31, 511)', () => {
    for (const [a, z] of tables) {
      const v = z.width[0]! * z.level[1]!;
      for (let i = 1; i < n; i++) {
        const vi = z.width[i]! * (z.level[i + 1]! - z.level[i]!);
        expect(Math.abs(vi - v) / v, `a = ${a}, region ${i}`).toBeLessThan(1e-11);
      }
      // the part of region i ≥ 1 above h: ∫ (f_{i+1} − h)₊ over its two wedges (region 0 lies under h)
      let above = 0;
      for (let i = 1; i < n; i++) {
        const top = z.level[i + 1]!;
        const gap = (s: number, out: Float64Array) => (out[0] = Math.max(0, top - Math.exp(logH(z, s))));
        const tol = { absTol: 1e-13 * v };
        above += integrateVector(gap, 1, z.lo[i]!, z.innerLo[i]!, tol).value[0]!;
        above += integrateVector(gap, 1, z.innerHi[i]!, z.lo[i]! + z.width[i]!, tol).value[0]!;
      }
      const area = totalArea(z);
      expect(Math.abs(n * v - above - area) / area, `a = ${a}`).toBeLessThan(1e-9);
    }
  });

  it('puts both edges of level i on h: h(L_i) = h(R_i) = f_i (to the rounding of the edge), with L_i < L_{i+1} < 0 < R_{i+1} < R_i', () => {
    for (const [a, z] of tables) {
      /** |log h(s) − log f| allowed: 10⁻¹² plus the change of log h over the rounding of s (4ε·σ) */
      const tolerance = (s: number, f: number) => 1e-12 * Math.max(1, Math.abs(f)) + Math.abs(s / (1 + s / z.sigma)) * 4e-16 * z.sigma;
      for (let i = 1; i < n; i++) {
        const left = z.lo[i]!;
        const right = z.lo[i]! + z.width[i]!;
        const f = Math.log(z.level[i]!);
        expect(Math.abs(logH(z, left) - f), `a = ${a}, L_${i}`).toBeLessThan(tolerance(left, f));
        expect(Math.abs(logH(z, right) - f), `a = ${a}, R_${i}`).toBeLessThan(tolerance(right, f));
        expect(left).toBe(z.innerLo[i - 1]!);
        expect(right).toBeGreaterThanOrEqual(z.innerHi[i - 1]! * (1 - 4.4e-16)); // L_i + (R_i − L_i) rounds
      }
      expect(z.innerLo[n - 1]).toBe(0);
      expect(z.innerHi[n - 1]).toBe(0);
      expect(z.level[n]).toBe(1);
    }
  });

  it('gives region 0 the two tails: (L₁ − lo₀)·f₁ = A·P(a, G_L) and (hi₀ − R₁)·f₁ = A·Q(a, G_R), A = ∫h', () => {
    for (const [a, z] of tables) {
      const area = totalArea(z);
      const f1 = z.level[1]!;
      const leftTail = (z.innerLo[0]! - z.lo[0]!) * f1;
      const rightTail = (z.lo[0]! + z.width[0]! - z.innerHi[0]!) * f1;
      expect(z.tailLeft).toBeCloseTo(z.mode + z.sigma * z.innerLo[0]!, 12);
      const pl = lowerGammaRatio(a, z.tailLeft);
      const pr = upperGammaRatio(a, z.tailRight);
      // G_L = b + σL₁ carries the rounding of σL₁ (≈ ε·b absolute), and T_L ∝ G_L^a near 0
      const edgeRounding = (a * 4.4e-16 * z.mode) / z.tailLeft;
      expect(Math.abs(leftTail - area * pl), `a = ${a}, left`).toBeLessThan((1e-9 + edgeRounding) * area * pl);
      expect(Math.abs(rightTail - area * pr), `a = ${a}, right`).toBeLessThan(1e-9 * area * pr);
    }
  });

  it("tends to the normal ziggurat for large shapes: with 128 regions, R₁, −L₁ → 3.4426 and V → 2 × 9.9126e-3 (Doornik's ZIGNOR constants)", () => {
    const z = buildGammaZiggurat(1e9, 128);
    expect(z.innerHi[0]).toBeCloseTo(3.442619855899, 3);
    expect(-z.innerLo[0]!).toBeCloseTo(3.442619855899, 3);
    expect(z.width[1]! * (z.level[2]! - z.level[1]!)).toBeCloseTo(2 * 9.91256303526217e-3, 7);
  });

  it('has valid wedge squeezes: f_{i+1} − A·δ ≤ h ≤ f_{i+1}(1 − κδ + (κδ)²/2) across every wedge', () => {
    for (const [a, z] of tables) {
      for (let i = 1; i < n; i++) {
        const top = z.level[i + 1]!;
        const sides = [
          { edge: z.innerLo[i]!, outer: z.lo[i]!, chord: z.chordLeft[i]!, tangent: z.tangentLeft[i]!, dir: -1 },
          { edge: z.innerHi[i]!, outer: z.lo[i]! + z.width[i]!, chord: z.chordRight[i]!, tangent: z.tangentRight[i]!, dir: 1 },
        ];
        for (const s of sides) {
          const span = Math.abs(s.outer - s.edge);
          for (let q = 0; q <= 16; q++) {
            const delta = (q / 16) * span;
            const h = Math.exp(logH(z, s.edge + s.dir * delta));
            const k = s.tangent * delta;
            // rounding: 10⁻¹² of the level, and h's change over the rounding of x (4ε·σ)
            const x = s.edge + s.dir * delta;
            const slack = 1e-12 * top + h * Math.abs(x / (1 + x / z.sigma)) * 4e-16 * z.sigma;
            expect(top - s.chord * delta, `a = ${a}, region ${i}, δ = ${delta}`).toBeLessThanOrEqual(h + slack);
            expect(top * (1 - k + 0.5 * k * k), `a = ${a}, region ${i}, δ = ${delta}`).toBeGreaterThanOrEqual(h - slack);
          }
        }
      }
    }
  });

  it('refuses shapes ≤ 1 and region counts that are not powers of 2', () => {
    expect(() => buildGammaZiggurat(1)).toThrow(RangeError);
    expect(() => buildGammaZiggurat(Number.NaN)).toThrow(RangeError);
    expect(() => buildGammaZiggurat(4, 100)).toThrow(RangeError);
  });
});

describe("the chain's χ² draws: a first ziggurat attempt, or Rng.chiSquaredMiss when it misses", () => {
  it('have the law of χ²_k in both tails, the wedges and the core (k = 3, 7, 1022), the mixture written out here', () => {
    for (const [k, seed] of [
      [3, 21],
      [7, 22],
      [1022, 23],
    ] as const) {
      const z = buildGammaZiggurat(k / 2);
      const r = new Rng(seed);
      const count = 4096 * 1024;
      // points: the left tail's edge and half-way into it, the core at the mode and ±σ, the right tail's edge and beyond
      const points = [z.tailLeft / 2, z.tailLeft, z.mode - z.sigma, z.mode, z.mode + z.sigma, z.tailRight, z.tailRight + 2 * z.sigma]
        .filter((g) => g > 0)
        .map((g) => 2 * g);
      const below = new Float64Array(points.length);
      let misses = 0;
      let previous: number = k;
      let pairs = 0;
      for (let n = 0; n < count; n++) {
        // a first attempt: region i uniform, x uniform on its interval; its core accepts
        const i = r.next32() & (GAMMA_ZIG_LAYERS - 1);
        const x = z.lo[i]! + r.uniform() * z.width[i]!;
        let chi: number;
        if (x > z.innerLo[i]! && x < z.innerHi[i]!) chi = 2 * (z.mode + z.sigma * x);
        else {
          chi = r.chiSquaredMiss(z);
          misses++;
        }
        if (!(chi > 0 && chi < Infinity)) throw new Error(`χ² ${chi}`);
        for (let p = 0; p < points.length; p++) if (chi <= points[p]!) below[p]!++;
        if (n % 2 === 1) pairs += (chi - k) * (previous - k);
        previous = chi;
      }
      for (let p = 0; p < points.length; p++) {
        const want = lowerGammaRatio(k / 2, points[p]! / 2);
        const se = Math.sqrt((want * (1 - want)) / count);
        expect(Math.abs(below[p]! / count - want), `k = ${k}, P(χ² ≤ ${points[p]})`).toBeLessThan(5 * se + 1e-7);
      }
      // the share of misses is the share of the regions outside their cores (0.8 % at 512 regions)
      let outside = 0;
      for (let i = 0; i < GAMMA_ZIG_LAYERS; i++) outside += 1 - Math.max(0, z.innerHi[i]! - z.innerLo[i]!) / z.width[i]!;
      const pMiss = outside / GAMMA_ZIG_LAYERS;
      expect(Math.abs(misses / count - pMiss)).toBeLessThan(5 * Math.sqrt((pMiss * (1 - pMiss)) / count));
      expect(Math.abs(pairs / (count / 2) / (2 * k))).toBeLessThan(5 / Math.sqrt(count / 2));
    }
  });
});

describe('Rng.fillChiSquaredMisses (the generated loop)', () => {
  for (const d of [5, 7, 64, 1024, 16384]) {
    it(`gives chiSquaredMiss() one after another, value for value, and leaves the generator where they leave it (d = ${d})`, () => {
      const zig = gammaZiggurat((d - 2) / 2);
      const fused = new Rng(d);
      const plain = new Rng(d);
      const out = new Float64Array(64);
      let mismatches = 0;
      let tails = 0;
      for (let batch = 0; batch < 800; batch++) {
        const from = batch % 7; // partial refills start anywhere in the reserve
        fused.fillChiSquaredMisses(zig, out, from, 64);
        for (let q = from; q < 64; q++) {
          const want = plain.chiSquaredMiss(zig);
          if (!Object.is(out[q], want)) mismatches++;
          if (want < 2 * zig.tailLeft || want > 2 * zig.tailRight) tails++;
        }
      }
      expect(mismatches).toBe(0);
      expect(tails).toBeGreaterThan(0); // the tails' hand-off ran
      expect(Array.from(fused.s)).toEqual(Array.from(plain.s));
    });
  }
});
