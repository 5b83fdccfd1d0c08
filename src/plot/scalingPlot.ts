/**
 * The scaling plot of `sindex verify`: log–log median hitting time against d, one series per α
 * (marker shape + dash pattern), bootstrap intervals as error bars, the predicted line of slope
 * `predicted` through the geometric mean of the measured medians, ODE points when present, and
 * censored medians as upward arrows at the top. SVG and pgfplots; pure functions returning strings.
 */
import type { FitSummary, RunSummary } from '../verify/summary.js';
import { axes, dashAttr, escapeXml, logScale, logTicks, markerUse, polyline, px, svgDocument, text, type Box, type Scale } from './svg.js';
import { coordinates, escapeLatex, texDash, texMark, texNumber, tikzpicture } from './pgfplots.js';

export interface ScalingSummary {
  readonly runs: readonly RunSummary[];
  readonly fits: readonly FitSummary[];
}

export interface ScalingOptions {
  /** Shown above the plot, e.g. the target and algorithm of the sweep. */
  readonly title?: string;
}

export interface ScalingSeries {
  readonly index: number;
  readonly alpha: number;
  readonly fit: FitSummary | null;
  /** Runs with a finite positive median, by d. */
  readonly measured: readonly RunSummary[];
  /** Runs whose median is censored (null). */
  readonly censored: readonly RunSummary[];
  /** The predicted line as two (d, T) points, or null without a prediction or measured median. */
  readonly predicted: readonly (readonly [number, number])[] | null;
  readonly ode: readonly (readonly [number, number])[];
}

export interface ScalingFrame {
  readonly width: number;
  readonly height: number;
  readonly box: Box;
  readonly x: Scale;
  readonly y: Scale;
  readonly series: readonly ScalingSeries[];
  readonly powersOfTwo: boolean;
}

export const SCALING_WIDTH = 720;
const BOX: Box = { left: 90, top: 50, right: 690, bottom: 380 };

const mean = (xs: readonly number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;
const isPositive = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;

function seriesOf(summary: ScalingSummary): ScalingSeries[] {
  const alphas = [...new Set([...summary.runs.map((r) => r.alpha), ...summary.fits.map((f) => f.alpha)])].sort((a, b) => a - b);
  return alphas.map((alpha, index) => {
    const runs = summary.runs.filter((r) => r.alpha === alpha).sort((a, b) => a.d - b.d);
    const measured = runs.filter((r) => isPositive(r.median) && r.d > 0);
    const censored = runs.filter((r) => r.median === null && r.d > 0);
    const fit = summary.fits.find((f) => f.alpha === alpha) ?? null;
    let predicted: [number, number][] | null = null;
    if (fit && Number.isFinite(fit.predicted) && measured.length > 0) {
      const cx = mean(measured.map((r) => Math.log10(r.d)));
      const cy = mean(measured.map((r) => Math.log10(r.median!)));
      const ds = runs.map((r) => r.d).filter((d) => d > 0);
      const [lo, hi] = [Math.min(...ds), Math.max(...ds)];
      predicted = [lo, hi].map((d) => [d, 10 ** (cy + fit.predicted * (Math.log10(d) - cx))] as [number, number]);
    }
    const ode = runs.filter((r) => isPositive(r.ode) && r.d > 0).map((r) => [r.d, r.ode!] as [number, number]);
    return { index, alpha, fit, measured, censored, predicted, ode };
  });
}

/** Legend rows: one per α, then the notes. */
function legendRows(series: readonly ScalingSeries[]): number {
  const notes = (series.some((s) => s.ode.length > 0) ? 1 : 0) + (series.some((s) => s.censored.length > 0) ? 1 : 0) + 2;
  return series.length + notes;
}

/** The scales and series of the scaling plot (exported so tests can invert the mapping). */
export function scalingFrame(summary: ScalingSummary): ScalingFrame {
  const series = seriesOf(summary);
  const ds = summary.runs.map((r) => r.d).filter((d) => d > 0);
  const ys: number[] = [];
  for (const s of series) {
    for (const r of s.measured) ys.push(r.median!, ...[r.ci[0], r.ci[1]].filter(isPositive));
    for (const p of s.predicted ?? []) ys.push(p[1]);
    for (const p of s.ode) ys.push(p[1]);
  }
  const [dLo, dHi] = ds.length ? [Math.min(...ds), Math.max(...ds)] : [1, 10];
  const xDomain: [number, number] = dHi > dLo ? [dLo / 1.3, dHi * 1.3] : [dLo / 2, dLo * 2];
  const [yLo, yHi] = ys.length ? [Math.min(...ys), Math.max(...ys)] : [1, 10];
  const yDomain: [number, number] = yHi > yLo ? [yLo / 1.6, yHi * 2.5] : [yLo / 4, yLo * 4];
  const powersOfTwo = ds.length > 0 && ds.every((d) => Number.isInteger(Math.log2(d)));
  const height = BOX.bottom + 64 + 18 * legendRows(series) + 12;
  return {
    width: SCALING_WIDTH,
    height,
    box: BOX,
    x: logScale(xDomain, [BOX.left, BOX.right]),
    y: logScale(yDomain, [BOX.bottom, BOX.top]),
    series,
    powersOfTwo,
  };
}

const fixed = (v: number | null) => (v === null || !Number.isFinite(v) ? '—' : v.toFixed(2));

function legendText(s: ScalingSeries): string {
  const f = s.fit;
  if (!f) return `α = ${s.alpha}: no fit`;
  const withLog = Math.abs(f.predictedWithLog - f.predicted) > 1e-9 && Number.isFinite(f.predictedWithLog) ? ` (${f.predictedWithLog.toFixed(2)} with log d)` : '';
  return `α = ${s.alpha}: fitted ${fixed(f.slope)} [${fixed(f.ci[0])}, ${fixed(f.ci[1])}], predicted ${f.predictedExact}${withLog} — ${f.verdict}`;
}

export function scalingSvg(summary: ScalingSummary, options: ScalingOptions = {}): string {
  const f = scalingFrame(summary);
  const { box, x, y } = f;
  const title = options.title ? `Median hitting time against d: ${options.title}` : 'Median hitting time against d';
  const parts: string[] = [];
  parts.push(text(f.width / 2, 28, escapeXml(title), ' class="title" text-anchor="middle" font-size="15"'));
  const [xd0, xd1] = x.domain;
  const [yd0, yd1] = y.domain;
  parts.push(axes(box, x, y, logTicks(xd0, xd1, f.powersOfTwo), logTicks(yd0, yd1), 'dimension d', 'median hitting time T (steps)'));
  if (f.series.length === 0) parts.push(text((box.left + box.right) / 2, (box.top + box.bottom) / 2, 'no runs to plot', ' class="note" text-anchor="middle" font-size="14"'));
  for (const s of f.series) {
    parts.push(`<g class="series" data-alpha="${s.alpha}" clip-path="url(#plot-area)">`);
    if (s.predicted) {
      parts.push(polyline(s.predicted.map(([d, t]) => [x.toPx(d), y.toPx(t)]), ` class="predicted" data-alpha="${s.alpha}" data-slope="${s.fit?.predicted ?? ''}" stroke="black" stroke-width="1.4"${dashAttr(s.index)}`));
    }
    for (const r of s.measured) {
      const cx = x.toPx(r.d);
      const cy = y.toPx(r.median!);
      const lo = isPositive(r.ci[0]) ? y.toPx(r.ci[0]) : cy;
      const hi = isPositive(r.ci[1]) ? y.toPx(r.ci[1]) : box.top;
      parts.push(`<line class="error-bar" x1="${px(cx)}" y1="${px(lo)}" x2="${px(cx)}" y2="${px(hi)}" stroke="black" stroke-width="1"/>`);
      parts.push(`<line class="error-cap" x1="${px(cx - 4)}" y1="${px(lo)}" x2="${px(cx + 4)}" y2="${px(lo)}" stroke="black" stroke-width="1"/>`);
      if (isPositive(r.ci[1])) parts.push(`<line class="error-cap" x1="${px(cx - 4)}" y1="${px(hi)}" x2="${px(cx + 4)}" y2="${px(hi)}" stroke="black" stroke-width="1"/>`);
      else parts.push(`<path class="error-open" d="M${px(cx - 4)},${px(hi + 6)}L${px(cx)},${px(hi)}L${px(cx + 4)},${px(hi + 6)}" fill="none" stroke="black" stroke-width="1"/>`);
    }
    for (const r of s.measured) parts.push(markerUse(s.index, x.toPx(r.d), y.toPx(r.median!), false, ` class="median" data-d="${r.d}"`));
    for (const [d, t] of s.ode) parts.push(markerUse(s.index, x.toPx(d), y.toPx(t), true, ` class="ode" data-d="${d}" transform="translate(${px(x.toPx(d))},${px(y.toPx(t))}) scale(0.7) translate(${px(-x.toPx(d))},${px(-y.toPx(t))})"`));
    parts.push('</g>');
    for (const r of s.censored) {
      const cx = x.toPx(r.d);
      parts.push(`<g class="censored" data-alpha="${s.alpha}" data-d="${r.d}">`);
      parts.push(`<path d="M${px(cx)},${px(box.top + 30)}V${px(box.top + 3)}M${px(cx - 4)},${px(box.top + 10)}L${px(cx)},${px(box.top + 3)}L${px(cx + 4)},${px(box.top + 10)}" fill="none" stroke="black" stroke-width="1.2"/>`);
      parts.push(markerUse(s.index, cx, box.top + 36, false));
      parts.push('</g>');
    }
  }
  // legend below the x-axis label: one row per α, then notes
  const lx = box.left;
  let ly = box.bottom + 70;
  const rows: string[] = [];
  for (const s of f.series) {
    rows.push(`<line x1="${px(lx)}" y1="${px(ly - 4)}" x2="${px(lx + 40)}" y2="${px(ly - 4)}" stroke="black" stroke-width="1.4"${dashAttr(s.index)}/>`);
    rows.push(markerUse(s.index, lx + 20, ly - 4, false));
    rows.push(text(lx + 50, ly, escapeXml(legendText(s)), ` class="legend-entry" data-alpha="${s.alpha}"`));
    ly += 18;
  }
  const notes: string[] = [];
  if (f.series.some((s) => s.ode.length > 0)) notes.push('filled markers: hitting time of the deterministic ODE');
  if (f.series.some((s) => s.censored.length > 0)) notes.push('↑ at the top: censored median (fewer than half the seeds reached the threshold)');
  notes.push('open markers: Kaplan–Meier median with its bootstrap 95 % interval;');
  notes.push('lines: the predicted slope, drawn through the geometric mean of the measured medians');
  for (const n of notes) {
    rows.push(text(lx, ly, escapeXml(n), ' class="legend-note" font-size="11"'));
    ly += 18;
  }
  parts.push(`<g class="legend"><rect x="${px(lx - 8)}" y="${px(box.bottom + 52)}" width="${px(box.right - box.left + 16)}" height="${px(ly - box.bottom - 52 - 4)}" fill="white" stroke="black" stroke-width="0.6"/>`);
  parts.push(...rows, '</g>');
  return svgDocument(f.width, f.height, title, box, parts.join('\n'));
}

function legendTex(s: ScalingSeries): string {
  const f = s.fit;
  if (!f) return `$\\alpha = ${texNumber(s.alpha)}$: no fit`;
  const num = (v: number | null) => (v === null || !Number.isFinite(v) ? '---' : `$${v.toFixed(2)}$`);
  const withLog = Math.abs(f.predictedWithLog - f.predicted) > 1e-9 && Number.isFinite(f.predictedWithLog) ? ` ($${f.predictedWithLog.toFixed(2)}$ with $\\log d$)` : '';
  return `$\\alpha = ${texNumber(s.alpha)}$: fitted ${num(f.slope)} [${num(f.ci[0])}, ${num(f.ci[1])}], predicted ${escapeLatex(f.predictedExact)}${withLog}, ${escapeLatex(f.verdict)}`;
}

export function scalingPgfplots(summary: ScalingSummary, options: ScalingOptions = {}): string {
  const f = scalingFrame(summary);
  const [xd0, xd1] = f.x.domain;
  const [yd0, yd1] = f.y.domain;
  const axisOptions = [
    ...(options.title ? [`title={${escapeLatex(`Median hitting time against d: ${options.title}`)}}`, 'title style={font=\\small, text width=11cm, align=center}'] : []),
    'xmode=log',
    'ymode=log',
    ...(f.powersOfTwo ? ['log basis x=2'] : []),
    'xlabel={dimension $d$}',
    'ylabel={median hitting time $T$ (steps)}',
    'width=11cm',
    'height=7.5cm',
    `xmin=${texNumber(xd0)}, xmax=${texNumber(xd1)}`,
    `ymin=${texNumber(yd0)}, ymax=${texNumber(yd1)}`,
    'legend style={at={(0.5,-0.18)}, anchor=north, font=\\footnotesize}',
    'legend cell align=left',
  ];
  const body: string[] = [];
  if (f.series.length === 0) body.push(`\\addplot[draw=none, forget plot] coordinates {(${texNumber(xd0)},${texNumber(yd0)})};`);
  for (const s of f.series) {
    body.push(`% alpha = ${texNumber(s.alpha)}`);
    if (s.predicted) body.push(`\\addplot[black, ${texDash(s.index)}, forget plot] ${coordinates(s.predicted)};`);
    if (s.measured.length > 0) {
      const points = s.measured.map((r) => {
        const m = r.median!;
        const hi = isPositive(r.ci[1]) ? r.ci[1] : yd1;
        const lo = isPositive(r.ci[0]) ? r.ci[0] : m;
        return `(${texNumber(r.d)},${texNumber(m)}) += (0,${texNumber(Math.max(0, hi - m))}) -= (0,${texNumber(Math.max(0, m - lo))})`;
      });
      body.push(`\\addplot[black, only marks, ${texMark(s.index, false)}, forget plot, error bars/.cd, y dir=both, y explicit] coordinates {${points.join(' ')}};`);
    }
    if (s.ode.length > 0) body.push(`\\addplot[black, only marks, ${texMark(s.index, true)}, mark size=1.6pt, forget plot] ${coordinates(s.ode)};`);
    for (const r of s.censored) {
      const top = yd1;
      const from = 10 ** (Math.log10(yd0) + 0.88 * (Math.log10(yd1) - Math.log10(yd0)));
      body.push(`\\draw[black, ->] (axis cs:${texNumber(r.d)},${texNumber(from)}) -- (axis cs:${texNumber(r.d)},${texNumber(top)});`);
      body.push(`\\addplot[black, only marks, ${texMark(s.index, false)}, forget plot] coordinates {(${texNumber(r.d)},${texNumber(from)})};`);
    }
  }
  for (const s of f.series) {
    body.push(`\\addlegendimage{black, ${texDash(s.index)}, ${texMark(s.index, false)}, mark options={solid}}`);
    body.push(`\\addlegendentry{${legendTex(s)}}`);
  }
  if (f.series.some((s) => s.ode.length > 0)) {
    body.push('\\addlegendimage{empty legend}');
    body.push('\\addlegendentry{filled marks: hitting time of the deterministic ODE}');
  }
  if (f.series.some((s) => s.censored.length > 0)) {
    body.push('\\addlegendimage{empty legend}');
    body.push('\\addlegendentry{$\\uparrow$ at the top: censored median}');
  }
  return tikzpicture(axisOptions, body);
}
