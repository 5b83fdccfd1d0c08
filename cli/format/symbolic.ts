/** Plain-text rendering of a `SymbolicAnalysis` (issue 15). Renders only what the engine returned. */
import type { SymbolicAnalysis, SymbolicCase, SymbolicExponent } from '../../src/symbolic/analyzeSymbolic.js';
import { unicodeCondition } from '../../src/symbolic/condition.js';
import type { Scan } from '../../src/symbolic/scan.js';
import type { SymbolicDrift, SymbolicDriftCase } from '../../src/symbolic/thresholdsCases.js';
import type { SymbolicThresholds } from '../../src/symbolic/thresholdsCases.js';
import { formatError, formatValue } from '../../src/format/numbers.js';

const TITLE: Record<string, string> = {
  orthonormal: 'orthonormal α_k = E[σ h_k], h_k = He_k/√k!',
  probabilists: 'probabilists u_k = E[σ He_k]/k!, σ = Σ u_k He_k',
  raw: 'raw c_k = E[σ He_k]',
};

/** "at a = −3" for a case on points (every atom an equation or a membership), "for a ≠ −3" otherwise. */
function where(c: SymbolicCase): string {
  return `${c.atoms.every((a) => a.kind === 'in' || a.kind === 'zero') ? 'at' : 'for'} ${unicodeCondition(c.when)}`;
}

function caseText(c: SymbolicCase, only: boolean): string {
  const value = c.value !== null ? String(c.value) : c.note === 'constant' ? 'none (σ constant)' : 'unresolved';
  return only ? `${value} for every value` : `${value} ${where(c)}`;
}

/**
 * The cases joined by '; ', each as "value for/at condition": "1 for a ≠ −3; 3 at a = −3".
 * @example exponentText({ cases: [{ when: 'a = -3', atoms: [{ kind: 'in', parameter: 'a', roots: ['-3'] }], value: 3, note: null }] }) // '3 for every value'
 * @example exponentText({ cases: [{ when: 'a != -3', atoms: [{ kind: 'notIn', parameter: 'a', roots: ['-3'] }], value: 1, note: null }, { when: 'a = -3', atoms: [], value: 3, note: null }] }).split(';')[0] // '1 for a ≠ −3'
 */
export function exponentText(e: SymbolicExponent): string {
  return e.cases.map((c) => caseText(c, e.cases.length === 1)).join('; ');
}

/**
 * A case split as a headline states it: the generic value, then the other cases in brackets,
 * `value` rendering each value (cases whose rendered value equals the generic one are left out).
 * @example exponentHeadline('IE', { cases: [{ when: 'a != -3', atoms: [{ kind: 'notIn', parameter: 'a', roots: ['-3'] }], value: 1, note: null }, { when: 'a = -3', atoms: [{ kind: 'in', parameter: 'a', roots: ['-3'] }], value: 3, note: null }] }) // 'IE 1 (3 at a = −3)'
 * @example exponentHeadline('GE', { cases: [{ when: 'all', atoms: [], value: 1, note: null }] }) // 'GE 1'
 */
export function exponentHeadline(
  name: string,
  e: Pick<SymbolicExponent, 'cases'>,
  value: (v: number | null, c: SymbolicCase) => string = (v, c) => (v !== null ? String(v) : c.note === 'constant' ? 'none' : 'unresolved'),
): string {
  const [first, ...rest] = e.cases;
  if (first === undefined) return `${name} —`;
  const generic = value(first.value, first);
  const others = rest
    .map((c) => ({ c, v: value(c.value, c) }))
    .filter(({ v }) => v !== generic)
    .map(({ c, v }) => `${v} ${where(c)}`);
  return others.length === 0 ? `${name} ${generic}` : `${name} ${generic} (${others.join('; ')})`;
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

export function formatSymbolic(a: SymbolicAnalysis): string {
  const lines: string[] = [];
  lines.push(`σ(z) = ${a.expression}`);
  lines.push(`parameters: ${a.parameters.join(', ')} (free, exact)${a.polynomial === null ? '' : `   σ = ${a.polynomial}`}`);
  lines.push(`parity in z for every value: ${a.parity === 'none' ? 'not certified' : a.parity}`);
  lines.push('');
  lines.push(`Hermite coefficients, ${TITLE[a.convention] ?? a.convention}`);
  const width = Math.max(5, ...a.coefficients.map((c) => c.exact.length)) + 2;
  lines.push(`  k   ${pad('exact', width)}depends on`);
  for (const c of a.coefficients) {
    lines.push(`  ${pad(String(c.k), 4)}${pad(unicodeCondition(c.exact), width)}${c.parameters.length ? c.parameters.join(', ') : '—'}`);
  }
  if (a.degree !== null) lines.push(`  (α_k = 0 for every k > ${a.degree}: σ has degree ${a.degree} in z)`);
  lines.push('');
  lines.push(`information exponent: ${exponentText(a.informationExponent)}`);
  lines.push('label powers p_i = IE(E[y^i | z]):');
  for (const p of a.labelPowers) lines.push(`  p_${p.power}: ${p.exponent ? exponentText(p.exponent) : p.note}`);
  lines.push(
    a.generativeExponent
      ? `generative exponent p*${a.polynomial === null ? '' : ' (by structure: 1 where σ is not even in z, 2 where even and not constant)'}: ${exponentText(a.generativeExponent)}`
      : 'generative exponent: not decided symbolically with label noise (use --set)',
  );
  lines.push('');
  for (const n of a.notes) lines.push(`note: ${n}`);
  return `${lines.join('\n')}\n`;
}

/** A numeric scan: one row per grid value with the exponents, their decision and the first coefficients (± bound when numeric, else how they were certified). */
export function formatScan(s: Scan): string {
  const lines: string[] = [];
  lines.push(`σ(z) = ${s.input}, scanned over ${s.parameter} = ${s.grid.lo}:${s.grid.step}:${s.grid.hi} (numeric at each grid value)`);
  const width = Math.max(s.parameter.length + 2, ...s.rows.map((r) => r.value.length)) + 2;
  lines.push(`  ${pad(s.parameter, width)}${pad('IE', 16)}${pad('p_i', 14)}${pad('p*', 5)}α_1 … α_3`);
  for (const r of s.rows) {
    if (r.error !== null) {
      lines.push(`  ${pad(r.value, width)}not computed: ${r.error}`);
      continue;
    }
    const ie = r.informationExponent === null ? '—' : `${r.informationExponent} [${r.informationExponentDecidedBy}]`;
    const powers = r.labelPowers.map((p) => (p === null ? '—' : String(p))).join(' ');
    const alphas = r.coefficients
      .filter((c) => c.k >= 1 && c.k <= 3)
      .map((c) => (c.decidedBy === 'numeric' || c.error > 0 ? `${formatValue(c.value)} ± ${formatError(c.error)}` : `${formatValue(c.value)} [${c.decidedBy}]`))
      .join(', ');
    lines.push(
      `  ${pad(r.value, width)}${pad(ie, 16)}${pad(powers, 14)}${pad(r.generativeExponent === null ? '—' : String(r.generativeExponent), 5)}${alphas}`,
    );
  }
  lines.push('');
  lines.push(`note: ${s.note}`);
  return `${lines.join('\n')}\n`;
}

/** `sindex thresholds` with free parameters: one line per case (label powers, breakpoints and how they were found), then what is exact. */
export function formatSymbolicThresholds(t: SymbolicThresholds): string {
  const lines: string[] = [];
  lines.push(`${t.algorithm} SGD, target σ* = ${t.target}${t.student === null ? '' : `, student σ = ${t.student}`}`);
  lines.push(`parameters: ${t.parameters.join(', ')} (free): the regime by cases of the target's label powers p_i = IE(E[y^i | z])`);
  if (t.mu !== null) {
    lines.push('μ_i(η, parameters) = w·i·u_i(σ)² + η·(i/2)·u_i(σ²)² (w = --a), exact:');
    for (const m of t.mu) lines.push(`  μ_${m.i} = ${unicodeCondition(m.exact)}`);
  }
  lines.push('');
  for (const c of t.cases) {
    const powers = c.labelPowers.map((p, i) => `p_${i + 1} = ${p ?? '—'}`).join(', ');
    const by =
      c.breakpoints === null
        ? 'breakpoints: not derived for this case (fix the parameters with --set)'
        : `breakpoints α = ${c.breakpoints.length ? c.breakpoints.join(', ') : 'none'} (${c.breakpointsBy === 'phase diagram' ? `phase diagram with the values bound${c.exact ? ', exact' : ', numeric'}` : 'closed form of §4, exact on this case'})`;
    lines.push(`  ${c.when === 'all' ? 'every value' : unicodeCondition(c.when)}: ${powers}; ${by}`);
  }
  if (t.drift !== null) lines.push('', ...driftLines(t.drift));
  lines.push('');
  for (const e of t.exactForEveryValue) lines.push(`exact for every value: ${e}`);
  for (const n of t.notExact) lines.push(`not exact: ${n}`);
  return `${lines.join('\n')}\n`;
}

/** Where a drift case was checked: "at a = 1 (generic)", with the numeric thresholds' breakpoints when they differ. */
function driftCheck(c: SymbolicDriftCase): string {
  if (c.point === null)
    return c.mayBeEmpty ? 'no rational point found (the case may be empty)' : 'no rational point (algebraic values): exact from the supports only';
  const at = Object.entries(c.point)
    .map(([v, x]) => `${v} = ${x}`)
    .join(', ');
  const same = c.pointBreakpoints !== null && c.breakpoints !== null && c.pointBreakpoints.join(',') === c.breakpoints.join(',');
  const numeric = same ? 'numeric thresholds agree' : `numeric thresholds give ${c.pointBreakpoints?.length ? c.pointBreakpoints.join(', ') : 'none'}`;
  return `checked at ${unicodeCondition(at)} (${c.pointKind}): ${numeric}`;
}

/** The exact μ_i(η, d, parameters), E[ψ²] and the drift cases with their breakpoints. */
function driftLines(d: SymbolicDrift): string[] {
  const lines: string[] = [];
  lines.push(
    `drift μ_i(η, d, ${d.parameters.join(', ')}) = Σ_k c_k(η, d)·u_i(E[y^k | z])·u_{i−1}(g_k), exact${d.truncatedAt === null ? '' : ` (Taylor series cut after ${d.truncatedAt} terms)`}:`,
  );
  const zero = d.mu.filter((m) => m.exact === '0').map((m) => m.i);
  for (const m of d.mu) if (m.exact !== '0') lines.push(`  μ_${m.i} = ${unicodeCondition(m.grouped)}`);
  if (zero.length) lines.push(`  μ_i ≡ 0 for i = ${zero.join(', ')}`);
  lines.push(`  E[ψ²] = ${unicodeCondition(d.psiSecondMoment.grouped)}`);
  lines.push(
    `drift cases (where coefficients of μ_i and E[ψ²] vanish; breakpoints from the supports, exact on each case)${d.complete ? '' : ', cut: only the generic case'}:`,
  );
  for (const c of d.cases) {
    const when = c.when === 'all' ? 'every value' : unicodeCondition(c.when);
    const vanishing = c.vanishing.filter((i) => !zero.includes(i));
    const breakpoints = c.breakpoints === null ? 'not derived (E[ψ²] ≡ 0)' : c.breakpoints.length ? c.breakpoints.join(', ') : 'none';
    lines.push(
      `  ${c.generic ? 'generic, ' : ''}${when}: ${vanishing.length ? `also μ_i ≡ 0 for i = ${vanishing.join(', ')}; ` : ''}breakpoints α = ${breakpoints}; ${driftCheck(c)}`,
    );
  }
  return lines;
}
