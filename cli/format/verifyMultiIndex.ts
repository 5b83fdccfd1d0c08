/** Plain-text rendering of a `MultiIndexVerification`. Renders only what the engine returned. */
import type { MultiIndexVerification } from '../../src/verify/multiIndexVerify.js';
import { undecidedRange } from './multiIndex.js';

const set = (directions: readonly number[]): string => `{${directions.map((s) => `z${s}`).join(', ')}}`;
const num = (x: number | null, digits = 3): string => (x === null ? '—' : x.toFixed(digits));
const pad = (s: string, n: number): string => (s.length >= n ? s : s + ' '.repeat(n - s.length));

/**
 * The setting, the runs per d, the fits per hitting time against the leap, and the staircases.
 */
export function formatMultiIndexVerification(v: MultiIndexVerification, wallSeconds: number): string {
  const lines: string[] = [];
  lines.push(`  g(${Array.from({ length: v.variables }, (_, i) => `z${i + 1}`).join(', ')}) = ${v.expression}`);
  lines.push(`  leap: ${typeof v.leap === 'number' ? v.leap : `undecided (${undecidedRange(v.leap)})`}   (${v.leapNote})`);
  if (v.predictionNote !== null) lines.push(`  no prediction: ${v.predictionNote}`);
  lines.push(
    `  student σ(z) = ${v.student}${v.studentIsDefault ? ' (default: the degrees of the staircase)' : ''};  ${v.width === 1 ? 'online SGD of one spherical neuron' : `online SGD of a committee of ${v.width} neurons (squared loss on the residual, a_j = 1)`}, engine ${v.engine}`,
  );
  lines.push(`  step: ${v.gamma.note}`);
  lines.push(
    `  hits: ‖P_S w‖ ≥ τ = ${v.threshold} (subspace), m_s² ≥ τ_dir² with τ_dir = ${Number(v.directionThreshold.toPrecision(4))} (each direction); censored at ${v.maxSteps} samples`,
  );
  lines.push('');
  const dirs = Array.from({ length: v.variables }, (_, s) => `z${s + 1}`);
  lines.push(`  ${pad('d', 8)}${pad('γ', 12)}${pad('seeds', 7)}${pad('subspace', 10)}${dirs.map((z) => pad(z, 10)).join('')}diverged`);
  for (const r of v.runs) {
    const reached = [r.reachedSubspace, ...r.reachedDirections].map((k) => pad(`${k}/${r.seeds}`, 10)).join('');
    lines.push(`  ${pad(String(r.d), 8)}${pad(r.gamma.toExponential(2), 12)}${pad(String(r.seeds), 7)}${reached}${r.diverged}`);
  }
  lines.push('  (runs that reached each hit)');
  lines.push('');
  lines.push(`  ${pad('time', 10)}${v.ds.map((d) => pad(`median d=${d}`, 16)).join('')}${pad('slope', 8)}${pad('95% CI', 18)}${pad('predicted', 22)}verdict`);
  for (const f of v.fits) {
    const medians = f.medians.map((m) => pad(m.median === null ? 'censored' : String(m.median), 16)).join('');
    const ci = `[${num(f.ci[0])}, ${num(f.ci[1])}]`;
    const log = f.predictedWithLog !== null && f.predictedWithLog !== f.predicted ? `·log→${f.predictedWithLog.toFixed(2)}` : '';
    const predicted = f.predicted === null ? '—' : `${f.predicted}${log}${f.phase !== null ? ` (ph ${f.phase})` : ''}`;
    lines.push(`  ${pad(f.label, 10)}${medians}${pad(num(f.slope), 8)}${pad(ci, 18)}${pad(predicted, 22)}${f.verdict}`);
  }
  lines.push('');
  for (const f of v.fits) lines.push(`  ${f.label}: ${f.reason}`);
  lines.push('');
  const s = v.staircase;
  lines.push(`  observed staircase (medians at d = ${s.d}; phases merged where the 95% intervals overlap):`);
  for (const p of s.observed) {
    const detail = p.medians.map((m) => `z${m.direction} ${m.median ?? 'censored'} [${m.lo ?? '—'}, ${m.hi ?? '∞'}]`).join(', ');
    lines.push(`    ${p.phase}. ${set(p.adds)}${p.censored ? ' (censored)' : ''}: ${detail}`);
  }
  if (s.predicted !== null)
    lines.push(
      `  predicted staircase: ${s.predicted.map((p) => `${set(p.adds)} (leap ${p.leap}, slope ${p.slope}${p.log ? ' with log d' : ''})`).join(' → ')}`,
    );
  lines.push(`  staircase: ${s.agreement} — ${s.reason}`);
  lines.push('');
  lines.push(`  ${v.stepsSimulated} samples simulated in ${wallSeconds.toFixed(1)} s`);
  return `${lines.join('\n')}\n`;
}
