/**
 * The panes as text: pure functions from the engine's results to lines at most `width` columns
 * wide (the React side only draws them). Also the headline, the answer in one or two lines.
 */
import { formatCandidates } from '../../src/analysis/exponents.js';
import type { Analysis } from '../../src/analyze.js';
import type { ExponentVerdict } from '../../src/analysis/exponents.js';
import type { SampleComplexity } from '../../src/generative/sampleComplexity.js';
import type { ThresholdResult } from '../../src/thresholds/thresholds.js';
import type { Prediction, SweepConfig } from '../../src/verify/plan.js';
import type { FitSummary, RunSummary } from '../../src/verify/summary.js';
import type { ThresholdsQuery } from './protocol.js';
import { formatError, formatRounded } from '../../src/format/numbers.js';
import { asciiScalingPlot } from '../format/scalingAscii.js';
import { asciiPhaseDiagram } from '../format/thresholds.js';

/** Cut a line to `width` columns, with a visible '…' when cut. */
export const clip = (s: string, width: number): string => ([...s].length <= width ? s : `${[...s].slice(0, Math.max(0, width - 1)).join('')}…`);

/** Parts joined by `sep` into lines of at most `width` columns (a part longer than a line is clipped), at most `max` lines. */
export function flow(parts: readonly string[], sep: string, width: number, max = Infinity): string[] {
  const lines: string[] = [];
  for (const p of parts) {
    const last = lines[lines.length - 1];
    if (last !== undefined && [...last].length + sep.length + [...p].length <= width) lines[lines.length - 1] = last + sep + p;
    else lines.push(clip(p, width));
  }
  if (lines.length > max) return [...lines.slice(0, max - 1), clip(`${lines[max - 1]}${sep}…`, width)];
  return lines;
}

/** Text broken at spaces into lines of at most `width` columns. */
export const wrap = (text: string, width: number): string[] => flow(text.split(' '), ' ', width);

/** "1 link", "3 links". */
export const links = (n: number): string => `${n} link${n === 1 ? '' : 's'}`;

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** n ≍ d^e as text: d³, d^(3/2), or the rate with its log factor (d log d). */
export function rate(s: SampleComplexity): string {
  if (s.logNote !== null) return s.logNote;
  if (s.dExponent === null) return 'd^?';
  if (s.dExponent === '1') return 'd';
  return /^\d+$/.test(s.dExponent) ? `d${[...s.dExponent].map((c) => SUPERSCRIPT[Number(c)]).join('')}` : `d^(${s.dExponent})`;
}

/** An exponent as the headline states it: the value (or what is known) and how it was decided. */
function exponent(
  name: string,
  value: number | null,
  decidedBy: string | null,
  detail: Pick<ExponentVerdict, 'undecided' | 'lowerBound' | 'constant'> | null,
): string {
  if (detail?.undecided) return `${name} ∈ ${formatCandidates(detail.undecided)} (undecided)`;
  if (value === null) return `${name} ${detail?.constant ? 'none (constant link)' : detail?.lowerBound != null ? `> ${detail.lowerBound}` : 'none'}`;
  return `${name} ${value} (${decidedBy ?? 'undecided'})`;
}

/** The thresholds pane in one phrase: the breakpoints of the chosen algorithm's phase diagram. */
export function thresholdPhrase(t: ThresholdResult): string {
  const how = t.exact ? 'exact' : 'numeric';
  return t.phaseDiagram.breakpoints.length ? `${t.algorithm} α* = ${t.phaseDiagram.breakpoints.join(', ')} (${how})` : `${t.algorithm}: no breakpoint`;
}

/**
 * The answer a theorist came for: IE, GE, p₂ = IE of E[y²|z], each with how it was decided, then
 * the online-SGD and batch-reuse sample complexities (consequences of IE and GE).
 */
export function headlineParts(a: Analysis): string[] {
  const p2 = a.labelPowers.find((p) => p.power === 2);
  const online = a.sampleComplexity.find((s) => s.algorithm === 'online-sgd');
  const batch = a.sampleComplexity.find((s) => s.algorithm === 'batch-reuse');
  return [
    exponent('IE', a.informationExponent, a.informationExponentDecidedBy, a.informationExponentDetail),
    exponent('GE', a.generativeExponent, a.generativeExponentDecidedBy, {
      undecided: a.generativeExponentUndecided,
      lowerBound: null,
      constant: a.informationExponentDetail.constant,
    }),
    ...(p2
      ? [exponent('p₂', p2.informationExponent, p2.decidedBy, { undecided: p2.undecided, lowerBound: null, constant: a.informationExponentDetail.constant })]
      : []),
    ...(online ? [`online ${rate(online)}`] : []),
    ...(batch ? [`batch-reuse ${rate(batch)}`] : []),
  ];
}

/** The coefficients pane: α_k with its exact value (or a rounded one with its bound), how it was decided, and a bar. */
export function coefficientLines(a: Analysis, width: number): string[] {
  const max = Math.max(...a.coefficients.map((c) => Math.abs(c.orthonormal)), 1e-300);
  const valueWidth = Math.max(14, Math.min(26, width - 36));
  const barWidth = Math.max(4, width - valueWidth - 26);
  const rows = a.coefficients.map((c) => {
    const n = Math.round((Math.abs(c.orthonormal) / max) * barWidth);
    const bar = c.zero ? '·' : `${c.orthonormal < 0 ? '−' : '+'}${'█'.repeat(n)}`;
    // 6 digits with a bound that covers the rounding; a long exact form is cut with a visible '…'
    const value = c.exact === null ? formatRounded(c.orthonormal, c.error) : clip(c.exact, valueWidth);
    const how = c.zero ? (c.decidedBy === 'numeric' ? 'zero < τ' : `zero (${c.decidedBy})`) : c.decidedBy;
    return clip(`${String(c.k).padStart(3)}  ${value.padEnd(valueWidth)} ${how.padEnd(18)} ${bar}`, width);
  });
  return [clip(`orthonormal α_k = E[σ h_k]   ‖σ‖ = ${a.normExact ?? formatRounded(a.norm, a.normError)}`, width), ...rows];
}

/** The exponents pane: IE, the label powers, GE, λ_k² and the sample-complexity ladder. */
export function exponentLines(a: Analysis, width: number): string[] {
  const ie = a.informationExponentUndecided ? `undecided ∈ ${formatCandidates(a.informationExponentUndecided)}` : (a.informationExponent ?? 'none');
  const ge = a.generativeExponentUndecided ? `undecided ∈ ${formatCandidates(a.generativeExponentUndecided)}` : (a.generativeExponent ?? 'none');
  const lambda = a.lambdaSquared.map(
    (l) =>
      `${l.k}: ${l.status === 'zero' ? '0' : l.value === null || l.error === null ? '·' : l.status === 'undecided' ? `${formatRounded(l.value, l.error, 3)}?` : formatRounded(l.value, l.error, 3)}`,
  );
  const witness = a.witness ? [`witness: ${a.witness.kind === 'label-power' ? `y^${a.witness.power}` : `ζ_${a.witness.k}(y), tabulated`}`] : [];
  return [
    `information exponent p = ${ie} [${a.informationExponentDecidedBy ?? '—'}]`,
    `label powers p_i = ${a.labelPowers.map((p) => `${p.informationExponent ?? '—'}`).join(', ')} [${a.labelPowers.map((p) => p.decidedBy ?? '—').join(', ')}]`,
    `generative exponent p* = ${ge} [${a.generativeExponentDecidedBy ?? '—'}]`,
    ...flow(lambda, '  ', width - 6, 2).map((l, i) => `${i === 0 ? 'λ_k²: ' : '      '}${l}`),
    ...witness,
    'sample complexity (up to constants):',
    ...a.sampleComplexity.map((s) => `  ${s.algorithm.padEnd(22)} ${rate(s)}`),
  ].map((l) => clip(l, width));
}

/** The thresholds pane: μ_i(η), the branches, the breakpoints and η*, and the phase diagram (`height` rows of plot). */
export function thresholdLines(t: ThresholdResult, width: number, height = 7): string[] {
  const mus = t.mu.filter((m) => !m.zero).map((m) => `μ_${m.i} = ${m.exact ?? `${m.polynomial} (± ${formatError(m.error)})`}`);
  const branches = t.branches.map((b) => `T_${b.i} (y^${b.labelPower}) ≍ d${b.dExponent === '1' ? '' : `^${b.dExponent}`}${b.log ? ' log d' : ''}/μ²`);
  const bracket = t.atD.etaStarBracket;
  const etaStar = bracket === null ? '' : `   η* = ${formatRounded((bracket[0] + bracket[1]) / 2, (bracket[1] - bracket[0]) / 2, 3)} at d = ${t.atD.d}`;
  const diagram = asciiPhaseDiagram(t.phaseDiagram.pieces, t.phaseDiagram.breakpoints, Math.max(30, width - 26), height);
  return [
    ...flow([`${t.algorithm}:`, ...mus.map((m, i) => (i < mus.length - 1 ? `${m};` : m))], ' ', width, 3),
    ...flow(['branches:', ...branches], ' ', width, 2),
    `breakpoints α = ${t.phaseDiagram.breakpoints.join(', ') || 'none'}${etaStar}`,
    ...diagram,
  ].map((l) => clip(l, width));
}

/** A verifier sweep as it stands: its configuration, progress and (when done) the fits. */
export interface Sweep {
  /** the fields it was run for (d aside: a sweep has its own) */
  readonly query: Omit<ThresholdsQuery, 'd'>;
  readonly config: SweepConfig;
  readonly done: number;
  readonly total: number;
  readonly runs: readonly RunSummary[];
  readonly fits: readonly FitSummary[] | null;
  readonly predictions: readonly Prediction[];
}

/** The verifier pane: progress, the medians, a log–log plot over the predicted lines, the fitted slopes and verdicts. */
export function verifyLines(sweep: Sweep, width: number, plotHeight = 8): string[] {
  const bar = 30;
  const filled = Math.round((sweep.done / Math.max(1, sweep.total)) * bar);
  return [
    `${'█'.repeat(filled)}${'░'.repeat(bar - filled)} ${sweep.done}/${sweep.total} seeds${sweep.fits ? ' — done' : ' (Esc v cancels)'}`,
    `  ${sweep.runs.map((r) => `α=${r.alpha} d=${r.d}: ${r.median ?? 'cens.'} (${(100 * r.reachedFraction).toFixed(0)}%)`).join('  ')}`,
    ...asciiScalingPlot(sweep.runs, sweep.predictions, Math.max(30, width - 16), plotHeight),
    ...(sweep.fits ?? []).map(
      (f) =>
        `  α = ${f.alpha}: slope ${f.slope?.toFixed(2) ?? '—'} [${f.ci.map((x) => x?.toFixed(2) ?? '?').join(', ')}] vs predicted ${f.predictedExact} → ${f.verdict}`,
    ),
  ].map((l) => clip(l, width));
}
