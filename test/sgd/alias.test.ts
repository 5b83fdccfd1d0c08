import { describe, expect, it } from 'vitest';
import { AliasTable } from '../../src/sgd/alias.js';

/** P(i) from the table's columns: (prob[i] + Σ_{j: alias[j] = i} (1 − prob[j]))/n. */
function lawOf(t: AliasTable): number[] {
  const n = t.prob.length;
  const p = new Array<number>(n).fill(0);
  for (let j = 0; j < n; j++) {
    p[j]! += t.prob[j]! / n;
    p[t.alias[j]!]! += (1 - t.prob[j]!) / n;
  }
  return p;
}

describe('AliasTable', () => {
  it('carries each weight w_i/Σw in its columns (uneven, zero and equal weights)', () => {
    const cases = [[1, 2, 3, 4], [0, 5, 0, 1e-9, 7], [1, 1, 1], Array.from({ length: 200 }, (_, i) => Math.sin(i) ** 2)];
    for (const w of cases) {
      const total = w.reduce((a, b) => a + b, 0);
      const got = lawOf(new AliasTable(w));
      w.forEach((wi, i) => expect(Math.abs(got[i]! - wi / total)).toBeLessThan(1e-15));
    }
  });

  it('picks by the columns: the index of v is j = ⌊nv⌋ or its alias', () => {
    const t = new AliasTable([1, 3]); // prob = [1/2, 1], alias[0] = 1
    expect(t.pick(0)).toBe(0);
    expect(t.pick(0.24)).toBe(0);
    expect(t.pick(0.26)).toBe(1);
    expect(t.pick(0.75)).toBe(1);
  });

  it('refuses negative, non-finite or all-zero weights', () => {
    expect(() => new AliasTable([1, -1])).toThrow(RangeError);
    expect(() => new AliasTable([1, Infinity])).toThrow(RangeError);
    expect(() => new AliasTable([0, 0])).toThrow(RangeError);
  });
});
