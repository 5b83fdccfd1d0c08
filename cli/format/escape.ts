/** The text of `sindex escape`: the table of predictions and simulated exit times, then the verdicts and notes. */
import type { EscapeReport, EscapeRow } from '../../src/escape/report.js';
import { formatError } from '../../src/format/numbers.js';

/** A sample count as an integer with thin grouping, or '—'. */
function samples(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return '—';
  return Math.round(x).toLocaleString('en-US');
}

/** A predicted sample count, with ± its error when it has one; `atLeast`: shown only from this size (below it the rounded count is exact). */
function withError(x: number | null, error: number | null, atLeast = 0): string {
  return error === null || x === null || error < atLeast ? samples(x) : `${samples(x)} ± ${formatError(error)}`;
}

function ratio(x: number | null): string {
  return x === null || !Number.isFinite(x) ? '—' : x.toFixed(2);
}

function gammaText(r: EscapeRow): string {
  const g = r.gamma.toPrecision(3);
  if (r.gammaOpt === null) return g;
  return Math.abs(r.gamma - r.gammaOpt) <= 1e-12 * r.gammaOpt ? `${g} (opt)` : `${g} (opt ${r.gammaOpt.toPrecision(3)})`;
}

function simulated(r: EscapeRow): string {
  if (r.seeds === 0) return 'not run';
  const ci = `[${samples(r.ci[0])}, ${r.ci[1] === null ? '∞' : samples(r.ci[1])}]`;
  return `${r.median === null ? 'censored' : samples(r.median)} ${ci}`;
}

/** Left-aligned columns separated by two spaces. */
function columns(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...r[i]!].length)));
  return rows.map((r) => `  ${r.map((c, i) => c + ' '.repeat(widths[i]! - [...c].length)).join('  ')}`.trimEnd());
}

export function escapeTable(report: EscapeReport): string {
  const lines: string[] = [];
  const second = report.secondLayer.trained ? `trained second layer (γ_a = ${report.secondLayer.rate ?? 'γ'})` : 'second layer fixed at a_j = 1';
  lines.push(
    `  committee f(x) = (1/p)·Σ_j a_j·σ(⟨w_j, x⟩), σ = ${report.activation}; target σ* = ${report.target}, Δ = ${report.noise}; ${second}`,
    `  exit: the excess risk falls by T = ${report.riskDrop} of its initial gap; times in samples (the paper's t = samples·γ/(p·d))`,
    '',
  );
  if (report.partial)
    lines.push(`  partial: ${report.seedsFinished} of ${report.seedsPlanned} seeds${report.interrupted ? ' (interrupted: rerun with --resume)' : ''}`, '');
  const header = [
    'p',
    'd',
    'γ',
    'ODE exit',
    'annealed',
    'quenched',
    'simulated median [95% CI]',
    'mean [95% CI]',
    'quartiles',
    'exited',
    's_min/d',
    'gain',
    'gain (sim)',
  ];
  const body = report.rows.map((r) => [
    String(r.p),
    String(r.d),
    gammaText(r),
    withError(r.odeExitSamples, r.odeExitError),
    samples(r.annealedSamples),
    withError(r.quenchedSamples, r.quenchedError, 0.5), // the quadrature error is tiny: shown when it reaches the rounding
    simulated(r),
    r.mean === null ? '—' : `${samples(r.mean)} [${samples(r.meanCi[0])}, ${samples(r.meanCi[1])}]`,
    r.seeds === 0 ? '—' : `${samples(r.quartiles[0])}–${r.quartiles[1] === null ? '∞' : samples(r.quartiles[1])}`,
    r.seeds === 0 ? '—' : `${Math.round(r.reached * r.seeds)}/${r.seeds}`,
    ratio(r.sMinOverD),
    ratio(r.gain),
    ratio(r.simulatedGain),
  ]);
  lines.push(...columns([header, ...body]), '');
  for (const r of report.rows) {
    const verdicts = r.agreements.map(
      (a) => `${a.statistic}/${a.against} = ${ratio(a.ratio)} [${ratio(a.ci[0])}, ${a.ci[1] === null ? '∞' : ratio(a.ci[1])}] → ${a.verdict} (${a.reason})`,
    );
    lines.push(
      `  p = ${r.p}, d = ${r.d}: ${verdicts.length ? verdicts.join('; ') : 'no prediction to compare with'}${r.diverged ? `; ${r.diverged} seeds diverged (γ too large?)` : ''}`,
    );
    if (r.caveat) lines.push(`    ${r.caveat}`);
    for (const n of r.notes) lines.push(`    ${n}`);
  }
  if (report.gainLimit !== null)
    lines.push('', `  the overparametrisation gain s_min(1)/s_min(p) tends to (12 + Δ)/(2 + Δ) = ${ratio(report.gainLimit)} as d → ∞, then p → ∞ (2305.18502)`);
  lines.push('', `  ${report.seedsFinished} seeds in ${report.wallSeconds.toFixed(1)} s`);
  return `${lines.join('\n')}\n`;
}
