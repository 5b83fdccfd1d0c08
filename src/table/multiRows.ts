/**
 * Table rows of multi-index links y = g(z1..zr) + noise (issue 16): the leap (coordinate leap,
 * arXiv 2302.11055) and the generative leap k* (arXiv 2506.05500) of `analyzeMultiIndex`; the
 * single-index columns (Hermite terms in one variable, IE, GE, p₂, the rates, α*) are missing ("—").
 * An undecided leap is written as the table writes an undecided exponent: its candidates, never one number.
 */
import { formatCandidates } from '../analysis/exponents.js';
import { exprToTex } from '../expr/tex.js';
import { analyzeMultiIndex, type UndecidedLeap } from '../multiIndex/analyzeMulti.js';
import { directionsOf } from '../multiIndex/variables.js';
import { rowName, type LinkEntry, type TableRow } from './rows.js';

/**
 * True when the entry's link is in directions z1..zr (parsed with `variables: 'multi'`).
 * @example isMultiIndexEntry({ link: linkOf('z1*z2', { variables: 'multi' }) }) // true
 * @example isMultiIndexEntry({ link: linkOf('He3(z)') }) // false
 */
export function isMultiIndexEntry(entry: LinkEntry): boolean {
  return directionsOf(entry.link.expr).length > 0;
}

/**
 * The candidates of an undecided leap as the table writes them: "{1, 2}", "{2, 3} or > 3" when
 * no certified path bounds it, "" when nothing is known yet.
 * @example leapCandidates({ undecided: true, candidates: [1, 2], unbounded: false, reason: '' }) // '{1, 2}'
 * @example leapCandidates({ undecided: true, candidates: [2, 3], unbounded: true, reason: '' }) // '{2, 3} or > 3'
 * @example leapCandidates({ undecided: true, candidates: [], unbounded: true, reason: 'not computed yet' }) // ''
 */
export function leapCandidates(u: UndecidedLeap): string {
  if (u.candidates.length === 0) return '';
  return formatCandidates({ candidates: u.candidates, above: u.unbounded ? u.candidates.at(-1)! : null, reason: u.reason });
}

/**
 * zk written z_{k} in the LaTeX of a multi-index tree. The TeX of such a tree names no variable but
 * the directions (parameters are bound to numbers, functions are \commands or \operatorname{…}).
 * @example subscriptDirections('z1 z_{2} \\tanh(z3)') // 'z_{1} z_{2} \\tanh(z_{3})'
 */
export const subscriptDirections = (tex: string): string => tex.replace(/(?<![A-Za-z\\_])z(\d+)/g, 'z_{$1}');

/**
 * The row of a multi-index link: leap and generative leap, r; the single-index columns missing.
 * @example multiIndexTableRow({ link: linkOf('z1*z2*z3', { variables: 'multi' }) }).leap // 3
 * @example multiIndexTableRow({ link: linkOf('He4(z1)', { variables: 'multi' }) }).ie // null
 */
export function multiIndexTableRow(entry: LinkEntry): TableRow {
  const a = analyzeMultiIndex(entry.link, { noise: entry.noise });
  const decided = (x: number | UndecidedLeap) => (typeof x === 'number' ? { value: x, undecided: null } : { value: null, undecided: leapCandidates(x) });
  const leap = decided(a.leap);
  const genLeap = decided(a.generativeLeap);
  return {
    name: rowName(entry, a.expression),
    expr: a.expression,
    exprTex: subscriptDirections(exprToTex(entry.link.expr)),
    terms: [],
    ie: null,
    ge: null,
    ieUndecided: null,
    geUndecided: null,
    p2: null,
    online: null,
    batchReuse: null,
    alternatingAlpha: null,
    leap: leap.value,
    genLeap: genLeap.value,
    leapUndecided: leap.undecided,
    genLeapUndecided: genLeap.undecided,
    variables: a.variables,
    decidedBy: a.leapDecidedBy,
  };
}
