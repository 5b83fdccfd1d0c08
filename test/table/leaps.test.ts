// `sindex table`'s leap and genLeap columns (issue 16). Expected values come from outside the engine:
//  - multi-index leaps derived by hand from the support of the product-Hermite expansion (comments below;
//    the coordinate leap of Abbe, Boix-Adserà, Misiakiewicz 2023, arXiv 2302.11055);
//  - for a link in z (r = 1) the leap is the information exponent and the generative leap the generative
//    exponent p* (docs/theory.md §8): IE from cases/links.yaml (cases/generate.py, sympy/mpmath), p* from
//    test/fixtures/generative/lambda.json (gen_lambda.py, mpmath) or p* = 1 where IE = 1 (p* ≤ p).
import { readFileSync } from 'node:fs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { main } from '../../cli/main.js';
import { linkOf } from '../../src/expr/link.js';
import { readCatalog } from '../../src/table/catalog.js';
import { isMultiIndexEntry, multiIndexTableRow } from '../../src/table/multiRows.js';
import { renderTable } from '../../src/table/render.js';
import { tableRow, type TableRow } from '../../src/table/rows.js';
import { tableRowsOf } from '../../src/table/symbolicRows.js';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

/**
 * Hand-derived leaps. He4(z1): one direction, first nonzero coefficient at k = 4 → leap 4. z1·z2·z3 =
 * h_1(z1)h_1(z2)h_1(z3): the only monomial needs all three directions at once → leap 3. z1 + z1·z2 + z1·z2·z3:
 * each monomial adds one direction to those of the previous one → leap 1.
 * Generative leaps, also by hand (arXiv 2506.05500, used only when the engine decides them): He4(z1) is
 * even, E[He_2(z1) | y] ≠ 0 → 2; z1·z2·z3 is unchanged by flipping two signs, so E[z_s | y] = 0, and
 * E[He_2(z_s) | y] ≠ 0 (a large |y| needs large |z_s|) → 2; the staircase has E[z1 | y] ≠ 0 and then
 * degree-1 steps → 1.
 */
const MULTI = [
  { expr: 'He4(z1)', r: 1, leap: 4, genLeap: 2 },
  { expr: 'z1*z2*z3', r: 3, leap: 3, genLeap: 2 },
  { expr: 'z1 + z1*z2 + z1*z2*z3', r: 3, leap: 1, genLeap: 1 },
] as const;

const yaml = `${MULTI.map((m) => `- expr: "${m.expr}"\n`).join('')}- name: He3\n  expr: He3(z)\n`;

describe('multi-index rows', () => {
  const entries = readCatalog(yaml, 'multi.yaml');

  it('a table file takes links in z1..z6 (parsed as multi-index links) next to links in z', () => {
    expect(entries.map(isMultiIndexEntry)).toEqual([true, true, true, false]);
  });

  for (const m of MULTI) {
    it(`${m.expr}: leap ${m.leap}, r = ${m.r}, the single-index columns missing`, () => {
      const row = multiIndexTableRow({ link: linkOf(m.expr, { variables: 'multi' }) });
      expect(row.leap).toBe(m.leap);
      expect(row.leapUndecided).toBeNull();
      expect(row.variables).toBe(m.r);
      expect([row.ie, row.ge, row.p2, row.online, row.batchReuse, row.alternatingAlpha, row.terms]).toEqual([null, null, null, null, null, null, []]);
      // the generative leap: decided, and the hand value
      expect(row.genLeapUndecided).toBeNull();
      expect(row.genLeap).toBe(m.genLeap);
    });
  }

  it('Markdown: leap and generative leap as numbers, the single-index columns "—"', () => {
    const rows = entries.flatMap((e) => tableRowsOf(e));
    const md = renderTable(rows, 'md', ['link', 'ie', 'ge', 'leap', 'genLeap', 'online']).split('\n');
    expect(md[0]).toBe('| link | IE p | GE p* | leap | gen. leap k* | online SGD |');
    MULTI.forEach((m, i) => {
      const cells = md[i + 2]!.split(' | ');
      expect(cells.slice(1, 4)).toEqual(['—', '—', String(m.leap)]);
      expect(cells[4]).toBe(String(m.genLeap));
      expect(cells[5]).toBe('— |');
    });
    // He3 in z: leap = IE = 3, generative leap = p* = 1 (lambda.json)
    expect(md[5]).toBe('| He3 | 3 | 1 | 3 | 1 | d^2 |');
  });

  it('CSV: empty cells for the missing columns; LaTeX: the directions as z_{k}', () => {
    const rows = entries.slice(1, 2).flatMap((e) => tableRowsOf(e));
    expect(renderTable(rows, 'csv', ['link', 'terms', 'ie', 'leap']).split('\n')[1]).toBe('z1*z2*z3,,,3');
    expect(renderTable(rows, 'latex', ['link', 'leap']).split('\n')[4]).toBe('$z_{1} z_{2} z_{3}$ & 3 \\\\');
  });

  it('an undecided leap is written with its candidates, as an undecided exponent is', () => {
    const row = multiIndexTableRow({ link: linkOf('z1*z2', { variables: 'multi' }) });
    const undecided: TableRow = { ...row, leap: null, leapUndecided: '{1, 2}', genLeap: null, genLeapUndecided: '' };
    expect(renderTable([undecided], 'md', ['leap', 'genLeap']).split('\n')[2]).toBe('| undecided ∈ {1, 2} | undecided |');
    expect(renderTable([undecided], 'latex', ['leap', 'genLeap']).split('\n')[4]).toBe('$\\in\\{1, 2\\}$ (undecided) & (undecided) \\\\');
    expect(renderTable([undecided], 'csv', ['leap', 'genLeap']).split('\n')[1]).toBe(',');
  });
});

describe('single-index rows: leap = IE, generative leap = p* (docs/theory.md §8)', () => {
  const catalog = parse(readFileSync(fileURLToPath(new URL('../../cases/links.yaml', import.meta.url)), 'utf8')) as {
    name: string;
    expr: string;
    informationExponent: number | null;
  }[];
  const lambda = JSON.parse(readFileSync(fileURLToPath(new URL('../fixtures/generative/lambda.json', import.meta.url)), 'utf8')) as {
    links: { expr: string; noise: string | null; generativeExponent: number }[];
  };
  const pStar = (expr: string, ie: number | null): number | null =>
    lambda.links.find((l) => l.expr === expr && l.noise === null)?.generativeExponent ?? (ie === 1 ? 1 : null);

  it('every link of cases/links.yaml: the leap is its stated information exponent', () => {
    const rows = readCatalog(readFileSync(fileURLToPath(new URL('../../cases/links.yaml', import.meta.url)), 'utf8'), 'cases/links.yaml').map((e) =>
      tableRow(e),
    );
    expect(rows).toHaveLength(catalog.length);
    rows.forEach((row, i) => {
      const c = catalog[i]!;
      expect(row.leap, c.name).toBe(c.informationExponent);
      expect(row.leapUndecided, c.name).toBeNull();
      const p = pStar(c.expr, c.informationExponent);
      if (p !== null) expect(row.genLeap, c.name).toBe(p);
    });
  });
});

describe('sindex table with multi-index links', () => {
  it('writes the leap and genLeap columns of a YAML file mixing links in z and in z1..z6', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sindex-leaps-'));
    const file = join(dir, 'links.yaml');
    writeFileSync(file, yaml);
    const { code, out } = await run('table', file, '--format', 'csv', '--columns', 'link,ie,leap');
    expect(code).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines[0]).toBe('link,ie,leap');
    // the last two cells of each row: IE (empty for a multi-index link), leap
    expect(lines.slice(1).map((l) => l.split(',').slice(-2).join(','))).toEqual([...MULTI.map((m) => `,${m.leap}`), '3,3']);
  });

  it('names leap and genLeap among the columns (help and the error for an unknown one)', async () => {
    const bad = await run('table', '--builtin', '--columns', 'link,lep');
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/unknown column 'lep'.*leap, genLeap/);
    const help = await run('table', '--help');
    expect(help.out).toMatch(/leap,genLeap/);
  });
});
