/**
 * The JSONL file of an escape sweep: a header line (`sindexEscape`, the configuration, the draw
 * scheme, the fingerprint and the shard), then one line per finished seed, stamped with the
 * fingerprint and shard. Reading keeps a line only when it belongs to this sweep, to its plan and
 * shard, and repeats no earlier line; every other line is reported with its number and skipped.
 */
import { DRAW_SCHEME } from '../sgd/rng.js';
import { readJsonLines } from '../verify/jsonLines.js';
import { canonicalJson, fnv1a64, shardName, shardText, type Shard, type SkippedLine } from '../verify/records.js';
import { escapeTaskKey, type EscapeConfig } from './config.js';

/** One seed's task: width p, dimension d, the seed's index and value, and the step γ used. */
export interface EscapeTask {
  readonly key: string;
  readonly p: number;
  readonly d: number;
  readonly seedIndex: number;
  readonly seed: number;
  readonly gamma: number;
  /** the cap on samples for this task */
  readonly maxSteps: number;
}

/** A finished seed: exit = first sample count at which the risk fell by T (null: censored at `steps`). */
export interface EscapeRecord extends EscapeTask {
  readonly exit: number | null;
  /** first sample count with max_j |m_j| ≥ τ (null: not reached by `steps`) */
  readonly hitAbs: number | null;
  readonly steps: number;
  readonly diverged: number | null;
  /** the population risk at the start */
  readonly risk0: number;
}

interface Stamped extends EscapeRecord {
  readonly fp?: string;
  readonly shard?: string | null;
}

export interface EscapeHeader {
  readonly sindexEscape: 1;
  readonly config: EscapeConfig;
  readonly draws: number;
  readonly fp: string;
  readonly shard: string | null;
}

/**
 * The fingerprint of what defines a seed's result: every field except the extent (widths, ds,
 * seeds), with the parameters in name order. 16 hex digits of FNV-1a.
 */
export function escapeFingerprint(config: EscapeConfig): string {
  const { widths: _w, ds: _d, seeds: _s, ...rest } = config;
  return fnv1a64(canonicalJson({ kind: 'escape', ...rest, parameters: [...config.parameters].sort((x, y) => (x[0] < y[0] ? -1 : 1)) }));
}

export function escapeHeaderLine(config: EscapeConfig, shard: string | null): string {
  const header: EscapeHeader = { sindexEscape: 1, config, draws: DRAW_SCHEME, fp: escapeFingerprint(config), shard };
  return `${JSON.stringify(header)}\n`;
}

export function escapeRecordLine(r: EscapeRecord, fp: string, shard: string | null): string {
  return `${JSON.stringify({ ...r, fp, shard })}\n`;
}

const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isTime = (x: unknown) => x === null || isNumber(x);

function isRecord(x: unknown): x is Stamped {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const r = x as Record<string, unknown>;
  return (
    typeof r.key === 'string' &&
    Number.isInteger(r.p) &&
    Number.isInteger(r.d) &&
    Number.isInteger(r.seedIndex) &&
    isNumber(r.seed) &&
    isNumber(r.gamma) &&
    isNumber(r.maxSteps) &&
    isNumber(r.steps) &&
    isNumber(r.risk0) &&
    isTime(r.exit) &&
    isTime(r.hitAbs) &&
    isTime(r.diverged) &&
    r.key === escapeTaskKey(r.p as number, r.d as number, r.seedIndex as number)
  );
}

export interface ParsedEscapeFile {
  readonly header: EscapeHeader | null;
  readonly lines: readonly { readonly line: number; readonly record: Stamped }[];
  readonly issues: readonly { readonly line: number; readonly reason: string }[];
}

/** Parse an escape sweep file; the header must be its first non-blank line. */
export function parseEscapeFile(text: string): ParsedEscapeFile {
  return readJsonLines(text, {
    isHeader: (v): v is EscapeHeader => typeof v === 'object' && v !== null && 'sindexEscape' in v,
    isRecord,
    secondHeader: 'a second header, skipped',
    notRecord: 'not an escape seed record, skipped',
  });
}

/**
 * The records of one escape sweep gathered from a file: kept when stamped with this sweep's
 * fingerprint and shard, in the plan (and the shard's part of it), and not a duplicate.
 */
export function gatherEscapeRecords(
  file: string,
  parsed: ParsedEscapeFile,
  config: EscapeConfig,
  tasks: readonly EscapeTask[],
  shard: Shard | null,
): { records: EscapeRecord[]; skipped: SkippedLine[] } {
  const fp = escapeFingerprint(config);
  const index = new Map(tasks.map((t, j) => [t.key, j] as const));
  const shardLabel = shardText(shard);
  const kept = new Map<string, { line: number; record: EscapeRecord }>();
  const skipped: SkippedLine[] = parsed.issues.map((i) => ({ file, line: i.line, reason: i.reason }));
  for (const { line, record } of parsed.lines) {
    const which = `(p = ${record.p}, d = ${record.d}, seed ${record.seedIndex})`;
    const j = index.get(record.key);
    let reason: string | null = null;
    if (record.fp !== fp) reason = `${which} is from another sweep (fingerprint ${record.fp ?? 'none'}; this sweep's is ${fp}), skipped`;
    else if ((record.shard ?? null) !== shardLabel) reason = `${which} was written by ${shardName(record.shard ?? null)}, skipped`;
    else if (j === undefined) reason = `${which} is not in this sweep's plan, skipped`;
    else if (shard && j % shard.count !== shard.index - 1) reason = `${which} belongs to another shard, skipped`;
    else if (kept.has(record.key)) reason = `duplicate of line ${kept.get(record.key)!.line} ${which}, skipped`;
    if (reason !== null) skipped.push({ file, line, reason });
    else {
      const { fp: _fp, shard: _shard, ...fields } = record;
      kept.set(record.key, { line, record: fields });
    }
  }
  return { records: [...kept.values()].map((k) => k.record), skipped };
}
