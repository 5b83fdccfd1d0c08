// The search-phase caveat (src/committee/caveat.ts): k* = min{k ≥ 1 : α_k(σ)α_k(σ*) ≠ 0}, read off
// Hermite expansions worked by hand here (z² = He_2 + 1, z³ = He_3 + 3He_1, z⁴ − z = He_4 + 6He_2 − He_1 + 3,
// tanh and erf odd with α_1 ≠ 0), and the caveat fires exactly when k* ≥ 3 or no k* exists.
import { describe, expect, it } from 'vitest';
import { correlationExponent, searchPhaseCaveat } from '../../src/committee/caveat.js';
import type { CommitteeSpec } from '../../src/committee/spec.js';

const spec = (target: string, activation: string): CommitteeSpec => ({ width: 2, target, activation, noise: 0, gamma: 0.1, secondLayer: { trained: false } });

describe('correlation exponent and caveat', () => {
  const cases: [string, string, number | null][] = [
    ['z^2', 'z^2', 2],
    ['z^4 - z', 'z^2', 2],
    ['z^4 - z', 'z^3', 1],
    ['tanh(z)', 'erf(z)', 1],
    ['He3(z)', 'z^3', 3],
    ['He4(z)', 'z^4', 4],
    ['He4(z)', 'z^2', null],
    ['z^2', 'z^3', null],
  ];
  for (const [target, activation, k] of cases) {
    it(`σ* = ${target}, σ = ${activation}: k* = ${k}`, () => {
      expect(correlationExponent(spec(target, activation)).value).toBe(k);
      const caveat = searchPhaseCaveat(spec(target, activation));
      if (k !== null && k <= 2) expect(caveat).toBeNull();
      else if (k === null) expect(caveat).toMatch(/no escape/);
      else expect(caveat).toMatch(new RegExp(`k\\* = ${k} ≥ 3`));
    });
  }
});
