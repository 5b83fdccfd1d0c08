/**
 * In-process A/B of the reduced chain against another checkout of sindex (the machines here move
 * ±30 % between runs minutes apart, so only interleaved comparisons separate small changes):
 *
 *   git worktree add /tmp/old <rev> && ln -s "$PWD/node_modules" /tmp/old/node_modules
 *   node --import tsx bench/ab.ts /tmp/old [d] [one]
 *
 * Each round runs two He₃ online seeds in turn (as the verifier does; `one`: a single seed) on
 * both builds, alternating which goes first, 3·10⁵ steps each; it prints the median over 40 rounds
 * of the speed ratio this/other and both medians in steps per second. Older checkouts keep
 * runChains in src/sgd/scalarChain.ts, newer ones in src/sgd/chainScheduler.ts.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as thisInput from '../src/sgd/engineInput.js';
import * as thisChains from '../src/sgd/chainScheduler.js';
import { median } from './median.js';
import { online } from './sgd.js';

type Runner = { runChains: (inputs: unknown[]) => unknown[] };
type Inputs = { engineInput: (o: unknown) => unknown };

const [otherRoot, dArg, mode] = process.argv.slice(2);
if (!otherRoot) throw new Error('usage: node --import tsx bench/ab.ts <other checkout> [d] [one]');
const scheduler = join(otherRoot, 'src/sgd/chainScheduler.ts');
const otherChains = (await import(existsSync(scheduler) ? scheduler : join(otherRoot, 'src/sgd/scalarChain.ts'))) as Runner;
const otherInput = (await import(join(otherRoot, 'src/sgd/engineInput.ts'))) as Inputs;

const d = Number(dArg ?? 1024);
const steps = 300_000;
const options = online({ engine: 'reduced', d, width: 1, maxSteps: steps });
const seeds = mode === 'one' ? 1 : 2;
const time = (input: Inputs, runner: Runner, seed: number): number => {
  const inputs = Array.from({ length: seeds }, (_, i) => input.engineInput({ ...options, seed: seed + i }));
  const t0 = performance.now();
  runner.runChains(inputs);
  return performance.now() - t0;
};
const ratios: number[] = [];
const mine: number[] = [];
const theirs: number[] = [];
for (let r = -5; r < 40; r++) {
  const seed = 100 + 2 * r;
  let a: number;
  let b: number;
  if (r % 2 === 0) {
    a = time(thisInput as Inputs, thisChains as unknown as Runner, seed);
    b = time(otherInput, otherChains, seed);
  } else {
    b = time(otherInput, otherChains, seed);
    a = time(thisInput as Inputs, thisChains as unknown as Runner, seed);
  }
  if (r < 0) continue; // warm-up rounds
  ratios.push(b / a);
  mine.push(((seeds * steps) / a) * 1000);
  theirs.push(((seeds * steps) / b) * 1000);
}
console.log(
  `d = ${d}, ${seeds === 2 ? 'two seeds in turn' : 'one seed'}: this/other speed ${median(ratios).toFixed(3)} (rounds ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}); ` +
    `this ${(median(mine) / 1e6).toFixed(1)}·10⁶, other ${(median(theirs) / 1e6).toFixed(1)}·10⁶ steps/s`,
);
