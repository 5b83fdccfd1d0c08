/** Plain-text rendering of an `Analysis`. Renders only what the engine returned. */
import type { Analysis } from '../../src/analysis/analyze.js';
import type { Convention } from '../../src/analysis/conventions.js';
import { formatError, formatValue } from '../../src/format/numbers.js';

const CONVENTION_TITLE: Record<Convention, string> = {
  orthonormal: 'orthonormal α_k = E[σ h_k], h_k = He_k/√k!',
  probabilists: 'probabilists u_k = E[σ He_k]/k!, σ = Σ u_k He_k',
  raw: 'raw c_k = E[σ He_k]',
  physicists: 'physicists σ(z) = Σ b_k H_k(z) (HermiteH; zeros and exponents are decided on α_k)',
};

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

export function formatAnalysis(a: Analysis): string {
  const lines: string[] = [];
  const norm = a.normExact ? `${a.normExact} ≈ ${formatValue(a.norm)}` : `${formatValue(a.norm)} ± ${formatError(a.normError)}`;
  lines.push(`σ(z) = ${a.expression}`);
  lines.push(`class: ${a.class}   parity: ${a.parity}   ‖σ‖ = ${norm}${a.noise ? `   noise Δ = ${a.noise}` : ''}`);
  if (a.kinks.length) lines.push(`kinks at z = ${a.kinks.map((k) => formatValue(k)).join(', ')}`);
  lines.push('');
  lines.push(`Hermite coefficients, ${CONVENTION_TITLE[a.convention]}`);
  const rows = a.coefficients.map((c) => {
    const value = c[a.convention];
    const shown = c.decidedBy === 'numeric' ? `${formatValue(value)} ± ${formatError(c.error)}` : formatValue(value);
    const status = c.zero
      ? c.decidedBy === 'numeric'
        ? `zero: below τ = ${a.tolerance.toExponential(1)}`
        : `zero (${c.decidedBy})`
      : c.decidedBy + (c.nearTolerance ? ' (near τ!)' : '');
    return [String(c.k), shown, c.exact ?? '—', status];
  });
  const header = ['k', 'value', 'exact', 'decided by'];
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j]!.length)));
  const line = (r: string[]) => '  ' + r.map((cell, j) => (j === r.length - 1 ? cell : pad(cell, widths[j]!))).join('  ');
  lines.push(line(header));
  for (const r of rows) lines.push(line(r));
  lines.push('');
  const ie = a.informationExponentDetail;
  const ieValue = a.informationExponent === null ? (ie.constant ? 'none (constant link)' : `none up to k = ${a.maxDegree}`) : String(a.informationExponent);
  lines.push(`information exponent: ${ieValue}   [${ie.decidedBy ?? '—'}] ${ie.note}`);
  const label = a.noise ? 'IE(E[y^i|z])' : 'IE(σ^i)';
  lines.push(`label powers p_i = ${label}:`);
  for (const p of a.labelPowers) {
    const v = p.informationExponent === null ? 'none' : String(p.informationExponent);
    lines.push(`  p_${p.power} = ${pad(v, 4)} [${p.decidedBy ?? '—'}]${p.decidedBy === 'numeric' || p.decidedBy === null ? ` ${p.note}` : ''}`);
  }
  lines.push(...formatGenerative(a));
  return lines.join('\n') + '\n';
}

function formatGenerative(a: Analysis): string[] {
  const lines: string[] = [];
  if (a.generativeExponentDetail === null) return lines;
  lines.push('');
  lines.push(`generative exponent λ_k² = E[ζ_k(y)²], ζ_k(y) = E[h_k(z) | y]${a.noise ? ` (noise Δ = ${a.noise})` : ''}:`);
  for (const l of a.lambdaSquared) {
    const shown = l.decidedBy === 'numeric' || !l.zero ? `${formatValue(l.value)} ± ${formatError(l.error)}` : '0';
    const status = l.zero ? (l.decidedBy === 'numeric' ? `zero: below τ = ${a.generativeExponentDetail.tolerance.toExponential(0)}` : `zero (${l.decidedBy})`) : `> 0 (${l.decidedBy})`;
    lines.push(`  λ_${pad(String(l.k) + '²', 3)} = ${pad(shown, 30)} ${status}${l.nearTolerance ? ' (near τ!)' : ''}`);
  }
  const ge = a.generativeExponent === null ? 'none found' : String(a.generativeExponent);
  lines.push(`generative exponent p* = ${ge}   [${a.generativeExponentDecidedBy ?? '—'}] ${a.generativeExponentDetail.note}`);
  if (!a.generativeExponentDetail.converged) lines.push('  warning: the quadrature did not reach its tolerance; the errors above are what it reached');
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
      const rate = s.dExponent === null ? 'unknown (exponent beyond the degrees searched)' : s.logNote && s.dExponent === '1' ? s.logNote : `${power}${s.logNote ? ` (${s.logNote})` : ''}`;
      lines.push(`  ${pad(s.algorithm, 22)} n ≍ ${pad(rate, 14)} ${s.source}`);
    }
  }
  return lines;
}
