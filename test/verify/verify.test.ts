// The sweep machinery: deterministic seeds and shards, tolerant JSONL reading, resume and merge,
// identical results whatever the number of workers, and bad input.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../cli/main.js';
import { shardOf, taskSeed } from '../../src/verify/plan.js';
import { parseRecords } from '../../src/verify/records.js';
import { DRAW_SCHEME } from '../../src/sgd/rng.js';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const small = ['--target', 'He3(z)', '--algo', 'online', '--d', '16,32', '--alpha', '0', '--seeds', '6', '--max-steps', '200000', '--seed', '7'];

describe('sweep plan', () => {
  it('gives every task its own seed, the same every time', () => {
    const seeds = new Set<number>();
    for (let a = 0; a < 3; a++) for (const d of [64, 128]) for (let s = 0; s < 50; s++) seeds.add(taskSeed(1, a, d, s));
    expect(seeds.size).toBe(300);
    expect(taskSeed(1, 2, 128, 7)).toBe(taskSeed(1, 2, 128, 7));
    expect(taskSeed(2, 2, 128, 7)).not.toBe(taskSeed(1, 2, 128, 7));
  });

  it('splits tasks into disjoint shards that cover them all', () => {
    const tasks = Array.from({ length: 23 }, (_, i) => i);
    const shards = [1, 2, 3, 4].map((i) => shardOf(tasks, { index: i, count: 4 }));
    expect(shards.flat().sort((a, b) => a - b)).toEqual(tasks);
    expect(new Set(shards.flat()).size).toBe(23);
  });

  it('reads JSONL with a torn line, reporting its line number', () => {
    const text =
      '{"sindexSweep":1,"config":{}}\n{"key":"0|16|0","alpha":0,"d":16,"seedIndex":0,"seed":1,"eta":1,"gamma":0.1,"hit":5,"hitAbs":5,"steps":5,"diverged":null}\n{"key":"0|16|1","alp\n';
    const parsed = parseRecords(text);
    expect(parsed.records).toHaveLength(1);
    expect(parsed.problems).toEqual(['line 3: not valid JSON (a torn or corrupt line), skipped']);
  });
});

describe('sindex verify', () => {
  it('gives the same results with one worker or two', async () => {
    const one = await run('verify', ...small, '--workers', '1', '--json');
    const two = await run('verify', ...small, '--workers', '2', '--json');
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    const strip = (s: string) => {
      const j = JSON.parse(s);
      delete j.wallSeconds;
      return j;
    };
    expect(strip(two.out)).toEqual(strip(one.out));
    const j = strip(one.out);
    expect(j.runs).toHaveLength(2);
    expect(j.runs[0].seeds).toBe(6);
    expect(j.fits[0].predicted).toBe(2);
  }, 120_000);

  it('resumes an interrupted sweep and merges shards into the full sweep', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sindex-verify-'));
    const full = join(dir, 'full.jsonl');
    const a = join(dir, 'a.jsonl');
    const b = join(dir, 'b.jsonl');
    const fresh = await run('verify', ...small, '--workers', '1', '--out', full, '--json');
    expect(fresh.code).toBe(0);
    // an interrupted run: keep the header and the first 5 records, then a torn line
    const lines = readFileSync(full, 'utf8').split('\n');
    const partial = join(dir, 'partial.jsonl');
    writeFileSync(partial, `${lines.slice(0, 6).join('\n')}\n{"key":"torn`);
    const resumed = await run('verify', ...small, '--workers', '1', '--out', partial, '--resume', '--json');
    expect(resumed.code).toBe(0);
    expect(resumed.err).toMatch(/line 7: not valid JSON/);
    const keys = parseRecords(readFileSync(partial, 'utf8')).records.map((r) => r.key);
    expect(new Set(keys).size).toBe(12);
    const strip = (s: string) => {
      const j = JSON.parse(s);
      delete j.wallSeconds;
      return j.runs;
    };
    expect(strip(resumed.out)).toEqual(strip(fresh.out));
    expect((await run('verify', ...small, '--workers', '1', '--shard', '1/2', '--out', a)).code).toBe(0);
    expect((await run('verify', ...small, '--workers', '1', '--shard', '2/2', '--out', b)).code).toBe(0);
    const merged = await run('merge', a, b, '--json');
    expect(merged.code).toBe(0);
    expect(JSON.parse(merged.out).runs).toEqual(strip(fresh.out));
  }, 120_000);

  it('stamps sweep files with the draw scheme, and says so when a resume or merge mixes schemes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sindex-verify-'));
    const full = join(dir, 'full.jsonl');
    expect((await run('verify', ...small, '--workers', '1', '--out', full)).code).toBe(0);
    const lines = readFileSync(full, 'utf8').split('\n');
    expect(JSON.parse(lines[0]!).draws).toBe(DRAW_SCHEME);
    // the same sweep as an earlier build wrote it: no draws field (scheme 1), five seeds done
    const header = JSON.parse(lines[0]!);
    delete header.draws;
    const old = join(dir, 'old.jsonl');
    writeFileSync(old, `${[JSON.stringify(header), ...lines.slice(1, 6)].join('\n')}\n`);
    const resumed = await run('verify', ...small, '--workers', '1', '--out', old, '--resume');
    expect(resumed.code).toBe(0);
    expect(resumed.err).toMatch(new RegExp(`started by draw scheme 1, this build uses ${DRAW_SCHEME}`));
    const same = await run('verify', ...small, '--workers', '1', '--out', full, '--resume');
    expect(same.err).not.toMatch(/draw scheme/);
    const merged = await run('merge', full, old);
    expect(merged.code).toBe(0);
    expect(merged.err).toMatch(new RegExp(`draw schemes 1 and ${DRAW_SCHEME}`));
  }, 120_000);

  const bad: [string, string[], RegExp][] = [
    ['d < 2', ['--d', '1,64'], /--d needs a comma-separated list of integers ≥ 2/],
    ['zero seeds', ['--seeds', '0'], /--seeds must be an integer from 1/],
    ['threshold', ['--threshold', '1.5'], /--threshold must be a number in \(0, 1\)/],
    ['shard', ['--shard', '3/2'], /--shard must be i\/n/],
    ['shard text', ['--shard', 'half'], /--shard must be i\/n/],
    ['algorithm', ['--algo', 'adam'], /--algo must be one of/],
    ['gamma', ['--gamma', 'fast'], /--gamma must be a positive number or 'auto\[=c\]'/],
    ['psi without custom', ['--algo', 'online', '--psi', 'y*z'], /--psi goes with --algo custom/],
    ['custom without psi', ['--algo', 'custom'], /--algo custom needs the oracle/],
  ];
  it.each(bad)('%s: one message, exit 2', async (_n, flags, message) => {
    const r = await run('verify', '--target', 'He3(z)', ...flags);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.out).toBe('');
  });

  it('refuses an unreadable resume file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sindex-verify-'));
    const folder = join(dir, 'not-a-file');
    mkdirSync(folder);
    const r = await run('verify', ...small, '--out', folder, '--resume');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--resume: cannot read/);
  });
});
