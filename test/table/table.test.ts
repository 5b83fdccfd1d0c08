// `sindex table`: rows from closed forms (docs/theory.md), booktabs LaTeX that compiles when pdflatex
// is present, Markdown/CSV/JSON, and YAML errors with line numbers.
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../cli/main.js';
import { readCatalog } from '../../src/table/catalog.js';
import { tableRow } from '../../src/table/rows.js';
import { renderTable } from '../../src/table/render.js';
import { OutOfRangeError } from '../../src/errors.js';
import { exprToString } from '../../src/expr/tree.js';
import { linkOf } from '../../src/expr/link.js';

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
    const r = tableRow({ name: 'He3', link: linkOf('He3(z)') });
    expect(r.terms).toEqual([{ k: 3, exact: 'sqrt(6)', tex: '\\sqrt{6}', value: Math.sqrt(6), error: 0 }]);
    expect([r.ie, r.ge, r.p2]).toEqual([3, 1, 2]);
    expect(r.online).toMatchObject({ dExponent: '2', log: false });
    expect(r.batchReuse).toMatchObject({ dExponent: '1', log: true });
    expect(r.alternatingAlpha).toBe('1/2');
  });

  it('ReLU: α_0 = 1/√(2π), α_1 = 1/2, α_2 = 1/(2√π); no alternating threshold (p = 1)', () => {
    const r = tableRow({ name: 'ReLU', link: linkOf('relu(z)') });
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
    for (let z = -40; z <= 40; z += h) alpha1 += (h * Math.exp((-z * z) / 2)) / Math.cosh(z) ** 2 / Math.sqrt(2 * Math.PI);
    const r = tableRow({ name: 'tanh', link: linkOf('tanh(z)') });
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
    expect(
      tex
        .trim()
        .split('\n')
        .filter((l) => l.endsWith('\\\\')),
    ).toHaveLength(4); // header + 3 rows
  });

  it('LaTeX compiles in a plain article with booktabs and amsmath (skipped without pdflatex)', (ctx) => {
    const has = spawnSync('pdflatex', ['--version']).status === 0;
    if (!has) {
      ctx.skip();
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'sindex-tex-'));
    writeFileSync(
      join(dir, 't.tex'),
      `\\documentclass{article}\\usepackage{booktabs}\\usepackage{amsmath}\\begin{document}\n${renderTable(rows, 'latex')}\\end{document}\n`,
    );
    execFileSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', 't.tex'], { cwd: dir });
  });

  it('Markdown, CSV and JSON carry the same cells', () => {
    const md = renderTable(rows, 'md', ['link', 'ie', 'ge', 'alternating']);
    expect(md.split('\n')[2]).toBe('| He3 | 3 | 1 | 1/2 |');
    const csv = renderTable(rows, 'csv', ['link', 'terms', 'p2']);
    expect(csv.split('\n')[2]).toBe('ReLU,1/sqrt(2*pi)*h_0 + 1/2*h_1 + 1/(2*sqrt(pi))*h_2,1');
    const json = JSON.parse(renderTable(rows, 'json'));
    expect(json.map((r: { ie: number }) => r.ie)).toEqual([3, 1, 4]);
  });

  it('the link column shows the name: field of the table file, in every format', () => {
    // the names given in the YAML above, in its order
    expect(renderTable(rows, 'md', ['link']).split('\n').slice(2, 5)).toEqual(['| He3 |', '| ReLU |', '| He4 |']);
    expect(renderTable(rows, 'csv', ['link']).split('\n').slice(1, 4)).toEqual(['He3', 'ReLU', 'He4']);
    expect(renderTable(rows, 'latex', ['link']).split('\n').slice(4, 7)).toEqual(['He3 \\\\', 'ReLU \\\\', 'He4 \\\\']);
    expect(JSON.parse(renderTable(rows, 'json')).map((r: { name: string }) => r.name)).toEqual(['He3', 'ReLU', 'He4']);
  });

  it('without a name the link column shows the expression, printed (LaTeX: typeset)', () => {
    const unnamed = readCatalog('- expr: z^3 + -3*z\n- expr: relu(z)\n  name: ""\n', 'links.yaml').map((e) => tableRow(e));
    // z^3 − 3z is He_3: IE 3
    expect(renderTable(unnamed, 'csv', ['link', 'ie'])).toBe('link,ie\nz^3 - 3*z,3\nrelu(z),1\n');
    expect(renderTable(unnamed, 'latex', ['link']).split('\n')[4]).toBe('$z^{3} - 3 z$ \\\\');
  });

  it('CSV: the --columns names as headers, plain numbers, empty cells for missing values', () => {
    const csv = renderTable(rows, 'csv').split('\n');
    expect(csv[0]).toBe('link,terms,ie,ge,leap,genLeap,p2,online,batchReuse,alternating');
    // He3 (docs/theory.md §3–§4): α_3 = √6, p = 3, p* = 1, leap = p, generative leap = p* (§8, r = 1), p_2 = 2,
    // online d², batch reuse d polylog d, α* = 1/2
    expect(csv[1]).toBe('He3,sqrt(6)*h_3,3,1,3,1,2,d^2,d*polylog(d),0.5');
    // ReLU: p = p* = p_2 = 1, online d, no alternating threshold (empty, not a dash)
    expect(csv[2]).toBe('ReLU,1/sqrt(2*pi)*h_0 + 1/2*h_1 + 1/(2*sqrt(pi))*h_2,1,1,1,1,1,d,d*polylog(d),');
    expect(csv.join('\n')).not.toMatch(/[—−±·]/);
    // a numeric coefficient is the plain value: α_1 of tanh is E[sech² z] ≈ 0.6057
    const tanh = renderTable([tableRow({ name: 'tanh', link: linkOf('tanh(z)') })], 'csv', ['terms', 'alternating']).split('\n')[1]!;
    const m = /^(\d\.\d+)\*h_1 - (\d\.\d+)\*h_3 \+ (\d\.\d+)\*h_5,$/.exec(tanh);
    expect(m, tanh).not.toBeNull();
    expect(m![1]!.length).toBeGreaterThan(12);
    expect(Number(m![1])).toBeCloseTo(0.605706, 5);
    // Markdown keeps the display headers and marks the missing α* of ReLU
    const md = renderTable(rows, 'md').split('\n');
    expect(md[0]).toBe(
      '| link | first Hermite terms (α_k h_k) | IE p | GE p* | leap | gen. leap k* | p_2 = IE(σ²) | online SGD | batch reuse / layer-wise | alternating α* |',
    );
    expect(md[3]!.endsWith('| — |')).toBe(true);
  });

  it('a coefficient that is a sum is bracketed, a negative one written as a difference', () => {
    const r = tableRow({ link: linkOf('relu(z - 1)') });
    expect(r.terms[0]!.exact).toMatch(/ [-+] /);
    // α_0 = E[(z − 1)₊] = φ(1) − (1 − Φ(1)), α_1 = P(z > 1) = 1 − Φ(1)
    expect(renderTable([r], 'md', ['terms']).split('\n')[2]).toBe(
      '| (exp(-1/2)/sqrt(2*pi) - 1 + Phi(1))·h_0 + (1 - Phi(1))·h_1 + exp(-1/2)/(2*sqrt(pi))·h_2 |',
    );
    const sin = tableRow({ link: linkOf('sin(z)') }); // α_3 < 0: e^{-1/2}·h_1 − (e^{-1/2}/√6)·h_3 + …
    expect(renderTable([sin], 'md', ['terms']).split('\n')[2]).toBe('| exp(-1/2)·h_1 − exp(-1/2)/sqrt(6)·h_3 + exp(-1/2)/(2*sqrt(30))·h_5 |');
    expect(renderTable([sin], 'latex', ['terms'])).toContain('\\,h_{1} - ');
  });
});

describe('the built-in catalog', () => {
  it('has no two entries with the same expression (as parsed and printed)', () => {
    const entries = readCatalog(readFileSync(fileURLToPath(new URL('../../cases/links.yaml', import.meta.url)), 'utf8'), 'cases/links.yaml');
    expect(entries.length).toBeGreaterThan(24);
    const printed = entries.map((e) => exprToString(e.link.expr));
    const seen = new Map<string, string>();
    const duplicates: string[] = [];
    entries.forEach((e, i) => {
      const first = seen.get(printed[i]!);
      if (first !== undefined) duplicates.push(`${e.name ?? e.link.source} repeats ${first} (${printed[i]})`);
      else seen.set(printed[i]!, e.name ?? e.link.source);
    });
    expect(duplicates).toEqual([]);
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
    expect(r.out).toMatch(/^link,ie\n/);
    expect(r.out).toContain('\nHe3,3\n');
  }, 60_000);

  it('bad flags exit 2', async () => {
    expect((await run('table', '--builtin', '--format', 'pdf')).code).toBe(2);
    expect((await run('table', '--builtin', '--columns', 'link,foo')).err).toMatch(/unknown column 'foo'/);
  });
});
