// Loads test/fixtures/stats/stats.json, written by test/fixtures/stats/gen_stats.py.
import { readFileSync } from 'node:fs';

export interface StatsFixture {
  studentT: {
    quantile: { nu: string; p: string; value: string }[];
    cdf: { nu: string; t: string; value: string }[];
    lnGamma: { x: string; value: string }[];
    ibeta: { a: string; b: string; x: string; value: string }[];
  };
  random: { seed: number; raw: number[]; uniform: string[]; integer: number[] }[];
  bootstrap: {
    name: 'mean' | 'kmMedian';
    seed: number;
    resamples: number;
    level: number;
    sample: unknown[];
    lo: number | null;
    hi: number | null;
    estimate: number | null;
    nullFraction?: number;
  }[];
  slope: {
    name: string;
    seed: number;
    resamples: number;
    level: number;
    runs: Record<string, { time: number; reached: boolean }[]>;
    slope: number;
    lo: number | null;
    hi: number | null;
    nullResamples: number;
    points: number;
    censoredMedians: number;
  }[];
  fit: { d: number[]; median: number[]; slope: number; intercept: number; residualScale: number; lo: number; hi: number };
  ode: { gamma: number; d: number; mu: number[]; psiSecondMoment: number; threshold: number; value: string }[];
}

export const fixture = JSON.parse(readFileSync(new URL('../fixtures/stats/stats.json', import.meta.url), 'utf8')) as StatsFixture;

/** |got − expected| ≤ rel·|expected| (+ abs), with a message naming the case. */
export function expectRel(got: number, expected: number, rel: number, what: string, abs = 0): void {
  const err = Math.abs(got - expected);
  if (!(err <= rel * Math.abs(expected) + abs)) throw new Error(`${what}: got ${got}, expected ${expected} (rel err ${err / Math.abs(expected)})`);
}
