/**
 * The JSONL record of a sweep: a header line with the sweep's configuration and format
 * (`sindexSweep`, SWEEP_FORMAT), then one line per finished seed. The header and every record
 * carry the sweep's fingerprint (a hash of what defines a seed's result) and the shard that
 * wrote them, so that a resume or merge can refuse a line from another sweep, a line outside the
 * sweep's plan, a duplicate or a line of another shard, each with its line number, and keep
 * everything else. Reading tolerates a torn or corrupt line (reported with its line number and
 * skipped).
 */
import { DRAW_SCHEME } from '../sgd/rng.js';
import { readJsonLines } from './jsonLines.js';
import { taskKey, type SweepConfig, type Task } from './plan.js';
import { sweepSignSymmetric } from './signSymmetry.js';

/**
 * The format of sweep files (the header's `sindexSweep`). 1: `hit` is always the first step with
 * max_j m_j ≥ τ and a run stops there. 2 (2026-12, issue 14): for an even link the run stops at
 * max_j |m_j| ≥ τ and its record carries `signSymmetric: true` with `hit` = `hitAbs` = that step.
 * Records of format 1 for an even link are read as format 2 (`asSignSymmetric`, exact).
 */
export const SWEEP_FORMAT = 2;

/**
 * A finished task: when m first reached τ (null: censored at `steps`), when |m| did, and
 * divergence. With `signSymmetric` (an even link) the hit counted is |m| ≥ τ: hit = hitAbs.
 */
export interface SeedRecord extends Task {
  readonly hit: number | null;
  readonly hitAbs: number | null;
  readonly steps: number;
  readonly diverged: number | null;
  /** true: the run was sign-symmetric and stopped at max_j |m_j| ≥ τ (absent: stopped at max_j m_j ≥ τ) */
  readonly signSymmetric?: boolean;
}

/**
 * A record written under the old rule (run on until max_j m_j ≥ τ) as a sign-symmetric run of the
 * same seed records it: hit = hitAbs, steps = hitAbs (or the old steps when it never came), no
 * divergence after hitAbs. Exact, because the run up to hitAbs is the same step for step.
 * @example asSignSymmetric({ key: '0|8|0', alpha: 0, d: 8, seedIndex: 0, seed: 1, eta: 1, gamma: 0.1, hit: null, hitAbs: 40, steps: 900, diverged: 900 }).steps // 40
 */
export function asSignSymmetric(r: SeedRecord): SeedRecord {
  if (r.signSymmetric === true) return r;
  const reached = r.hitAbs !== null;
  return { ...r, hit: r.hitAbs, steps: reached ? r.hitAbs! : r.steps, diverged: reached ? null : r.diverged, signSymmetric: true };
}

/** A record as a sweep file holds it: stamped with its sweep's fingerprint and shard (absent in files of earlier versions). */
export interface StampedRecord extends SeedRecord {
  readonly fp?: string;
  readonly shard?: string | null;
}

export interface Header {
  /** SWEEP_FORMAT when the file was started */
  readonly sindexSweep: number;
  readonly config: SweepConfig;
  /** the engines' DRAW_SCHEME when the file was started (absent in files of scheme 1) */
  readonly draws?: number;
  /** sweepFingerprint(config) (absent in files written before fingerprints) */
  readonly fp?: string;
  /** 'i/n' for a shard file, null for the whole sweep (absent before fingerprints) */
  readonly shard?: string | null;
}

export interface Shard {
  readonly index: number;
  readonly count: number;
}

export const shardText = (shard: Shard | null): string | null => (shard ? `${shard.index}/${shard.count}` : null);

/** 'shard 2/8' or 'the whole sweep' */
export const shardName = (shard: string | null): string => (shard === null ? 'the whole sweep (no --shard)' : `shard ${shard}`);

function parseShardText(text: string | null | undefined): Shard | null {
  const m = typeof text === 'string' ? /^(\d+)\/(\d+)$/.exec(text) : null;
  return m ? { index: Number(m[1]), count: Number(m[2]) } : null;
}

/** JSON with object keys sorted at every level. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** 64-bit FNV-1a of the UTF-8 bytes of `text`, as 16 hex digits. */
export function fnv1a64(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= BigInt(byte);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}

/**
 * The configuration as it defines one seed's result: every field of the sweep except its extent
 * (`ds` and `seeds`, checked against the plan separately), with the α list (a task's seed depends
 * on α's index in it) and the --set parameters in a canonical order. Not the draw scheme: it
 * changes a seed's trajectory, never its law, and files of different schemes may be combined
 * (with a warning).
 */
function resultDefining(config: SweepConfig): unknown {
  const { ds: _ds, seeds: _seeds, ...rest } = config;
  return {
    ...rest,
    alphas: [...config.alphas].sort((x, y) => x - y),
    parameters: [...config.parameters].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0)),
  };
}

/** The sweep's fingerprint: 16 hex digits of FNV-1a over the canonical JSON of what defines a seed's result. */
export function sweepFingerprint(config: SweepConfig): string {
  return fnv1a64(canonicalJson(resultDefining(config)));
}

export function headerLine(config: SweepConfig, draws = DRAW_SCHEME, shard: string | null = null): string {
  return `${JSON.stringify({ sindexSweep: SWEEP_FORMAT, config, draws, fp: sweepFingerprint(config), shard } satisfies Header)}\n`;
}

/** Null when this build reads a sweep file of the header's format, else why not. */
export function formatProblem(header: Header): string | null {
  const f = header.sindexSweep;
  if (Number.isInteger(f) && f >= 1 && f <= SWEEP_FORMAT) return null;
  return `its header's sweep format ${JSON.stringify(f)} is not one this sindex reads (1 to ${SWEEP_FORMAT}; a file written by a newer sindex?)`;
}

/** The draw scheme of a sweep file's header (1 when it predates the field). */
export function drawScheme(header: Header): number {
  return header.draws ?? 1;
}

/** A record line: the record's fields as the engine produced them, then the fingerprint and shard. */
export function recordLine(r: SeedRecord, fp?: string, shard: string | null = null): string {
  if (fp === undefined) return `${JSON.stringify(r)}\n`;
  const { fp: _fp, shard: _shard, ...fields } = r as StampedRecord;
  return `${JSON.stringify({ ...fields, fp, shard })}\n`;
}

/** A line of a sweep file that was left out, and why. */
export interface SkippedLine {
  readonly file: string;
  /** 1-based; null for the whole file */
  readonly line: number | null;
  readonly reason: string;
}

export const skippedText = (s: SkippedLine): string => `${s.file}${s.line === null ? '' : ` line ${s.line}`}: ${s.reason}`;

export interface ParsedRecords {
  /** the sweep header, when the file's first non-blank line is one */
  readonly header: Header | null;
  readonly records: StampedRecord[];
  /** each record with its 1-based line number */
  readonly lines: { readonly line: number; readonly record: StampedRecord }[];
  /** the lines skipped while reading, with their 1-based line numbers */
  readonly issues: { readonly line: number; readonly reason: string }[];
  /** "line N: reason" for every line skipped. */
  readonly problems: string[];
}

const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isTime = (x: unknown) => x === null || isNumber(x);

function isRecord(x: unknown): x is StampedRecord {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const r = x as Record<string, unknown>;
  return (
    typeof r.key === 'string' &&
    isNumber(r.alpha) &&
    isNumber(r.d) &&
    Number.isInteger(r.seedIndex) &&
    isNumber(r.steps) &&
    isNumber(r.seed) &&
    isNumber(r.eta) &&
    isNumber(r.gamma) &&
    isTime(r.hit) &&
    isTime(r.hitAbs) &&
    isTime(r.diverged) &&
    (r.signSymmetric === undefined || typeof r.signSymmetric === 'boolean') &&
    (r.fp === undefined || typeof r.fp === 'string') &&
    (r.shard === undefined || r.shard === null || typeof r.shard === 'string') &&
    r.key === taskKey(r.alpha as number, r.d as number, r.seedIndex as number)
  );
}

const isHeaderLike = (x: unknown): x is Header => typeof x === 'object' && x !== null && !Array.isArray(x) && 'sindexSweep' in x;

/** Parse a JSONL sweep file's text. The header must be its first non-blank line. */
export function parseRecords(text: string): ParsedRecords {
  const { header, lines, issues } = readJsonLines(text, {
    isHeader: isHeaderLike,
    isRecord,
    secondHeader: 'a second sweep header (files joined together? combine sweep files with sindex merge), skipped',
    notRecord: 'not a seed record, skipped',
  });
  return { header, records: lines.map((l) => l.record), lines, issues, problems: issues.map((p) => `line ${p.line}: ${p.reason}`) };
}

const CONFIG_FIELDS: readonly (keyof SweepConfig)[] = [
  'target',
  'student',
  'algorithm',
  'psi',
  'a',
  'secondLayer',
  'parameters',
  'noise',
  'ds',
  'alphas',
  'etaScale',
  'seeds',
  'gamma',
  'threshold',
  'maxSteps',
  'init',
  'engine',
  'width',
  'seed',
];

/** Null when a header's configuration has every field of a sweep's, else what is wrong. */
export function configProblem(config: unknown): string | null {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) return 'its header has no configuration';
  const c = config as Record<string, unknown>;
  const missing = CONFIG_FIELDS.filter((k) => c[k] === undefined);
  if (missing.length) return `its header's configuration lacks ${missing.join(', ')}`;
  const numbers = (x: unknown) => Array.isArray(x) && x.length > 0 && x.every(isNumber);
  if (
    typeof c.target !== 'string' ||
    !numbers(c.ds) ||
    !numbers(c.alphas) ||
    !Number.isInteger(c.seeds) ||
    (c.seeds as number) < 1 ||
    !isNumber(c.seed) ||
    !Array.isArray(c.parameters) ||
    typeof c.gamma !== 'object'
  ) {
    return "its header's configuration is not a sweep's";
  }
  return null;
}

/** The configuration fields that define a sweep's results and plan (not where or how fast it runs). */
export function sameSweep(a: SweepConfig, b: SweepConfig): boolean {
  return configDifferences(a, b).length === 0;
}

/** The fields in which two sweeps differ, as 'name a ≠ b' (d and α compared as sets, parameters by name). */
export function configDifferences(a: SweepConfig, b: SweepConfig): string[] {
  const norm = (c: SweepConfig) =>
    ({ ...(resultDefining(c) as Record<string, unknown>), ds: [...c.ds].sort((x, y) => x - y), seeds: c.seeds }) as Record<string, unknown>;
  const [x, y] = [norm(a), norm(b)];
  const show = (v: unknown) => (typeof v === 'string' ? v : canonicalJson(v));
  return CONFIG_FIELDS.filter((k) => canonicalJson(x[k]) !== canonicalJson(y[k])).map((k) => `${k} ${show(x[k])} ≠ ${show(y[k])}`);
}

/** '(α = 1, d = 64, seed 3)' */
const which = (r: SeedRecord) => `(α = ${r.alpha}, d = ${r.d}, seed ${r.seedIndex})`;

/** A kept record with where it came from. */
interface Kept {
  readonly file: string;
  readonly line: number;
  readonly record: StampedRecord;
}

/**
 * The records of one sweep gathered from its files: each line is kept only when it carries this
 * sweep's fingerprint, its task is in the sweep's plan (and in its file's shard), and no earlier
 * line holds the same task; everything else is listed in `skipped` with its file and line.
 */
export class SweepRecords {
  readonly fingerprint: string;
  /** the sweep's link is even (signSymmetry.ts): its records count |m| ≥ τ */
  readonly signSymmetric: boolean;
  /** per file, the records written under the old rule and read as sign-symmetric ones (asSignSymmetric) */
  readonly upgraded = new Map<string, number>();
  private readonly kept = new Map<string, Kept>();
  /** key → index in the whole plan (which fixes the task's shard) */
  private readonly index = new Map<string, number>();
  private readonly extent: string;

  /** `skipped`: where the skipped lines are listed (a list shared with the caller's own entries, if given). */
  constructor(
    config: SweepConfig,
    tasks: readonly Task[],
    readonly skipped: SkippedLine[] = [],
  ) {
    this.fingerprint = sweepFingerprint(config);
    this.signSymmetric = sweepSignSymmetric(config);
    tasks.forEach((t, j) => this.index.set(t.key, j));
    this.extent = `α ${config.alphas.join(', ')}; d ${config.ds.join(', ')}; seeds 0–${config.seeds - 1}`;
  }

  /** The kept records, in the order they were read. */
  get records(): StampedRecord[] {
    return [...this.kept.values()].map((k) => k.record);
  }

  get size(): number {
    return this.kept.size;
  }

  skip(file: string, line: number | null, reason: string): void {
    this.skipped.push({ file, line, reason });
  }

  /**
   * Add one file's lines. `fileShard`: the shard whose tasks the file may hold (null: any task of
   * the plan); `stamped`: whether its header carries a fingerprint (files of earlier versions do
   * not, and their records are checked for plan, shard and duplicates only); the stamped
   * records of a stamped file must name the shard its header names. In a sign-symmetric sweep a
   * record without `signSymmetric` (format 1) is read as asSignSymmetric gives it (counted in
   * `upgraded`); in another sweep a record with it is skipped.
   */
  addFile(file: string, parsed: ParsedRecords, options: { readonly shard: Shard | null; readonly stamped: boolean }): void {
    for (const issue of parsed.issues) this.skip(file, issue.line, issue.reason);
    const headerShard = options.stamped ? (parsed.header?.shard ?? null) : null;
    for (const { line, record: read } of parsed.lines) {
      const old = this.signSymmetric && read.signSymmetric !== true;
      const record = old ? (asSignSymmetric(read) as StampedRecord) : read;
      const reason = this.problem(file, record, options.shard, options.stamped, headerShard);
      if (reason !== null) this.skip(file, line, reason);
      else {
        this.kept.set(record.key, { file, line, record });
        if (old) this.upgraded.set(file, (this.upgraded.get(file) ?? 0) + 1);
      }
    }
  }

  private problem(file: string, r: StampedRecord, shard: Shard | null, stamped: boolean, headerShard: string | null): string | null {
    if (r.fp === undefined) {
      if (stamped) return `${which(r)} has no sweep fingerprint (not written by this sweep), skipped`;
    } else if (r.fp !== this.fingerprint) {
      return `${which(r)} is from another sweep (fingerprint ${r.fp}; this sweep's is ${this.fingerprint}), skipped`;
    }
    if (stamped && (r.shard ?? null) !== headerShard) {
      return `${which(r)} was written by ${shardName(r.shard ?? null)}, but the file is ${shardName(headerShard)}, skipped`;
    }
    if (r.signSymmetric === true && !this.signSymmetric) return `${which(r)} counts |m| ≥ τ as its hit, but this sweep's link is not even, skipped`;
    const j = this.index.get(r.key);
    if (j === undefined) return `${which(r)} is not in this sweep's plan (${this.extent}), skipped`;
    if (shard && j % shard.count !== shard.index - 1) {
      return `${which(r)} belongs to shard ${(j % shard.count) + 1}/${shard.count}, not to this file's shard ${shard.index}/${shard.count}, skipped`;
    }
    const earlier = this.kept.get(r.key);
    if (earlier) {
      const where = earlier.file === file ? `line ${earlier.line}` : `${earlier.file} line ${earlier.line}`;
      const same = (['hit', 'hitAbs', 'steps', 'diverged'] as const).every((k) => earlier.record[k] === r[k]);
      return `duplicate of ${where} ${which(r)}${same ? '' : ' with a different result'}, skipped`;
    }
    return null;
  }
}

/** The shard a stamped header names (null for the whole sweep or a header without one). */
export function headerShard(header: Header): Shard | null {
  return parseShardText(header.shard);
}
