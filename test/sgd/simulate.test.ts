import { describe, expect, it } from 'vitest';
import { OutOfRangeError } from '../../src/errors.js';
import { ksTwoSample } from '../../src/sgd/ks.js';
import { engineInput } from '../../src/sgd/engineInput.js';
import { runReducedGram, runReducedSingle } from '../../src/sgd/reduced.js';
import { Rng, seedFor } from '../../src/sgd/rng.js';
import { runSeed, type RunOptions, type RunResult } from '../../src/sgd/simulate.js';
import { ALGORITHMS, onlineGamma, options } from './helpers.js';

const ENGINES = ['reduced', 'full'] as const;

describe('runSeed: determinism', () => {
  for (const engine of ENGINES) {
    for (const width of [1, 3]) {
      it(`${engine}, width ${width}: same seed ⇒ identical result; different seeds differ`, () => {
        for (const [name, algorithm] of Object.entries(ALGORITHMS)) {
          const o = (seed: number): RunOptions => options({ d: 16, width, algorithm, gamma: 0.01, engine, seed, maxSteps: 300, noise: 0.1 });
          const a = runSeed(o(1234));
          expect(runSeed(o(1234)), name).toEqual(a);
          const others = [1235, 99, seedFor(1, 2)].map((s) => runSeed(o(s)));
          expect(
            others.some((r) => r.finalOverlap !== a.finalOverlap),
            name,
          ).toBe(true);
          expect(others.map((r) => r.seed)).toEqual([1235, 99, seedFor(1, 2)]);
        }
      });
    }
  }
});

describe('runSeed: start, stopping and censoring', () => {
  it('m₀ is the first coordinate of a uniform point of S^{d−1} (E m₀² = 1/d), non-negative with init positive', () => {
    const d = 20;
    for (const engine of ENGINES) {
      for (const init of ['positive', 'signed'] as const) {
        const m0 = Array.from(
          { length: 3000 },
          (_, i) => runSeed(options({ d, algorithm: { kind: 'online' }, gamma: 0, engine, seed: seedFor(3, i), maxSteps: 0, init, threshold: 2 })).finalOverlap,
        );
        const mean = m0.reduce((s, x) => s + x, 0) / m0.length;
        const meanSq = m0.reduce((s, x) => s + x * x, 0) / m0.length;
        expect(Math.abs(meanSq * d - 1)).toBeLessThan(0.1);
        if (init === 'positive') {
          expect(Math.min(...m0)).toBeGreaterThanOrEqual(0);
          // E|m₀| = Γ(d/2)/(√π·Γ((d+1)/2)) = 0.17935… for d = 20
          expect(Math.abs(mean - 0.179353)).toBeLessThan(0.01);
        } else {
          expect(Math.abs(mean)).toBeLessThan(0.015);
          expect(Math.min(...m0)).toBeLessThan(0);
        }
      }
    }
  });

  it('the two engines draw the same law of m₀ for width 3 (max_j m_j), KS', () => {
    const draw = (engine: 'reduced' | 'full', base: number) =>
      Array.from(
        { length: 600 },
        (_, i) =>
          runSeed(
            options({ d: 10, width: 3, algorithm: { kind: 'online' }, gamma: 0, engine, seed: seedFor(base, i), maxSteps: 0, init: 'signed', threshold: 2 }),
          ).finalOverlap,
      );
    expect(ksTwoSample(draw('reduced', 1), draw('full', 2)).pValue).toBeGreaterThan(0.01);
  });

  it('a start already past τ is a hit at step 0; a run that never reaches τ is censored at maxSteps', () => {
    for (const engine of ENGINES) {
      const start = runSeed(options({ d: 8, algorithm: { kind: 'online' }, gamma: 0.01, engine, seed: 1, threshold: -1 }));
      expect(start).toMatchObject({ hit: 0, hitAbs: 0, steps: 0, diverged: null });
      const censored = runSeed(options({ d: 64, algorithm: { kind: 'online' }, gamma: 0, engine, seed: 1, maxSteps: 500 }));
      expect(censored).toMatchObject({ hit: null, hitAbs: null, steps: 500, diverged: null });
    }
  });

  it('runs stop at the first step with m ≥ τ, and hitAbs ≤ hit', () => {
    for (const engine of ENGINES) {
      for (let s = 0; s < 5; s++) {
        const r = runSeed(options({ d: 32, algorithm: { kind: 'online' }, gamma: onlineGamma(32) * 4, engine, seed: s, init: 'signed', maxSteps: 200_000 }));
        if (r.hit !== null) {
          expect(r.steps).toBe(r.hit);
          expect(r.finalOverlap).toBeGreaterThanOrEqual(0.5);
          expect(r.hitAbs).not.toBeNull();
          expect(r.hitAbs!).toBeLessThanOrEqual(r.hit);
        } else expect(r.steps).toBe(200_000);
      }
    }
  });

  it('the reduced chain runs at d = 10⁶ (cost independent of d) and stays near the equator', () => {
    const r = runSeed(options({ d: 1_000_000, algorithm: { kind: 'online' }, gamma: onlineGamma(1_000_000), engine: 'reduced', seed: 3, maxSteps: 50_000 }));
    expect(r.hit).toBeNull();
    expect(r.steps).toBe(50_000);
    expect(Math.abs(r.finalOverlap)).toBeLessThan(0.01);
  });

  it('the Gram-factor chain at width 1 has the law of the scalar chain (KS on hitting times)', () => {
    const d = 24;
    const hits = (run: (o: ReturnType<typeof engineInput>) => RunResult, base: number) =>
      Array.from({ length: 400 }, (_, i) => {
        const o = engineInput(
          options({ d, algorithm: { kind: 'online' }, gamma: onlineGamma(d) * 2, engine: 'reduced', seed: seedFor(base, i), maxSteps: 20_000 }),
        );
        return run(o).hit;
      });
    const a = hits(runReducedSingle, 5);
    const b = hits((o) => runReducedGram(o, new Rng(o.seed)), 6);
    expect(ksTwoSample(a, b).pValue).toBeGreaterThan(0.01);
  });
});

describe('runSeed: divergence', () => {
  it('a huge γ overflows the step norm: diverged at step 1, both engines', () => {
    for (const engine of ENGINES) {
      for (const width of [1, 2]) {
        for (const algorithm of Object.values(ALGORITHMS)) {
          const r = runSeed(options({ d: 16, width, algorithm, gamma: 1e300, engine, seed: 4, threshold: 2 })); // τ = 2: never reached, not even by the start
          expect(r.diverged).toBe(1);
          expect(r.steps).toBe(1);
          expect(r.hit).toBeNull();
          expect(Number.isFinite(r.finalOverlap)).toBe(true); // the last finite overlap (the start)
        }
      }
    }
  });

  it('a NaN or infinite oracle or label ends the run at that step', () => {
    for (const engine of ENGINES) {
      const nanAt = (k: number) => {
        let calls = 0;
        return { kind: 'custom' as const, psi: (y: number, z: number) => (++calls === k ? NaN : y * z * 1e-3) };
      };
      expect(runSeed(options({ d: 16, algorithm: nanAt(7), gamma: 0.01, engine, seed: 4, threshold: 2 })).diverged).toBe(7);
      expect(runSeed(options({ d: 16, algorithm: { kind: 'custom', psi: () => Infinity }, gamma: 0.01, engine, seed: 4, threshold: 2 })).diverged).toBe(1);
      expect(
        runSeed(options({ d: 16, algorithm: { kind: 'online' }, gamma: 0.01, engine, seed: 4, threshold: 2, target: (u) => Math.log(u) })).diverged,
      ).not.toBeNull();
    }
  });
});

describe('runSeed: options are checked', () => {
  const ok = options({ d: 8, algorithm: { kind: 'online' }, gamma: 0.01, engine: 'reduced', seed: 1, maxSteps: 10 });
  it.each([
    ['d too small for the width', { width: 8 }],
    ['d not an integer', { d: 8.5 }],
    ['d = 1', { d: 1 }],
    ['width 0', { width: 0 }],
    ['negative noise', { noise: -1 }],
    ['γ NaN', { gamma: NaN }],
    ['maxSteps negative', { maxSteps: -1 }],
    ['seed not an integer', { seed: 0.5 }],
    ['bad engine', { engine: 'gpu' as never }],
    ['bad init', { init: 'zero' as never }],
    ['η infinite', { algorithm: { kind: 'batch-reuse', eta: Infinity } as const }],
  ])('%s', (_name, over) => {
    expect(() => runSeed({ ...ok, ...over })).toThrow(OutOfRangeError);
  });
  it('the smallest d (width + 1) runs', () => {
    for (const engine of ENGINES) {
      expect(runSeed({ ...ok, d: 2, engine }).steps).toBeGreaterThanOrEqual(0);
      expect(runSeed({ ...ok, d: 4, width: 3, engine }).steps).toBeGreaterThanOrEqual(0);
    }
  });
});
