/**
 * The panes of a multi-index link y = g(z1..zr) (issue 16) as text: pure functions from the
 * engine's `MultiIndexAnalysis` to lines at most `width` columns wide. The coefficients pane lists
 * the product-Hermite expansion α_k = E[g Π_s h_{k_s}(z_s)] grouped by degree |k|; the exponents
 * pane the leap with its staircase and the generative leap with its steps. Nothing is computed here.
 */
import type { MultiIndexAnalysis, UndecidedLeap } from '../../src/multiIndex/analyzeMulti.js';
import type { MultiCoefficient } from '../../src/multiIndex/expansion.js';
import { formatRounded } from '../../src/format/numbers.js';
import { leapCandidates } from '../../src/table/multiRows.js';
import { clip, flow, wrap } from './panes.js';

/** Text broken into lines of at most `width` columns, the lines after the first indented by `indent` more than it. */
function hang(text: string, width: number, indent = 4): string[] {
  const lead = /^ */.exec(text)![0];
  const pad = ' '.repeat(lead.length + indent);
  return wrap(text.trimStart(), width - pad.length).map((l, i) => (i === 0 ? `${lead}${l}` : `${pad}${l}`));
}

/** "multi-index, r = 3". */
export const multiIndexLabel = (a: MultiIndexAnalysis): string => `multi-index, r = ${a.variables}`;

/** A leap as the panes write it: the number, or "undecided ∈ {1, 2}" (never one number when undecided). */
export function leapText(leap: number | UndecidedLeap): string {
  if (typeof leap === 'number') return String(leap);
  const candidates = leapCandidates(leap);
  return candidates === '' ? 'undecided' : `undecided ∈ ${candidates}`;
}

/** The headline: r, the leap and its online rate, the generative leap and its rate. */
export function multiHeadlineParts(a: MultiIndexAnalysis): string[] {
  return [
    multiIndexLabel(a),
    `leap ${leapText(a.leap)}`,
    ...(a.sampleComplexity === null ? [] : [`online ${a.sampleComplexity}`]),
    `generative leap ${leapText(a.generativeLeap)}`,
    ...(a.generativeSampleComplexity === null ? [] : [`low-degree ${a.generativeSampleComplexity}`]),
  ];
}

/** One coefficient: "(1, 1) 1", the value exact, else rounded with its bound, '?' when not certified nonzero. */
function coefficientText(c: MultiCoefficient): string {
  const value = c.exact ?? formatRounded(c.orthonormal, c.error);
  return `(${c.multiIndex.join(',')}) ${value}${c.status === 'nonzero' ? '' : '?'}`;
}

/** The coefficients pane: how the expansion was computed, then α_k grouped by |k|, then what is certified zero and what lies beyond K. */
export function multiCoefficientLines(a: MultiIndexAnalysis, width: number): string[] {
  const e = a.expansion;
  const degrees = [...new Set(a.coefficients.map((c) => c.multiIndex.reduce((s, x) => s + x, 0)))].sort((x, y) => x - y);
  const groups = degrees.flatMap((n) =>
    flow(a.coefficients.filter((c) => c.multiIndex.reduce((s, x) => s + x, 0) === n).map(coefficientText), '  ', width - 8).map(
      (l, i) => `${i === 0 ? `|k|=${String(n).padEnd(3)}` : '        '}${l}`,
    ),
  );
  return [
    clip(`${multiIndexLabel(a)}   route: ${e.route}   parity: ${e.parities.join(', ')}${a.noise ? `   Δ = ${a.noise}` : ''}`, width),
    clip(`orthonormal α_k = E[g Π h_{k_s}(z_s)], |k| ≤ ${a.maxDegree} (? = not certified nonzero)`, width),
    ...(a.maxDegreeNote ? wrap(`note: ${a.maxDegreeNote}`, width) : []),
    ...(e.reason ? wrap(`not computed: ${e.reason}`, width) : []),
    ...(groups.length ? groups : ['(no coefficient with |k| ≤ K is nonzero)']),
    ...wrap(
      `certified zero: the other ${e.certifiedZeros.count} multi-indices${e.certifiedZeros.by.length ? ` (${e.certifiedZeros.by.join(', ')})` : ''}`,
      width,
    ),
    ...(e.unseen.length
      ? wrap(`beyond |k| ≤ ${a.maxDegree}: ${e.unseen.length} group${e.unseen.length === 1 ? '' : 's'} of directions not computed`, width)
      : []),
  ].map((l) => clip(l, width));
}

/** The exponents pane: the leap, how it was decided, the staircase; the generative leap and its steps; the rates. */
export function multiExponentLines(a: MultiIndexAnalysis, width: number): string[] {
  const directions = (ds: readonly number[]) => ds.map((s) => `z${s}`).join(', ');
  const undecidedWhy = (x: number | UndecidedLeap) => (typeof x === 'number' || x.reason === '' ? [] : hang(`  why undecided: ${x.reason}`, width));
  return [
    multiIndexLabel(a),
    ...hang(`leap = ${leapText(a.leap)} [${a.leapDecidedBy}]`, width),
    ...undecidedWhy(a.leap),
    ...(a.staircase.length ? ['staircase:'] : []),
    ...a.staircase.flatMap((p) =>
      hang(
        `  ${p.phase}. adds ${directions(p.adds)} (leap ${p.leap}, n ≍ ${p.sampleComplexity}) via ${p.through.map((k) => `(${k.join(',')})`).join(' ')}`,
        width,
      ),
    ),
    ...wrap(`generative leap k* = ${leapText(a.generativeLeap)}`, width),
    ...undecidedWhy(a.generativeLeap),
    ...a.generativeSteps.flatMap((s) => hang(`  step ${s.step}: k = ${s.k ?? '?'} adds ${directions(s.adds)} [${s.decidedBy}]`, width)),
    'sample complexity (up to constants):',
    `  online SGD (leap)       ${a.sampleComplexity ?? '— (leap undecided)'}`,
    `  low-degree (gen. leap)  ${a.generativeSampleComplexity ?? '— (generative leap undecided)'}`,
    ...hang(`note: ${a.leapNote}`, width),
  ].map((l) => clip(l, width));
}
