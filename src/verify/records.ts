/**
 * The JSONL record of a sweep: a header line with the sweep's configuration, then one line per
 * finished seed. Reading tolerates a torn or corrupt line (reported with its line number and
 * skipped); everything else is kept.
 */
import { DRAW_SCHEME } from '../sgd/rng.js';
import type { SweepConfig, Task } from './plan.js';

/** A finished task: when m first reached τ (null: censored at `steps`), when |m| did, and divergence. */
export interface SeedRecord extends Task {
  readonly hit: number | null;
  readonly hitAbs: number | null;
  readonly steps: number;
  readonly diverged: number | null;
}

export interface Header {
  readonly sindexSweep: 1;
  readonly config: SweepConfig;
  /** the engines' DRAW_SCHEME when the file was started (absent in files of scheme 1) */
  readonly draws?: number;
}

export function headerLine(config: SweepConfig, draws = DRAW_SCHEME): string {
  return JSON.stringify({ sindexSweep: 1, config, draws } satisfies Header) + '\n';
}

/** The draw scheme of a sweep file's header (1 when it predates the field). */
export function drawScheme(header: Header): number {
  return header.draws ?? 1;
}

export function recordLine(r: SeedRecord): string {
  return JSON.stringify(r) + '\n';
}

export interface ParsedRecords {
  readonly header: Header | null;
  readonly records: SeedRecord[];
  /** "line N: reason" for every line skipped. */
  readonly problems: string[];
}

function isRecord(x: unknown): x is SeedRecord {
  const r = x as Record<string, unknown>;
  return typeof r === 'object' && r !== null && typeof r.key === 'string' && typeof r.alpha === 'number' && typeof r.d === 'number' && typeof r.steps === 'number';
}

/** Parse a JSONL sweep file's text. */
export function parseRecords(text: string): ParsedRecords {
  const lines = text.split('\n');
  let header: Header | null = null;
  const records: SeedRecord[] = [];
  const problems: string[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      problems.push(`line ${i + 1}: not valid JSON (a torn or corrupt line), skipped`);
      return;
    }
    if (value && typeof value === 'object' && 'sindexSweep' in value) {
      if (header === null) header = value as Header;
      return;
    }
    if (isRecord(value)) records.push(value);
    else problems.push(`line ${i + 1}: not a seed record, skipped`);
  });
  return { header, records, problems };
}

/** The configuration fields that define a sweep's results (not where or how fast it runs). */
export function sameSweep(a: SweepConfig, b: SweepConfig): boolean {
  const strip = (c: SweepConfig) => JSON.stringify({ ...c, ds: [...c.ds].sort((x, y) => x - y), alphas: [...c.alphas].sort((x, y) => x - y) });
  return strip(a) === strip(b);
}
