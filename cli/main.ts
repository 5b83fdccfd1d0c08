/**
 * `sindex` command line. Commands validate flags at the boundary, call the engine, and
 * render its result; user errors become one message and exit code 2, never a stack trace.
 */
import { linkOf } from '../src/expr/link.js';
import { analyzeProvenance, thresholdsProvenance } from '../src/provenance.js';
import { analyze, type AnalyzeOptions, DEFAULT_MAX_DEGREE, DEFAULT_POWERS, MAX_MAX_DEGREE, MAX_POWERS } from '../src/analyze.js';
import { OutOfRangeError } from '../src/errors.js';
import { DEFAULT_GE_DEGREE, MAX_GE_DEGREE } from '../src/generative/generativeExponent.js';
import { choiceFlag, conventionFlag, integerFlag, noiseFlag, parameterFlags, positiveNumber, psiFlag, secondLayerWeightFlag, toleranceFlag } from './args.js';
import { DEFAULT_D, MAX_BATCH_ORDER, MAX_DEPTH, MAX_MAX_INDEX, thresholds, THRESHOLD_ALGORITHMS, type ThresholdOptions } from '../src/thresholds/thresholds.js';
import { formatThresholds } from './format/thresholds.js';
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readCatalog } from '../src/table/catalog.js';
import { tableRow } from '../src/table/rows.js';
import { COLUMNS, renderTable, type Column, type TableFormat } from '../src/table/render.js';
import { formatAnalysis } from './format/analysis.js';
import { formatUserError } from './format/errors.js';
// the symbolic, multi-index, escape and batch paths are loaded when used (start-up of the common path);
// up front only the tests that route to them (and the scan, which reuses analyze)
import { freeParametersOf, hasFreeParameters } from '../src/symbolic/freeParameters.js';
import { scanParameter, splitScanFlags } from '../src/symbolic/scan.js';
import { isMultiIndexSource } from '../src/expr/names.js';
import { EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, processIo, type Io } from './io.js';

import { DEFAULT_LINK, VERSION } from './defaults.js';
// --plot (src/plot): begin
import { phaseDiagramPgfplots, phaseDiagramSvg } from '../src/plot/phaseDiagramPlot.js';
import { plotFormat } from '../src/plot/output.js';
import { checkOutputPath, writePlotFile } from './plotFile.js';
import { excerpt } from '../src/limits.js';
import { mergeWith, verifyWith } from './verify.js';
import { CommandLineExit, DEFAULT_ANALYZE_TIME_LIMIT, DEFAULT_THRESHOLDS_TIME_LIMIT, parseCommand, parseCommandLine, type ParsedArgs } from './commands.js';
// --plot: end

export { DEFAULT_LINK, VERSION };

export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (e) {
    if (e instanceof CommandLineExit) return e.exitCode;
    const message = formatUserError(e);
    if (message !== null) {
      io.err(message);
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
  const [first, ...rest] = argv;
  if (first === undefined) {
    // the main job: the UI on a terminal, the built-in catalog table otherwise
    if (process.stdin.isTTY && process.stdout.isTTY && io === processIo) return startInteractiveUi(DEFAULT_LINK);
    return tableCommand({ values: { format: 'md' }, switches: { builtin: true }, lists: {}, positionals: [] }, io);
  }
  if (first === '--link') {
    const link = rest[0];
    if (link === undefined) throw new OutOfRangeError("--link needs an expression: sindex --link 'relu(z)'");
    if (process.stdin.isTTY && process.stdout.isTTY && io === processIo) return startInteractiveUi(link);
    return analyzeCommand(parseCommand('analyze', [...rest.slice(1), '--', link], io), io);
  }
  const { name, parsed } = parseCommandLine(argv, io);
  switch (name) {
    case 'analyze':
      return analyzeCommand(parsed, io);
    case 'thresholds':
      return thresholdsCommand(parsed, io);
    case 'verify':
      // a link in z1..zr (issue 16): the multi-index verifier, src/verify/multiIndexVerify.ts
      if (parsed.values.target !== undefined && isMultiIndexSource(parsed.values.target, parameterFlags(parsed.lists.set).keys()))
        return (await import('./verifyMultiIndex.js')).verifyMultiIndexWith(parsed, io);
      return verifyWith(parsed, io);
    case 'merge':
      return mergeWith(parsed, io);
    case 'escape':
      return (await import('./escape.js')).escapeWith(parsed, io);
    case 'table':
      return tableCommand(parsed, io);
    case 'batch':
      return (await import('./batch.js')).batchCommand(rest, io);
  }
}

async function analyzeCommand(parsed: ParsedArgs, io: Io): Promise<number> {
  const { values, switches, lists, positionals } = parsed;
  if (positionals.length > 1) {
    throw new OutOfRangeError(`analyze takes one expression, got ${positionals.length}; quote it: sindex analyze '${excerpt(positionals.join(' '))}'`);
  }
  const { grid, rest: fixed } = splitScanFlags(lists.set);
  const parameters = parameterFlags(fixed);
  const options: AnalyzeOptions = {
    maxDegree: integerFlag('--max-degree', values['max-degree'], 1, MAX_MAX_DEGREE) ?? DEFAULT_MAX_DEGREE,
    convention: conventionFlag(values.convention),
    noise: noiseFlag(values.noise),
    parameters,
    powers: integerFlag('--powers', values.powers, 1, MAX_POWERS) ?? DEFAULT_POWERS,
    relativeTolerance: toleranceFlag(values.tolerance),
    geDegree: integerFlag('--ge-degree', values['ge-degree'], 1, MAX_GE_DEGREE) ?? DEFAULT_GE_DEGREE,
    geTolerance: toleranceFlag(values['ge-tolerance'], '--ge-tolerance'),
    lambda: switches.lambda ?? false,
    timeLimit: timeLimitFlag(values['time-limit'], DEFAULT_ANALYZE_TIME_LIMIT),
  };
  const source = positionals[0] ?? DEFAULT_LINK;
  if (isMultiIndexSource(source, parameters.keys())) {
    // a link in z1..zr (issue 16): the multi-index analysis, src/multiIndex/
    if (grid !== null) throw new OutOfRangeError('--set a=lo:step:hi scans single-index links only; give each parameter one value for a link in z1..zr');
    if ((options.convention ?? 'orthonormal') !== 'orthonormal')
      throw new OutOfRangeError('--convention: the coefficients of a link in z1..zr are orthonormal only');
    const { analyzeMultiIndex } = await import('../src/multiIndex/analyzeMulti.js');
    const { formatMultiIndex } = await import('./format/multiIndex.js');
    const multi = analyzeMultiIndex(source, {
      maxDegree: values['max-degree'] === undefined ? undefined : options.maxDegree,
      noise: options.noise,
      parameters,
      relativeTolerance: options.relativeTolerance,
    });
    const provenance = analyzeProvenance(multi, { ...options, maxDegree: multi.maxDegree });
    io.out(switches.json ? `${JSON.stringify({ ...multi, provenance }, null, 2)}\n` : formatMultiIndex(multi));
    return EXIT_OK;
  }
  if (grid !== null) {
    // --set a=lo:step:hi (issue 15): the numeric analysis at each grid value
    const { formatScan } = await import('./format/symbolic.js');
    const scan = scanParameter(source, grid, options);
    const json = { mode: 'scan', ...scan, provenance: analyzeProvenance({ expression: source }, options) };
    io.out(switches.json ? `${JSON.stringify(json, null, 2)}\n` : formatScan(scan));
    return EXIT_OK;
  }
  if (hasFreeParameters(source, parameters)) {
    // free parameters (issue 15): the exact symbolic analysis, src/symbolic/
    const { analyzeSymbolic } = await import('../src/symbolic/analyzeSymbolic.js');
    const { formatSymbolic } = await import('./format/symbolic.js');
    const symbolic = analyzeSymbolic(source, options);
    const json = { mode: 'symbolic', ...symbolic, provenance: analyzeProvenance(symbolic, options) };
    io.out(switches.json ? `${JSON.stringify(json, null, 2)}\n` : formatSymbolic(symbolic));
    return EXIT_OK;
  }
  const result = analyze(linkOf(source, { parameters }), options);
  // the JSON carries the version, the input as parsed and every option, so it can be reproduced
  io.out(switches.json ? `${JSON.stringify({ ...result, provenance: analyzeProvenance(result, options) }, null, 2)}\n` : formatAnalysis(result));
  return EXIT_OK;
}

/** A table file is read whole: at most this many bytes and rows. */
const MAX_TABLE_BYTES = 4_000_000;
const MAX_TABLE_ROWS = 2_000;

function timeLimitFlag(value: string | undefined, fallback: number): number | undefined {
  if (value === 'none') return undefined;
  return positiveNumber('--time-limit', value, fallback, (x) => x > 0 && x <= 86_400, "a number of seconds in (0, 86400], or 'none'");
}

async function thresholdsCommand(parsed: ParsedArgs, io: Io): Promise<number> {
  const { values, switches, lists, positionals } = parsed;
  const plot = values.plot === undefined ? null : plotFormat(values.plot); // --plot: reject other extensions before computing
  if (values.plot !== undefined) checkOutputPath('--plot', values.plot, { overwrite: switches.force ?? false });
  if (positionals.length > 0) throw new OutOfRangeError(`thresholds takes flags only; give the link with --target '${excerpt(positionals.join(' '))}'`);
  const algorithm = choiceFlag('--algo', values.algo, THRESHOLD_ALGORITHMS, 'online');
  const psi = psiFlag(algorithm, values.psi);
  const d = positiveNumber('--d', values.d, DEFAULT_D, (x) => x >= 2, 'a number ≥ 2');
  const a = secondLayerWeightFlag(values.a);
  const parameters = parameterFlags(lists.set);
  const free = hasFreeParameters(values.target ?? DEFAULT_LINK, parameters) || (values.student !== undefined && hasFreeParameters(values.student, parameters));
  if (free) {
    // free parameters (issue 15): the case split of the target's label powers, src/symbolic/thresholdsCases.ts
    if (values.plot !== undefined) throw new OutOfRangeError('--plot needs every parameter set (--set NAME=VALUE): the phase diagram depends on them');
    const { symbolicThresholds } = await import('../src/symbolic/thresholdsCases.js');
    const { formatSymbolicThresholds } = await import('./format/symbolic.js');
    const symbolic = symbolicThresholds({
      target: values.target ?? DEFAULT_LINK,
      student: values.student,
      algorithm,
      parameters,
      noise: noiseFlag(values.noise),
      rest: {
        psi,
        a,
        d,
        depth: integerFlag('--depth', values.depth, 1, MAX_DEPTH),
        maxIndex: integerFlag('--max-index', values['max-index'], 1, MAX_MAX_INDEX),
        order: integerFlag('--order', values.order, 1, MAX_BATCH_ORDER),
        timeLimit: timeLimitFlag(values['time-limit'], DEFAULT_THRESHOLDS_TIME_LIMIT),
      },
    });
    io.out(switches.json ? `${JSON.stringify(symbolic, null, 2)}\n` : formatSymbolicThresholds(symbolic));
    return EXIT_OK;
  }
  const options: ThresholdOptions = {
    target: linkOf(values.target ?? DEFAULT_LINK, { parameters }),
    student: values.student === undefined ? undefined : linkOf(values.student, { parameters }),
    algorithm,
    psi,
    a,
    d,
    depth: integerFlag('--depth', values.depth, 1, MAX_DEPTH),
    noise: noiseFlag(values.noise),
    parameters,
    maxIndex: integerFlag('--max-index', values['max-index'], 1, MAX_MAX_INDEX),
    order: integerFlag('--order', values.order, 1, MAX_BATCH_ORDER),
    timeLimit: timeLimitFlag(values['time-limit'], DEFAULT_THRESHOLDS_TIME_LIMIT),
  };
  const result = thresholds(options);
  io.out(switches.json ? `${JSON.stringify({ ...result, provenance: thresholdsProvenance(result, options) }, null, 2)}\n` : formatThresholds(result));
  // --plot: begin
  if (values.plot !== undefined) writePlotFile(values.plot, plot === 'tex' ? phaseDiagramPgfplots(result) : phaseDiagramSvg(result));
  // --plot: end
  return EXIT_OK;
}

async function tableCommand(parsed: ParsedArgs, io: Io): Promise<number> {
  const { values, switches, positionals } = parsed;
  if (positionals.length > 1) throw new OutOfRangeError('table takes one YAML file (or --builtin)');
  if (positionals.length === 1 && switches.builtin) throw new OutOfRangeError('give a YAML file or --builtin, not both');
  const format = values.format ?? 'md';
  if (!['latex', 'md', 'csv', 'json'].includes(format)) throw new OutOfRangeError(`--format must be latex, md, csv or json, got '${format}'`);
  const columns = values.columns === undefined ? COLUMNS : values.columns.split(',').map((c) => c.trim());
  for (const c of columns)
    if (!(COLUMNS as readonly string[]).includes(c)) throw new OutOfRangeError(`--columns: unknown column '${c}' (columns: ${COLUMNS.join(', ')})`);
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
  if (items > MAX_TABLE_ROWS)
    throw new OutOfRangeError(`table: about ${items} links in ${file}; the limit is ${MAX_TABLE_ROWS} rows per table (split the file)`);
  const entries = readCatalog(text, positionals[0] ?? 'cases/links.yaml');
  if (entries.length > MAX_TABLE_ROWS)
    throw new OutOfRangeError(`table: ${entries.length} links; the limit is ${MAX_TABLE_ROWS} rows per table (split the file)`);
  // links with free parameters get one row per case, links in z1..z6 a multi-index row (src/table/symbolicRows.ts, loaded only then);
  // a multi-index tree's directions are symbols too, so any symbol sends the link there
  const free = entries.some((e) => freeParametersOf(e.link.expr).length > 0);
  const rowsOf = free
    ? (await import('../src/table/symbolicRows.js')).tableRowsOf
    : (e: (typeof entries)[number]) => [tableRow(e, { timeLimit: DEFAULT_ANALYZE_TIME_LIMIT })];
  io.out(
    renderTable(
      entries.flatMap((entry) => rowsOf(entry, { timeLimit: DEFAULT_ANALYZE_TIME_LIMIT })),
      format as TableFormat,
      columns as Column[],
    ),
  );
  return EXIT_OK;
}
