/**
 * `sindex verify`: run a sweep over α and d, stream one JSON line per finished seed, and
 * compare the fitted log–log slopes with the theory. `sindex merge` combines sweep files.
 */
import { excerpt } from '../src/limits.js';
import { closeSync, existsSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { allFlags, parseCommand, type ParsedArgs } from './commands.js';
import { OutOfRangeError } from '../src/errors.js';
import { planSweep, shardOf, type Plan, type SweepConfig, type Task } from '../src/verify/plan.js';
import { DRAW_SCHEME } from '../src/sgd/rng.js';
import {
  configDifferences,
  configProblem,
  drawScheme,
  headerLine,
  headerShard,
  parseRecords,
  recordLine,
  shardName,
  shardText,
  skippedText,
  SweepRecords,
  sweepFingerprint,
  type Header,
  type SeedRecord,
  type SkippedLine,
} from '../src/verify/records.js';
import { compileSweep, TaskRunner } from '../src/verify/runTask.js';
import { summarize, type FitSummary, type RunSummary } from '../src/verify/summary.js';
import { odeColumn, withOdeSlopes } from '../src/verify/odePrediction.js';
import { THRESHOLD_ALGORITHMS } from '../src/thresholds/thresholds.js';
import { choiceFlag, integerFlag, noiseFlag, numberList, parameterFlags, parseShard, positiveNumber, psiFlag, secondLayerWeightFlag } from './args.js';
import { EXIT_OK, processIo, type Io } from './io.js';
import { DEFAULT_LINK } from './defaults.js';
import { SWEEP_DEFAULTS } from '../src/verify/defaults.js';
import { checkOutputPath, writePlotFile } from './plotFile.js';
// --plot (src/plot): begin
import { scalingPgfplots, scalingSvg } from '../src/plot/scalingPlot.js';
import { plotFormat, type PlotFormat } from '../src/plot/output.js';

/** Write a rendered --plot file; an unwritable path is a user error. */
function writeScalingPlot(
  file: string,
  format: PlotFormat,
  runs: readonly RunSummary[],
  fits: readonly FitSummary[],
  config: SweepConfig,
  partial: Completion,
): void {
  const note = partial.partial ? `partial: ${partial.finished} of ${partial.planned} seeds` : undefined;
  const subject = { target: config.target, student: config.student ?? undefined, algorithm: config.algorithm, note };
  writePlotFile(file, format === 'tex' ? scalingPgfplots({ runs, fits }, { subject }) : scalingSvg({ runs, fits }, { subject }));
}
// --plot: end

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
  if (auto) gamma = { kind: 'auto', c: positiveNumber('--gamma auto=c', auto[1], SWEEP_DEFAULTS.gammaC, (x) => x > 0, 'a positive number') };
  else gamma = { kind: 'fixed', value: positiveNumber('--gamma', gammaText, 0, (x) => x > 0, "a positive number or 'auto[=c]'") };
  const a = s('a') ?? SWEEP_DEFAULTS.a;
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
    ds: numberList('--d', s('d'), [...SWEEP_DEFAULTS.ds], (x) => Number.isInteger(x) && x >= 2, 'integers ≥ 2'),
    alphas: numberList('--alpha', s('alpha'), [...SWEEP_DEFAULTS.alphas], (x) => x >= 0, 'numbers ≥ 0'),
    etaScale: positiveNumber('--eta-scale', s('eta-scale'), SWEEP_DEFAULTS.etaScale, (x) => x > 0, 'a positive number'),
    seeds: integerFlag('--seeds', s('seeds'), 1, SWEEP_DEFAULTS.maxSeeds) ?? SWEEP_DEFAULTS.seeds,
    gamma,
    threshold: positiveNumber('--threshold', s('threshold'), SWEEP_DEFAULTS.threshold, (x) => x > 0 && x < 1, 'a number in (0, 1)'),
    maxSteps: integerFlag('--max-steps', s('max-steps'), 1, 1e12) ?? SWEEP_DEFAULTS.maxSteps,
    init,
    engine,
    width: integerFlag('--width', s('width'), 1, SWEEP_DEFAULTS.maxWidth) ?? SWEEP_DEFAULTS.width,
    seed: integerFlag('--seed', s('seed'), 0, 2 ** 32 - 1) ?? SWEEP_DEFAULTS.seed,
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
  if (stop.stopped) return; // interrupted before the pool started
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
  const tty = io === processIo && process.stderr.isTTY; // an injected io (tests) gets every line
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

/** How much of the planned sweep the summary covers. */
interface Completion {
  readonly partial: boolean;
  readonly finished: number;
  readonly planned: number;
  /** why it is partial, e.g. 'finished (interrupted: rerun with --resume to continue)' */
  readonly note: string;
}

function formatSummary(runs: readonly RunSummary[], fits: readonly FitSummary[], stepsSimulated: number, wallSeconds: number, completion: Completion): string {
  const lines: string[] = [];
  const partial = completion.partial ? ` (partial: ${completion.finished} of ${completion.planned} seeds)` : '';
  if (completion.partial) lines.push(`  partial sweep: ${completion.finished} of ${completion.planned} seeds ${completion.note}`, '');
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
    lines.push(`  α = ${f.alpha}: fitted slope ${slope} ${ci}, predicted ${f.predictedExact} (${f.regime}) → ${f.verdict}${partial}: ${f.reason}`);
  }
  lines.push('');
  lines.push(`  ${stepsSimulated} steps simulated in ${wallSeconds.toFixed(1)} s`);
  return `${lines.join('\n')}\n`;
}

/** The ODE's hitting time in whole steps, with its quadrature error when that reaches half a step. */
function odeText(steps: number | null, error: number | null): string {
  if (steps === null) return '—';
  return error !== null && error >= 0.5 ? `${Math.round(steps)} ± ${error.toPrecision(2)}` : String(Math.round(steps));
}

/** The JSON fields that say how complete the summary is and what was left out. */
function completionJson(c: Completion, fingerprint: string, skipped: readonly SkippedLine[]) {
  return { partial: c.partial, seedsFinished: c.finished, seedsPlanned: c.planned, fingerprint, skipped };
}

/** Read a sweep file; a missing one is empty when `missingIsEmpty`. File-system failures are user errors naming the path. */
function readSweepFile(what: string, file: string, missingIsEmpty: boolean): string {
  try {
    if (missingIsEmpty && !existsSync(file)) return '';
    if (statSync(file).isDirectory()) throw new Error('it is a directory');
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new OutOfRangeError(`${what}: cannot read ${file}: ${(e as Error).message}`);
  }
}

/** Writes a sweep file line by line; a failed write is remembered (it cannot throw from a worker's message) and raised by `check`. */
class SweepWriter {
  private fd: number | null;
  private error: Error | null = null;

  constructor(
    private readonly file: string,
    append: boolean,
  ) {
    try {
      this.fd = openSync(file, append ? 'a' : 'w');
    } catch (e) {
      throw new OutOfRangeError(`--out: cannot write ${file}: ${(e as Error).message}`);
    }
  }

  /** False once a write has failed. */
  write(text: string): boolean {
    if (this.fd === null || this.error) return false;
    try {
      writeSync(this.fd, text);
      return true;
    } catch (e) {
      this.error = e as Error;
      return false;
    }
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  /** Throws the first failed write as a user error naming the file (closing it). */
  check(): void {
    if (!this.error) return;
    this.close();
    throw new OutOfRangeError(`--out: cannot write ${this.file}: ${this.error.message}`);
  }
}

/** For callers that run verify in-process (tests): an interruption without a process signal. */
export interface VerifyOptions {
  /** Aborting it acts as Ctrl-C: the claims stop, the seeds in flight are abandoned, and the summary is partial. */
  readonly signal?: AbortSignal;
}

/** `sindex verify FLAGS…` from its command line (tests run it in-process). */
export async function verifyCommand(argv: readonly string[], io: Io, options: VerifyOptions = {}): Promise<number> {
  return verifyWith(parseCommand('verify', argv, io), io, options);
}

export async function verifyWith(parsed: ParsedArgs, io: Io, options: VerifyOptions = {}): Promise<number> {
  const { positionals } = parsed;
  const { values, switches } = parsed;
  if (positionals.length) throw new OutOfRangeError(`verify takes flags only; give the link with --target '${excerpt(positionals.join(' '))}'`);
  const config = sweepConfigFrom(allFlags(parsed));
  const plot = values.plot === undefined ? null : plotFormat(values.plot); // --plot: reject other extensions before the sweep
  const shard = parseShard(values.shard);
  const workers = integerFlag('--workers', values.workers, 1, 256) ?? Math.max(1, availableParallelism());
  const force = switches.force ?? false;
  const out = values.out;
  if (switches.resume && out === undefined) throw new OutOfRangeError('--resume needs --out FILE (the sweep file to continue)');
  if (switches.resume && force) throw new OutOfRangeError('--resume continues the sweep in --out, --force overwrites it: give one of them');
  // every output path before any work
  let text = '';
  if (out !== undefined) {
    if (switches.resume) text = readSweepFile('--resume', out, true);
    checkOutputPath('--out', out, {
      overwrite: force || (switches.resume ?? false),
      hint: 'add --resume to continue the sweep in it, or --force to overwrite it',
    });
  }
  if (values.plot !== undefined) checkOutputPath('--plot', values.plot, { overwrite: force });
  const plan = planSweep(config);
  const fingerprint = sweepFingerprint(config);
  const shardLabel = shardText(shard);
  const gathered = new SweepRecords(config, plan.tasks);
  let fresh = true;
  let tornTail = false;
  if (switches.resume && text.trim() !== '') {
    const parsed = parseRecords(text);
    const header = resumableHeader(out!, parsed.header, config, fingerprint, shardLabel);
    const stamped = header.fp !== undefined;
    if (!stamped) {
      io.err(
        `sindex: verify: ${out} was written by an earlier sindex, without sweep fingerprints: its records are checked against this sweep's plan and shard and for duplicates, but a line from another sweep, or a file of another shard, cannot be recognised\n`,
      );
    }
    if (drawScheme(header) !== DRAW_SCHEME && parsed.records.length > 0) {
      io.err(
        `sindex: ${out} was started by draw scheme ${drawScheme(header)}, this build uses ${DRAW_SCHEME}: its finished seeds are kept (their law is the same), but the sweep will not match a fresh run byte for byte\n`,
      );
    }
    gathered.addFile(out!, parsed, { shard, stamped });
    for (const s of gathered.skipped) io.err(`sindex: verify: ${skippedText(s)}\n`);
    if (gathered.skipped.length) {
      io.err(
        `sindex: verify: ${gathered.skipped.length} line${gathered.skipped.length === 1 ? '' : 's'} of ${out} skipped (they stay in the file and are skipped again on the next resume); ${gathered.size} finished seed${gathered.size === 1 ? '' : 's'} kept\n`,
      );
    }
    tornTail = !text.endsWith('\n');
    fresh = false;
  }
  const previous = gathered.records;
  const finishedKeys = new Set(previous.map((r) => r.key));
  const shardTasks = shardOf(plan.tasks, shard);
  const tasks = shardTasks.filter((t) => !finishedKeys.has(t.key));
  let writer: SweepWriter | null = null;
  if (out !== undefined) {
    writer = new SweepWriter(out, !fresh);
    if (tornTail) writer.write('\n'); // end the torn line so the next record starts clean
    if (fresh) writer.write(headerLine(config, DRAW_SCHEME, shardLabel));
    writer.check();
  }
  const records: SeedRecord[] = [...previous];
  const start = performance.now();
  const progress = progressReporter(tasks.length, io);
  const stop: StopFlag = { stopped: false };
  let interrupted = false;
  const halt = () => {
    if (stop.stopped) return;
    stop.stopped = true;
    stop.onStop?.();
  };
  const onSignal = () => {
    if (interrupted) return;
    interrupted = true;
    halt();
    io.err('\nsindex: interrupted: every finished seed is in the output; rerun with --resume to continue\n');
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  options.signal?.addEventListener('abort', onSignal, { once: true });
  if (options.signal?.aborted) onSignal();
  let finished = 0;
  try {
    await runTasks(
      config,
      tasks,
      workers,
      (r) => {
        records.push(r);
        if (writer !== null && !writer.write(recordLine(r, fingerprint, shardLabel))) halt();
        progress(++finished);
      },
      stop,
    );
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    options.signal?.removeEventListener('abort', onSignal);
    writer?.close();
  }
  writer?.check();
  const wallSeconds = (performance.now() - start) / 1000;
  const completion: Completion = {
    partial: records.length < shardTasks.length,
    finished: records.length,
    planned: shardTasks.length,
    note: interrupted ? 'finished (interrupted: rerun with --resume to continue)' : 'finished',
  };
  const summary = summarize(records, plan.predictions, config.seed);
  const runs = switches.ode ? odeColumn(config, summary.runs, plan.drift) : summary.runs;
  const fits = switches.ode ? withOdeSlopes(summary.fits, runs) : summary.fits;
  const stepsSimulated = records.reduce((s, r) => s + r.steps, 0);
  io.out(
    switches.json
      ? `${JSON.stringify({ config, predictions: plan.predictions, runs, fits, stepsSimulated, wallSeconds, ...completionJson(completion, fingerprint, gathered.skipped), shard: shardLabel }, null, 2)}\n`
      : formatSummary(runs, fits, stepsSimulated, wallSeconds, completion),
  );
  if (values.plot !== undefined && plot !== null) writeScalingPlot(values.plot, plot, runs, fits, config, completion); // --plot
  return interrupted ? 130 : EXIT_OK;
}

/** The header of a file to resume, when it belongs to this command's sweep and shard; otherwise a user error saying why. */
function resumableHeader(file: string, header: Header | null, config: SweepConfig, fingerprint: string, shard: string | null): Header {
  if (!header) {
    throw new OutOfRangeError(
      `--resume: ${file} has no sweep header on its first line (was it removed?), so its records cannot be matched to this sweep: restore the header line, or start a new file`,
    );
  }
  const problem = configProblem(header.config);
  if (problem) throw new OutOfRangeError(`--resume: ${file}: ${problem}`);
  const differences = configDifferences(header.config, config);
  if (differences.length) {
    throw new OutOfRangeError(`--resume: ${file} holds a different sweep (its configuration differs from this command's: ${differences.join('; ')})`);
  }
  if (header.fp === undefined) return header;
  if (header.fp !== fingerprint) {
    throw new OutOfRangeError(
      `--resume: ${file}: its header's fingerprint ${header.fp} does not match its configuration (${fingerprint}): edited by hand, or written by another version of sindex`,
    );
  }
  const fileShard = header.shard ?? null;
  if (fileShard !== shard) {
    throw new OutOfRangeError(
      `--resume: ${file} was written by ${shardName(fileShard)}, this command runs ${shardName(shard)}: resume it with ${fileShard === null ? 'no --shard' : `--shard ${fileShard}`}`,
    );
  }
  return header;
}

/** `sindex merge FILE…` from its command line. */
export async function mergeCommand(argv: readonly string[], io: Io): Promise<number> {
  return mergeWith(parseCommand('merge', argv, io), io);
}

export async function mergeWith(parsed: ParsedArgs, io: Io): Promise<number> {
  const { positionals } = parsed;
  const { values, switches } = parsed;
  const plot = values.plot === undefined ? null : plotFormat(values.plot); // --plot
  if (positionals.length === 0) throw new OutOfRangeError('merge needs the sweep files: sindex merge a.jsonl b.jsonl [--out all.jsonl]');
  const force = switches.force ?? false;
  const texts = positionals.map((file) => readSweepFile('merge', file, false));
  // the output paths before any work (the inputs are read first, so --out may be one of them with --force)
  if (values.out !== undefined) checkOutputPath('--out', values.out, { overwrite: force });
  if (values.plot !== undefined) checkOutputPath('--plot', values.plot, { overwrite: force });
  let reference: { file: string; config: SweepConfig; fingerprint: string; plan: Plan; gathered: SweepRecords } | null = null;
  const skipped: SkippedLine[] = []; // in file order: whole files refused and the lines skipped
  const schemes = new Set<number>();
  const shards = new Set<string | null>();
  const legacy: string[] = [];
  for (const [i, file] of positionals.entries()) {
    const parsed = parseRecords(texts[i]!);
    const lines = parsed.lines.length + parsed.issues.length;
    const refuse = (reason: string) =>
      skipped.push({ file, line: null, reason: `${reason}: the whole file is skipped (${lines} line${lines === 1 ? '' : 's'} after the header)` });
    const header = parsed.header;
    if (!header) {
      skipped.push({
        file,
        line: null,
        reason: `no sweep header on its first line (not written by sindex verify --out, or its header was removed): the whole file is skipped (${lines} line${lines === 1 ? '' : 's'})`,
      });
      continue;
    }
    const problem = configProblem(header.config);
    if (problem) {
      refuse(problem);
      continue;
    }
    if (reference === null) {
      const plan = planSweep(header.config);
      reference = {
        file,
        config: header.config,
        fingerprint: sweepFingerprint(header.config),
        plan,
        gathered: new SweepRecords(header.config, plan.tasks, skipped),
      };
    } else {
      const differences = configDifferences(header.config, reference.config);
      if (differences.length) {
        refuse(`a different sweep than ${reference.file} (${differences.join('; ')})`);
        continue;
      }
    }
    const stamped = header.fp !== undefined;
    if (stamped && header.fp !== reference.fingerprint) {
      refuse(
        `its header's fingerprint ${header.fp} does not match its configuration (${reference.fingerprint}): edited by hand, or written by another version of sindex`,
      );
      continue;
    }
    if (!stamped) legacy.push(file);
    schemes.add(drawScheme(header));
    shards.add(stamped ? (header.shard ?? null) : null);
    reference.gathered.addFile(file, parsed, { shard: stamped ? headerShard(header) : null, stamped });
  }
  for (const s of skipped) io.err(`sindex: merge: ${skippedText(s)}\n`);
  if (skipped.length && reference !== null) {
    const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
    const files = skipped.filter((x) => x.line === null).length;
    const parts = [skipped.length > files ? count(skipped.length - files, 'line') : '', files ? count(files, 'whole file') : ''].filter(Boolean);
    io.err(`sindex: merge: skipped ${parts.join(' and ')}; ${count(reference.gathered.size, 'seed')} kept\n`);
  }
  if (reference === null) throw new OutOfRangeError(`merge: none of ${positionals.join(', ')} is a sweep file with a header`);
  const { config, fingerprint, plan } = reference;
  const records = reference.gathered.records.sort((a, b) => a.alpha - b.alpha || a.d - b.d || a.seedIndex - b.seedIndex);
  if (legacy.length) {
    io.err(
      `sindex: merge: ${legacy.join(', ')} ${legacy.length === 1 ? 'was' : 'were'} written by an earlier sindex, without sweep fingerprints: ${legacy.length === 1 ? 'its' : 'their'} records are checked against the sweep's plan and for duplicates, but a line from another sweep cannot be recognised\n`,
    );
  }
  if (schemes.size > 1) {
    io.err(
      `sindex: merge: the files come from draw schemes ${[...schemes].sort().join(' and ')}: the seeds' results have the same law, but the merged sweep matches no single fresh run byte for byte\n`,
    );
  }
  if (values.out !== undefined) {
    // one shard when every file is that shard, else the merged file is (part of) the whole sweep
    const merged = shards.size === 1 ? [...shards][0]! : null;
    const writer = new SweepWriter(values.out, false);
    writer.write(headerLine(config, Math.min(...schemes), merged));
    for (const r of records) writer.write(recordLine(r, fingerprint, merged));
    writer.close();
    writer.check();
  }
  const completion: Completion = { partial: records.length < plan.tasks.length, finished: records.length, planned: plan.tasks.length, note: 'in these files' };
  const summary = summarize(records, plan.predictions, config.seed);
  const stepsSimulated = records.reduce((s, r) => s + r.steps, 0);
  io.out(
    switches.json
      ? `${JSON.stringify({ config, predictions: plan.predictions, runs: summary.runs, fits: summary.fits, stepsSimulated, ...completionJson(completion, fingerprint, skipped) }, null, 2)}\n`
      : formatSummary(summary.runs, summary.fits, stepsSimulated, 0, completion),
  );
  if (values.plot !== undefined && plot !== null) writeScalingPlot(values.plot, plot, summary.runs, summary.fits, config, completion); // --plot
  return EXIT_OK;
}
