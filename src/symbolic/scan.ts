/**
 * A numeric scan of one parameter over a grid lo, lo + step, …, ≤ hi (`--set a=lo:step:hi`, issue 15):
 * the numeric-parameter analysis (src/analyze.ts) at each grid value, for the links the exact route
 * cannot treat (tanh(a·z), relu(z − a)). Every value keeps its error bound and its decision; nothing
 * here is exact between grid points.
 */
import { analyze, type AnalyzeOptions } from '../analyze.js';
import type { Decision } from '../analysis/hermiteCoefficients.js';
import { OutOfRangeError } from '../errors.js';
import { Rational } from '../exact/rational.js';
import { linkOf } from '../expr/link.js';
import { isParameterName } from '../expr/parse.js';
import { checkedRational } from '../limits.js';

/** Most grid points of one scan. */
const MAX_SCAN_POINTS = 101;

/** lo:step:hi, exact. */
export interface Grid {
  readonly parameter: string;
  readonly lo: Rational;
  readonly step: Rational;
  readonly hi: Rational;
}

/**
 * The grid values lo + i·step ≤ hi (an OutOfRangeError when step ≤ 0, hi < lo or too many points).
 * @example gridValues({ parameter: 'a', lo: Rational.of(0), step: Rational.of(1, 2), hi: Rational.of(1) }).map(String) // ['0', '1/2', '1']
 */
export function gridValues(g: Grid): Rational[] {
  if (g.step.sign() <= 0) throw new OutOfRangeError(`--set ${g.parameter}=lo:step:hi needs a step > 0, got ${g.step.toString()}`);
  if (g.hi.compare(g.lo) < 0) throw new OutOfRangeError(`--set ${g.parameter}=lo:step:hi needs lo ≤ hi, got ${g.lo.toString()} > ${g.hi.toString()}`);
  const span = g.hi.sub(g.lo).div(g.step);
  const count = span.num / span.den + 1n;
  if (count > BigInt(MAX_SCAN_POINTS)) throw new OutOfRangeError(`--set ${g.parameter}=lo:step:hi gives ${count} points; the limit is ${MAX_SCAN_POINTS}`);
  return Array.from({ length: Number(count) }, (_, i) => g.lo.add(g.step.mul(Rational.of(i))));
}

/**
 * The `--set` values split into one scan `name=lo:step:hi` (or none) and the plain `name=value` ones.
 * @example splitScanFlags(['a=0:1/2:2', 'b=3']).grid.step.toString() // '1/2'
 * @example splitScanFlags(['b=3']).rest // ['b=3']
 */
export function splitScanFlags(values: readonly string[] | undefined): { grid: Grid | null; rest: string[] } {
  let grid: Grid | null = null;
  const rest: string[] = [];
  for (const v of values ?? []) {
    const m = /^\s*([^=\s]+)\s*=\s*([^:]+):([^:]+):([^:]+)$/.exec(v);
    if (!m) {
      rest.push(v);
      continue;
    }
    if (grid !== null) throw new OutOfRangeError(`--set: one scan at a time, got ${grid.parameter} and ${m[1]}`);
    if (!isParameterName(m[1]!)) throw new OutOfRangeError(`--set: '${m[1]}' cannot be a parameter name (it is reserved or not an identifier)`);
    const q = (text: string, what: string) => checkedRational(`--set ${m[1]}=lo:step:hi (${what})`, text.trim());
    grid = { parameter: m[1]!, lo: q(m[2]!, 'lo'), step: q(m[3]!, 'step'), hi: q(m[4]!, 'hi') };
  }
  return { grid, rest };
}

export interface ScanRow {
  /** The parameter's value, exact ('1/2'). */
  readonly value: string;
  readonly informationExponent: number | null;
  readonly informationExponentDecidedBy: Decision | null;
  readonly labelPowers: readonly (number | null)[];
  readonly generativeExponent: number | null;
  /** Orthonormal α_k (or the chosen convention) with its error bound. */
  readonly coefficients: readonly { readonly k: number; readonly value: number; readonly error: number; readonly decidedBy: Decision }[];
  /** Set when the analysis at this value failed (then the exponents are null). */
  readonly error: string | null;
}

export interface Scan {
  readonly input: string;
  readonly parameter: string;
  readonly grid: { readonly lo: string; readonly step: string; readonly hi: string };
  readonly rows: readonly ScanRow[];
  readonly note: string;
}

/**
 * The numeric analysis of `source` at each grid value of one parameter (the others fixed in `options.parameters`).
 * @example scanParameter('z^3 + a*z', { parameter: 'a', lo: Rational.of(-3), step: Rational.of(3), hi: Rational.of(0) }, { geDegree: 0 }).rows.map((r) => r.informationExponent) // [3, 1]
 */
export function scanParameter(source: string, grid: Grid, options: AnalyzeOptions = {}): Scan {
  const values = gridValues(grid);
  const rows: ScanRow[] = values.map((v) => {
    const parameters = new Map(options.parameters ?? []);
    parameters.set(grid.parameter, v);
    try {
      const a = analyze(linkOf(source, { parameters }), { ...options, parameters });
      return {
        value: v.toString(),
        informationExponent: a.informationExponent,
        informationExponentDecidedBy: a.informationExponentDecidedBy,
        labelPowers: a.labelPowers.map((p) => p.informationExponent),
        generativeExponent: a.generativeExponent,
        coefficients: a.coefficients.map((c) => ({ k: c.k, value: c[a.convention], error: c.error, decidedBy: c.decidedBy })),
        error: null,
      };
    } catch (e) {
      if (!(e instanceof OutOfRangeError) && !(e instanceof Error && e.name === 'DomainError')) throw e;
      return {
        value: v.toString(),
        informationExponent: null,
        informationExponentDecidedBy: null,
        labelPowers: [],
        generativeExponent: null,
        coefficients: [],
        error: e.message,
      };
    }
  });
  return {
    input: source,
    parameter: grid.parameter,
    grid: { lo: grid.lo.toString(), step: grid.step.toString(), hi: grid.hi.toString() },
    rows,
    note: 'numeric scan: each value from the numeric-parameter analysis at that grid point, with its error bound; nothing is claimed between grid points',
  };
}
