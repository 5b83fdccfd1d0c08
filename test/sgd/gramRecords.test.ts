// The Gram chain's own loop (gramChain.ts) and sign-symmetric stopping against results recorded
// from the code before either existed (test/fixtures/sgd/gramRecords.ts says how they were made).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { engineInput } from '../../src/sgd/engineInput.js';
import { runGramChain } from '../../src/sgd/gramChain.generated.js';
import { runReducedGram } from '../../src/sgd/reduced.js';
import { runGramReference } from './gramReference.js';
import { Rng, seedFor } from '../../src/sgd/rng.js';
import { runSeed, type RunOptions } from '../../src/sgd/simulate.js';
import { evenCases, GRAM_ALGORITHMS, gramCases } from '../fixtures/sgd/gramRecords.js';

type Recorded = Record<
  string,
  { seed: number; hit: number | null; hitAbs: number | null; steps: number; diverged: number | null; finalOverlap?: string; s?: number[] }
>;
const recorded = JSON.parse(readFileSync(new URL('../fixtures/sgd/gramRecords.json', import.meta.url), 'utf8')) as { gram: Recorded; even: Recorded };

/** A double as the fixture writes it (String round-trips; −0 as "-0"). */
const enc = (x: number): number | string => (Number.isInteger(x) && !Object.is(x, -0) ? x : Object.is(x, -0) ? '-0' : String(x));

describe('the width-N loop reproduces the recorded Gram chain bit for bit', () => {
  const cases = gramCases();
  it('covers the recorded cases (widths 2–32, every oracle, d from N + 1 to 10⁶, every way a run ends)', () => {
    expect(cases.map((c) => c.name)).toEqual(Object.keys(recorded.gram));
    expect(new Set(cases.map((c) => c.o.width))).toEqual(new Set([2, 3, 4, 5, 6, 7, 8, 16, 32]));
  });
  for (const [name, run] of [
    ['runReducedGram (gramChain.ts)', runReducedGram],
    ['runGramReference (GramStepper)', runGramReference],
  ] as const) {
    it(name, () => {
      for (const c of cases) {
        const rng = new Rng(c.o.seed);
        const r = run(engineInput(c.o), rng);
        const want = recorded.gram[c.name]!;
        expect({ ...r, finalOverlap: enc(r.finalOverlap), s: Array.from(rng.s) }, c.name).toEqual(want);
      }
    });
  }
});

describe('the width-N loop against the reference runner on random configurations', () => {
  it('same result and generator state, bit for bit (widths 2–32, every oracle, noise, both starts)', () => {
    const names = Object.keys(GRAM_ALGORITHMS);
    for (let i = 0; i < 60; i++) {
      const h = seedFor(77, i);
      const width = 2 + (h % 31);
      const d = [width + 1, width + 2, width + 3, width + 5, 3 * width + 7, 4096][Math.floor(h / 31) % 6]!;
      const o: RunOptions = {
        d,
        width,
        algorithm: GRAM_ALGORITHMS[names[Math.floor(h / 186) % names.length]!]!,
        target: (u) => u * u * u - 3 * u,
        student: (z) => z * z * z - 3 * z,
        studentDerivative: (z) => 3 * z * z - 3,
        noise: i % 3 === 0 ? 0.4 : 0,
        gamma: [0.002, 0.01, 0.05][i % 3]! * (d < 100 ? 1 : 40 / d),
        threshold: [0.3, 0.6, 0.95][i % 3]!,
        maxSteps: 600,
        init: i % 2 === 0 ? 'signed' : 'positive',
        engine: 'reduced',
        seed: h,
        signSymmetric: i % 4 === 0,
      };
      const a = new Rng(h);
      const b = new Rng(h);
      const input = engineInput(o);
      expect(runGramChain(input, a), `case ${i}`).toEqual(runGramReference(input, b));
      expect(Array.from(a.s)).toEqual(Array.from(b.s));
    }
  });
});

describe('sign-symmetric runs stop at max_j |m_j| ≥ τ on the trajectory recorded under the old rule', () => {
  const cases = evenCases();
  it('covers the recorded even-link cases (z², He₂, |z|; widths 1, 2, 5; both engines)', () => {
    expect(cases.map((c) => c.name)).toEqual(Object.keys(recorded.even));
    // the record has runs where +τ came later than |m| ≥ τ, or never: the point of the new rule
    expect(Object.values(recorded.even).some((r) => r.hit !== r.hitAbs)).toBe(true);
  });
  it('without signSymmetric: the recorded result', () => {
    for (const c of cases) {
      const { finalOverlap: _m, ...r } = runSeed(c.o);
      expect(r, c.name).toEqual(recorded.even[c.name]);
    }
  });
  it('with signSymmetric: hit = hitAbs = the recorded hitAbs, steps = hitAbs (or the recorded steps when censored)', () => {
    for (const c of cases) {
      const old = recorded.even[c.name]!;
      const { finalOverlap: _m, ...r } = runSeed({ ...c.o, signSymmetric: true });
      const reached = old.hitAbs !== null;
      expect(r, c.name).toEqual({
        seed: old.seed,
        hit: old.hitAbs,
        hitAbs: old.hitAbs,
        steps: reached ? old.hitAbs : old.steps,
        diverged: reached ? null : old.diverged,
      });
    }
  });
});
