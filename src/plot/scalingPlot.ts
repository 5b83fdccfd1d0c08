/**
 * The scaling plot of `sindex verify`: log–log median hitting time against d, one series per α
 * (marker shape + dash pattern), bootstrap intervals as error bars, the predicted line of slope
 * `predicted` through the geometric mean of the measured medians, ODE points when present, and
 * censored medians as upward arrows at the top. SVG and pgfplots; pure functions returning strings.
 */
import type { FitSummary, RunSummary } from '../verify/summary.js';
import {
  axes,
  dashAttr,
  escapeXml,
  leftMargin,
  logScale,
  logTicks,
  markerUse,
  polyline,
  px,
  svgDocument,
  text,
  textWidth,
  tickLabels,
  wrapWords,
  type Box,
  type Scale,
} from './svg.js';
import { coordinates, escapeLatex, standaloneDocument, texDash, texMark, texNumber } from './pgfplots.js';
import { linkTex, linkUnicode } from './mathText.js';
import { SAME_DISPLAYED } from '../numeric/tolerance.js';

export interface ScalingSummary {
  readonly runs: readonly RunSummary[];
  readonly fits: readonly FitSummary[];
}

export interface ScalingOptions {
  /** Shown above the plot as given (plain text), e.g. "sweep of 2024-05-01". */
  readonly title?: string;
  /**
   * What the sweep ran, shown in the title with the links as mathematics (He₃(z) in SVG,
   * $\mathrm{He}_{3}(z)$ in pgfplots): "target σ*, student σ, algorithm A, note". Takes the place
   * of `title` when given.
   */
  readonly subject?: {
    readonly target: string;
    readonly student?: string;
    readonly algorithm: string;
    /** Appended as is, e.g. "partial: 12 of 64 seeds". */
    readonly note?: string;
  };
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
  /** The title, as Unicode text, one entry per line. */
  readonly title: readonly string[];
}

export const SCALING_WIDTH = 720;
const PLOT_WIDTH = 600;
const PLOT_HEIGHT = 330;
const TITLE_FONT = 15;
const TITLE_LINE = 19;
const LEGEND_ROW = 18;
const LEGEND_FONT = 12;
const NOTE_FONT = 11;

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

/** The notes under the legend's rows, for the series drawn. */
function legendNotes(series: readonly ScalingSeries[]): string[] {
  const notes: string[] = [];
  if (series.some((s) => s.ode.length > 0)) notes.push('filled markers: hitting time of the deterministic ODE');
  if (series.some((s) => s.censored.length > 0)) notes.push('↑ at the top: censored median (fewer than half the seeds reached the threshold)');
  notes.push('open markers: Kaplan–Meier median with its bootstrap 95 % interval;');
  notes.push('lines: the predicted slope, drawn through the geometric mean of the measured medians');
  return notes;
}

function titleOf(options: ScalingOptions): string {
  const s = options.subject;
  if (!s) return options.title ? `Median hitting time against d: ${options.title}` : 'Median hitting time against d';
  const student = s.student !== undefined && s.student !== s.target ? `, student ${linkUnicode(s.student)}` : '';
  return `Median hitting time against d: target ${linkUnicode(s.target)}${student}, algorithm ${s.algorithm}${s.note ? `, ${s.note}` : ''}`;
}

function titleTex(options: ScalingOptions): string | null {
  const s = options.subject;
  if (!s) return options.title ? escapeLatex(`Median hitting time against d: ${options.title}`) : null;
  const student = s.student !== undefined && s.student !== s.target ? `, student ${linkTex(s.student)}` : '';
  return `Median hitting time against $d$: target ${linkTex(s.target)}${student}, algorithm ${escapeLatex(s.algorithm)}${s.note ? `, ${escapeLatex(s.note)}` : ''}`;
}

/** The scales and series of the scaling plot (exported so tests can invert the mapping). */
export function scalingFrame(summary: ScalingSummary, options: ScalingOptions = {}): ScalingFrame {
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
  const title = wrapWords(titleOf(options), TITLE_FONT, SCALING_WIDTH - 20);
  const top = 24 + TITLE_LINE * (title.length - 1) + 26;
  const left = Math.max(90, leftMargin(tickLabels(logTicks(yDomain[0], yDomain[1]), 'log')));
  const box: Box = { left, top, right: left + PLOT_WIDTH, bottom: top + PLOT_HEIGHT };
  // the legend: one row per α (text after the line and marker), then the notes; as wide as it needs
  const notes = legendNotes(series);
  const rowEnds = [...series.map((s) => box.left + 50 + textWidth(legendText(s), LEGEND_FONT)), ...notes.map((n) => box.left + textWidth(n, NOTE_FONT))];
  const legendRight = Math.max(box.right + 8, ...rowEnds.map((e) => e + 8));
  return {
    width: Math.ceil(Math.max(SCALING_WIDTH, legendRight + 10, box.right + 30)),
    height: box.bottom + 52 + 8 + LEGEND_ROW * (series.length + notes.length) + 12,
    box,
    x: logScale(xDomain, [box.left, box.right]),
    y: logScale(yDomain, [box.bottom, box.top]),
    series,
    powersOfTwo,
    title,
  };
}

const fixed = (v: number | null) => (v === null || !Number.isFinite(v) ? '—' : v.toFixed(2));

function legendText(s: ScalingSeries): string {
  const f = s.fit;
  if (!f) return `α = ${s.alpha}: no fit`;
  const withLog =
    Math.abs(f.predictedWithLog - f.predicted) > SAME_DISPLAYED && Number.isFinite(f.predictedWithLog) ? ` (${f.predictedWithLog.toFixed(2)} with log d)` : '';
  return `α = ${s.alpha}: fitted ${fixed(f.slope)} [${fixed(f.ci[0])}, ${fixed(f.ci[1])}], predicted ${f.predictedExact}${withLog} — ${f.verdict}`;
}

export function scalingSvg(summary: ScalingSummary, options: ScalingOptions = {}): string {
  const f = scalingFrame(summary, options);
  const { box, x, y } = f;
  const parts: string[] = [];
  f.title.forEach((line, i) =>
    parts.push(text(f.width / 2, 24 + TITLE_LINE * i, escapeXml(line), ` class="title" text-anchor="middle" font-size="${TITLE_FONT}"`)),
  );
  const [xd0, xd1] = x.domain;
  const [yd0, yd1] = y.domain;
  parts.push(axes(box, x, y, logTicks(xd0, xd1, f.powersOfTwo), logTicks(yd0, yd1), 'dimension d', 'median hitting time T (steps)'));
  if (f.series.length === 0)
    parts.push(text((box.left + box.right) / 2, (box.top + box.bottom) / 2, 'no runs to plot', ' class="note" text-anchor="middle" font-size="14"'));
  for (const s of f.series) {
    parts.push(`<g class="series" data-alpha="${s.alpha}" clip-path="url(#plot-area)">`);
    if (s.predicted) {
      parts.push(
        polyline(
          s.predicted.map(([d, t]) => [x.toPx(d), y.toPx(t)]),
          ` class="predicted" data-alpha="${s.alpha}" data-slope="${s.fit?.predicted ?? ''}" stroke="black" stroke-width="1.4"${dashAttr(s.index)}`,
        ),
      );
    }
    for (const r of s.measured) {
      const cx = x.toPx(r.d);
      const cy = y.toPx(r.median!);
      const lo = isPositive(r.ci[0]) ? y.toPx(r.ci[0]) : cy;
      const hi = isPositive(r.ci[1]) ? y.toPx(r.ci[1]) : box.top;
      parts.push(`<line class="error-bar" x1="${px(cx)}" y1="${px(lo)}" x2="${px(cx)}" y2="${px(hi)}" stroke="black" stroke-width="1"/>`);
      parts.push(`<line class="error-cap" x1="${px(cx - 4)}" y1="${px(lo)}" x2="${px(cx + 4)}" y2="${px(lo)}" stroke="black" stroke-width="1"/>`);
      if (isPositive(r.ci[1]))
        parts.push(`<line class="error-cap" x1="${px(cx - 4)}" y1="${px(hi)}" x2="${px(cx + 4)}" y2="${px(hi)}" stroke="black" stroke-width="1"/>`);
      else
        parts.push(
          `<path class="error-open" d="M${px(cx - 4)},${px(hi + 6)}L${px(cx)},${px(hi)}L${px(cx + 4)},${px(hi + 6)}" fill="none" stroke="black" stroke-width="1"/>`,
        );
    }
    for (const r of s.measured) parts.push(markerUse(s.index, x.toPx(r.d), y.toPx(r.median!), false, ` class="median" data-d="${r.d}"`));
    for (const [d, t] of s.ode)
      parts.push(
        markerUse(
          s.index,
          x.toPx(d),
          y.toPx(t),
          true,
          ` class="ode" data-d="${d}" transform="translate(${px(x.toPx(d))},${px(y.toPx(t))}) scale(0.7) translate(${px(-x.toPx(d))},${px(-y.toPx(t))})"`,
        ),
      );
    parts.push('</g>');
    for (const r of s.censored) {
      const cx = x.toPx(r.d);
      parts.push(`<g class="censored" data-alpha="${s.alpha}" data-d="${r.d}">`);
      parts.push(
        `<path d="M${px(cx)},${px(box.top + 30)}V${px(box.top + 3)}M${px(cx - 4)},${px(box.top + 10)}L${px(cx)},${px(box.top + 3)}L${px(cx + 4)},${px(box.top + 10)}" fill="none" stroke="black" stroke-width="1.2"/>`,
      );
      parts.push(markerUse(s.index, cx, box.top + 36, false));
      parts.push('</g>');
    }
  }
  // legend below the x-axis label: one row per α, then notes; the box as wide as its longest row
  const lx = box.left;
  const top = box.bottom + 52;
  let ly = top + 18;
  const rows: string[] = [];
  let right = box.right + 8;
  for (const s of f.series) {
    const content = legendText(s);
    rows.push(`<line x1="${px(lx)}" y1="${px(ly - 4)}" x2="${px(lx + 40)}" y2="${px(ly - 4)}" stroke="black" stroke-width="1.4"${dashAttr(s.index)}/>`);
    rows.push(markerUse(s.index, lx + 20, ly - 4, false));
    rows.push(text(lx + 50, ly, escapeXml(content), ` class="legend-entry" data-alpha="${s.alpha}"`));
    right = Math.max(right, lx + 50 + textWidth(content, LEGEND_FONT) + 8);
    ly += LEGEND_ROW;
  }
  for (const n of legendNotes(f.series)) {
    rows.push(text(lx, ly, escapeXml(n), ` class="legend-note" font-size="${NOTE_FONT}"`));
    right = Math.max(right, lx + textWidth(n, NOTE_FONT) + 8);
    ly += LEGEND_ROW;
  }
  parts.push(
    `<g class="legend"><rect x="${px(lx - 8)}" y="${px(top)}" width="${px(right - lx + 8)}" height="${px(ly - top - 8)}" fill="white" stroke="black" stroke-width="0.6"/>`,
  );
  parts.push(...rows, '</g>');
  return svgDocument(f.width, f.height, f.title.join(' '), box, parts.join('\n'));
}

function legendTex(s: ScalingSeries): string {
  const f = s.fit;
  if (!f) return `$\\alpha = ${texNumber(s.alpha)}$: no fit`;
  const num = (v: number | null) => (v === null || !Number.isFinite(v) ? '---' : `$${v.toFixed(2)}$`);
  const withLog =
    Math.abs(f.predictedWithLog - f.predicted) > SAME_DISPLAYED && Number.isFinite(f.predictedWithLog)
      ? ` ($${f.predictedWithLog.toFixed(2)}$ with $\\log d$)`
      : '';
  return `$\\alpha = ${texNumber(s.alpha)}$: fitted ${num(f.slope)} [${num(f.ci[0])}, ${num(f.ci[1])}], predicted ${escapeLatex(f.predictedExact)}${withLog}, ${escapeLatex(f.verdict)}`;
}

/** The scaling plot as a standalone LaTeX document (pgfplots; see `standaloneDocument`). */
export function scalingPgfplots(summary: ScalingSummary, options: ScalingOptions = {}): string {
  const f = scalingFrame(summary, options);
  const [xd0, xd1] = f.x.domain;
  const [yd0, yd1] = f.y.domain;
  const title = titleTex(options);
  const axisOptions = [
    ...(title !== null ? [`title={${title}}`, 'title style={font=\\small, text width=11cm, align=center}'] : []),
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
      body.push(
        `\\addplot[black, only marks, ${texMark(s.index, false)}, forget plot, error bars/.cd, y dir=both, y explicit] coordinates {${points.join(' ')}};`,
      );
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
  return standaloneDocument(axisOptions, body);
}
