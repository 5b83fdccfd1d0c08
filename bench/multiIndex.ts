/**
 * Slopes of the multi-index simulator (src/sgd/multiIndexSweep.ts, reduced engine) against the
 * leap's prediction d^{max(L−1, 1)}: for each case, seeds runs per d with its γ(d), the subspace hit
 * ‖P_S w‖ ≥ 0.5 (or a direction's hit), the bootstrap slope of the KM medians, and the wall time.
 * `node --import tsx bench/multiIndex.ts [seeds]` prints one line per case. Nothing runs on import.
 */
import { fileURLToPath } from 'node:url';
import { parseLink } from '../src/expr/parse.js';
import { analyzeMultiIndex } from '../src/multiIndex/analyzeMulti.js';
import { compileMulti } from '../src/multiIndex/variables.js';
import { leapSlope, multiIndexSweep } from '../src/sgd/multiIndexSweep.js';

interface Case {
  link: string;
  r: number;
  /** σ′ */
  ds: (z: number) => number;
  student: string;
  /** γ at d */
  gamma: (d: number) => number;
  gammaText: string;
  grid: number[];
  time?: 'subspace' | number;
  maxSteps: number;
}

const CASES: Case[] = [
  {
    link: 'z1 + z1*z2',
    r: 2,
    ds: (z) => 1 + 2 * z,
    student: 'z + z^2',
    gamma: (d) => 0.1 / d,
    gammaText: '0.1/d',
    grid: [100, 200, 400, 800, 1600],
    maxSteps: 1e6,
  },
  { link: 'z1*z2', r: 2, ds: (z) => 2 * z, student: 'z^2', gamma: (d) => 0.3 / d, gammaText: '0.3/d', grid: [100, 200, 400, 800, 1600], maxSteps: 1e6 },
  {
    link: 'z1 + z1*z2 + z1*z2*z3',
    r: 3,
    ds: (z) => 1 + 2 * z + 3 * z * z,
    student: 'z + z^2 + z^3',
    gamma: (d) => 0.02 / d,
    gammaText: '0.02/d',
    grid: [100, 200, 400, 800, 1600],
    maxSteps: 1e6,
  },
  {
    link: 'z1*z2*z3',
    r: 3,
    ds: (z) => 3 * z * z,
    student: 'z^3',
    gamma: (d) => 0.3 / d ** 1.5,
    gammaText: '0.3/d^1.5',
    grid: [100, 200, 400, 800],
    maxSteps: 2e7,
  },
];

/** One line per case: link, leap, predicted slope, fitted slope [CI], medians, seconds. */
export function benchMultiIndex(seeds: number): string[] {
  return CASES.map((k) => {
    const leap = analyzeMultiIndex(k.link).leap;
    const t0 = performance.now();
    const sweep = multiIndexSweep({
      ds: k.grid,
      directions: k.r,
      target: compileMulti(parseLink(k.link, { variables: 'multi' }), k.r),
      activationDerivative: k.ds,
      noise: 0,
      gamma: k.gamma,
      threshold: 0.5,
      maxSteps: k.maxSteps,
      seeds,
      baseSeed: 7,
      time: k.time ?? 'subspace',
    });
    const s = (performance.now() - t0) / 1000;
    const f = sweep.fit;
    const ci = f.ci.map((v) => (v === null ? 'null' : v.toFixed(3))).join(', ');
    const medians = f.medians.map((m) => `${m.d}:${m.median}`).join(' ');
    const predicted = typeof leap === 'number' ? leapSlope(leap) : NaN;
    return `${k.link} (σ = ${k.student}, γ = ${k.gammaText}) leap ${JSON.stringify(leap)} predicted ${predicted} fitted ${f.slope?.toFixed(3)} [${ci}] medians ${medians} (${s.toFixed(1)} s)`;
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const line of benchMultiIndex(Number(process.argv[2] ?? 200))) console.log(line);
}
