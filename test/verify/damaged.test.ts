// Damaged and foreign sweep files (issue 11): resume and merge keep what belongs to the sweep and
// say, with line numbers, what they skipped; output files are never overwritten without --force
// (or --resume) and are checked before the sweep starts; an interrupted sweep says "partial".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../cli/main.js';
import { verifyCommand } from '../../cli/verify.js';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

/** 2 values of d × 6 seeds: 12 tasks, well under a second. */
const sweep = (target = 'He3(z)', d = '16,32', seeds = '6') => [
  '--target',
  target,
  '--algo',
  'online',
  '--d',
  d,
  '--alpha',
  '0',
  '--seeds',
  seeds,
  '--max-steps',
  '200000',
  '--seed',
  '7',
  '--workers',
  '1',
];
const small = sweep();

const dir = mkdtempSync(join(tmpdir(), 'sindex-damaged-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let counter = 0;
/** A new sweep file made of these lines. */
function file(lines: readonly string[], name = `f${++counter}.jsonl`): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/** The lines of a sweep file, without the empty last one. */
const linesOf = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l !== '');
const keyOf = (line: string) => (JSON.parse(line) as { key: string }).key;
const runsOf = (out: string) => (JSON.parse(out) as { runs: unknown[] }).runs;

/** The full sweep, a sweep of another target with the same plan, and one of shard 1/2. */
let full: string[];
let fullRuns: unknown[];
let foreign: string[];
let shard1: string[];

beforeAll(async () => {
  const a = join(dir, 'full.jsonl');
  const r = await run('verify', ...small, '--out', a, '--json');
  expect(r.code, r.err).toBe(0);
  full = linesOf(a);
  fullRuns = runsOf(r.out);
  const b = join(dir, 'he4.jsonl');
  expect((await run('verify', ...sweep('He4(z)'), '--out', b)).code).toBe(0);
  foreign = linesOf(b);
  const c = join(dir, 'shard1.jsonl');
  expect((await run('verify', ...small, '--shard', '1/2', '--out', c)).code).toBe(0);
  shard1 = linesOf(c);
}, 60_000);

describe('sweep files carry a fingerprint', () => {
  it('in the header and in every record, with the shard', () => {
    const header = JSON.parse(full[0]!);
    expect(header.fp).toMatch(/^[0-9a-f]{16}$/);
    expect(header.shard).toBeNull();
    for (const line of full.slice(1)) expect(JSON.parse(line)).toMatchObject({ fp: header.fp, shard: null });
    expect(JSON.parse(foreign[0]!).fp).not.toBe(header.fp);
    expect(JSON.parse(shard1[0]!)).toMatchObject({ fp: header.fp, shard: '1/2' });
    for (const line of shard1.slice(1)) expect(JSON.parse(line)).toMatchObject({ fp: header.fp, shard: '1/2' });
  });
});

describe('resume skips what does not belong, with line numbers', () => {
  it('a duplicated line is skipped and its seed counted once', async () => {
    const f = file([...full.slice(0, 6), full[1]!]); // line 7 repeats line 2
    const r = await run('verify', ...small, '--out', f, '--resume', '--json');
    expect(r.code, r.err).toBe(0);
    const seed = JSON.parse(full[1]!).seedIndex;
    expect(r.err).toContain(`line 7: duplicate of line 2 (α = 0, d = ${JSON.parse(full[1]!).d}, seed ${seed}), skipped`);
    expect(runsOf(r.out)).toEqual(fullRuns); // 6 seeds at each d, not 7
    const j = JSON.parse(r.out);
    expect(j.skipped).toEqual([{ file: f, line: 7, reason: expect.stringMatching(/^duplicate of line 2/) }]);
    expect(j.partial).toBe(false);
  });

  it('a line from another sweep (another target) is skipped and its seed rerun', async () => {
    const missing = full.slice(1).map(keyOf);
    const stray = foreign.slice(1).find((l) => keyOf(l) === missing[missing.length - 1])!;
    const f = file([...full.slice(0, full.length - 1), stray]); // the He4 record stands in for the last He3 seed
    const r = await run('verify', ...small, '--out', f, '--resume', '--json');
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(
      new RegExp(
        `line ${full.length}: \\(α = 0, d = \\d+, seed \\d+\\) is from another sweep \\(fingerprint ${JSON.parse(foreign[0]!).fp}; this sweep's is ${JSON.parse(full[0]!).fp}\\), skipped`,
      ),
    );
    expect(runsOf(r.out)).toEqual(fullRuns);
  });

  it('a record with a d outside the plan is skipped', async () => {
    const d64 = join(dir, 'd64.jsonl');
    expect((await run('verify', ...sweep('He3(z)', '64', '1'), '--out', d64)).code).toBe(0); // same sweep, d = 64 only
    const f = file([...full, linesOf(d64)[1]!]);
    const r = await run('verify', ...small, '--out', f, '--resume', '--json');
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain(`line ${full.length + 1}: (α = 0, d = 64, seed 0) is not in this sweep's plan (α 0; d 16, 32; seeds 0–5), skipped`);
    expect(runsOf(r.out)).toEqual(fullRuns); // no run at d = 64
  });

  it('a file whose header was removed is refused (exit 2) and left as it was', async () => {
    const f = file(full.slice(1, 6));
    const before = readFileSync(f, 'utf8');
    const r = await run('verify', ...small, '--out', f, '--resume');
    expect(r.code).toBe(2);
    expect(r.err).toContain(`--resume: ${f} has no sweep header on its first line`);
    expect(r.out).toBe('');
    expect(readFileSync(f, 'utf8')).toBe(before);
  });

  it('a shard file resumed without --shard or with another --shard is refused', async () => {
    const f = file(shard1.slice(0, 3));
    const before = readFileSync(f, 'utf8');
    const without = await run('verify', ...small, '--out', f, '--resume');
    expect(without.code).toBe(2);
    expect(without.err).toContain(`--resume: ${f} was written by shard 1/2, this command runs the whole sweep (no --shard): resume it with --shard 1/2`);
    const other = await run('verify', ...small, '--shard', '2/2', '--out', f, '--resume');
    expect(other.code).toBe(2);
    expect(other.err).toContain('this command runs shard 2/2: resume it with --shard 1/2');
    expect(readFileSync(f, 'utf8')).toBe(before);
    const right = await run('verify', ...small, '--shard', '1/2', '--out', f, '--resume', '--json');
    expect(right.code, right.err).toBe(0);
    expect(JSON.parse(right.out)).toMatchObject({ partial: false, seedsFinished: 6, seedsPlanned: 6, skipped: [] });
  });

  it('a record of another shard inside a shard file is skipped', async () => {
    const fp = JSON.parse(full[0]!).fp;
    const keys1 = new Set(shard1.slice(1).map(keyOf));
    const other = full.slice(1).find((l) => !keys1.has(keyOf(l)))!;
    // stamped as shard 1/2 (edited by hand), but its task is one of shard 2/2's
    const forged = JSON.stringify({ ...JSON.parse(other), fp, shard: '1/2' });
    const f = file([...shard1.slice(0, 3), forged]);
    const r = await run('verify', ...small, '--shard', '1/2', '--out', f, '--resume', '--json');
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/line 4: \(α = 0, d = \d+, seed \d+\) belongs to shard 2\/2, not to this file's shard 1\/2, skipped/);
    expect(JSON.parse(r.out).seedsFinished).toBe(6);
  });

  it('a file of an earlier version (no fingerprints) is resumed with a warning', async () => {
    const strip = (line: string) => {
      const { fp: _fp, shard: _shard, ...rest } = JSON.parse(line);
      return JSON.stringify(rest);
    };
    const f = file(full.slice(0, 6).map(strip));
    const r = await run('verify', ...small, '--out', f, '--resume', '--json');
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain(`${f} was written by an earlier sindex, without sweep fingerprints`);
    expect(runsOf(r.out)).toEqual(fullRuns);
  });
});

describe('merge skips what does not belong, with line numbers', () => {
  it("refuses a foreign file and a foreign file's records, keeps the rest", async () => {
    const a = file([...shard1.slice(0, 2), foreign[2]!, ...shard1.slice(2)], 'merge-a.jsonl');
    const he4 = file(foreign, 'merge-he4.jsonl');
    const r = await run('merge', a, he4, '--json');
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(
      new RegExp(`sindex: merge: ${a} line 3: \\(α = 0, d = \\d+, seed \\d+\\) is from another sweep \\(fingerprint ${JSON.parse(foreign[0]!).fp}`),
    );
    expect(r.err).toContain(
      `sindex: merge: ${he4}: a different sweep than ${a} (target He4(z) ≠ He3(z)): the whole file is skipped (12 lines after the header)`,
    );
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ partial: true, seedsFinished: 6, seedsPlanned: 12 });
    expect(j.skipped.map((s: { file: string; line: number | null }) => [s.file, s.line])).toEqual([
      [a, 3],
      [he4, null],
    ]);
    expect(j.config.target).toBe('He3(z)');
  });

  it('skips a duplicated line and a file without header', async () => {
    const a = file([...full.slice(0, 7), full[3]!]); // line 8 repeats line 4
    const b = file(full.slice(7)); // the other seeds, header removed
    const r = await run('merge', a, b, '--json');
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain(`${a} line 8: duplicate of line 4 (α = 0, d = ${JSON.parse(full[3]!).d}, seed ${JSON.parse(full[3]!).seedIndex}), skipped`);
    expect(r.err).toContain(`${b}: no sweep header on its first line`);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ partial: true, seedsFinished: 6, seedsPlanned: 12 });
    expect(j.runs.reduce((s: number, x: { seeds: number }) => s + x.seeds, 0)).toBe(6);
    const text = await run('merge', a, b);
    expect(text.out).toMatch(/^ {2}partial sweep: 6 of 12 seeds in these files\n/);
    expect(text.out).toContain('(partial: 6 of 12 seeds)');
  });

  it('a duplicate across files keeps the first and says where it is', async () => {
    const a = file(full.slice(0, 4), 'dup-a.jsonl');
    const b = file([full[0]!, full[2]!, ...full.slice(4)], 'dup-b.jsonl');
    const r = await run('merge', a, b, '--json');
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain(`${b} line 2: duplicate of ${a} line 3`);
    expect(runsOf(r.out)).toEqual(fullRuns);
    expect(JSON.parse(r.out).partial).toBe(false);
  });

  it('refuses when no file has a header', async () => {
    const r = await run('merge', file(full.slice(1)));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no sweep header[\s\S]*merge: none of .* is a sweep file with a header/);
  });
});

describe('output files: never overwritten without --force, checked before the sweep', () => {
  const noWork = (r: { out: string; err: string }) => {
    expect(r.out).toBe('');
    expect(r.err).not.toMatch(/seeds, \d+ s/); // no progress: the sweep never started
  };

  it('verify --out onto an existing file without --resume or --force is refused before any work', async () => {
    const f = file(['precious']);
    const r = await run('verify', ...small, '--out', f);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`--out: ${f} already exists; add --resume to continue the sweep in it, or --force to overwrite it`);
    noWork(r);
    expect(readFileSync(f, 'utf8')).toBe('precious\n');
  });

  it('--force overwrites it', async () => {
    const f = file(['precious']);
    const r = await run('verify', ...small, '--out', f, '--force');
    expect(r.code, r.err).toBe(0);
    expect(
      linesOf(f)
        .map((l) => JSON.parse(l).key ?? 'header')
        .sort(),
    ).toEqual(full.map((l) => JSON.parse(l).key ?? 'header').sort());
  });

  it('--out into a missing folder or onto a directory: exit 2 with the path, before the sweep', async () => {
    const missing = join(dir, 'no', 'such', 'f.jsonl');
    const r = await run('verify', ...small, '--out', missing);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`--out: cannot write ${missing}: the folder ${join(dir, 'no', 'such')} does not exist`);
    noWork(r);
    const folder = join(dir, 'a-folder');
    mkdirSync(folder);
    const d = await run('verify', ...small, '--out', folder);
    expect(d.code).toBe(2);
    expect(d.err).toContain(`--out: cannot write ${folder}: it is a directory`);
    noWork(d);
  });

  it('--plot: an existing file or a missing folder is refused before the sweep', async () => {
    const existing = join(dir, 'old.svg');
    writeFileSync(existing, '<svg/>');
    const r = await run('verify', ...small, '--plot', existing);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`--plot: ${existing} already exists; add --force to overwrite it`);
    noWork(r);
    const missing = join(dir, 'nowhere', 'p.svg');
    const m = await run('verify', ...small, '--plot', missing);
    expect(m.code).toBe(2);
    expect(m.err).toContain(`--plot: cannot write ${missing}`);
    noWork(m);
    const forced = await run('verify', ...small, '--plot', existing, '--force');
    expect(forced.code, forced.err).toBe(0);
    expect(readFileSync(existing, 'utf8')).not.toBe('<svg/>');
  });

  it('merge --out onto an existing file is refused; --force overwrites it', async () => {
    const a = file(full);
    const target = file(['precious']);
    const r = await run('merge', a, '--out', target);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`--out: ${target} already exists; add --force to overwrite it`);
    expect(r.out).toBe('');
    expect(readFileSync(target, 'utf8')).toBe('precious\n');
    const forced = await run('merge', a, '--out', target, '--force');
    expect(forced.code, forced.err).toBe(0);
    expect(linesOf(target)).toHaveLength(13);
    const plot = join(dir, 'nowhere', 'm.svg');
    const p = await run('merge', a, '--plot', plot);
    expect(p.code).toBe(2);
    expect(p.err).toContain(`--plot: cannot write ${plot}`);
    expect(p.out).toBe('');
  });
});

describe('an interrupted sweep says partial', () => {
  async function verify(argv: string[], signal: AbortSignal, onErr?: (t: string) => void) {
    let out = '';
    let err = '';
    const code = await verifyCommand(argv, { out: (t) => (out += t), err: (t) => ((err += t), onErr?.(t)) }, { signal });
    return { code, out, err };
  }

  it('in the text summary and its verdicts, and in JSON (interrupted before the first new seed)', async () => {
    const text = await verify([...small, '--out', file(full.slice(0, 6)), '--resume'], AbortSignal.abort());
    expect(text.code).toBe(130);
    expect(text.err).toContain('sindex: interrupted');
    expect(text.out).toMatch(/^ {2}partial sweep: 5 of 12 seeds finished \(interrupted: rerun with --resume to continue\)\n/);
    expect(text.out).toMatch(/α = 0: fitted slope .* → \w+ \(partial: 5 of 12 seeds\): /);
    const json = await verify([...small, '--out', file(full.slice(0, 6)), '--resume', '--json'], AbortSignal.abort());
    expect(json.code).toBe(130);
    expect(JSON.parse(json.out)).toMatchObject({ partial: true, seedsFinished: 5, seedsPlanned: 12 });
  });

  it('when stopped in the middle of the sweep (as by Ctrl-C), with every finished seed in the file', async () => {
    // more seeds than run at once (sixteen: chainScheduler.ts), so some have not started when it stops
    const many = sweep('He3(z)', '16,32', '20');
    const whole = await run('verify', ...many, '--json');
    expect(whole.code, whole.err).toBe(0);
    const stop = new AbortController();
    const f = join(dir, 'interrupted.jsonl');
    // the first progress line comes after the first seed: stop there
    const r = await verify([...many, '--out', f, '--json'], stop.signal, (t) => /seeds, /.test(t) && stop.abort());
    expect(r.code).toBe(130);
    const j = JSON.parse(r.out);
    expect(j.partial).toBe(true);
    expect(j.seedsPlanned).toBe(40);
    expect(j.seedsFinished).toBeGreaterThan(0);
    expect(j.seedsFinished).toBeLessThan(40);
    expect(linesOf(f)).toHaveLength(1 + j.seedsFinished);
    const resumed = await run('verify', ...many, '--out', f, '--resume', '--json');
    expect(resumed.code, resumed.err).toBe(0);
    expect(JSON.parse(resumed.out)).toMatchObject({ partial: false, seedsFinished: 40, skipped: [] });
    expect(runsOf(resumed.out)).toEqual(runsOf(whole.out));
  });
});
