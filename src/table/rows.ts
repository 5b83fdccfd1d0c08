/**
 * One row per link for the tables of a paper (`sindex table`): the link, its first nonzero
 * Hermite terms, IE, GE, p₂ = IE(σ²), the online-SGD and batch-reuse/layer-wise sample
 * complexities, and the alternating-SGD threshold α* (η* ≍ d^{−α*}).
 */
import { formatCandidates, type Undecided } from '../analysis/exponents.js';
import { analyze } from '../analyze.js';
import type { Rational } from '../exact/rational.js';
import type { Link } from '../expr/link.js';
import { exprToTex } from '../expr/tex.js';
import { thresholds } from '../thresholds/thresholds.js';

export interface LinkEntry {
  /** What the link column shows; when missing (or the same text as the link's source), the printed expression. */
  readonly name?: string;
  /** The link, parsed once where the catalog or the options were read (parameters bound). */
  readonly link: Link;
  readonly noise?: Rational;
  /** The `set:` values, kept when the link has free parameters (parsed with `freeParameters`, analysed symbolically). */
  readonly parameters?: ReadonlyMap<string, Rational>;
}

export interface TableTerm {
  readonly k: number;
  /** α_k exactly (mathjs syntax / LaTeX), or null when numeric. */
  readonly exact: string | null;
  readonly tex: string | null;
  /** α_k as a float; NaN (null in JSON) when α_k is an expression in free parameters. */
  readonly value: number;
  /** bound on |value − α_k| (0 when exact) */
  readonly error: number;
}

/** n ≍ d^{dExponent}, times `logNote` ('d log d', 'd polylog d') when log factors are dropped. */
export interface Rate {
  readonly dExponent: string | null;
  readonly log: boolean;
  readonly logNote: string | null;
}

export interface TableRow {
  /** The link column: the entry's name, or `expr` when it has none. */
  readonly name: string;
  readonly expr: string;
  readonly exprTex: string;
  readonly terms: readonly TableTerm[];
  readonly ie: number | null;
  readonly ge: number | null;
  /** When the numbers cannot decide IE or p*: the candidates, e.g. "{2, 4}" (then ie/ge is null). */
  readonly ieUndecided: string | null;
  readonly geUndecided: string | null;
  readonly p2: number | null;
  readonly online: Rate | null;
  readonly batchReuse: Rate | null;
  /** α* of alternating SGD (its information regime holds for η ≲ d^{−α*}), or null when there is none. */
  readonly alternatingAlpha: string | null;
  /**
   * The leap and the generative leap (docs/theory.md §8). For a single-index link (r = 1) they are
   * the information exponent p and the generative exponent p*; for a multi-index link the coordinate
   * leap and k* of `analyzeMultiIndex`. When undecided: the candidates, as for `ieUndecided`.
   */
  readonly leap: number | null;
  readonly genLeap: number | null;
  readonly leapUndecided: string | null;
  readonly genLeapUndecided: string | null;
  /** r, the number of directions, for a multi-index link (absent for a single-index one). */
  readonly variables?: number;
  /** How the exponents were decided, e.g. "exact", "numeric", "symbolic". */
  readonly decidedBy: string;
  /** A link with free parameters: the parameters, and the case of the split this row holds on (ASCII as in JSON's `when`, and LaTeX). */
  readonly parameters?: readonly string[];
  readonly when?: string;
  readonly whenTex?: string;
}

/**
 * The leaps of a single-index link (r = 1): leap = IE p, generative leap = GE p* (docs/theory.md §8),
 * undecided exactly where the exponents are.
 * @example singleIndexLeaps(3, 1) // { leap: 3, genLeap: 1, leapUndecided: null, genLeapUndecided: null }
 */
export function singleIndexLeaps(
  ie: number | null,
  ge: number | null,
  undecided: { readonly informationExponentUndecided?: Undecided | null; readonly generativeExponentUndecided?: Undecided | null } = {},
): Pick<TableRow, 'leap' | 'genLeap' | 'leapUndecided' | 'genLeapUndecided'> {
  return {
    leap: ie,
    genLeap: ge,
    leapUndecided: undecided.informationExponentUndecided ? formatCandidates(undecided.informationExponentUndecided) : null,
    genLeapUndecided: undecided.generativeExponentUndecided ? formatCandidates(undecided.generativeExponentUndecided) : null,
  };
}

/**
 * What the link column shows: the entry's name, unless it is missing, blank or the link's source text; then the printed expression.
 * @example rowName({ name: 'He3', link: linkOf('He3(z)') }, 'He3(z)') // 'He3'
 * @example rowName({ name: ' ', link: linkOf('He3(z)') }, 'He3(z)') // 'He3(z)'
 */
export function rowName(entry: LinkEntry, expression: string): string {
  return entry.name !== undefined && entry.name.trim() !== '' && entry.name !== entry.link.source ? entry.name : expression;
}

/** Orthonormal terms shown per row. */
const TERMS = 3;

/**
 * @example tableRow({ name: 'He3', link: linkOf('He3(z)') }).alternatingAlpha // '1/2'
 * @example tableRow({ link: linkOf('z^3 + -3*z') }).name // 'z^3 - 3*z'
 */
export function tableRow(entry: LinkEntry, options: { readonly timeLimit?: number } = {}): TableRow {
  const a = analyze(entry.link, {
    noise: entry.noise,
    maxDegree: 12,
    powers: 2,
    tex: true,
    convention: 'orthonormal',
    timeLimit: options.timeLimit,
  });
  const terms = a.coefficients
    .filter((c) => !c.zero)
    .slice(0, TERMS)
    .map((c) => ({ k: c.k, exact: c.exact, tex: c.exactTex ?? null, value: c.orthonormal, error: c.exact === null ? c.error : 0 }));
  let alternatingAlpha: string | null = null;
  if (a.informationExponent !== null && a.informationExponent > 2) {
    const t = thresholds({ target: entry.link, algorithm: 'alternating', noise: entry.noise, timeLimit: options.timeLimit });
    alternatingAlpha = t.phaseDiagram.breakpoints.at(-1) ?? null;
  }
  const ladder = (name: string) => {
    const s = a.sampleComplexity.find((x) => x.algorithm === name);
    return s ? { dExponent: s.dExponent, log: s.log, logNote: s.logNote } : null;
  };
  const decisions = [a.informationExponentDecidedBy, a.generativeExponentDecidedBy, a.labelPowers[1]?.decidedBy].filter((d) => d !== null && d !== undefined);
  return {
    name: rowName(entry, a.expression),
    expr: a.expression,
    exprTex: exprToTex(entry.link.expr),
    terms,
    ie: a.informationExponent,
    ge: a.generativeExponent,
    ieUndecided: a.informationExponentUndecided ? formatCandidates(a.informationExponentUndecided) : null,
    geUndecided: a.generativeExponentUndecided ? formatCandidates(a.generativeExponentUndecided) : null,
    p2: a.labelPowers[1]?.informationExponent ?? null,
    online: ladder('online-sgd'),
    batchReuse: ladder('batch-reuse'),
    alternatingAlpha,
    ...singleIndexLeaps(a.informationExponent, a.generativeExponent, a),
    decidedBy: decisions.includes('numeric') ? 'numeric' : (decisions[0] ?? '—'),
  };
}
