/**
 * `sindex batch`: JSON lines in (a file, or standard input), one JSON line out per input line, in
 * order, as each finishes — so a notebook can pipe a thousand links through one process.
 *
 * An input line is an object with a `command` and the options of the library API (src/index.ts):
 *   {"command": "analyze", "link": "relu(z)", "maxDegree": 8}
 *   {"command": "thresholds", "target": "He3(z)", "algo": "online"}
 * and an optional `id`, echoed back. The output line is the result (as `--json` prints it) with
 * `line` (the input's line number), the `id` if given, and `provenance`; a line that fails is
 * `{"line": n, "error": {"kind", "message", "position", "hint", "field"}}` and the stream goes on.
 * Blank lines are skipped. Each line gets its own time limit: its `timeLimit`, else `--time-limit`,
 * else the command's default (analyze 10 s, thresholds 20 s).
 */
import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { OutOfRangeError, ParseError, isSindexError } from '../src/errors.js';
import { analyze, DEFAULT_LINK, thresholds, type AnalyzeOptions, type ThresholdsOptions } from '../src/index.js';
import { excerpt } from '../src/limits.js';
import { parseCommand } from './commands.js';
import { EXIT_OK, processIo, type Io } from './io.js';

/** The commands a batch line may run. */
export const BATCH_COMMANDS = ['analyze', 'thresholds'] as const;

/** Where a batch reads from instead of its file or standard input (tests, embedding). */
export interface BatchOptions {
  readonly input?: Readable;
}

export interface BatchError {
  /** The error's class: ParseError, DomainError, OutOfRangeError, BudgetExhausted, or InternalError (a bug). */
  readonly kind: string;
  readonly message: string;
  /** 0-based character position in the expression (ParseError) or in the line (invalid JSON); else null. */
  readonly position: number | null;
  /** A suggestion, e.g. the nearest known name of a misspelt function; else null. */
  readonly hint: string | null;
  /** The key of the line whose expression the position refers to ('link', 'target', 'student', 'psi'), or null. */
  readonly field: string | null;
}

const EXPRESSION_FIELDS = ['link', 'target', 'student', 'psi'] as const;

export async function batchCommand(argv: readonly string[], io: Io, options: BatchOptions = {}): Promise<number> {
  const { values, positionals } = parseCommand('batch', argv, io);
  if (positionals.length > 1) throw new OutOfRangeError(`batch reads one file of JSON lines (or standard input), got ${positionals.length} files`);
  const timeLimit = timeLimitFlag(values['time-limit'] as string | undefined);
  const file = positionals[0];
  let input: Readable;
  if (options.input) input = options.input;
  else if (file === undefined || file === '-') {
    input = process.stdin;
    if (process.stdin.isTTY && io === processIo) io.err('sindex: batch: reading JSON lines from standard input (one object per line; Ctrl-D ends)\n');
  } else {
    try {
      if (statSync(file).isDirectory()) throw new Error('it is a directory');
    } catch (e) {
      throw new OutOfRangeError(`batch: cannot read ${file}: ${(e as Error).message}`);
    }
    input = createReadStream(file, { encoding: 'utf8' });
  }
  const lines = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  try {
    for await (const text of lines) {
      n++;
      if (text.trim() === '') continue;
      io.out(`${JSON.stringify(batchLine(text, n, timeLimit))}\n`);
    }
  } catch (e) {
    throw new OutOfRangeError(`batch: cannot read ${file ?? 'standard input'} after line ${n}: ${(e as Error).message}`);
  } finally {
    lines.close();
  }
  return EXIT_OK;
}

/** `--time-limit S|none` of the batch: the default for lines without their own `timeLimit`. */
function timeLimitFlag(value: string | undefined): number | 'none' | undefined {
  if (value === undefined) return undefined;
  if (value === 'none') return 'none';
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x) || !(x > 0 && x <= 86_400)) {
    throw new OutOfRangeError(`--time-limit must be a number of seconds in (0, 86400], or 'none', got '${value}'`);
  }
  return x;
}

/**
 * One input line → one output object: the result with its line number and provenance, or the error.
 * @example batchLine('{"command":"analyze","link":"He4(z)"}', 1).informationExponent // 4
 */
export function batchLine(text: string, line: number, timeLimit?: number | 'none'): Record<string, unknown> {
  let request: unknown;
  try {
    request = JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const at = /position (\d+)/.exec(message);
    return errorLine(line, undefined, new ParseError(`line ${line} is not valid JSON: ${message}`, text, at ? Number(at[1]) : null));
  }
  const id = request !== null && typeof request === 'object' && !Array.isArray(request) ? (request as { id?: unknown }).id : undefined;
  try {
    return { line, ...(id === undefined ? {} : { id }), ...run(request, timeLimit) };
  } catch (e) {
    return errorLine(line, id, e, request);
  }
}

function run(request: unknown, timeLimit: number | 'none' | undefined): object {
  if (request === null || typeof request !== 'object' || Array.isArray(request)) {
    throw new OutOfRangeError(`a batch line is a JSON object such as {"command": "analyze", "link": "relu(z)"}, got ${excerpt(JSON.stringify(request))}`);
  }
  const { command, id: _id, ...options } = request as Record<string, unknown>;
  const withLimit = <T extends object>(o: T) => (timeLimit === undefined || 'timeLimit' in o ? o : { ...o, timeLimit });
  switch (command) {
    case 'analyze': {
      const { link, ...rest } = options;
      if (link !== undefined && typeof link !== 'string')
        throw new OutOfRangeError(`"link" needs an expression such as "relu(z)" (a string), got ${excerpt(JSON.stringify(link))}`);
      return analyze(link ?? DEFAULT_LINK, withLimit(rest) as AnalyzeOptions);
    }
    case 'thresholds':
      return thresholds(withLimit(options) as ThresholdsOptions);
    case undefined:
      throw new OutOfRangeError(`the line has no "command" (commands: ${BATCH_COMMANDS.join(', ')})`);
    default:
      throw new OutOfRangeError(`unknown command ${excerpt(JSON.stringify(command))} (commands: ${BATCH_COMMANDS.join(', ')})`);
  }
}

function errorLine(line: number, id: unknown, e: unknown, request?: unknown): Record<string, unknown> {
  let error: BatchError;
  if (isSindexError(e)) {
    const parse = e instanceof ParseError ? e : null;
    error = { kind: e.name, message: e.message, position: parse?.position ?? null, hint: parse?.hint ?? null, field: parse ? fieldOf(parse, request) : null };
  } else {
    const message = (e as Error)?.message ?? String(e);
    error = {
      kind: 'InternalError',
      message: `internal error: ${message} (this is a bug in sindex; please report the line that caused it)`,
      position: null,
      hint: null,
      field: null,
    };
  }
  return { line, ...(id === undefined ? {} : { id }), error };
}

/** Which key of the line held the expression a ParseError points into. */
function fieldOf(e: ParseError, request: unknown): string | null {
  if (request === null || typeof request !== 'object') return null;
  const r = request as Record<string, unknown>;
  return EXPRESSION_FIELDS.find((k) => r[k] === e.source) ?? null;
}
