/**
 * `sindex` command line. Commands validate flags at the boundary, call the engine, and
 * render its result; user errors become one message and exit code 2, never a stack trace.
 */
import { parseArgs } from 'node:util';
import { analyze, DEFAULT_MAX_DEGREE, DEFAULT_POWERS, MAX_MAX_DEGREE, MAX_POWERS } from '../src/analysis/analyze.js';
import { OutOfRangeError } from '../src/errors.js';
import { DEFAULT_GE_DEGREE, MAX_GE_DEGREE } from '../src/generative/generativeExponent.js';
import { choiceFlag, conventionFlag, integerFlag, noiseFlag, parameterFlags, positiveNumber, psiFlag, secondLayerWeightFlag, toleranceFlag } from './args.js';
import { DEFAULT_D, thresholds, THRESHOLD_ALGORITHMS } from '../src/thresholds/thresholds.js';
import { formatThresholds } from './format/thresholds.js';
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readCatalog } from '../src/table/catalog.js';
import { tableRow } from '../src/table/rows.js';
import { COLUMNS, renderTable, type Column, type TableFormat } from '../src/table/render.js';
import { formatAnalysis } from './format/analysis.js';
import { formatUserError } from './format/errors.js';
import { EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, processIo, type Io } from './io.js';

import { DEFAULT_LINK, VERSION } from './defaults.js';
// --plot (src/plot): begin
import { phaseDiagramPgfplots, phaseDiagramSvg } from '../src/plot/phaseDiagramPlot.js';
import { plotFormat } from '../src/plot/output.js';
import { checkOutputPath, writePlotFile } from './plotFile.js';
import { excerpt } from '../src/limits.js';
import { mergeCommand, verifyCommand } from './verify.js';
// --plot: end

export { DEFAULT_LINK, VERSION };

const USAGE = `sindex ${VERSION} — Hermite coefficients and exponents of Gaussian single-index models

usage:
  sindex analyze [EXPR] [--max-degree K] [--convention orthonormal|probabilists|raw|physicists]
                 [--noise DELTA] [--set NAME=VALUE]... [--powers P] [--tolerance T]
                 [--ge-degree K] [--ge-tolerance T] [--lambda] [--time-limit S] [--json]
  sindex thresholds --target EXPR [--student EXPR] --algo online|batch-reuse|alternating|custom
                 [--psi EXPR] [--a A] [--depth D] [--d D] [--noise DELTA] [--set NAME=VALUE]...
                 [--max-index I] [--order N] [--time-limit S] [--plot FILE.svg|FILE.tex [--force]] [--json]
  sindex verify --target EXPR [--student EXPR] --algo A [--psi EXPR] [--a A] [--second-layer reset|carry]
                 --d 64,128,… --alpha 0,0.5,… [--eta-scale c] [--seeds N] [--gamma auto[=c]|G]
                 [--threshold T] [--max-steps N] [--init positive|signed] [--engine reduced|full]
                 [--width N] [--noise DELTA] [--seed S] [--ode] [--out FILE] [--resume | --force]
                 [--shard i/n] [--workers K] [--plot FILE.svg|FILE.tex] [--json]
  sindex merge FILE.jsonl... [--out FILE] [--force] [--json]
  sindex table [FILE.yaml | --builtin] [--format latex|md|csv|json] [--columns link,terms,ie,ge,p2,online,batchReuse,alternating]
  sindex [--link EXPR]      the terminal UI (on a TTY; otherwise the built-in catalog table / the analysis)
  sindex help | --help | --version

EXPR is a link function of z in mathjs syntax (default: ${DEFAULT_LINK}), e.g.
  sindex analyze 'relu(z)'      sindex analyze 'tanh(a*z)' --set a=2      sindex analyze 'z^2' --noise 0.1
`;

export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (e) {
    const message = formatUserError(e);
    if (message !== null) {
      io.err(message);
      return EXIT_USAGE;
    }
    const parseArgsError = e as { code?: string; message?: string };
    if (typeof parseArgsError.code === 'string' && parseArgsError.code.startsWith('ERR_PARSE_ARGS')) {
      const hint = /Unknown option '-[^-]/.test(parseArgsError.message ?? '')
        ? "\n  an expression that starts with '-' goes after '--': sindex analyze -- '-z^2'"
        : '';
      io.err(`sindex: error: ${parseArgsError.message}${hint}\n  run 'sindex --help' for usage\n`);
      return EXIT_USAGE;
    }
    io.err(`sindex: internal error: ${(e as Error)?.message ?? String(e)}\n  (this is a bug in sindex; please report the command that caused it)\n`);
    if (process.env.SINDEX_DEBUG) io.err(`${(e as Error)?.stack ?? ''}\n`);
    return EXIT_INTERNAL;
  }
}

/**
 * Load the Ink UI on a real terminal. Ink renders only its last frame when `CI` or
 * `CONTINUOUS_INTEGRATION` is set (its `is-in-ci` check, read when ink is loaded), which leaves an
 * interactive terminal blank; stdin and stdout being TTYs means someone is at the keyboard, so the
 * flags are dropped before the UI chunk (and ink with it) is imported.
 */
async function startInteractiveUi(link: string): Promise<number> {
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
  return (await import('./ui/index.js')).startUi(link);
}

async function run(argv: readonly string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
      // the main job: the UI on a terminal, the built-in catalog table otherwise
      if (process.stdin.isTTY && process.stdout.isTTY && io === processIo) return startInteractiveUi(DEFAULT_LINK);
      return tableCommand(['--builtin', '--format', 'md'], io);
    case '--link': {
      const link = rest[0];
      if (link === undefined) throw new OutOfRangeError("--link needs an expression: sindex --link 'relu(z)'");
      if (process.stdin.isTTY && process.stdout.isTTY && io === processIo) return startInteractiveUi(link);
      return analyzeCommand([link, ...rest.slice(1)], io);
    }
    case 'help':
    case '--help':
    case '-h':
      io.out(USAGE);
      return EXIT_OK;
    case '--version':
      io.out(`${VERSION}\n`);
      return EXIT_OK;
    case 'analyze':
      return analyzeCommand(rest, io);
    case 'thresholds':
      return thresholdsCommand(rest, io);
    case 'verify':
      return verifyCommand(rest, io);
    case 'table':
      return tableCommand(rest, io);
    case 'merge':
      return mergeCommand(rest, io);
    default:
      throw new OutOfRangeError(`unknown command '${command}' (commands: analyze, thresholds, verify, merge, table, help)`);
  }
}

function analyzeCommand(argv: readonly string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      'max-degree': { type: 'string' },
      convention: { type: 'string' },
      noise: { type: 'string' },
      set: { type: 'string', multiple: true },
      powers: { type: 'string' },
      tolerance: { type: 'string' },
      'ge-degree': { type: 'string' },
      'ge-tolerance': { type: 'string' },
      lambda: { type: 'boolean' },
      'time-limit': { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  if (positionals.length > 1) {
    throw new OutOfRangeError(`analyze takes one expression, got ${positionals.length}; quote it: sindex analyze '${excerpt(positionals.join(' '))}'`);
  }
  const result = analyze(positionals[0] ?? DEFAULT_LINK, {
    maxDegree: integerFlag('--max-degree', values['max-degree'], 1, MAX_MAX_DEGREE) ?? DEFAULT_MAX_DEGREE,
    convention: conventionFlag(values.convention),
    noise: noiseFlag(values.noise),
    parameters: parameterFlags(values.set),
    powers: integerFlag('--powers', values.powers, 1, MAX_POWERS) ?? DEFAULT_POWERS,
    relativeTolerance: toleranceFlag(values.tolerance),
    geDegree: integerFlag('--ge-degree', values['ge-degree'], 1, MAX_GE_DEGREE) ?? DEFAULT_GE_DEGREE,
    geTolerance: toleranceFlag(values['ge-tolerance'], '--ge-tolerance'),
    lambda: values.lambda ?? false,
    timeLimit: timeLimitFlag(values['time-limit'], DEFAULT_ANALYZE_TIME_LIMIT),
  });
  io.out(values.json ? `${JSON.stringify(result, null, 2)}\n` : formatAnalysis(result));
  return EXIT_OK;
}

/** A table file is read whole: at most this many bytes and rows. */
const MAX_TABLE_BYTES = 4_000_000;
const MAX_TABLE_ROWS = 2_000;

/** Default wall-time budgets (seconds) of the numeric work: what is exact stands, the rest says "not computed". */
const DEFAULT_ANALYZE_TIME_LIMIT = 10;
const DEFAULT_THRESHOLDS_TIME_LIMIT = 20;

function timeLimitFlag(value: string | undefined, fallback: number): number | undefined {
  if (value === 'none') return undefined;
  return positiveNumber('--time-limit', value, fallback, (x) => x > 0 && x <= 86_400, "a number of seconds in (0, 86400], or 'none'");
}

function thresholdsCommand(argv: readonly string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      target: { type: 'string' },
      student: { type: 'string' },
      algo: { type: 'string' },
      psi: { type: 'string' },
      a: { type: 'string' },
      depth: { type: 'string' },
      d: { type: 'string' },
      noise: { type: 'string' },
      set: { type: 'string', multiple: true },
      'max-index': { type: 'string' },
      order: { type: 'string' },
      'time-limit': { type: 'string' },
      json: { type: 'boolean' },
      force: { type: 'boolean' },
      plot: { type: 'string' }, // --plot FILE.svg|FILE.tex (src/plot)
    },
  });
  const plot = values.plot === undefined ? null : plotFormat(values.plot); // --plot: reject other extensions before computing
  if (values.plot !== undefined) checkOutputPath('--plot', values.plot, { overwrite: values.force ?? false });
  if (positionals.length > 0) throw new OutOfRangeError(`thresholds takes flags only; give the link with --target '${excerpt(positionals.join(' '))}'`);
  const algorithm = choiceFlag('--algo', values.algo, THRESHOLD_ALGORITHMS, 'online');
  const psi = psiFlag(algorithm, values.psi);
  const d = positiveNumber('--d', values.d, DEFAULT_D, (x) => x >= 2, 'a number ≥ 2');
  const a = secondLayerWeightFlag(values.a);
  const result = thresholds({
    target: values.target ?? DEFAULT_LINK,
    student: values.student,
    algorithm,
    psi,
    a,
    d,
    depth: integerFlag('--depth', values.depth, 1, 8),
    noise: noiseFlag(values.noise),
    parameters: parameterFlags(values.set),
    maxIndex: integerFlag('--max-index', values['max-index'], 1, 40),
    order: integerFlag('--order', values.order, 1, 12),
    timeLimit: timeLimitFlag(values['time-limit'], DEFAULT_THRESHOLDS_TIME_LIMIT),
  });
  io.out(values.json ? `${JSON.stringify(result, null, 2)}\n` : formatThresholds(result));
  // --plot: begin
  if (values.plot !== undefined) writePlotFile(values.plot, plot === 'tex' ? phaseDiagramPgfplots(result) : phaseDiagramSvg(result));
  // --plot: end
  return EXIT_OK;
}

function tableCommand(argv: readonly string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: { builtin: { type: 'boolean' }, format: { type: 'string' }, columns: { type: 'string' } },
  });
  if (positionals.length > 1) throw new OutOfRangeError('table takes one YAML file (or --builtin)');
  if (positionals.length === 1 && values.builtin) throw new OutOfRangeError('give a YAML file or --builtin, not both');
  const format = values.format ?? 'md';
  if (!['latex', 'md', 'csv', 'json'].includes(format)) throw new OutOfRangeError(`--format must be latex, md, csv or json, got '${format}'`);
  const columns = values.columns === undefined ? COLUMNS : values.columns.split(',').map((c) => c.trim());
  for (const c of columns) if (!(COLUMNS as readonly string[]).includes(c)) throw new OutOfRangeError(`--columns: unknown column '${c}' (columns: ${COLUMNS.join(', ')})`);
  const file = positionals[0] ?? fileURLToPath(new URL('../cases/links.yaml', import.meta.url));
  let text: string;
  try {
    const size = statSync(file).size;
    if (size > MAX_TABLE_BYTES) throw new OutOfRangeError(`table: ${file} is ${size} bytes; the limit is ${MAX_TABLE_BYTES} (split it into several tables)`);
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof OutOfRangeError) throw e;
    throw new OutOfRangeError(`table: cannot read ${file}: ${(e as Error).message}`);
  }
  // count the list items before parsing: a 200 000-row file is refused at once, not after minutes of YAML
  const items = text.match(/^\s*-\s/gm)?.length ?? 0;
  if (items > MAX_TABLE_ROWS) throw new OutOfRangeError(`table: about ${items} links in ${file}; the limit is ${MAX_TABLE_ROWS} rows per table (split the file)`);
  const entries = readCatalog(text, positionals[0] ?? 'cases/links.yaml');
  if (entries.length > MAX_TABLE_ROWS) throw new OutOfRangeError(`table: ${entries.length} links; the limit is ${MAX_TABLE_ROWS} rows per table (split the file)`);
  io.out(renderTable(entries.map((entry) => tableRow(entry, { timeLimit: DEFAULT_ANALYZE_TIME_LIMIT })), format as TableFormat, columns as Column[]));
  return EXIT_OK;
}
