/**
 * Speed of the SGD engines (src/sgd), steady state: each case is warmed up with full-length runs
 * (V8 re-optimises the chain a few times as it meets new closures), then timed over several runs
 * of different seeds; the row gives the median and the range.
 *
 * - the reduced chain (width 1 and 4; its cost does not depend on d) and the full engine at d = 64
 *   and 1024, online SGD on He₃ with the γ of `--gamma auto` and τ = 2 (never reached), so every run does
 *   exactly `steps`;
 * - the verifier's own path: TaskRunner (two seeds stepped in turn) on the sweep
 *   `sindex verify --target 'He3(z)' --algo online` (compiled link, γ from the theory, runs
 *   stopped at m ≥ 0.5), one thread;
 * - two seeds stepped in turn (ChainScheduler, as the verifier runs width-1 seeds), d = 1024;
 * - the ratio reduced/full at d = 1024, from rounds that time both engines back to back;
 * - the width section (`node --import tsx bench/sgd.ts widths [OLD_TREE] [ROUNDS]`, not in
 *   benchSgd): neuron-steps/s per thread (CPU time) for widths 1, 2, 5, 16, 32 at d = 1024, and
 *   with OLD_TREE (a checkout of an earlier commit) the same rounds on it, alternately, with the
 *   median ratio.
 * Each row is measured in its own process (`node --import tsx bench/sgd.ts <row>` prints it as
 * JSON). Nothing runs on import: call benchSgd().
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compileForSpeed } from '../src/expr/compile.js';
import { derivativeOf } from '../src/expr/derivative.js';
import { parseLink } from '../src/expr/parse.js';
import { engineInput } from '../src/sgd/engineInput.js';
import { runChains } from '../src/sgd/chainScheduler.js';
import { runSeed, type RunOptions } from '../src/sgd/simulate.js';
import { planSweep, type SweepConfig } from '../src/verify/plan.js';
import { compileSweep, runTask, TaskRunner } from '../src/verify/runTask.js';
import { autoGamma } from './he3Chain.js';
import { median, spread } from './median.js';

type Spread = ReturnType<typeof spread>;

// He₃ and its derivative compiled as the verifier compiles a link (compileForSpeed: Horner)
const he3Expr = parseLink('He3(z)');
const he3 = compileForSpeed(he3Expr);
const dhe3 = compileForSpeed(derivativeOf(he3Expr));

/** Steps per second of `runs` timed runs after `warmups` untimed ones: median and range. */
function stepsPerSecond(o: RunOptions, warmups: number, runs: number): Spread {
  for (let i = 0; i < warmups; i++) runSeed({ ...o, seed: 1000 + i });
  const rates: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = runSeed({ ...o, seed: o.seed + i });
    const ms = performance.now() - t0;
    if (r.steps !== o.maxSteps) throw new Error(`benchSgd: run stopped after ${r.steps} of ${o.maxSteps} steps`);
    rates.push((r.steps / ms) * 1000);
  }
  return spread(rates);
}

/** Steps per second of two seeds stepped in turn (ChainScheduler), as the verifier runs them: median and range. */
function pairStepsPerSecond(o: RunOptions, runs: number): Spread {
  const two = (seed: number) => runChains([engineInput({ ...o, seed }), engineInput({ ...o, seed: seed + 1 })]);
  for (let i = 0; i < 3; i++) two(2000 + 2 * i);
  const rates: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const rs = two(o.seed + 2 * i);
    const ms = performance.now() - t0;
    if (rs.some((r) => r.steps !== o.maxSteps)) throw new Error('benchSgd: a paired run stopped early');
    rates.push(((2 * o.maxSteps) / ms) * 1000);
  }
  return spread(rates);
}

/**
 * reduced/full steps per second at o.d: each round times two reduced seeds in turn (o.maxSteps
 * each) and then one full seed (o.maxSteps/100 steps); the median of the rounds' ratios and
 * their range.
 */
function interleavedRatio(o: RunOptions, rounds: number): { median: number; low: number; high: number } {
  const fullSteps = Math.max(1, Math.round(o.maxSteps / 100));
  const ratios: number[] = [];
  for (let i = -2; i < rounds; i++) {
    // rounds −2 and −1 warm both engines up and are not counted
    let t0 = performance.now();
    runChains([engineInput({ ...o, seed: 3000 + 2 * i }), engineInput({ ...o, seed: 3001 + 2 * i })]);
    const reduced = (2 * o.maxSteps) / (performance.now() - t0);
    t0 = performance.now();
    runSeed({ ...o, engine: 'full', maxSteps: fullSteps, seed: 3000 + i });
    const full = fullSteps / (performance.now() - t0);
    if (i >= 0) ratios.push(reduced / full);
  }
  return { median: median(ratios), low: Math.min(...ratios), high: Math.max(...ratios) };
}

/** The verifier's path: every task of a small He₃ online sweep through TaskRunner, timed as a whole. */
function sweepStepsPerSecond(): Spread {
  const config: SweepConfig = {
    target: 'He3(z)',
    student: null,
    algorithm: 'online',
    psi: null,
    a: '1',
    secondLayer: 'reset',
    parameters: [],
    noise: '0',
    ds: [256, 1024],
    alphas: [0],
    etaScale: 1,
    seeds: 6,
    gamma: { kind: 'auto', c: 0.5 },
    threshold: 0.5,
    maxSteps: 10_000_000,
    init: 'positive',
    engine: 'reduced',
    width: 1,
    seed: 1,
  };
  const plan = planSweep(config);
  const sweep = compileSweep(config);
  for (const t of plan.tasks.slice(0, 4)) runTask(sweep, t); // warm-up
  const rates: number[] = [];
  for (let rep = 0; rep < 3; rep++) {
    const t0 = performance.now();
    let steps = 0;
    let next = 0;
    new TaskRunner(
      sweep,
      () => (next < plan.tasks.length ? plan.tasks[next++]! : null),
      (r) => (steps += r.steps),
    ).run();
    rates.push((steps / (performance.now() - t0)) * 1000);
  }
  return spread(rates);
}

type Row = { name: string; ms: number; stepsPerSecond: number };

const CASES: { engine: 'reduced' | 'full'; d: number; width: number; steps: number }[] = [
  { engine: 'reduced', d: 64, width: 1, steps: 1_000_000 },
  { engine: 'reduced', d: 1024, width: 1, steps: 1_000_000 },
  { engine: 'reduced', d: 1_000_000, width: 1, steps: 1_000_000 },
  { engine: 'reduced', d: 64, width: 4, steps: 200_000 },
  { engine: 'full', d: 64, width: 1, steps: 100_000 },
  { engine: 'full', d: 1024, width: 1, steps: 10_000 },
];

/** Online SGD on the compiled He₃ at `--gamma auto`'s γ, τ = 2 (never reached): every run does maxSteps steps. */
export const online = (o: Pick<RunOptions, 'engine' | 'd' | 'width' | 'maxSteps'>): RunOptions => ({
  algorithm: { kind: 'online' },
  target: he3,
  student: he3,
  studentDerivative: dhe3,
  noise: 0,
  gamma: autoGamma(o.d),
  threshold: 2,
  init: 'positive',
  seed: 1,
  ...o,
});

/** One row, measured in this process (benchSgd runs each in a fresh one). */
function measure(which: string): Row {
  if (which === 'sweep') {
    const { median: mid, min, max } = sweepStepsPerSecond();
    return {
      name: `sgd verifier path (TaskRunner, He3 online sweep, d = 256, 1024, one thread): ${(mid / 1e6).toFixed(3)}·10⁶ steps/s (runs ${(min / 1e6).toPrecision(3)}–${(max / 1e6).toPrecision(3)}·10⁶)`,
      ms: 1e9 / mid,
      stepsPerSecond: mid,
    };
  }
  const pair = online({ engine: 'reduced', d: 1024, width: 1, maxSteps: 1_000_000 });
  if (which === 'pair') {
    const { median: mid, min, max } = pairStepsPerSecond(pair, 7);
    return {
      name: `sgd reduced engine, width 1, d = 1024, two seeds in turn: ${(mid / 1e6).toFixed(3)}·10⁶ online steps/s (runs ${(min / 1e6).toPrecision(3)}–${(max / 1e6).toPrecision(3)}·10⁶)`,
      ms: 1e9 / mid,
      stepsPerSecond: mid,
    };
  }
  if (which === 'ratio') {
    const r = interleavedRatio(pair, 7);
    return {
      name: `sgd reduced/full throughput at d = 1024: ${r.median.toFixed(0)}× (rounds ${r.low.toFixed(0)}–${r.high.toFixed(0)}×; two reduced seeds in turn, as the verifier runs, against one full seed, timed back to back so the machine's speed cancels; median of 7)`,
      ms: NaN,
      stepsPerSecond: r.median,
    };
  }
  const { engine, d, width, steps } = CASES[Number(which)]!;
  const { median: mid, min, max } = stepsPerSecond(online({ engine, d, width, maxSteps: steps }), 3, 7);
  return {
    name: `sgd ${engine} engine, width ${width}, d = ${d}, one seed: ${(mid / 1e6).toFixed(3)}·10⁶ online steps/s (runs ${(min / 1e6).toPrecision(3)}–${(max / 1e6).toPrecision(3)}·10⁶)`,
    ms: 1e9 / mid,
    stepsPerSecond: mid,
  };
}

/**
 * Rows: name, median wall time per 10⁶ steps (ms), steps per second (median; the range is in the
 * name). Each row is measured in a fresh process, as `sindex verify` runs: a chain whose call
 * sites have seen several links (here the sweep's compiled He₃ and the literal one) is about
 * 25 % slower.
 */
export function benchSgd(): Row[] {
  const which = ['sweep', ...CASES.map((_, i) => String(i)), 'pair', 'ratio'];
  return which.map((w) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), w], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`benchSgd ${w}: ${r.stderr}`);
    const row = JSON.parse(r.stdout.trim().split('\n').pop()!) as Omit<Row, 'ms'> & { ms: number | null };
    return { ...row, ms: row.ms ?? NaN }; // JSON has no NaN
  });
}

/** The widths of the width section. */
const WIDTHS = [1, 2, 5, 16, 32];
/** Neuron-steps (width × steps) per timed run of the width section. */
const NEURON_STEPS = 2_000_000;

/**
 * Neuron-steps per second of one thread (width × steps / CPU seconds of this process: the machine
 * may be shared, and CPU time is what a thread gets) for each width of WIDTHS: one seed of the
 * reduced engine at d = 1024, online SGD on the compiled He₃ at 40× `--gamma auto`'s γ, τ = 2
 * (never reached), with the engine of the source tree `root` (this one, or an old checkout for a
 * paired before/after); per width the median of 5 runs after 2 warm-ups.
 */
async function widthRates(root: string): Promise<number[]> {
  const simulate = (await import(pathToFileURL(join(root, 'src/sgd/simulate.ts')).href)) as { runSeed: typeof runSeed };
  const d = 1024;
  return WIDTHS.map((width) => {
    const o = { ...online({ engine: 'reduced', d, width, maxSteps: Math.round(NEURON_STEPS / width) }), gamma: 40 * autoGamma(d) };
    for (let i = 0; i < 2; i++) simulate.runSeed({ ...o, seed: 500 + i });
    const rates: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = process.cpuUsage().user;
      const r = simulate.runSeed({ ...o, seed: 600 + i });
      const seconds = (process.cpuUsage().user - t0) / 1e6;
      if (r.steps !== o.maxSteps) throw new Error(`benchSgd: width ${width} stopped after ${r.steps} of ${o.maxSteps} steps`);
      rates.push((width * r.steps) / seconds);
    }
    return median(rates);
  });
}

/**
 * The width section: neuron-steps/s per thread for widths 1, 2, 5, 16, 32 (d = 1024, He₃ online),
 * `rounds` rounds, each measuring every width in a fresh process. With `oldRoot` (a checkout of an
 * earlier commit, e.g. `git worktree add /tmp/c-old HEAD`), each round measures the old tree and
 * this one back to back, and a row gives both medians over the rounds and the median of the
 * rounds' ratios (this/old).
 */
export function benchWidths(
  oldRoot: string | null,
  rounds = 5,
): { width: number; now: number; nowRange: [number, number]; old: number | null; ratio: number | null; ratioRange: [number, number] | null }[] {
  const here = fileURLToPath(new URL('..', import.meta.url));
  const one = (root: string): number[] => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), 'widths-in', root], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`benchSgd widths (${root}): ${r.stderr}`);
    return JSON.parse(r.stdout.trim().split('\n').pop()!) as number[];
  };
  const now: number[][] = [];
  const old: number[][] = [];
  for (let k = 0; k < rounds; k++) {
    if (oldRoot !== null) old.push(one(oldRoot));
    now.push(one(here));
  }
  return WIDTHS.map((width, w) => {
    const n = now.map((x) => x[w]!);
    const o = old.map((x) => x[w]!);
    const ratios = n.map((x, i) => x / o[i]!);
    return {
      width,
      now: median(n),
      nowRange: [Math.min(...n), Math.max(...n)],
      old: oldRoot === null ? null : median(o),
      ratio: oldRoot === null ? null : median(ratios),
      ratioRange: oldRoot === null ? null : [Math.min(...ratios), Math.max(...ratios)],
    };
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1] && process.argv[2] !== undefined) {
  const which = process.argv[2];
  if (which === 'widths-in') {
    // one round of the width section in this process: `widths-in ROOT`
    void widthRates(process.argv[3]!).then((rates) => process.stdout.write(`${JSON.stringify(rates)}\n`));
  } else if (which === 'widths') {
    // node --import tsx bench/sgd.ts widths [OLD_ROOT] [ROUNDS]
    const rows = benchWidths(process.argv[3] ?? null, Number(process.argv[4] ?? 5));
    for (const r of rows) {
      const e6 = (x: number) => (x / 1e6).toFixed(2);
      const old =
        r.old === null
          ? ''
          : `, before ${e6(r.old)}·10⁶, ratio ${r.ratio!.toFixed(2)}× (median over paired rounds; rounds ${r.ratioRange![0].toFixed(2)}–${r.ratioRange![1].toFixed(2)})`;
      process.stdout.write(
        `width ${String(r.width).padStart(2)}, d = 1024, He3 online: ${e6(r.now)}·10⁶ neuron-steps/s per thread (median; rounds ${e6(r.nowRange[0])}–${e6(r.nowRange[1])})${old}\n`,
      );
    }
  } else {
    process.stdout.write(`${JSON.stringify(measure(which))}\n`);
  }
}
