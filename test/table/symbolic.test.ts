// `sindex table` with free parameters (issue 15): one row per joint case of IE, p* and p₂. Every row
// is checked two ways: against values derived by hand below (u_k of σ and of σ² in the He basis,
// [z^n]_k = n!/(k!·2^m·m!) for n − k = 2m), and, for every rational case value and a generic value,
// against the numeric-parameter row of the same link with that value bound (`set:` / `--set`).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { Rational } from '../../src/exact/rational.js';
import { linkOf } from '../../src/expr/link.js';
import { tableRows } from '../../src/index.js';
import { readCatalog } from '../../src/table/catalog.js';
import { renderTable } from '../../src/table/render.js';
import { type TableRow, tableRow } from '../../src/table/rows.js';
import { symbolicTableRows } from '../../src/table/symbolicRows.js';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const rowsOf = (source: string, set: Record<string, number | string> = {}) =>
  symbolicTableRows({
    link: linkOf(source, { freeParameters: true, parameters: new Map(Object.entries(set).map(([k, v]) => [k, Rational.parse(String(v))])) }),
    parameters: new Map(Object.entries(set).map(([k, v]) => [k, Rational.parse(String(v))])),
  });

/** The numeric row of `source` with every parameter bound (the --set route). */
const numericRow = (source: string, set: Record<string, number | string>) =>
  tableRow({ link: linkOf(source, { parameters: new Map(Object.entries(set).map(([k, v]) => [k, Rational.parse(String(v))])) }) });

const summary = (r: TableRow) => ({
  ie: r.ie,
  ge: r.ge,
  p2: r.p2,
  online: r.online?.dExponent ?? null,
  batchReuse: r.batchReuse?.dExponent ?? null,
  alternating: r.alternatingAlpha,
});

/** Each family: its rows derived by hand (when, IE, p*, p₂), and a parameter value inside each row's case for the numeric route (null: irrational). */
const families: {
  source: string;
  rows: { when: string; ie: number | null; ge: number | null; p2: number | null; at: Record<string, number> | null }[];
}[] = [
  {
    // z³ + a z = He_3 + (a + 3) He_1 (odd: p* = 1); σ² = z⁶ + 2a z⁴ + a² z²: u_1 = 0, u_2 = 45 + 12a + a² > 0 (disc 144 − 180 < 0)
    source: 'z^3 + a*z',
    rows: [
      { when: 'a != -3', ie: 1, ge: 1, p2: 2, at: { a: 1 } },
      { when: 'a = -3', ie: 3, ge: 1, p2: 2, at: { a: -3 } },
    ],
  },
  {
    // u_1 = a² − 2 vanishes at ±√2 where σ = He_3; σ odd so σ² even, u_2(σ²) ≠ 0 (He_3² has u_2 = 18 at a = ±√2)
    source: '(a^2 - 2)*z + He3(z)',
    rows: [
      { when: 'a != -sqrt(2) and a != sqrt(2)', ie: 1, ge: 1, p2: 2, at: { a: 1 } },
      { when: 'a = -sqrt(2) or a = sqrt(2)', ie: 3, ge: 1, p2: 2, at: null },
    ],
  },
  {
    // u_3 = c, u_4 = 1; σ² ∋ 2c He_3 He_4 with E[z He_3 He_4] = E[He_4²] = 24 ≠ 0 → p₂ = 1; c = 0: He_4 even, p₂ = 2
    source: 'He4(z) + c*He3(z)',
    rows: [
      { when: 'c != 0', ie: 3, ge: 1, p2: 1, at: { c: 1 } },
      { when: 'c = 0', ie: 4, ge: 2, p2: 2, at: { c: 0 } },
    ],
  },
  {
    // u_1 = a + 3 (z² = He_2 + 1 adds nothing to u_1), u_2 = a − 1; σ² has u_1 = 3·2(a + 3)(a − 1):
    // IE/p* break at a = −3 (σ = −4z²), p₂ at a = 1 too (σ = 4z, σ² = 16z²) — two different points
    source: '(a + 3)*z + (a - 1)*z^2',
    rows: [
      { when: 'a != -3 and a != 1', ie: 1, ge: 1, p2: 1, at: { a: 2 } },
      { when: 'a = -3', ie: 2, ge: 2, p2: 2, at: { a: -3 } },
      { when: 'a = 1', ie: 1, ge: 1, p2: 2, at: { a: 1 } },
    ],
  },
  {
    // an irrational point in one split and a rational one in another: u_1 = a² − 2, u_2 = a − 1, so IE and p*
    // are 2 at a = ±√2 (σ = (a − 1)z², a − 1 ≠ 0); σ² has u_1 = 6(a² − 2)(a − 1): p₂ = 2 at a = 1 too (σ = −z)
    source: '(a^2 - 2)*z + (a - 1)*z^2',
    rows: [
      { when: 'a != -sqrt(2) and a != 1 and a != sqrt(2)', ie: 1, ge: 1, p2: 1, at: { a: 2 } },
      { when: 'a = -sqrt(2) or a = sqrt(2)', ie: 2, ge: 2, p2: 2, at: null },
      { when: 'a = 1', ie: 1, ge: 1, p2: 2, at: { a: 1 } },
    ],
  },
  {
    // two parameters: u_1 = b, u_2 = a; σ² = a²z⁴ + 2ab z³ + b²z² has u_1 = 6ab, u_2 = 6a² + b²
    source: 'a*z^2 + b*z',
    rows: [
      { when: 'b != 0 and a != 0', ie: 1, ge: 1, p2: 1, at: { a: 1, b: 1 } },
      { when: 'b != 0 and a = 0', ie: 1, ge: 1, p2: 2, at: { a: 0, b: 2 } },
      { when: 'b = 0 and a != 0', ie: 2, ge: 2, p2: 2, at: { a: -1, b: 0 } },
      { when: 'b = 0 and a = 0', ie: null, ge: null, p2: null, at: { a: 0, b: 0 } },
    ],
  },
];

describe('one row per case', () => {
  for (const f of families) {
    it(`${f.source}: the cases and their exponents, derived by hand`, () => {
      const rows = rowsOf(f.source);
      expect(rows.map((r) => ({ when: r.when, ie: r.ie, ge: r.ge, p2: r.p2 }))).toEqual(f.rows.map(({ when, ie, ge, p2 }) => ({ when, ie, ge, p2 })));
    });

    it(`${f.source}: each row equals the numeric row at a value inside its case (--set)`, () => {
      const rows = rowsOf(f.source);
      f.rows.forEach((h, i) => {
        if (h.at === null) return;
        expect(summary(rows[i]!), `${f.source} at ${JSON.stringify(h.at)}`).toEqual(summary(numericRow(f.source, h.at)));
      });
    });
  }

  it('the irrational case a = ±√2: a rational next to √2 (7/5) is generic, and the exponents at ±√2 are those of He3', () => {
    const [generic, special] = rowsOf('(a^2 - 2)*z + He3(z)');
    expect(summary(numericRow('(a^2 - 2)*z + He3(z)', { a: '7/5' }))).toEqual(summary(generic!));
    expect(summary(special!)).toEqual(summary(tableRow({ link: linkOf('He3(z)') })));
    expect(special!.terms.map((t) => t.exact)).toEqual(['sqrt(6)']);
  });

  it('terms: α_k as expressions on the generic row, the bound values on a pinned row', () => {
    const [generic, special] = rowsOf('z^3 + a*z');
    expect(generic!.terms.map((t) => [t.k, t.exact])).toEqual([
      [1, 'a + 3'],
      [3, 'sqrt(6)'],
    ]);
    expect(special!.terms.map((t) => [t.k, t.exact])).toEqual([[3, 'sqrt(6)']]);
    // b = 0 pinned, a free: σ = a z², α_0 = a, α_2 = √2·a
    const third = rowsOf('a*z^2 + b*z')[2]!;
    expect(third.terms.map((t) => [t.k, t.exact])).toEqual([
      [0, 'a'],
      [2, 'sqrt(2)*a'],
    ]);
  });

  it('alternating α* = [((p−1)∨1) − ((p₂−1)∨1)]/2 on a free row: He4 + c·He3 gives 1/2 for c ≠ 0 (p = 3, p₂ = 1), 1 at c = 0 (p = 4, p₂ = 2)', () => {
    expect(rowsOf('He4(z) + c*He3(z)').map((r) => r.alternatingAlpha)).toEqual(['1/2', '1']);
  });

  it('set: fixes some parameters, the others stay free: a = 1 in a z² + b z leaves b ≠ 0 (1, 1, 1) and b = 0 (2, 2, 2)', () => {
    const rows = rowsOf('a*z^2 + b*z', { a: 1 });
    expect(rows.map((r) => [r.when, r.ie, r.ge, r.p2])).toEqual([
      ['b != 0', 1, 1, 1],
      ['b = 0', 2, 2, 2],
    ]);
    expect(rows[0]!.parameters).toEqual(['b']);
  });
});

describe('formats', () => {
  const rows = rowsOf('z^3 + a*z');

  it('Markdown: a parameters column in Unicode', () => {
    const md = renderTable(rows, 'md', ['link', 'when', 'ie', 'alternating']).split('\n');
    expect(md.slice(0, 4)).toEqual([
      '| link | parameters | IE p | alternating α* |',
      '|---|---|---|---|',
      '| z^3 + a*z | a ≠ −3 | 1 | — |',
      '| z^3 + a*z | a = −3 | 3 | 1/2 |',
    ]);
  });

  it('CSV: machine names, the condition in input syntax', () => {
    expect(renderTable(rows, 'csv').split('\n').slice(0, 3)).toEqual([
      // leap, genLeap = IE, p* for a link in z (docs/theory.md §8)
      'link,when,terms,ie,ge,leap,genLeap,p2,online,batchReuse,alternating',
      'z^3 + a*z,a != -3,(a + 3)*h_1 + sqrt(6)*h_3,1,1,1,1,2,d,d*polylog(d),',
      'z^3 + a*z,a = -3,sqrt(6)*h_3,3,1,3,1,2,d^2,d*polylog(d),0.5',
    ]);
  });

  it('LaTeX: the condition in TeX', () => {
    const tex = renderTable(rows, 'latex', ['link', 'when', 'ie']).split('\n');
    expect(tex[2]).toBe('Link $\\sigma_*(z)$ & Parameters & $p$ \\\\');
    expect(tex.slice(4, 6)).toEqual(['$z^{3} + a z$ & $a \\neq -3$ & 1 \\\\', '$z^{3} + a z$ & $a = -3$ & 3 \\\\']);
  });

  it('JSON: when and whenTex on each row', () => {
    const j = JSON.parse(renderTable(rows, 'json'));
    expect(j.map((r: TableRow) => [r.when, r.whenTex, r.ie])).toEqual([
      ['a != -3', 'a \\neq -3', 1],
      ['a = -3', 'a = -3', 3],
    ]);
  });

  it('a table without free parameters has no parameters column', () => {
    expect(renderTable([tableRow({ link: linkOf('He3(z)') })], 'csv').split('\n')[0]).toBe('link,terms,ie,ge,leap,genLeap,p2,online,batchReuse,alternating');
  });
});

describe('catalog, library and command line', () => {
  it('the catalog YAML accepts free parameters (with set: for some)', () => {
    const entries = readCatalog('- expr: z^3 + a*z\n- expr: a*z^2 + b*z\n  set: {a: 1}\n', 'links.yaml');
    expect(entries.map((e) => e.link.source)).toEqual(['z^3 + a*z', 'a*z^2 + b*z']);
    expect(tableRows('- expr: z^3 + a*z\n- expr: He3(z)\n').map((r) => [r.when ?? null, r.ie])).toEqual([
      ['a != -3', 1],
      ['a = -3', 3],
      [null, 3],
    ]);
    expect(tableRows([{ expr: 'a*z^2 + b*z', set: { a: 1 } }]).map((r) => r.when)).toEqual(['b != 0', 'b = 0']);
  });

  it('sindex table FILE --format csv: one row per case; a parameter inside tanh is refused with exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sindex-table-symbolic-'));
    const file = join(dir, 'links.yaml');
    writeFileSync(file, '- expr: He4(z) + c*He3(z)\n  name: He4 + c He3\n');
    const r = await run('table', file, '--format', 'csv', '--columns', 'link,when,ie,ge,p2');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe('link,when,ie,ge,p2\nHe4 + c He3,c != 0,3,1,1\nHe4 + c He3,c = 0,4,2,2\n');
    writeFileSync(file, '- expr: tanh(a*z)\n');
    const bad = await run('table', file);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/tanh/);
    expect(bad.err).toMatch(/--set a=/);
  });
});
