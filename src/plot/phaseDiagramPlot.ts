/**
 * The phase diagram of `sindex thresholds`: the exponent of d in T against α (η = d^{−α}),
 * one polyline, breakpoints as labelled vertical dashed lines, pieces labelled by regime.
 * SVG and pgfplots; pure functions returning strings.
 *
 * Labels are placed with the text extents of svg.ts (a fixed width per character): the regime
 * labels inside the plot, clear of the curve, of each other and of the breakpoint labels; the
 * pgfplots version puts them at the same data points with the same alignment.
 */
import { Rational } from '../exact/rational.js';
import { phaseAlphaMax, pieceNumbers, type PhasePiece, type ThresholdResult } from '../thresholds/thresholds.js';
import {
  ASCENT_EM,
  axes,
  escapeXml,
  leftMargin,
  linearScale,
  linearTicks,
  markerUse,
  polyline,
  px,
  rectInside,
  rectsOverlap,
  segmentMeetsRect,
  superscript,
  svgDocument,
  text,
  textRect,
  textWidth,
  tickLabels,
  wrapWords,
  type Anchor,
  type Box,
  type Rect,
  type Scale,
} from './svg.js';
import { coordinates, escapeLatex, standaloneDocument, texNumber } from './pgfplots.js';
import { linkTex, linkUnicode } from './mathText.js';
import { SAME_VERTEX } from '../numeric/tolerance.js';

export const PHASE_WIDTH = 680;
const PLOT_HEIGHT = 300;
const TITLE_FONT = 15;
const TITLE_LINE = 19;
const BREAKPOINT_FONT = 12;
const REGIME_FONT = 11;
const LEGEND_ROW = 18;

export interface PhaseFrame {
  readonly width: number;
  readonly height: number;
  readonly box: Box;
  readonly x: Scale;
  readonly y: Scale;
  readonly xMax: number;
  readonly yMin: number;
  readonly yMax: number;
  /** The curve as (α, exponent) vertices from α = 0 to xMax. */
  readonly vertices: readonly (readonly [number, number])[];
  readonly breakpoints: readonly { readonly label: string; readonly alpha: number }[];
  /** The title, as Unicode text, one entry per line. */
  readonly title: readonly string[];
}

/** A label at a point: the text's anchor (x, baseline y) in pixels and in data coordinates. */
export interface PlacedLabel {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly anchor: Anchor;
  readonly alpha: number;
  readonly exponent: number;
}

interface NumericPiece {
  readonly from: number;
  readonly to: number;
  readonly slope: number;
  readonly intercept: number;
  readonly piece: PhasePiece;
}

/** The pieces cut to [0, xMax]. */
function numericPieces(pieces: readonly PhasePiece[], xMax: number): NumericPiece[] {
  return pieces
    .map((p) => {
      const q = pieceNumbers(p);
      return { ...q, from: Math.max(0, q.from), to: Math.min(xMax, q.to), piece: p };
    })
    .filter((p) => p.to > p.from);
}

function titleOf(result: ThresholdResult): string {
  const student = result.student !== result.target ? `, student ${linkUnicode(result.student)}` : '';
  return `Phase diagram of T: target ${linkUnicode(result.target)}${student}, algorithm ${result.algorithm}`;
}

function titleTex(result: ThresholdResult): string {
  const student = result.student !== result.target ? `, student ${linkTex(result.student)}` : '';
  return `Phase diagram of $T$: target ${linkTex(result.target)}${student}, algorithm ${escapeLatex(result.algorithm)}`;
}

/** The scales and geometry of the phase-diagram plot (exported so tests can invert the mapping). */
export function phaseDiagramFrame(result: ThresholdResult): PhaseFrame {
  const breakpoints = result.phaseDiagram.breakpoints.map((label) => ({ label, alpha: Rational.parse(label).toNumber() }));
  const xMax = phaseAlphaMax(result.phaseDiagram.breakpoints);
  const vertices: [number, number][] = [];
  for (const p of numericPieces(result.phaseDiagram.pieces, xMax)) {
    for (const a of [p.from, p.to]) {
      const v: [number, number] = [a, p.slope * a + p.intercept];
      const prev = vertices[vertices.length - 1];
      if (!prev || Math.abs(prev[0] - v[0]) > SAME_VERTEX || Math.abs(prev[1] - v[1]) > SAME_VERTEX) vertices.push(v);
    }
  }
  const ys = vertices.map((v) => v[1]);
  const lo = ys.length ? Math.min(...ys) : 0;
  const hi = ys.length ? Math.max(...ys) : 2;
  const yMin = Math.min(0, Math.floor(lo));
  const yMax = Math.max(Math.ceil(hi + 0.5), yMin + 1);
  const title = wrapWords(titleOf(result), TITLE_FONT, PHASE_WIDTH - 20);
  const top = 24 + TITLE_LINE * (title.length - 1) + 26;
  const left = Math.max(80, leftMargin(tickLabels(linearTicks(yMin, yMax, 6), 'linear')));
  const box: Box = { left, top, right: PHASE_WIDTH - 30, bottom: top + PLOT_HEIGHT };
  const legendRows = 1 + (breakpoints.length > 0 ? 1 : 0);
  return {
    width: PHASE_WIDTH,
    height: box.bottom + 52 + 10 + LEGEND_ROW * legendRows + 12,
    box,
    x: linearScale([0, xMax], [box.left, box.right]),
    y: linearScale([yMin, yMax], [box.bottom, box.top]),
    xMax,
    yMin,
    yMax,
    vertices,
    breakpoints,
    title,
  };
}

function regimeText(p: PhasePiece): string {
  return `${p.regime} · y${superscript(String(p.labelPower))}${p.log ? ' · log d' : ''}`;
}

/**
 * Where the labels go. Breakpoint labels: right of their line at the top, moved down a row when
 * they would run into the previous one, to the left of the line when they would leave the plot.
 * Regime labels: the first of a list of spots along each piece (at its middle first; for a rising
 * piece below-right or above-left of it, for a falling one above-right or below-left, then above or
 * below; last, running from either end of the piece) whose box stays in the plot and meets no other
 * label and, if it can, no marker, neither the curve nor a breakpoint line.
 */
export function phaseDiagramLabels(result: ThresholdResult, f: PhaseFrame = phaseDiagramFrame(result)): { breakpoints: PlacedLabel[]; regimes: PlacedLabel[] } {
  const { box, x, y } = f;
  const inner: Rect = { x0: box.left + 3, y0: box.top + 3, x1: box.right - 3, y1: box.bottom - 3 };
  const taken: Rect[] = [];
  const data = (px0: number, py0: number) => ({ alpha: x.invert(px0), exponent: y.invert(py0) });
  const breakpoints: PlacedLabel[] = [];
  for (const b of f.breakpoints) {
    const line = x.toPx(b.alpha);
    let placed: PlacedLabel | null = null;
    for (let row = 0; row < 8 && placed === null; row++) {
      const baseline = box.top + 15 + 14 * row;
      for (const [lx, anchor] of [
        [line + 4, 'start'],
        [line - 4, 'end'],
      ] as const) {
        const r = textRect(lx, baseline, b.label, BREAKPOINT_FONT, anchor);
        if (rectInside(r, inner) && !taken.some((t) => rectsOverlap(t, r))) {
          placed = { text: b.label, x: lx, y: baseline, anchor, ...data(lx, baseline) };
          taken.push(r);
          break;
        }
      }
    }
    if (placed === null) {
      const baseline = box.top + 15;
      placed = { text: b.label, x: line + 4, y: baseline, anchor: 'start', ...data(line + 4, baseline) };
      taken.push(textRect(line + 4, baseline, b.label, BREAKPOINT_FONT));
    }
    breakpoints.push(placed);
  }
  const curve = f.vertices.map(([a, e]) => [x.toPx(a), y.toPx(e)] as [number, number]);
  const markers: Rect[] = f.breakpoints.flatMap((b) => {
    const v = f.vertices.find((w) => Math.abs(w[0] - b.alpha) < SAME_VERTEX);
    return v ? [{ x0: x.toPx(v[0]) - 6, y0: y.toPx(v[1]) - 6, x1: x.toPx(v[0]) + 6, y1: y.toPx(v[1]) + 6 }] : [];
  });
  const lines = f.breakpoints.map((b) => x.toPx(b.alpha));
  const hitsCurve = (r: Rect) => {
    const padded = { x0: r.x0 - 2, y0: r.y0 - 2, x1: r.x1 + 2, y1: r.y1 + 2 };
    return curve.some((p, k) => k > 0 && segmentMeetsRect(curve[k - 1]!, p, padded));
  };
  const crossesLine = (r: Rect) => lines.some((l) => l > r.x0 - 2 && l < r.x1 + 2);
  const regimes: PlacedLabel[] = [];
  for (const p of numericPieces(result.phaseDiagram.pieces, f.xMax)) {
    const label = regimeText(p.piece);
    const up = ASCENT_EM * REGIME_FONT;
    const spots: [number, number, Anchor][] = [];
    for (const t of [0.5, 0.3, 0.7, 0.15, 0.85]) {
      const a = p.from + t * (p.to - p.from);
      const [mx, my] = [x.toPx(a), y.toPx(p.slope * a + p.intercept)];
      if (p.slope > 0) spots.push([mx + 8, my + 8 + up, 'start'], [mx - 8, my - 9, 'end']);
      else if (p.slope < 0) spots.push([mx + 8, my - 9, 'start'], [mx - 8, my + 8 + up, 'end']);
      spots.push([mx, my - 9, 'middle'], [mx, my + 9 + up, 'middle']);
    }
    // a piece too short for its label: the label from its left end rightwards, or from its right end leftwards
    for (const [a, anchor, dx] of [
      [p.from, 'start', 4],
      [p.to, 'end', -4],
    ] as const) {
      const [ex, ey] = [Math.min(Math.max(x.toPx(a), inner.x0), inner.x1) + dx, y.toPx(p.slope * a + p.intercept)];
      spots.push([ex, ey - 9, anchor], [ex, ey + 9 + up, anchor]);
    }
    const free = (r: Rect, strict: number) =>
      rectInside(r, inner) &&
      !taken.some((t) => rectsOverlap(t, r)) &&
      (strict < 1 || !markers.some((m) => rectsOverlap(m, r))) &&
      (strict < 2 || !hitsCurve(r)) &&
      (strict < 3 || !crossesLine(r));
    let chosen: [number, number, Anchor] | null = null;
    for (const strict of [3, 2, 1, 0]) {
      chosen = spots.find(([sx, sy, anchor]) => free(textRect(sx, sy, label, REGIME_FONT, anchor), strict)) ?? null;
      if (chosen) break;
    }
    if (chosen === null) {
      // nowhere free: above the middle of the piece, pulled inside the plot
      const [sx, sy] = spots.find((sp) => sp[2] === 'middle')!;
      const w = textWidth(label, REGIME_FONT);
      chosen = [Math.min(Math.max(sx, inner.x0 + w / 2), inner.x1 - w / 2), Math.min(Math.max(sy, inner.y0 + up), inner.y1 - 3), 'middle'];
    }
    const [sx, sy, anchor] = chosen;
    taken.push(textRect(sx, sy, label, REGIME_FONT, anchor));
    regimes.push({ text: label, x: sx, y: sy, anchor, ...data(sx, sy) });
  }
  return { breakpoints, regimes };
}

export function phaseDiagramSvg(result: ThresholdResult): string {
  const f = phaseDiagramFrame(result);
  const { box, x, y } = f;
  const parts: string[] = [];
  f.title.forEach((line, i) =>
    parts.push(text(f.width / 2, 24 + TITLE_LINE * i, escapeXml(line), ` class="title" text-anchor="middle" font-size="${TITLE_FONT}"`)),
  );
  parts.push(
    axes(
      box,
      x,
      y,
      linearTicks(0, f.xMax, 8),
      linearTicks(f.yMin, f.yMax, 6),
      'α, with η = d<tspan baseline-shift="super" font-size="10">−α</tspan>',
      'exponent of d in T',
    ),
  );
  const pieces = numericPieces(result.phaseDiagram.pieces, f.xMax);
  if (pieces.length === 0) {
    const note = result.phaseDiagram.note ?? 'no exact phase diagram for this oracle';
    parts.push(
      text((box.left + box.right) / 2, (box.top + box.bottom) / 2 - 10, 'No exact phase diagram', ' class="note" text-anchor="middle" font-size="14"'),
    );
    const lines = wrapWords(note, 12, box.right - box.left - 20);
    lines.forEach((l, i) =>
      parts.push(text((box.left + box.right) / 2, (box.top + box.bottom) / 2 + 14 + 16 * i, escapeXml(l), ' class="note" text-anchor="middle" font-size="12"')),
    );
  } else {
    const labels = phaseDiagramLabels(result, f);
    parts.push('<g class="breakpoints">');
    f.breakpoints.forEach((b, i) => {
      const p = x.toPx(b.alpha);
      const l = labels.breakpoints[i]!;
      parts.push(
        `<line class="breakpoint" data-alpha="${escapeXml(b.label)}" x1="${px(p)}" y1="${px(box.top)}" x2="${px(p)}" y2="${px(box.bottom)}" stroke="black" stroke-width="1" stroke-dasharray="6 4"/>`,
      );
      parts.push(text(l.x, l.y, escapeXml(l.text), ` class="breakpoint-label" text-anchor="${l.anchor}" font-size="${BREAKPOINT_FONT}"`));
    });
    parts.push('</g>');
    parts.push(`<g class="series" data-series="exponent" clip-path="url(#plot-area)">`);
    parts.push(
      polyline(
        f.vertices.map(([a, e]) => [x.toPx(a), y.toPx(e)]),
        ' class="curve" data-series="exponent" stroke="black" stroke-width="2"',
      ),
    );
    for (const b of f.breakpoints) {
      const v = f.vertices.find((w) => Math.abs(w[0] - b.alpha) < SAME_VERTEX);
      if (v) parts.push(markerUse(0, x.toPx(v[0]), y.toPx(v[1]), true, ' class="breakpoint-marker"'));
    }
    parts.push('</g>');
    parts.push('<g class="regime-labels">');
    for (const l of labels.regimes) {
      // a white halo keeps a dashed breakpoint line from running through the letters
      parts.push(
        text(
          l.x,
          l.y,
          escapeXml(l.text),
          ` class="regime-label" text-anchor="${l.anchor}" font-size="${REGIME_FONT}" font-style="italic" stroke="white" stroke-width="3" paint-order="stroke"`,
        ),
      );
    }
    parts.push('</g>');
  }
  // legend, below the x-axis label: one row per entry, the box as wide as its longest row
  const lx = box.left;
  const top = box.bottom + 52;
  const entries: [string, string, string][] = [
    [
      'exponent e of d in T ≍ d<tspan baseline-shift="super" font-size="9">e</tspan> (● at a breakpoint)',
      'exponent e of d in T ≍ de (● at a breakpoint)',
      ' stroke-width="2"',
    ],
  ];
  if (f.breakpoints.length > 0)
    entries.push(['breakpoint α* (label: its exact value)', 'breakpoint α* (label: its exact value)', ' stroke-width="1" stroke-dasharray="6 4"']);
  const widest = Math.max(...entries.map(([, plain]) => textWidth(plain, 12)));
  parts.push('<g class="legend">');
  parts.push(
    `<rect x="${px(lx - 8)}" y="${px(top)}" width="${px(38 + widest + 16)}" height="${px(10 + LEGEND_ROW * entries.length)}" fill="white" stroke="black" stroke-width="0.6"/>`,
  );
  entries.forEach(([content, , stroke], i) => {
    const ly = top + 20 + LEGEND_ROW * i;
    parts.push(`<line x1="${px(lx)}" y1="${px(ly - 4)}" x2="${px(lx + 30)}" y2="${px(ly - 4)}" stroke="black"${stroke}/>`);
    if (i === 0) parts.push(markerUse(0, lx + 15, ly - 4, true));
    parts.push(text(lx + 38, ly, content, ' class="legend-entry"'));
  });
  parts.push('</g>');
  return svgDocument(f.width, f.height, f.title.join(' '), box, parts.join('\n'));
}

function regimeTex(p: PhasePiece): string {
  return `${escapeLatex(p.regime)}, $y^{${p.labelPower}}$${p.log ? ', $\\log d$' : ''}`;
}

function rationalTex(label: string): string {
  const m = /^(-?)(\d+)\/(\d+)$/.exec(label.trim());
  return m ? `$${m[1]}\\frac{${m[2]}}{${m[3]}}$` : `$${escapeLatex(label)}$`;
}

const TEX_ANCHOR: Record<Anchor, string> = { start: 'base west', middle: 'base', end: 'base east' };

/**
 * The phase diagram as a standalone LaTeX document (pgfplots; see `standaloneDocument`). The plot
 * area is 11 cm × 6 cm, the proportions of the SVG's, so the labels placed for the SVG land in the
 * same places.
 */
export function phaseDiagramPgfplots(result: ThresholdResult): string {
  const f = phaseDiagramFrame(result);
  const pieces = numericPieces(result.phaseDiagram.pieces, f.xMax);
  const options = [
    `title={${titleTex(result)}}`,
    'title style={font=\\small, text width=11cm, align=center}',
    'xlabel={$\\alpha$, with $\\eta = d^{-\\alpha}$}',
    'ylabel={exponent of $d$ in $T$}',
    'scale only axis',
    'width=11cm',
    'height=6cm',
    `xmin=0, xmax=${texNumber(f.xMax)}`,
    `ymin=${texNumber(f.yMin)}, ymax=${texNumber(f.yMax)}`,
    'legend style={at={(0.5,-0.2)}, anchor=north, legend columns=2, font=\\footnotesize, /tikz/every even column/.append style={column sep=1em}}',
    'clip marker paths=true',
    'clip mode=individual',
  ];
  const body: string[] = [];
  if (pieces.length === 0) {
    const note = result.phaseDiagram.note ?? 'no exact phase diagram for this oracle';
    body.push('\\addplot[draw=none, forget plot] coordinates {(0,0)};');
    body.push(
      `\\node[align=center, text width=8cm, font=\\small] at (axis cs:${texNumber(f.xMax / 2)},${texNumber((f.yMin + f.yMax) / 2)}) {No exact phase diagram:\\\\ ${escapeLatex(note)}};`,
    );
  } else {
    const labels = phaseDiagramLabels(result, f);
    body.push(`\\addplot[black, very thick] ${coordinates(f.vertices)};`);
    body.push('\\addlegendentry{exponent $e$ of $d$ in $T \\asymp d^{e}$}');
    f.breakpoints.forEach((b, i) => {
      const l = labels.breakpoints[i]!;
      body.push(
        `\\addplot[black, dashed, forget plot] coordinates {(${texNumber(b.alpha)},${texNumber(f.yMin)}) (${texNumber(b.alpha)},${texNumber(f.yMax)})};`,
      );
      body.push(
        `\\node[anchor=${TEX_ANCHOR[l.anchor]}, font=\\footnotesize] at (axis cs:${texNumber(l.alpha)},${texNumber(l.exponent)}) {${rationalTex(b.label)}};`,
      );
      const v = f.vertices.find((w) => Math.abs(w[0] - b.alpha) < SAME_VERTEX);
      if (v) body.push(`\\addplot[black, only marks, mark=*, forget plot] coordinates {(${texNumber(v[0])},${texNumber(v[1])})};`);
    });
    if (f.breakpoints.length > 0) {
      body.push('\\addlegendimage{black, dashed}');
      body.push('\\addlegendentry{breakpoint $\\alpha^*$}');
    }
    pieces.forEach((p, i) => {
      const l = labels.regimes[i]!;
      body.push(
        `\\node[anchor=${TEX_ANCHOR[l.anchor]}, font=\\scriptsize\\itshape, fill=white, inner sep=1pt] at (axis cs:${texNumber(l.alpha)},${texNumber(l.exponent)}) {${regimeTex(p.piece)}};`,
      );
    });
  }
  return standaloneDocument(options, body);
}
