/** Plain-text rendering of a `ThresholdResult`: μ table, branches, breakpoints and an ASCII phase diagram. */
import { exponentAt, phaseAlphaMax, pieceAt, type PhasePiece, type ThresholdResult } from '../../src/thresholds/thresholds.js';
import { formatError, formatExponential, formatRounded, formatValue } from '../../src/format/numbers.js';
import { Rational } from '../../src/exact/rational.js';

/** gcd of two non-negative rationals (the largest q with a/q and b/q both integers); gcd(0, b) = b. */
function rationalGcd(a: Rational, b: Rational): Rational {
  let [x, y] = [a.num * b.den, b.num * a.den];
  while (y !== 0n) [x, y] = [y, x % y];
  return Rational.of(x < 0n ? -x : x, a.den * b.den);
}

/** ceil(a/b) for rationals, b > 0. */
function ceilDiv(a: Rational, b: Rational): number {
  const q = a.div(b);
  const floor = q.num >= 0n ? q.num / q.den : -((-q.num + q.den - 1n) / q.den);
  return Number(q.isInteger() ? floor : floor + 1n);
}

/**
 * The exponent of d in T against α = −log η/log d, one column per step in α, rows for the
 * exponent; breakpoints marked with '|' and labelled below; one letter per regime.
 *
 * Row r (from the bottom) stands for the level bottom + r·step. The step is chosen so that every
 * flat piece lies exactly on a row (a divisor of the gcd of their offsets from the bottom) within
 * `height` rows; the rows carrying a flat piece are labelled with that exact level, as are the top
 * and bottom rows. At most `height` rows (at least 3).
 */
export function asciiPhaseDiagram(pieces: readonly PhasePiece[], breakpoints: readonly string[], width = 60, height = 12): string[] {
  if (pieces.length === 0) return [];
  height = Math.max(3, Math.floor(height));
  const alphaMaxQ = Rational.of(Math.ceil(phaseAlphaMax(breakpoints) * 2), 2); // columns on a grid of halves
  const alphaMax = alphaMaxQ.toNumber();
  const columns = Array.from({ length: width }, (_, c) => {
    const alpha = (alphaMax * c) / (width - 1);
    const p = pieceAt(pieces, alpha) ?? pieces[pieces.length - 1]!;
    return { alpha, value: exponentAt(p, alpha), piece: p };
  });
  // exact extent of the curve on [0, alphaMax], from the pieces' ends
  const levels: Rational[] = [];
  const flats: Rational[] = [];
  for (const p of new Set(columns.map((c) => c.piece))) {
    const slope = Rational.parse(p.slope);
    const intercept = Rational.parse(p.intercept);
    const from = Rational.parse(p.alphaFrom);
    const lo = from.sign() < 0 ? Rational.ZERO : from;
    const to = p.alphaTo === null ? alphaMaxQ : Rational.parse(p.alphaTo);
    const hi = to.compare(alphaMaxQ) > 0 ? alphaMaxQ : to;
    levels.push(slope.mul(lo).add(intercept), slope.mul(hi).add(intercept));
    if (slope.isZero()) flats.push(intercept);
  }
  let bottom = levels.reduce((a, b) => (b.compare(a) < 0 ? b : a));
  let top = levels.reduce((a, b) => (b.compare(a) > 0 ? b : a));
  if (top.equals(bottom)) [bottom, top] = [bottom.sub(Rational.ONE), top.add(Rational.ONE)];
  const span = top.sub(bottom);
  // the flat levels are all on the grid bottom + k·step when step divides the gcd of their offsets
  const unit = flats.map((f) => f.sub(bottom)).reduce(rationalGcd, Rational.ZERO);
  const measure = unit.isZero() ? span : unit;
  const rowsFor = (step: Rational) => ceilDiv(span, step) + 1;
  let step: Rational | null = null;
  for (let n = Math.max(1, height - 1); n >= 1 && step === null; n--) {
    const s = measure.div(Rational.of(n));
    if (rowsFor(s) <= height) step = s;
  }
  const exact = step !== null;
  // no such grid within `height` rows: an even grid, each flat piece on its nearest row, labelled with its exponent
  if (step === null) step = span.div(Rational.of(height - 1));
  const rows = rowsFor(step);
  const stepNumber = step.toNumber();
  const bottomNumber = bottom.toNumber();
  const rowOf = (value: number) => Math.min(rows - 1, Math.max(0, Math.round((value - bottomNumber) / stepNumber)));
  const mark = (p: PhasePiece) => (p.regime === 'information' ? 'I' : p.regime === 'generative' ? 'G' : String(p.labelPower));
  const grid = Array.from({ length: rows }, () => Array.from({ length: width }, () => ' '));
  columns.forEach((c, x) => {
    grid[rows - 1 - rowOf(c.value)]![x] = mark(c.piece);
  });
  const breakColumns = breakpoints.map((b) => Math.round((Rational.parse(b).toNumber() / alphaMax) * (width - 1)));
  for (const x of breakColumns) for (let r = 0; r < rows; r++) if (grid[r]![x] === ' ') grid[r]![x] = '|';
  // labels (r counts from the bottom): the level of the row, or on the coarse grid the flat piece drawn on it
  const labels = new Map<number, string>();
  labels.set(0, bottom.toString());
  labels.set(rows - 1, bottom.add(step.mul(Rational.of(rows - 1))).toString());
  for (const f of flats) labels.set(rowOf(f.toNumber()), exact ? bottom.add(step.mul(Rational.of(rowOf(f.toNumber())))).toString() : f.toString());
  const lines = grid.map((row, i) => {
    const label = labels.get(rows - 1 - i) ?? '';
    return `${label.padStart(6)} ┤${row.join('')}`;
  });
  lines.push(`       └${'─'.repeat(width)}`);
  const axis = Array.from({ length: width + 8 }, () => ' ');
  const put = (x: number, text: string) => [...text].forEach((ch, i) => (axis[x + 8 + i] = ch));
  put(0, '0');
  breakColumns.forEach((x, i) => put(x, breakpoints[i]!));
  put(width - String(alphaMax).length, String(alphaMax));
  lines.push(`${axis.join('').trimEnd()}   α (η = d^-α)`);
  lines.push('        I: information regime (y^1)   G: generative-exponent rate   k: driven by label power y^k   |: breakpoint');
  return lines;
}

export function formatThresholds(r: ThresholdResult): string {
  const lines: string[] = [];
  lines.push(`target σ*(z) = ${r.target}${r.noise ? `   noise Δ = ${r.noise}` : ''}   student σ(z) = ${r.student}`);
  lines.push(`algorithm: ${r.algorithm}   ${r.oracle}${r.truncatedAt ? `   (Taylor series cut after ${r.truncatedAt} terms)` : ''}`);
  lines.push(
    `target: IE p = ${r.informationExponent ?? 'none'}, label powers p_k = ${r.labelPowers.map((p) => p ?? '—').join(', ')}, generative p* = ${r.generativeExponent ?? 'none'}`,
  );
  lines.push('');
  if (r.mu.length) {
    lines.push(`drift coefficients μ_i(η)${r.exact ? ' (exact)' : ' (numeric)'}:`);
    const bound = (error: number) => (error > 0 ? `   (coefficients ± ${formatError(error)})` : '');
    for (const m of r.mu)
      lines.push(
        `  μ_${String(m.i).padEnd(2)} = ${m.exact ?? m.polynomial}${m.zero ? '' : `   (lowest η-power from y^${m.labelPower})`}${m.exact ? '' : bound(m.error)}`,
      );
    lines.push(
      `E[ψ²] at m = 0: ${r.psiSecondMoment.exact ?? r.psiSecondMoment.polynomial}   (${withError(r.psiSecondMoment.atEtaZero, r.psiSecondMoment.atEtaZeroError)} at η = 0, ${withError(r.psiSecondMoment.atEtaOne, r.psiSecondMoment.atEtaOneError)} at η = 1)${r.psiSecondMoment.exact ? '' : bound(r.psiSecondMoment.error)}`,
    );
    lines.push('');
    lines.push('branches T_i ≍ E[ψ²]·μ_i^-2·d^((i-1)∨1), step γ_i ≍ μ_i/(E[ψ²]·d^((i/2)∨1)):');
    for (const b of r.branches) lines.push(`  i = ${String(b.i).padEnd(2)} T ≍ ${b.T}   (label power y^${b.labelPower})`);
  }
  if (r.quadrature) {
    lines.push('μ_i(η) by 2-D quadrature at the concrete d:');
    for (const q of r.quadrature) {
      lines.push(
        `  η = ${formatExponential(q.eta, 2)}  μ = ${q.mu.map((m) => formatExponential(m, 3)).join(' ')} (± ${formatError(Math.max(...q.muError))})  E[ψ²] = ${formatExponential(q.psiSecondMoment, 3)} ± ${formatError(q.psiSecondMomentError)}`,
      );
    }
  }
  lines.push('');
  if (r.phaseDiagram.note) lines.push(`phase diagram: ${r.phaseDiagram.note}`);
  if (r.phaseDiagram.pieces.length) {
    lines.push(`phase diagram: exponent of d in T against α, η = d^-α; breakpoints α = ${r.phaseDiagram.breakpoints.join(', ') || 'none'}`);
    for (const p of r.phaseDiagram.pieces) {
      lines.push(
        `  α ∈ [${p.alphaFrom}, ${p.alphaTo ?? '∞'}): T ≍ d^(${p.sampleExponent})${p.log ? ' log d' : ''}   branch i = ${p.branch}, label power y^${p.labelPower}, ${p.regime}`,
      );
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
  for (const t of a.T)
    lines.push(`  η = ${formatExponential(t.eta, 2)}: T ≈ ${formatExponential(t.T, 3)} (branch i = ${t.branch}), γ ≈ ${formatExponential(t.gamma, 2)}`);
  return `${lines.join('\n')}\n`;
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
