/** Plain-text rendering of an `Analysis`. Renders only what the engine returned. */
import type { Analysis } from '../../src/analyze.js';
import type { Convention } from '../../src/analysis/conventions.js';
import { formatError, formatValue } from '../../src/format/numbers.js';
import { formatCandidates } from '../../src/analysis/exponents.js';

const CONVENTION_TITLE: Record<Convention, string> = {
  orthonormal: 'orthonormal α_k = E[σ h_k], h_k = He_k/√k!',
  probabilists: 'probabilists u_k = E[σ He_k]/k!, σ = Σ u_k He_k',
  raw: 'raw c_k = E[σ He_k]',
  physicists: 'physicists σ(z) = Σ b_k H_k(z) (HermiteH; zeros and exponents are decided on α_k)',
};

/** A long exact value with the middle of each long digit run elided, and the count of digits. */
function abbreviate(s: string): string {
  if (s.length <= 100) return s;
  return s.replace(/\d{25,}/g, (run) => `${run.slice(0, 8)}…${run.slice(-8)} [${run.length} digits]`);
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

export function formatAnalysis(a: Analysis): string {
  const lines: string[] = [];
  const approx = a.normDecimal ?? formatValue(a.norm);
  const norm = a.normExact ? `${abbreviate(a.normExact)} ≈ ${approx}` : `${approx} ± ${formatError(a.normError)}`;
  lines.push(`σ(z) = ${a.expression}`);
  lines.push(`class: ${a.class}   parity: ${a.parity}   ‖σ‖ = ${norm}${a.noise ? `   noise Δ = ${a.noise}` : ''}`);
  if (a.kinks.length) lines.push(`kinks at z = ${a.kinks.map((k) => formatValue(k)).join(', ')}`);
  lines.push('');
  lines.push(`Hermite coefficients, ${CONVENTION_TITLE[a.convention]}`);
  const rows = a.coefficients.map((c) => {
    const value = c[a.convention];
    const shown = c.scientific ? `≈ ${c.scientific}` : c.decidedBy === 'numeric' ? `${formatValue(value)} ± ${formatError(c.error)}` : formatValue(value);
    const status =
      c.status === 'zero'
        ? `zero (${c.decidedBy})`
        : c.status === 'below-tolerance'
          ? `zero: below τ = ${a.tolerance.toExponential(1)}`
          : c.status === 'undecided'
            ? `UNDECIDED: neither ≠ 0 nor below τ = ${a.tolerance.toExponential(1)} by its bound`
            : c.decidedBy === 'numeric'
              ? 'nonzero (numeric: |value| > bound)'
              : c.decidedBy;
    return [String(c.k), shown, c.exact ?? '—', status];
  });
  const header = ['k', 'value', 'exact', 'decided by'];
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j]!.length)));
  const line = (r: string[]) => `  ${r.map((cell, j) => (j === r.length - 1 ? cell : pad(cell, widths[j]!))).join('  ')}`;
  lines.push(line(header));
  for (const r of rows) lines.push(line(r));
  lines.push('');
  const ie = a.informationExponentDetail;
  const ieValue = a.informationExponentUndecided
    ? `UNDECIDED ∈ ${formatCandidates(a.informationExponentUndecided)}`
    : a.informationExponent === null
      ? ie.constant
        ? 'none (constant link)'
        : `none up to k = ${a.maxDegree}`
      : String(a.informationExponent);
  lines.push(`information exponent: ${ieValue}   [${ie.decidedBy ?? '—'}] ${ie.note}`);
  const label = a.noise ? 'IE(E[y^i|z])' : 'IE(σ^i)';
  lines.push(`label powers p_i = ${label}:`);
  for (const p of a.labelPowers) {
    const v = p.undecided ? `UNDECIDED ∈ ${formatCandidates(p.undecided)}` : p.informationExponent === null ? 'none' : String(p.informationExponent);
    lines.push(`  p_${p.power} = ${pad(v, 4)} [${p.decidedBy ?? '—'}]${p.decidedBy === 'numeric' || p.decidedBy === null ? ` ${p.note}` : ''}`);
  }
  lines.push(...formatGenerative(a));
  return `${lines.join('\n')}\n`;
}

function formatGenerative(a: Analysis): string[] {
  const lines: string[] = [];
  if (a.generativeExponentDetail === null) return lines;
  lines.push('');
  lines.push(`generative exponent λ_k² = E[ζ_k(y)²], ζ_k(y) = E[h_k(z) | y]${a.noise ? ` (noise Δ = ${a.noise})` : ''}:`);
  const tau = a.generativeExponentDetail.tolerance.toExponential(0);
  const unconverged = a.generativeExponentDetail.converged ? '' : ' [quadrature did not converge]';
  for (const l of a.lambdaSquared) {
    const shown =
      l.status === 'zero'
        ? '0'
        : l.value === null || l.error === null
          ? 'not computed'
          : Number.isFinite(l.error)
            ? `${formatValue(l.value)} ± ${formatError(l.error)}`
            : `${formatValue(l.value)} (no bound)`;
    const status =
      l.status === 'zero'
        ? `zero (${l.decidedBy})`
        : l.status === 'below-tolerance'
          ? `zero: below τ = ${tau} (numeric)${unconverged}`
          : l.status === 'positive'
            ? `> 0 (${l.decidedBy})${l.decidedBy === 'numeric' ? unconverged : ''}`
            : l.status === 'undecided'
              ? `UNDECIDED (neither > 0 nor below τ = ${tau} by its bound)${unconverged}`
              : '';
    lines.push(`  λ_${pad(`${String(l.k)}²`, 3)} = ${pad(shown, 30)} ${status}`);
  }
  const ge = a.generativeExponentUndecided
    ? `UNDECIDED ∈ ${formatCandidates(a.generativeExponentUndecided)}`
    : a.generativeExponent === null
      ? 'none found'
      : String(a.generativeExponent);
  lines.push(`generative exponent p* = ${ge}   [${a.generativeExponentDecidedBy ?? '—'}] ${a.generativeExponentDetail.note}`);
  if (!a.generativeExponentDetail.computed) lines.push('  (λ_k² not computed: structure decides p*; --lambda computes them)');
  if (a.witness?.kind === 'label-power') lines.push(`witness: ${a.witness.note}`);
  if (a.witness?.kind === 'zeta') {
    lines.push(`witness: ${a.witness.note}`);
    lines.push(`  y:    ${a.witness.table.map((p) => formatValue(p.y).slice(0, 9).padStart(9)).join(' ')}`);
    lines.push(`  ζ(y): ${a.witness.table.map((p) => formatValue(p.zeta).slice(0, 9).padStart(9)).join(' ')}`);
  }
  if (a.sampleComplexity.length) {
    lines.push('');
    lines.push('sample complexity to weak recovery (up to constants):');
    for (const s of a.sampleComplexity) {
      const power = s.dExponent === '1' ? 'd' : s.dExponent?.includes('/') ? `d^(${s.dExponent})` : `d^${s.dExponent}`;
      const rate =
        s.dExponent === null
          ? 'unknown (exponent beyond the degrees searched)'
          : s.logNote && s.dExponent === '1'
            ? s.logNote
            : `${power}${s.logNote ? ` (${s.logNote})` : ''}`;
      lines.push(`  ${pad(s.algorithm, 22)} n ≍ ${pad(rate, 14)} ${s.source}`);
    }
  }
  return lines;
}
