/** Plain-text rendering of a `ThresholdResult`: μ table, branches, breakpoints and an ASCII phase diagram. */
import { exponentAt, phaseAlphaMax, pieceAt, type PhasePiece, type ThresholdResult } from '../../src/thresholds/thresholds.js';
import { formatError, formatExponential, formatRounded, formatValue } from '../../src/format/numbers.js';
import { Rational } from '../../src/exact/rational.js';


/**
 * The exponent of d in T against α = −log η/log d, one column per step in α, rows for the
 * exponent; breakpoints marked with '|' and labelled below; one letter per regime.
 */
export function asciiPhaseDiagram(pieces: readonly PhasePiece[], breakpoints: readonly string[], width = 60, height = 12): string[] {
  if (pieces.length === 0) return [];
  const alphaMax = Math.ceil(phaseAlphaMax(breakpoints) * 2) / 2; // columns on a grid of halves
  const columns = Array.from({ length: width }, (_, c) => {
    const alpha = (alphaMax * c) / (width - 1);
    const p = pieceAt(pieces, alpha) ?? pieces[pieces.length - 1]!;
    return { alpha, value: exponentAt(p, alpha), piece: p };
  });
  const top = Math.max(...columns.map((c) => c.value));
  const bottom = Math.min(...columns.map((c) => c.value));
  const span = top - bottom || 1;
  const mark = (p: PhasePiece) => (p.regime === 'information' ? 'I' : p.regime === 'generative' ? 'G' : String(p.labelPower));
  const grid = Array.from({ length: height }, () => Array.from({ length: width }, () => ' '));
  columns.forEach((c, x) => {
    const row = height - 1 - Math.round(((c.value - bottom) / span) * (height - 1));
    grid[row]![x] = mark(c.piece);
  });
  const breakColumns = breakpoints.map((b) => Math.round((Rational.parse(b).toNumber() / alphaMax) * (width - 1)));
  for (const x of breakColumns) for (let r = 0; r < height; r++) if (grid[r]![x] === ' ') grid[r]![x] = '|';
  const lines = grid.map((row, r) => {
    const level = top - (r * span) / (height - 1);
    const label = r === 0 || r === height - 1 || r === Math.floor(height / 2) ? formatValue(Number(level.toFixed(2))).padStart(6) : '      ';
    return `${label} ┤${row.join('')}`;
  });
  lines.push(`       └${'─'.repeat(width)}`);
  const axis = Array.from({ length: width + 8 }, () => ' ');
  const put = (x: number, text: string) => [...text].forEach((ch, i) => (axis[x + 8 + i] = ch));
  put(0, '0');
  breakColumns.forEach((x, i) => put(x, breakpoints[i]!));
  put(width - String(alphaMax).length, String(alphaMax));
  lines.push(axis.join('').trimEnd() + '   α (η = d^-α)');
  lines.push('        I: information regime (y^1)   G: generative-exponent rate   k: driven by label power y^k   |: breakpoint');
  return lines;
}

export function formatThresholds(r: ThresholdResult): string {
  const lines: string[] = [];
  lines.push(`target σ*(z) = ${r.target}${r.noise ? `   noise Δ = ${r.noise}` : ''}   student σ(z) = ${r.student}`);
  lines.push(`algorithm: ${r.algorithm}   ${r.oracle}${r.truncatedAt ? `   (Taylor series cut after ${r.truncatedAt} terms)` : ''}`);
  lines.push(`target: IE p = ${r.informationExponent ?? 'none'}, label powers p_k = ${r.labelPowers.map((p) => p ?? '—').join(', ')}, generative p* = ${r.generativeExponent ?? 'none'}`);
  lines.push('');
  if (r.mu.length) {
    lines.push(`drift coefficients μ_i(η)${r.exact ? ' (exact)' : ' (numeric)'}:`);
    const bound = (error: number) => (error > 0 ? `   (coefficients ± ${formatError(error)})` : '');
    for (const m of r.mu) lines.push(`  μ_${String(m.i).padEnd(2)} = ${m.exact ?? m.polynomial}${m.zero ? '' : `   (lowest η-power from y^${m.labelPower})`}${m.exact ? '' : bound(m.error)}`);
    lines.push(`E[ψ²] at m = 0: ${r.psiSecondMoment.exact ?? r.psiSecondMoment.polynomial}   (${withError(r.psiSecondMoment.atEtaZero, r.psiSecondMoment.atEtaZeroError)} at η = 0, ${withError(r.psiSecondMoment.atEtaOne, r.psiSecondMoment.atEtaOneError)} at η = 1)${r.psiSecondMoment.exact ? '' : bound(r.psiSecondMoment.error)}`);
    lines.push('');
    lines.push('branches T_i ≍ E[ψ²]·μ_i^-2·d^((i-1)∨1), step γ_i ≍ μ_i/(E[ψ²]·d^((i/2)∨1)):');
    for (const b of r.branches) lines.push(`  i = ${String(b.i).padEnd(2)} T ≍ ${b.T}   (label power y^${b.labelPower})`);
  }
  if (r.quadrature) {
    lines.push('μ_i(η) by 2-D quadrature at the concrete d:');
    for (const q of r.quadrature) {
      lines.push(`  η = ${formatExponential(q.eta, 2)}  μ = ${q.mu.map((m) => formatExponential(m, 3)).join(' ')} (± ${formatError(Math.max(...q.muError))})  E[ψ²] = ${formatExponential(q.psiSecondMoment, 3)} ± ${formatError(q.psiSecondMomentError)}`);
    }
  }
  lines.push('');
  if (r.phaseDiagram.note) lines.push(`phase diagram: ${r.phaseDiagram.note}`);
  if (r.phaseDiagram.pieces.length) {
    lines.push(`phase diagram: exponent of d in T against α, η = d^-α; breakpoints α = ${r.phaseDiagram.breakpoints.join(', ') || 'none'}`);
    for (const p of r.phaseDiagram.pieces) {
      lines.push(`  α ∈ [${p.alphaFrom}, ${p.alphaTo ?? '∞'}): T ≍ d^(${p.sampleExponent})${p.log ? ' log d' : ''}   branch i = ${p.branch}, label power y^${p.labelPower}, ${p.regime}`);
    }
    lines.push(...asciiPhaseDiagram(r.phaseDiagram.pieces, r.phaseDiagram.breakpoints).map((l) => `  ${l}`));
  }
  for (const c of r.checks) {
    lines.push(
      `check y^${c.pair[0]} ↔ y^${c.pair[1]} at α = ${c.breakpoint}: derived formula (docs/theory.md §4.5) gives ${c.derived} [${c.derivedMatches ? 'agrees' : 'differs'}]; published reading gives ${c.published} [${c.publishedMatches ? 'agrees' : 'differs'}]`,
    );
  }
  if (r.checks.some((c) => !c.publishedMatches)) lines.push('  the framework supports the derived formula […]/(2(j−i)) − 1, not the published […]/(2(j−i)−1)');
  if (r.depth) {
    lines.push('');
    lines.push(`depth D = ${r.depth.D} (${r.depth.label}): breakpoints α = ${r.depth.breakpoints.join(', ') || 'none'}`);
    for (const p of r.depth.pieces) lines.push(`  α ∈ [${p.alphaFrom}, ${p.alphaTo ?? '∞'}): T ≍ d^(${p.sampleExponent})`);
  }
  lines.push('');
  const a = r.atD;
  lines.push(`at d = ${a.d}, with constants:`);
  if (a.etaStarBracket !== null) {
    const [lo, hi] = a.etaStarBracket;
    const root = Math.sqrt(a.d);
    lines.push(`  η* = ${bracket(lo, hi)} = (${bracket(lo * root, hi * root)})·d^-1/2 (the information branch loses for η > η*)`);
  }
  for (const c of a.crossovers) {
    const [lo, hi] = c.etaBracket;
    const alpha = (eta: number) => -Math.log(eta) / Math.log(a.d);
    lines.push(`  crossover i = ${c.fromBranch} → ${c.toBranch} at η = ${bracket(lo, hi)} (α ∈ [${floorTo(alpha(hi), 3)}, ${ceilTo(alpha(lo), 3)}])`);
  }
  for (const t of a.T) lines.push(`  η = ${formatExponential(t.eta, 2)}: T ≈ ${formatExponential(t.T, 3)} (branch i = ${t.branch}), γ ≈ ${formatExponential(t.gamma, 2)}`);
  return lines.join('\n') + '\n';
}

/** A value known to lie in [lo, hi]: its middle, rounded to 4 digits, ± a bound covering the bracket and the rounding. */
function bracket(lo: number, hi: number): string {
  return formatRounded((lo + hi) / 2, (hi - lo) / 2, 4);
}

const floorTo = (x: number, digits: number) => (Math.floor(x * 10 ** digits) / 10 ** digits).toFixed(digits);
const ceilTo = (x: number, digits: number) => (Math.ceil(x * 10 ** digits) / 10 ** digits).toFixed(digits);

/** A value at full precision, with its error bound when it has one. */
function withError(value: number, error: number): string {
  return error > 0 ? `${formatValue(value)} ± ${formatError(error)}` : formatValue(value);
}
