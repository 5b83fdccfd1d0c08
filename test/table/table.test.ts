// `sindex table`: rows from closed forms (docs/theory.md), booktabs LaTeX that compiles when pdflatex
// is present, Markdown/CSV/JSON, and YAML errors with line numbers.
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../cli/main.js';
import { readCatalog } from '../../src/table/catalog.js';
import { tableRow } from '../../src/table/rows.js';
import { renderTable } from '../../src/table/render.js';
import { OutOfRangeError } from '../../src/errors.js';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const yaml = `- name: He3
  expr: He3(z)
- name: ReLU
  expr: relu(z)
- name: He4
  expr: He4(z)
`;

describe('table rows', () => {
  it('He3: α_3 = √6, p = 3, p* = 1, p_2 = 2, online d², alternating α* = 1/2 (docs/theory.md §3–§4)', () => {
    const r = tableRow({ name: 'He3', expr: 'He3(z)' });
    expect(r.terms).toEqual([{ k: 3, exact: 'sqrt(6)', tex: '\\sqrt{6}', value: Math.sqrt(6), error: 0 }]);
    expect([r.ie, r.ge, r.p2]).toEqual([3, 1, 2]);
    expect(r.online).toMatchObject({ dExponent: '2', log: false });
    expect(r.batchReuse).toMatchObject({ dExponent: '1', log: true });
    expect(r.alternatingAlpha).toBe('1/2');
  });

  it('ReLU: α_0 = 1/√(2π), α_1 = 1/2, α_2 = 1/(2√π); no alternating threshold (p = 1)', () => {
    const r = tableRow({ name: 'ReLU', expr: 'relu(z)' });
    expect(r.terms.map((t) => t.tex)).toEqual(['\\frac{1}{\\sqrt{2\\pi}}', '\\frac{1}{2}', '\\frac{1}{2\\sqrt{\\pi}}']);
    expect(r.terms[2]!.value).toBeCloseTo(1 / (2 * Math.sqrt(Math.PI)), 15);
    expect(r.alternatingAlpha).toBeNull();
  });
});

describe('numeric terms', () => {
  it('tanh: α_1 = E[z·tanh z] = E[sech² z] shown rounded with a bound that covers the true value, in every format', () => {
    // E[sech² z] by the trapezoid rule on a fine grid (the integrand is smooth and decays like e^{−z²/2})
    let alpha1 = 0;
    const h = 1e-3;
    for (let z = -40; z <= 40; z += h) alpha1 += (h * Math.exp(-z * z / 2)) / Math.cosh(z) ** 2 / Math.sqrt(2 * Math.PI);
    const r = tableRow({ name: 'tanh', expr: 'tanh(z)' });
    expect(r.terms[0]!.exact).toBeNull();
    const md = renderTable([r], 'md', ['terms']).split('\n')[2]!;
    const m = /\((-?[\d.]+) ± ([\d.]+e-?\d+)\)·h_1/.exec(md);
    expect(m, md).not.toBeNull();
    expect(Math.abs(Number(m![1]) - alpha1)).toBeLessThanOrEqual(Number(m![2]));
    expect(renderTable([r], 'latex', ['terms'])).toContain(`(${m![1]} \\pm `);
  });
});

describe('formats', () => {
  const rows = readCatalog(yaml, 'links.yaml').map((e) => tableRow(e));

  it('LaTeX uses booktabs rules and no vertical rules', () => {
    const tex = renderTable(rows, 'latex');
    expect(tex).toMatch(/\\toprule[\s\S]*\\midrule[\s\S]*\\bottomrule/);
    expect(tex).toMatch(/^\\begin\{tabular\}\{[lc]+\}/);
    expect(tex).not.toMatch(/\\hline|\{[^}]*\|[^}]*\}/);
    expect(tex).toContain('\\frac{1}{\\sqrt{2\\pi}}');
    expect(tex.trim().split('\n').filter((l) => l.endsWith('\\\\'))).toHaveLength(4); // header + 3 rows
  });

  it('LaTeX compiles in a plain article with booktabs and amsmath (skipped without pdflatex)', (ctx) => {
    const has = spawnSync('pdflatex', ['--version']).status === 0;
    if (!has) {
      ctx.skip();
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'sindex-tex-'));
    writeFileSync(join(dir, 't.tex'), `\\documentclass{article}\\usepackage{booktabs}\\usepackage{amsmath}\\begin{document}\n${renderTable(rows, 'latex')}\\end{document}\n`);
    execFileSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', 't.tex'], { cwd: dir });
  });

  it('Markdown, CSV and JSON carry the same cells', () => {
    const md = renderTable(rows, 'md', ['link', 'ie', 'ge', 'alternating']);
    expect(md.split('\n')[2]).toBe('| He(3, z) | 3 | 1 | 1/2 |');
    const csv = renderTable(rows, 'csv', ['link', 'terms', 'p2']);
    expect(csv.split('\n')[2]).toBe('relu(z),1/sqrt(2*pi)·h_0 + 1/2·h_1 + 1/(2*sqrt(pi))·h_2,1');
    const json = JSON.parse(renderTable(rows, 'json'));
    expect(json.map((r: { ie: number }) => r.ie)).toEqual([3, 1, 4]);
  });
});

describe('catalog YAML', () => {
  const bad: [string, string, RegExp][] = [
    ['not a list', 'expr: z\n', /links\.yaml:1: expected a list/],
    ['missing expr', '- name: a\n  expr: z\n- name: b\n', /links\.yaml:3: expr is missing/],
    ['bad link', '- expr: z\n- expr: rleu(z)\n', /links\.yaml:2: rleu\(z\): unknown function 'rleu'/],
    ['bad parameter value', '- expr: tanh(a*z)\n  set:\n    a: two\n', /links\.yaml:3: the value of a must be a number/],
    ['broken YAML', '- expr: [z\n', /links\.yaml:\d+: not valid YAML/],
  ];
  it.each(bad)('%s: an error with its line number', (_n, text, message) => {
    expect(() => readCatalog(text, 'links.yaml')).toThrow(OutOfRangeError);
    expect(() => readCatalog(text, 'links.yaml')).toThrow(message);
  });

  it('reads the test catalog cases/links.yaml as built-in', async () => {
    const r = await run('table', '--builtin', '--format', 'csv', '--columns', 'link,ie');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^link,IE p\n/);
    expect(r.out).toContain('"He(3, z)",3');
  }, 60_000);

  it('bad flags exit 2', async () => {
    expect((await run('table', '--builtin', '--format', 'pdf')).code).toBe(2);
    expect((await run('table', '--builtin', '--columns', 'link,foo')).err).toMatch(/unknown column 'foo'/);
  });
});
