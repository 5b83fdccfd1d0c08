/**
 * The commands and their flags, written once: commander builds the parser, the help of each
 * command (flags, defaults, two examples) and the "did you mean" suggestions from this table.
 * Parsed values come back keyed by the flag's name (`'max-degree'`), as strings, booleans or
 * (repeatable flags) string lists; the commands validate them (cli/args.ts).
 */
import { Command, CommanderError, Option } from 'commander';
import { DEFAULT_MAX_DEGREE, DEFAULT_POWERS, MAX_MAX_DEGREE, MAX_POWERS } from '../src/analyze.js';
import { DEFAULT_GE_DEGREE, DEFAULT_LAMBDA_TOLERANCE, MAX_GE_DEGREE } from '../src/generative/generativeExponent.js';
import { DEFAULT_D, DEFAULT_MAX_INDEX, MAX_BATCH_ORDER, MAX_DEPTH, MAX_MAX_INDEX, THRESHOLD_ALGORITHMS } from '../src/thresholds/thresholds.js';
import { DEFAULT_BATCH_ORDER } from '../src/thresholds/oracle.js';
import { DEFAULT_RELATIVE_TOLERANCE } from '../src/analysis/hermiteCoefficients.js';
import { SWEEP_DEFAULTS } from '../src/verify/defaults.js';
import { ESCAPE_DEFAULTS } from '../src/escape/config.js';
import { DEFAULT_LINK, DEFAULT_TIME_LIMITS, VERSION } from './defaults.js';
import type { Io } from './io.js';

/** Default wall-time budgets (seconds) of the numeric work: what is exact stands, the rest says "not computed". */
export const DEFAULT_ANALYZE_TIME_LIMIT = DEFAULT_TIME_LIMITS.analyze;
export const DEFAULT_THRESHOLDS_TIME_LIMIT = DEFAULT_TIME_LIMITS.thresholds;

export interface FlagSpec {
  readonly name: string;
  /** The value's placeholder; absent for a switch. */
  readonly value?: string;
  readonly repeatable?: boolean;
  readonly help: string;
  readonly default?: string | number;
}

export interface CommandSpec {
  readonly name: 'analyze' | 'thresholds' | 'verify' | 'merge' | 'escape' | 'table' | 'batch';
  readonly summary: string;
  /** commander's argument syntax, e.g. `[expr...]`; absent when the command takes flags only. */
  readonly args?: { readonly syntax: string; readonly help: string };
  readonly flags: readonly FlagSpec[];
  readonly examples: readonly string[];
  readonly notes?: string;
}

const ALGORITHMS = THRESHOLD_ALGORITHMS.join('|');
const noise: FlagSpec = { name: 'noise', value: 'DELTA', help: 'label-noise variance Δ ≥ 0 (exact: 0.1 is 1/10)', default: 0 };
const set: FlagSpec = { name: 'set', value: 'NAME=VALUE', repeatable: true, help: "a parameter's exact value, e.g. --set a=2 --set b=1/3" };
const json: FlagSpec = { name: 'json', help: 'one JSON object instead of the table' };
const force: FlagSpec = { name: 'force', help: 'overwrite existing output files' };
const timeLimit = (seconds: number): FlagSpec => ({
  name: 'time-limit',
  value: 'S',
  help: "seconds of numeric work, or 'none'; exact and certified results stand, the rest is 'not computed' or 'undecided'",
  default: seconds,
});
const target: FlagSpec = { name: 'target', value: 'EXPR', help: 'the link σ* of the target', default: DEFAULT_LINK };
const student: FlagSpec = { name: 'student', value: 'EXPR', help: 'the student activation σ (default: the target)' };
const algo: FlagSpec = { name: 'algo', value: 'A', help: `the algorithm: ${THRESHOLD_ALGORITHMS.join(', ')}`, default: 'online' };
const psi: FlagSpec = { name: 'psi', value: 'EXPR', help: 'the oracle ψ(y, z) of --algo custom; may use y, z, eta, d' };
const a: FlagSpec = { name: 'a', value: 'A', help: 'second-layer weight a ≥ 0 of --algo alternating', default: SWEEP_DEFAULTS.a };

/** The flags of a command that runs seeds (verify, escape): its file, resuming it, shards and workers. */
const sweepFlags: readonly FlagSpec[] = [
  { name: 'out', value: 'FILE', help: 'stream one JSON line per finished seed to FILE' },
  { name: 'resume', help: 'continue the sweep in --out FILE' },
  force,
  { name: 'shard', value: 'i/n', help: 'run the i-th of n disjoint parts of the sweep' },
  { name: 'workers', value: 'K', help: 'worker threads (default: the number of cores)' },
];

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'analyze',
    summary: 'Hermite coefficients, information, label-power and generative exponents, sample complexity',
    args: { syntax: '[expr...]', help: `the link σ(z), quoted (default: ${DEFAULT_LINK}); one starting with '-' goes after '--'` },
    flags: [
      { name: 'max-degree', value: 'K', help: `coefficients k = 0..K (1 ≤ K ≤ ${MAX_MAX_DEGREE})`, default: DEFAULT_MAX_DEGREE },
      { name: 'convention', value: 'C', help: 'orthonormal, probabilists, raw or physicists', default: 'orthonormal' },
      noise,
      set,
      { name: 'powers', value: 'P', help: `label powers y^i, i = 1..P (1 ≤ P ≤ ${MAX_POWERS})`, default: DEFAULT_POWERS },
      { name: 'tolerance', value: 'T', help: 'relative tolerance of numeric zeros, τ = T·‖σ‖', default: DEFAULT_RELATIVE_TOLERANCE.toExponential(0) },
      { name: 'ge-degree', value: 'K', help: `λ_k² for k = 1..K (1 ≤ K ≤ ${MAX_GE_DEGREE})`, default: DEFAULT_GE_DEGREE },
      { name: 'ge-tolerance', value: 'T', help: 'τ of the λ_k²: value + bound < τ counts as zero', default: DEFAULT_LAMBDA_TOLERANCE.toExponential(0) },
      { name: 'lambda', help: 'compute every λ_k² numerically, even when structure decides p*' },
      timeLimit(DEFAULT_ANALYZE_TIME_LIMIT),
      json,
    ],
    examples: ["sindex analyze 'He(4, z)'", "sindex analyze 'tanh(a*z)' --set a=2 --noise 0.1 --json"],
  },
  {
    name: 'thresholds',
    summary: 'learning-rate thresholds and the phase diagram of online, batch-reuse, alternating or custom SGD',
    flags: [
      target,
      student,
      { ...algo, help: `the algorithm: ${ALGORITHMS}` },
      psi,
      a,
      { name: 'depth', value: 'D', help: `the deep extension over D layers (1 ≤ D ≤ ${MAX_DEPTH}; from a summary, unverified)` },
      { name: 'd', value: 'D', help: 'the dimension for the crossover with constants (D ≥ 2)', default: DEFAULT_D },
      noise,
      set,
      { name: 'max-index', value: 'I', help: `drift coefficients μ_i for i = 1..I (1 ≤ I ≤ ${MAX_MAX_INDEX})`, default: DEFAULT_MAX_INDEX },
      {
        name: 'order',
        value: 'N',
        help: `Taylor terms of batch reuse for a non-polynomial student (1 ≤ N ≤ ${MAX_BATCH_ORDER})`,
        default: DEFAULT_BATCH_ORDER,
      },
      timeLimit(DEFAULT_THRESHOLDS_TIME_LIMIT),
      { name: 'plot', value: 'FILE', help: 'write the phase diagram to FILE.svg or FILE.tex (pgfplots)' },
      force,
      json,
    ],
    examples: ["sindex thresholds --target 'He3(z)' --algo batch-reuse", "sindex thresholds --target 'z^2*exp(-z^2)' --algo alternating --plot phase.svg"],
  },
  {
    name: 'verify',
    summary: 'simulate SGD exactly (cost independent of d) and check the predicted sample-complexity exponents',
    flags: [
      { ...target, help: 'the link σ* of the target; a link in z1..z6 runs the multi-index verifier (one neuron, online SGD; the leap and its staircase)' },
      { ...student, help: 'the student activation σ (default: the target; for z1..zr, Σ z^j over the degrees of the staircase)' },
      algo,
      psi,
      a,
      { name: 'second-layer', value: 'M', help: 'reset or carry the second layer between rounds (alternating)', default: 'reset' },
      { name: 'd', value: 'LIST', help: 'dimensions, comma-separated integers ≥ 2', default: SWEEP_DEFAULTS.ds.join(',') },
      { name: 'alpha', value: 'LIST', help: 'learning-rate exponents α (η ∝ d^(−α)), comma-separated', default: SWEEP_DEFAULTS.alphas.join(',') },
      { name: 'eta-scale', value: 'C', help: 'multiplies the learning rate', default: SWEEP_DEFAULTS.etaScale },
      { name: 'seeds', value: 'N', help: `runs per (α, d) (1 ≤ N ≤ ${SWEEP_DEFAULTS.maxSeeds})`, default: SWEEP_DEFAULTS.seeds },
      {
        name: 'gamma',
        value: 'G',
        help: 'step size: auto[=c] or a positive number (z1..zr: γ = c/(E₀[ψ²]·d₀)·(d₀/d)^max(1, L/2), c = 0.25)',
        default: `auto=${SWEEP_DEFAULTS.gammaC}`,
      },
      {
        name: 'threshold',
        value: 'T',
        help: 'the overlap m a run must reach, in (0, 1) (z1..zr: ‖P_S w‖ ≥ T, and each m_s² ≥ T²/r)',
        default: SWEEP_DEFAULTS.threshold,
      },
      { name: 'max-steps', value: 'N', help: 'steps before a run is censored', default: SWEEP_DEFAULTS.maxSteps },
      { name: 'init', value: 'I', help: 'positive or signed initial overlap', default: 'positive' },
      { name: 'engine', value: 'E', help: 'reduced (d-free, exact law) or full (d-dimensional)', default: 'reduced' },
      { name: 'width', value: 'N', help: `student width (1 ≤ N ≤ ${SWEEP_DEFAULTS.maxWidth})`, default: SWEEP_DEFAULTS.width },
      noise,
      set,
      { name: 'seed', value: 'S', help: 'the master seed (0 ≤ S < 2^32)', default: SWEEP_DEFAULTS.seed },
      { name: 'ode', help: 'add the deterministic (ODE) prediction at each d' },
      ...sweepFlags,
      { name: 'plot', value: 'FILE', help: 'write the scaling plot to FILE.svg or FILE.tex' },
      json,
    ],
    examples: [
      "sindex verify --target 'He3(z)' --algo online --d 64,128,256 --seeds 32",
      "sindex verify --target 'He4(z)' --algo batch-reuse --alpha 0,0.5 --out he4.jsonl --shard 1/8",
    ],
  },
  {
    name: 'merge',
    summary: 'combine sweep files (shards, resumed runs) and summarise them',
    args: { syntax: '[files...]', help: 'the sweep files (.jsonl)' },
    flags: [
      { name: 'out', value: 'FILE', help: 'write the merged sweep to FILE' },
      { name: 'plot', value: 'FILE', help: 'write the scaling plot to FILE.svg or FILE.tex' },
      force,
      json,
    ],
    examples: ['sindex merge he4.*.jsonl --out he4.jsonl', 'sindex merge a.jsonl b.jsonl --plot scaling.svg'],
  },
  {
    name: 'escape',
    summary: 'a width-p committee escaping the plateau of a hard target: overlap ODE, closed forms (2305.18502), simulated exit times',
    flags: [
      { name: 'target', value: 'EXPR', help: 'the link σ* of the target', default: ESCAPE_DEFAULTS.target },
      { name: 'activation', value: 'EXPR', help: "the committee's activation σ", default: ESCAPE_DEFAULTS.activation },
      { name: 'width', value: 'LIST', help: `widths p, comma-separated (1 ≤ p ≤ ${ESCAPE_DEFAULTS.maxWidth})`, default: ESCAPE_DEFAULTS.widths.join(',') },
      { name: 'd', value: 'LIST', help: 'dimensions, comma-separated integers > p + 1', default: ESCAPE_DEFAULTS.ds.join(',') },
      {
        name: 'gamma',
        value: 'G',
        help: "step γ (update (γ/(p·d))·ℰ·σ'(λ)·x): 'opt' for the paper's γ_opt(p), a positive number, or c*p for γ = c·p",
        default: `${ESCAPE_DEFAULTS.gammaPerWidth}*p`,
      },
      {
        name: 'risk-drop',
        value: 'T',
        help: 'exit when the excess risk has fallen by the fraction T of its initial gap, T in (0, 1)',
        default: ESCAPE_DEFAULTS.riskDrop,
      },
      noise,
      set,
      { name: 'seeds', value: 'N', help: `runs per (p, d) (1 ≤ N ≤ ${ESCAPE_DEFAULTS.maxSeeds})`, default: ESCAPE_DEFAULTS.seeds },
      { name: 'train-second-layer', help: 'train the second layer a_j too (rate --second-layer-rate, default γ)' },
      { name: 'second-layer-rate', value: 'G', help: "the second layer's γ_a (update (γ_a/(p·d))·ℰ·σ(λ_j))" },
      { name: 'threshold', value: 'T', help: 'also report the first time max_j |m_j| ≥ T, in (0, 1)', default: ESCAPE_DEFAULTS.threshold },
      { name: 'max-steps', value: 'N', help: "samples before a run is censored (default: 20 × the ODE's exit time)" },
      { name: 'engine', value: 'E', help: 'reduced (d-free, exact law) or full (d-dimensional)', default: 'reduced' },
      { name: 'seed', value: 'S', help: 'the master seed (0 ≤ S < 2^32)', default: ESCAPE_DEFAULTS.seed },
      ...sweepFlags,
      { name: 'plot', value: 'FILE', help: 'write exit time against p (simulation and ODE) to FILE.svg or FILE.tex' },
      json,
    ],
    examples: [
      'sindex escape --width 1,2,5,20 --d 1000 --seeds 64',
      "sindex escape --target 'z^2' --activation 'z*tanh(z)' --width 1,4 --gamma 0.05 --plot exit.svg",
    ],
  },
  {
    name: 'table',
    summary: 'a table of links (exponents, leaps and sample complexities; links in z or z1..z6) as LaTeX, Markdown, CSV or JSON',
    args: { syntax: '[file...]', help: 'a YAML file of links (default: the built-in catalog)' },
    flags: [
      { name: 'builtin', help: 'the built-in catalog' },
      { name: 'format', value: 'F', help: 'latex, md, csv or json', default: 'md' },
      {
        name: 'columns',
        value: 'LIST',
        help: 'comma-separated, from link,when,terms,ie,ge,leap,genLeap,p2,online,batchReuse,alternating (default: all; when: the parameter case; leap, genLeap: the leap and generative leap, = IE and p* for a link in z, from the multi-index analysis for a link in z1..z6, whose single-index columns are —)',
      },
    ],
    examples: ['sindex table --builtin --format latex', 'sindex table links.yaml --format csv --columns link,ie,ge'],
  },
  {
    name: 'batch',
    summary: 'JSON lines in, one JSON result per line out (for notebooks)',
    args: { syntax: '[file...]', help: 'a file of JSON lines (default: standard input)' },
    flags: [
      {
        name: 'time-limit',
        value: 'S',
        help: `seconds of numeric work per line, or 'none' (a line's own timeLimit wins)`,
        default: `${DEFAULT_TIME_LIMITS.analyze} for analyze, ${DEFAULT_TIME_LIMITS.thresholds} for thresholds`,
      },
    ],
    examples: [`echo '{"command":"analyze","link":"relu(z)"}' | sindex batch`, 'sindex batch links.jsonl > results.jsonl'],
  },
];

/** What a command receives: flag values keyed by flag name, and the positional arguments. */
export interface ParsedArgs {
  /** Flags with a value, by name (`'max-degree'`). */
  readonly values: Readonly<Record<string, string | undefined>>;
  /** Switches (`json`, `force`, …): true when given. */
  readonly switches: Readonly<Record<string, boolean>>;
  /** Repeatable flags (`set`): every value, in order. */
  readonly lists: Readonly<Record<string, readonly string[] | undefined>>;
  readonly positionals: readonly string[];
}

/** All flags in one record (for code that takes them together). */
export function allFlags(parsed: ParsedArgs): Record<string, string | boolean | string[] | undefined> {
  const out: Record<string, string | boolean | string[] | undefined> = { ...parsed.values, ...parsed.switches };
  for (const [k, v] of Object.entries(parsed.lists)) out[k] = v === undefined ? undefined : [...v];
  return out;
}

/** Thrown after commander printed help or an error: the exit code to return, nothing more to say. */
export class CommandLineExit extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
  }
}

const HELP_WIDTH = 100;

function flagOption(flag: FlagSpec): Option {
  const option = new Option(
    `--${flag.name}${flag.value ? ` <${flag.value}>` : ''}`,
    flag.help + (flag.default !== undefined ? ` (default: ${flag.default})` : ''),
  );
  if (flag.repeatable) option.argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]);
  return option;
}

function configure(command: Command, io: Io): Command {
  return command
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: io.out,
      writeErr: io.err,
      getOutHelpWidth: () => HELP_WIDTH,
      getErrHelpWidth: () => HELP_WIDTH,
      outputError: (text, write) => write(`sindex: ${text.replace(/^error: /, 'error: ')}`),
    });
}

function commandOf(spec: CommandSpec, io: Io, onParsed: (parsed: ParsedArgs) => void): Command {
  const command = configure(new Command(spec.name), io).description(spec.summary).allowExcessArguments(true);
  if (spec.args) command.argument(spec.args.syntax, spec.args.help);
  for (const flag of spec.flags) command.addOption(flagOption(flag));
  command.helpOption('-h, --help', 'this help');
  command.addHelpText('after', `\nExamples:\n${spec.examples.map((e) => `  ${e}`).join('\n')}\n${spec.notes ? `\n${spec.notes}\n` : ''}`);
  command.action((...received: unknown[]) => {
    const options = received[received.length - 2] as Record<string, unknown>;
    const positionals = spec.args ? ((received[0] as string[] | undefined) ?? []) : (command.args as string[]);
    const values: Record<string, string | undefined> = {};
    const switches: Record<string, boolean> = {};
    const lists: Record<string, string[] | undefined> = {};
    for (const flag of spec.flags) {
      const value = options[flag.name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())];
      if (flag.value === undefined) switches[flag.name] = value === true;
      else if (flag.repeatable) lists[flag.name] = value as string[] | undefined;
      else values[flag.name] = value as string | undefined;
    }
    onParsed({ values, switches, lists, positionals: [...positionals] });
  });
  return command;
}

/** The whole program: every command, `help [command]`, `--version`. */
function program(io: Io, onParsed: (name: CommandSpec['name'], parsed: ParsedArgs) => void): Command {
  const root = configure(new Command('sindex'), io)
    .description(`sindex ${VERSION} — Hermite coefficients and exponents of Gaussian single-index models`)
    .usage('[command] [options]')
    .version(VERSION, '--version', 'the version')
    .helpOption('-h, --help', 'this help')
    .helpCommand('help [command]', 'help for a command');
  for (const spec of COMMANDS) root.addCommand(commandOf(spec, io, (parsed) => onParsed(spec.name, parsed)));
  root.addHelpText(
    'after',
    `
Without a command: the terminal UI on ${DEFAULT_LINK} (on a TTY; otherwise the built-in catalog table);
'sindex --link EXPR' opens the UI on EXPR.

EXPR is a link function of z in mathjs syntax, e.g.
  sindex analyze 'relu(z)'      sindex analyze 'tanh(a*z)' --set a=2      sindex analyze 'z^2' --noise 0.1
Run 'sindex help COMMAND' (or 'sindex COMMAND --help') for a command's flags, defaults and examples.
`,
  );
  return root;
}

/**
 * Parse a command line into the command and its flags. Help and version are printed here
 * (`CommandLineExit(0)`); an unknown command or flag, a missing value or a repeated switch is
 * printed with the nearest valid name (`CommandLineExit(2)`).
 */
export function parseCommandLine(argv: readonly string[], io: Io): { name: CommandSpec['name']; parsed: ParsedArgs } {
  let result: { name: CommandSpec['name']; parsed: ParsedArgs } | null = null;
  const root = program(io, (name, parsed) => (result = { name, parsed }));
  try {
    root.parse([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.exitCode === 0) throw new CommandLineExit(0);
      const leadingMinus = e.code === 'commander.unknownOption' && /unknown option '-[^-]/.test(e.message);
      const prefix = e.code === 'commander.unknownOption' && !/Did you mean/.test(e.message) ? prefixSuggestion(argv, e.message) : null;
      io.err(
        (prefix ? `(Did you mean ${prefix}?)\n` : '') +
          (leadingMinus ? "  an expression that starts with '-' goes after '--': sindex analyze -- '-z^2'\n" : '') +
          `  run 'sindex ${helpTarget(argv)}--help' for usage\n`,
      );
      throw new CommandLineExit(2);
    }
    throw e;
  }
  if (result === null) {
    // `sindex` alone never reaches here (the caller opens the UI); a bare `sindex --flag` does
    root.outputHelp({ error: true });
    throw new CommandLineExit(2);
  }
  return result;
}

/** Parse one command's own arguments (for callers that already know the command). */
export function parseCommand(name: CommandSpec['name'], argv: readonly string[], io: Io): ParsedArgs {
  const { name: parsedName, parsed } = parseCommandLine([name, ...argv], io);
  if (parsedName !== name) throw new CommandLineExit(2);
  return parsed;
}

function helpTarget(argv: readonly string[]): string {
  const first = argv[0];
  return first !== undefined && COMMANDS.some((c) => c.name === first) ? `${first} ` : '';
}

/** A flag of the command that is a prefix of the unknown one or has it as a prefix (`--algorithm` → `--algo`). */
function prefixSuggestion(argv: readonly string[], message: string): string | null {
  const unknown = /unknown option '--([a-z-]+)/.exec(message)?.[1];
  const spec = COMMANDS.find((c) => c.name === argv[0]);
  if (unknown === undefined || spec === undefined) return null;
  const match = spec.flags.find((f) => f.name.length >= 2 && (unknown.startsWith(f.name) || f.name.startsWith(unknown)));
  return match ? `--${match.name}` : null;
}
