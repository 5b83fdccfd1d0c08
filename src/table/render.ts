/**
 * Tables for papers: LaTeX (booktabs: \toprule \midrule \bottomrule, no vertical rules; compiles
 * in a plain article with booktabs and amsmath), Markdown, CSV and JSON, from `TableRow`s.
 *
 * LaTeX and Markdown are for reading: display headers, rounded numeric coefficients with their
 * bounds, "—" for a missing value. CSV is for programs: the headers are the column names of
 * `--columns`, a missing value is an empty cell, numbers are plain (full precision, no bounds,
 * α* as a decimal) and formulas use the input syntax (`sqrt(6)*h_3`, `d^2`, `d*log(d)`).
 * The `when` column (header "parameters") holds the case of a link with free parameters, one row
 * per case (`a != -3` in CSV, $a \neq -3$ in LaTeX, a ≠ −3 in Markdown); it is left out when no
 * row has free parameters.
 */
import { formatError, roundWithBound } from '../format/numbers.js';
import { Rational } from '../exact/rational.js';
import { escapeLatex } from '../plot/pgfplots.js';
import { unicodeCondition } from '../symbolic/condition.js';
import type { Rate, TableRow, TableTerm } from './rows.js';

export const COLUMNS = ['link', 'when', 'terms', 'ie', 'ge', 'leap', 'genLeap', 'p2', 'online', 'batchReuse', 'alternating'] as const;
export type Column = (typeof COLUMNS)[number];
export type TableFormat = 'latex' | 'md' | 'csv' | 'json';

/** Headers of the LaTeX and Markdown tables (CSV uses the column names themselves). */
const TITLE: Record<Column, { tex: string; text: string }> = {
  link: { tex: 'Link $\\sigma_*(z)$', text: 'link' },
  when: { tex: 'Parameters', text: 'parameters' },
  terms: { tex: 'First Hermite terms ($\\alpha_k h_k$)', text: 'first Hermite terms (α_k h_k)' },
  ie: { tex: '$p$', text: 'IE p' },
  ge: { tex: '$p^*$', text: 'GE p*' },
  leap: { tex: 'Leap', text: 'leap' },
  genLeap: { tex: 'Gen.\\ leap $k^*$', text: 'gen. leap k*' },
  p2: { tex: '$p_2$', text: 'p_2 = IE(σ²)' },
  online: { tex: 'Online SGD', text: 'online SGD' },
  batchReuse: { tex: 'Batch reuse', text: 'batch reuse / layer-wise' },
  alternating: { tex: 'Alt.\\ $\\alpha^*$', text: 'alternating α*' },
};

/** How a cell is written: for LaTeX, for reading (Markdown), or for programs (CSV). */
type Style = 'tex' | 'text' | 'csv';

const MISSING: Record<Style, string> = { tex: '---', text: '—', csv: '' };

function rate(r: Rate | null, style: Style): string {
  if (!r || r.dExponent === null) return MISSING[style];
  const e = r.dExponent;
  const polylog = r.log && (r.logNote?.includes('polylog') ?? false);
  if (style === 'csv') {
    const power = e === '1' ? 'd' : /^\d+$/.test(e) ? `d^${e}` : `d^(${e})`;
    return `${power}${!r.log ? '' : polylog ? '*polylog(d)' : '*log(d)'}`;
  }
  const tex = style === 'tex';
  const power = e === '1' ? 'd' : tex ? `d^{${e}}` : `d^${e}`;
  const log = !r.log ? '' : polylog ? (tex ? '\\,\\mathrm{polylog}\\,d' : ' polylog d') : tex ? '\\log d' : ' log d';
  return tex ? `$${power}${log}$` : `${power}${log}`;
}

/** True when a formula has a + or − between terms outside any brackets (so it needs them as a factor). */
function isSum(formula: string): boolean {
  let depth = 0;
  for (let i = 0; i < formula.length; i++) {
    const c = formula[i]!;
    if (c === '(' || c === '{' || c === '[') depth++;
    else if (c === ')' || c === '}' || c === ']') depth--;
    else if (depth === 0 && i > 0 && (c === '+' || c === '-') && formula[i - 1] === ' ' && formula[i + 1] === ' ') return true;
  }
  return false;
}

/**
 * One coefficient α_k as a factor, with its sign apart: exact when known, else rounded to 6
 * significant digits with a bound that covers its error and the rounding, e.g. (0.605706 ± 5.0e-7);
 * for CSV the value at full precision.
 */
function coefficient(t: TableTerm, style: Style): { negative: boolean; body: string } {
  if (t.exact !== null) {
    let s = style === 'tex' ? (t.tex ?? t.exact) : t.exact;
    const negative = s.startsWith('-') && !isSum(s);
    if (negative) s = s.slice(1);
    if (isSum(s)) s = style === 'tex' ? `\\left(${s}\\right)` : `(${s})`;
    return { negative, body: s };
  }
  const negative = t.value < 0;
  const magnitude = Math.abs(t.value);
  if (style === 'csv') return { negative, body: String(magnitude) };
  const r = roundWithBound(magnitude, t.error);
  if (r.bound === 0) return { negative, body: r.value };
  const bound = formatError(r.bound);
  if (style === 'text') return { negative, body: `(${r.value} ± ${bound})` };
  const [mantissa, exponent] = bound.split('e');
  return { negative, body: `(${r.value} \\pm ${mantissa}\\times 10^{${Number(exponent)}})` };
}

/** The first Hermite terms α_k h_k as one sum, a negative coefficient written as a difference. */
function terms(row: TableRow, style: Style): string {
  if (row.terms.length === 0) return MISSING[style];
  const minus = style === 'text' ? '−' : '-';
  const parts = row.terms.map((t, i) => {
    const { negative, body } = coefficient(t, style);
    const term = style === 'tex' ? `${body}\\,h_{${t.k}}` : style === 'csv' ? `${body}*h_${t.k}` : `${body}·h_${t.k}`;
    return i === 0 ? `${negative ? '-' : ''}${term}` : ` ${negative ? minus : '+'} ${term}`;
  });
  return style === 'tex' ? `$${parts.join('')}$` : parts.join('');
}

/** An undecided exponent: its candidates, marked (never a single number), or only "undecided" when none is known; empty in CSV. */
function undecided(candidates: string, style: Style): string {
  if (style === 'csv') return '';
  if (candidates === '') return style === 'tex' ? '(undecided)' : 'undecided';
  return style === 'tex' ? `$\\in${candidates.replace(/[{}]/g, (b) => `\\${b}`)}$ (undecided)` : `undecided ∈ ${candidates}`;
}

/** The case of a link with free parameters ('a != -3', $a \neq -3$, 'a ≠ −3'); missing for a link without. */
function when(row: TableRow, style: Style): string {
  if (row.when === undefined) return MISSING[style];
  if (style === 'csv') return row.when;
  return style === 'tex' ? `$${row.whenTex}$` : unicodeCondition(row.when);
}

/** The link: its name from the table file, else the expression (typeset in LaTeX). */
function link(row: TableRow, style: Style): string {
  if (style !== 'tex') return row.name;
  return row.name === row.expr ? `$${row.exprTex}$` : escapeLatex(row.name);
}

function cell(row: TableRow, column: Column, style: Style): string {
  const n = (x: number | null) => (x === null ? MISSING[style] : String(x));
  switch (column) {
    case 'link':
      return link(row, style);
    case 'when':
      return when(row, style);
    case 'terms':
      return terms(row, style);
    case 'ie':
      return row.ieUndecided ? undecided(row.ieUndecided, style) : n(row.ie);
    case 'ge':
      return row.geUndecided ? undecided(row.geUndecided, style) : n(row.ge);
    case 'leap':
      return row.leapUndecided !== null ? undecided(row.leapUndecided, style) : n(row.leap);
    case 'genLeap':
      return row.genLeapUndecided !== null ? undecided(row.genLeapUndecided, style) : n(row.genLeap);
    case 'p2':
      return n(row.p2);
    case 'online':
      return rate(row.online, style);
    case 'batchReuse':
      return rate(row.batchReuse, style);
    case 'alternating': {
      const a = row.alternatingAlpha;
      if (a === null) return MISSING[style];
      return style === 'tex' ? `$${a}$` : style === 'csv' ? String(Rational.parse(a).toNumber()) : a;
    }
  }
}

const csvQuote = (s: string) => (/[",\n\r]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * @example renderTable([tableRow({ name: 'He3', link: linkOf('He3(z)') })], 'md', ['link', 'ie']) // '| link | IE p |\n|---|---|\n| He3 | 3 |\n'
 * @example renderTable([tableRow({ name: 'He3', link: linkOf('He3(z)') })], 'csv', ['link', 'ie', 'alternating']) // 'link,ie,alternating\nHe3,3,0.5\n'
 */
export function renderTable(rows: readonly TableRow[], format: TableFormat, columns: readonly Column[] = COLUMNS): string {
  // the parameter column only where some link has free parameters
  if (!rows.some((r) => r.when !== undefined)) columns = columns.filter((c) => c !== 'when');
  switch (format) {
    case 'json':
      return `${JSON.stringify(rows, null, 2)}\n`;
    case 'csv':
      return `${[columns.join(','), ...rows.map((r) => columns.map((c) => csvQuote(cell(r, c, 'csv'))).join(','))].join('\n')}\n`;
    case 'md':
      return `${[
        `| ${columns.map((c) => TITLE[c].text).join(' | ')} |`,
        `|${columns.map(() => '---').join('|')}|`,
        ...rows.map((r) => `| ${columns.map((c) => cell(r, c, 'text').replace(/\|/g, '\\|')).join(' | ')} |`),
      ].join('\n')}\n`;
    case 'latex': {
      const spec = columns.map((c) => (c === 'link' || c === 'terms' ? 'l' : 'c')).join('');
      return `${[
        `\\begin{tabular}{${spec}}`,
        '\\toprule',
        `${columns.map((c) => TITLE[c].tex).join(' & ')} \\\\`,
        '\\midrule',
        ...rows.map((r) => `${columns.map((c) => cell(r, c, 'tex')).join(' & ')} \\\\`),
        '\\bottomrule',
        '\\end{tabular}',
      ].join('\n')}\n`;
    }
  }
}
