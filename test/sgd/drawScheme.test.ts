// The reduced chain's draws (DRAW_SCHEME 3) written out by hand from their description in
// docs/theory.md §5.5 and ScalarChain.sample's comment, with the generator's plain next32, against
// ScalarChain.sample (the generated drawSample, whose steps the loops and the SIMD kernels repeat
// bit for bit: test/sgd/simdChains.test.ts): the same numbers, bit for bit, through thousands of
// misses and refills. This is the bit-level oracle of the scheme that test/fixtures/sgd/records.json
// was written under.
import { describe, expect, it } from 'vitest';
import { engineInput } from '../../src/sgd/engineInput.js';
import type { GammaZiggurat } from '../../src/sgd/gammaZiggurat.js';
import { CHAIN_NORMAL_ZIGGURAT } from '../../src/sgd/normalZiggurat.js';
import { DRAW_SCHEME, Rng } from '../../src/sgd/rng.js';
import { ScalarChain } from '../../src/sgd/scalarChain.js';
import type { RunOptions } from '../../src/sgd/types.js';

const he3 = (z: number): number => z * z * z - 3 * z;
const options = (d: number, seed: number, noise: number): RunOptions => ({
  d,
  seed,
  target: he3,
  student: he3,
  studentDerivative: (z: number) => 3 * z * z - 3,
  algorithm: { kind: 'online' },
  gamma: 0,
  noise,
  threshold: 2,
  maxSteps: 1e9,
  init: 'signed',
  engine: 'reduced',
});

/** A chain's reserves, kept apart from the chain: filled to 64 values by the Rng, used from the top. */
class Reserves {
  readonly normals = new Float64Array(64);
  readonly chiSquared = new Float64Array(64);
  normalsLeft = 0;
  chiSquaredLeft = 0;
  misses = { normal: 0, chiSquared: 0 };
  /** refills that the χ² reserve asked for while the normals had enough */
  chiSquaredRefills = 0;
}

/**
 * One step's draws, scheme 3: before the step, if fewer than 2 normals (3 with label noise) or no
 * χ² are left, both reserves are filled up to 64 (normals first). Then outputs o₁..o₅ of xoshiro128**:
 * z's layer o₁ mod 2¹¹ and U = (⌊o₁/2¹¹⌋·2¹⁶ + (o₃ mod 2¹⁶))/2³⁶ − 1; ξ's layer o₂ mod 2¹¹ and
 * U = (⌊o₂/2¹¹⌋·2¹⁶ + ⌊o₃/2¹⁶⌋)/2³⁶ − 1; a normal attempt is U·X[layer] if |U| < ratio[layer], else
 * the next reserve normal. R: region i = o₄ mod 2¹¹, s = lo[i] + (⌊o₄/2¹¹⌋·2²¹ + ⌊o₅/2¹¹⌋)/2⁴²·width[i],
 * R = 2·mode + 2σ·s if innerLo[i] < s < innerHi[i], else the next reserve χ². With label noise, o₆, o₇:
 * ε's layer o₇ mod 2¹¹ and U = (o₆·2²¹ + ⌊o₇/2¹¹⌋)/2⁵² − 1, as z's.
 */
function referenceDraws(rng: Rng, res: Reserves, zig: GammaZiggurat, noise: boolean): [number, number, number, number] {
  if (res.normalsLeft < (noise ? 3 : 2) || res.chiSquaredLeft < 1) {
    if (res.normalsLeft >= (noise ? 3 : 2)) res.chiSquaredRefills++;
    rng.fillNormalMisses(res.normals, res.normalsLeft, 64);
    res.normalsLeft = 64;
    rng.fillChiSquaredMisses(zig, res.chiSquared, res.chiSquaredLeft, 64);
    res.chiSquaredLeft = 64;
  }
  const { x, ratio } = CHAIN_NORMAL_ZIGGURAT;
  const normal = (layer: number, u: number): number => {
    if (Math.abs(u) < ratio[layer]!) return u * x[layer]!;
    res.misses.normal++;
    return res.normals[--res.normalsLeft]!;
  };
  const o = [0, 0, 0, 0, 0].map(() => rng.next32());
  const [o1, o2, o3, o4, o5] = o as [number, number, number, number, number];
  const z = normal(o1 % 2048, (Math.floor(o1 / 2048) * 2 ** 16 + (o3 % 2 ** 16)) / 2 ** 36 - 1);
  const xi = normal(o2 % 2048, (Math.floor(o2 / 2048) * 2 ** 16 + Math.floor(o3 / 2 ** 16)) / 2 ** 36 - 1);
  const i = o4 % 2048;
  const s = zig.lo[i]! + ((Math.floor(o4 / 2048) * 2 ** 21 + Math.floor(o5 / 2048)) / 2 ** 42) * zig.width[i]!;
  let r: number;
  if (s > zig.innerLo[i]! && s < zig.innerHi[i]!) r = 2 * zig.mode + 2 * zig.sigma * s;
  else {
    res.misses.chiSquared++;
    r = res.chiSquared[--res.chiSquaredLeft]!;
  }
  let eps = 0;
  if (noise) {
    const o6 = rng.next32();
    const o7 = rng.next32();
    eps = normal(o7 % 2048, (o6 * 2 ** 21 + Math.floor(o7 / 2048)) / 2 ** 52 - 1);
  }
  return [z, xi, r, eps];
}

describe('the reduced chain’s draws, scheme 3, against a reference written from their description', () => {
  it('is the scheme the engines declare', () => {
    expect(DRAW_SCHEME).toBe(3);
  });
  for (const [d, noise] of [
    [5, 0],
    [64, 0.25],
    [1024, 0],
    [1e6, 0.5],
  ] as const) {
    it(`d = ${d}${noise > 0 ? ', label noise' : ''}: 150 000 steps bit for bit, misses of every kind among them`, () => {
      const chain = new ScalarChain(engineInput(options(d, 20261205 + d, noise)));
      const rng = new Rng(0);
      rng.s.set(chain.rng.s); // the reference continues the chain's generator after its start
      const res = new Reserves();
      const draws = new Float64Array(4);
      // one step fills both reserves; then the χ² reserve is cut to one value, so that its next miss
      // empties it and the refill after it comes from the χ² side (the normals run low first otherwise)
      chain.sample(draws);
      referenceDraws(rng, res, chain.zig!, noise > 0);
      chain.chiSquaredLeft = 1;
      res.chiSquaredLeft = 1;
      let mismatch = -1;
      for (let t = 0; t < 150_000 && mismatch < 0; t++) {
        chain.sample(draws);
        const want = referenceDraws(rng, res, chain.zig!, noise > 0);
        if (!want.every((v, j) => Object.is(v, draws[j]))) mismatch = t;
      }
      expect(mismatch).toBe(-1);
      expect(Array.from(chain.rng.s)).toEqual(Array.from(rng.s));
      // about 0.23 % of attempts miss: hundreds of each kind in these steps
      expect(res.misses.normal).toBeGreaterThan(300);
      expect(res.misses.chiSquared).toBeGreaterThan(150);
      expect(res.chiSquaredRefills).toBeGreaterThan(0);
    });
  }
});
