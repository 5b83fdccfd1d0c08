/** Plain-text rendering of a `MultiIndexAnalysis`. Renders only what the engine returned. */
import { formatError, formatValue } from '../../src/format/numbers.js';
import type { MultiIndexAnalysis, UndecidedLeap } from '../../src/multiIndex/analyzeMulti.js';

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

const zs = (directions: readonly number[]): string => directions.map((s) => `z${s}`).join(', ');

/** The values an undecided leap may take: "1, 2", "2 or more" when unbounded, "unknown" when none is known. */
export const undecidedRange = (u: UndecidedLeap): string =>
  u.candidates.length === 0 ? 'unknown' : `${u.candidates.join(', ')}${u.unbounded ? ' or more' : ''}`;

/**
 * The expansion grouped by total degree, the leap with its staircase and the sample complexity.
 * @example formatMultiIndex(analyze('z1*z2*z3')).includes('leap: 3') // true
 */
export function formatMultiIndex(a: MultiIndexAnalysis): string {
  const e = a.expansion;
  const lines: string[] = [];
  lines.push(`g(${zs(Array.from({ length: a.variables }, (_, i) => i + 1))}) = ${a.expression}`);
  const parities = e.parities.map((p, i) => `z${i + 1}: ${p}`).join(', ');
  lines.push(
    `multi-index link, r = ${a.variables}   route: ${e.route}   parity: ${parities}; all at once: ${e.jointParity}${a.noise ? `   noise Δ = ${a.noise}` : ''}`,
  );
  lines.push('');
  if (e.route === 'not-computed') {
    lines.push(`Hermite coefficients: not computed (${e.reason})`);
  } else {
    lines.push(`Hermite coefficients α_k = E[g Π_s h_{k_s}(z_s)], h_j = He_j/√j!, |k| ≤ ${a.maxDegree} (zero unless listed)`);
    if (a.maxDegreeNote) lines.push(`  note: ${a.maxDegreeNote}`);
    const rows = a.coefficients.map((c) => {
      const shown = c.exact !== null ? formatValue(c.orthonormal) : `${formatValue(c.orthonormal)} ± ${formatError(c.error)}`;
      const status =
        c.status === 'nonzero'
          ? c.decidedBy === 'numeric'
            ? 'nonzero (numeric: |value| > bound)'
            : c.decidedBy
          : c.status === 'below-tolerance'
            ? `below τ = ${e.tolerance.toExponential(1)} (not certified zero)`
            : `UNDECIDED: neither ≠ 0 nor below τ by its bound`;
      return [String(c.multiIndex.reduce((s, x) => s + x, 0)), `(${c.multiIndex.join(', ')})`, shown, c.exact ?? '—', status];
    });
    const header = ['|k|', 'k', 'value', 'exact', 'decided by'];
    const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j]!.length)));
    const line = (r: string[]) => `  ${r.map((cell, j) => (j === r.length - 1 ? cell : pad(cell, widths[j]!))).join('  ')}`;
    lines.push(line(header));
    let degree = '';
    for (const r of rows) {
      if (r[0] !== degree && degree !== '') lines.push('');
      degree = r[0]!;
      lines.push(line(r));
    }
    const by = e.certifiedZeros.by.length > 0 ? ` (by ${e.certifiedZeros.by.join(', ')})` : '';
    lines.push(`  certified zero: the other ${e.certifiedZeros.count} multi-indices with |k| ≤ ${a.maxDegree}${by}`);
  }
  lines.push('');
  if (typeof a.leap === 'number') {
    lines.push(`leap: ${a.leap}   (${a.leapDecidedBy})`);
  } else {
    lines.push(`leap: UNDECIDED ∈ {${undecidedRange(a.leap)}}   (${a.leap.reason})`);
  }
  lines.push(`  ${a.leapNote}`);
  if (a.staircase.length > 0) {
    lines.push('staircase:');
    for (const p of a.staircase) {
      const through = p.through.map((k) => `(${k.join(',')})`).join(' ');
      lines.push(`  phase ${p.phase}: learns ${zs(p.adds)}   leap ${p.leap}   n ≍ ${p.sampleComplexity}   via ${through}`);
    }
  }
  lines.push('');
  if (typeof a.generativeLeap === 'number') {
    lines.push(`generative leap: k* = ${a.generativeLeap}`);
  } else {
    lines.push(`generative leap: UNDECIDED, k* ∈ {${undecidedRange(a.generativeLeap)}}   (${a.generativeLeap.reason})`);
  }
  lines.push(`  ${a.generativeNote}`);
  for (const s of a.generativeSteps) {
    const learns = s.adds.length > 0 ? `learns ${zs(s.adds)}` : 'learns nothing certified';
    lines.push(`  step ${s.step}: k = ${s.k ?? '?'}   ${learns}   (${s.decidedBy})`);
  }
  lines.push('');
  lines.push('sample-complexity ladder:');
  lines.push(`  online SGD (CSQ leap):             n ≍ ${a.sampleComplexity ?? 'undecided'}   (d^{max(Leap−1, 1)}, d log d at leap 2; arXiv 2302.11055)`);
  lines.push(`  low-degree / SQ (generative leap): n ≍ ${a.generativeSampleComplexity ?? 'undecided'}   (d^{max(1, k*/2)}; arXiv 2506.05500)`);
  return `${lines.join('\n')}\n`;
}
