/**
 * The panes of a link with free parameters (issue 15) as text: pure functions from the engine's
 * symbolic analysis to lines at most `width` columns wide. The headline gives each exponent's
 * generic value with its exceptional set, e.g. `IE 1 (3 at a = −3) · GE 1 · p₂ 2`.
 */
import { sampleComplexityLadder } from '../../src/generative/sampleComplexity.js';
import { unicodeCondition } from '../../src/symbolic/condition.js';
import { exponentHeadline, exponentText } from '../format/symbolic.js';
import { clip, flow, rate } from './panes.js';
import type { SymbolicThresholds } from '../../src/symbolic/thresholdsCases.js';
import type { SymbolicResult } from './protocol.js';

/** The rate of one rung of the ladder for an exponent p as the numeric headline writes it (d, d log d, d², d polylog d), '—' when p is unknown. */
const rungRate =
  (algorithm: 'online-sgd' | 'batch-reuse') =>
  (p: number | null): string =>
    p === null ? '—' : rate(sampleComplexityLadder(p, p).find((s) => s.algorithm === algorithm)!);

/**
 * The headline of a symbolic analysis: the parameters, IE, GE and p₂ as generic value (exceptions),
 * then the online and batch-reuse rates they imply, case by case.
 */
export function symbolicHeadlineParts(a: SymbolicResult): string[] {
  const p2 = a.labelPowers.find((p) => p.power === 2)?.exponent ?? null;
  return [
    `${a.parameters.join(', ')} free`,
    exponentHeadline('IE', a.informationExponent),
    a.generativeExponent ? exponentHeadline('GE', a.generativeExponent) : 'GE — (label noise: use --set)',
    ...(p2 ? [exponentHeadline('p₂', p2)] : []),
    exponentHeadline('online', a.informationExponent, rungRate('online-sgd')),
    ...(a.generativeExponent ? [exponentHeadline('batch-reuse', a.generativeExponent, rungRate('batch-reuse'))] : []),
  ];
}

/** The coefficients pane: the parameters, σ in powers of z, and each α_k as an expression with the parameters it depends on. */
export function symbolicCoefficientLines(a: SymbolicResult, width: number): string[] {
  const valueWidth = Math.max(14, Math.min(40, width - 24));
  return [
    clip(`parameters: ${a.parameters.join(', ')} (free, exact)${a.polynomial === null ? '' : `   σ = ${a.polynomial}`}`, width),
    clip('orthonormal α_k = E[σ h_k] as expressions in the parameters', width),
    ...a.coefficients.map((c) =>
      clip(
        `${String(c.k).padStart(3)}  ${clip(unicodeCondition(c.exact), valueWidth).padEnd(valueWidth)} ${c.identicallyZero ? 'zero for every value' : c.parameters.length ? `depends on ${c.parameters.join(', ')}` : 'constant'}`,
        width,
      ),
    ),
    ...(a.degree === null ? [] : [clip(`(α_k = 0 for k > ${a.degree}: σ has degree ${a.degree} in z)`, width)]),
  ];
}

/** The exponents pane: each case split in full, the parity that holds for every value, and the notes. */
export function symbolicExponentLines(a: SymbolicResult, width: number): string[] {
  const indent = (label: string, text: string) => flow(text.split('; '), '; ', width - 4).map((l, i) => (i === 0 ? `${label}${l}` : `    ${l}`));
  return [
    ...indent('information exponent p: ', exponentText(a.informationExponent)),
    ...a.labelPowers.flatMap((p) => indent(`p_${p.power}: `, p.exponent ? exponentText(p.exponent) : (p.note ?? '—'))),
    ...indent('generative exponent p*: ', a.generativeExponent ? exponentText(a.generativeExponent) : 'not decided symbolically with label noise'),
    `parity in z for every value: ${a.parity === 'none' ? 'not certified' : a.parity}`,
    ...a.notes.flatMap((n) => flow(`note: ${n}`.split(' '), ' ', width)),
  ].map((l) => clip(l, width));
}

/** The breakpoints of one case as the headline writes them: '1/2', 'none', or '?' when not derived. */
const breakpointText = (b: readonly string[] | null): string => (b === null ? '?' : b.length ? b.join(', ') : 'none');

/**
 * The thresholds in one phrase for a target with free parameters: the generic case's breakpoints,
 * then the others at their conditions, e.g. `alternating α* none (1/2 at a = −3)`.
 */
export function symbolicThresholdPhrase(t: SymbolicThresholds): string {
  const [first, ...rest] = t.cases;
  if (first === undefined) return `${t.algorithm}: —`;
  const generic = breakpointText(first.breakpoints);
  const others = rest.filter((c) => breakpointText(c.breakpoints) !== generic).map((c) => `${breakpointText(c.breakpoints)} at ${unicodeCondition(c.when)}`);
  return `${t.algorithm} α* ${generic}${others.length ? ` (${others.join('; ')})` : ''}`;
}

/** The thresholds pane for free parameters: μ_i(η, parameters) where exact, then one line per case (label powers, breakpoints). */
export function symbolicThresholdLines(t: SymbolicThresholds, width: number): string[] {
  const mus = (t.mu ?? []).filter((m) => m.exact !== '0').map((m) => `μ_${m.i} = ${unicodeCondition(m.exact)}`);
  return [
    ...(t.mu === null
      ? flow(`${t.algorithm}: μ_i(η, parameters) not derived symbolically; the cases of the label powers:`.split(' '), ' ', width)
      : flow([`${t.algorithm}:`, ...mus.map((m, i) => (i < mus.length - 1 ? `${m};` : m))], ' ', width, 4)),
    ...t.cases.flatMap((c) =>
      flow(
        `${c.when === 'all' ? 'every value' : unicodeCondition(c.when)}: ${c.labelPowers.map((p, i) => `p_${i + 1} = ${p ?? '—'}`).join(', ')}; breakpoints α = ${breakpointText(c.breakpoints)}${c.breakpointsBy === null ? ' (set the parameters)' : ` (${c.breakpointsBy})`}`.split(
          ' ',
        ),
        ' ',
        width,
      ),
    ),
  ].map((l) => clip(l, width));
}
