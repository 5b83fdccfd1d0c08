/**
 * Tables for papers: LaTeX (booktabs: \toprule \midrule \bottomrule, no vertical rules; compiles
 * in a plain article with booktabs and amsmath), Markdown, CSV and JSON, from `TableRow`s.
 */
import { formatError, roundWithBound } from '../format/numbers.js';
import type { Rate, TableRow, TableTerm } from './rows.js';

export const COLUMNS = ['link', 'terms', 'ie', 'ge', 'p2', 'online', 'batchReuse', 'alternating'] as const;
export type Column = (typeof COLUMNS)[number];
export type TableFormat = 'latex' | 'md' | 'csv' | 'json';

const TITLE: Record<Column, { tex: string; text: string }> = {
  link: { tex: 'Link $\\sigma_*(z)$', text: 'link' },
  terms: { tex: 'First Hermite terms ($\\alpha_k h_k$)', text: 'first Hermite terms (α_k h_k)' },
  ie: { tex: '$p$', text: 'IE p' },
  ge: { tex: '$p^*$', text: 'GE p*' },
  p2: { tex: '$p_2$', text: 'p_2 = IE(σ²)' },
  online: { tex: 'Online SGD', text: 'online SGD' },
  batchReuse: { tex: 'Batch reuse', text: 'batch reuse / layer-wise' },
  alternating: { tex: 'Alt.\\ $\\alpha^*$', text: 'alternating α*' },
};

function rate(r: Rate | null, tex: boolean): string {
  if (!r || r.dExponent === null) return tex ? '---' : '—';
  const e = r.dExponent;
  const power = e === '1' ? 'd' : tex ? `d^{${e}}` : `d^${e}`;
  const log = !r.log ? '' : r.logNote?.includes('polylog') ? (tex ? '\\,\\mathrm{polylog}\\,d' : ' polylog d') : tex ? '\\log d' : ' log d';
  return tex ? `$${power}${log}$` : `${power}${log}`;
}

/**
 * One coefficient: exact when known, else rounded to 6 significant digits with a bound that covers
 * its error and the rounding, e.g. (0.605706 ± 5.0e-7).
 */
function term(t: TableTerm, tex: boolean): string {
  if (t.exact !== null) return tex ? (t.tex ?? t.exact) : t.exact;
  const r = roundWithBound(t.value, t.error);
  if (r.bound === 0) return r.value;
  const bound = formatError(r.bound);
  if (!tex) return `(${r.value} ± ${bound})`;
  const [mantissa, exponent] = bound.split('e');
  return `(${r.value} \\pm ${mantissa}\\times 10^{${Number(exponent)}})`;
}

/** An exponent the numbers cannot decide: its candidates, marked (never a single number). */
function undecided(candidates: string, tex: boolean): string {
  return tex ? `$\\in${candidates.replace(/[{}]/g, (b) => `\\${b}`)}$ (undecided)` : `undecided ∈ ${candidates}`;
}

function cell(row: TableRow, column: Column, tex: boolean): string {
  const n = (x: number | null) => (x === null ? (tex ? '---' : '—') : String(x));
  switch (column) {
    case 'link':
      return tex ? `$${row.exprTex}$` : row.expr;
    case 'terms': {
      if (row.terms.length === 0) return tex ? '---' : '—';
      if (tex) {
        return `$${row.terms.map((t, i) => { const s = term(t, true); return `${i > 0 && !s.startsWith('-') ? '+ ' : ''}${s}\\,h_{${t.k}}`; }).join(' ')}$`;
      }
      return row.terms.map((t) => `${term(t, false)}·h_${t.k}`).join(' + ').replace(/\+ -/g, '− ');
    }
    case 'ie':
      return row.ieUndecided ? undecided(row.ieUndecided, tex) : n(row.ie);
    case 'ge':
      return row.geUndecided ? undecided(row.geUndecided, tex) : n(row.ge);
    case 'p2':
      return n(row.p2);
    case 'online':
      return rate(row.online, tex);
    case 'batchReuse':
      return rate(row.batchReuse, tex);
    case 'alternating':
      return row.alternatingAlpha === null ? (tex ? '---' : '—') : tex ? `$${row.alternatingAlpha}$` : row.alternatingAlpha;
  }
}

const csvQuote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * @example renderTable(rows, 'md', ['link', 'ie']) // '| link | IE p |\n|---|---|\n| He(3, z) | 3 |\n'
 */
export function renderTable(rows: readonly TableRow[], format: TableFormat, columns: readonly Column[] = COLUMNS): string {
  switch (format) {
    case 'json':
      return JSON.stringify(rows, null, 2) + '\n';
    case 'csv':
      return [columns.map((c) => csvQuote(TITLE[c].text)).join(','), ...rows.map((r) => columns.map((c) => csvQuote(cell(r, c, false))).join(','))].join('\n') + '\n';
    case 'md':
      return [`| ${columns.map((c) => TITLE[c].text).join(' | ')} |`, `|${columns.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${columns.map((c) => cell(r, c, false).replace(/\|/g, '\\|')).join(' | ')} |`)].join('\n') + '\n';
    case 'latex': {
      const spec = columns.map((c) => (c === 'link' || c === 'terms' ? 'l' : 'c')).join('');
      return [
        `\\begin{tabular}{${spec}}`,
        '\\toprule',
        `${columns.map((c) => TITLE[c].tex).join(' & ')} \\\\`,
        '\\midrule',
        ...rows.map((r) => `${columns.map((c) => cell(r, c, true)).join(' & ')} \\\\`),
        '\\bottomrule',
        '\\end{tabular}',
      ].join('\n') + '\n';
    }
  }
}
