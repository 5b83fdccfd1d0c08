/**
 * In-process A/B of the reduced chain against another checkout of sindex (the machines here move
 * ±30 % between runs minutes apart, so only interleaved comparisons separate small changes):
 *
 *   git worktree add /tmp/old <rev> && ln -s "$PWD/node_modules" /tmp/old/node_modules
 *   node --import tsx bench/ab.ts /tmp/old [d] [one|two|eight] [online|batch-reuse|alternating|custom]
 *
 * Each round runs the seeds (default two, in turn in the loops as the verifier does; `one`: a
 * single seed; `eight`: one wide SIMD group) of He₃ (default online; batch reuse and alternating
 * with η = 1/d, a = 1; custom ψ = y·(3z² − 3)) on both builds, alternating which goes first,
 * 2.4·10⁶ sample-steps each; it prints the median over 40 rounds of the speed ratio this/other and
 * both medians in sample-steps per second. Each build compiles the links itself (its compileSweep),
 * as its SIMD steps recognise only the polynomials its own compiler made.
 */
import { join } from 'node:path';
import type { SweepConfig } from '../src/verify/plan.js';
import type { CompiledSweep } from '../src/verify/runTask.js';
import { type BenchAlgorithm, he3Options, he3Sweep } from './he3Chain.js';
import { median } from './median.js';

interface Build {
  readonly runChains: (inputs: unknown[]) => unknown[];
  readonly engineInput: (o: unknown) => unknown;
  readonly compileSweep: (c: SweepConfig) => CompiledSweep;
}

const load = async (root: string): Promise<Build> => ({
  ...((await import(join(root, 'src/sgd/chainScheduler.ts'))) as Pick<Build, 'runChains'>),
  ...((await import(join(root, 'src/sgd/engineInput.ts'))) as Pick<Build, 'engineInput'>),
  ...((await import(join(root, 'src/verify/runTask.ts'))) as Pick<Build, 'compileSweep'>),
});

const [otherRoot, dArg, mode = 'two', algorithm = 'online'] = process.argv.slice(2);
if (!otherRoot) throw new Error('usage: node --import tsx bench/ab.ts <other checkout> [d] [one|two|eight] [algorithm]');
/** The modes: seeds per round and how the line names them. */
const MODES: Record<string, { readonly seeds: number; readonly label: string }> = {
  one: { seeds: 1, label: 'one seed' },
  two: { seeds: 2, label: 'two seeds in turn' },
  eight: { seeds: 8, label: 'eight seeds (a wide SIMD group)' },
};
const { seeds, label } = MODES[mode] ?? {};
if (seeds === undefined) throw new Error(`bench/ab.ts: the mode is one, two or eight, not ${mode}`);
const builds = [await load(join(import.meta.dirname, '..')), await load(otherRoot)] as const;

const d = Number(dArg ?? 1024);
const samples = 2_400_000;
const steps = samples / seeds;
const sweeps = builds.map((b) => b.compileSweep(he3Sweep(algorithm as BenchAlgorithm)));
const time = (i: 0 | 1, seed: number): number => {
  const inputs = Array.from({ length: seeds }, (_, j) => builds[i].engineInput(he3Options(sweeps[i]!, d, steps, seed + j)));
  const t0 = performance.now();
  builds[i].runChains(inputs);
  return performance.now() - t0;
};
const ratios: number[] = [];
const mine: number[] = [];
const theirs: number[] = [];
for (let r = -5; r < 40; r++) {
  const seed = 100 + 8 * r;
  let a: number;
  let b: number;
  if (r % 2 === 0) {
    a = time(0, seed);
    b = time(1, seed);
  } else {
    b = time(1, seed);
    a = time(0, seed);
  }
  if (r < 0) continue; // warm-up rounds
  ratios.push(b / a);
  mine.push((samples / a) * 1000);
  theirs.push((samples / b) * 1000);
}
console.log(
  `${algorithm}, d = ${d}, ${label}: this/other speed ${median(ratios).toFixed(3)} (rounds ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}); ` +
    `this ${(median(mine) / 1e6).toFixed(1)}·10⁶, other ${(median(theirs) / 1e6).toFixed(1)}·10⁶ sample-steps/s`,
);
