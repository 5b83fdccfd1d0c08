/**
 * `sindex verify`: run a sweep over α and d, stream one JSON line per finished seed, and
 * compare the fitted log–log slopes with the theory. `sindex merge` combines sweep files.
 */
import { excerpt } from '../src/limits.js';
import { allFlags, parseCommand, type ParsedArgs } from './commands.js';
import { OutOfRangeError } from '../src/errors.js';
import { planSweep, shardOf, type Plan, type SweepConfig, type Task } from '../src/verify/plan.js';
import { DRAW_SCHEME } from '../src/sgd/rng.js';
import {
  configDifferences,
  configProblem,
  drawScheme,
  formatProblem,
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
import { SIGN_SYMMETRIC_NOTE } from '../src/verify/signSymmetry.js';
import { summarize, type FitSummary, type RunSummary } from '../src/verify/summary.js';
import { odeColumn, withOdeSlopes } from '../src/verify/odePrediction.js';
import { THRESHOLD_ALGORITHMS } from '../src/thresholds/thresholds.js';
import { choiceFlag, integerFlag, noiseFlag, numberList, parameterFlags, positiveNumber, psiFlag, secondLayerWeightFlag } from './args.js';
import { EXIT_OK, type Io } from './io.js';
import { runPool, stoppable, type StopFlag } from './pool.js';
import { interruptHandling, openSweepOutput, progressReporter, readSweepFile, SweepWriter, sweepOutputs } from './sweepFiles.js';
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

/** Steps between checks for an interruption (and yields of the main thread), about 0.2 s. */
const SLICE_STEPS = 5_000_000;

/** Run tasks in this thread or on worker threads (cli/pool.ts), calling `done` per record. */
function runTasks(config: SweepConfig, tasks: readonly Task[], workers: number, done: (r: SeedRecord) => void, stop: StopFlag): Promise<void> {
  return runPool<Task, SeedRecord>({
    tasks,
    workers,
    stop,
    done,
    sliceSteps: SLICE_STEPS,
    inThread: (claim, finish) => new TaskRunner(compileSweep(config), claim, finish),
    worker: { module: 'verifyWorker', data: { config } },
  });
}

/** How much of the planned sweep the summary covers. */
interface Completion {
  readonly partial: boolean;
  readonly finished: number;
  readonly planned: number;
  /** why it is partial, e.g. 'finished (interrupted: rerun with --resume to continue)' */
  readonly note: string;
}

function formatSummary(
  runs: readonly RunSummary[],
  fits: readonly FitSummary[],
  stepsSimulated: number,
  wallSeconds: number,
  completion: Completion,
  signSymmetric: boolean,
): string {
  const lines: string[] = [];
  if (signSymmetric) lines.push(`  ${SIGN_SYMMETRIC_NOTE} (the law of a run is invariant under θ* → −θ*; median = median |m|)`, '');
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
  const { shard, workers, out, plot, text } = sweepOutputs(parsed); // every output path before any work
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
    upgradeNotes(gathered, 'verify', io);
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
  const writer = out === undefined ? null : openSweepOutput(out, { fresh, tornTail, header: headerLine(config, DRAW_SCHEME, shardLabel) });
  const records: SeedRecord[] = [...previous];
  const start = performance.now();
  const progress = progressReporter(tasks.length, io);
  const { stop, halt } = stoppable();
  const signals = interruptHandling(io, options.signal, halt);
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
    signals.dispose();
    writer?.close();
  }
  writer?.check();
  const wallSeconds = (performance.now() - start) / 1000;
  const completion: Completion = {
    partial: records.length < shardTasks.length,
    finished: records.length,
    planned: shardTasks.length,
    note: signals.interrupted() ? 'finished (interrupted: rerun with --resume to continue)' : 'finished',
  };
  const summary = summarize(records, plan.predictions, config.seed);
  const runs = switches.ode ? odeColumn(config, summary.runs, plan.drift) : summary.runs;
  const fits = switches.ode ? withOdeSlopes(summary.fits, runs) : summary.fits;
  const stepsSimulated = records.reduce((s, r) => s + r.steps, 0);
  io.out(
    switches.json
      ? `${JSON.stringify({ config, signSymmetric: plan.signSymmetric, predictions: plan.predictions, runs, fits, stepsSimulated, wallSeconds, ...completionJson(completion, fingerprint, gathered.skipped), shard: shardLabel }, null, 2)}\n`
      : formatSummary(runs, fits, stepsSimulated, wallSeconds, completion, plan.signSymmetric),
  );
  if (values.plot !== undefined && plot !== null) writeScalingPlot(values.plot, plot, runs, fits, config, completion); // --plot
  return signals.interrupted() ? 130 : EXIT_OK;
}

/** Say which files had records of an even link written before sign-symmetric stopping, and how they were read. */
function upgradeNotes(gathered: SweepRecords, command: string, io: Io): void {
  for (const [file, n] of gathered.upgraded) {
    io.err(
      `sindex: ${command}: ${file}: ${n} record${n === 1 ? ' was' : 's were'} written before sign-symmetric stopping (sweep format 1, runs on to m ≥ τ): read with the hit at |m| ≥ τ (hit = hitAbs, steps = hitAbs), which is what this sindex records for the same seed\n`,
    );
  }
}

/** The header of a file to resume, when it belongs to this command's sweep and shard; otherwise a user error saying why. */
function resumableHeader(file: string, header: Header | null, config: SweepConfig, fingerprint: string, shard: string | null): Header {
  if (!header) {
    throw new OutOfRangeError(
      `--resume: ${file} has no sweep header on its first line (was it removed?), so its records cannot be matched to this sweep: restore the header line, or start a new file`,
    );
  }
  const problem = formatProblem(header) ?? configProblem(header.config);
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
  // escape sweep files (src/escape/records.ts, loaded only for them: their header names sindexEscape)
  if (texts[0]!.includes('"sindexEscape"')) {
    const { parseEscapeFile } = await import('../src/escape/records.js');
    if (parseEscapeFile(texts[0]!).header) return (await import('./escape.js')).mergeEscapeFiles(positionals, texts, plot, parsed, io);
  }
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
    const problem = formatProblem(header) ?? configProblem(header.config);
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
  if (reference !== null) upgradeNotes(reference.gathered, 'merge', io);
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
      ? `${JSON.stringify({ config, signSymmetric: plan.signSymmetric, predictions: plan.predictions, runs: summary.runs, fits: summary.fits, stepsSimulated, ...completionJson(completion, fingerprint, skipped) }, null, 2)}\n`
      : formatSummary(summary.runs, summary.fits, stepsSimulated, 0, completion, plan.signSymmetric),
  );
  if (values.plot !== undefined && plot !== null) writeScalingPlot(values.plot, plot, summary.runs, summary.fits, config, completion); // --plot
  return EXIT_OK;
}
