/**
 * The phase diagram of `sindex thresholds`: the exponent of d in T against α (η = d^{−α}),
 * one polyline, breakpoints as labelled vertical dashed lines, pieces labelled by regime.
 * SVG and pgfplots; pure functions returning strings.
 */
import { Rational } from '../exact/rational.js';
import { phaseAlphaMax, pieceNumbers, type PhasePiece, type ThresholdResult } from '../thresholds/thresholds.js';
import { axes, escapeXml, linearScale, linearTicks, markerUse, polyline, px, superscript, svgDocument, text, type Box, type Scale } from './svg.js';
import { coordinates, escapeLatex, texNumber, tikzpicture } from './pgfplots.js';

export const PHASE_WIDTH = 680;
export const PHASE_HEIGHT = 460;
const BOX: Box = { left: 80, top: 50, right: 650, bottom: 350 };

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

/** The scales and geometry of the phase-diagram plot (exported so tests can invert the mapping). */
export function phaseDiagramFrame(result: ThresholdResult): PhaseFrame {
  const breakpoints = result.phaseDiagram.breakpoints.map((label) => ({ label, alpha: Rational.parse(label).toNumber() }));
  const xMax = phaseAlphaMax(result.phaseDiagram.breakpoints);
  const vertices: [number, number][] = [];
  for (const p of numericPieces(result.phaseDiagram.pieces, xMax)) {
    for (const a of [p.from, p.to]) {
      const v: [number, number] = [a, p.slope * a + p.intercept];
      const prev = vertices[vertices.length - 1];
      if (!prev || Math.abs(prev[0] - v[0]) > 1e-12 || Math.abs(prev[1] - v[1]) > 1e-12) vertices.push(v);
    }
  }
  const ys = vertices.map((v) => v[1]);
  const lo = ys.length ? Math.min(...ys) : 0;
  const hi = ys.length ? Math.max(...ys) : 2;
  const yMin = Math.min(0, Math.floor(lo));
  const yMax = Math.max(Math.ceil(hi + 0.5), yMin + 1);
  return {
    width: PHASE_WIDTH,
    height: PHASE_HEIGHT,
    box: BOX,
    x: linearScale([0, xMax], [BOX.left, BOX.right]),
    y: linearScale([yMin, yMax], [BOX.bottom, BOX.top]),
    xMax,
    yMin,
    yMax,
    vertices,
    breakpoints,
  };
}

function regimeText(p: PhasePiece): string {
  return `${p.regime} · y${superscript(String(p.labelPower))}${p.log ? ' · log d' : ''}`;
}

function titleOf(result: ThresholdResult): string {
  const student = result.student !== result.target ? `, student ${result.student}` : '';
  return `Phase diagram of T: target ${result.target}${student}, algorithm ${result.algorithm}`;
}

export function phaseDiagramSvg(result: ThresholdResult): string {
  const f = phaseDiagramFrame(result);
  const { box, x, y } = f;
  const parts: string[] = [];
  const title = titleOf(result);
  parts.push(text(PHASE_WIDTH / 2, 28, escapeXml(title), ' class="title" text-anchor="middle" font-size="15"'));
  parts.push(axes(box, x, y, linearTicks(0, f.xMax, 8), linearTicks(f.yMin, f.yMax, 6), 'α, with η = d<tspan baseline-shift="super" font-size="10">−α</tspan>', 'exponent of d in T'));
  const pieces = numericPieces(result.phaseDiagram.pieces, f.xMax);
  if (pieces.length === 0) {
    const note = result.phaseDiagram.note ?? 'no exact phase diagram for this oracle';
    parts.push(text((box.left + box.right) / 2, (box.top + box.bottom) / 2 - 10, 'No exact phase diagram', ' class="note" text-anchor="middle" font-size="14"'));
    const words = note.split(' ');
    const lines: string[] = [];
    for (const w of words) {
      const lastLine = lines[lines.length - 1];
      if (lastLine !== undefined && (lastLine + ' ' + w).length <= 70) lines[lines.length - 1] = `${lastLine} ${w}`;
      else lines.push(w);
    }
    lines.forEach((l, i) => parts.push(text((box.left + box.right) / 2, (box.top + box.bottom) / 2 + 14 + 16 * i, escapeXml(l), ' class="note" text-anchor="middle" font-size="12"')));
  } else {
    parts.push('<g class="breakpoints">');
    for (const b of f.breakpoints) {
      const p = x.toPx(b.alpha);
      parts.push(`<line class="breakpoint" data-alpha="${escapeXml(b.label)}" x1="${px(p)}" y1="${px(box.top)}" x2="${px(p)}" y2="${px(box.bottom)}" stroke="black" stroke-width="1" stroke-dasharray="6 4"/>`);
      parts.push(text(p + 4, box.top + 15, escapeXml(b.label), ' class="breakpoint-label" font-size="12"'));
    }
    parts.push('</g>');
    parts.push(`<g class="series" data-series="exponent" clip-path="url(#plot-area)">`);
    parts.push(polyline(f.vertices.map(([a, e]) => [x.toPx(a), y.toPx(e)]), ' class="curve" data-series="exponent" stroke="black" stroke-width="2"'));
    for (const b of f.breakpoints) {
      const v = f.vertices.find((w) => Math.abs(w[0] - b.alpha) < 1e-12);
      if (v) parts.push(markerUse(0, x.toPx(v[0]), y.toPx(v[1]), true, ' class="breakpoint-marker"'));
    }
    parts.push('</g>');
    parts.push('<g class="regime-labels">');
    for (const p of pieces) {
      // flat pieces: centred above; sloped ones: on the side of the line away from it (above-left if rising)
      const mid = (p.from + p.to) / 2;
      const [mx, my] = [x.toPx(mid), y.toPx(p.slope * mid + p.intercept)];
      const [dx, anchor] = p.slope > 0 ? [-8, 'end'] : p.slope < 0 ? [8, 'start'] : [0, 'middle'];
      parts.push(text(mx + dx, my - 9, escapeXml(regimeText(p.piece)), ` class="regime-label" text-anchor="${anchor}" font-size="11" font-style="italic"`));
    }
    parts.push('</g>');
  }
  // legend, below the x-axis label
  const ly = box.bottom + 72;
  const lx = box.left;
  parts.push('<g class="legend">');
  parts.push(`<rect x="${px(lx - 8)}" y="${px(ly - 16)}" width="${px(box.right - box.left + 16)}" height="26" fill="white" stroke="black" stroke-width="0.6"/>`);
  parts.push(`<line x1="${px(lx)}" y1="${px(ly - 4)}" x2="${px(lx + 30)}" y2="${px(ly - 4)}" stroke="black" stroke-width="2"/>`);
  parts.push(markerUse(0, lx + 15, ly - 4, true));
  parts.push(text(lx + 38, ly, 'exponent e of d in T ≍ d<tspan baseline-shift="super" font-size="9">e</tspan> (● at a breakpoint)', ' class="legend-entry"'));
  const bx = lx + 330;
  parts.push(`<line x1="${px(bx)}" y1="${px(ly - 4)}" x2="${px(bx + 30)}" y2="${px(ly - 4)}" stroke="black" stroke-width="1" stroke-dasharray="6 4"/>`);
  parts.push(text(bx + 38, ly, 'breakpoint α* (label: its exact value)', ' class="legend-entry"'));
  parts.push('</g>');
  return svgDocument(PHASE_WIDTH, PHASE_HEIGHT, title, box, parts.join('\n'));
}

function regimeTex(p: PhasePiece): string {
  return `${escapeLatex(p.regime)}, $y^{${p.labelPower}}$${p.log ? ', $\\log d$' : ''}`;
}

function rationalTex(label: string): string {
  const m = /^(-?)(\d+)\/(\d+)$/.exec(label.trim());
  return m ? `$${m[1]}\\frac{${m[2]}}{${m[3]}}$` : `$${escapeLatex(label)}$`;
}

export function phaseDiagramPgfplots(result: ThresholdResult): string {
  const f = phaseDiagramFrame(result);
  const pieces = numericPieces(result.phaseDiagram.pieces, f.xMax);
  const options = [
    `title={${escapeLatex(titleOf(result))}}`,
    'title style={font=\\small, text width=10cm, align=center}',
    'xlabel={$\\alpha$, with $\\eta = d^{-\\alpha}$}',
    'ylabel={exponent of $d$ in $T$}',
    'width=10cm',
    'height=6.5cm',
    `xmin=0, xmax=${texNumber(f.xMax)}`,
    `ymin=${texNumber(f.yMin)}, ymax=${texNumber(f.yMax)}`,
    'legend style={at={(0.5,-0.22)}, anchor=north, legend columns=2, font=\\footnotesize}',
    'clip marker paths=true',
  ];
  const body: string[] = [];
  if (pieces.length === 0) {
    const note = result.phaseDiagram.note ?? 'no exact phase diagram for this oracle';
    body.push('\\addplot[draw=none, forget plot] coordinates {(0,0)};');
    body.push(`\\node[align=center, text width=8cm, font=\\small] at (axis cs:${texNumber(f.xMax / 2)},${texNumber((f.yMin + f.yMax) / 2)}) {No exact phase diagram:\\\\ ${escapeLatex(note)}};`);
  } else {
    body.push(`\\addplot[black, very thick] ${coordinates(f.vertices)};`);
    body.push('\\addlegendentry{exponent $e$ of $d$ in $T \\asymp d^{e}$}');
    for (const b of f.breakpoints) {
      body.push(`\\addplot[black, dashed, forget plot] coordinates {(${texNumber(b.alpha)},${texNumber(f.yMin)}) (${texNumber(b.alpha)},${texNumber(f.yMax)})};`);
      body.push(`\\node[anchor=north west, font=\\footnotesize] at (axis cs:${texNumber(b.alpha)},${texNumber(f.yMax)}) {${rationalTex(b.label)}};`);
      const v = f.vertices.find((w) => Math.abs(w[0] - b.alpha) < 1e-12);
      if (v) body.push(`\\addplot[black, only marks, mark=*, forget plot] coordinates {(${texNumber(v[0])},${texNumber(v[1])})};`);
    }
    if (f.breakpoints.length > 0) {
      body.push('\\addlegendimage{black, dashed}');
      body.push('\\addlegendentry{breakpoint $\\alpha^*$}');
    }
    for (const p of pieces) {
      const mid = (p.from + p.to) / 2;
      body.push(`\\node[${p.slope > 0 ? 'above left' : p.slope < 0 ? 'above right' : 'above'}, font=\\scriptsize\\itshape] at (axis cs:${texNumber(mid)},${texNumber(p.slope * mid + p.intercept)}) {${regimeTex(p.piece)}};`);
    }
  }
  return tikzpicture(options, body);
}
