/**
 * Table rows of a link with free parameters (issue 15): one row per joint case of the splits of
 * IE, p* and p₂ (src/symbolic/refine.ts), e.g. z³ + a·z gives "a ≠ −3" (IE 1) and "a = −3" (IE 3).
 *
 * A case that pins every parameter to a rational value (a = −3) is the numeric row of the link with
 * those values bound (the exact route of `tableRow`), with the case's condition attached. Any other
 * case (the generic one, an algebraic point a = ±√2, an equation in several parameters) is written
 * from the splits: α_k as expressions in the parameters (α_k with 1 ≤ k < IE left out: they vanish
 * there), the sample-complexity ladder of (IE, p*), and the alternating α* by the closed form of
 * docs/theory.md §4, α* = [((p−1)∨1) − ((p₂−1)∨1)]/2 when p > 2 and it is positive (exact on every
 * case: with student = target μ_i = i·u_i(σ)² + η·(i/2)·u_i(σ²)² vanishes exactly where u_i does,
 * src/symbolic/thresholdsCases.ts).
 */
import { analyzeSymbolic } from '../symbolic/analyzeSymbolic.js';
import type { CaseValue } from '../symbolic/cases.js';
import { conditionTex, conditionText } from '../symbolic/condition.js';
import { jointCases, pinnedValues } from '../symbolic/refine.js';
import { exponentSplits } from '../symbolic/splits.js';
import { Rational } from '../exact/rational.js';
import { linkOf } from '../expr/link.js';
import { exprToTex } from '../expr/tex.js';
import { freeParametersOf } from '../symbolic/freeParameters.js';
import { alternatingAlphaOf, sampleComplexityLadder } from '../generative/sampleComplexity.js';
import { isMultiIndexEntry, multiIndexTableRow } from './multiRows.js';
import { type LinkEntry, type Rate, type TableRow, singleIndexLeaps, tableRow } from './rows.js';

/** Orthonormal terms shown per row (as in `tableRow`). */
const TERMS = 3;

/**
 * True when the entry's link still has a parameter without a value (it was parsed with free parameters).
 * @example hasFreeParameter({ link: linkOf('z^3 + a*z', { freeParameters: true }) }) // true
 * @example hasFreeParameter({ link: linkOf('He3(z)') }) // false
 */
export function hasFreeParameter(entry: LinkEntry): boolean {
  return freeParametersOf(entry.link.expr).length > 0;
}

const numberOf = (v: CaseValue | undefined): number | null => (typeof v === 'number' ? v : null);

/**
 * The rows of one link with free parameters, the generic case first.
 * @example symbolicTableRows({ link: linkOf('z^3 + a*z', { freeParameters: true }) }).map((r) => `${r.ie} if ${r.when}`) // ['1 if a != -3', '3 if a = -3']
 */
export function symbolicTableRows(entry: LinkEntry, options: { readonly timeLimit?: number } = {}): TableRow[] {
  const source = entry.link.source;
  const bound = entry.parameters ?? new Map<string, Rational>();
  const noise = entry.noise ?? Rational.ZERO;
  const a = analyzeSymbolic(source, { parameters: bound, noise, powers: 2, convention: 'orthonormal' });
  const splits = exponentSplits(entry.link.expr, noise);
  if (splits === null) throw new Error(`symbolicTableRows: no case split for ${source}`);
  const lists = [
    splits.informationExponent,
    splits.generativeExponent ?? [{ when: [], value: 'unresolved' as const }],
    splits.p2 ?? [{ when: [], value: 'unresolved' as const }],
  ];
  const name = entry.name !== undefined && entry.name.trim() !== '' && entry.name !== source ? entry.name : a.expression;
  const exprTex = exprToTex(entry.link.expr);
  return jointCases(lists, a.parameters).map((c) => {
    const tag = { parameters: a.parameters, when: conditionText(c.when), whenTex: conditionTex(c.when) };
    const pins = pinnedValues(c.when);
    if (a.parameters.every((v) => pins.has(v))) {
      const values = new Map([...bound, ...pins]);
      const row = tableRow({ link: linkOf(source, { parameters: values }), noise: entry.noise }, options);
      return { ...row, name, expr: a.expression, exprTex, ...tag };
    }
    const [ie, ge, p2] = c.values.map(numberOf) as [number | null, number | null, number | null];
    // the parameters the case pins (a = 0 with b free) substituted into the coefficients
    const here = pins.size === 0 ? a : analyzeSymbolic(source, { parameters: new Map([...bound, ...pins]), noise, powers: 1, convention: 'orthonormal' });
    const terms = here.coefficients
      .filter((t) => !t.identicallyZero && !(ie !== null && t.k >= 1 && t.k < ie))
      .slice(0, TERMS)
      .map((t) => ({ k: t.k, exact: t.exact, tex: t.tex, value: Number.NaN, error: 0 }));
    const ladder = (algorithm: string): Rate | null => {
      if (ie === null) return null;
      const s = sampleComplexityLadder(ie, ge).find((x) => x.algorithm === algorithm);
      return s ? { dExponent: s.dExponent, log: s.log, logNote: s.logNote } : null;
    };
    const unresolved = c.values.some((v) => v === 'unresolved');
    return {
      name,
      expr: a.expression,
      exprTex,
      terms,
      ie,
      ge,
      ieUndecided: null,
      geUndecided: null,
      p2,
      online: ladder('online-sgd'),
      batchReuse: ladder('batch-reuse'),
      alternatingAlpha: alternatingAlphaOf(ie, p2),
      ...singleIndexLeaps(ie, ge),
      decidedBy: unresolved ? 'symbolic (partly unresolved)' : 'symbolic',
      ...tag,
    };
  });
}

/**
 * The rows of one entry: the multi-index row of a link in z1..zr, `tableRow` for a link with every
 * parameter bound, one row per case otherwise.
 * @example tableRowsOf({ link: linkOf('He3(z)') }).length // 1
 * @example tableRowsOf({ link: linkOf('z1*z2', { variables: 'multi' }) })[0].leap // 2
 */
export function tableRowsOf(entry: LinkEntry, options: { readonly timeLimit?: number } = {}): TableRow[] {
  if (isMultiIndexEntry(entry)) return [multiIndexTableRow(entry)];
  return hasFreeParameter(entry) ? symbolicTableRows(entry, options) : [tableRow(entry, options)];
}
