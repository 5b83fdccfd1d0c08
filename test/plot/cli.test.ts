import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { byClass, parseXml, textContent } from './xml.js';

const dir = mkdtempSync(join(tmpdir(), 'sindex-plot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) }, out, err };
}

describe('--plot on the command line', () => {
  it('thresholds --plot FILE.svg writes the phase diagram', async () => {
    const file = join(dir, 'he3.svg');
    const c = capture();
    const code = await main(['thresholds', '--target', 'He3(z)', '--algo', 'alternating', '--plot', file], c.io);
    expect(c.err.join('')).toBe('');
    expect(code).toBe(0);
    expect(c.out.join('')).not.toBe('');
    const svg = parseXml(readFileSync(file, 'utf8'));
    expect(byClass(svg, 'breakpoint-label').map(textContent)).toEqual(['1/2']);
  });

  it('thresholds --plot FILE.tex writes pgfplots', async () => {
    const file = join(dir, 'he3.tex');
    const c = capture();
    expect(await main(['thresholds', '--target', 'He3(z)', '--algo', 'batch-reuse', '--plot', file], c.io)).toBe(0);
    const tex = readFileSync(file, 'utf8');
    expect(tex).toContain('\\begin{tikzpicture}');
    expect(tex).toContain('\\frac{3}{2}');
  });

  it('rejects other extensions and unwritable paths with a usage error', async () => {
    const bad = capture();
    expect(await main(['thresholds', '--target', 'He3(z)', '--plot', join(dir, 'x.png')], bad.io)).toBe(2);
    expect(bad.err.join('')).toContain('--plot needs a .svg or .tex file');
    expect(existsSync(join(dir, 'x.png'))).toBe(false);
    const unwritable = capture();
    expect(await main(['thresholds', '--target', 'He3(z)', '--plot', join(dir, 'no', 'such', 'dir.svg')], unwritable.io)).toBe(2);
    expect(unwritable.err.join('')).toContain('cannot write');
  });

  it('verify --plot FILE.svg writes the scaling plot after a tiny sweep', async () => {
    const file = join(dir, 'verify.svg');
    const c = capture();
    const code = await main(
      [
        'verify',
        '--target',
        'He2(z)',
        '--algo',
        'online',
        '--d',
        '16,32',
        '--alpha',
        '0',
        '--seeds',
        '4',
        '--workers',
        '1',
        '--max-steps',
        '200000',
        '--plot',
        file,
      ],
      c.io,
    );
    expect(code, c.err.join('')).toBe(0);
    const svg = parseXml(readFileSync(file, 'utf8'));
    expect(byClass(svg, 'series').map((g) => g.attrs['data-alpha'])).toEqual(['0']);
    expect(byClass(svg, 'legend-entry').map(textContent)[0]).toMatch(/^α = 0: fitted .* predicted /);
  });

  it('verify rejects a bad --plot extension before running the sweep', async () => {
    const c = capture();
    expect(await main(['verify', '--d', '16', '--plot', join(dir, 'v.pdf')], c.io)).toBe(2);
    expect(c.err.join('')).toContain('--plot needs a .svg or .tex file');
  });
});
