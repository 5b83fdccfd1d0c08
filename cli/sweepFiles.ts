/** Sweep files and progress for the commands that run seeds (verify, merge, escape). */
import { closeSync, existsSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { OutOfRangeError } from '../src/errors.js';
import { integerFlag, parseShard } from './args.js';
import type { ParsedArgs } from './commands.js';
import { processIo, type Io } from './io.js';
import { checkOutputPath } from './plotFile.js';
import { plotFormat, type PlotFormat } from '../src/plot/output.js';

/** The flags every seed-running command shares (--shard, --workers, --out, --resume, --force, --plot), checked, and the text of the file to resume. */
export interface SweepOutputs {
  readonly shard: { readonly index: number; readonly count: number } | null;
  readonly workers: number;
  readonly out: string | undefined;
  /** --plot's format from its extension (null without --plot) */
  readonly plot: PlotFormat | null;
  readonly resume: boolean;
  /** the --out file with --resume ('' when missing), else '' */
  readonly text: string;
}

/** Check the sweep flags and every output path (--out, --plot) before any work; read the file to resume. */
export function sweepOutputs(parsed: ParsedArgs): SweepOutputs {
  const { values, switches } = parsed;
  const plot = values.plot === undefined ? null : plotFormat(values.plot); // another extension: refused before any work
  const shard = parseShard(values.shard);
  const workers = integerFlag('--workers', values.workers, 1, 256) ?? Math.max(1, availableParallelism());
  const force = switches.force ?? false;
  const resume = switches.resume ?? false;
  const out = values.out;
  if (resume && out === undefined) throw new OutOfRangeError('--resume needs --out FILE (the sweep file to continue)');
  if (resume && force) throw new OutOfRangeError('--resume continues the sweep in --out, --force overwrites it: give one of them');
  let text = '';
  if (out !== undefined) {
    if (resume) text = readSweepFile('--resume', out, true);
    checkOutputPath('--out', out, { overwrite: force || resume, hint: 'add --resume to continue the sweep in it, or --force to overwrite it' });
  }
  if (values.plot !== undefined) checkOutputPath('--plot', values.plot, { overwrite: force });
  return { shard, workers, out, plot, resume, text };
}

/** Read a sweep file; a missing one is empty when `missingIsEmpty`. File-system failures are user errors naming the path. */
export function readSweepFile(what: string, file: string, missingIsEmpty: boolean): string {
  try {
    if (missingIsEmpty && !existsSync(file)) return '';
    if (statSync(file).isDirectory()) throw new Error('it is a directory');
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new OutOfRangeError(`${what}: cannot read ${file}: ${(e as Error).message}`);
  }
}

/** Writes a sweep file line by line; a failed write is remembered (it cannot throw from a worker's message) and raised by `check`. */
export class SweepWriter {
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

/** A progress bar on a terminal (every 0.2 s), a line every 5 s otherwise (every call for an injected io). */
export function progressReporter(total: number, io: Io, unit = 'seeds'): (finished: number) => void {
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
    const line = `${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${finished}/${total} ${unit}, ${elapsed.toFixed(0)} s, ETA ${Number.isFinite(eta) ? `${eta.toFixed(0)} s` : '?'}`;
    if (tty) process.stderr.write(`\r${line}${finished === total ? '\n' : ''}`);
    else io.err(`${line}\n`);
  };
}

/**
 * Install Ctrl-C / SIGTERM / abort handling for a sweep: the first signal stops the claims and
 * prints what was kept. Returns the state and a function that removes the handlers.
 */
export function interruptHandling(io: Io, signal: AbortSignal | undefined, stopHook: () => void): { interrupted: () => boolean; dispose: () => void } {
  let interrupted = false;
  const onSignal = () => {
    if (interrupted) return;
    interrupted = true;
    stopHook();
    io.err('\nsindex: interrupted: every finished seed is in the output; rerun with --resume to continue\n');
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  signal?.addEventListener('abort', onSignal, { once: true });
  if (signal?.aborted) onSignal();
  return {
    interrupted: () => interrupted,
    dispose: () => {
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
      signal?.removeEventListener('abort', onSignal);
    },
  };
}

/**
 * The --out file of a sweep, ready for records: a fresh file gets its header; a resumed one is
 * appended to, its torn last line (if any) ended first so the next record starts clean.
 */
export function openSweepOutput(file: string, options: { readonly fresh: boolean; readonly tornTail: boolean; readonly header: string }): SweepWriter {
  const writer = new SweepWriter(file, !options.fresh);
  if (options.tornTail) writer.write('\n');
  if (options.fresh) writer.write(options.header);
  writer.check();
  return writer;
}
