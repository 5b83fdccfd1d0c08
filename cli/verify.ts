/**
 * `sindex verify`: run a sweep over α and d, stream one JSON line per finished seed, and
 * compare the fitted log–log slopes with the theory. `sindex merge` combines sweep files.
 */
import { closeSync, existsSync, openSync, readFileSync, writeSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { parseArgs } from 'node:util';
import { OutOfRangeError } from '../src/errors.js';
import { planSweep, shardOf, type SweepConfig, type Task } from '../src/verify/plan.js';
import { DRAW_SCHEME } from '../src/sgd/rng.js';
import { drawScheme, headerLine, parseRecords, recordLine, sameSweep, type SeedRecord } from '../src/verify/records.js';
import { compileSweep, TaskRunner } from '../src/verify/runTask.js';
import { summarize, type FitSummary, type RunSummary } from '../src/verify/summary.js';
import { odeColumn, withOdeSlopes } from '../src/verify/odePrediction.js';
import { THRESHOLD_ALGORITHMS } from '../src/thresholds/thresholds.js';
import { choiceFlag, integerFlag, noiseFlag, numberList, parameterFlags, parseShard, positiveNumber, psiFlag, secondLayerWeightFlag } from './args.js';
import { EXIT_OK, type Io } from './io.js';
import { DEFAULT_LINK } from './defaults.js';
import { writePlotFile } from './plotFile.js';
// --plot (src/plot): begin
import { scalingPgfplots, scalingSvg } from '../src/plot/scalingPlot.js';
import { plotFormat, type PlotFormat } from '../src/plot/output.js';

/** Write a rendered --plot file; an unwritable path is a user error. */
function writeScalingPlot(file: string, format: PlotFormat, runs: readonly RunSummary[], fits: readonly FitSummary[], config: SweepConfig): void {
  const title = `target ${config.target}${config.student ? `, student ${config.student}` : ''}, algorithm ${config.algorithm}`;
  writePlotFile(file, format === 'tex' ? scalingPgfplots({ runs, fits }, { title }) : scalingSvg({ runs, fits }, { title }));
}
// --plot: end

const VERIFY_OPTIONS = {
  target: { type: 'string' },
  student: { type: 'string' },
  algo: { type: 'string' },
  psi: { type: 'string' },
  a: { type: 'string' },
  'second-layer': { type: 'string' },
  d: { type: 'string' },
  alpha: { type: 'string' },
  'eta-scale': { type: 'string' },
  seeds: { type: 'string' },
  gamma: { type: 'string' },
  threshold: { type: 'string' },
  'max-steps': { type: 'string' },
  init: { type: 'string' },
  engine: { type: 'string' },
  width: { type: 'string' },
  noise: { type: 'string' },
  set: { type: 'string', multiple: true },
  seed: { type: 'string' },
  ode: { type: 'boolean' },
  out: { type: 'string' },
  resume: { type: 'boolean' },
  shard: { type: 'string' },
  workers: { type: 'string' },
  json: { type: 'boolean' },
  plot: { type: 'string' }, // --plot FILE.svg|FILE.tex (src/plot)
} as const;

/** Flags → a validated sweep configuration. */
export function sweepConfigFrom(values: Record<string, string | boolean | string[] | undefined>): SweepConfig {
  const s = (k: string) => values[k] as string | undefined;
  const algorithm = choiceFlag('--algo', s('algo'), THRESHOLD_ALGORITHMS, 'online');
  const psi = psiFlag(algorithm, s('psi'));
  const secondLayer = choiceFlag('--second-layer', s('second-layer'), ['reset', 'carry'] as const);
  const init = choiceFlag('--init', s('init'), ['positive', 'signed'] as const);
  const engine = choiceFlag('--engine', s('engine'), ['reduced', 'full'] as const);
  const gammaText = s('gamma') ?? 'auto';
  const auto = /^auto(?:=(.+))?$/.exec(gammaText);
  let gamma: SweepConfig['gamma'];
  if (auto) gamma = { kind: 'auto', c: positiveNumber('--gamma auto=c', auto[1], 0.5, (x) => x > 0, 'a positive number') };
  else gamma = { kind: 'fixed', value: positiveNumber('--gamma', gammaText, 0, (x) => x > 0, "a positive number or 'auto[=c]'") };
  const a = s('a') ?? '1';
  secondLayerWeightFlag(a); // checks a; the configuration keeps its text
  const parameters = [...parameterFlags(values.set as string[] | undefined).entries()].map(([k, q]) => [k, q.toString()] as const);
  const noise = noiseFlag(s('noise'));
  return {
    target: s('target') ?? DEFAULT_LINK,
    student: s('student') ?? null,
    algorithm,
    psi: psi ?? null,
    a,
    secondLayer,
    parameters,
    noise: noise ? noise.toString() : '0',
    ds: numberList('--d', s('d'), [64, 128, 256, 512], (x) => Number.isInteger(x) && x >= 2, 'integers ≥ 2'),
    alphas: numberList('--alpha', s('alpha'), [0], (x) => x >= 0, 'numbers ≥ 0'),
    etaScale: positiveNumber('--eta-scale', s('eta-scale'), 1, (x) => x > 0, 'a positive number'),
    seeds: integerFlag('--seeds', s('seeds'), 1, 1_000_000) ?? 64,
    gamma,
    threshold: positiveNumber('--threshold', s('threshold'), 0.5, (x) => x > 0 && x < 1, 'a number in (0, 1)'),
    maxSteps: integerFlag('--max-steps', s('max-steps'), 1, 1e12) ?? 10_000_000,
    init,
    engine,
    width: integerFlag('--width', s('width'), 1, 64) ?? 1,
    seed: integerFlag('--seed', s('seed'), 0, 2 ** 32 - 1) ?? 1,
  };
}

/** Set by Ctrl-C / SIGTERM; `onStop` tells running workers. */
interface StopFlag {
  stopped: boolean;
  onStop?: () => void;
}

/** Steps between checks for an interruption (and yields of the main thread), about 0.2 s. */
const SLICE_STEPS = 5_000_000;

/**
 * Run tasks on a pool of worker threads (or in this thread when workers = 1), calling `done` per
 * record. Workers claim tasks from a shared counter (Atomics), so they stay busy to the end; an
 * interruption stops the claims and abandons the seeds in flight (--resume reruns them).
 */
async function runTasks(config: SweepConfig, tasks: readonly Task[], workers: number, done: (r: SeedRecord) => void, stop: StopFlag): Promise<void> {
  if (workers <= 1 || tasks.length <= 1) {
    const sweep = compileSweep(config);
    let next = 0;
    const runner = new TaskRunner(sweep, () => (stop.stopped || next >= tasks.length ? null : tasks[next++]!), done);
    while (!runner.run(SLICE_STEPS) && !stop.stopped) await new Promise((r) => setImmediate(r)); // let a SIGINT through
    return;
  }
  const bundled = new URL('./verifyWorker.js', import.meta.url);
  const source = new URL('./verifyWorker.ts', import.meta.url);
  const useSource = !existsSync(bundled) && existsSync(source);
  // [index of the next task to claim, stop flag]
  const shared = new SharedArrayBuffer(8);
  const flags = new Int32Array(shared);
  stop.onStop = () => Atomics.store(flags, 1, 1);
  const n = Math.min(workers, tasks.length);
  await new Promise<void>((resolve, reject) => {
    let ended = 0;
    const pool: Worker[] = [];
    for (let i = 0; i < n; i++) {
      const workerData = { config, tasks, shared, sliceSteps: SLICE_STEPS };
      // from source (tests, tsx): register tsx inside the worker, then load the TypeScript entry
      const w = useSource
        ? new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(source.href)}); });`, { eval: true, workerData })
        : new Worker(bundled, { workerData });
      pool.push(w);
      w.on('message', (r: SeedRecord | null) => {
        if (r !== null) {
          done(r);
          return;
        }
        if (++ended === n) {
          for (const x of pool) void x.terminate();
          resolve();
        }
      });
      w.on('error', (e) => {
        for (const x of pool) void x.terminate();
        reject(e);
      });
    }
  });
}

function progressReporter(total: number, io: Io): (finished: number) => void {
  const start = Date.now();
  let last = 0;
  const tty = process.stderr.isTTY;
  return (finished) => {
    const now = Date.now();
    if (finished < total && now - last < (tty ? 200 : 5000)) return;
    last = now;
    const elapsed = (now - start) / 1000;
    const eta = finished > 0 ? (elapsed / finished) * (total - finished) : NaN;
    const width = 30;
    const filled = Math.round((finished / Math.max(total, 1)) * width);
    const line = `${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${finished}/${total} seeds, ${elapsed.toFixed(0)} s, ETA ${Number.isFinite(eta) ? `${eta.toFixed(0)} s` : '?'}`;
    if (tty) process.stderr.write(`\r${line}${finished === total ? '\n' : ''}`);
    else io.err(`${line}\n`);
  };
}

function formatSummary(runs: readonly RunSummary[], fits: readonly FitSummary[], stepsSimulated: number, wallSeconds: number): string {
  const lines: string[] = [];
  lines.push('  α       d        η            γ            seeds  median (95% CI)                 reached  median |m| (95% CI)');
  for (const r of runs) {
    const round = (x: number | null) => (x === null ? null : Math.round(x));
    const ci = (c: readonly [number | null, number | null]) => `[${round(c[0]) ?? '—'}, ${round(c[1]) ?? '∞'}]`;
    const reached = `${Math.round(r.reachedFraction * r.seeds)}/${r.seeds}`;
    lines.push(
      `  ${String(r.alpha).padEnd(7)} ${String(r.d).padEnd(8)} ${r.eta.toExponential(2).padEnd(12)} ${r.gamma.toExponential(2).padEnd(12)} ${String(r.seeds).padEnd(6)} ${String(r.median ?? 'censored').padEnd(10)} ${ci(r.ci).padEnd(20)} ${reached.padStart(7)}  ${r.medianAbs ?? 'censored'} ${ci(r.ciAbs)}${r.ode !== undefined ? `   ODE ${odeText(r.ode, r.odeError ?? null)}` : ''}${r.diverged ? `   ${r.diverged} diverged (γ too large?)` : ''}`,
    );
  }
  lines.push('');
  for (const f of fits) {
    const slope = f.slope === null ? '—' : f.slope.toFixed(3);
    const ci = `[${f.ci[0]?.toFixed(3) ?? '—'}, ${f.ci[1]?.toFixed(3) ?? '—'}]`;
    lines.push(`  α = ${f.alpha}: fitted slope ${slope} ${ci}, predicted ${f.predictedExact} (${f.regime}) → ${f.verdict}: ${f.reason}`);
  }
  lines.push('');
  lines.push(`  ${stepsSimulated} steps simulated in ${wallSeconds.toFixed(1)} s`);
  return lines.join('\n') + '\n';
}

/** The ODE's hitting time in whole steps, with its quadrature error when that reaches half a step. */
function odeText(steps: number | null, error: number | null): string {
  if (steps === null) return '—';
  return error !== null && error >= 0.5 ? `${Math.round(steps)} ± ${error.toPrecision(2)}` : String(Math.round(steps));
}

export async function verifyCommand(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: VERIFY_OPTIONS });
  if (positionals.length) throw new OutOfRangeError(`verify takes flags only; give the link with --target '${positionals.join(' ')}'`);
  const config = sweepConfigFrom(values);
  const plot = values.plot === undefined ? null : plotFormat(values.plot); // --plot: reject other extensions before the sweep
  const shard = parseShard(values.shard);
  const workers = integerFlag('--workers', values.workers, 1, 256) ?? Math.max(1, availableParallelism());
  const plan = planSweep(config);
  let previous: SeedRecord[] = [];
  let tornTail = false;
  if (values.resume) {
    if (!values.out) throw new OutOfRangeError('--resume needs --out FILE (the sweep file to continue)');
    let text: string;
    try {
      text = existsSync(values.out) ? readFileSync(values.out, 'utf8') : '';
    } catch (e) {
      throw new OutOfRangeError(`--resume: cannot read ${values.out}: ${(e as Error).message}`);
    }
    const parsed = parseRecords(text);
    tornTail = text.length > 0 && !text.endsWith('\n');
    for (const p of parsed.problems) io.err(`sindex: ${values.out}: ${p}\n`);
    if (parsed.header && !sameSweep(parsed.header.config, config)) {
      throw new OutOfRangeError(`--resume: ${values.out} holds a different sweep (its configuration differs from this command's)`);
    }
    if (parsed.header && drawScheme(parsed.header) !== DRAW_SCHEME && parsed.records.length > 0) {
      io.err(
        `sindex: ${values.out} was started by draw scheme ${drawScheme(parsed.header)}, this build uses ${DRAW_SCHEME}: its finished seeds are kept (their law is the same), but the sweep will not match a fresh run byte for byte\n`,
      );
    }
    previous = parsed.records;
  }
  const finishedKeys = new Set(previous.map((r) => r.key));
  const tasks = shardOf(plan.tasks, shard).filter((t) => !finishedKeys.has(t.key));
  let fd: number | null = null;
  if (values.out) {
    fd = openSync(values.out, values.resume ? 'a' : 'w');
    if (tornTail) writeSync(fd, '\n'); // end the torn line so the next record starts clean
    if (!values.resume || previous.length === 0) writeSync(fd, headerLine(config));
  }
  const records = [...previous];
  const start = performance.now();
  const progress = progressReporter(tasks.length, io);
  const stop: StopFlag = { stopped: false };
  const onSignal = () => {
    stop.stopped = true;
    stop.onStop?.();
    io.err('\nsindex: interrupted: every finished seed is in the output; rerun with --resume to continue\n');
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let finished = 0;
  try {
    await runTasks(config, tasks, workers, (r) => {
      records.push(r);
      if (fd !== null) writeSync(fd, recordLine(r));
      progress(++finished);
    }, stop);
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    if (fd !== null) closeSync(fd);
  }
  const wallSeconds = (performance.now() - start) / 1000;
  const summary = summarize(records, plan.predictions, config.seed);
  const runs = values.ode ? odeColumn(config, summary.runs, plan.framework) : summary.runs;
  const fits = values.ode ? withOdeSlopes(summary.fits, runs) : summary.fits;
  const stepsSimulated = records.reduce((s, r) => s + r.steps, 0);
  io.out(values.json ? `${JSON.stringify({ config, predictions: plan.predictions, runs, fits, stepsSimulated, wallSeconds }, null, 2)}\n` : formatSummary(runs, fits, stepsSimulated, wallSeconds));
  if (values.plot !== undefined && plot !== null) writeScalingPlot(values.plot, plot, runs, fits, config); // --plot
  return stop.stopped ? 130 : EXIT_OK;
}

export async function mergeCommand(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: { out: { type: 'string' }, json: { type: 'boolean' }, plot: { type: 'string' } } });
  const plot = values.plot === undefined ? null : plotFormat(values.plot); // --plot
  if (positionals.length === 0) throw new OutOfRangeError('merge needs the sweep files: sindex merge a.jsonl b.jsonl [--out all.jsonl]');
  let config: SweepConfig | null = null;
  const byKey = new Map<string, SeedRecord>();
  const schemes = new Set<number>();
  for (const file of positionals) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new OutOfRangeError(`merge: cannot read ${file}: ${(e as Error).message}`);
    }
    const parsed = parseRecords(text);
    for (const p of parsed.problems) io.err(`sindex: ${file}: ${p}\n`);
    if (!parsed.header) throw new OutOfRangeError(`merge: ${file} has no sweep header (not written by sindex verify --out)`);
    if (config && !sameSweep(config, parsed.header.config)) throw new OutOfRangeError(`merge: ${file} belongs to a different sweep than ${positionals[0]}`);
    config ??= parsed.header.config;
    schemes.add(drawScheme(parsed.header));
    for (const r of parsed.records) byKey.set(r.key, r);
  }
  const records = [...byKey.values()].sort((a, b) => a.alpha - b.alpha || a.d - b.d || a.seedIndex - b.seedIndex);
  if (schemes.size > 1) {
    io.err(`sindex: merge: the files come from draw schemes ${[...schemes].sort().join(' and ')}: the seeds' results have the same law, but the merged sweep matches no single fresh run byte for byte\n`);
  }
  if (values.out) {
    const fd = openSync(values.out, 'w');
    writeSync(fd, headerLine(config!, Math.min(...schemes)));
    for (const r of records) writeSync(fd, recordLine(r));
    closeSync(fd);
  }
  const plan = planSweep(config!);
  const summary = summarize(records, plan.predictions, config!.seed);
  const stepsSimulated = records.reduce((s, r) => s + r.steps, 0);
  io.out(values.json ? `${JSON.stringify({ config, predictions: plan.predictions, runs: summary.runs, fits: summary.fits, stepsSimulated }, null, 2)}\n` : formatSummary(summary.runs, summary.fits, stepsSimulated, 0));
  if (values.plot !== undefined && plot !== null) writeScalingPlot(values.plot, plot, summary.runs, summary.fits, config!); // --plot
  return EXIT_OK;
}
