// `sindex escape`: the committee sweep end to end — the paper's predictions beside simulated exit
// times, identical records whatever the workers, shards and resumes, and bad input.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeCommand } from '../../cli/escape.js';
import { main } from '../../cli/main.js';
import { escapeConfig } from '../../src/escape/config.js';
import { planEscape } from '../../src/escape/plan.js';
import { parseEscapeFile } from '../../src/escape/records.js';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const small = ['escape', '--width', '1,3', '--d', '120', '--seeds', '6', '--risk-drop', '0.3', '--seed', '5'];

/** The record lines of a sweep file without their order (workers finish in any order). */
function recordSet(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => {
      try {
        return 'key' in JSON.parse(l);
      } catch {
        return false; // a torn line stays in the file and is skipped when read
      }
    })
    .sort();
}

describe('sindex escape: the report', () => {
  it('prints the JSON the issue asks for, with γ = c·p and the paper’s s_min/d and gain', async () => {
    const r = await run(...small, '--json', '--workers', '1');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    for (const k of ['target', 'activation', 'noise', 'riskDrop', 'rows']) expect(j).toHaveProperty(k);
    expect(j.rows.map((x: { p: number }) => x.p)).toEqual([1, 3]);
    for (const row of j.rows) {
      for (const k of ['p', 'd', 'gamma', 'gammaOpt', 'odeExitSamples', 'annealedSamples', 'quenchedSamples', 'sMinOverD', 'gain', 'median', 'ci', 'reached']) {
        expect(row).toHaveProperty(k);
      }
      expect(row.gamma).toBeCloseTo(0.1 * row.p, 12);
      // γ_opt(p) = p³/(8 + 2p + 2p²) and s_min(p)/d = (8 + 2p + 2p²)·log[(T(p+1)d + (p+1)(1 − T))/(2p)]/(4p²) at Δ = 0 (2305.18502)
      const p = row.p;
      const d = 120;
      const T = 0.3;
      expect(row.gammaOpt).toBeCloseTo(p ** 3 / (8 + 2 * p + 2 * p * p), 12);
      const sMinOverD = (q: number) => ((8 + 2 * q + 2 * q * q) * Math.log((T * (q + 1) * d + (q + 1) * (1 - T)) / (2 * q))) / (4 * q * q);
      expect(row.sMinOverD).toBeCloseTo(sMinOverD(p), 10);
      expect(row.gain).toBeCloseTo(sMinOverD(1) / sMinOverD(p), 10);
      // annealed: t = log[(T(p+1)d + (p+1)(1 − T))/(2p)]/(8[1 − (γ/p)(1 + 1/p + 4/p²)]), samples = t·p·d/γ
      const t = Math.log((T * (p + 1) * d + (p + 1) * (1 - T)) / (2 * p)) / (8 * (1 - (row.gamma / p) * (1 + 1 / p + 4 / p ** 2)));
      expect(row.annealedSamples).toBeCloseTo((t * p * d) / row.gamma, 6);
      expect(row.reached).toBeGreaterThan(0);
    }
  });

  it('prints the table with the predictions, the simulated median and the verdicts', async () => {
    const r = await run(...small, '--workers', '1');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/ODE exit\s+annealed\s+quenched\s+simulated median \[95% CI\]/);
    expect(r.out).toMatch(/p = 3, d = 120: mean\/quenched = /);
  });

  it('says why there is no ODE time for a target of information exponent 3', async () => {
    const r = await run(
      'escape',
      '--target',
      'He3(z)',
      '--activation',
      'z^3',
      '--width',
      '1',
      '--d',
      '60',
      '--seeds',
      '2',
      '--gamma',
      '0.05',
      '--max-steps',
      '2000',
      '--json',
    );
    expect(r.code).toBe(0);
    const row = JSON.parse(r.out).rows[0];
    expect(row.odeExitSamples).toBeNull();
    expect(row.caveat).toMatch(/k\* = 3 ≥ 3/);
  });
});

describe('sindex escape: the sweep machinery', () => {
  it('writes the same records with 1 or 2 workers, and shards that make up the whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sindex-escape-'));
    const one = join(dir, 'one.jsonl');
    const two = join(dir, 'two.jsonl');
    expect((await run(...small, '--workers', '1', '--out', one)).code).toBe(0);
    expect((await run(...small, '--workers', '2', '--out', two)).code).toBe(0);
    expect(recordSet(two)).toEqual(recordSet(one));
    const shards = [1, 2].map((i) => join(dir, `s${i}.jsonl`));
    for (const [i, f] of shards.entries()) expect((await run(...small, '--workers', '1', '--shard', `${i + 1}/2`, '--out', f)).code).toBe(0);
    const strip = (l: string) => l.replace(/,"shard":(null|"\d\/\d")/, '');
    expect(shards.flatMap(recordSet).map(strip).sort()).toEqual(recordSet(one).map(strip).sort());
    const merged = join(dir, 'merged.jsonl');
    const m = await run('merge', ...shards, '--out', merged, '--json');
    expect(m.code).toBe(0);
    expect(recordSet(merged)).toEqual(recordSet(one));
    expect(JSON.parse(m.out).seedsFinished).toBe(12);
  });

  it('merge refuses to overwrite an existing --out without --force, as for verify sweep files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sindex-escape-'));
    const sweep = join(dir, 'sweep.jsonl');
    const existing = join(dir, 'existing.jsonl');
    expect((await run(...small, '--workers', '1', '--out', sweep)).code).toBe(0);
    writeFileSync(existing, 'keep\n');
    const refused = await run('merge', sweep, '--out', existing);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/already exists; add --force/);
    expect(readFileSync(existing, 'utf8')).toBe('keep\n');
    expect((await run('merge', sweep, '--out', existing, '--force')).code).toBe(0);
    expect(recordSet(existing)).toEqual(recordSet(sweep));
  });

  it('writes --plot in the format its extension names, from a sweep and from merge (pgfplots for .tex, SVG for .svg)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sindex-escape-'));
    const sweep = join(dir, 'sweep.jsonl');
    const [tex, svg] = [join(dir, 'exit.tex'), join(dir, 'merged.svg')];
    expect((await run(...small, '--workers', '1', '--out', sweep, '--plot', tex)).code).toBe(0);
    expect((await run('merge', sweep, '--plot', svg)).code).toBe(0);
    expect(readFileSync(tex, 'utf8')).toMatch(/\\begin\{tikzpicture\}/);
    expect(readFileSync(svg, 'utf8')).toMatch(/^<\?xml [^\n]*\n<svg /);
    const refused = await run(...small, '--workers', '1', '--plot', join(dir, 'exit.png'));
    expect(refused.code).toBe(2); // refused before the sweep runs
  });

  it('resumes an interrupted sweep to the same records, and refuses a file of another sweep', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sindex-escape-'));
    const fresh = join(dir, 'fresh.jsonl');
    expect((await run(...small, '--workers', '1', '--out', fresh)).code).toBe(0);
    const partial = join(dir, 'partial.jsonl');
    const lines = readFileSync(fresh, 'utf8').split('\n');
    writeFileSync(partial, `${lines.slice(0, 5).join('\n')}\n${lines[5]!.slice(0, 20)}`); // header, 4 records, a torn line
    let err = '';
    const code = await escapeCommand([...small.slice(1), '--workers', '1', '--out', partial, '--resume'], { out: () => {}, err: (t) => (err += t) });
    expect(code).toBe(0);
    expect(err).toMatch(/not valid JSON/);
    expect(recordSet(partial)).toEqual(recordSet(fresh));
    expect(parseEscapeFile(readFileSync(partial, 'utf8')).header?.config.seeds).toBe(6);
    const other = await run(...small.map((a) => (a === '0.3' ? '0.4' : a)), '--out', partial, '--resume');
    expect(other.code).toBe(2);
    expect(other.err).toMatch(/holds a different escape sweep/);
  });

  it('stops on an abort with every finished seed kept (exit 130)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sindex-escape-'));
    const file = join(dir, 'cut.jsonl');
    const controller = new AbortController();
    // the first progress line comes with the first finished seed: interrupt there
    const code = await escapeCommand(
      [...small.slice(1), '--workers', '1', '--out', file],
      { out: () => {}, err: (t) => (/ 1\/12 seeds/.test(t) ? controller.abort() : undefined) },
      { signal: controller.signal },
    );
    expect(code).toBe(130);
    expect(recordSet(file).length).toBeGreaterThan(0);
    expect(recordSet(file).length).toBeLessThan(12);
  });

  it('plans (p, d, seed) tasks with seeds that do not depend on the other widths', () => {
    const a = planEscape(escapeConfig({ widths: [1, 2], ds: [200], seeds: 3 }));
    const b = planEscape(escapeConfig({ widths: [2], ds: [200], seeds: 3 }));
    expect(a.tasks.length).toBe(6);
    expect(b.tasks.map((t) => t.seed)).toEqual(a.tasks.filter((t) => t.p === 2).map((t) => t.seed));
    expect(new Set(a.tasks.map((t) => t.seed)).size).toBe(6);
  });
});

describe('sindex escape: bad input is exit 2 with a message', () => {
  it.each([
    [['--risk-drop', '1.5'], /--risk-drop must be a number in \(0, 1\)/],
    [['--width', '0'], /--width/],
    [['--width', '5', '--d', '6'], /--d 6 is too small for width 5/],
    [['--activation', 'tanh(z)', '--gamma', 'opt'], /--gamma opt is the paper's γ_opt\(p\) for the square committee/],
    [['--second-layer-rate', '0.1'], /--second-layer-rate goes with --train-second-layer/],
    [['--gamma', 'fast'], /--gamma must be 'opt', a positive number G, or c\*p/],
    [['--activation', 'tahn(z)'], /unknown function 'tahn'/],
  ])('%j', async (flags, message) => {
    const r = await run('escape', ...flags, '--seeds', '1');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });
});
