// The multi-index catalog (cases/multiIndex.yaml, expected values written by hand with their
// sources) against the engine: the leap, the staircase, the generative leap with its steps and the
// sample complexities of each link.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { analyzeMultiIndex } from '../../src/multiIndex/analyzeMulti.js';

interface Entry {
  expr: string;
  leap: number;
  staircase: number[][];
  sampleComplexity: string;
  source: string;
  generativeLeap: number;
  generativeSteps: [number, number[]][];
  generativeSampleComplexity: string;
  generativeSource: string;
}

const entries = parse(readFileSync(new URL('../../cases/multiIndex.yaml', import.meta.url), 'utf8')) as Entry[];

describe('cases/multiIndex.yaml', () => {
  it('has entries, each with a source', () => {
    expect(entries.length).toBeGreaterThanOrEqual(7);
    for (const e of entries) expect(e.source.length).toBeGreaterThan(10);
    for (const e of entries) expect(e.generativeSource.length).toBeGreaterThan(10);
  });
  for (const e of entries) {
    it(`${e.expr}: leap ${e.leap}, staircase ${JSON.stringify(e.staircase)}, n ≍ ${e.sampleComplexity}`, () => {
      const a = analyzeMultiIndex(e.expr);
      expect(a.leap).toBe(e.leap);
      expect(a.staircase.map((s) => s.adds)).toEqual(e.staircase);
      expect(a.sampleComplexity).toBe(e.sampleComplexity);
      expect(a.generativeLeap).toBe(e.generativeLeap);
      expect(a.generativeSteps.map((s) => [s.k, s.adds])).toEqual(e.generativeSteps);
      expect(a.generativeSampleComplexity).toBe(e.generativeSampleComplexity);
    });
  }
});
