/**
 * `sindex verify --target EXPR` on a link in z1..zr (cli/verifyMultiIndex.ts), in-process: the
 * routing from cli/main.ts, exit codes, the JSON's keys, the predicted staircase against the one
 * worked out by hand (z1 + z1·z2: z1, then z2, each of leap 1, slope 1; arXiv 2302.11055), the
 * --out records' seeds against seedFor(seedFor(seed, d), i), and exit 2 on flags that have no
 * meaning for a multi-index target.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { seedFor } from '../../src/sgd/rng.js';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const small = ['--target', 'z1 + z1*z2', '--d', '20,40', '--seeds', '4', '--max-steps', '3000'];
const dir = mkdtempSync(join(tmpdir(), 'sindex-verify-multi-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sindex verify on a link in z1..zr', () => {
  it('--json: variables, the fits per direction, the observed and predicted staircase', async () => {
    const r = await run('verify', ...small, '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.mode).toBe('multi-index');
    expect(j.variables).toBe(2);
    expect(j.leap).toBe(1);
    expect(j.student).toBe('z + z^2');
    expect(j.fits.map((f: { label: string }) => f.label)).toEqual(['subspace', 'z1', 'z2']);
    for (const f of j.fits) for (const k of ['slope', 'ci', 'predicted', 'predictedWithLog', 'verdict', 'reason', 'medians']) expect(f).toHaveProperty(k);
    expect(j.fits.map((f: { predicted: number }) => f.predicted)).toEqual([1, 1, 1]);
    expect(j.staircase.predicted.map((p: { adds: number[] }) => p.adds)).toEqual([[1], [2]]);
    expect(j.staircase).toHaveProperty('observed');
    expect(j.staircase).toHaveProperty('agreement');
    expect(j.runs.map((x: { d: number; seeds: number }) => [x.d, x.seeds])).toEqual([
      [20, 4],
      [40, 4],
    ]);
  });

  it('the table names the staircase and the verdicts', async () => {
    const r = await run('verify', ...small);
    expect(r.code).toBe(0);
    expect(r.out).toContain('predicted staircase: {z1} (leap 1, slope 1) → {z2} (leap 1, slope 1)');
    expect(r.out).toMatch(/observed staircase \(medians at d = 40/);
    expect(r.out).toMatch(/^ {2}z2 +/m);
  });

  it('--out writes a header and one record per seed, seeded seedFor(seedFor(seed, d), i); an existing file needs --force', async () => {
    const file = join(dir, 'multi.jsonl');
    const r = await run('verify', ...small, '--seed', '9', '--out', file);
    expect(r.code).toBe(0);
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ sindexMultiIndexSweep: 1, target: 'z1 + z1*z2', seed: 9, width: 1 });
    const records = lines.slice(1);
    expect(records.map((x: { d: number; index: number; seed: number }) => [x.d, x.index, x.seed])).toEqual(
      [20, 40].flatMap((d) => [0, 1, 2, 3].map((i) => [d, i, seedFor(seedFor(9, d), i)])),
    );
    const again = await run('verify', ...small, '--out', file);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/--force/);
    expect((await run('verify', ...small, '--out', file, '--force')).code).toBe(0);
  });

  it('--width 2: a committee of two neurons, said in the text and the JSON', async () => {
    const text = await run('verify', ...small, '--width', '2');
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/a committee of 2 neurons/);
    const j = JSON.parse((await run('verify', ...small, '--width', '2', '--json')).out);
    expect(j.width).toBe(2);
  });

  it.each([
    [['--algo', 'batch-reuse'], /--algo batch-reuse: a link in z1\.\.zr is verified under online SGD only/],
    [['--alpha', '0.5'], /--alpha has no meaning for a link in z1\.\.zr/],
    [['--ode'], /--ode has no meaning/],
    [['--resume'], /--resume has no meaning/],
    [['--width', '0'], /--width/],
    [['--gamma', 'fast'], /--gamma/],
    [['--threshold', '1.5'], /--threshold/],
    [['--d', '20'], /at least two distinct d/],
  ])('exit 2 on %j', async (extra, message) => {
    const r = await run('verify', ...small, ...extra);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.out).toBe('');
  });

  it('exit 2 on a link mixing z with z1, and on an unknown flag', async () => {
    const mixed = await run('verify', '--target', 'z + z1', '--d', '20,40', '--seeds', '2');
    expect(mixed.code).toBe(2);
    expect(mixed.err).not.toMatch(/internal error/);
    expect((await run('verify', ...small, '--direction-threshold', '0.3')).code).toBe(2);
  });

  it('an --out path that is refused is checked before any run', async () => {
    const file = join(dir, 'kept.jsonl');
    writeFileSync(file, 'keep\n');
    const r = await run('verify', ...small, '--out', file);
    expect(r.code).toBe(2);
    expect(readFileSync(file, 'utf8')).toBe('keep\n');
  });
});
