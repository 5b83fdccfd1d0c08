/**
 * `sindex escape`: a width-p committee escaping the plateau of a hard target (arXiv 2305.18502,
 * docs/theory.md §7). Plans the (p, d, seed) tasks with the ODE and closed-form predictions,
 * runs the seeds on the committee simulator (workers, --out JSONL, --resume, --shard, progress),
 * and prints predictions beside the simulated exit times.
 */
import { OutOfRangeError } from '../src/errors.js';
import type { EscapeConfig } from '../src/escape/config.js';
import { escapeSweepConfig } from '../src/index.js';
import { planEscape, type EscapePlan } from '../src/escape/plan.js';
import {
  escapeFingerprint,
  escapeHeaderLine,
  escapeRecordLine,
  gatherEscapeRecords,
  parseEscapeFile,
  type EscapeRecord,
  type EscapeTask,
} from '../src/escape/records.js';
import { compileEscape, EscapeRunner, runSlice } from '../src/escape/runTask.js';
import { escapeReport, type EscapeReport } from '../src/escape/report.js';
import { summarizeEscape } from '../src/escape/summary.js';
import { escapePgfplots, escapeSvg } from '../src/plot/escapePlot.js';
import type { PlotFormat } from '../src/plot/output.js';
import { shardOf } from '../src/verify/plan.js';
import { shardText, skippedText } from '../src/verify/records.js';
import { escapeTable } from './format/escape.js';
import { parameterFlags, parseShard } from './args.js';
import { parseCommand, type ParsedArgs } from './commands.js';
import { EXIT_OK, type Io } from './io.js';
import { writePlotFile } from './plotFile.js';
import { runPool, stoppable } from './pool.js';
import { interruptHandling, openSweepOutput, progressReporter, SweepWriter, sweepOutputs } from './sweepFiles.js';

/** Flags → a validated escape configuration (the library's checks and messages, src/index.ts). */
export function escapeConfigFrom(parsed: ParsedArgs): EscapeConfig {
  const { values, switches, lists } = parsed;
  const set = Object.fromEntries([...parameterFlags(lists.set).entries()].map(([k, q]) => [k, q.toString()]));
  return escapeSweepConfig({
    target: values.target,
    activation: values.activation,
    width: values.width,
    d: values.d,
    gamma: values.gamma,
    riskDrop: values['risk-drop'],
    noise: values.noise,
    set,
    seeds: values.seeds,
    trainSecondLayer: switches['train-second-layer'],
    secondLayerRate: values['second-layer-rate'],
    threshold: values.threshold,
    maxSteps: values['max-steps'],
    engine: values.engine as EscapeConfig['engine'] | undefined,
    seed: values.seed,
  });
}

/** Samples of work between yields of the main thread (about 0.2 s). */
const SLICE_SAMPLES = 2_000_000;

/** For callers that run escape in-process (tests): an interruption without a process signal. */
export interface EscapeOptions {
  readonly signal?: AbortSignal;
}

export async function escapeWith(parsed: ParsedArgs, io: Io, options: EscapeOptions = {}): Promise<number> {
  const { positionals } = parsed;
  if (positionals.length) throw new OutOfRangeError('escape takes flags only; give the target with --target and the activation with --activation');
  const config = escapeConfigFrom(parsed);
  const { shard, workers, out, plot, resume, text } = sweepOutputs(parsed);
  const plan: EscapePlan = planEscape(config);
  const fp = escapeFingerprint(config);
  const shardLabel = shardText(shard);
  const shardTasks = shardOf(plan.tasks, shard);
  let previous: EscapeRecord[] = [];
  let fresh = true;
  let tornTail = false;
  if (resume && text.trim() !== '') {
    const file = parseEscapeFile(text);
    if (!file.header) throw new OutOfRangeError(`--resume: ${out} has no escape sweep header on its first line: start a new file`);
    if (file.header.fp !== fp) {
      throw new OutOfRangeError(`--resume: ${out} holds a different escape sweep (fingerprint ${file.header.fp}, this command's is ${fp})`);
    }
    if ((file.header.shard ?? null) !== shardLabel) {
      throw new OutOfRangeError(`--resume: ${out} was written by shard ${file.header.shard ?? '(none)'}, this command runs ${shardLabel ?? 'no --shard'}`);
    }
    const gathered = gatherEscapeRecords(out!, file, config, plan.tasks, shard);
    for (const s of gathered.skipped) io.err(`sindex: escape: ${skippedText(s)}\n`);
    previous = gathered.records;
    tornTail = !text.endsWith('\n');
    fresh = false;
  }
  const finishedKeys = new Set(previous.map((r) => r.key));
  const tasks = shardTasks.filter((t) => !finishedKeys.has(t.key));
  const writer = out === undefined ? null : openSweepOutput(out, { fresh, tornTail, header: escapeHeaderLine(config, shardLabel) });
  const records: EscapeRecord[] = [...previous];
  const start = performance.now();
  const progress = progressReporter(tasks.length, io);
  const { stop, halt } = stoppable();
  const signals = interruptHandling(io, options.signal, halt);
  let finished = 0;
  try {
    await runPool<EscapeTask, EscapeRecord>({
      tasks,
      workers,
      stop,
      sliceSteps: SLICE_SAMPLES,
      inThread: (claim, done) => {
        const runner = new EscapeRunner(compileEscape(config));
        return { run: (slice) => runSlice(runner, claim, done, slice) };
      },
      worker: { module: 'escapeWorker', data: { config } },
      done: (r) => {
        records.push(r);
        if (writer !== null && !writer.write(escapeRecordLine(r, fp, shardLabel))) halt();
        progress(++finished);
      },
    });
  } finally {
    signals.dispose();
    writer?.close();
  }
  writer?.check();
  const wallSeconds = (performance.now() - start) / 1000;
  const runs = summarizeEscape(records, config.seed);
  const report: EscapeReport = escapeReport(config, plan, runs, {
    finished: records.length,
    planned: shardTasks.length,
    interrupted: signals.interrupted(),
    shard: shardLabel,
    fingerprint: fp,
    wallSeconds,
  });
  printReport(report, plot, parsed, io);
  return signals.interrupted() ? 130 : EXIT_OK;
}

/** The report as text or --json, and its --plot file in `plot`'s format (the path and format were checked before the run). */
function printReport(report: EscapeReport, plot: PlotFormat | null, parsed: ParsedArgs, io: Io): void {
  const { values, switches } = parsed;
  io.out(switches.json ? `${JSON.stringify(report, null, 2)}\n` : escapeTable(report));
  if (plot !== null) writePlotFile(values.plot!, plot === 'tex' ? escapePgfplots(report) : escapeSvg(report));
}

/** `sindex escape FLAGS…` from its command line (tests run it in-process). */
export async function escapeCommand(argv: readonly string[], io: Io, options: EscapeOptions = {}): Promise<number> {
  return escapeWith(parseCommand('escape', argv, io), io, options);
}

/**
 * `sindex merge` for escape sweep files (shards, resumed runs): keep every line of the first
 * file's sweep that is in its plan and not a duplicate, refuse files of another sweep, write the
 * merged file with --out and print the report.
 */
export function mergeEscapeFiles(files: readonly string[], texts: readonly string[], plot: PlotFormat | null, parsed: ParsedArgs, io: Io): number {
  const { values } = parsed; // mergeWith has checked --out and --plot (and read --plot's format: plot)
  const first = parseEscapeFile(texts[0]!).header!;
  const config = first.config;
  const fp = escapeFingerprint(config);
  const plan = planEscape(config);
  const byKey = new Map<string, EscapeRecord>();
  for (const [i, file] of files.entries()) {
    const f = parseEscapeFile(texts[i]!);
    if (!f.header || f.header.fp !== fp) {
      io.err(
        `sindex: merge: ${file}: ${f.header ? `a different escape sweep (fingerprint ${f.header.fp}, ${files[0]}'s is ${fp})` : 'no escape sweep header'}: the whole file is skipped\n`,
      );
      continue;
    }
    const shard = f.header.shard === null ? null : parseShard(f.header.shard);
    const gathered = gatherEscapeRecords(file, f, config, plan.tasks, shard);
    for (const s of gathered.skipped) io.err(`sindex: merge: ${skippedText(s)}\n`);
    for (const r of gathered.records) {
      if (byKey.has(r.key)) io.err(`sindex: merge: ${file}: (p = ${r.p}, d = ${r.d}, seed ${r.seedIndex}) repeats an earlier file's seed, skipped\n`);
      else byKey.set(r.key, r);
    }
  }
  const order = new Map(plan.tasks.map((t, j) => [t.key, j] as const));
  const records = [...byKey.values()].sort((a, b) => order.get(a.key)! - order.get(b.key)!);
  if (values.out !== undefined) {
    const writer = new SweepWriter(values.out, false);
    writer.write(escapeHeaderLine(config, null));
    for (const r of records) writer.write(escapeRecordLine(r, fp, null));
    writer.close();
    writer.check();
  }
  const report = escapeReport(config, plan, summarizeEscape(records, config.seed), {
    finished: records.length,
    planned: plan.tasks.length,
    interrupted: false,
    shard: null,
    fingerprint: fp,
    wallSeconds: 0,
  });
  printReport(report, plot, parsed, io);
  return EXIT_OK;
}
