/**
 * A terminal log–log plot of median hitting times against d, one marker per α, over the
 * predicted line (slope = predicted exponent, through the geometric mean of the medians).
 */
import type { Prediction } from '../../src/verify/plan.js';
import type { RunSummary } from '../../src/verify/summary.js';

const MARKERS = ['o', 'x', '+', '*', '#', '@'];

export function asciiScalingPlot(runs: readonly RunSummary[], predictions: readonly Prediction[], width = 48, height = 8): string[] {
  const measured = runs.filter((r) => r.median !== null && r.median > 0);
  if (measured.length === 0) return ['(no median yet)'];
  const alphas = [...new Set(runs.map((r) => r.alpha))].sort((a, b) => a - b);
  const lx = (d: number) => Math.log2(d);
  const xs = runs.map((r) => lx(r.d));
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  // predicted lines: log T = s·log d + b through the geometric mean of each α's medians
  const lines = alphas.flatMap((alpha) => {
    const p = predictions.find((q) => q.alpha === alpha);
    const pts = measured.filter((r) => r.alpha === alpha);
    if (!p || !Number.isFinite(p.slope) || pts.length === 0) return [];
    const mx = pts.reduce((s, r) => s + lx(r.d), 0) / pts.length;
    const my = pts.reduce((s, r) => s + Math.log2(r.median!), 0) / pts.length;
    return [{ alpha, at: (x: number) => my + p.slope * (x - mx) }];
  });
  const ys = [...measured.map((r) => Math.log2(r.median!)), ...lines.flatMap((l) => [l.at(x0), l.at(x1)])];
  const [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  const col = (x: number) => (x1 === x0 ? 0 : Math.round(((x - x0) / (x1 - x0)) * (width - 1)));
  const row = (y: number) => (y1 === y0 ? 0 : height - 1 - Math.round(((y - y0) / (y1 - y0)) * (height - 1)));
  const grid = Array.from({ length: height }, () => Array.from({ length: width }, () => ' '));
  for (const l of lines) for (let c = 0; c < width; c++) grid[row(l.at(x0 + ((x1 - x0) * c) / Math.max(1, width - 1)))]![c] = '.';
  for (const r of measured) grid[row(Math.log2(r.median!))]![col(lx(r.d))] = MARKERS[alphas.indexOf(r.alpha) % MARKERS.length]!;
  const label = (y: number) => `2^${y.toFixed(1)}`.padStart(7);
  const out = grid.map((cells, i) => `${i === 0 ? label(y1) : i === height - 1 ? label(y0) : '       '} ┤${cells.join('')}`);
  out.push(`        └${'─'.repeat(width)}`);
  out.push(
    `         d = ${[...new Set(runs.map((r) => r.d))].sort((a, b) => a - b).join(', ')} (log scale)   ${alphas.map((a, i) => `${MARKERS[i % MARKERS.length]} α = ${a}`).join('  ')}   . predicted`,
  );
  return out;
}
